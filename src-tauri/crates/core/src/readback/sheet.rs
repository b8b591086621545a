//! A returned department sheet read into plain rows, before any look at the database: which
//! sheet and columns (by the metadata's keys, else by the header texts), every input cell checked,
//! formulas and merged input cells flagged, 填报人 and 联系电话 from below the table.

use super::values::{self, Refused};
use super::workbook::{column_letter, Grid, Metadata};
use super::{Refusal, Review};
use crate::report::layout::{Column, CODE_COLUMN, DEPARTMENT, TARGET_VALUES};
use crate::report::{PHONE_LABEL, REPORTER_LABEL};
use std::collections::HashMap;

/// What one sub-item row reports (`None` fields: the cell was empty).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RowFields {
    /// Status word.
    pub status: Option<crate::status::Status>,
    /// Whole percent.
    pub percent: Option<i64>,
    /// 进展情况.
    pub progress: String,
    /// 存在问题.
    pub problems: String,
    /// 下步计划.
    pub next_steps: String,
    /// 备注.
    pub remarks: String,
}

impl RowFields {
    /// Nothing entered in the row.
    pub fn is_empty(&self) -> bool {
        self.status.is_none() && self.percent.is_none() && [&self.progress, &self.problems, &self.next_steps, &self.remarks].iter().all(|t| t.is_empty())
    }
}

/// A sub-item row of the sheet.
#[derive(Debug, Clone, PartialEq)]
pub struct ReturnedRow {
    /// The sheet it is on: the progress sheet, or one it continues on (部门工作进展表（续1）).
    pub sheet: String,
    /// 1-based row number as Excel shows it.
    pub row: u32,
    /// 1-based number of its last row: a record's text may continue over the following rows
    /// (the same task code on consecutive rows).
    pub last_row: u32,
    /// Task code.
    pub code: String,
    /// The 任务内容 cell(s), to check the code was not moved to another row.
    pub subitem_text: String,
    /// What the department entered.
    pub fields: RowFields,
}

/// A target value row of 量化指标.
#[derive(Debug, Clone, PartialEq)]
pub struct ReturnedTarget {
    /// 1-based row number.
    pub row: u32,
    /// Task code.
    pub code: String,
    /// 0-based target position.
    pub index: usize,
    /// 本期实际值.
    pub value: Option<f64>,
    /// 说明.
    pub note: String,
}

/// Columns found on a sheet: key → 0-based column, and the header row.
struct Columns {
    header_row: u32,
    by_key: HashMap<String, u32>,
    headers: HashMap<u32, String>,
}

impl Columns {
    fn get(&self, key: &str) -> Option<u32> {
        self.by_key.get(key).copied()
    }

    /// `I（完成进度(%)）`, for messages.
    fn describe(&self, column: u32) -> String {
        format!("{}（{}）", column_letter(column), self.headers.get(&column).cloned().unwrap_or_default())
    }
}

/// A header as compared: without spaces, brackets and percent signs.
fn normalise(header: &str) -> String {
    header.chars().filter(|c| !c.is_whitespace() && !"()（）%％".contains(*c)).collect()
}

/// Find the header row (within the first 30 rows) that holds every one of `needed` headers, and
/// map its columns to keys: by the header texts, then by the metadata's keys for any column
/// whose header was renamed.
fn find_columns(grid: &Grid, layout: &[Column], needed: &[&str], meta_keys: Option<&Vec<String>>) -> Option<Columns> {
    let (last_row, last_column) = grid.end()?;
    let known: Vec<(String, &str)> = layout.iter().chain([&CODE_COLUMN]).map(|c| (normalise(c.header), c.key)).collect();
    for row in 0..=last_row.min(30) {
        let headers: HashMap<u32, String> = (0..=last_column).map(|c| (c, grid.text(row, c))).filter(|(_, t)| !t.is_empty()).collect();
        let found: HashMap<String, u32> = headers
            .iter()
            .filter_map(|(c, text)| known.iter().find(|(h, _)| *h == normalise(text)).map(|(_, key)| (key.to_string(), *c)))
            .collect();
        if !needed.iter().all(|n| found.contains_key(*n)) {
            continue;
        }
        let mut by_key = found;
        for (position, key) in meta_keys.into_iter().flatten().enumerate() {
            let column = position as u32;
            let renamed = headers.get(&column).is_none_or(|t| !known.iter().any(|(h, _)| *h == normalise(t)));
            if renamed && !by_key.contains_key(key) {
                by_key.insert(key.clone(), column);
            }
        }
        return Some(Columns { header_row: row, by_key, headers });
    }
    None
}

