//! office_accounts: administrators on department PCs, disabling and resetting accounts, changing
//! passwords, the recovery code, sessions that follow the account, idle sign-out, and history
//! tables that refuse tampering.

use crate::accounts::department_account;
use crate::progress::input;
use crate::util::{fresh_db, seeded_store};
use std::time::{Duration, Instant};
use taizhang_core::accounts::{
    change_password, create_account, current_session, list_accounts, new_recovery_code, recover_administrator, reset_password, set_account_enabled, setup_with_recovery, sign_in,
    AccountInput, Role, SetupInput, SignedIn,
};
use taizhang_core::admin::{settings, update_settings};
use taizhang_core::progress::{progress_record, reopen_progress, save_progress, ProgressInput};
use taizhang_core::store::Store;
use taizhang_core::Error;

/// A department PC of 农业局: its head `nyj-admin` (the setup administrator), a clerk `clerk`.
fn department_pc() -> (tempfile::TempDir, Store, String) {
    let (dir, store, _) = seeded_store();
    let input = SetupInput {
        unit_kind: Role::Department,
        department: Some("农业局".into()),
        unit_name: None,
        username: "nyj-admin".into(),
        display_name: Some("王科长".into()),
        password: "head-pass-1".into(),
        profile: Default::default(),
    };
    let outcome = setup_with_recovery(&store, &input).expect("setup");
    assert!(outcome.session.is_admin, "the setup administrator is an administrator");
    taizhang_core::periods::create_period(&store, &outcome.session, "2026Q4").expect("a department PC opens its own period");
    create_account(&store, &outcome.session, &department_account("clerk", "农业局")).expect("the head creates a clerk");
    (dir, store, outcome.recovery_code)
}

#[test]
fn a_department_head_manages_its_own_clerks_only() {
    let (_dir, store, _) = department_pc();
    let head = sign_in(&store, "nyj-admin", "head-pass-1").expect("head");
    let other = create_account(&store, &head, &department_account("gaj", "公安局"));
    assert!(matches!(other, Err(Error::Forbidden(_))), "no account for another department: {other:?}");
    let admin = AccountInput { is_admin: true, ..department_account("deputy", "农业局") };
    assert!(matches!(create_account(&store, &head, &admin), Err(Error::Forbidden(_))), "a department head makes clerks, not administrators");
    let listed = list_accounts(&store, &head).expect("list");
    let clerk_row = listed.iter().find(|a| a.username == "clerk").expect("the clerk is listed");
    assert!(clerk_row.manageable && !clerk_row.disabled, "and may be managed");

    let clerk = sign_in(&store, "clerk", "secret123").expect("clerk signs in");
    assert!(matches!(set_account_enabled(&store, &clerk, "nyj-admin", false), Err(Error::Forbidden(_))), "a clerk manages nobody");
    assert!(matches!(set_account_enabled(&store, &head, "nyj-admin", false), Err(Error::Forbidden(_))), "nobody disables themselves");
    set_account_enabled(&store, &head, "clerk", false).expect("disabled");
    assert!(matches!(current_session(&store, clerk.account_id), Err(Error::AccountDisabled)), "a disabled account's session ends at once");
    assert!(matches!(sign_in(&store, "clerk", "secret123"), Err(Error::BadCredentials)), "and it cannot sign in");
    assert!(matches!(create_account(&store, &head, &department_account("clerk", "农业局")), Err(Error::InvalidInput(_))), "its name stays taken");

    reset_password(&store, &head, "clerk", "new-clerk-pass").expect("reset (also enables)");
    let again = sign_in(&store, "clerk", "new-clerk-pass").expect("the clerk signs in with the new password");
    assert!(matches!(change_password(&store, &again, "wrong-current", "another-pass"), Err(Error::BadCredentials)), "the current password is confirmed");
    assert!(matches!(change_password(&store, &again, "new-clerk-pass", "short"), Err(Error::InvalidInput(_))), "8 characters at least");
    change_password(&store, &again, "new-clerk-pass", "clerk-own-pass").expect("changed");
    sign_in(&store, "clerk", "clerk-own-pass").expect("the changed password works");
    let actions: Vec<String> = taizhang_core::admin::audit_log(&store, &head, 100).expect("log").into_iter().map(|e| e.action).collect();
    for action in ["停用账户", "重置密码", "修改密码", "创建账户"] {
        assert!(actions.iter().any(|a| a == action), "{action} is logged: {actions:?}");
    }
}

