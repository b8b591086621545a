//! Progress: versions appended never overwritten, drafts and submission, the coordinator's
//! reopening, stale saves refused, and a refusal (with nothing changed) for every write a
//! department tries on another department's item.

use taizhang_core::plan::TaskRole;
use taizhang_core::error::ErrorCode;
use taizhang_core::status::Status;
use crate::accounts::{coordinator_setup, department_account};
use crate::util::seeded_store;
use taizhang_core::accounts::{create_account, setup, sign_in, Session};
use taizhang_core::progress::{progress_record, reopen_progress, save_progress, ProgressInput, TargetValueInput};
use taizhang_core::store::{RecordState, Store};
use taizhang_core::Error;

/// A seeded store with the coordinator, 农业局 and 公安局 accounts, and period 2026Q4.
pub fn office() -> (tempfile::TempDir, Store, Session, Session, Session) {
    let (dir, store, _) = seeded_store();
    let admin = setup(&store, &coordinator_setup()).expect("setup");
    for (user, department) in [("nyj", "农业局"), ("gaj", "公安局")] {
        create_account(&store, &admin, &department_account(user, department)).expect("account");
    }
    taizhang_core::periods::create_period(&store, &admin, "2026Q4").expect("period");
    let nyj = sign_in(&store, "nyj", "secret123").expect("nyj");
    let gaj = sign_in(&store, "gaj", "secret123").expect("gaj");
    (dir, store, admin, nyj, gaj)
}

pub fn input(code: &str, opened_version: i64) -> ProgressInput {
    ProgressInput {
        code: code.into(),
        period: "2026Q4".into(),
        status: Status::OnSchedule,
        percent: 60,
        progress: "已完成耕地质量调查的外业采样。".into(),
        reporter: "张三".into(),
        phone: "0434-5223456".into(),
        opened_version,
        ..ProgressInput::default()
    }
}

#[test]
fn every_save_is_a_new_version_and_submission_locks() {
    let (dir, store, admin, nyj, _) = office();
    let evidence = dir.path().join("evidence");
    let code = "1.1.1.2"; // 农业局 leads
    let first = save_progress(&store, &nyj, &evidence, &input(code, 0)).expect("draft");
    assert_eq!((first.history.len(), first.history[0].fields.state), (1, RecordState::Draft), "first version is a draft");
    let second = save_progress(&store, &nyj, &evidence, &ProgressInput { percent: 80, submit: true, ..input(code, 1) }).expect("submitted");
    assert_eq!(second.history.iter().map(|v| v.version).collect::<Vec<_>>(), [2, 1], "history keeps both versions, newest first");
    assert_eq!(second.history[1].fields.percent, 60, "the first version is unchanged");
    assert!(!second.editable && second.read_only_reason.is_some(), "a submitted record is locked");
    assert!(matches!(save_progress(&store, &nyj, &evidence, &input(code, 2)), Err(Error::Locked)), "saving a submitted record is refused");
    let reopened = reopen_progress(&store, &admin, code, "农业局", "2026Q4", "请补充数据").expect("reopened");
    assert_eq!(reopened.history[0].fields.state, RecordState::Reopened, "reopening appends a version");
    let third = save_progress(&store, &nyj, &evidence, &ProgressInput { percent: 90, ..input(code, 3) }).expect("editable again");
    assert_eq!(third.history.len(), 4, "four versions, none lost");
}

#[test]
fn the_later_of_two_windows_is_refused_as_stale() {
    let (dir, store, _, nyj, _) = office();
    let evidence = dir.path().join("evidence");
    save_progress(&store, &nyj, &evidence, &input("1.1.1.2", 0)).expect("window A saves");
    let stale = save_progress(&store, &nyj, &evidence, &ProgressInput { percent: 99, ..input("1.1.1.2", 0) });
    assert!(matches!(stale, Err(Error::Stale { opened: 0, current: 1, .. })), "window B, opened on version 0, is refused");
    let record = progress_record(&store, &nyj, "1.1.1.2", None, "2026Q4").expect("record");
    assert_eq!(record.history[0].fields.percent, 60, "window A's save is not overwritten");
}

