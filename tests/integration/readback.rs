//! Read-back of department sheets: every department of the seed fills in everything, exports
//! its sheet, and a fresh coordinator database takes the 31 files in with no difference, also
//! after LibreOffice re-saves them and after a library rewrites them as a clerk's program would.

use taizhang_core::status::Status;
use crate::accounts::coordinator_setup;
use crate::util::{department_column, find_cell, seeded_store};
use calamine::{open_workbook, Reader, Xlsx};
use std::path::{Path, PathBuf};
use taizhang_core::accounts::{setup, Session};
use taizhang_core::progress::{save_progress, ProgressInput, TargetValueInput};
use taizhang_core::readback::{import_file, FileReport, ImportOptions, Outcome};
use taizhang_core::received::{latest_records, LatestRecord};
use taizhang_core::report::{export_report, ReportRequest};
use taizhang_core::store::Store;

pub const PERIOD: &str = "2026Q4";

/// A coordinator database with period 2026Q4.
pub fn coordinator() -> (tempfile::TempDir, Store, Session) {
    let (dir, store, _) = seeded_store();
    let admin = setup(&store, &coordinator_setup()).expect("setup");
    taizhang_core::periods::create_period(&store, &admin, PERIOD).expect("period");
    (dir, store, admin)
}

/// The text a department reports on a sub-item: distinct per department and code, with a line
/// break, full-width punctuation and text that looks like a formula.
pub fn progress_text(department: &str, code: &str) -> String {
    format!("{department}在{code}上完成了年度任务的阶段性工作；\n已召开推进会 3 次，=SUM(A1) 不是公式。")
}

/// Fill every field of every sub-item of `departments` (percent and target values too).
pub fn fill(store: &Store, admin: &Session, departments: &[String]) {
    let evidence = tempfile::tempdir().expect("folder");
    for department in departments {
        let tasks = taizhang_core::responsibilities::tasks_for_department(store, department, None).expect("tasks");
        for (index, task) in tasks.tasks.iter().enumerate() {
            let status = Status::REPORTABLE[index % Status::REPORTABLE.len()];
            let percent = if status == Status::Completed { 100 } else { (index as i64 * 7) % 100 };
            let targets = (0..task.targets.len()).map(|i| TargetValueInput { index: i, value: Some(10.5 + i as f64 + index as f64), note: format!("口径{i}") }).collect();
            let input = ProgressInput {
                code: task.code.clone(),
                department: Some(department.clone()),
                period: PERIOD.into(),
                status,
                percent,
                progress: progress_text(department, &task.code),
                problems: format!("{department}：资金缺口（{index}）"),
                next_steps: format!("{}下步：加快推进", task.code),
                remarks: if index % 2 == 0 { "无".into() } else { String::new() },
                reporter: format!("{department}填报员"),
                phone: "0434-5223456".into(),
                targets,
                opened_version: 0,
                submit: index % 3 == 0,
                ..ProgressInput::default()
            };
            save_progress(store, admin, evidence.path(), &input).unwrap_or_else(|e| panic!("{department} {}: {e}", task.code));
        }
    }
}

/// Export each department's sheet into `dir`.
pub fn export_sheets(store: &Store, departments: &[String], dir: &Path) -> Vec<PathBuf> {
    departments
        .iter()
        .map(|department| {
            let path = dir.join(format!("{department}.xlsx"));
            let request = ReportRequest { kind: "department".into(), period: Some(PERIOD.into()), department: Some(department.clone()), blank: false, ..Default::default() };
            export_report(store, &request, &path, crate::report::today()).expect("department sheet");
            path
        })
        .collect()
}

/// Every department responsible for some sub-item.
pub fn departments(store: &Store) -> Vec<String> {
    taizhang_core::responsibilities::department_choices(store).expect("departments").into_iter().map(|d| d.name).collect()
}

