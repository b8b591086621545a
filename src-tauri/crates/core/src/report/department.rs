//! 部门工作进展表: one department's sub-items for a period, grouped under their articles and
//! clauses, with a status drop-down, locked structure and unlocked input cells (rows and columns
//! may be resized), signature blanks, and the second sheet 量化指标 for target values. The blank version is the same workbook with the progress
//! columns empty, for a department without the app.

use super::data::{chinese_date, ReportData};
use super::layout::DEPARTMENT;
use super::registry::{Audience, DepartmentChoice, Report, ReportSpec, SheetColumns, Target};
use super::style::Styles;
use super::table::{table_sheet, Field, Table, Written};
use crate::error::{Error, Result};
use crate::status::{Status, STANDING_DEADLINE};
use crate::store::{ProgressFields, ProgressSummary, RecordState};
use crate::task_list::TaskRow;
use rust_xlsxwriter::{DataValidation, DataValidationRule, Workbook, Worksheet};

/// Sheet name of the progress table.
pub const SHEET: &str = "工作进展情况表";

/// Lines of room in a blank sheet's row: a paragraph written by hand.
const BLANK_ROOM_LINES: usize = 6;

/// Write the department sheet into `workbook`; returns the number of task rows.
pub fn write_department(workbook: &mut Workbook, data: &ReportData, target: &Target, department: &str) -> Result<usize> {
    let styles = Styles::new();
    let mut sheet = table_sheet(workbook, SHEET)?;
    let title = format!("{}{}{}工作进展情况表", data.plan_title(), department, data.period.label);
    let rows = data.department_rows(department);
    let records: Vec<(&str, Option<&ProgressSummary>)> = rows.iter().map(|row| (row.code.as_str(), if target.blank { None } else { data.record(&row.code, department) })).collect();
    let signer = records.iter().find_map(|(_, r)| *r).map(|r| (r.fields.reporter.clone(), r.fields.phone.clone())).unwrap_or_default();
    let mut table = Table::start(&mut sheet, &styles, &DEPARTMENT, &title, &heading_line(&target.unit, target.blank, data));
    if target.blank {
        table.room_for(BLANK_ROOM_LINES);
    }
    let (mut article, mut clause) = (String::new(), String::new());
    for (index, (row, (_, record))) in rows.iter().zip(&records).enumerate() {
        if row.article_title != article {
            article = row.article_title.clone();
            clause.clear();
            table.group(&article);
        }
        if row.clause_title != clause {
            clause = row.clause_title.clone();
            table.group(&clause);
        }
        table.row(&cells(data, row, index, *record), &row.code);
    }
    let finished = table.finish_each(workbook, &signatures(&signer.0, &signer.1), &mut |sheet, written| {
        add_validations(sheet, written)?;
        sheet.protect_with_options(&super::style::fill_in_protection());
        Ok(())
    })?;
    workbook.push_worksheet(sheet);
    finished.add_continued(workbook);
    super::target_values::write_target_values(workbook, data, &styles, &title, &records)?;
    Ok(rows.len())
}

/// 填报单位（盖章）and 填报日期 under the title; the date is a cell of its own to fill in.
fn heading_line(unit: &str, blank: bool, data: &ReportData) -> Vec<Field> {
    let date = if blank { String::new() } else { chinese_date(data.today) };
    vec![Field::text(0, 7, &format!("填报单位（盖章）：{unit}")), Field::label(8, 9, "填报日期："), Field::value(10, 10, &date)]
}

/// The signature row: 单位负责人（签字）, 审核人（签字）, 填报人 and 联系电话, each with a blank wide
/// enough to sign on paper.
fn signatures(reporter: &str, phone: &str) -> Vec<Field> {
    vec![
        Field::label(0, 2, "单位负责人（签字）："),
        Field::value(3, 3, ""),
        Field::label(4, 6, "审核人（签字）："),
        Field::value(7, 8, ""),
        Field::label(9, 10, REPORTER_LABEL),
        Field::value(REPORTER_VALUE_COLUMN, REPORTER_VALUE_COLUMN, reporter),
        Field::label(12, 12, PHONE_LABEL),
        Field::value(PHONE_VALUE_COLUMN, PHONE_VALUE_COLUMN + 1, phone),
    ]
}