#[test]
fn bad_values_are_refused_with_nothing_stored() {
    let (dir, store, _, nyj, _) = office();
    let evidence = dir.path().join("evidence");
    let before = store.row_counts().expect("counts");
    // Each case with the error it must give: a CHECK failure of the database would also be a
    // Chinese message, so the kind is asserted, and a word of the message.
    let cases: [(ProgressInput, ErrorCode, &str); 10] = [
        (ProgressInput { status: Status::NotReported, ..input("1.1.1.2", 0) }, ErrorCode::InvalidInput, "完成状态"),
        (ProgressInput { percent: 101, ..input("1.1.1.2", 0) }, ErrorCode::InvalidInput, "0–100"),
        (ProgressInput { percent: -1, ..input("1.1.1.2", 0) }, ErrorCode::InvalidInput, "0–100"),
        (ProgressInput { status: Status::Completed, percent: 50, ..input("1.1.1.2", 0) }, ErrorCode::InvalidInput, "已完成"),
        (ProgressInput { phone: "call me maybe".into(), ..input("1.1.1.2", 0) }, ErrorCode::InvalidInput, "联系电话"),
        (ProgressInput { progress: "长".repeat(5001), ..input("1.1.1.2", 0) }, ErrorCode::InvalidInput, "5000"),
        (ProgressInput { submit: true, reporter: String::new(), ..input("1.1.1.2", 0) }, ErrorCode::InvalidInput, "填报人"),
        (ProgressInput { targets: vec![TargetValueInput { index: 5, value: Some(1.0), note: String::new() }], ..input("1.1.1.2", 0) }, ErrorCode::InvalidInput, "第 6 个量化目标"),
        (ProgressInput { period: "2030Q1".into(), ..input("1.1.1.2", 0) }, ErrorCode::NotFound, "2030Q1"),
        (ProgressInput { code: "99.1.1.1".into(), ..input("1.1.1.2", 0) }, ErrorCode::NotFound, "99.1.1.1"),
    ];
    for (case, code, word) in cases {
        let error = save_progress(&store, &nyj, &evidence, &case).expect_err("refused");
        assert_eq!(error.code(), code, "the kind of error: {error}");
        assert!(error.to_string().contains(word), "the message says {word:?}: {error}");
    }
    assert_eq!(store.row_counts().expect("counts"), before, "nothing was stored");
}

#[test]
fn target_values_and_evidence_are_kept_with_the_version() {
    let (dir, store, _, nyj, _) = office();
    let evidence_dir = dir.path().join("evidence");
    let file = dir.path().join("采样照片.txt");
    std::fs::write(&file, "照片").expect("file written");
    let saved = save_progress(
        &store,
        &nyj,
        &evidence_dir,
        &ProgressInput { targets: vec![TargetValueInput { index: 0, value: Some(1.8), note: "2026年抽样".into() }], evidence: vec![file.clone()], ..input("1.1.1.3", 0) },
    )
    .expect("saved");
    let version = &saved.history[0];
    let target = taizhang_core::store::TargetValue { index: 0, value: Some(1.8), note: "2026年抽样".into() };
    assert_eq!(version.targets, [target], "the actual value of 土壤有机质含量");
    assert_eq!(version.evidence[0].name, "采样照片.txt", "the original name is kept");
    assert!(evidence_dir.join(&version.evidence[0].sha256).exists(), "the file is copied under its hash");
    std::fs::remove_file(&file).expect("original removed");
    let next = save_progress(&store, &nyj, &evidence_dir, &input("1.1.1.3", 1)).expect("saved again");
    assert_eq!(next.history[0].evidence.len(), 1, "evidence carries over to the next version");
}

#[test]
fn a_department_is_refused_every_write_on_another_departments_item() {
    let (dir, store, _, nyj, gaj) = office();
    let evidence = dir.path().join("evidence");
    save_progress(&store, &gaj, &evidence, &ProgressInput { submit: true, ..input("4.3.1.4", 0) }).expect("公安局 reports its own item");
    let before = store.row_counts().expect("counts");
    let forbidden: Vec<(&str, taizhang_core::Result<()>)> = vec![
        ("save a draft of 公安局's item", save_progress(&store, &nyj, &evidence, &input("4.3.1.4", 1)).map(drop)),
        ("save as 公安局", save_progress(&store, &nyj, &evidence, &ProgressInput { department: Some("公安局".into()), ..input("4.3.1.4", 1) }).map(drop)),
        ("submit as 公安局", save_progress(&store, &nyj, &evidence, &ProgressInput { department: Some("县公安局".into()), submit: true, ..input("4.3.1.4", 1) }).map(drop)),
        ("reopen", reopen_progress(&store, &nyj, "4.3.1.4", "公安局", "2026Q4", "填错了").map(drop)),
        ("create an account", create_account(&store, &nyj, &department_account("x", "公安局")).map(drop)),
        ("create a period", taizhang_core::periods::create_period(&store, &nyj, "2027").map(drop)),
        ("close a period", taizhang_core::periods::set_period_open(&store, &nyj, "2026Q4", false).map(drop)),
        ("rename a department", taizhang_core::admin::rename_department(&store, &nyj, "公安局", "公安分局")),
        ("merge departments", taizhang_core::admin::merge_department(&store, &nyj, "公安局", "农业局")),
        ("add an alias", taizhang_core::admin::add_alias(&store, &nyj, "公安局", "警察局")),
        ("import a plan", taizhang_core::plan_import::import_plan_as(&store, &nyj, &crate::util::seed_path(), Default::default()).map(drop)),
        ("rename the unit", taizhang_core::admin::update_settings(&store, &nyj, &taizhang_core::admin::Settings { unit_name: "公安局".into(), ..Default::default() }).map(drop)),
    ];
    for (what, result) in forbidden {
        assert!(matches!(result, Err(Error::Forbidden(_))), "农业局 may not {what}: {result:?}");
    }
    assert_eq!(store.row_counts().expect("counts"), before, "nothing changed");
    let read = progress_record(&store, &nyj, "4.3.1.4", Some("公安局"), "2026Q4");
    assert!(matches!(read, Err(Error::Forbidden(_))), "农业局 does not read 公安局's record (填报人, 联系电话): {read:?}");
}

