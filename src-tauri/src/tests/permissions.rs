//! The permission matrix: every command the page can call, by every kind of account (the
//! coordinator's administrator and a colleague, a department's head and its clerk), on its own
//! department's things and on another's. A refusal is `forbidden` and changes nothing; whatever
//! is allowed is never refused for permission.

use super::{setup_coordinator, Harness};
use crate::AppState;
use serde_json::{json, Value};
use tauri::Manager;

/// Who acts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Who {
    /// The coordinator's administrator.
    Admin,
    /// A coordinator account that is not an administrator.
    Staff,
    /// 农业局's administrator (its head).
    Head,
    /// 农业局's clerk.
    Clerk,
}

const EVERYONE: &[Who] = &[Who::Admin, Who::Staff, Who::Head, Who::Clerk];
const COORDINATORS: &[Who] = &[Who::Admin, Who::Staff];
const ADMINS: &[Who] = &[Who::Admin, Who::Head];
/// The administrator of the PC as a whole (here the coordinator's).
const PC_ADMIN: &[Who] = &[Who::Admin];

impl Who {
    fn username(self) -> &'static str {
        match self {
            Who::Admin => "admin",
            Who::Staff => "staff",
            Who::Head => "nyj-head",
            Who::Clerk => "nyj",
        }
    }
}

/// Whose thing a command acts on: 农业局's (the department's own) or 公安局's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Whose {
    Own,
    Other,
}

/// A command, who may call it on its own department's things and on another's, and its arguments.
struct Case {
    command: &'static str,
    own: &'static [Who],
    other: &'static [Who],
    args: fn(Whose, usize, &std::path::Path) -> Value,
}

fn department(whose: Whose) -> &'static str {
    match whose {
        Whose::Own => "农业局",
        Whose::Other => "公安局",
    }
}

/// A sub-item each department leads, submitted in the fixture.
fn code(whose: Whose) -> &'static str {
    match whose {
        Whose::Own => "1.1.1.2",
        Whose::Other => "4.3.1.4",
    }
}

/// A clerk account of each department besides the acting ones.
fn clerk(whose: Whose) -> &'static str {
    match whose {
        Whose::Own => "nyj2",
        Whose::Other => "gaj2",
    }
}

fn progress(whose: Whose) -> Value {
    json!({"code": code(whose), "department": department(whose), "period": "2026Q4", "status": "序时推进", "percent": 50, "progress": "推进中", "reporter": "张三", "opened_version": 0})
}

fn sheet(whose: Whose, n: usize, dir: &std::path::Path) -> Value {
    json!({"request": {"kind": "department", "period": "2026Q4", "department": department(whose)}, "path": dir.join(format!("sheet-{n}.xlsx"))})
}

