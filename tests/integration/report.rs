//! The Excel workbooks read back with calamine and compared with the database: values, task
//! codes, merges, the status list, protection, and the hidden metadata.

use taizhang_core::alerts::Level;
use taizhang_core::status::Status;
use crate::progress::{input, office};
use calamine::{open_workbook, Data, Range, Reader, SheetVisible, Xlsx};
use chrono::NaiveDate;
use std::path::{Path, PathBuf};
use taizhang_core::progress::{save_progress, ProgressInput};
use taizhang_core::report::{export_report, layout, ReportRequest, BREAKDOWN_SHEET, DEPARTMENT_SHEET, SUMMARY_SHEETS};
use taizhang_core::store::Store;

/// Text a clerk might type that looks like a formula.
pub const FORMULA_LIKE: &str = "=HYPERLINK(\"http://x\",\"点我\")+1";

pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 30).expect("date")
}

/// A database with 农业局's progress on two sub-items (one submitted), and the four workbooks.
pub struct Exported {
    pub dir: tempfile::TempDir,
    pub store: Store,
    pub breakdown: PathBuf,
    pub department: PathBuf,
    pub blank: PathBuf,
    pub summary: PathBuf,
}

pub fn exported() -> Exported {
    let (dir, store, _, nyj, _) = office();
    let evidence = dir.path().join("evidence");
    save_progress(&store, &nyj, &evidence, &ProgressInput { progress: FORMULA_LIKE.into(), ..input("1.1.1.2", 0) }).expect("draft");
    let targets = vec![taizhang_core::progress::TargetValueInput { index: 0, value: Some(2.1), note: "抽样".into() }];
    let done = ProgressInput { status: Status::Completed, percent: 100, submit: true, progress: "已完成全部治理任务。".into(), targets, ..input("1.1.1.3", 0) };
    save_progress(&store, &nyj, &evidence, &done).expect("submitted");
    let out = |name: &str| dir.path().join(name);
    let request = |kind: &str, department: Option<&str>, blank| ReportRequest { kind: kind.into(), period: Some("2026Q4".into()), department: department.map(Into::into), blank, ..Default::default() };
    let breakdown = out("breakdown.xlsx");
    export_report(&store, &ReportRequest { period: None, ..request("breakdown", None, false) }, &breakdown, today()).expect("breakdown");
    let department = out("department.xlsx");
    export_report(&store, &request("department", Some("农业局"), false), &department, today()).expect("department");
    let blank = out("department-blank.xlsx");
    export_report(&store, &request("department", Some("农委"), true), &blank, today()).expect("blank");
    let summary = out("summary.xlsx");
    export_report(&store, &request("summary", None, false), &summary, today()).expect("summary");
    Exported { dir, store, breakdown, department, blank, summary }
}

fn open(path: &Path) -> Xlsx<std::io::BufReader<std::fs::File>> {
    open_workbook(path).expect("the workbook opens with calamine")
}

fn text(range: &Range<Data>, row: usize, col: usize) -> String {
    match range.get((row, col)) {
        Some(Data::String(s)) => s.clone(),
        Some(Data::Float(f)) => f.to_string(),
        Some(Data::Int(i)) => i.to_string(),
        Some(other) => other.to_string(),
        None => String::new(),
    }
}

/// Records (first row, code) of a sheet whose hidden task-code column is filled: a record that
/// continues over rows repeats its code on each, and counts once.
fn coded_rows(range: &Range<Data>, code_col: usize, header_row: usize) -> Vec<(usize, String)> {
    let mut records: Vec<(usize, String)> = Vec::new();
    let mut previous: Option<(usize, String)> = None;
    for (row, code) in (header_row + 1..range.height()).map(|r| (r, text(range, r, code_col))).filter(|(_, c)| !c.is_empty()) {
        let continues = previous.as_ref().is_some_and(|(r, c)| *c == code && *r + 1 == row);
        if !continues {
            records.push((row, code.clone()));
        }
        previous = Some((row, code));
    }
    records
}

/// The text of a flowing column of the record starting at `row`: its parts over the rows that
/// repeat the record's code in `code_col`, joined.
fn record_text(range: &Range<Data>, row: usize, code_col: usize, column: usize) -> String {
    let code = text(range, row, code_col);
    (row..range.height()).take_while(|r| text(range, *r, code_col) == code).map(|r| text(range, r, column)).collect()
}

