//! 部门工作进展表: one department's sub-items for a period, grouped under their articles and
//! clauses, with a status drop-down, locked structure and unlocked input cells, and the second
//! sheet 量化指标 for target values. The blank version is the same workbook with the progress
//! columns empty, for a department without the app.

use super::registry::{Audience, DepartmentChoice, Report, ReportSpec, SheetColumns, Target};
use crate::error::Error;
use super::data::{chinese_date, ReportData};
use super::layout::DEPARTMENT;
use super::style::Styles;
use super::table::Table;
use crate::error::Result;
use crate::status::{Status, STANDING_DEADLINE};
use rust_xlsxwriter::{DataValidation, DataValidationRule, Workbook, Worksheet};

/// Sheet name of the progress table.
pub const SHEET: &str = "工作进展情况表";

/// Write the department sheet into `workbook`; returns the number of task rows.
pub fn write_department(workbook: &mut Workbook, data: &ReportData, department: &str, unit: &str, blank: bool) -> Result<usize> {
    let styles = Styles::new();
    let mut sheet = Worksheet::new();
    sheet.set_name(SHEET)?;
    let title = format!("{}{}{}工作进展情况表", data.plan_title(), department, data.period.label);
    let date = if blank { "      年    月    日".to_string() } else { chinese_date(data.today) };
    let line = format!("填报单位（盖章）：{unit}                                        填报日期：{date}");
    let rows = data.department_rows(department);
    let mut reporter = String::new();
    let mut phone = String::new();
    let mut table = Table::start(&mut sheet, &styles, &DEPARTMENT, &title, Some(&line))?;
    let (mut article, mut clause) = (String::new(), String::new());
    for (index, row) in rows.iter().enumerate() {
        if row.article_title != article {
            article = row.article_title.clone();
            clause.clear();
            table.group(&article)?;
        }
        if row.clause_title != clause {
            clause = row.clause_title.clone();
            table.group(&clause)?;
        }
        let record = if blank { None } else { data.record(&row.code, department) };
        if let Some(r) = record {
            if reporter.is_empty() {
                reporter = r.fields.reporter.clone();
                phone = r.fields.phone.clone();
            }
        }
        let sub = data.plan.subitems().find(|s| s.code == row.code);
        let targets = sub.map(|s| targets_with_actuals(&s.targets, record)).unwrap_or_default();
        let field = |f: fn(&crate::store::ProgressFields) -> &str| record.map(|r| f(&r.fields)).unwrap_or("").to_string();
        let cells = [
            (index + 1).to_string(),
            row.code.clone(),
            format!("{}{}", row.label, row.text),
            row.duty.clone(),
            row.role.label().to_string(),
            if row.deadline.is_empty() { STANDING_DEADLINE.to_string() } else { row.deadline.clone() },
            targets,
            record.map(|r| r.fields.status.label().to_string()).unwrap_or_default(),
            record.map(|r| r.fields.percent.to_string()).unwrap_or_default(),
            field(|r| &r.progress),
            field(|r| &r.problems),
            field(|r| &r.next_steps),
            field(|r| &r.remarks),
        ];
        table.row(&cells, &row.code)?;
    }
    let first = table.first_data_row;
    let last = table.next_row().saturating_sub(1).max(first);
    table.fields_below(&[
        (0, 1, "单位负责人：", false),
        (2, 2, "", true),
        (3, 3, "审核人：", false),
        (4, 6, "", true),
        (7, 8, REPORTER_LABEL, false),
        (9, 9, &reporter, true),
        (10, 10, PHONE_LABEL, false),
        (11, 12, &phone, true),
    ])?;
    let column = |key: &str| DEPARTMENT.iter().position(|c| c.key == key).unwrap_or(0) as u16;
    let status = DataValidation::new()
        .allow_list_strings(&Status::REPORTABLE.map(Status::label))?
        .set_input_title("完成状态")?
        .set_input_message(format!("请从下拉列表中选择：{}", Status::choices()))?
        .set_error_title("完成状态无效")?
        .set_error_message("请从下拉列表中选择完成状态")?;
    table.sheet().add_data_validation(first, column("status"), last, column("status"), &status)?;
    let percent = DataValidation::new()
        .allow_whole_number(DataValidationRule::Between(0, 100))
        .set_error_title("完成进度无效")?
        .set_error_message("完成进度请填写 0 到 100 之间的整数（不带 % 号）")?;
    table.sheet().add_data_validation(first, column("percent"), last, column("percent"), &percent)?;
    // Protection without a password: a guard against accidental edits of the structure.
    table.sheet().protect();
    workbook.push_worksheet(sheet);
    let records: Vec<_> = rows.iter().map(|row| (row.code.as_str(), if blank { None } else { data.record(&row.code, department) })).collect();
    super::target_values::write_target_values(workbook, data, &styles, &title, &records)?;
    Ok(rows.len())
}

/// Label of the 填报人 cell below the table; read-back looks for it.
pub const REPORTER_LABEL: &str = "填报人：";
/// Label of the 联系电话 cell below the table.
pub const PHONE_LABEL: &str = "联系电话：";

/// Each target's phrase, with the reported actual value where there is one:
/// `农膜回收率达到80%以上（实际：85%）`.
fn targets_with_actuals(targets: &[crate::plan::Target], record: Option<&crate::store::ProgressSummary>) -> String {
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
        write_department(workbook, data, department, &target.unit, target.blank)
    }
}
