//! 任务分解表: the plan printed with the seven columns and vertical merges of the original (split
//! where a page ends, the text repeated), so the county can reprint it cleanly; optionally only
//! one department's sub-items (本单位任务清单).

use super::registry::{Audience, DepartmentChoice, Report, ReportSpec, SheetColumns, Target};
use super::data::ReportData;
use super::layout::BREAKDOWN;
use super::style::Styles;
use super::table::{table_sheet, Table};
use crate::error::Result;
use rust_xlsxwriter::{Workbook, Worksheet};

/// Sheet name of the plan.
pub const SHEET: &str = "任务分解表";

/// The very hidden sheet of the whole plan's cells as written, before they were laid out for
/// print (space runs collapsed, long texts split over rows): a department PC importing the
/// workbook as a plan package gets the coordinator's exact text.
pub const CELLS_SHEET: &str = "_taizhang_plan";

/// One sub-item's row: its seven texts and, for the four shared columns, which article, clause
/// and item it belongs to.
struct Line {
    texts: [String; 7],
    code: String,
    groups: [u32; 4],
}

/// Write the plan (or one department's part of it); returns the number of sub-item rows.
pub fn write_breakdown(workbook: &mut Workbook, data: &ReportData, department: Option<&str>) -> Result<usize> {
    let styles = Styles::new();
    let mut sheet = table_sheet(workbook, SHEET)?;
    let lines = lines_of(data, department);
    let title = match department {
        Some(d) => format!("{}（{d}任务清单）", data.plan.name),
        None => data.plan.name.clone(),
    };
    let mut table = Table::start(&mut sheet, &styles, &BREAKDOWN, &title, &[]);
    for (index, line) in lines.iter().enumerate() {
        // A cell is shared (merged) with the neighbouring rows of the same article, clause or
        // item; one that belongs to this row alone flows like any other text.
        let alone = |column: usize| {
            let same = |other: Option<&Line>| other.is_some_and(|o| o.groups[column] == line.groups[column]);
            !same(index.checked_sub(1).and_then(|i| lines.get(i))) && !same(lines.get(index + 1))
        };
        let spans: Vec<Option<u32>> = (0..BREAKDOWN.len()).map(|c| (c < 4 && !alone(c)).then(|| line.groups[c])).collect();
        table.row_sharing(&line.texts, &line.code, spans);
    }
    let finished = table.finish(workbook, &[])?;
    workbook.push_worksheet(sheet);
    finished.add_continued(workbook);
    if department.is_none() {
        workbook.push_worksheet(cells_sheet(&lines)?);
    }
    Ok(lines.len())
}

/// One row per sub-item: its code and seven texts as written, a parent's cells only on its
/// first row ("same as above" below, as in the original table).
fn cells_sheet(lines: &[Line]) -> Result<Worksheet> {
    let mut sheet = Worksheet::new();
    sheet.set_name(CELLS_SHEET)?;
    for (index, line) in lines.iter().enumerate() {
        let row = index as u32;
        sheet.write_string(row, 0, &line.code)?;
        for (column, text) in line.texts.iter().enumerate() {
            let repeated = column < 4 && index > 0 && lines[index - 1].groups[column] == line.groups[column];
            if !repeated && !text.is_empty() {
                sheet.write_string(row, column as u16 + 1, text)?;
            }
        }
    }
    sheet.set_very_hidden(true);
    Ok(sheet)
}

/// The rows of the plan, or of the sub-items `department` leads or cooperates on.
fn lines_of(data: &ReportData, department: Option<&str>) -> Vec<Line> {
    let mut lines: Vec<Line> = Vec::new();
    let mut groups = [0u32; 3];
    for article in &data.plan.articles {
        groups[0] += 1;
        let article_text = joined(&article.heading(), &article.notes);
        for clause in &article.clauses {
            groups[1] += 1;
            let clause_text = joined(&clause.heading(), &clause.notes);
            for item in &clause.items {
                groups[2] += 1;
                let responsibility = joined(&item.responsibility, &item.notes);
                for sub in item.subitems.iter().filter(|sub| department.is_none_or(|d| sub.lead.iter().chain(&sub.cooperating).any(|n| n == d))) {
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
                        groups: [groups[0], groups[1], groups[2], groups[2]],
                    });
                }
            }
        }
    }
    lines
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
    prints_unit: false,
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