/// Fields that travel, without version, state and source.
fn comparable(record: &LatestRecord) -> String {
    let f = &record.fields;
    let targets: Vec<String> = record.targets.iter().map(|t| format!("{}={:?}/{}", t.index, t.value, t.note)).collect();
    format!(
        "{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}",
        record.code, record.department, f.status, f.percent, f.progress, f.problems, f.next_steps, f.remarks, f.reporter, f.phone,
        targets.join(",")
    )
}

/// Field-by-field differences between the records of two databases.
pub fn differences(expected: &Store, actual: &Store) -> Vec<String> {
    let left: Vec<String> = latest_records(expected, None, PERIOD, None).expect("records").iter().map(comparable).collect();
    let right: Vec<String> = latest_records(actual, None, PERIOD, None).expect("records").iter().map(comparable).collect();
    let mut diff: Vec<String> = left.iter().filter(|l| !right.contains(l)).map(|l| format!("missing or different: {l}")).collect();
    diff.extend(right.iter().filter(|r| !left.contains(r)).map(|r| format!("unexpected: {r}")));
    diff
}

fn import_all(store: &Store, admin: &Session, files: &[PathBuf]) -> Vec<FileReport> {
    files.iter().map(|f| import_file(store, Some(admin), f, &ImportOptions::default())).collect()
}

fn assert_all_merged(reports: &[FileReport]) {
    for report in reports {
        assert_eq!(report.outcome, Outcome::Merged, "{} is taken in: {} {:?} {:?}", report.file, report.message, report.refused, report.review);
        assert!(report.refused.is_empty(), "{}: nothing refused", report.file);
    }
}

/// The filled database and its 31 exported sheets.
pub struct RoundTrip {
    pub dir: tempfile::TempDir,
    pub source: Store,
    pub files: Vec<PathBuf>,
    pub departments: Vec<String>,
}

pub fn round_trip() -> RoundTrip {
    let (dir, source, admin) = coordinator();
    let departments = departments(&source);
    fill(&source, &admin, &departments);
    let out = dir.path().join("sheets");
    std::fs::create_dir_all(&out).expect("folder");
    let files = export_sheets(&source, &departments, &out);
    RoundTrip { dir, source, files, departments }
}

#[test]
fn every_departments_sheet_comes_back_with_no_difference() {
    let trip = round_trip();
    assert_eq!(trip.departments.len(), 31, "the seed's 31 departments");
    let (_dir, target, admin) = coordinator();
    let reports = import_all(&target, &admin, &trip.files);
    assert_all_merged(&reports);
    let rows: usize = reports.iter().map(|r| r.new).sum();
    let held = latest_records(&trip.source, None, PERIOD, None).expect("records").len();
    assert_eq!(rows, held, "every filled record arrives as a new row");
    assert_eq!(differences(&trip.source, &target), Vec::<String>::new(), "0 differences field by field");
    let sources = latest_records(&target, None, PERIOD, None).expect("records");
    assert!(sources.iter().all(|r| r.fields.state == taizhang_core::store::RecordState::Submitted && r.source.as_ref().is_some_and(|s| s.sha256.len() == 64)), "each version is submitted and names its file");

    let again = import_all(&target, &admin, &trip.files);
    assert!(again.iter().all(|r| r.outcome == Outcome::Unchanged), "the same files twice change nothing");
    assert_eq!(differences(&trip.source, &target), Vec::<String>::new(), "still 0 differences");
}

#[test]
fn the_county_summary_holds_every_departments_text_after_the_round_trip() {
    let trip = round_trip();
    let (dir, target, admin) = coordinator();
    assert_all_merged(&import_all(&target, &admin, &trip.files));
    let path = dir.path().join("summary.xlsx");
    let request = ReportRequest { kind: "summary".into(), period: Some(PERIOD.into()), department: None, blank: false, ..Default::default() };
    export_report(&target, &request, &path, crate::report::today()).expect("summary");
    let mut book: Xlsx<_> = open_workbook(&path).expect("summary opens");
    let sheet = book.worksheet_range(taizhang_core::report::SUMMARY_SHEETS[0]).expect("county sheet");
    let cells: String = sheet.cells().map(|(_, _, v)| v.to_string()).collect::<Vec<_>>().join("\n");
    for record in latest_records(&target, None, PERIOD, None).expect("records") {
        assert!(cells.contains(&record.fields.progress), "{} {}'s text is in the county summary", record.code, record.department);
    }
    let missing = book.worksheet_range(taizhang_core::report::SUMMARY_SHEETS[3]).expect("missing sheet");
    assert!(missing.rows().skip(3).all(|r| r.iter().all(|c| c.to_string().is_empty())), "no department is missing after all 31 sheets arrived");
}

