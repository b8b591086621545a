//! evidence: files attached to a record are removed from a new version (history keeps them),
//! cleaned up when the save they were copied for fails, exported beside the department sheet,
//! and opened only by those who may read the record.

use crate::progress::{input, office};
use taizhang_core::progress::{progress_record, save_progress, ProgressInput};
use taizhang_core::Error;

fn files_in(dir: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir).map(|r| r.filter_map(|e| e.ok()).map(|e| e.file_name().to_string_lossy().into_owned()).collect()).unwrap_or_default();
    names.sort();
    names
}

#[test]
fn a_file_is_removed_from_the_new_version_and_history_keeps_it() {
    let (dir, store, _, nyj, _) = office();
    let evidence = dir.path().join("evidence");
    let (photo, minutes) = (dir.path().join("现场照片.jpg"), dir.path().join("会议纪要.pdf"));
    std::fs::write(&photo, b"photo").expect("file");
    std::fs::write(&minutes, b"minutes").expect("file");
    let first = save_progress(&store, &nyj, &evidence, &ProgressInput { evidence: vec![photo, minutes], ..input("1.1.1.2", 0) }).expect("saved with two files");
    let photo_sha = first.history[0].evidence.iter().find(|f| f.name == "现场照片.jpg").expect("photo").sha256.clone();
    let unknown = save_progress(&store, &nyj, &evidence, &ProgressInput { remove_evidence: vec!["f".repeat(64)], ..input("1.1.1.2", 1) });
    assert!(matches!(unknown, Err(Error::InvalidInput(_))), "a file the record does not hold: {unknown:?}");
    let second = save_progress(&store, &nyj, &evidence, &ProgressInput { remove_evidence: vec![photo_sha.clone()], ..input("1.1.1.2", 1) }).expect("saved without the photo");
    let names = |v: &taizhang_core::progress::Version| v.evidence.iter().map(|f| f.name.clone()).collect::<Vec<_>>();
    assert_eq!(names(&second.history[0]), vec!["会议纪要.pdf".to_string()], "the new version leaves the photo out");
    assert_eq!(names(&second.history[1]).len(), 2, "the first version still lists both");
    assert!(evidence.join(&photo_sha).exists(), "and the file stays for it");
}

#[test]
fn a_failed_save_leaves_no_copied_file_behind() {
    let (dir, store, _, nyj, _) = office();
    let evidence = dir.path().join("evidence");
    let photo = dir.path().join("新照片.jpg");
    std::fs::write(&photo, b"a photo nobody saved").expect("file");
    let refused = save_progress(&store, &nyj, &evidence, &ProgressInput { evidence: vec![photo.clone()], remove_evidence: vec!["0".repeat(64)], ..input("1.1.1.2", 0) });
    assert!(refused.is_err(), "refused after the file was copied in");
    assert!(files_in(&evidence).is_empty(), "the copy is gone: {:?}", files_in(&evidence));
    let missing = dir.path().join("不存在.pdf");
    let refused = save_progress(&store, &nyj, &evidence, &ProgressInput { evidence: vec![photo, missing], ..input("1.1.1.2", 0) });
    assert!(matches!(refused, Err(Error::Io { .. })), "the second file cannot be read: {refused:?}");
    assert!(files_in(&evidence).is_empty(), "the first one's copy is gone too: {:?}", files_in(&evidence));
}

#[test]
fn the_department_sheet_takes_its_evidence_along() {
    let (dir, store, _, nyj, _) = office();
    let evidence = dir.path().join("evidence");
    let photo = dir.path().join("现场照片.jpg");
    std::fs::write(&photo, b"JPEG of the field").expect("file");
    save_progress(&store, &nyj, &evidence, &ProgressInput { evidence: vec![photo], ..input("1.1.1.2", 0) }).expect("saved");
    let request = taizhang_core::report::ReportRequest { kind: "department".into(), period: Some("2026Q4".into()), department: Some("农业局".into()), ..Default::default() };
    let out = dir.path().join("上报").join("农业局_2026Q4.xlsx");
    let outcome = taizhang_core::report::export_as(&store, &nyj, &request, &out, crate::report::today()).expect("exported");
    let folder = dir.path().join("上报").join("农业局_2026Q4_佐证材料");
    assert_eq!((outcome.evidence.folder.as_deref(), outcome.evidence.copied), (Some(folder.as_path()), 1), "{:?}", outcome.evidence);
    assert_eq!(std::fs::read(folder.join("1.1.1.2_现场照片.jpg")).expect("beside the workbook"), b"JPEG of the field", "byte for byte, named by task");
}