/// What read_main gathers from the main sheet.
#[derive(Debug)]
pub struct MainSheet {
    /// Sub-item rows.
    pub rows: Vec<ReturnedRow>,
    /// Title and 填报单位 line, to recognise department and period without metadata.
    pub heading_text: String,
    /// 填报人 below the table.
    pub reporter: String,
    /// 联系电话 below the table.
    pub phone: String,
}

/// Does this sheet look like a department progress sheet?
pub fn is_department_sheet(grid: &Grid) -> bool {
    find_columns(grid, &DEPARTMENT, &["code", "status", "progress"], None).is_some()
}

/// Read the sub-item rows of the main sheet; problems go into `refused` and `review`.
pub fn read_main(grid: &Grid, metadata: Option<&Metadata>, refused: &mut Vec<Refusal>, review: &mut Vec<Review>) -> Option<MainSheet> {
    let keys = metadata.and_then(|m| m.columns.get(&grid.name));
    let Some(columns) = find_columns(grid, &DEPARTMENT, &["code", "status", "progress"], keys) else {
        refused.push(Refusal::file(format!("工作表“{}”中找不到表头（应有“任务编号”“完成状态”“进展情况”等列）", grid.name)));
        return None;
    };
    let (last_row, last_column) = grid.end().unwrap_or((0, 0));
    let heading_text = (0..columns.header_row).flat_map(|r| (0..=last_column).map(move |c| (r, c))).map(|(r, c)| grid.text(r, c)).collect::<Vec<_>>().join(" ");
    let mut rows: Vec<ReturnedRow> = Vec::new();
    let (groups, last_data_row) = coded_groups(grid, &columns, "", refused, review);
    for (code, group) in groups {
        let (first, last) = (group[0], group[group.len() - 1]);
        if rows.iter().any(|r| r.code == code) {
            refused.push(Refusal::at(first, &code, "", format!("任务编号 {code} 在表中出现了两次")));
            continue;
        }
        let fields = read_fields(grid, &columns, &group, &code, refused, review);
        let subitem_text = columns.get("subitem").map(|c| group.iter().map(|r| grid.text(*r, c)).collect()).unwrap_or_default();
        rows.push(ReturnedRow { sheet: grid.name.clone(), row: first + 1, last_row: last + 1, code, subitem_text, fields });
    }
    flag_merged_inputs(grid, &columns, &rows, review);
    let (reporter, phone) = signature_fields(grid, last_data_row + 1, last_row, last_column);
    Some(MainSheet { rows, heading_text, reporter, phone })
}

/// The coded rows of a sheet, consecutive rows with the same code taken together (a record
/// continued over rows), and the last coded row.
fn coded_groups(grid: &Grid, columns: &Columns, suffix: &str, refused: &mut Vec<Refusal>, review: &mut Vec<Review>) -> (Vec<(String, Vec<u32>)>, u32) {
    let (last_row, _) = grid.end().unwrap_or((0, 0));
    let mut groups: Vec<(String, Vec<u32>)> = Vec::new();
    let mut last_data_row = columns.header_row;
    for row in columns.header_row + 1..=last_row {
        let Some(code) = row_code(grid, columns, row, suffix, refused, review) else { continue };
        last_data_row = row;
        match groups.last_mut() {
            Some((previous, rows)) if *previous == code && rows.last() == Some(&(row - 1)) => rows.push(row),
            _ => groups.push((code, vec![row])),
        }
    }
    (groups, last_data_row)
}

