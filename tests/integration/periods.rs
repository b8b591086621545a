//! Reporting periods: who may create, open and close them.

use taizhang_core::periods::PeriodStatus;
use crate::accounts::{coordinator_setup, department_account};
use crate::util::seeded_store;
use taizhang_core::accounts::{create_account, setup, sign_in, Role, SetupInput};
use taizhang_core::periods::{create_period, list_periods, set_period_open};
use taizhang_core::Error;

#[test]
fn the_coordinator_creates_opens_and_closes_periods() {
    let (_dir, store, _) = seeded_store();
    let admin = setup(&store, &coordinator_setup()).expect("setup");
    let period = create_period(&store, &admin, "2026q4").expect("created");
    assert_eq!((period.key.as_str(), period.label.as_str(), period.status), ("2026Q4", "2026年第四季度", PeriodStatus::Open), "canonical key");
    assert!(matches!(create_period(&store, &admin, "2026Q4"), Err(Error::InvalidInput(_))), "no duplicates");
    assert!(matches!(create_period(&store, &admin, "2026Q5"), Err(Error::InvalidInput(_))), "bad keys refused");
    assert_eq!(set_period_open(&store, &admin, "2026Q4", false).expect("closed").status, PeriodStatus::Closed, "closed");
    create_account(&store, &admin, &department_account("nyj", "农业局")).expect("account");
    let nyj = sign_in(&store, "nyj", "secret123").expect("signs in");
    assert!(matches!(create_period(&store, &nyj, "2027"), Err(Error::Forbidden(_))), "a department on the coordinator's PC cannot");
    assert!(matches!(set_period_open(&store, &nyj, "2026Q4", true), Err(Error::Forbidden(_))), "nor reopen a period");
    assert_eq!(list_periods(&store).expect("list").len(), 1, "one period");
}

#[test]
fn a_department_pc_without_coordinator_creates_its_periods() {
    let (_dir, store, _) = seeded_store();
    let input = SetupInput { unit_kind: Role::Department, department: Some("公安局".into()), unit_name: None, username: "gaj".into(), display_name: None, password: "secret123".into(), profile: Default::default() };
    let gaj = setup(&store, &input).expect("setup");
    assert_eq!(create_period(&store, &gaj, "2026M11").expect("created").key, "2026M11", "a month period");
}

#[test]
fn a_period_written_another_way_is_the_same_period() {
    let (_dir, store, _) = seeded_store();
    let admin = setup(&store, &coordinator_setup()).expect("setup");
    assert_eq!(create_period(&store, &admin, "2026q04").expect("created").key, "2026Q4", "stored under its canonical key");
    for written in ["2026Q4", "2026Q04", " 2026 q 4 "] {
        assert!(matches!(create_period(&store, &admin, written), Err(Error::InvalidInput(m)) if m.contains("已存在")), "{written:?} is the existing 2026Q4");
    }
    for malformed in ["2026Q+4", "2026H02x", "+026Q4"] {
        assert!(matches!(create_period(&store, &admin, malformed), Err(Error::InvalidInput(m)) if m.contains("格式不对")), "{malformed:?} is refused");
    }
    assert_eq!(list_periods(&store).expect("periods").len(), 1, "one period, however it was written");
}