/// Column of `key` in the department sheet.
fn col(key: &str) -> usize {
    layout::DEPARTMENT.iter().position(|c| c.key == key).unwrap_or_else(|| panic!("column {key}"))
}

/// Column of `key` in 全县汇总.
fn summary_col(key: &str) -> usize {
    layout::SUMMARY.iter().position(|c| c.key == key).unwrap_or_else(|| panic!("column {key}"))
}

fn meta(book: &mut Xlsx<std::io::BufReader<std::fs::File>>) -> Vec<(String, String)> {
    let range = book.worksheet_range("_taizhang").expect("metadata sheet");
    (1..range.height()).map(|r| (text(&range, r, 0), text(&range, r, 1))).collect()
}

fn meta_value(meta: &[(String, String)], key: &str) -> String {
    meta.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone()).unwrap_or_default()
}

#[test]
fn the_department_sheet_matches_the_database() {
    let e = exported();
    let mut book = open(&e.department);
    let range = book.worksheet_range(DEPARTMENT_SHEET).expect("sheet");
    assert_eq!(text(&range, 0, 0), "梨树县土壤污染防治行动计划农业局2026年第四季度工作进展情况表", "title from the plan's name");
    assert!(text(&range, 1, 0).starts_with("填报单位（盖章）："), "the 填报单位 line");
    let headers: Vec<String> = (0..layout::DEPARTMENT.len()).map(|c| text(&range, 2, c)).collect();
    assert_eq!(headers, layout::DEPARTMENT.iter().map(|c| c.header).collect::<Vec<_>>(), "the fifteen columns of template 3 in order");
    let code_col = layout::DEPARTMENT.len();
    let tasks = taizhang_core::responsibilities::tasks_for_department(&e.store, "农业局", None).expect("tasks");
    let rows = coded_rows(&range, code_col, 2);
    let codes: Vec<&str> = rows.iter().map(|(_, c)| c.as_str()).collect();
    assert_eq!(codes, tasks.tasks.iter().map(|t| t.code.as_str()).collect::<Vec<_>>(), "one row per sub-item of 农业局, in plan order");
    for ((row, code), task) in rows.iter().zip(&tasks.tasks) {
        assert_eq!(text(&range, *row, col("code")), *code, "visible 任务编号 equals the hidden code");
        assert_eq!(record_text(&range, *row, code_col, col("duty")), taizhang_core::report::measure::collapse_spaces(&task.duty), "本单位职责 of {code} (runs of spaces collapsed)");
        assert_eq!(text(&range, *row, col("role")), if task.lead.iter().any(|d| d == "农业局") { "牵头" } else { "配合" }, "role of {code}");
        assert_eq!(text(&range, *row, col("lead")), task.lead.join("\n"), "the lead department named on {code}");
    }
    let row_of = |code: &str| rows.iter().find(|(_, c)| c == code).map(|(r, _)| *r).expect("row exists");
    assert_eq!(text(&range, row_of("1.1.1.3"), col("status")), "已完成", "status of the submitted record");
    assert_eq!(text(&range, row_of("1.1.1.3"), col("percent")), "100", "its 完成进度");
    assert_eq!(range.get((row_of("1.1.1.3"), col("percent"))), Some(&Data::Float(100.0)), "完成进度 is a number cell");
    assert_eq!(text(&range, row_of("1.1.1.3"), col("progress")), "已完成全部治理任务。", "its progress text");
    assert_eq!(text(&range, row_of("1.1.1.3"), col("seq")), "2", "a submitted record is numbered plainly");
    assert_eq!(text(&range, row_of("1.1.1.2"), col("seq")), "1\n草稿", "a draft is marked as not submitted");
    assert_eq!(
        text(&range, row_of("1.1.1.3"), col("targets")),
        "土壤有机质含量提高到2%以上（实际：2.1%，抽样）\n耕层平均厚度达到20厘米以上",
        "量化目标 with the reported actual value"
    );
    assert_eq!(range.get((row_of("1.1.1.2"), col("progress"))), Some(&Data::String(FORMULA_LIKE.into())), "formula-like text is a string cell");
    let formulas = book.worksheet_formula(DEPARTMENT_SHEET).expect("formulas");
    assert!(formulas.used_cells().next().is_none(), "no cell of the sheet is a formula");
    assert!(text(&range, range.height() - 1, 0).contains("单位负责人"), "signature line below the table");
    let last = range.height() - 1;
    let reporter = usize::from(taizhang_core::report::REPORTER_VALUE_COLUMN);
    assert_eq!((text(&range, last, 9), text(&range, last, reporter)), ("填报人：".to_string(), "张三".to_string()), "填报人 in a cell of its own");
    assert!(text(&range, last, 0).contains("（签字）"), "the signature blanks ask for a signature");
    let targets = book.worksheet_range(taizhang_core::report::TARGET_VALUES_SHEET).expect("量化指标 sheet");
    let target_row = (0..targets.height()).find(|r| text(&targets, *r, 6) == "1.1.1.3#1").expect("row of the first target of 1.1.1.3");
    assert_eq!((text(&targets, target_row, 1), text(&targets, target_row, 4), text(&targets, target_row, 5)), ("土壤有机质含量".to_string(), "2.1".to_string(), "抽样".to_string()), "指标, 本期实际值 and 说明 of 1.1.1.3");
    let meta = meta(&mut book);
    assert_eq!(meta_value(&meta, "template"), "department", "template kind");
    assert_eq!(meta_value(&meta, "period"), "2026Q4", "period key");
    assert_eq!(meta_value(&meta, "department"), "农业局", "department");
    assert_eq!(meta_value(&meta, "template_version"), "3", "template version");
    let plan = taizhang_core::responsibilities::plan_tree(&e.store, None).expect("plan");
    assert_eq!(meta_value(&meta, "plan_fingerprint"), plan.fingerprint, "plan fingerprint");
    assert!(meta_value(&meta, "exported_at").ends_with('Z'), "export time in UTC");
    assert_eq!(meta_value(&meta, &format!("columns:{DEPARTMENT_SHEET}")).split(',').count(), 16, "fifteen column keys and task_code for read-back");
}