#[test]
fn a_closed_period_takes_no_more_progress() {
    let (dir, store, admin, nyj, _) = office();
    taizhang_core::periods::set_period_open(&store, &admin, "2026Q4", false).expect("closed");
    let result = save_progress(&store, &nyj, &dir.path().join("e"), &input("1.1.1.2", 0));
    assert!(matches!(result, Err(Error::PeriodClosed(_))), "closed period");
}

#[test]
fn the_stale_guard_inside_the_transaction_refuses_a_save_that_lost_the_race() {
    let (dir, store, _, nyj, _) = office();
    let first = save_progress(&store, &nyj, &dir.path().join("evidence"), &input("1.1.1.2", 0)).expect("version 1");
    let plan_id = store.current_plan_id().expect("plan").expect("a plan");
    let row = taizhang_core::store::ProgressRow {
        id: 0,
        subitem_id: store.subitem_id(plan_id, "1.1.1.2").expect("query").expect("sub-item"),
        department_id: store.department_id("农业局").expect("query").expect("department"),
        period_id: store.period("2026Q4").expect("query").expect("period").id,
        version: 1,
        fields: first.history[0].fields.clone(),
        saved_by: String::new(),
        saved_at: String::new(),
    };
    let new = taizhang_core::store::NewVersion { row: &row, account_id: nyj.account_id, target_values: &[], evidence: &[] };
    let audit = taizhang_core::store::AuditEntry { account_id: Some(nyj.account_id), action: "保存草稿", subject: String::new(), detail: String::new() };
    let before = store.row_counts().expect("counts");
    // A window that checked before version 1 was saved reaches the store with "latest is 0".
    assert_eq!(store.append_progress(&new, 0, &audit).expect("no database error"), None, "the guard in the transaction refuses it");
    assert_eq!(store.row_counts().expect("counts"), before, "and nothing is written, not even the audit entry");
    assert!(store.append_progress(&new, 1, &audit).expect("saved").is_some(), "from the current version it is saved");
}

#[test]
fn a_status_word_outside_the_vocabulary_is_refused_when_the_form_is_read() {
    let form = serde_json::json!({"code": "1.1.1.2", "department": null, "period": "2026Q4", "status": "差不多", "percent": 0, "opened_version": 0, "submit": false});
    let refused = serde_json::from_value::<ProgressInput>(form).expect_err("not a status");
    assert!(refused.to_string().contains("差不多"), "the message names the word: {refused}");
}

#[test]
fn the_coordinator_reopens_a_submitted_record_and_the_department_edits_it_again() {
    let (dir, store, admin, nyj, _) = office();
    let evidence = dir.path().join("evidence");
    assert_eq!(reopen_progress(&store, &admin, "1.1.1.2", "农业局", "2026Q4", "未报送").map_err(|e| e.code()).err(), Some(ErrorCode::InvalidInput), "nothing to reopen");
    save_progress(&store, &nyj, &evidence, &ProgressInput { submit: true, ..input("1.1.1.2", 0) }).expect("submitted");
    assert_eq!(reopen_progress(&store, &nyj, "1.1.1.2", "农业局", "2026Q4", "自己退回").map_err(|e| e.code()).err(), Some(ErrorCode::Forbidden), "a department cannot reopen");
    let reopened = reopen_progress(&store, &admin, "1.1.1.2", "农业局", "2026Q4", "进展情况过于简略").expect("reopened");
    assert_eq!((reopened.history.len(), reopened.history[0].fields.state, reopened.history[0].version), (2, RecordState::Reopened, 2), "a new version, reopened");
    assert_eq!(reopened.history[0].fields.progress, reopened.history[1].fields.progress, "what was reported is kept");
    assert_eq!(reopen_progress(&store, &admin, "1.1.1.2", "农业局", "2026Q4", "再退").map_err(|e| e.code()).err(), Some(ErrorCode::InvalidInput), "a reopened record is not reopened twice");
    let seen = progress_record(&store, &nyj, "1.1.1.2", None, "2026Q4").expect("record");
    assert!(seen.editable && !seen.can_reopen, "the department may edit it again");
    let again = save_progress(&store, &nyj, &evidence, &ProgressInput { percent: 80, submit: true, ..input("1.1.1.2", 2) }).expect("resubmitted");
    assert_eq!((again.history.len(), again.history[0].fields.state, again.history[0].fields.percent), (3, RecordState::Submitted, 80), "resubmitted as version 3");
    let log = taizhang_core::admin::audit_log(&store, &admin, 100).expect("log");
    assert!(log.iter().any(|e| e.action == "退回修改" && e.detail == "进展情况过于简略"), "the reason is in the audit log");
}