/// Convert `files` to .xlsx again with LibreOffice headless, into `out`.
fn libreoffice_resave(files: &[PathBuf], out: &Path) -> Vec<PathBuf> {
    let profile = out.join("profile");
    let status = std::process::Command::new("soffice")
        .arg(format!("-env:UserInstallation=file://{}", profile.display()))
        .args(["--headless", "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir"])
        .arg(out)
        .args(files)
        .output()
        .expect("LibreOffice (soffice) runs");
    assert!(status.status.success(), "LibreOffice re-saves: {}", String::from_utf8_lossy(&status.stderr));
    files.iter().map(|f| out.join(f.file_name().expect("name"))).collect()
}

#[test]
fn sheets_re_saved_by_libreoffice_come_back_the_same() {
    let trip = round_trip();
    let out = trip.dir.path().join("libreoffice");
    let resaved = libreoffice_resave(&trip.files, &out);
    let (_dir, target, admin) = coordinator();
    let reports = import_all(&target, &admin, &resaved);
    assert_all_merged(&reports);
    assert!(reports.iter().zip(&trip.files).all(|(r, f)| r.sha256 != taizhang_core::readback::sha256_hex(&std::fs::read(f).expect("bytes"))), "the files really were rewritten");
    assert_eq!(differences(&trip.source, &target), Vec::<String>::new(), "0 differences after LibreOffice");
}

#[test]
fn sheets_rewritten_and_edited_by_a_spreadsheet_library_come_back_with_the_edits() {
    let trip = round_trip();
    let out = trip.dir.path().join("umya");
    std::fs::create_dir_all(&out).expect("folder");
    let mut rewritten = Vec::new();
    for file in &trip.files {
        let book = umya_spreadsheet::reader::xlsx::read(file).expect("umya reads the sheet");
        let path = out.join(file.file_name().expect("name"));
        umya_spreadsheet::writer::xlsx::write(&book, &path).expect("umya writes it");
        rewritten.push(path);
    }
    let (_dir, target, admin) = coordinator();
    assert_all_merged(&import_all(&target, &admin, &rewritten));
    assert_eq!(differences(&trip.source, &target), Vec::<String>::new(), "0 differences after a rewrite");

    // A clerk edits 农业局's sheet: new text, percent typed as "85%", a target value as text.
    let path = out.join("农业局.xlsx");
    let mut book = umya_spreadsheet::reader::xlsx::read(&path).expect("read");
    let sheet = book.get_sheet_by_name_mut(taizhang_core::report::DEPARTMENT_SHEET).expect("main sheet");
    let row = (1..200u32).find(|r| sheet.get_value((department_column("task_code"), *r)) == "1.1.1.2").expect("row of 1.1.1.2 (hidden code column)");
    sheet.get_cell_mut((department_column("percent"), row)).set_value_string("85%");
    sheet.get_cell_mut((department_column("status"), row)).set_value_string(" 序时推进 ");
    sheet.get_cell_mut((department_column("progress"), row)).set_value_string("经办公室修改的进展");
    umya_spreadsheet::writer::xlsx::write(&book, &path).expect("write");
    let report = import_file(&target, Some(&admin), &path, &ImportOptions::default());
    assert_eq!((report.outcome, report.changed, report.new), (Outcome::Merged, 1, 0), "one row changed: {}", report.message);
    let changed = &report.rows.iter().find(|r| r.code == "1.1.1.2").expect("row").changes;
    let labels: Vec<&str> = changed.iter().map(|c| c.label.as_str()).collect();
    assert!(labels.contains(&"完成进度") && labels.contains(&"进展情况"), "changes field by field: {labels:?}");
    let record = latest_records(&target, None, PERIOD, Some("农业局")).expect("records").into_iter().find(|r| r.code == "1.1.1.2").expect("record");
    assert_eq!((record.fields.percent, record.fields.progress.as_str(), record.version), (85, "经办公室修改的进展", 2), "the edit is a new version");
}

