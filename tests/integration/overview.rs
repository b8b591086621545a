//! Task lists and the dashboard: a department sees exactly its sub-items; counts follow saves.

use taizhang_core::status::Status;
use taizhang_core::alerts::Level;
use crate::progress::{input, office};
use chrono::NaiveDate;
use taizhang_core::overview::{dashboard, task_rows, TaskFilter};
use taizhang_core::progress::{save_progress, ProgressInput};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 30).expect("date")
}

#[test]
fn a_department_sees_exactly_its_subitems() {
    let (_dir, store, _, _, _) = office();
    let plan = taizhang_core::service::plan_tree(&store, None).expect("plan");
    let filter = TaskFilter { department: Some("农业局".into()), ..TaskFilter::default() };
    let rows = task_rows(&store, "2026Q4", &filter, today()).expect("rows");
    let expected: Vec<&str> = plan.subitems().filter(|s| s.lead.iter().chain(&s.cooperating).any(|d| d == "农业局")).map(|s| s.code.as_str()).collect();
    assert_eq!(rows.iter().map(|r| r.code.as_str()).collect::<Vec<_>>(), expected, "exactly the sub-items naming 农业局");
    let all = task_rows(&store, "2026Q4", &TaskFilter::default(), today()).expect("rows");
    assert_eq!(all.len(), 138, "the county list has all 138 sub-items");
    let searched = task_rows(&store, "2026Q4", &TaskFilter { query: Some("农膜回收".into()), ..TaskFilter::default() }, today()).expect("rows");
    assert!(searched.iter().any(|r| r.code == "9.1.1.2") && searched.len() < 10, "full-text search finds 农膜回收");
    let short = task_rows(&store, "2026Q4", &TaskFilter { query: Some("农膜".into()), ..TaskFilter::default() }, today()).expect("rows");
    assert!(short.iter().any(|r| r.code == "9.1.1.2"), "two characters are searched too");
}

#[test]
fn dashboard_counts_follow_saved_progress() {
    let (dir, store, admin, nyj, _) = office();
    let before = dashboard(&store, &admin, "2026Q4", today()).expect("dashboard");
    assert_eq!(before.total, 138, "the county dashboard covers 138 sub-items");
    let unreported = |d: &taizhang_core::overview::Dashboard| d.by_status.iter().find(|c| c.name == Status::NotReported).map_or(0, |c| c.count);
    assert_eq!(unreported(&before), 138, "nothing reported yet");
    assert!(before.by_alert.iter().any(|c| c.name == Level::Red && c.count > 0), "deadlines of 2017–2020 are overdue in 2026");
    save_progress(&store, &nyj, &dir.path().join("e"), &ProgressInput { status: Status::Completed, percent: 100, submit: true, ..input("1.1.1.3", 0) }).expect("saved");
    let after = dashboard(&store, &admin, "2026Q4", today()).expect("dashboard");
    assert_eq!(unreported(&after), 137, "one sub-item reported");
    assert_eq!(after.by_status.iter().find(|c| c.name == Status::Completed).map(|c| c.count), Some(1), "one completed");
    let red = |d: &taizhang_core::overview::Dashboard| d.by_alert.iter().find(|c| c.name == Level::Red).map_or(0, |c| c.count);
    assert_eq!(red(&after), red(&before) - 1, "the completed overdue task is no longer red");
    let mine = dashboard(&store, &nyj, "2026Q4", today()).expect("dashboard");
    assert_eq!(mine.scope, "农业局", "a department's dashboard is its own");
    assert!(mine.by_department.is_empty() && !after.by_department.is_empty(), "only the county sees departments");
}