#[test]
fn metadata_is_very_hidden_and_named() {
    let e = exported();
    let book = open(&e.department);
    let visible: Vec<(String, SheetVisible)> = book.sheets_metadata().iter().map(|s| (s.name.clone(), s.visible)).collect();
    assert!(visible.contains(&("_taizhang".to_string(), SheetVisible::VeryHidden)), "the metadata sheet is very hidden: {visible:?}");
    let names: Vec<&str> = book.defined_names().iter().map(|(n, _)| n.as_str()).collect();
    for name in ["TZ_TEMPLATE", "TZ_PERIOD", "TZ_PLAN_FINGERPRINT", "TZ_UNIT", "TZ_EXPORTED_AT"] {
        assert!(names.contains(&name), "defined name {name} exists: {names:?}");
    }
    let zip = zip::ZipArchive::new(std::fs::File::open(&e.department).expect("file")).expect("zip");
    let mut zip = zip;
    let mut sheet = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("xl/worksheets/sheet1.xml").expect("sheet part"), &mut sheet).expect("read");
    let protection = sheet.split("<sheetProtection").nth(1).and_then(|p| p.split("/>").next()).expect("the sheet is protected");
    assert!(!protection.contains("password"), "without a password");
    assert!(protection.contains("formatRows=\"0\"") && protection.contains("formatColumns=\"0\""), "rows and columns may be resized: {protection}");
    let date = sheet.split("<c r=\"K2\"").nth(1).and_then(|c| c.split(" s=\"").nth(1)).and_then(|s| s.split('"').next()).expect("the 填报日期 value cell");
    let styles = { let mut t = String::new(); std::io::Read::read_to_string(&mut zip.by_name("xl/styles.xml").expect("styles"), &mut t).expect("read"); t };
    let xf = styles.split("<cellXfs").nth(1).expect("cell formats").split("<xf ").nth(date.parse::<usize>().expect("style index") + 1).expect("the date cell's format");
    assert!(xf.contains("locked=\"0\""), "the 填报日期 cell is unlocked: {xf}");
    assert!(sheet.contains("<dataValidation type=\"list\""), "the status column has a drop-down list");
    assert!(sheet.contains("未启动,序时推进,滞后,已完成,长期坚持"), "of the five status words");
}