#[test]
fn a_department_head_reopens_its_own_submission_until_it_is_exported() {
    let (dir, store, _) = department_pc();
    let head = sign_in(&store, "nyj-admin", "head-pass-1").expect("head");
    let clerk = sign_in(&store, "clerk", "secret123").expect("clerk");
    let evidence = dir.path().join("evidence");
    save_progress(&store, &clerk, &evidence, &ProgressInput { submit: true, ..input("1.1.1.2", 0) }).expect("submitted");
    assert!(progress_record(&store, &head, "1.1.1.2", None, "2026Q4").expect("record").can_reopen, "the head is offered 退回修改");
    assert!(matches!(reopen_progress(&store, &clerk, "1.1.1.2", "农业局", "2026Q4", "填错了"), Err(Error::Forbidden(_))), "a clerk cannot reopen");
    assert!(matches!(reopen_progress(&store, &head, "1.1.1.2", "农业局", "2026Q4", "  "), Err(Error::InvalidInput(_))), "a reason is required");
    let reopened = reopen_progress(&store, &head, "1.1.1.2", "农业局", "2026Q4", "面积填错了").expect("the head reopens");
    assert!(reopened.editable, "editable again");
    save_progress(&store, &clerk, &evidence, &ProgressInput { submit: true, ..input("1.1.1.2", 2) }).expect("corrected and submitted");
    let log = taizhang_core::admin::audit_log(&store, &head, 100).expect("log");
    assert!(log.iter().any(|e| e.action == "退回修改" && e.detail == "面积填错了" && e.username == "nyj-admin"), "audited with the reason");

    let request = taizhang_core::report::ReportRequest { kind: "department".into(), period: Some("2026Q4".into()), department: Some("农业局".into()), ..Default::default() };
    taizhang_core::report::export_as(&store, &clerk, &request, &dir.path().join("农业局.xlsx"), crate::report::today()).expect("exported: handed upward");
    let late = reopen_progress(&store, &head, "1.1.1.2", "农业局", "2026Q4", "又错了");
    assert!(matches!(&late, Err(Error::Forbidden(m)) if m.contains("导出上报")), "after the export only the coordinator may reopen: {late:?}");
    assert!(!progress_record(&store, &head, "1.1.1.2", None, "2026Q4").expect("record").can_reopen, "and it is no longer offered");
}

#[test]
fn the_recovery_code_sets_a_new_administrator_password_once() {
    let (_dir, store, code) = department_pc();
    assert_eq!(code.len(), 19, "four groups of four: {code}");
    assert!(matches!(recover_administrator(&store, "AAAA-BBBB-CCCC-DDDD", "nyj-admin", "new-head-pass"), Err(Error::BadCredentials)), "a wrong code is refused");
    assert!(matches!(recover_administrator(&store, &code, "clerk", "new-head-pass"), Err(Error::BadCredentials)), "only for an administrator");
    let typed = code.to_lowercase().replace('-', " ");
    let outcome = recover_administrator(&store, &typed, "nyj-admin", "new-head-pass").expect("recovered (typed in lower case, with spaces)");
    assert!(outcome.session.is_admin && outcome.recovery_code != code, "signed in, with a new code");
    sign_in(&store, "nyj-admin", "new-head-pass").expect("the new password works");
    assert!(matches!(recover_administrator(&store, &code, "nyj-admin", "third-pass-1"), Err(Error::BadCredentials)), "the used code is spent");
    let replaced = new_recovery_code(&store, &outcome.session).expect("a new code on demand");
    assert!(matches!(recover_administrator(&store, &outcome.recovery_code, "nyj-admin", "third-pass-1"), Err(Error::BadCredentials)), "a replaced code stops working");
    recover_administrator(&store, &replaced, "nyj-admin", "third-pass-1").expect("the newest code works");
    let log = taizhang_core::admin::audit_log(&store, &outcome.session, 100).expect("log");
    assert!(log.iter().any(|e| e.action == "用恢复码重设管理员密码"), "recovery is logged");
}

#[test]
fn sessions_follow_renames_and_merges() {
    let (dir, store, admin, nyj, _) = crate::progress::office();
    let evidence = dir.path().join("evidence");
    taizhang_core::admin::rename_department(&store, &admin, "农业局", "农业农村局").expect("renamed");
    let renamed = current_session(&store, nyj.account_id).expect("still signed in");
    assert_eq!(renamed.department.as_deref(), Some("农业农村局"), "the session shows the new name");
    save_progress(&store, &renamed, &evidence, &input("1.1.1.2", 0)).expect("and saves are accepted");
    create_account(&store, &admin, &department_account("xmj", "畜牧局")).expect("account");
    let xmj = sign_in(&store, "xmj", "secret123").expect("xmj");
    taizhang_core::admin::merge_department(&store, &admin, "畜牧局", "农业农村局").expect("merged");
    let merged = current_session(&store, xmj.account_id).expect("the merged department's account still works");
    assert_eq!(merged.department.as_deref(), Some("农业农村局"), "it acts for the department it was merged into");
    let record = progress_record(&store, &merged, "1.1.1.2", None, "2026Q4").expect("reads the merged department's record");
    assert!(record.editable, "and may continue it");
}

