//! 任务分解表: the plan printed with the seven columns and vertical merges of the original, so
//! the county can reprint it cleanly; optionally only one department's sub-items (本单位任务清单).

use super::registry::{Audience, DepartmentChoice, Report, ReportSpec, SheetColumns, Target};
use super::data::ReportData;
use super::layout::BREAKDOWN;
use super::style::{height_for, page_setup, safe_text, wrapped_lines, Styles};
use crate::error::Result;
use rust_xlsxwriter::{Workbook, Worksheet};

/// Sheet name of the plan.
pub const SHEET: &str = "任务分解表";

/// One printed row: the sub-item and the cells above it it may share.
struct Line {
    texts: [String; 7],
    code: String,
    keys: [String; 4],
}

/// Write the plan (or one department's part of it); returns the number of sub-item rows.
pub fn write_breakdown(workbook: &mut Workbook, data: &ReportData, department: Option<&str>) -> Result<usize> {
    let styles = Styles::new();
    let mut sheet = Worksheet::new();
    sheet.set_name(SHEET)?;
    let mut lines: Vec<Line> = Vec::new();
    for article in &data.plan.articles {
        let article_text = joined(&format!("{}{}", article.label, article.title), &article.notes);
        for clause in &article.clauses {
            let clause_text = joined(&format!("{}{}", clause.label, clause.title), &clause.notes);
            for item in &clause.items {
                let responsibility = joined(&item.responsibility, &item.notes);
                for sub in &item.subitems {
                    let mine = department.is_none_or(|d| sub.lead.iter().chain(&sub.cooperating).any(|n| n == d));
                    if !mine {
                        continue;
                    }
                    lines.push(Line {
                        texts: [
                            article_text.clone(),
                            clause_text.clone(),
                            item.text.clone(),
                            responsibility.clone(),
                            format!("{}{}", sub.label, sub.text),
                            sub.responsibility.clone(),
                            sub.work.clone(),
                        ],
                        code: sub.code.clone(),
                        keys: [article.code.clone(), clause.code.clone(), item.code.clone(), item.code.clone()],
                    });
                }
            }
        }
    }

    let title = match department {
        Some(d) => format!("{}（{d}任务清单）", data.plan.name),
        None => data.plan.name.clone(),
    };
    let last_col = BREAKDOWN.len() as u16 - 1;
    for (index, column) in BREAKDOWN.iter().enumerate() {
        sheet.set_column_width(index as u16, column.width)?;
    }
    sheet.set_column_width(last_col + 1, 12.0)?;
    sheet.set_column_hidden(last_col + 1)?;
    sheet.merge_range(0, 0, 0, last_col, &safe_text(&title), &styles.title)?;
    sheet.set_row_height(0, 40.0)?;
    for (index, column) in BREAKDOWN.iter().enumerate() {
        sheet.write_string_with_format(1, index as u16, column.header, &styles.header)?;
    }
    sheet.write_string_with_format(1, last_col + 1, "TASK_CODE", &styles.header)?;
    sheet.set_row_height(1, height_for(1))?;
    page_setup(&mut sheet, 1, 1)?;

    let first = 2u32;
    // Heights of rows from their own (unmerged) cells first; merged spans are settled below.
    let mut heights: Vec<f64> = lines
        .iter()
        .map(|l| (4..7).map(|c| wrapped_lines(&l.texts[c], BREAKDOWN[c].width)).max().map_or(height_for(1), height_for))
        .collect();
    for (column, width) in BREAKDOWN.iter().take(4).map(|c| c.width).enumerate() {
        let mut start = 0;
        while start < lines.len() {
            let mut end = start;
            while end + 1 < lines.len() && lines[end + 1].keys[column] == lines[start].keys[column] {
                end += 1;
            }
            let text = &lines[start].texts[column];
            let (top, bottom) = (first + start as u32, first + end as u32);
            if end > start {
                sheet.merge_range(top, column as u16, bottom, column as u16, &safe_text(text), &styles.cell)?;
            } else {
                sheet.write_string_with_format(top, column as u16, safe_text(text), &styles.cell)?;
            }
            let needed = height_for(wrapped_lines(text, width));
            let have: f64 = heights[start..=end].iter().sum();
            if needed > have {
                let extra = (needed - have) / (end - start + 1) as f64;
                heights[start..=end].iter_mut().for_each(|h| *h += extra);
            }
            start = end + 1;
        }
    }
    for (offset, line) in lines.iter().enumerate() {
        let row = first + offset as u32;
        for column in 4..7 {
            sheet.write_string_with_format(row, column as u16, safe_text(&line.texts[column]), &styles.cell)?;
        }
        sheet.write_string(row, last_col + 1, &line.code)?;
        sheet.set_row_height(row, heights[offset].min(409.0))?;
    }
    workbook.push_worksheet(sheet);
    Ok(lines.len())
}

fn joined(first: &str, notes: &[String]) -> String {
    std::iter::once(first.to_string()).chain(notes.iter().cloned()).collect::<Vec<_>>().join("\n")
}

/// 任务分解表 in the registry: anyone may export it, narrowed to one department or not.
pub struct BreakdownReport;

const SHEETS: &[SheetColumns] = &[SheetColumns { sheet: SHEET, columns: &BREAKDOWN }];

const SPEC: ReportSpec = ReportSpec {
    key: "breakdown",
    title: "任务分解表",
    audience: Audience::Everyone,
    needs_period: false,
    department: DepartmentChoice::Optional,
    can_be_blank: false,
    sheets: SHEETS,
};

impl Report for BreakdownReport {
    fn spec(&self) -> &'static ReportSpec {
        &SPEC
    }
    fn file_name(&self, target: &Target) -> Option<String> {
        Some(match &target.department {
            Some(department) => format!("{department}_任务清单.xlsx"),
            None => "任务分解表.xlsx".to_string(),
        })
    }
    fn write(&self, workbook: &mut Workbook, data: &ReportData, target: &Target) -> Result<usize> {
        write_breakdown(workbook, data, target.department.as_deref())
    }
}
