//! The coordinator's housekeeping: renaming and merging departments after the 2018 reform
//! without losing history, aliases, settings, and the audit log.

use taizhang_core::error::ErrorCode;
use taizhang_core::accounts::{setup, Role, SetupInput};
use crate::util::seeded_store;
use crate::progress::{input, office};
use taizhang_core::admin::{add_alias, audit_log, merge_department, rename_department, settings, update_settings, Settings};
use taizhang_core::progress::{progress_record, save_progress};
use taizhang_core::responsibilities::{plan_tree, tasks_for_department};
use taizhang_core::Error;

#[test]
fn a_renamed_department_keeps_its_tasks_history_and_old_name() {
    let (dir, store, admin, _, _) = office();
    let before = tasks_for_department(&store, "国土资源局", None).expect("tasks").tasks.len();
    let account = taizhang_core::accounts::AccountInput {
        username: "gtj".into(),
        display_name: None,
        role: taizhang_core::accounts::Role::Department,
        department: Some("国土资源局".into()),
        password: "secret123".into(),
        is_admin: false,
        profile: Default::default(),
    };
    taizhang_core::accounts::create_account(&store, &admin, &account).expect("account");
    let gtj = taizhang_core::accounts::sign_in(&store, "gtj", "secret123").expect("signs in");
    save_progress(&store, &gtj, &dir.path().join("e"), &input("1.2.1.1", 0)).expect("saved before the reform");

    rename_department(&store, &admin, "国土资源局", "自然资源局").expect("renamed");
    let plan = plan_tree(&store, None).expect("plan");
    assert!(plan.subitems().any(|s| s.lead.iter().any(|d| d == "自然资源局")), "the tree shows the new name");
    assert!(!plan.subitems().any(|s| s.lead.iter().chain(&s.cooperating).any(|d| d == "国土资源局")), "and not the old one");
    assert_eq!(tasks_for_department(&store, "国土资源局", None).expect("by the old name").tasks.len(), before, "the old name is an alias now");
    assert_eq!(tasks_for_department(&store, "自然资源局", None).expect("by the new name").department, "自然资源局", "canonical is the new name");
    let gtj = taizhang_core::accounts::sign_in(&store, "gtj", "secret123").expect("signs in again");
    let record = progress_record(&store, &gtj, "1.2.1.1", None, "2026Q4").expect("record");
    assert_eq!((record.department.as_str(), record.history.len()), ("自然资源局", 1), "its history is kept under the new name");
    assert!(matches!(rename_department(&store, &admin, "农业局", "环保局"), Err(Error::InvalidInput(_))), "a name in use is refused");
}

#[test]
fn merged_departments_resolve_to_the_target() {
    let (_dir, store, admin, _, _) = office();
    let codes = |name: &str| tasks_for_department(&store, name, None).expect("tasks").tasks.into_iter().map(|t| t.code).collect::<std::collections::BTreeSet<_>>();
    // The 2018 reform merged 畜牧局 into 农业农村局.
    let (livestock, farming) = (codes("畜牧局"), codes("农业局"));
    assert!(!livestock.is_subset(&farming), "畜牧局 has sub-items of its own before the merge");
    merge_department(&store, &admin, "畜牧局", "农业局").expect("merged");
    let merged = tasks_for_department(&store, "畜牧局", None).expect("the old name resolves");
    assert_eq!(merged.department, "农业局", "the merged department's name leads to the target");
    let after: std::collections::BTreeSet<String> = merged.tasks.into_iter().map(|t| t.code).collect();
    assert_eq!(after, livestock.union(&farming).cloned().collect(), "the target now answers for exactly the sub-items of both");
    assert!(matches!(merge_department(&store, &admin, "财政局", "财政局"), Err(Error::InvalidInput(_))), "no merge into itself");
}

