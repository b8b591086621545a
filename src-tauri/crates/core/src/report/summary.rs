//! 全县汇总表 for one period: every sub-item with a block of rows, one per responsible
//! department (lead first, then the cooperating ones in the plan's order), each with its own
//! status, progress, problems, next steps and evidence; 统计 by department and article with 合计
//! rows and a native chart; 预警清单; and the departments that have not submitted.

use super::data::{chinese_date, unsubmitted_mark, ReportData};
use super::layout::{Column, ALERTS, MISSING, STATISTICS, SUMMARY};
use super::registry::{Audience, DepartmentChoice, Report, ReportSpec, SheetColumns, Target};
use super::style::Styles;
use super::table::{table_sheet, Field, Table};
use crate::alerts::Level;
use crate::error::Result;
use crate::plan::TaskRole;
use crate::status::{Status, STANDING_DEADLINE};
use crate::store::{ProgressFields, RecordState};
use crate::task_list::TaskRow;
use rust_xlsxwriter::{Chart, ChartType, Workbook};
use std::collections::HashMap;

/// Sheet names, in order.
pub const SHEETS: [&str; 4] = ["全县汇总", "统计", "预警清单", "未报送单位"];

/// Write the four sheets; returns the number of sub-items.
pub fn write_summary(workbook: &mut Workbook, data: &ReportData, unit: &str) -> Result<usize> {
    let styles = Styles::new();
    let all = data.all_rows();
    let line = |columns: usize| {
        let last = columns as u16 - 1;
        vec![Field::text(0, last / 2, &format!("汇总单位：{unit}")), Field::text(last / 2 + 1, last, &format!("汇总日期：{}", chinese_date(data.today)))]
    };
    let title = |what: &str| format!("{}{}{what}", data.plan_title(), data.period.label);
    let count = write_county(workbook, &styles, data, &all, &title("全县工作进展汇总表"), &line(SUMMARY.len()))?;
    write_statistics(workbook, &styles, data, &all, &title("工作进展统计表"))?;
    write_alerts(workbook, &styles, &all, &title("预警清单"), &line(ALERTS.len()))?;
    write_missing(workbook, &styles, &all, &title("未报送单位清单"), &line(MISSING.len()))?;
    Ok(count)
}

/// Each sub-item's rows, lead departments first, then the cooperating ones in the plan's order.
fn rows_by_subitem<'a>(data: &ReportData, all: &'a [TaskRow]) -> HashMap<&'a str, Vec<&'a TaskRow>> {
    let mut by_code: HashMap<&str, Vec<&TaskRow>> = HashMap::new();
    for row in all {
        by_code.entry(row.code.as_str()).or_default().push(row);
    }
    for sub in data.plan.subitems() {
        if let Some(rows) = by_code.get_mut(sub.code.as_str()) {
            let order: Vec<&String> = sub.lead.iter().chain(&sub.cooperating).collect();
            rows.sort_by_key(|r| order.iter().position(|d| **d == r.department).unwrap_or(usize::MAX));
        }
    }
    by_code
}

/// Columns of 全县汇总 that a sub-item's rows share.
const SHARED_BY_SUBITEM: [&str; 3] = ["seq", "code", "subitem"];

fn write_county(workbook: &mut Workbook, styles: &Styles, data: &ReportData, all: &[TaskRow], title: &str, line: &[Field]) -> Result<usize> {
    let mut sheet = table_sheet(workbook, SHEETS[0])?;
    let mut table = Table::start(&mut sheet, styles, &SUMMARY, title, line);
    let by_code = rows_by_subitem(data, all);
    let mut article = String::new();
    let mut count = 0;
    for sub in data.plan.subitems() {
        let Some(rows) = by_code.get(sub.code.as_str()) else { continue };
        if rows[0].article_title != article {
            article = rows[0].article_title.clone();
            table.group(&article);
        }
        count += 1;
        // The task's cells are shared by its departments' rows (one merged cell each).
        let spans: Vec<Option<u32>> = SUMMARY.iter().map(|c| (rows.len() > 1 && SHARED_BY_SUBITEM.contains(&c.key)).then_some(count as u32)).collect();
        for row in rows {
            let mut cells = department_cells(data, row);
            cells.splice(0..0, [count.to_string(), sub.code.clone(), format!("{}{}", sub.label, sub.text)]);
            table.row_sharing(&cells, &sub.code, spans.clone());
        }
    }
    let finished = table.finish(workbook, &[])?;
    workbook.push_worksheet(sheet);
    finished.add_continued(workbook);
    Ok(count)
}