#[test]
fn an_idle_session_ends_after_the_time_the_administrator_set() {
    let (_dir, store, admin, nyj, _) = crate::progress::office();
    assert_eq!(settings(&store).expect("settings").idle_minutes, 30, "half an hour by default");
    let start = Instant::now();
    let mut signed_in = SignedIn::new(&nyj);
    signed_in.resume(&store, start + Duration::from_secs(29 * 60)).expect("used within 30 minutes");
    let idle = signed_in.resume(&store, start + Duration::from_secs(60 * 60));
    assert!(matches!(idle, Err(Error::IdleSignedOut(30))), "31 minutes after the last use it has ended: {idle:?}");
    let current = settings(&store).expect("settings");
    let shorter = taizhang_core::admin::Settings { idle_minutes: 5, ..current.clone() };
    assert!(matches!(update_settings(&store, &nyj, &shorter), Err(Error::Forbidden(_))), "a clerk does not set it");
    let zero = taizhang_core::admin::Settings { idle_minutes: 0, ..current };
    assert!(matches!(update_settings(&store, &admin, &zero), Err(Error::InvalidInput(_))), "0 minutes is refused");
    assert_eq!(update_settings(&store, &admin, &shorter).expect("set").idle_minutes, 5, "an administrator sets 5 minutes");
    let mut again = SignedIn::new(&nyj);
    assert!(matches!(again.resume(&store, Instant::now() + Duration::from_secs(6 * 60)), Err(Error::IdleSignedOut(5))), "now 6 minutes are too many");
    let log = taizhang_core::admin::audit_log(&store, &admin, 100).expect("log");
    assert!(log.iter().any(|e| e.action == "自动退出登录" && e.username == "nyj"), "logged");
}

#[test]
fn a_department_reads_the_progress_of_its_own_rows_only() {
    let (dir, store, admin, nyj, gaj) = crate::progress::office();
    save_progress(&store, &gaj, &dir.path().join("e"), &input("4.3.1.4", 0)).expect("公安局 saves");
    let filter = taizhang_core::task_list::TaskFilter::default();
    let today = crate::report::today();
    let seen_by = |session| taizhang_core::task_list::task_rows_as(&store, session, "2026Q4", &filter, today).expect("rows");
    let county = seen_by(&admin);
    let farm = seen_by(&nyj);
    assert_eq!(county.len(), farm.len(), "every department sees the whole plan");
    let row = |rows: &[taizhang_core::task_list::TaskRow]| rows.iter().find(|r| r.code == "4.3.1.4").cloned().expect("row");
    assert_eq!(row(&county).percent, Some(60), "the coordinator reads 公安局's progress");
    let withheld = row(&farm);
    assert!(withheld.withheld && withheld.percent.is_none() && withheld.state.is_none(), "农业局 does not: {withheld:?}");
    assert!(farm.iter().filter(|r| r.department == "农业局").all(|r| !r.withheld), "its own rows are shown in full");
}

#[test]
fn history_tables_refuse_changes_and_deletions() {
    let (dir, path) = fresh_db();
    let store = taizhang_core::database::open_database(Some(&path)).expect("opens");
    let admin = taizhang_core::accounts::setup(&store, &crate::accounts::coordinator_setup()).expect("setup");
    taizhang_core::periods::create_period(&store, &admin, "2026Q4").expect("period");
    let file = dir.path().join("照片.txt");
    std::fs::write(&file, "现场照片").expect("evidence file");
    let target = taizhang_core::progress::TargetValueInput { index: 0, value: Some(12.5), note: "亩".into() };
    let saved = ProgressInput { department: Some("农业局".into()), targets: vec![target], evidence: vec![file], ..input("1.1.1.3", 0) };
    save_progress(&store, &admin, &dir.path().join("evidence"), &saved).expect("saved with a target value and a file");
    drop(store);
    let conn = rusqlite::Connection::open(&path).expect("a second connection, as a tamperer would open it");
    for (table, change) in [("progress_target_values", "value = 99"), ("evidence_files", "original_name = 'x'"), ("audit_log", "detail = 'x'"), ("progress_versions", "percent = 1")] {
        let count = |conn: &rusqlite::Connection| conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get::<_, i64>(0)).expect("count");
        let before = count(&conn);
        assert!(before > 0, "{table} holds rows");
        assert!(conn.execute(&format!("UPDATE {table} SET {change}"), []).is_err(), "{table} refuses updates");
        assert!(conn.execute(&format!("DELETE FROM {table}"), []).is_err(), "{table} refuses deletions");
        assert_eq!(count(&conn), before, "{table} is as it was");
    }
}

#[test]
fn an_unknown_name_is_made_to_wait_like_an_account_so_waiting_confirms_nothing() {
    let (_dir, store, _, _, _) = crate::progress::office();
    let now = chrono::Utc::now();
    for (name, kind) in [("nyj", "an account"), ("nobody-here", "no account")] {
        for _ in 0..3 {
            assert!(matches!(taizhang_core::accounts::sign_in_at(&store, name, "wrong-pass", now), Err(Error::BadCredentials)), "{kind}: a wrong password");
        }
        let fourth = taizhang_core::accounts::sign_in_at(&store, name, "wrong-pass", now);
        assert!(matches!(fourth, Err(Error::TryLater { failures: 3, .. })), "{kind}: the fourth attempt has to wait: {fourth:?}");
    }
}