const CASES: &[Case] = &[
    Case { command: "app_status", own: EVERYONE, other: EVERYONE, args: |_, _, _| json!({}) },
    Case { command: "about", own: EVERYONE, other: EVERYONE, args: |_, _, _| json!({}) },
    Case { command: "keep_alive", own: EVERYONE, other: EVERYONE, args: |_, _, _| json!({}) },
    Case { command: "plan_tree", own: EVERYONE, other: EVERYONE, args: |_, _, _| json!({}) },
    Case { command: "departments", own: EVERYONE, other: EVERYONE, args: |_, _, _| json!({}) },
    Case { command: "department_choices", own: EVERYONE, other: EVERYONE, args: |_, _, _| json!({}) },
    Case { command: "task_rows", own: EVERYONE, other: EVERYONE, args: |w, _, _| json!({"period": "2026Q4", "filter": {"department": department(w)}}) },
    Case { command: "dashboard", own: EVERYONE, other: EVERYONE, args: |_, _, _| json!({"period": "2026Q4"}) },
    Case { command: "progress_record", own: EVERYONE, other: COORDINATORS, args: |w, _, _| json!({"code": code(w), "department": department(w), "period": "2026Q4"}) },
    Case { command: "save_progress", own: EVERYONE, other: COORDINATORS, args: |w, _, _| json!({"input": progress(w)}) },
    Case { command: "reopen_progress", own: &[Who::Admin, Who::Staff, Who::Head], other: COORDINATORS, args: |w, _, _| json!({"code": code(w), "department": department(w), "period": "2026Q4", "reason": "数字有误"}) },
    Case { command: "open_evidence", own: EVERYONE, other: COORDINATORS, args: |w, _, _| json!({"record": {"code": code(w), "department": department(w), "period": "2026Q4"}, "sha256": "0".repeat(64)}) },
    Case { command: "list_periods", own: EVERYONE, other: EVERYONE, args: |_, _, _| json!({}) },
    Case { command: "create_period", own: COORDINATORS, other: COORDINATORS, args: |_, n, _| json!({"key": format!("{}", 2030 + n)}) },
    Case { command: "set_period_open", own: COORDINATORS, other: COORDINATORS, args: |_, _, _| json!({"key": "2026Q4", "open": true}) },
    Case { command: "list_accounts", own: EVERYONE, other: EVERYONE, args: |_, _, _| json!({}) },
    Case {
        command: "create_account",
        own: ADMINS,
        other: &[Who::Admin],
        args: |w, n, _| json!({"input": {"username": format!("new{n}"), "role": "department", "department": department(w), "password": "secret123"}}),
    },
    Case { command: "set_account_enabled", own: ADMINS, other: &[Who::Admin], args: |w, _, _| json!({"username": clerk(w), "enabled": false}) },
    Case { command: "reset_password", own: ADMINS, other: &[Who::Admin], args: |w, _, _| json!({"username": clerk(w), "new_password": "reset-pass-1"}) },
    Case { command: "change_password", own: EVERYONE, other: EVERYONE, args: |_, _, _| json!({"current": "secret123", "new_password": "secret123"}) },
    Case { command: "new_recovery_code", own: PC_ADMIN, other: PC_ADMIN, args: |_, _, _| json!({}) },
    Case { command: "rename_department", own: COORDINATORS, other: COORDINATORS, args: |_, n, _| json!({"department": "财政局", "new_name": format!("财政局{n}")}) },
    Case { command: "merge_department", own: COORDINATORS, other: COORDINATORS, args: |_, _, _| json!({"from": "水务局", "into": "林业局"}) },
    Case { command: "add_alias", own: COORDINATORS, other: COORDINATORS, args: |_, n, _| json!({"department": "林业局", "alias": format!("林业{n}")}) },
    Case { command: "get_settings", own: EVERYONE, other: EVERYONE, args: |_, _, _| json!({}) },
    Case { command: "update_settings", own: PC_ADMIN, other: PC_ADMIN, args: |_, n, _| json!({"settings": {"unit_name": "梨树县环保局", "idle_minutes": 40 + n}}) },
    Case { command: "get_profile", own: EVERYONE, other: EVERYONE, args: |_, _, _| json!({}) },
    Case { command: "update_profile", own: EVERYONE, other: EVERYONE, args: |_, _, _| json!({"profile": {"reporter": "张三", "phone": "0434-5223456"}}) },
    Case { command: "audit_log", own: EVERYONE, other: EVERYONE, args: |_, _, _| json!({"limit": 10}) },
    Case { command: "list_backups", own: PC_ADMIN, other: PC_ADMIN, args: |_, _, _| json!({}) },
    Case { command: "create_backup", own: PC_ADMIN, other: PC_ADMIN, args: |_, n, d| json!({"path": d.join(format!("backup-{n}.tzbak"))}) },
    Case { command: "restore_backup", own: PC_ADMIN, other: PC_ADMIN, args: |_, n, d| json!({"path": d.join(format!("not-a-backup-{n}.tzbak"))}) },
    Case { command: "list_plans", own: EVERYONE, other: EVERYONE, args: |_, _, _| json!({}) },
    Case { command: "plan_path", own: EVERYONE, other: EVERYONE, args: |_, _, _| json!({"code": "1.1.1.2"}) },
    Case { command: "task_page", own: EVERYONE, other: EVERYONE, args: |_, _, _| json!({"period": "2026Q4", "filter": {}, "page": {"offset": 0, "limit": 100}}) },
    Case { command: "plan_outline", own: EVERYONE, other: EVERYONE, args: |_, _, _| json!({"parent": "1"}) },
    Case { command: "plan_choice", own: EVERYONE, other: EVERYONE, args: |_, _, _| json!({}) },
    Case { command: "choose_plan", own: EVERYONE, other: EVERYONE, args: |_, _, _| json!({"plan_id": 1}) },
    Case { command: "plan_history", own: EVERYONE, other: EVERYONE, args: |_, _, _| json!({"plan_id": 1}) },
    Case { command: "removed_tasks", own: EVERYONE, other: EVERYONE, args: |_, _, _| json!({}) },
    Case { command: "publish_plan", own: COORDINATORS, other: COORDINATORS, args: |_, _, _| json!({"plan_id": 1}) },
    Case { command: "import_plan", own: COORDINATORS, other: COORDINATORS, args: |_, _, _| json!({"path": concat!(env!("CARGO_MANIFEST_DIR"), "/../seeds/lishu_soil_plan_2017.txt")}) },
    Case { command: "report_kinds", own: EVERYONE, other: EVERYONE, args: |_, _, _| json!({}) },
    Case { command: "report_file_name", own: EVERYONE, other: EVERYONE, args: |w, n, d| json!({"request": sheet(w, n, d)["request"]}) },
    Case { command: "export_report", own: EVERYONE, other: COORDINATORS, args: sheet },
    Case { command: "import_reports", own: COORDINATORS, other: COORDINATORS, args: |_, n, d| json!({"paths": [d.join(format!("none-{n}"))], "options": {"dry_run": true}}) },
    Case { command: "cancel_report_import", own: EVERYONE, other: EVERYONE, args: |_, _, _| json!({}) },
    Case { command: "cancel_report_export", own: EVERYONE, other: EVERYONE, args: |_, _, _| json!({}) },
    Case { command: "received_files", own: COORDINATORS, other: COORDINATORS, args: |_, _, _| json!({}) },
    Case { command: "deliveries", own: COORDINATORS, other: COORDINATORS, args: |_, _, _| json!({"period": "2026Q4"}) },
];

