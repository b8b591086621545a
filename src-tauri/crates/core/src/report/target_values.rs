//! 量化指标, the department sheet's second sheet: one row per target of the department's
//! sub-items, where the department enters the period's actual value and a note.

use super::data::ReportData;
use super::layout::TARGET_VALUES;
use super::style::Styles;
use super::table::{table_sheet, Field, Table};
use crate::error::Result;
use crate::store::ProgressSummary;
use rust_xlsxwriter::{DataValidation, DataValidationRule, Workbook};

/// Sheet name of the target values.
pub const SHEET: &str = "量化指标";

/// The hidden code of a target row: `1.1.1.3#1` for the first target of 1.1.1.3.
pub fn target_ref(code: &str, index: usize) -> String {
    format!("{code}#{}", index + 1)
}

/// Write the 量化指标 sheet for `records` (sub-item code, latest record), in sheet order.
pub fn write_target_values(workbook: &mut Workbook, data: &ReportData, styles: &Styles, title: &str, records: &[(&str, Option<&ProgressSummary>)]) -> Result<usize> {
    let mut sheet = table_sheet(workbook, SHEET)?;
    let heading = format!("{}（量化指标）", title);
    let note = Field::text(0, TARGET_VALUES.len() as u16 - 1, "请在“本期实际值”一栏填写数字（百分比填数字，如 85 表示 85%），可在“说明”中注明口径。");
    let mut table = Table::start(&mut sheet, styles, &TARGET_VALUES, &heading, &[note]);
    let mut count = 0;
    for (code, record) in records {
        let Some(sub) = data.subitem(code) else { continue };
        for (index, target) in sub.targets.iter().enumerate() {
            let actual = record.and_then(|r| r.targets.iter().find(|t| t.index == index));
            let cells = [
                code.to_string(),
                target.metric.clone().unwrap_or_default(),
                target.text.clone(),
                target.unit.clone().unwrap_or_default(),
                actual.and_then(|t| t.value.map(|v| v.to_string())).unwrap_or_default(),
                actual.map(|t| t.note.clone()).unwrap_or_default(),
            ];
            table.row(&cells, &target_ref(code, index));
            count += 1;
        }
    }
    if count == 0 {
        table.group("本单位的任务没有量化指标");
    }
    let value_column = TARGET_VALUES.iter().position(|c| c.key == "value").unwrap_or(4) as u16;
    let number = DataValidation::new()
        .allow_decimal_number(DataValidationRule::Between(-1.0e12, 1.0e12))
        .set_error_title("本期实际值无效")?
        .set_error_message("本期实际值请填写数字（百分比填数字，如 85 表示 85%）")?;
    let finished = table.finish_each(workbook, &[], &mut |sheet, written| {
        sheet.add_data_validation(written.first_data_row, value_column, written.last_data_row, value_column, &number)?;
        sheet.protect_with_options(&super::style::fill_in_protection());
        Ok(())
    })?;
    workbook.push_worksheet(sheet);
    finished.add_continued(workbook);
    Ok(count)
}