/// A department's cells of a sub-item, from 责任单位 on.
fn department_cells(data: &ReportData, row: &TaskRow) -> Vec<String> {
    let record = data.record(&row.code, &row.department);
    let text = |f: fn(&ProgressFields) -> &str| record.map(|r| f(&r.fields).to_string()).unwrap_or_default();
    let state = record.map(|r| r.fields.state);
    let (status, submitted) = match state {
        None => (Status::NotReported.label().to_string(), "未报送".to_string()),
        Some(RecordState::Submitted) => (row.status.label().to_string(), RecordState::Submitted.label().to_string()),
        Some(other) => (format!("{}\n{}", row.status.label(), unsubmitted_mark(other)), unsubmitted_mark(other)),
    };
    vec![
        format!("{}\n（{}）", row.department, row.role.label()),
        if row.deadline.is_empty() { STANDING_DEADLINE.into() } else { row.deadline.replace('、', "\n") },
        status,
        record.map(|r| r.fields.percent.to_string()).unwrap_or_default(),
        text(|f| &f.progress),
        text(|f| &f.problems),
        text(|f| &f.next_steps),
        record.map(|r| r.evidence.join("\n")).unwrap_or_default(),
        row.alert.as_ref().map(|a| a.level.label().to_string()).unwrap_or_default(),
        submitted,
    ]
}

fn write_statistics(workbook: &mut Workbook, styles: &Styles, data: &ReportData, all: &[TaskRow], title: &str) -> Result<()> {
    let mut sheet = table_sheet(workbook, SHEETS[1])?;
    let names = data.plan.responsible_departments();
    let mut table = Table::start(&mut sheet, styles, &STATISTICS, title, &[]);
    let mut by_department: HashMap<&str, Vec<&TaskRow>> = HashMap::new();
    for row in all {
        by_department.entry(row.department.as_str()).or_default().push(row);
    }
    for name in &names {
        table.row(&statistics_cells(name, by_department.get(name).map_or(&[][..], Vec::as_slice)), name);
    }
    let everyone: Vec<&TaskRow> = all.iter().collect();
    table.row(&statistics_cells(TOTAL, &everyone), TOTAL);
    table.group("按条统计");
    let mut by_article: HashMap<&str, Vec<&TaskRow>> = HashMap::new();
    for row in all {
        by_article.entry(row.article.as_str()).or_default().push(row);
    }
    for article in &data.plan.articles {
        let rows = by_article.get(article.code.as_str()).map_or(&[][..], Vec::as_slice);
        table.row(&statistics_cells(&article.heading(), rows), &article.code);
    }
    table.row(&statistics_cells(TOTAL, &everyone), TOTAL);
    let finished = table.finish(workbook, &[])?;
    let written = finished.written;
    let (first, last) = (written.first_data_row, written.first_data_row + names.len().max(1) as u32 - 1);
    let mut chart = Chart::new(ChartType::Bar);
    chart.title().set_name("各部门任务完成情况");
    for key in ["total", "submitted", "completed"] {
        let column = STATISTICS.iter().position(|c| c.key == key).unwrap_or(0) as u16;
        chart.add_series().set_name(STATISTICS[usize::from(column)].header).set_categories((SHEETS[1], first, 0, last, 0)).set_values((SHEETS[1], first, column, last, column));
    }
    chart.set_width(720).set_height(760);
    // Beside the table, outside the print area: on screen only.
    table.sheet().insert_chart(first, STATISTICS.len() as u16 + 2, &chart)?;
    workbook.push_worksheet(sheet);
    finished.add_continued(workbook);
    Ok(())
}

/// Label of the rows that add a block up.
const TOTAL: &str = "合计";

