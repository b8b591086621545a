//! The machine-readable part of every workbook: a very hidden sheet `_taizhang` of key/value
//! rows and workbook-level defined names pointing at them, so read-back never guesses.

use crate::error::Result;
use rust_xlsxwriter::{Workbook, Worksheet};

/// Name of the metadata sheet.
pub const META_SHEET: &str = "_taizhang";

/// Version of the report layouts; read-back refuses versions it does not know. Version 2 added
/// 完成进度(%), the 量化指标 sheet and fillable 填报人/联系电话 cells to the department sheet;
/// version 3 added 牵头单位 and 佐证材料, and records whose text continues over several rows (the
/// same task code on consecutive rows).
pub const TEMPLATE_VERSION: &str = "3";

/// Template versions read-back understands.
pub const READABLE_VERSIONS: [&str; 3] = ["1", "2", "3"];

/// Keys of the metadata sheet, in order (`plan_digest` and `periods` make the 任务分解表 a plan
/// package a department PC imports), each also a defined name `TZ_<KEY>`.
pub const META_KEYS: [&str; 13] = [
    "template", "template_version", "plan_fingerprint", "plan_name", "unit", "department", "period", "blank", "exported_at", "generator",
    "plan_version", "plan_digest", "periods",
];

/// Write the metadata sheet (very hidden) and its defined names. `columns` lists, per data
/// sheet, the column keys in order, so read-back finds columns by meaning.
pub fn write_meta(workbook: &mut Workbook, values: &[(&str, String)], columns: &[(&str, Vec<&str>)]) -> Result<()> {
    let mut sheet = Worksheet::new();
    sheet.set_name(META_SHEET)?;
    sheet.write_string(0, 0, "key")?;
    sheet.write_string(0, 1, "value")?;
    let mut row = 1;
    for key in META_KEYS {
        let value = values.iter().find(|(k, _)| *k == key).map(|(_, v)| v.as_str()).unwrap_or("");
        sheet.write_string(row, 0, key)?;
        sheet.write_string(row, 1, value)?;
        row += 1;
    }
    for (sheet_name, keys) in columns {
        sheet.write_string(row, 0, format!("columns:{sheet_name}"))?;
        sheet.write_string(row, 1, keys.join(","))?;
        row += 1;
    }
    sheet.set_very_hidden(true);
    workbook.push_worksheet(sheet);
    for (index, key) in META_KEYS.iter().enumerate() {
        workbook.define_name(format!("TZ_{}", key.to_uppercase()), &format!("={META_SHEET}!$B${}", index + 2))?;
    }
    Ok(())
}