#[test]
fn the_blank_sheet_has_the_rows_but_no_progress() {
    let e = exported();
    let mut book = open(&e.blank);
    let range = book.worksheet_range(DEPARTMENT_SHEET).expect("sheet");
    let rows = coded_rows(&range, layout::DEPARTMENT.len(), 2);
    assert_eq!(rows.len(), 66, "all of 农业局's sub-items");
    let inputs: Vec<usize> = layout::DEPARTMENT.iter().enumerate().filter(|(_, c)| c.input).map(|(i, _)| i).collect();
    assert_eq!(inputs, ["status", "percent", "progress", "problems", "next_steps", "remarks"].map(col), "完成状态 … 备注 are the input columns");
    assert!(rows.iter().all(|(r, _)| inputs.iter().all(|c| text(&range, *r, *c).is_empty())), "every input column is empty");
    assert_eq!(meta_value(&meta(&mut book), "blank"), "true", "marked blank in the metadata");
}

#[test]
fn the_breakdown_keeps_every_cell_and_the_vertical_merges() {
    let e = exported();
    let mut book = open(&e.breakdown);
    let range = book.worksheet_range(BREAKDOWN_SHEET).expect("sheet");
    let plan = taizhang_core::responsibilities::plan_tree(&e.store, None).expect("plan");
    let rows = coded_rows(&range, 7, 1);
    assert_eq!(rows.len(), 138, "one record per sub-item");
    let row_of = |code: &str| rows.iter().find(|(_, c)| c == code).map(|(r, _)| *r).expect("row");
    let mut expected_merges = 0;
    let joined = |first: String, notes: &[String]| std::iter::once(first).chain(notes.iter().cloned()).collect::<Vec<_>>().join("\n");
    for article in &plan.articles {
        let first = article.clauses[0].items[0].subitems[0].code.clone();
        assert_eq!(text(&range, row_of(&first), 0), joined(format!("{}{}", article.label, article.title), &article.notes), "article {} with its notes, every character", article.code);
        let article_rows: usize = article.clauses.iter().flat_map(|c| &c.items).map(|i| i.subitems.len()).sum();
        expected_merges += usize::from(article_rows > 1);
        for clause in &article.clauses {
            let clause_rows: usize = clause.items.iter().map(|i| i.subitems.len()).sum();
            expected_merges += usize::from(clause_rows > 1);
            assert_eq!(text(&range, row_of(&clause.items[0].subitems[0].code), 1), joined(format!("{}{}", clause.label, clause.title), &clause.notes), "clause {}", clause.code);
            for item in &clause.items {
                expected_merges += 2 * usize::from(item.subitems.len() > 1);
                let top = row_of(&item.subitems[0].code);
                assert_eq!(text(&range, top, 2), item.text, "item {}", item.code);
                assert_eq!(text(&range, top, 3), joined(item.responsibility.clone(), &item.notes), "item responsibility of {} with its notes", item.code);
                for sub in &item.subitems {
                    let row = row_of(&sub.code);
                    assert_eq!(record_text(&range, row, 7, 4), format!("{}{}", sub.label, sub.text), "sub-item {}", sub.code);
                    assert_eq!(record_text(&range, row, 7, 5), sub.responsibility, "responsibility {}", sub.code);
                    // The layout collapses runs of spaces; the text is otherwise every character.
                    assert_eq!(record_text(&range, row, 7, 6), taizhang_core::report::measure::collapse_spaces(&sub.work), "work {}", sub.code);
                }
            }
        }
    }
    let merges = book.merge_cells_by_sheet_name(BREAKDOWN_SHEET).expect("merges readable");
    let vertical = merges.iter().filter(|m| m.start.1 == m.end.1 && m.end.0 > m.start.0).count();
    assert!(vertical >= expected_merges, "a vertical merge per article, clause and item (two columns) spanning rows, cut where pages end: {vertical} ≥ {expected_merges}");
}

