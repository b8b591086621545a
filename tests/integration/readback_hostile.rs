//! Hostile and broken workbooks given to read-back: each is refused with a Chinese message that
//! says where (the database files byte-identical afterwards) or taken in with a flag for review.

use crate::readback::{coordinator, export_sheets, fill, PERIOD};
use std::path::{Path, PathBuf};
use taizhang_core::accounts::Session;
use taizhang_core::readback::{import_file, FileReport, ImportOptions, Outcome};
use taizhang_core::report::{export_report, ReportRequest, DEPARTMENT_SHEET};
use taizhang_core::store::Store;
use umya_spreadsheet::Spreadsheet;
use crate::util::department_column;

/// Hidden code column and the input columns of the current template, 1-based as umya counts.
const CODE: u32 = department_column("task_code");
const VISIBLE_CODE: u32 = department_column("code");
const STATUS: u32 = department_column("status");
const PERCENT: u32 = department_column("percent");
const PROGRESS: u32 = department_column("progress");

struct Fixture {
    dir: tempfile::TempDir,
    sheet: PathBuf,
    source: Store,
}

/// 农业局's filled sheet from a department's database.
fn fixture() -> Fixture {
    let (dir, source, admin) = coordinator();
    fill(&source, &admin, &["农业局".to_string()]);
    let sheet = export_sheets(&source, &["农业局".to_string()], dir.path()).remove(0);
    Fixture { dir, sheet, source }
}

/// A copy of the sheet changed by `edit`, as a clerk's spreadsheet program would save it.
fn edited(f: &Fixture, name: &str, edit: impl FnOnce(&mut Spreadsheet)) -> PathBuf {
    let mut book = umya_spreadsheet::reader::xlsx::read(&f.sheet).expect("umya reads the sheet");
    edit(&mut book);
    let path = f.dir.path().join(format!("{name}.xlsx"));
    umya_spreadsheet::writer::xlsx::write(&book, &path).expect("umya writes");
    path
}

/// The 1-based row of sub-item `code` in the main sheet.
fn row_of(book: &Spreadsheet, code: &str) -> u32 {
    let sheet = book.get_sheet_by_name(DEPARTMENT_SHEET).expect("main sheet");
    (1..400u32).find(|r| sheet.get_value((CODE, *r)) == code).unwrap_or_else(|| panic!("row of {code}"))
}

fn main_sheet(book: &mut Spreadsheet) -> &mut umya_spreadsheet::Worksheet {
    book.get_sheet_by_name_mut(DEPARTMENT_SHEET).expect("main sheet")
}

/// The bytes of the database and its WAL.
fn database_bytes(db: &Path) -> Vec<Vec<u8>> {
    ["", "-wal"].iter().map(|suffix| std::fs::read(format!("{}{suffix}", db.display())).unwrap_or_default()).collect()
}

/// A coordinator database file on disk, to compare bytes.
fn target() -> (tempfile::TempDir, PathBuf, Store, Session) {
    let (dir, store, admin) = coordinator();
    let path = dir.path().join("taizhang.db");
    (dir, path, store, admin)
}

/// `file` is refused with a message containing every one of `expected`; nothing changes.
fn assert_refused(file: &Path, expected: &[&str]) -> FileReport {
    let (_dir, db, store, admin) = target();
    let before = database_bytes(&db);
    let counts = store.row_counts().expect("counts");
    let report = import_file(&store, Some(&admin), file, &ImportOptions::default());
    assert_eq!(report.outcome, Outcome::Refused, "{} is refused: {}", file.display(), report.message);
    let name = file.file_name().and_then(|n| n.to_str()).unwrap_or_default();
    assert!(report.message.contains(name), "the message names the file: {}", report.message);
    for fragment in expected {
        assert!(report.message.contains(fragment), "the message says {fragment:?}: {}", report.message);
    }
    assert_eq!(store.row_counts().expect("counts"), counts, "no row written");
    assert_eq!(database_bytes(&db), before, "the database files are byte-identical");
    report
}

/// `file` is taken in, with a review flag containing `expected`.
fn assert_flagged(file: &Path, expected: &str) -> FileReport {
    let (_dir, _db, store, admin) = target();
    let report = import_file(&store, Some(&admin), file, &ImportOptions::default());
    assert_eq!(report.outcome, Outcome::Merged, "{} is taken in: {} {:?}", file.display(), report.message, report.refused);
    assert!(report.review.iter().any(|r| r.reason.contains(expected)), "flagged {expected:?}: {:?}", report.review);
    report
}