/// The task code of a row: the hidden column, checked against the visible 任务编号; `None` for
/// heading and signature rows. `suffix` allows `#n` (target rows).
fn row_code(grid: &Grid, columns: &Columns, row: u32, suffix: &str, refused: &mut Vec<Refusal>, review: &mut Vec<Review>) -> Option<String> {
    let hidden = columns.get("task_code").map(|c| grid.text(row, c)).unwrap_or_default();
    let visible = columns.get("code").map(|c| grid.text(row, c)).unwrap_or_default();
    if columns.get("task_code").is_some() && hidden.is_empty() {
        // Heading rows have no hidden code; a row a clerk inserted has none either.
        if is_code(&visible) {
            review.push(Review::at(row, &visible, format!("第 {} 行是后加的行（隐藏的编号列为空），未读取；请在原有的任务行中填写", row + 1)));
        }
        return None;
    }
    let code = if hidden.is_empty() { visible.clone() } else { hidden.clone() };
    if code.is_empty() {
        return None;
    }
    let plain = code.split('#').next().unwrap_or_default();
    if !hidden.is_empty() && !visible.is_empty() && visible != plain {
        let column = columns.get("code").map(|c| columns.describe(c)).unwrap_or_default();
        refused.push(Refusal::at(row, &code, &column, format!("任务编号被改动：本行原为 {plain}，现在写的是 {visible}")));
        return None;
    }
    if !is_code(plain) || (!suffix.is_empty() && !code.contains('#') && !hidden.is_empty()) {
        let column = columns.get("code").map(|c| columns.describe(c)).unwrap_or_default();
        refused.push(Refusal::at(row, &code, &column, format!("“{}”不是有效的任务编号（应如 1.1.1.2）", values::shorten(&code))));
        return None;
    }
    Some(code)
}

fn read_fields(grid: &Grid, columns: &Columns, group: &[u32], code: &str, refused: &mut Vec<Refusal>, review: &mut Vec<Review>) -> RowFields {
    let mut fields = RowFields::default();
    let mut read = |key: &str, row: u32| -> Option<(u32, super::workbook::RawCell)> {
        let column = columns.get(key)?;
        let cell = grid.cell(row, column);
        if let Some(formula) = &cell.formula {
            let shown = values::text(&cell).unwrap_or_default();
            review.push(Review::at(row, code, format!("{}{} 是公式（={}），已取其计算结果“{}”", column_letter(column), row + 1, values::shorten(formula), values::shorten(&shown))));
        }
        Some((column, cell))
    };
    let first = group[0];
    let mut check = |column: u32, outcome: Result<(), Refused>| {
        if let Err(reason) = outcome {
            refused.push(Refusal::at(first, code, &columns.describe(column), reason));
        }
    };
    for &row in group {
        if let Some((c, cell)) = read("status", row) {
            check(c, values::status(&cell).and_then(|s| agree(&mut fields.status, s, row)));
        }
        if let Some((c, cell)) = read("percent", row) {
            check(c, values::percent(&cell).and_then(|p| agree(&mut fields.percent, p, row)));
        }
    }
    for key in ["progress", "problems", "next_steps", "remarks"] {
        let Some(column) = columns.get(key) else { continue };
        let mut joined = String::new();
        for &row in group {
            if let Some((c, cell)) = read(key, row) {
                check(c, values::raw_text(&cell).map(|part| joined.push_str(&part)));
            }
        }
        let target = match key {
            "progress" => &mut fields.progress,
            "problems" => &mut fields.problems,
            "next_steps" => &mut fields.next_steps,
            _ => &mut fields.remarks,
        };
        check(column, values::checked(joined).map(|t| *target = t));
    }
    fields
}

/// A value of a record continued over rows: the rows after the first repeat it or leave it empty.
fn agree<T: PartialEq + std::fmt::Debug>(slot: &mut Option<T>, value: Option<T>, row: u32) -> Result<(), Refused> {
    match (slot.as_ref(), value) {
        (_, None) => Ok(()),
        (None, Some(v)) => {
            *slot = Some(v);
            Ok(())
        }
        (Some(old), Some(new)) if *old == new => Ok(()),
        (Some(_), Some(_)) => Err(format!("同一任务的续行（第 {} 行）填写了与首行不同的值", row + 1)),
    }
}

/// `1.1.1.2`: four numbers joined by dots.
fn is_code(text: &str) -> bool {
    text.split('.').count() == 4 && text.split('.').all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
}

