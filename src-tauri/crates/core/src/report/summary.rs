//! 全县汇总表 for one period: every sub-item with its lead's status and every cooperating
//! department's progress; 统计 by department and article with a native chart; 预警清单; and
//! the departments that have not submitted.

use super::registry::{Audience, DepartmentChoice, Report, ReportSpec, SheetColumns, Target};
use super::data::{chinese_date, ReportData};
use super::layout::{Column, ALERTS, MISSING, STATISTICS, SUMMARY};
use super::style::Styles;
use super::table::Table;
use crate::alerts::Level;
use crate::error::Result;
use crate::task_list::TaskRow;
use crate::plan::TaskRole;
use crate::status::{Status, STANDING_DEADLINE};
use crate::store::RecordState;
use rust_xlsxwriter::{Chart, ChartType, Workbook, Worksheet};

/// Sheet names, in order.
pub const SHEETS: [&str; 4] = ["全县汇总", "统计", "预警清单", "未报送单位"];

/// Write the four sheets; returns the number of sub-item rows.
pub fn write_summary(workbook: &mut Workbook, data: &ReportData, unit: &str) -> Result<usize> {
    let styles = Styles::new();
    let all = data.all_rows();
    let line = format!("汇总单位：{unit}                              汇总日期：{}", chinese_date(data.today));
    let title = |what: &str| format!("{}{}{what}", data.plan_title(), data.period.label);
    let count = write_county(workbook, &styles, data, &all, &title("全县工作进展汇总表"), &line)?;
    write_statistics(workbook, &styles, data, &all, &title("工作进展统计表"))?;
    write_alerts(workbook, &styles, &all, &title("预警清单"), &line)?;
    write_missing(workbook, &styles, &all, &title("未报送单位清单"), &line)?;
    Ok(count)
}

fn sheet_named(name: &str) -> Result<Worksheet> {
    let mut sheet = Worksheet::new();
    sheet.set_name(name)?;
    Ok(sheet)
}

fn write_county(workbook: &mut Workbook, styles: &Styles, data: &ReportData, all: &[TaskRow], title: &str, line: &str) -> Result<usize> {
    let mut sheet = sheet_named(SHEETS[0])?;
    let mut table = Table::start(&mut sheet, styles, &SUMMARY, title, Some(line))?;
    let mut article = String::new();
    let mut count = 0;
    for (index, sub) in data.plan.subitems().enumerate() {
        let rows: Vec<&TaskRow> = all.iter().filter(|r| r.code == sub.code).collect();
        let Some(lead) = rows.iter().find(|r| r.role == TaskRole::Lead) else { continue };
        if lead.article_title != article {
            article = lead.article_title.clone();
            table.group(&article)?;
        }
        let progress = |r: &TaskRow| data.record(&r.code, &r.department).map(|p| p.fields.progress.clone()).unwrap_or_default();
        let labelled = |r: &&TaskRow| match progress(r) {
            text if text.is_empty() => format!("{}（{}）", r.department, r.status),
            text => format!("{}（{}）：{text}", r.department, r.status),
        };
        let cooperating: Vec<String> = rows.iter().filter(|r| r.role == TaskRole::Cooperating).map(labelled).collect();
        // Several leads (水利局、农业局牵头): each one's status and text, named.
        let leads: Vec<&&TaskRow> = rows.iter().filter(|r| r.role == TaskRole::Lead).collect();
        let (lead_status, lead_progress) = if leads.len() > 1 {
            let statuses = leads.iter().map(|r| format!("{}：{}", r.department, r.status)).collect::<Vec<_>>().join("\n");
            (statuses, leads.iter().map(|r| labelled(r)).collect::<Vec<_>>().join("\n"))
        } else {
            (lead.status.label().to_string(), progress(lead))
        };
        let submitted = rows.iter().filter(|r| r.state == Some(RecordState::Submitted)).count();
        let cells = [
            (index + 1).to_string(),
            sub.code.clone(),
            format!("{}{}", sub.label, sub.text),
            sub.lead.join("、"),
            if lead.deadline.is_empty() { STANDING_DEADLINE.into() } else { lead.deadline.clone() },
            lead_status,
            lead_progress,
            cooperating.join("\n"),
            lead.alert.as_ref().map(|a| a.level.label().to_string()).unwrap_or_default(),
            format!("{submitted}/{} 已报送", rows.len()),
        ];
        table.row(&cells, &sub.code)?;
        count += 1;
    }
    workbook.push_worksheet(sheet);
    Ok(count)
}