#[test]
fn broken_files_and_other_workbooks_are_refused() {
    let f = fixture();
    let bytes = std::fs::read(&f.sheet).expect("bytes");
    let truncated = f.dir.path().join("截断.xlsx");
    std::fs::write(&truncated, &bytes[..bytes.len() / 2]).expect("write");
    assert_refused(&truncated, &["已损坏"]);
    let png = f.dir.path().join("图片.xlsx");
    std::fs::write(&png, b"\x89PNG\r\n\x1a\nnot a workbook").expect("write");
    assert_refused(&png, &["不是 Excel 工作簿"]);
    let huge = f.dir.path().join("超大.xlsx");
    let mut big = b"PK\x03\x04".to_vec();
    big.resize(20 * 1024 * 1024 + 1, b'x');
    std::fs::write(&huge, big).expect("write");
    assert_refused(&huge, &["超过 20 MB"]);
    for (kind, words) in [("summary", "全县工作进展汇总表"), ("breakdown", "任务分解表")] {
        let path = f.dir.path().join(format!("{kind}.xlsx"));
        let request = ReportRequest { kind: kind.into(), period: Some(PERIOD.into()), department: None, blank: false, ..Default::default() };
        export_report(&f.source, &request, &path, crate::report::today()).expect("export");
        assert_refused(&path, &[words, "不是部门工作进展情况表"]);
    }
}

#[test]
fn the_metadata_decides_plan_period_and_template() {
    let f = fixture();
    let meta = |key: &'static str, value: &'static str| {
        move |book: &mut Spreadsheet| {
            let sheet = book.get_sheet_by_name_mut("_taizhang").expect("metadata");
            let row = (1..30u32).find(|r| sheet.get_value((1, *r)) == key).expect("key row");
            sheet.get_cell_mut((2, row)).set_value_string(value);
        }
    };
    let other_plan = edited(&f, "另一计划", meta("plan_fingerprint", "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"));
    assert_refused(&other_plan, &["01234567", "梨树县土壤污染防治行动计划"]);
    let future = edited(&f, "新版模板", meta("template_version", "9"));
    assert_refused(&future, &["模板版本 9"]);
    let later = edited(&f, "未建报告期", meta("period", "2027Q1"));
    let report = assert_refused(&later, &["2027Q1", "--create-period"]);
    assert_eq!(report.missing_period.as_deref(), Some("2027Q1"), "the UI is told which period to offer");
    let (_dir, _db, store, admin) = target();
    let created = import_file(&store, Some(&admin), &later, &ImportOptions { create_period: true, ..ImportOptions::default() });
    assert_eq!(created.outcome, Outcome::Merged, "with create_period the period is made: {}", created.message);
    assert!(store.period("2027Q1").expect("period").is_some(), "2027Q1 exists now");
}

#[test]
fn rows_that_are_not_the_departments_are_refused_with_row_and_column() {
    let f = fixture();
    let swapped = edited(&f, "编号互换", |book| {
        let (a, b) = (row_of(book, "1.1.1.2"), row_of(book, "1.1.1.3"));
        let sheet = main_sheet(book);
        for column in [CODE, VISIBLE_CODE] {
            sheet.get_cell_mut((column, a)).set_value_string("1.1.1.3");
            sheet.get_cell_mut((column, b)).set_value_string("1.1.1.2");
        }
    });
    assert_refused(&swapped, &["任务内容与编号", "不符"]);
    let altered = edited(&f, "编号改动", |book| {
        let row = row_of(book, "1.1.1.2");
        main_sheet(book).get_cell_mut((VISIBLE_CODE, row)).set_value_string("1.1.1.9");
    });
    assert_refused(&altered, &["任务编号被改动", "B（任务编号）"]);
    let unknown = edited(&f, "未知编号", |book| {
        let row = row_of(book, "1.1.1.2");
        let sheet = main_sheet(book);
        sheet.get_cell_mut((CODE, row)).set_value_string("99.9.9.9");
        sheet.get_cell_mut((VISIBLE_CODE, row)).set_value_string("99.9.9.9");
    });
    assert_refused(&unknown, &["没有编号为 99.9.9.9 的小项"]);
    let foreign = edited(&f, "他部门的行", |book| {
        let row = row_of(book, "1.1.1.2");
        let sheet = main_sheet(book);
        sheet.get_cell_mut((CODE, row)).set_value_string("4.3.1.4");
        sheet.get_cell_mut((VISIBLE_CODE, row)).set_value_string("4.3.1.4");
        sheet.get_cell_mut((department_column("subitem"), row)).set_value_string("");
    });
    assert_refused(&foreign, &["农业局不是小项 4.3.1.4 的牵头或配合单位"]);
}