#[test]
fn only_those_who_may_read_a_record_open_its_files() {
    let (dir, store, admin, nyj, gaj) = office();
    let evidence = dir.path().join("evidence");
    let photo = dir.path().join("现场照片.jpg");
    std::fs::write(&photo, b"photo").expect("file");
    let record = save_progress(&store, &nyj, &evidence, &ProgressInput { evidence: vec![photo], ..input("1.1.1.2", 0) }).expect("saved");
    let sha = record.history[0].evidence[0].sha256.clone();
    let open = |who, sha: &str| taizhang_core::evidence::open_evidence(&store, who, &evidence, &taizhang_core::progress::RecordKey { code: "1.1.1.2".into(), department: Some("农业局".into()), period: "2026Q4".into(), plan_id: None }, sha);
    assert!(matches!(open(&gaj, &sha), Err(Error::Forbidden(_))), "公安局 may not");
    assert!(matches!(open(&admin, &"0".repeat(64)), Err(Error::NotFound(_))), "a file the record does not cite");
    std::fs::remove_file(evidence.join(&sha)).expect("lost from the folder");
    let missing = open(&nyj, &sha);
    assert!(matches!(&missing, Err(Error::NotFound(m)) if m.contains("备份")), "says it is gone and where to look: {missing:?}");
    assert_eq!(progress_record(&store, &nyj, "1.1.1.2", None, "2026Q4").expect("record").history[0].evidence.len(), 1, "the record still cites it");
}

#[test]
fn an_export_in_steps_copies_the_evidence_and_a_cancelled_one_writes_nothing() {
    use taizhang_core::report::{export_in_steps, ExportStep, ReportRequest};
    let (dir, store, _, nyj, _) = office();
    let photo = dir.path().join("现场照片.jpg");
    std::fs::write(&photo, b"JPEG of the field").expect("file");
    save_progress(&store, &nyj, &dir.path().join("evidence"), &ProgressInput { evidence: vec![photo], ..input("1.1.1.2", 0) }).expect("saved");
    let store = std::sync::Mutex::new(store);
    let request = ReportRequest { kind: "department".into(), period: Some("2026Q4".into()), department: Some("农业局".into()), ..Default::default() };
    let export = |name: &str, stop_at: Option<ExportStep>| {
        let mut steps = Vec::new();
        let out = dir.path().join(name).join("农业局.xlsx");
        let result = export_in_steps(&store, &nyj, &request, &out, crate::report::today(), &mut |p| {
            steps.push((p.step, p.done, p.total));
            Some(p.step) != stop_at
        });
        (result, steps, out)
    };
    let (done, steps, out) = export("上报", None);
    let outcome = done.expect("exported");
    let order: Vec<_> = ExportStep::ALL.iter().enumerate().map(|(i, s)| (*s, i, 4)).collect();
    assert_eq!(steps, order, "reading, writing, saving, recording, each announced before it starts");
    assert!(out.exists() && outcome.rows > 0, "the workbook, {} rows", outcome.rows);
    assert_eq!(outcome.evidence.copied, 1, "the evidence travels along: {:?}", outcome.evidence);
    for step in [ExportStep::Reading, ExportStep::Writing, ExportStep::Saving] {
        let (stopped, steps, out) = export(step.key(), Some(step));
        assert!(matches!(stopped, Err(Error::Cancelled(_))), "取消 at {step:?}: {stopped:?}");
        assert_eq!(steps.last().map(|s| s.0), Some(step), "nothing after {step:?}");
        let folder = out.parent().expect("folder");
        assert!(!folder.exists() || files_in(folder).is_empty(), "nothing written when stopped at {step:?}: {:?}", files_in(folder));
    }
    let (late, _, out) = export("晚", Some(ExportStep::Recording));
    assert!(late.is_ok() && out.exists(), "once the file is written it is kept and recorded: {late:?}");
}