/// The 1-based row of `text` in column `column` of `sheet`.
fn find_row(sheet: &umya_spreadsheet::Worksheet, column: u32, text: &str) -> u32 {
    (1..500u32).find(|r| sheet.get_value((column, *r)) == text).unwrap_or_else(|| panic!("a row with {text:?} in column {column}"))
}

#[test]
fn a_blank_sheet_filled_in_by_hand_is_taken_in() {
    let (dir, source, _) = coordinator();
    let blank = dir.path().join("blank.xlsx");
    let request = ReportRequest { kind: "department".into(), period: Some(PERIOD.into()), department: Some("农业局".into()), blank: true, ..Default::default() };
    export_report(&source, &request, &blank, crate::report::today()).expect("blank sheet");
    let mut book = umya_spreadsheet::reader::xlsx::read(&blank).expect("read");
    let sheet = book.get_sheet_by_name_mut(taizhang_core::report::DEPARTMENT_SHEET).expect("main sheet");
    for (code, status, percent, text) in [("1.1.1.2", "序时推进", 30.0, "手工填写：完成采样 120 个点位"), ("1.1.1.3", "已完成", 100.0, "手工填写：已完成")] {
        let row = find_row(sheet, department_column("task_code"), code);
        sheet.get_cell_mut((department_column("status"), row)).set_value_string(status);
        sheet.get_cell_mut((department_column("percent"), row)).set_value_number(percent);
        sheet.get_cell_mut((department_column("progress"), row)).set_value_string(text);
    }
    let (_, footer) = find_cell(sheet, "填报人：");
    sheet.get_cell_mut((u32::from(taizhang_core::report::REPORTER_VALUE_COLUMN) + 1, footer)).set_value_string("赵六");
    sheet.get_cell_mut((u32::from(taizhang_core::report::PHONE_VALUE_COLUMN) + 1, footer)).set_value_string("0434-5226789");
    let targets = book.get_sheet_by_name_mut(taizhang_core::report::TARGET_VALUES_SHEET).expect("量化指标");
    let row = find_row(targets, 7, "1.1.1.3#1");
    targets.get_cell_mut((5, row)).set_value_string("2.3");
    targets.get_cell_mut((6, row)).set_value_string("全县抽样均值");
    let filled = dir.path().join("农业局_手工填写.xlsx");
    umya_spreadsheet::writer::xlsx::write(&book, &filled).expect("write");

    let (_dir, target, admin) = coordinator();
    let report = import_file(&target, Some(&admin), &filled, &ImportOptions::default());
    assert_eq!((report.outcome, report.new), (Outcome::Merged, 2), "two rows filled by hand: {} {:?}", report.message, report.refused);
    let records = latest_records(&target, None, PERIOD, Some("农业局")).expect("records");
    let done = records.iter().find(|r| r.code == "1.1.1.3").expect("1.1.1.3");
    assert_eq!((done.fields.status, done.fields.percent, done.fields.reporter.as_str(), done.fields.phone.as_str()), (Status::Completed, 100, "赵六", "0434-5226789"), "status, percent, 填报人 and 联系电话");
    assert_eq!(done.targets.iter().map(|t| (t.index, t.value, t.note.as_str())).collect::<Vec<_>>(), [(0, Some(2.3), "全县抽样均值")], "the target value typed as text");
}