fn write_statistics(workbook: &mut Workbook, styles: &Styles, data: &ReportData, all: &[TaskRow], title: &str) -> Result<()> {
    let mut sheet = sheet_named(SHEETS[1])?;
    let names = data.plan.responsible_departments();
    let mut table = Table::start(&mut sheet, styles, &STATISTICS, title, None)?;
    let first = table.first_data_row;
    for name in &names {
        let rows: Vec<&TaskRow> = all.iter().filter(|r| r.department == *name).collect();
        table.row(&statistics_cells(name, &rows), name)?;
    }
    let last = table.next_row() - 1;
    table.group("按条统计")?;
    for article in &data.plan.articles {
        let rows: Vec<&TaskRow> = all.iter().filter(|r| r.article == article.code).collect();
        table.row(&statistics_cells(&format!("{}{}", article.label, article.title), &rows), &article.code)?;
    }
    let mut chart = Chart::new(ChartType::Bar);
    chart.title().set_name("各部门任务完成情况");
    for column in [1u16, 3, 7] {
        chart.add_series().set_name(STATISTICS[usize::from(column)].header).set_categories((SHEETS[1], first, 0, last, 0)).set_values((SHEETS[1], first, column, last, column));
    }
    chart.set_width(720).set_height(760);
    table.sheet().insert_chart(first, STATISTICS.len() as u16 + 2, &chart)?;
    workbook.push_worksheet(sheet);
    Ok(())
}

fn statistics_cells(name: &str, rows: &[&TaskRow]) -> Vec<String> {
    let count = |f: &dyn Fn(&TaskRow) -> bool| rows.iter().filter(|r| f(r)).count().to_string();
    let level = |l: Level| count(&|r: &TaskRow| r.alert.as_ref().is_some_and(|a| a.level == l));
    vec![
        name.to_string(),
        count(&|r| r.role == TaskRole::Lead),
        count(&|r| r.role == TaskRole::Cooperating),
        count(&|r| r.state == Some(RecordState::Submitted)),
        count(&|r| r.status == Status::NotStarted),
        count(&|r| r.status == Status::OnSchedule),
        count(&|r| r.status == Status::Behind),
        count(&|r| r.status == Status::Completed),
        count(&|r| r.status == Status::Ongoing),
        level(Level::Red),
        level(Level::Yellow),
        level(Level::Blue),
    ]
}

fn write_alerts(workbook: &mut Workbook, styles: &Styles, all: &[TaskRow], title: &str, line: &str) -> Result<()> {
    let mut sheet = sheet_named(SHEETS[2])?;
    let mut table = Table::start(&mut sheet, styles, &ALERTS, title, Some(line))?;
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
            table.row(&cells, &row.code)?;
        }
    }
    workbook.push_worksheet(sheet);
    Ok(())
}

fn write_missing(workbook: &mut Workbook, styles: &Styles, all: &[TaskRow], title: &str, line: &str) -> Result<()> {
    let mut sheet = sheet_named(SHEETS[3])?;
    let columns: &[Column] = &MISSING;
    let mut table = Table::start(&mut sheet, styles, columns, title, Some(line))?;
    for delivery in crate::received::deliveries_of(all).into_iter().filter(|d| d.missing) {
        let cells = [delivery.department.clone(), delivery.tasks.to_string(), delivery.not_submitted.len().to_string(), delivery.not_submitted.join("、")];
        table.row(&cells, &delivery.department)?;
    }
    workbook.push_worksheet(sheet);
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
