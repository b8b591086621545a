//! Accounts: first-start setup, sign-in, roles, and the coordinator creating accounts.

use crate::util::seeded_store;
use taizhang_core::accounts::{create_account, is_set_up, list_accounts, setup, sign_in, sign_in_at, AccountInput, Role, SetupInput};
use taizhang_core::profile::{self, Profile};
use taizhang_core::Error;

pub fn coordinator_setup() -> SetupInput {
    SetupInput { unit_kind: Role::Coordinator, department: None, unit_name: Some("梨树县环保局（汇总）".into()), username: "admin".into(), display_name: Some("管理员".into()), password: "secret123".into(), profile: Default::default() }
}

pub fn department_account(username: &str, department: &str) -> AccountInput {
    AccountInput { username: username.into(), display_name: None, role: Role::Department, department: Some(department.into()), password: "secret123".into(), is_admin: false, profile: Default::default() }
}

#[test]
fn first_start_creates_the_administrator_once() {
    let (_dir, store, _) = seeded_store();
    assert!(!is_set_up(&store).expect("state"), "a new PC is not set up");
    let session = setup(&store, &coordinator_setup()).expect("setup");
    assert!(session.is_coordinator(), "the administrator of the coordinating office is a coordinator");
    assert!(matches!(setup(&store, &coordinator_setup()), Err(Error::AlreadySetUp)), "setup cannot run twice");
    let hash: String = store_hash(&store);
    assert!(hash.starts_with("$argon2id$") && !hash.contains("secret123"), "the password is stored as an argon2id hash");
}

fn store_hash(store: &taizhang_core::store::Store) -> String {
    store.account_by_username("admin").expect("query").expect("admin exists").password_hash
}

#[test]
fn a_department_pc_is_set_up_for_one_department() {
    let (_dir, store, _) = seeded_store();
    let input = SetupInput { unit_kind: Role::Department, department: Some("农委".into()), unit_name: None, username: "nyj".into(), display_name: None, password: "secret123".into(), profile: Default::default() };
    let session = setup(&store, &input).expect("setup");
    assert_eq!((session.role, session.department.as_deref()), (Role::Department, Some("农业局")), "an alias resolves to the department");
    let unknown = SetupInput { department: Some("不存在局".into()), ..input };
    let (_dir2, store2, _) = seeded_store();
    assert!(matches!(setup(&store2, &unknown), Err(Error::DepartmentNotFound(_))), "an unknown department is refused");
    assert!(!is_set_up(&store2).expect("state"), "and nothing was created");
}

#[test]
fn sign_in_checks_the_password() {
    let (_dir, store, _) = seeded_store();
    setup(&store, &coordinator_setup()).expect("setup");
    assert!(sign_in(&store, "admin", "secret123").is_ok(), "right password");
    assert!(matches!(sign_in(&store, "admin", "wrong-password"), Err(Error::BadCredentials)), "wrong password");
    assert!(matches!(sign_in(&store, "nobody", "secret123"), Err(Error::BadCredentials)), "unknown user, same message");
}

#[test]
fn only_the_coordinator_creates_accounts() {
    let (_dir, store, _) = seeded_store();
    let admin = setup(&store, &coordinator_setup()).expect("setup");
    let account = create_account(&store, &admin, &department_account("nyj", "县农业局")).expect("created");
    assert_eq!(account.department.as_deref(), Some("农业局"), "a department account");
    let nyj = sign_in(&store, "nyj", "secret123").expect("signs in");
    assert!(matches!(create_account(&store, &nyj, &department_account("gaj", "公安局")), Err(Error::Forbidden(_))), "a department cannot create accounts");
    assert!(matches!(create_account(&store, &admin, &department_account("nyj", "农业局")), Err(Error::InvalidInput(_))), "user names are unique");
    let short = AccountInput { password: "1234567".into(), ..department_account("x", "农业局") };
    assert!(matches!(create_account(&store, &admin, &short), Err(Error::InvalidInput(m)) if m.contains('8')), "passwords of at least 8 characters");
    assert_eq!(list_accounts(&store, &nyj).expect("list").len(), 1, "a department user sees only itself");
    assert_eq!(list_accounts(&store, &admin).expect("list").len(), 2, "the coordinator sees all");
}

