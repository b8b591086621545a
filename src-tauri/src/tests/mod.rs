//! The commands on Tauri's mock runtime, as the page calls them: arguments as JSON, errors as
//! `{code, message}`, the session kept in the backend.

use crate::{app_builder, AppState};
use serde_json::{json, Value};
use tauri::test::{get_ipc_response, mock_builder, mock_context, noop_assets, MockRuntime, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use tauri::{App, WebviewWindow, WebviewWindowBuilder};

struct Harness {
    _dir: tempfile::TempDir,
    _app: App<MockRuntime>,
    window: WebviewWindow<MockRuntime>,
}

impl Harness {
    fn new() -> Harness {
        let dir = tempfile::tempdir().expect("temporary folder");
        let state = AppState::open(&dir.path().join("taizhang.db")).expect("database opens");
        let app = app_builder(mock_builder()).manage(state).build(mock_context(noop_assets())).expect("app builds");
        let window = WebviewWindowBuilder::new(&app, "main", Default::default()).build().expect("window");
        Harness { _dir: dir, _app: app, window }
    }

    fn invoke(&self, cmd: &str, args: Value) -> Result<Value, Value> {
        invoke_on(&self.window, cmd, args)
    }

    fn ok(&self, cmd: &str, args: Value) -> Value {
        self.invoke(cmd, args).unwrap_or_else(|e| panic!("{cmd} succeeds, got {e}"))
    }
}

/// Invoke a command as the page does, from any thread.
fn invoke_on(window: &WebviewWindow<MockRuntime>, cmd: &str, args: Value) -> Result<Value, Value> {
    {
        let request = InvokeRequest {
            cmd: cmd.into(),
            callback: tauri::ipc::CallbackFn(0),
            error: tauri::ipc::CallbackFn(1),
            // On Linux the mock runtime accepts IPC only from the app's own origin.
            url: "tauri://localhost".parse().expect("url"),
            body: tauri::ipc::InvokeBody::Json(args),
            headers: Default::default(),
            invoke_key: INVOKE_KEY.to_string(),
        };
        get_ipc_response(window, request).map(|body| body.deserialize::<Value>().expect("JSON response"))
    }
}

mod permissions;

fn setup_coordinator(h: &Harness) {
    let input = json!({"unit_kind": "coordinator", "username": "admin", "password": "secret123", "unit_name": "梨树县环保局"});
    h.ok("setup", json!({"input": input}));
}

#[test]
fn status_before_setup_and_sign_in_required() {
    let h = Harness::new();
    assert_eq!(h.ok("app_status", json!({}))["set_up"], false, "a new PC is not set up");
    let error = h.invoke("plan_tree", json!({})).expect_err("needs a user");
    assert_eq!(error["code"], "not_signed_in", "error code crosses IPC");
    assert_eq!(error["message"], "请先登录", "with a Chinese message");
}

#[test]
fn about_names_the_version_the_data_folders_and_the_licence_before_setup() {
    let h = Harness::new();
    let about = h.ok("about", json!({}));
    assert_eq!(about["version"], env!("CARGO_PKG_VERSION"), "关于 names this build's version");
    let data_folder = about["data_folder"].as_str().expect("a database on disk has a folder");
    assert!(about["database"].as_str().is_some_and(|d| d.starts_with(data_folder) && d.ends_with("taizhang.db")), "the database in it: {about}");
    assert!(about["backup_folder"].as_str().is_some_and(|b| b.starts_with(data_folder) && b.ends_with("backups")), "backups beside the database: {about}");
    assert!(about["licence_text"].as_str().is_some_and(|t| t.starts_with("MIT License")), "the licence in full");
    assert_eq!(about["licence"], "MIT", "and its name");
}

#[test]
fn setup_signs_in_and_the_plan_is_there() {
    let h = Harness::new();
    setup_coordinator(&h);
    let status = h.ok("app_status", json!({}));
    assert_eq!((status["set_up"].as_bool(), status["session"]["role"].as_str()), (Some(true), Some("coordinator")), "signed in as coordinator");
    let tree = h.ok("plan_tree", json!({}));
    assert_eq!(tree["articles"].as_array().map(Vec::len), Some(13), "the embedded plan is loaded");
}

#[test]
fn a_department_is_refused_another_departments_item_through_ipc() {
    let h = Harness::new();
    setup_coordinator(&h);
    h.ok("create_period", json!({"key": "2026Q4"}));
    let account = json!({"username": "nyj", "role": "department", "department": "农业局", "password": "secret123"});
    h.ok("create_account", json!({"input": account}));
    h.ok("sign_out", json!({}));
    let session = h.ok("sign_in", json!({"username": "nyj", "password": "secret123"}));
    assert_eq!(session["department"], "农业局", "signed in as 农业局");
    let progress = |code: &str, department: Value| {
        json!({"input": {"code": code, "department": department, "period": "2026Q4", "status": "序时推进", "percent": 10, "opened_version": 0}})
    };
    let refused = h.invoke("save_progress", progress("4.3.1.4", json!("公安局"))).expect_err("refused");
    assert_eq!(refused["code"], "forbidden", "another department's record");
    let refused = h.invoke("save_progress", progress("4.3.1.4", Value::Null)).expect_err("refused");
    assert_eq!(refused["code"], "forbidden", "a sub-item 农业局 has no part in");
    let saved = h.ok("save_progress", progress("1.1.1.2", Value::Null));
    assert_eq!(saved["history"][0]["version"], 1, "its own sub-item is saved");
    let stale = h.invoke("save_progress", progress("1.1.1.2", Value::Null)).expect_err("stale");
    assert_eq!(stale["code"], "stale", "a second save from version 0 is refused as stale");
    assert_eq!(h.invoke("create_period", json!({"key": "2027"})).expect_err("refused")["code"], "forbidden", "periods are the coordinator's");
}

#[test]
fn workbooks_export_through_ipc_for_whoever_may_have_them() {
    let h = Harness::new();
    setup_coordinator(&h);
    h.ok("create_period", json!({"key": "2026Q4"}));
    let dir = tempfile::tempdir().expect("folder");
    let request = json!({"kind": "department", "period": "2026Q4", "department": "农业局"});
    assert_eq!(h.ok("report_file_name", json!({"request": request})), "农业局_2026年第四季度_工作进展情况表.xlsx", "default file name");
    let kinds = [("breakdown", Value::Null, false), ("department", json!("农业局"), false), ("department", json!("农业局"), true), ("summary", Value::Null, false)];
    for (kind, department, blank) in kinds {
        let path = dir.path().join(format!("{kind}-{blank}.xlsx"));
        let request = json!({"kind": kind, "period": "2026Q4", "department": department, "blank": blank});
        let outcome = h.ok("export_report", json!({"request": request, "path": path}));
        assert!(outcome["rows"].as_u64().unwrap_or(0) > 0 && path.exists(), "{kind} workbook written");
    }
    let account = json!({"username": "nyj", "role": "department", "department": "农业局", "password": "secret123"});
    h.ok("create_account", json!({"input": account}));
    h.ok("sign_in", json!({"username": "nyj", "password": "secret123"}));
    let summary = json!({"request": {"kind": "summary", "period": "2026Q4"}, "path": dir.path().join("s.xlsx")});
    assert_eq!(h.invoke("export_report", summary).expect_err("refused")["code"], "forbidden", "the county summary is the coordinator's");
    let other = json!({"request": {"kind": "department", "period": "2026Q4", "department": "公安局"}, "path": dir.path().join("g.xlsx")});
    assert_eq!(h.invoke("export_report", other).expect_err("refused")["code"], "forbidden", "another department's sheet");
}

#[test]
fn a_department_sheet_is_previewed_and_taken_in_through_ipc() {
    let sender = Harness::new();
    setup_coordinator(&sender);
    sender.ok("create_period", json!({"key": "2026Q4"}));
    let input = json!({"code": "1.1.1.2", "department": "农业局", "period": "2026Q4", "status": "序时推进", "percent": 40, "progress": "已开展调查", "reporter": "李四", "opened_version": 0});
    sender.ok("save_progress", json!({"input": input}));
    let dir = tempfile::tempdir().expect("folder");
    let sheet = dir.path().join("农业局.xlsx");
    sender.ok("export_report", json!({"request": {"kind": "department", "period": "2026Q4", "department": "农业局"}, "path": sheet}));

    let receiver = Harness::new();
    setup_coordinator(&receiver);
    let preview = receiver.ok("import_reports", json!({"paths": [dir.path()], "options": {"dry_run": true}}));
    assert_eq!(preview[0]["outcome"], "refused", "the receiving PC lacks 2026Q4");
    assert_eq!(preview[0]["missing_period"], "2026Q4", "the UI is told which period to offer");
    receiver.ok("create_period", json!({"key": "2026Q4"}));
    let preview = receiver.ok("import_reports", json!({"paths": [&sheet], "options": {"dry_run": true}}));
    assert_eq!((preview[0]["outcome"].as_str(), preview[0]["new"].as_u64()), (Some("dry-run"), Some(1)), "a preview writes nothing");
    assert_eq!(receiver.ok("received_files", json!({"period": "2026Q4"})).as_array().map(Vec::len), Some(0), "nothing received yet");
    let merged = receiver.ok("import_reports", json!({"paths": [&sheet], "options": {}}));
    assert_eq!(merged[0]["outcome"], "merged", "taken in: {}", merged[0]["message"]);
    let files = receiver.ok("received_files", json!({"period": "2026Q4"}));
    assert_eq!((files[0]["department"].as_str(), files[0]["codes"][0].as_str()), (Some("农业局"), Some("1.1.1.2")), "the history shows what the file brought");
    let deliveries = receiver.ok("deliveries", json!({"period": "2026Q4"}));
    let farm = deliveries.as_array().and_then(|d| d.iter().find(|d| d["department"] == "农业局")).expect("农业局");
    assert_eq!((farm["submitted"].as_u64(), farm["files"].as_array().map(Vec::len)), (Some(1), Some(1)), "one submitted task, one file");
}

#[test]
fn a_second_command_is_served_while_a_slow_one_runs() {
    use tauri::Listener;
    let h = Harness::new();
    setup_coordinator(&h);
    h.ok("create_period", json!({"key": "2026Q4"}));
    let dir = tempfile::tempdir().expect("folder");
    let sheet = dir.path().join("sheet.xlsx");
    h.ok("export_report", json!({"request": {"kind": "department", "period": "2026Q4", "department": "农业局"}, "path": sheet}));
    let folder = dir.path().join("batch");
    std::fs::create_dir_all(&folder).expect("folder");
    for n in 0..40 {
        std::fs::copy(&sheet, folder.join(format!("{n:02}.xlsx"))).expect("copy");
    }
    let (steps, step) = std::sync::mpsc::channel();
    let seen = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let counter = seen.clone();
    h._app.listen_any(crate::commands::receive::PROGRESS_EVENT, move |_| {
        counter.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        let _ = steps.send(());
    });
    let window = h.window.clone();
    let slow = std::thread::spawn(move || invoke_on(&window, "import_reports", json!({"paths": [folder], "options": {"dry_run": true}})));
    for _ in 0..3 {
        step.recv_timeout(std::time::Duration::from_secs(30)).expect("the batch reports progress");
    }
    let status = h.ok("app_status", json!({}));
    assert_eq!(status["set_up"], true, "app_status is answered");
    let tree = h.ok("plan_tree", json!({}));
    assert_eq!(tree["articles"].as_array().map(Vec::len), Some(13), "and so is a command that reads the store");
    let steps_by_then = seen.load(std::sync::atomic::Ordering::SeqCst);
    assert!(steps_by_then < 30, "both answered while the 40-file batch was still running (after {steps_by_then} of 41 progress events)");
    let reports = slow.join().expect("thread").expect("the batch succeeds");
    assert_eq!(reports.as_array().map(Vec::len), Some(40), "every file previewed");
}

#[test]
fn an_export_reports_its_steps_as_events() {
    use tauri::Listener;
    let h = Harness::new();
    setup_coordinator(&h);
    h.ok("create_period", json!({"key": "2026Q4"}));
    let dir = tempfile::tempdir().expect("folder");
    let (sender, steps) = std::sync::mpsc::channel();
    h._app.listen_any(crate::commands::report::EXPORT_PROGRESS_EVENT, move |event| {
        let progress: Value = serde_json::from_str(event.payload()).expect("progress");
        let _ = sender.send(format!("{}/{} {}", progress["done"], progress["total"], progress["step"].as_str().unwrap_or_default()));
    });
    let written = dir.path().join("汇总.xlsx");
    let request = json!({"request": {"kind": "summary", "period": "2026Q4", "unit": "梨树县环保局"}, "path": written});
    assert_eq!(h.ok("export_report", request)["rows"], 138, "every sub-item");
    assert!(written.exists(), "the workbook is written");
    let seen: Vec<String> = (0..4).filter_map(|_| steps.recv_timeout(std::time::Duration::from_secs(10)).ok()).collect();
    assert_eq!(seen, ["0/4 reading", "1/4 writing", "2/4 saving", "3/4 recording"], "each step announced before it starts");
    // 取消 is accepted any time; the next export resets it and runs to the end.
    h.ok("cancel_report_export", json!({}));
    assert_eq!(h.ok("export_report", json!({"request": {"kind": "breakdown"}, "path": dir.path().join("分解表.xlsx")}))["rows"], 138, "a later export is not cancelled by an earlier 取消");
}

#[test]
fn the_coordinators_housekeeping_commands_through_ipc() {
    let h = Harness::new();
    setup_coordinator(&h);
    h.ok("create_period", json!({"key": "2026Q4"}));
    assert_eq!(h.ok("set_period_open", json!({"key": "2026Q4", "open": false}))["status"], "closed", "closed");
    assert_eq!(h.ok("list_periods", json!({}))[0]["status"], "closed", "and listed so");
    assert_eq!(h.ok("set_period_open", json!({"key": "2026Q4", "open": true}))["status"], "open", "reopened for reporting");
    h.ok("create_account", json!({"input": {"username": "nyj", "role": "department", "department": "农业局", "password": "secret123"}}));
    h.ok("sign_out", json!({}));
    h.ok("sign_in", json!({"username": "nyj", "password": "secret123"}));
    let input = json!({"code": "1.1.1.2", "department": null, "period": "2026Q4", "status": "序时推进", "percent": 40, "progress": "已采样", "reporter": "张三", "opened_version": 0, "submit": true});
    h.ok("save_progress", json!({"input": input}));
    let refused = h.invoke("reopen_progress", json!({"code": "1.1.1.2", "department": "农业局", "period": "2026Q4", "reason": "自己退回"})).expect_err("refused");
    assert_eq!(refused["code"], "forbidden", "only the coordinator reopens");
    h.ok("sign_out", json!({}));
    h.ok("sign_in", json!({"username": "admin", "password": "secret123"}));
    let reopened = h.ok("reopen_progress", json!({"code": "1.1.1.2", "department": "农业局", "period": "2026Q4", "reason": "请补充点位数"}));
    assert_eq!((reopened["history"][0]["state"].as_str(), reopened["history"][0]["version"].as_i64()), (Some("reopened"), Some(2)), "a reopened version");
    h.ok("rename_department", json!({"department": "农业局", "new_name": "农业农村局"}));
    h.ok("add_alias", json!({"department": "农业农村局", "alias": "县农业农村局"}));
    h.ok("merge_department", json!({"from": "畜牧局", "into": "农业农村局"}));
    let departments = h.ok("departments", json!({}));
    let names: Vec<&str> = departments.as_array().map(|d| d.iter().filter_map(|x| x["name"].as_str()).collect()).unwrap_or_default();
    assert!(names.contains(&"农业农村局") && !names.contains(&"农业局") && !names.contains(&"畜牧局"), "renamed and merged: {names:?}");
    let farm = departments.as_array().and_then(|d| d.iter().find(|x| x["name"] == "农业农村局")).expect("农业农村局");
    let aliases: Vec<&str> = farm["aliases"].as_array().map(|a| a.iter().filter_map(Value::as_str).collect()).unwrap_or_default();
    assert!(aliases.contains(&"农业局") && aliases.contains(&"县农业农村局"), "the old name and the alias resolve: {aliases:?}");
    let settings = json!({"unit_kind": "coordinator", "unit_name": "梨树县生态环境分局"});
    assert_eq!(h.ok("update_settings", json!({"settings": settings}))["unit_name"], "梨树县生态环境分局", "saved");
    assert_eq!(h.ok("get_settings", json!({}))["unit_name"], "梨树县生态环境分局", "and read back");
    let bad = h.invoke("update_settings", json!({"settings": {"unit_name": ""}})).expect_err("blank name");
    assert_eq!(bad["code"], "invalid_input", "a blank unit name is refused");
    h.ok("update_profile", json!({"profile": {"reporter": "王五", "phone": "0434-5220000"}}));
    assert_eq!(h.ok("get_profile", json!({}))["reporter"], "王五", "the own profile is saved and read back");
    let bad = h.invoke("update_profile", json!({"profile": {"reporter": "王五", "phone": "call me"}})).expect_err("letters");
    assert_eq!(bad["code"], "invalid_input", "a telephone number with letters is refused");
    let log = h.ok("audit_log", json!({"limit": 100}));
    let actions: Vec<&str> = log.as_array().map(|l| l.iter().filter_map(|e| e["action"].as_str()).collect()).unwrap_or_default();
    for action in ["退回修改", "部门更名", "添加别名", "合并部门", "修改设置", "修改个人资料"] {
        assert!(actions.contains(&action), "the audit log records {action}: {actions:?}");
    }
    assert_eq!(h.ok("report_kinds", json!({})).as_array().map(Vec::len), Some(taizhang_core::report::REPORTS.len()), "the coordinator may export every report");
}

#[test]
fn a_plan_is_imported_through_ipc_once() {
    let h = Harness::new();
    setup_coordinator(&h);
    let seed = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../seeds").join(taizhang_core::DEFAULT_PLAN_FILE);
    let summary = h.ok("import_plan", json!({"path": seed}));
    assert_eq!((summary["articles"].as_u64(), summary["subitems"].as_u64(), summary["imported"].as_bool()), (Some(13), Some(138), Some(false)), "the seed is already loaded");
    let missing = h.invoke("import_plan", json!({"path": "/没有这个文件.txt"})).expect_err("missing file");
    assert_eq!(missing["code"], "io", "a missing file is an io error");
    let log = h.ok("audit_log", json!({"limit": 100}));
    let newest = log.as_array().and_then(|l| l.iter().find(|e| e["action"] == "导入任务分解表")).expect("the attempt is logged");
    assert!(newest["detail"].as_str().is_some_and(|d| d.contains("未重复导入")), "as not imported again: {newest}");
}