/// Commands anybody may call before signing in (they decide who is signed in).
const BEFORE_SIGN_IN: &[&str] = &["setup", "sign_in", "sign_out", "recover_administrator"];

/// A coordinator's PC with every kind of account, a period, and a submitted record of each
/// department.
fn office() -> Harness {
    let h = Harness::new();
    setup_coordinator(&h);
    h.ok("create_period", json!({"key": "2026Q4"}));
    let accounts = [("staff", "coordinator", None, false), ("nyj-head", "department", Some("农业局"), true), ("nyj", "department", Some("农业局"), false), ("nyj2", "department", Some("农业局"), false), ("gaj", "department", Some("公安局"), false), ("gaj2", "department", Some("公安局"), false)];
    for (username, role, department, is_admin) in accounts {
        h.ok("create_account", json!({"input": {"username": username, "role": role, "department": department, "password": "secret123", "is_admin": is_admin}}));
    }
    for (user, whose) in [("nyj", Whose::Own), ("gaj", Whose::Other)] {
        h.ok("sign_in", json!({"username": user, "password": "secret123"}));
        let mut input = progress(whose);
        input["submit"] = json!(true);
        h.ok("save_progress", json!({"input": input}));
    }
    h
}

#[test]
fn every_command_by_every_role_on_its_own_and_anothers_department() {
    let h = office();
    let dir = tempfile::tempdir().expect("folder");
    let mut checked = 0;
    for (n, (case, whose, who)) in CASES.iter().flat_map(|c| [Whose::Own, Whose::Other].into_iter().flat_map(move |w| EVERYONE.iter().map(move |who| (c, w, *who)))).enumerate() {
        h.ok("sign_in", json!({"username": who.username(), "password": "secret123"}));
        let allowed = match whose {
            Whose::Own => case.own,
            Whose::Other => case.other,
        }
        .contains(&who);
        let counts = || h._app.state::<AppState>().store().row_counts().expect("row counts");
        let before = counts();
        let result = h.invoke(case.command, (case.args)(whose, n, dir.path()));
        let code = result.as_ref().err().map(|e| e["code"].as_str().unwrap_or_default().to_string());
        if allowed {
            assert!(!matches!(code.as_deref(), Some("forbidden" | "not_signed_in")), "{who:?} may call {} on {whose:?}: {result:?}", case.command);
        } else {
            assert_eq!(code.as_deref(), Some("forbidden"), "{who:?} may not call {} on {whose:?}: {result:?}", case.command);
            assert_eq!(counts(), before, "a refused {} by {who:?} changed nothing", case.command);
        }
        checked += 1;
    }
    assert_eq!(checked, CASES.len() * 8, "each command × 4 roles × own/other");
}

#[test]
fn the_matrix_names_every_registered_command() {
    let registered: Vec<&str> = include_str!("../lib.rs")
        .lines()
        .filter_map(|line| line.trim().strip_prefix("commands::"))
        .filter_map(|path| path.trim_end_matches(',').rsplit("::").next())
        .collect();
    assert!(registered.len() > 30, "commands found in lib.rs: {registered:?}");
    for command in registered {
        assert!(CASES.iter().any(|c| c.command == command) || BEFORE_SIGN_IN.contains(&command), "{command} is in the permission matrix");
    }
}

#[test]
fn nothing_but_signing_in_works_signed_out() {
    let h = office();
    h.ok("sign_out", json!({}));
    let dir = tempfile::tempdir().expect("folder");
    for (n, case) in CASES.iter().enumerate().filter(|(_, c)| !["app_status", "about", "department_choices"].contains(&c.command)) {
        let result = h.invoke(case.command, (case.args)(Whose::Own, n, dir.path()));
        assert_eq!(result.as_ref().err().map(|e| e["code"].clone()), Some(json!("not_signed_in")), "{} needs a signed-in user: {result:?}", case.command);
    }
}