/// One line of 统计: responsibilities, submissions, each status (未填报 included, so they add up
/// to 合计), warnings and drafts.
fn statistics_cells(name: &str, rows: &[&TaskRow]) -> Vec<String> {
    let count = |f: &dyn Fn(&TaskRow) -> bool| rows.iter().filter(|r| f(r)).count().to_string();
    let level = |l: Level| count(&|r: &TaskRow| r.alert.as_ref().is_some_and(|a| a.level == l));
    let status = |s: Status| count(&|r: &TaskRow| r.status == s);
    vec![
        name.to_string(),
        count(&|r| r.role == TaskRole::Lead),
        count(&|r| r.role == TaskRole::Cooperating),
        rows.len().to_string(),
        count(&|r| r.state == Some(RecordState::Submitted)),
        status(Status::NotStarted),
        status(Status::OnSchedule),
        status(Status::Behind),
        status(Status::Completed),
        status(Status::Ongoing),
        status(Status::NotReported),
        level(Level::Red),
        level(Level::Yellow),
        level(Level::Blue),
        count(&|r| r.state.is_some_and(|s| s != RecordState::Submitted)),
    ]
}

fn write_alerts(workbook: &mut Workbook, styles: &Styles, all: &[TaskRow], title: &str, line: &[Field]) -> Result<()> {
    let mut sheet = table_sheet(workbook, SHEETS[2])?;
    let mut table = Table::start(&mut sheet, styles, &ALERTS, title, line);
    for level in [Level::Red, Level::Yellow, Level::Blue] {
        for row in all.iter().filter(|r| r.alert.as_ref().is_some_and(|a| a.level == level)) {
            let reason = row.alert.as_ref().map(|a| a.reason.clone()).unwrap_or_default();
            let cells = [
                level.label().to_string(),
                row.code.clone(),
                format!("{}{}", row.label, row.text),
                format!("{}（{}）", row.department, row.role.label()),
                row.due.map_or_else(|| row.deadline.clone(), |d| format!("{}\n{d}", row.deadline)),
                row.status.label().to_string(),
                reason,
            ];
            table.row(&cells, &row.code);
        }
    }
    let finished = table.finish(workbook, &[])?;
    workbook.push_worksheet(sheet);
    finished.add_continued(workbook);
    Ok(())
}

fn write_missing(workbook: &mut Workbook, styles: &Styles, all: &[TaskRow], title: &str, line: &[Field]) -> Result<()> {
    let mut sheet = table_sheet(workbook, SHEETS[3])?;
    let columns: &[Column] = &MISSING;
    let mut table = Table::start(&mut sheet, styles, columns, title, line);
    for delivery in crate::received::deliveries_of(all).into_iter().filter(|d| d.missing) {
        let cells = [delivery.department.clone(), delivery.tasks.to_string(), delivery.not_submitted.len().to_string(), delivery.not_submitted.join("、")];
        table.row(&cells, &delivery.department);
    }
    let finished = table.finish(workbook, &[])?;
    workbook.push_worksheet(sheet);
    finished.add_continued(workbook);
    Ok(())
}

/// 全县工作进展汇总表 in the registry: the coordinator's county summary of a period.
pub struct SummaryReport;

const SHEET_COLUMNS: &[SheetColumns] = &[
    SheetColumns { sheet: SHEETS[0], columns: &SUMMARY },
    SheetColumns { sheet: SHEETS[1], columns: &STATISTICS },
    SheetColumns { sheet: SHEETS[2], columns: &ALERTS },
    SheetColumns { sheet: SHEETS[3], columns: &MISSING },
];

const SPEC: ReportSpec = ReportSpec {
    key: "summary",
    title: "全县工作进展汇总表",
    audience: Audience::Coordinator,
    needs_period: true,
    department: DepartmentChoice::None,
    can_be_blank: false,
    prints_unit: true,
    sheets: SHEET_COLUMNS,
};

impl Report for SummaryReport {
    fn spec(&self) -> &'static ReportSpec {
        &SPEC
    }
    fn file_name(&self, target: &Target) -> Option<String> {
        Some(format!("全县_{}_工作进展汇总表.xlsx", target.period_label.as_deref()?))
    }
    fn write(&self, workbook: &mut Workbook, data: &ReportData, target: &Target) -> Result<usize> {
        write_summary(workbook, data, &target.unit)
    }
}
