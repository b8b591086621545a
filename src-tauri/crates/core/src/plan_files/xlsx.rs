//! The task breakdown table of an Excel workbook (.xlsx or .xls): the first sheet with the
//! seven-column header; merged cells and empty cells mean "same as above". Our own 任务分解表
//! export is read the same way, its hidden task-code column joining a sub-item's text that
//! flowed over several rows and dropping what a page break repeated; the fingerprint and
//! periods it carries are taken over when the table read is exactly the one exported.

use super::{plan_digest, printed_digest, PlanFile};
use crate::departments::Directory;
use crate::error::{Error, Result};
use crate::report::layout::CODE_COLUMN;
use crate::report::meta::META_SHEET;
use crate::report::CELLS_SHEET;
use crate::table_reader::cells::{table_from_rows, HEADER};
use crate::table_reader::read_table;
use calamine::{Data, Dimensions, Range, Reader, Sheets, SheetVisible};
use std::collections::{HashMap, HashSet};
use std::io::Cursor;

/// A sheet as read: its texts (as written, untrimmed), its merged ranges.
struct Sheet {
    values: Range<Data>,
    merges: Vec<Dimensions>,
}

/// Read the plan of an .xlsx or .xls workbook.
///
/// # Errors
/// [`Error::BadDocument`] for a damaged workbook or one without a sheet holding the seven
/// columns; the table reader's errors, naming the sheet's row.
pub fn read_workbook(bytes: &[u8], fallback_name: &str, dir: &mut Directory) -> Result<PlanFile> {
    let owned = bytes.to_vec();
    // The spreadsheet library can panic on a damaged file; that is a damaged file, not a crash.
    let opened = std::panic::catch_unwind(move || open(owned)).map_err(|_| damaged("文件结构异常"))??;
    let (sheets, meta, exact_cells) = opened;
    let Some((name, sheet, header_row, first_column)) = sheets.into_iter().find_map(|(name, sheet)| header_of(&sheet.values).map(|(r, c)| (name, sheet, r, c))) else {
        return Err(Error::BadDocument(format!("工作簿中没有任务分解表：没有一张工作表的表头为“{}”", HEADER.join("、"))));
    };
    let with_codes = text_at(&sheet.values, header_row, first_column + 7).trim() == CODE_COLUMN.header;
    let covered = covered_cells(&sheet.merges);
    let text = |row: u32, column: u32| if covered.contains(&(row, column)) { String::new() } else { text_at(&sheet.values, row, column) };
    let preamble: Vec<String> = (0..header_row).filter_map(|r| (0..first_column + 7).map(|c| text(r, c)).find(|t| !t.trim().is_empty())).map(|t| t.trim().to_string()).collect();
    let end = sheet.values.end().map_or(0, |(r, _)| r);
    let mut rows: Vec<(usize, Vec<String>)> = Vec::new();
    let mut codes: Vec<String> = Vec::new();
    for row in header_row..=end {
        let texts: Vec<String> = (first_column..first_column + 7).map(|c| text(row, c)).collect();
        let code = if with_codes && row > header_row { text_at(&sheet.values, row, first_column + 7).trim().to_string() } else { String::new() };
        match codes.last() {
            Some(previous) if !code.is_empty() && *previous == code => continue_record(rows.last_mut(), &texts),
            previous => {
                let texts = if code.is_empty() { texts } else { without_repeats(texts, previous.map(String::as_str), &code) };
                rows.push(((row + 1) as usize, texts));
                codes.push(code);
            }
        }
    }
    let table = table_from_rows(preamble, rows).map_err(|e| in_sheet(&name, e))?;
    let mut outcome = read_table(&table, fallback_name, dir)?;
    let carried = |key: &str| meta.get(key).map(|v| v.trim().to_string()).filter(|v| !v.is_empty());
    if let Some(mut exact) = exact_cells.and_then(|cells| read_exact(cells, carried("plan_name"), fallback_name, dir)) {
        // The visible sheet is the exact cells as printed: take the exact text (its new
        // departments were met, and counted, reading the visible sheet).
        if printed_digest(&exact.plan) == printed_digest(&outcome.plan) {
            exact.new_departments = std::mem::take(&mut outcome.new_departments);
            outcome = exact;
        }
    }
    let mut periods = Vec::new();
    if let (Some(fingerprint), Some(digest)) = (carried("plan_fingerprint"), carried("plan_digest")) {
        if digest == plan_digest(&outcome.plan) {
            outcome.plan.fingerprint = fingerprint;
            periods = carried("periods").map(|p| p.split(',').map(|k| k.trim().to_string()).filter(|k| !k.is_empty()).collect()).unwrap_or_default();
        } else {
            let message = "工作簿是本系统导出的任务分解表，但表中内容已被改动：按改动后的内容导入为新的版本，报告期未随表导入".to_string();
            outcome.warnings.insert(0, crate::plan::Warning { line: 0, message });
        }
    }
    Ok(PlanFile { outcome, periods, draft: false, format: "Excel 工作簿" })
}