#[test]
fn a_template_1_sheet_is_still_read() {
    let (dir, source, admin) = coordinator();
    fill(&source, &admin, &["农业局".to_string()]);
    let sheet = export_sheets(&source, &["农业局".to_string()], dir.path()).remove(0);
    let mut book = umya_spreadsheet::reader::xlsx::read(&sheet).expect("read");
    book.remove_sheet_by_name(taizhang_core::report::TARGET_VALUES_SHEET).expect("no 量化指标 in version 1");
    let main = book.get_sheet_by_name_mut(taizhang_core::report::DEPARTMENT_SHEET).expect("main sheet");
    let (_, footer) = find_cell(main, "填报人：");
    main.get_merge_cells_mut().retain(|m| !m.get_range().contains(&footer.to_string()));
    for column in 1..=department_column("task_code") - 1 {
        main.get_cell_mut((column, footer)).set_value_string("");
    }
    main.get_cell_mut((1, footer)).set_value_string("单位负责人：          审核人：          填报人：王五          联系电话：0434-1234567");
    // Template 1 had neither 完成进度 nor the columns template 3 added; right to left.
    for key in ["evidence", "percent", "lead"] {
        main.remove_column(&taizhang_core::readback::column_letter(department_column(key) - 1), &1);
    }
    let meta = book.get_sheet_by_name_mut("_taizhang").expect("metadata");
    let version = find_row(meta, 1, "template_version");
    meta.get_cell_mut((2, version)).set_value_string("1");
    let columns = find_row(meta, 1, &format!("columns:{}", taizhang_core::report::DEPARTMENT_SHEET));
    meta.get_cell_mut((2, columns)).set_value_string([&taizhang_core::report::layout::DEPARTMENT_V1_KEYS[..], &["task_code"]].concat().join(","));
    let v1 = dir.path().join("农业局_模板1.xlsx");
    umya_spreadsheet::writer::xlsx::write(&book, &v1).expect("write");

    let (_dir, target, admin) = coordinator();
    let report = import_file(&target, Some(&admin), &v1, &ImportOptions::default());
    assert_eq!((report.outcome, report.template_version.as_deref()), (Outcome::Merged, Some("1")), "{} {:?}", report.message, report.refused);
    assert_eq!(report.new, 66, "all 66 rows of 农业局");
    let records = latest_records(&target, None, PERIOD, Some("农业局")).expect("records");
    let sent = latest_records(&source, None, PERIOD, Some("农业局")).expect("records");
    for (got, sent) in records.iter().zip(&sent) {
        assert_eq!((&got.code, &got.fields.status, &got.fields.progress, &got.fields.next_steps), (&sent.code, &sent.fields.status, &sent.fields.progress, &sent.fields.next_steps), "texts of {}", sent.code);
        let percent = if sent.fields.status == Status::Completed { 100 } else { 0 };
        assert_eq!(got.fields.percent, percent, "without 完成进度, 已完成 counts 100 and anything else 0 ({})", sent.code);
        assert_eq!((got.fields.reporter.as_str(), got.fields.phone.as_str()), ("王五", "0434-1234567"), "填报人 and 联系电话 from the one-line footer");
    }
}

#[test]
fn a_batch_stops_when_cancelled_and_reports_progress() {
    let trip = round_trip();
    let (_dir, target, admin) = coordinator();
    let lock = std::sync::Mutex::new(target);
    let mut seen = Vec::new();
    let folder = vec![trip.files[0].parent().expect("folder").to_path_buf()];
    let reports = taizhang_core::readback::import_batch(&lock, Some(&admin), &folder, &ImportOptions::default(), &mut |step| {
        seen.push((step.done, step.total));
        step.done < 2
    })
    .expect("batch");
    assert_eq!(reports.len(), 2, "two files taken in before 取消");
    assert_eq!(seen[..3], [(0, 31), (1, 31), (2, 31)], "progress before each file, out of 31");
    let target = lock.into_inner().expect("store");
    assert_eq!(taizhang_core::received::received_files(&target, Some(PERIOD)).expect("receipts").len(), 2, "only those two were received");
}