#[test]
fn a_new_record_opens_with_the_default_status_and_the_accounts_own_reporter() {
    let (_dir, store, admin, nyj, _) = office();
    let own = taizhang_core::profile::Profile { reporter: "王五".into(), phone: "0434-5220000".into() };
    taizhang_core::profile::update_profile(&store, &nyj, &own).expect("saved");
    let record = progress_record(&store, &nyj, "1.1.1.3", None, "2026Q4").expect("record");
    assert_eq!((record.form.fields.status, record.form.fields.percent, record.form.fields.reporter.as_str(), record.form.fields.phone.as_str()), (Status::DEFAULT, 0, "王五", "0434-5220000"), "defaults");
    let theirs = progress_record(&store, &admin, "1.1.1.3", None, "2026Q4").expect("record");
    assert_eq!(theirs.form.fields.reporter, "", "another account's defaults are its own");
    let plan = taizhang_core::responsibilities::plan_tree(&store, None).expect("plan");
    let targets = plan.subitems().find(|s| s.code == "1.1.1.3").map(|s| s.targets.len());
    assert_eq!(Some(record.form.targets.len()), targets, "one entry per target of 1.1.1.3");
    assert!(record.form.targets.iter().enumerate().all(|(i, t)| t.index == i && t.value.is_none()), "in order, none reported");
    assert_eq!(record.department, "农业局", "unnamed, a department opens its own record");
    let county = progress_record(&store, &admin, "1.1.1.3", None, "2026Q4").expect("record");
    assert_eq!(county.department, "农业局", "unnamed, the coordinator opens the first lead's");
    let roles: Vec<(&str, TaskRole)> = county.responsible.iter().map(|r| (r.department.as_str(), r.role)).collect();
    assert_eq!(roles.first(), Some(&("农业局", TaskRole::Lead)), "leads first: {roles:?}");
}

#[test]
fn two_programs_saving_at_once_both_succeed() {
    // The app and the command line are two connections to one file; each save reads the latest
    // version, then writes. Both must wait their turn, never fail with "database is locked".
    let (dir, store, _admin, _, _) = office();
    let path = dir.path().join("taizhang.db");
    drop(store);
    let saver = |user: &'static str, code: &'static str| {
        let path = path.clone();
        let evidence = dir.path().join(format!("evidence-{user}"));
        std::thread::spawn(move || {
            let store = taizhang_core::database::open_database(Some(&path)).expect("opens");
            let session = taizhang_core::accounts::sign_in(&store, user, "secret123").expect("signs in");
            for version in 0..15 {
                save_progress(&store, &session, &evidence, &ProgressInput { percent: version * 5, ..input(code, version) }).map_err(|e| e.to_string())?;
            }
            Ok::<_, String>(())
        })
    };
    let farm = saver("nyj", "1.1.1.2");
    let police = saver("gaj", "4.3.1.4");
    for (who, handle) in [("农业局", farm), ("公安局", police)] {
        assert_eq!(handle.join().expect("no panic"), Ok(()), "{who}'s 15 saves all succeed");
    }
}

#[cfg(unix)]
#[test]
fn evidence_that_never_ends_is_refused_by_what_is_read() {
    // /dev/zero reports a size of 0: the limit holds on the bytes read, not the size claimed.
    let dir = tempfile::tempdir().expect("dir");
    let refused = taizhang_core::evidence::store_evidence(dir.path(), std::path::Path::new("/dev/zero"));
    assert!(matches!(refused, Err(Error::InvalidInput(m)) if m.contains("100 MB")), "refused at the limit");
    assert_eq!(std::fs::read_dir(dir.path()).map(|d| d.count()).unwrap_or(0), 0, "nothing stored");
}