#[test]
fn out_of_range_values_are_refused_where_they_are() {
    let f = fixture();
    let set = |name: &str, column: u32, value: &'static str| {
        edited(&f, name, move |book| {
            let row = row_of(book, "1.1.1.2");
            main_sheet(book).get_cell_mut((column, row)).set_value_string(value);
        })
    };
    let report = assert_refused(&set("进度超限", PERCENT, "120"), &[&format!("{}（完成进度(%)）", taizhang_core::readback::column_letter(PERCENT - 1)), "0–100"]);
    assert_eq!(report.refused[0].code, "1.1.1.2", "the refusal names the task code");
    assert!(report.refused[0].row.is_some(), "and the row");
    assert_refused(&set("日期当进度", PERCENT, "2026-11-30"), &["应为数字"]);
    assert_refused(&set("状态无效", STATUS, "完成"), &["完成状态“完成”无效"]);
    let ten_mb = f.dir.path().join("超长文字.xlsx");
    let mut book = umya_spreadsheet::reader::xlsx::read(&f.sheet).expect("read");
    let row = row_of(&book, "1.1.1.2");
    main_sheet(&mut book).get_cell_mut((PROGRESS, row)).set_value_string("字".repeat(10 * 1024 * 1024 / 3));
    umya_spreadsheet::writer::xlsx::write(&book, &ten_mb).expect("write");
    assert_refused(&ten_mb, &["超过了 5000 字"]);
    let done_half = edited(&f, "已完成五成", |book| {
        let row = row_of(book, "1.1.1.2");
        let sheet = main_sheet(book);
        sheet.get_cell_mut((STATUS, row)).set_value_string("已完成");
        sheet.get_cell_mut((PERCENT, row)).set_value_number(50);
    });
    assert_refused(&done_half, &["完成进度应为 100"]);
    let rows = edited(&f, "行数过多", |book| {
        main_sheet(book).get_cell_mut((1, 60_000)).set_value_string("x");
    });
    assert_refused(&rows, &["超过 50000 行"]);
}

#[test]
fn formulas_merges_renamed_sheets_and_lost_metadata_are_flagged_not_refused() {
    let f = fixture();
    let formula = edited(&f, "公式", |book| {
        let row = row_of(book, "1.1.1.2");
        let cell = main_sheet(book).get_cell_mut((PERCENT, row));
        cell.set_formula("50+10");
        cell.set_formula_result_default("60");
    });
    let report = assert_flagged(&formula, "是公式");
    assert!(report.review.iter().any(|r| r.code == "1.1.1.2" && r.row.is_some()), "the row is named");
    let merged = edited(&f, "合并单元格", |book| {
        let row = row_of(book, "1.1.1.2");
        main_sheet(book).add_merge_cells(format!("L{row}:L{}", row + 1));
    });
    assert_flagged(&merged, "被合并");
    let renamed = edited(&f, "改名", |book| {
        main_sheet(book).set_name("Sheet1");
    });
    assert_flagged(&renamed, "工作表名称已由");
    let rebuilt = edited(&f, "手工重建", |book| {
        book.remove_sheet_by_name("_taizhang").expect("metadata sheet removed");
        book.get_defined_names_mut().clear();
    });
    let report = assert_flagged(&rebuilt, "没有台账的隐藏元数据");
    assert_eq!((report.department.as_deref(), report.period.as_deref()), (Some("农业局"), Some(PERIOD)), "department and period from the title");
    assert_eq!(report.template_version.as_deref(), Some("手工"), "marked as a sheet without metadata");
}

#[test]
fn an_older_sheet_needs_an_explicit_choice() {
    let f = fixture();
    let older = edited(&f, "旧表", |book| {
        let sheet = book.get_sheet_by_name_mut("_taizhang").expect("metadata");
        let row = (1..30u32).find(|r| sheet.get_value((1, *r)) == "exported_at").expect("row");
        sheet.get_cell_mut((2, row)).set_value_string("2020-01-01T00:00:00Z");
        let row = row_of(book, "1.1.1.2");
        main_sheet(book).get_cell_mut((PROGRESS, row)).set_value_string("旧表中的进展");
    });
    let (_dir, _db, store, admin) = target();
    assert_eq!(import_file(&store, Some(&admin), &f.sheet, &ImportOptions::default()).outcome, Outcome::Merged, "the newer sheet first");
    let refused = import_file(&store, Some(&admin), &older, &ImportOptions::default());
    assert!(refused.outcome == Outcome::Refused && refused.older && refused.message.contains("--accept-older"), "older needs a choice: {}", refused.message);
    let taken = import_file(&store, Some(&admin), &older, &ImportOptions { accept_older: true, ..ImportOptions::default() });
    assert_eq!((taken.outcome, taken.changed), (Outcome::Merged, 1), "taken in when chosen: {}", taken.message);
}

#[test]
fn a_department_account_cannot_take_sheets_in() {
    let f = fixture();
    let (_dir, _db, store, admin) = target();
    taizhang_core::accounts::create_account(&store, &admin, &crate::accounts::department_account("nyj", "农业局")).expect("account");
    let nyj = taizhang_core::accounts::sign_in(&store, "nyj", "secret123").expect("sign in");
    let report = import_file(&store, Some(&nyj), &f.sheet, &ImportOptions::default());
    assert!(report.outcome == Outcome::Refused && report.message.contains("只有汇总单位"), "refused: {}", report.message);
}