type Opened = (Vec<(String, Sheet)>, HashMap<String, String>, Option<Range<Data>>);

fn open(bytes: Vec<u8>) -> Result<Opened> {
    let mut workbook = calamine::open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|e| damaged(&e.to_string()))?;
    let names: Vec<String> = workbook.sheets_metadata().iter().filter(|s| s.visible == SheetVisible::Visible).map(|s| s.name.clone()).collect();
    let mut sheets = Vec::new();
    for name in names {
        let values = workbook.worksheet_range(&name).map_err(|e| damaged(&format!("工作表“{name}”：{e}")))?;
        // The first sheet with the header is the table: the rest need not be read.
        if header_of(&values).is_none() {
            continue;
        }
        let merges = match &mut workbook {
            Sheets::Xlsx(x) => x.merge_cells_by_sheet_name(&name).unwrap_or_default(),
            Sheets::Xls(x) => x.merge_cells_by_sheet_name(&name).unwrap_or_default(),
            _ => Vec::new(),
        };
        sheets.push((name, Sheet { values, merges }));
        break;
    }
    let meta = match workbook.worksheet_range(META_SHEET) {
        Ok(range) => range.rows().filter_map(|row| Some((cell_text(row.first()?), cell_text(row.get(1)?)))).collect(),
        Err(_) => HashMap::new(),
    };
    let exact_cells = workbook.worksheet_range(CELLS_SHEET).ok();
    Ok((sheets, meta, exact_cells))
}

/// The plan from the exact cells a package carries (code, then the seven texts, per row);
/// `None` when they do not form a table.
fn read_exact(cells: Range<Data>, name: Option<String>, fallback_name: &str, dir: &mut Directory) -> Option<crate::table_reader::ReadOutcome> {
    let mut rows = vec![(0, HEADER.iter().map(|h| h.to_string()).collect::<Vec<_>>())];
    for (index, row) in cells.rows().enumerate() {
        let texts: Vec<String> = (1..=7).map(|c| row.get(c).map(cell_text).unwrap_or_default()).collect();
        rows.push((index + 1, texts));
    }
    let table = table_from_rows(name.into_iter().collect(), rows).ok()?;
    // Departments the exact text names resolve as the visible sheet's did.
    read_table(&table, fallback_name, dir).ok()
}

fn damaged(detail: &str) -> Error {
    Error::BadDocument(format!("Excel 工作簿已损坏，无法读取（{detail}）：请在 Excel/WPS 中打开后重新保存为 .xlsx"))
}

fn in_sheet(name: &str, error: Error) -> Error {
    Error::BadDocument(format!("工作表“{name}”：{error}"))
}

fn cell_text(data: &Data) -> String {
    match data {
        Data::String(s) => s.clone(),
        Data::Empty => String::new(),
        other => other.to_string(),
    }
}

fn text_at(values: &Range<Data>, row: u32, column: u32) -> String {
    values.get_value((row, column)).map(cell_text).unwrap_or_default()
}

/// Row and first column of the seven-column header.
fn header_of(values: &Range<Data>) -> Option<(u32, u32)> {
    let (start_row, start_column) = values.start()?;
    let (end_row, end_column) = values.end()?;
    let squeezed = |r: u32, c: u32| text_at(values, r, c).split_whitespace().collect::<String>();
    (start_row..=end_row.min(start_row + 50)).find_map(|r| {
        (start_column..=end_column.saturating_sub(6)).find(|&c| HEADER.iter().enumerate().all(|(i, h)| squeezed(r, c + i as u32) == *h)).map(|c| (r, c))
    })
}

/// Cells inside a merged range other than its first: they show the first cell's text.
fn covered_cells(merges: &[Dimensions]) -> HashSet<(u32, u32)> {
    let mut covered = HashSet::new();
    for merge in merges {
        for row in merge.start.0..=merge.end.0 {
            for column in merge.start.1..=merge.end.1 {
                if (row, column) != merge.start {
                    covered.insert((row, column));
                }
            }
        }
    }
    covered
}

/// A row that continues the sub-item above (the same task code): its parts of the cells are
/// the rest of those texts, except a shared cell a page break repeated whole.
fn continue_record(last: Option<&mut (usize, Vec<String>)>, texts: &[String]) {
    if let Some((_, cells)) = last {
        for (column, text) in texts.iter().enumerate() {
            let repeated = column < 4 && *text == cells[column];
            if !repeated {
                cells[column].push_str(text);
            }
        }
    }
}

/// The article, clause and item cells a page break repeated (the same parent code as the row
/// above) are "same as above".
fn without_repeats(mut texts: Vec<String>, previous: Option<&str>, code: &str) -> Vec<String> {
    let Some(previous) = previous else { return texts };
    let parent = |code: &str, depth: usize| code.split('.').take(depth).collect::<Vec<_>>().join(".");
    for (columns, depth) in [(&[0usize][..], 1), (&[1][..], 2), (&[2, 3][..], 3)] {
        if !previous.is_empty() && parent(previous, depth) == parent(code, depth) {
            for &column in columns {
                texts[column].clear();
            }
        }
    }
    texts
}