#[test]
fn the_summary_has_every_subitem_statistics_alerts_and_missing_departments() {
    let e = exported();
    let mut book = open(&e.summary);
    let names = book.sheet_names();
    for sheet in SUMMARY_SHEETS {
        assert!(names.iter().any(|n| n == sheet), "sheet {sheet} exists");
    }
    let county = book.worksheet_range(SUMMARY_SHEETS[0]).expect("county");
    let rows = coded_rows(&county, layout::SUMMARY.len(), 2);
    assert_eq!(rows.len(), 138, "one block per sub-item");
    // 1.1.1.3: 农业局 leads and submitted; each cooperating department has its own row.
    let block: Vec<usize> = (0..county.height()).filter(|r| text(&county, *r, layout::SUMMARY.len()) == "1.1.1.3").collect();
    let departments: Vec<String> = block.iter().map(|r| text(&county, *r, summary_col("department"))).collect();
    let plan = taizhang_core::responsibilities::plan_tree(&e.store, None).expect("plan");
    let sub = plan.subitems().find(|s| s.code == "1.1.1.3").expect("1.1.1.3");
    let expected: Vec<String> = sub.lead.iter().map(|d| format!("{d}\n（牵头）")).chain(sub.cooperating.iter().map(|d| format!("{d}\n（配合）"))).collect();
    assert_eq!(departments, expected, "the lead first, then every cooperating department in the plan's order, a row each");
    assert_eq!(text(&county, block[0], summary_col("status")), "已完成", "the lead's status");
    assert_eq!(text(&county, block[0], summary_col("progress")), "已完成全部治理任务。", "the lead's progress");
    assert_eq!(text(&county, block[0], summary_col("submitted")), "已报送", "submitted");
    assert!(block[1..].iter().all(|r| text(&county, *r, summary_col("status")) == "未填报"), "the cooperating departments have not reported");
    let draft = (0..county.height()).find(|r| text(&county, *r, layout::SUMMARY.len()) == "1.1.1.2").expect("1.1.1.2");
    assert_eq!(text(&county, draft, summary_col("submitted")), "草稿（未报送）", "a draft is marked, not printed as reported");
    let statistics = book.worksheet_range(SUMMARY_SHEETS[1]).expect("statistics");
    let agriculture = (0..statistics.height()).find(|r| text(&statistics, *r, 0) == "农业局").expect("农业局 row");
    let stat = |key: &str| layout::STATISTICS.iter().position(|c| c.key == key).expect("column");
    assert_eq!(statistics.get((agriculture, stat("submitted"))), Some(&Data::Float(1.0)), "one submitted record, written as a number");
    assert_eq!(statistics.get((agriculture, stat("completed"))), Some(&Data::Float(1.0)), "one completed");
    let alerts = book.worksheet_range(SUMMARY_SHEETS[2]).expect("alerts");
    assert!((0..alerts.height()).any(|r| text(&alerts, r, 0) == "红色预警"), "overdue tasks are listed");
    let missing = book.worksheet_range(SUMMARY_SHEETS[3]).expect("missing");
    assert!((0..missing.height()).any(|r| text(&missing, r, 0) == "公安局"), "公安局 has not submitted");
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&e.summary).expect("file")).expect("zip");
    assert!(zip.by_name("xl/charts/chart1.xml").is_ok(), "a native chart is in the workbook");
}

#[test]
fn a_departments_task_list_holds_exactly_its_sub_items() {
    let e = exported();
    let path = e.dir.path().join("农业局_任务清单.xlsx");
    let request = ReportRequest { kind: "breakdown".into(), period: None, department: Some("农委".into()), blank: false, ..Default::default() };
    export_report(&e.store, &request, &path, today()).expect("task list");
    let mut book = open(&path);
    let range = book.worksheet_range(BREAKDOWN_SHEET).expect("sheet");
    let codes: Vec<String> = coded_rows(&range, 7, 1).into_iter().map(|(_, c)| c).collect();
    let tasks = taizhang_core::responsibilities::tasks_for_department(&e.store, "农业局", None).expect("tasks");
    assert_eq!(codes, tasks.tasks.iter().map(|t| t.code.clone()).collect::<Vec<_>>(), "the task list has 农业局's sub-items, in plan order");
    assert_eq!(codes.len(), 66, "66 of the seed's 138");
    assert_eq!(meta_value(&meta(&mut book), "department"), "农业局", "the department (named by an alias) in the metadata");
}