/// One sub-item's cells, in the order of [`DEPARTMENT`].
fn cells(data: &ReportData, row: &TaskRow, index: usize, record: Option<&ProgressSummary>) -> Vec<String> {
    let sub = data.subitem(&row.code);
    let targets = sub.map(|s| targets_with_actuals(&s.targets, record)).unwrap_or_default();
    let field = |f: fn(&ProgressFields) -> &str| record.map(|r| f(&r.fields)).unwrap_or("").to_string();
    let seq = match record.map(|r| r.fields.state) {
        // Short enough for the narrow 序号 column; the summary spells it out.
        Some(state) if state != RecordState::Submitted => format!("{}\n{}", index + 1, super::data::short_mark(state)),
        _ => (index + 1).to_string(),
    };
    vec![
        seq,
        row.code.clone(),
        format!("{}{}", row.label, row.text),
        row.duty.clone(),
        row.role.label().to_string(),
        row.lead.join("\n"),
        if row.deadline.is_empty() { STANDING_DEADLINE.to_string() } else { row.deadline.replace('、', "\n") },
        targets,
        record.map(|r| r.fields.status.label().to_string()).unwrap_or_default(),
        record.map(|r| r.fields.percent.to_string()).unwrap_or_default(),
        field(|r| &r.progress),
        field(|r| &r.problems),
        field(|r| &r.next_steps),
        field(|r| &r.remarks),
        record.map(|r| r.evidence.join("\n")).unwrap_or_default(),
    ]
}

/// The status drop-down and the 0–100 check on 完成进度.
fn add_validations(sheet: &mut Worksheet, written: &Written) -> Result<()> {
    let (first, last) = (written.first_data_row, written.last_data_row);
    let column = |key: &str| DEPARTMENT.iter().position(|c| c.key == key).unwrap_or(0) as u16;
    let status = DataValidation::new()
        .allow_list_strings(&Status::REPORTABLE.map(Status::label))?
        .set_input_title("完成状态")?
        .set_input_message(format!("请从下拉列表中选择：{}", Status::choices()))?
        .set_error_title("完成状态无效")?
        .set_error_message("请从下拉列表中选择完成状态")?;
    sheet.add_data_validation(first, column("status"), last, column("status"), &status)?;
    let percent = DataValidation::new()
        .allow_whole_number(DataValidationRule::Between(0, 100))
        .set_error_title("完成进度无效")?
        .set_error_message("完成进度请填写 0 到 100 之间的整数（不带 % 号）")?;
    sheet.add_data_validation(first, column("percent"), last, column("percent"), &percent)?;
    Ok(())
}

/// Label of the 填报人 cell below the table; read-back looks for it.
pub const REPORTER_LABEL: &str = "填报人：";
/// Label of the 联系电话 cell below the table.
pub const PHONE_LABEL: &str = "联系电话：";
/// 0-based column of the 填报人 value below the table.
pub const REPORTER_VALUE_COLUMN: u16 = 11;
/// 0-based column of the 联系电话 value below the table.
pub const PHONE_VALUE_COLUMN: u16 = 13;

/// Each target's phrase, with the reported actual value where there is one:
/// `农膜回收率达到80%以上（实际：85%）`.
fn targets_with_actuals(targets: &[crate::plan::Target], record: Option<&ProgressSummary>) -> String {
    targets
        .iter()
        .enumerate()
        .map(|(index, target)| {
            let actual = record.and_then(|r| r.targets.iter().find(|t| t.index == index));
            match actual.map(|t| (&t.value, &t.note)) {
                Some((value, note)) => {
                    let value = value.map(|v| format!("{v}{}", target.unit.as_deref().unwrap_or(""))).unwrap_or_default();
                    let note = if note.is_empty() { String::new() } else { format!("，{note}") };
                    format!("{}（实际：{value}{note}）", target.text)
                }
                None => target.text.clone(),
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// 部门工作进展情况表 in the registry: one department's sheet for a period, also blank; a
/// department may export only its own.
pub struct DepartmentReport;

const SHEETS: &[SheetColumns] = &[
    SheetColumns { sheet: SHEET, columns: &DEPARTMENT },
    SheetColumns { sheet: super::target_values::SHEET, columns: &super::layout::TARGET_VALUES },
];

const SPEC: ReportSpec = ReportSpec {
    key: "department",
    title: "部门工作进展情况表",
    audience: Audience::Everyone,
    needs_period: true,
    department: DepartmentChoice::Required,
    can_be_blank: true,
    prints_unit: true,
    sheets: SHEETS,
};

impl Report for DepartmentReport {
    fn spec(&self) -> &'static ReportSpec {
        &SPEC
    }
    fn file_name(&self, target: &Target) -> Option<String> {
        let (department, period) = (target.department.as_deref()?, target.period_label.as_deref()?);
        Some(if target.blank { format!("{department}_{period}_工作进展情况表（空白）.xlsx") } else { format!("{department}_{period}_工作进展情况表.xlsx") })
    }
    fn write(&self, workbook: &mut Workbook, data: &ReportData, target: &Target) -> Result<usize> {
        let department = target.department.as_deref().ok_or_else(|| Error::InvalidInput("导出部门工作进展表需要指定部门".into()))?;
        write_department(workbook, data, target, department)
    }
}