/// Input cells merged across rows lose all but the first row's value: flag the rows.
fn flag_merged_inputs(grid: &Grid, columns: &Columns, rows: &[ReturnedRow], review: &mut Vec<Review>) {
    let inputs: Vec<u32> = DEPARTMENT.iter().filter(|c| c.input).filter_map(|c| columns.get(c.key)).collect();
    for merge in &grid.merges {
        if merge.start.0 == merge.end.0 || !inputs.iter().any(|c| (merge.start.1..=merge.end.1).contains(c)) {
            continue;
        }
        // A record continued over rows has its short input cells merged across them: as written.
        let within_one_record = rows.iter().any(|r| r.row <= merge.start.0 + 1 && merge.end.0 < r.last_row);
        if within_one_record {
            continue;
        }
        for row in rows.iter().filter(|r| (merge.start.0 + 1..=merge.end.0 + 1).contains(&r.row)) {
            let span = format!("{}{}:{}{}", column_letter(merge.start.1), merge.start.0 + 1, column_letter(merge.end.1), merge.end.0 + 1);
            review.push(Review::at(row.row - 1, &row.code, format!("填报单元格被合并（{span}），请核对本行内容")));
        }
    }
}

/// 填报人 and 联系电话 below the table: the text after the label in the same cell (template 1's
/// one-line footer), else the next cell to the right that is not itself a label.
fn signature_fields(grid: &Grid, first_row: u32, last_row: u32, last_column: u32) -> (String, String) {
    let mut found = (String::new(), String::new());
    for row in first_row..=last_row {
        for column in 0..=last_column {
            let text = grid.text(row, column);
            for (label, slot) in [(REPORTER_LABEL, &mut found.0), (PHONE_LABEL, &mut found.1)] {
                let stem = label.trim_end_matches('：');
                let Some(position) = text.find(stem) else { continue };
                let after = text[position + stem.len()..].trim_start_matches([':', '：', ' ', '　']);
                let inline: String = after.chars().take_while(|c| !c.is_whitespace()).collect();
                let value = if inline.is_empty() || inline.ends_with('：') {
                    (column + 1..=last_column).map(|c| grid.text(row, c)).find(|t| !t.is_empty()).filter(|t| !t.ends_with('：') && !t.ends_with(':')).unwrap_or_default()
                } else {
                    inline
                };
                if slot.is_empty() {
                    *slot = value;
                }
            }
        }
    }
    found
}

/// Read 量化指标: one value per target row.
pub fn read_targets(grid: &Grid, metadata: Option<&Metadata>, refused: &mut Vec<Refusal>, review: &mut Vec<Review>) -> Vec<ReturnedTarget> {
    let keys = metadata.and_then(|m| m.columns.get(&grid.name));
    let Some(columns) = find_columns(grid, &TARGET_VALUES, &["code", "value"], keys) else {
        review.push(Review::file(format!("工作表“{}”中找不到“任务编号”“本期实际值”表头，未读取量化指标", grid.name)));
        return Vec::new();
    };
    let mut targets: Vec<ReturnedTarget> = Vec::new();
    let (groups, _) = coded_groups(grid, &columns, "#", refused, review);
    for (reference, group) in groups {
        let row = group[0];
        let (code, index) = match reference.split_once('#') {
            Some((code, n)) => (code.to_string(), n.parse::<usize>().ok().filter(|n| *n >= 1).map(|n| n - 1)),
            None => (reference.clone(), Some(targets.iter().filter(|t| t.code == reference).count())),
        };
        let Some(index) = index else {
            refused.push(Refusal::at(row, &reference, "", format!("“{reference}”不是有效的指标编号")));
            continue;
        };
        let in_percent = columns.get("unit").is_some_and(|c| matches!(grid.text(row, c).as_str(), "%" | "％"));
        let mut entry = ReturnedTarget { row: row + 1, code: code.clone(), index, value: None, note: String::new() };
        let mut note = String::new();
        for key in ["value", "note"] {
            let Some(column) = columns.get(key) else { continue };
            for &at in &group {
                let cell = grid.cell(at, column);
                if cell.formula.is_some() {
                    review.push(Review::at(at, &code, format!("{}{} 是公式，已取其计算结果", column_letter(column), at + 1)));
                }
                let outcome = if key == "value" { values::number(&cell, in_percent).and_then(|v| agree(&mut entry.value, v, at)) } else { values::raw_text(&cell).map(|t| note.push_str(&t)) };
                if let Err(reason) = outcome {
                    refused.push(Refusal::at(at, &code, &columns.describe(column), reason).on_sheet(&grid.name));
                }
            }
        }
        match values::checked(note) {
            Ok(note) => entry.note = note,
            Err(reason) => refused.push(Refusal::at(row, &code, "说明", reason).on_sheet(&grid.name)),
        }
        targets.push(entry);
    }
    targets
}