#[test]
fn aliases_settings_and_the_audit_log() {
    let (dir, store, admin, nyj, _) = office();
    add_alias(&store, &admin, "农业局", "县农业农村局").expect("alias");
    assert_eq!(tasks_for_department(&store, "县农业农村局", None).expect("tasks").department, "农业局", "the new alias resolves");
    assert!(matches!(add_alias(&store, &admin, "农业局", "环保局"), Err(Error::InvalidInput(_))), "another department's name is refused");
    let new = Settings { unit_name: "梨树县生态环境分局".into(), ..settings(&store).expect("settings") };
    assert_eq!(update_settings(&store, &admin, &new).expect("saved").unit_name, "梨树县生态环境分局", "unit name saved");
    let request = taizhang_core::report::ReportRequest { kind: "department".into(), period: Some("2026Q4".into()), department: Some("农业局".into()), ..Default::default() };
    let out = dir.path().join("农业局.xlsx");
    taizhang_core::report::export_as(&store, &nyj, &request, &out, crate::report::today()).expect("exported");
    let own = audit_log(&store, &nyj, 100).expect("log");
    assert!(own.iter().all(|e| e.username == "nyj") && own.iter().any(|e| e.action == "导出报表"), "a department reads only its own accounts' entries: {own:?}");
    let log = audit_log(&store, &admin, 100).expect("log");
    let export = log.iter().find(|e| e.action == "导出报表").expect("the export is logged");
    assert_eq!(export.detail, "部门工作进展情况表，66 个小项", "in Chinese, the report by its title");
    let actions: Vec<&str> = log.iter().map(|e| e.action.as_str()).collect();
    for action in ["初始设置", "创建账户", "创建报告期", "添加别名", "修改设置", "登录"] {
        assert!(actions.contains(&action), "the audit log records {action}: {actions:?}");
    }
    assert_eq!(log.iter().find(|e| e.action == "添加别名").map(|e| e.username.as_str()), Some("admin"), "with who did it");
}

#[test]
fn who_may_rename_the_unit_depends_on_the_pc() {
    let (_dir, store, _, nyj, _) = office();
    let current = settings(&store).expect("settings");
    let renamed = Settings { unit_name: "农业局办公室".into(), ..current.clone() };
    assert_eq!(update_settings(&store, &nyj, &renamed).map_err(|e| e.code()).err(), Some(ErrorCode::Forbidden), "a department account on the coordinator's PC");
    assert_eq!(update_settings(&store, &nyj, &current).expect("saved"), current, "but it may save the settings unchanged");
    let (_dir2, pc, _) = seeded_store();
    let input = SetupInput { unit_kind: Role::Department, department: Some("公安局".into()), unit_name: None, username: "gaj".into(), display_name: None, password: "secret123".into(), profile: Default::default() };
    let gaj = setup(&pc, &input).expect("setup");
    let on_pc = settings(&pc).expect("settings");
    assert_eq!(on_pc.unit_kind, Some(Role::Department), "a department PC");
    let named = Settings { unit_name: "梨树县公安局".into(), ..on_pc };
    assert_eq!(update_settings(&pc, &gaj, &named).expect("saved").unit_name, "梨树县公安局", "a department PC names its own unit");
    assert_eq!(update_settings(&pc, &gaj, &Settings { unit_name: " ".into(), ..named }).map_err(|e| e.code()).err(), Some(ErrorCode::InvalidInput), "not blank");
}

#[test]
fn names_searches_and_numbers_from_outside_are_checked() {
    let (dir, store, admin, nyj, _) = office();
    for bad in ["农业/局", "农业局\u{200B}", "\u{202E}局业农"] {
        assert!(matches!(rename_department(&store, &admin, "农业局", bad), Err(Error::InvalidInput(m)) if m.contains("U+") || m.contains("不能用于名称")), "rename to {bad:?} refused");
        assert!(matches!(add_alias(&store, &admin, "农业局", bad), Err(Error::InvalidInput(_))), "alias {bad:?} refused");
    }
    let hidden = taizhang_core::accounts::AccountInput { username: "nyj\u{202E}".into(), ..crate::accounts::department_account("x", "农业局") };
    assert!(matches!(taizhang_core::accounts::create_account(&store, &admin, &hidden), Err(Error::InvalidInput(_))), "a user name with a direction mark is refused");
    let many = vec!["农膜"; 300].join(" ");
    let filter = taizhang_core::task_list::TaskFilter { query: Some(many), ..Default::default() };
    assert!(matches!(taizhang_core::task_list::task_rows(&store, "2026Q4", &filter, crate::task_list::today()), Err(Error::InvalidInput(m)) if m.contains("检索词过多")), "300 words: a message, not a database error");
    let input = taizhang_core::progress::ProgressInput {
        targets: vec![taizhang_core::progress::TargetValueInput { index: usize::MAX, value: Some(1.0), note: String::new() }],
        ..input("1.1.1.2", 0)
    };
    let refused = save_progress(&store, &nyj, &dir.path().join("e"), &input);
    assert!(matches!(refused, Err(Error::InvalidInput(_))), "a target index of usize::MAX is refused, not an overflow: {refused:?}");
}