#[test]
fn an_account_is_created_with_its_reporter_and_phone() {
    let (_dir, store, _) = seeded_store();
    let admin = setup(&store, &coordinator_setup()).expect("setup");
    let profile = Profile { reporter: " 李四 ".into(), phone: "0434-5221234 转 8".into() };
    let created = create_account(&store, &admin, &AccountInput { profile, ..department_account("nyj", "农业局") }).expect("created");
    assert_eq!((created.profile.reporter.as_str(), created.profile.phone.as_str()), ("李四", "0434-5221234 转 8"), "trimmed and kept");
    let nyj = sign_in(&store, "nyj", "secret123").expect("signs in");
    assert_eq!(profile::profile(&store, &nyj).expect("profile").reporter, "李四", "the account reads its own");
    let letters = AccountInput { profile: Profile { reporter: "赵六".into(), phone: "手机".into() }, ..department_account("gaj", "公安局") };
    assert!(matches!(create_account(&store, &admin, &letters), Err(Error::InvalidInput(m)) if m.contains("联系电话")), "a number with letters is refused");
    let long = Profile { reporter: "长".repeat(31), phone: String::new() };
    assert!(matches!(profile::update_profile(&store, &nyj, &long), Err(Error::InvalidInput(m)) if m.contains("填报人")), "a name past 30 characters is refused");
    assert_eq!(profile::profile(&store, &nyj).expect("profile").reporter, "李四", "and nothing changed");
}

#[test]
fn wrong_passwords_make_the_next_attempt_wait_and_ten_lock_the_account() {
    let (_dir, store, _) = seeded_store();
    let admin = setup(&store, &coordinator_setup()).expect("setup");
    create_account(&store, &admin, &department_account("nyj", "农业局")).expect("account");
    let start = chrono::DateTime::parse_from_rfc3339("2026-12-01T08:00:00Z").expect("time").with_timezone(&chrono::Utc);
    let at = |seconds: i64| start + chrono::Duration::seconds(seconds);
    for attempt in 0..3 {
        assert!(matches!(sign_in_at(&store, "nyj", "wrong-pass", at(attempt)), Err(Error::BadCredentials)), "failure {}", attempt + 1);
    }
    let refused = sign_in_at(&store, "nyj", "secret123", at(3));
    assert!(matches!(&refused, Err(Error::TryLater { failures: 3, .. })), "even the right password waits after three failures: {refused:?}");
    assert!(refused.err().map(|e| e.to_string()).is_some_and(|m| m.contains("请") && m.contains("秒")), "the message says how long");
    assert!(sign_in_at(&store, "nyj", "secret123", at(2 + 5)).is_ok(), "5 s after the third failure it signs in");
    assert!(sign_in_at(&store, "nyj", "wrong-pass", at(8)).is_err() && sign_in_at(&store, "nyj", "wrong-pass", at(9)).is_err(), "a success starts the count again: two free failures");
    let mut now = 100;
    for _ in 2..10 {
        now += 400;
        assert!(matches!(sign_in_at(&store, "nyj", "wrong-pass", at(now)), Err(Error::BadCredentials)), "each failure after its wait");
    }
    assert!(matches!(sign_in_at(&store, "nyj", "secret123", at(now + 1200)), Err(Error::TryLater { failures: 10, wait }) if wait.contains("分钟")), "ten lock it for minutes");
    assert!(sign_in_at(&store, "nyj", "secret123", at(now + 1801)).is_ok(), "and the lock ends after 30 minutes");
    assert!(matches!(sign_in_at(&store, "nobody", "secret123", at(now + 1802)), Err(Error::BadCredentials)), "an unknown user gets the same answer");
    let log = taizhang_core::admin::audit_log(&store, &admin, 100).expect("log");
    let failures: Vec<&str> = log.iter().filter(|e| e.action == "登录失败").map(|e| e.detail.as_str()).collect();
    assert_eq!(failures.len(), 14, "every failure is logged: {failures:?}");
    assert!(failures.iter().any(|d| d.contains("锁定 30 分钟")) && failures.contains(&"无此用户"), "with what happened: {failures:?}");
}