#[test]
fn the_statistics_row_and_the_alert_list_agree_with_the_plan_and_the_saves() {
    let (dir, store, _, nyj, _) = office();
    let evidence = dir.path().join("e");
    let farm_codes: Vec<String> = taizhang_core::responsibilities::tasks_for_department(&store, "农业局", None).expect("tasks").tasks.iter().map(|t| t.code.clone()).collect();
    let others: Vec<&String> = farm_codes.iter().filter(|c| !["1.1.1.2", "1.1.1.3"].contains(&c.as_str())).take(2).collect();
    let (standing, late) = (others[0], others[1]);
    save_progress(&store, &nyj, &evidence, &ProgressInput { status: Status::Behind, ..input("1.1.1.2", 0) }).expect("draft");
    save_progress(&store, &nyj, &evidence, &ProgressInput { status: Status::Behind, ..input(late, 0) }).expect("draft");
    save_progress(&store, &nyj, &evidence, &ProgressInput { status: Status::Completed, percent: 100, submit: true, ..input("1.1.1.3", 0) }).expect("submitted");
    save_progress(&store, &nyj, &evidence, &ProgressInput { status: Status::Ongoing, submit: true, ..input(standing, 0) }).expect("submitted");
    let summary = dir.path().join("summary.xlsx");
    export_report(&store, &ReportRequest { kind: "summary".into(), period: Some("2026Q4".into()), department: None, blank: false, ..Default::default() }, &summary, today()).expect("summary");
    let plan = taizhang_core::responsibilities::plan_tree(&store, None).expect("plan");
    let leads = plan.subitems().filter(|s| s.lead.iter().any(|d| d == "农业局")).count();
    let cooperates = plan.subitems().filter(|s| !s.lead.iter().any(|d| d == "农业局") && s.cooperating.iter().any(|d| d == "农业局")).count();
    let rows = taizhang_core::task_list::task_rows_all_departments(&store, 1, "2026Q4", today()).expect("rows");
    let farm: Vec<_> = rows.iter().filter(|r| r.department == "农业局").collect();
    let level = |rows: &[&taizhang_core::task_list::TaskRow], level: Level| rows.iter().filter(|r| r.alert.as_ref().is_some_and(|a| a.level == level)).count() as f64;
    // 农业局 saved two drafts (滞后) and submitted one 已完成 and one 长期坚持, above.
    let total = (leads + cooperates) as f64;
    let expected = [leads as f64, cooperates as f64, total, 2.0, 0.0, 0.0, 2.0, 1.0, 1.0, total - 4.0, level(&farm, Level::Red), level(&farm, Level::Yellow), level(&farm, Level::Blue), 2.0];
    let mut book = open(&summary);
    let statistics = book.worksheet_range(SUMMARY_SHEETS[1]).expect("statistics");
    let numbers = |row: usize| -> Vec<f64> {
        (1..layout::STATISTICS.len()).map(|c| match statistics.get((row, c)) {
            Some(Data::Float(n)) => *n,
            other => panic!("column {c} of row {row} is a number: {other:?}"),
        }).collect()
    };
    let row = (0..statistics.height()).find(|r| text(&statistics, *r, 0) == "农业局").expect("农业局 row");
    assert_eq!(numbers(row), expected, "牵头, 配合, 合计, 已报送, five statuses, 未填报, three alert colours, drafts");
    // The statuses and 未填报 add up to 合计 on every line, and the 合计 row adds up the departments.
    let stat = |key: &str| layout::STATISTICS.iter().position(|c| c.key == key).expect("column") - 1;
    let lines: Vec<usize> = (0..statistics.height()).filter(|r| matches!(statistics.get((*r, 1)), Some(Data::Float(_)))).collect();
    for line in &lines {
        let n = numbers(*line);
        let statuses: f64 = ["not_started", "on_schedule", "behind", "completed", "standing", "not_reported"].iter().map(|k| n[stat(k)]).sum();
        assert_eq!(statuses, n[stat("total")], "row {line}: the statuses and 未填报 add up to 合计");
    }
    let departments = plan.responsible_departments();
    assert_eq!(departments.first().copied(), Some(plan.subitems().next().expect("first").lead[0].as_str()), "departments in the plan's order, the first sub-item's lead first");
    let total_row = lines[departments.len()];
    assert_eq!(text(&statistics, total_row, 0), "合计", "the departments end with 合计");
    let sum: Vec<f64> = (0..layout::STATISTICS.len() - 1).map(|c| lines[..departments.len()].iter().map(|r| numbers(*r)[c]).sum()).collect();
    assert_eq!(numbers(total_row), sum, "合计 adds up the departments");
    assert_eq!(numbers(total_row)[stat("total")], rows.len() as f64, "every (sub-item, department) pair counted once");
    let alerts = book.worksheet_range(SUMMARY_SHEETS[2]).expect("alerts");
    let all: Vec<_> = rows.iter().collect();
    for l in Level::ALL.iter().copied() {
        let listed = (0..alerts.height()).filter(|r| text(&alerts, *r, 0) == l.label()).count() as f64;
        assert_eq!(listed, level(&all, l), "every {l} task of every department is listed");
    }
}
