//! A returned workbook read whole, before any look at the database: size limits, the kind of
//! workbook, the template version, the main sheet and 量化指标.

use super::sheet::{is_department_sheet, read_main, read_targets, MainSheet, ReturnedTarget};
use super::workbook::{Book, Metadata};
use super::{Refusal, Review};
use crate::error::{Error, Result};
use crate::report::meta::READABLE_VERSIONS;
use crate::report::split::continuation_name;
use crate::report::{report, DepartmentReport, Report, DEPARTMENT_SHEET, REPORTS, TARGET_VALUES_SHEET};
use sha2::{Digest, Sha256};
use std::io::Read;
use std::path::Path;

/// Largest file taken in: a department sheet is well under 1 MB.
pub const MAX_FILE_BYTES: u64 = 20 * 1024 * 1024;
/// Most rows a sheet may have.
pub const MAX_ROWS: u32 = 50_000;

/// A returned sheet as read from the file.
#[derive(Debug)]
pub struct ReturnedSheet {
    /// SHA-256 of the file's bytes.
    pub sha256: String,
    /// The hidden metadata, when the workbook still has it.
    pub metadata: Option<Metadata>,
    /// The main sheet's name.
    pub sheet: String,
    /// Its rows, heading text and signature fields.
    pub main: MainSheet,
    /// 量化指标 rows.
    pub targets: Vec<ReturnedTarget>,
    /// Values refused while reading.
    pub refused: Vec<Refusal>,
    /// What to look at.
    pub review: Vec<Review>,
}

impl ReturnedSheet {
    /// A metadata value.
    pub fn meta(&self, key: &str) -> Option<String> {
        self.metadata.as_ref().and_then(|m| m.get(key))
    }
}

/// Read a file, at most [`MAX_FILE_BYTES`] of it (a pipe or device never reads without end).
///
/// # Errors
/// [`Error::Io`] when it cannot be read; [`Error::InvalidInput`] when too large or not a
/// department progress sheet.
pub fn read_returned_file(path: &Path) -> Result<ReturnedSheet> {
    let io = |source| Error::Io { path: path.to_path_buf(), source };
    let file = std::fs::File::open(path).map_err(io)?;
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes).map_err(io)?;
    read_returned(bytes)
}

/// The SHA-256 of a file's bytes, hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// Read a returned sheet from its bytes.
///
/// # Errors
/// [`Error::InvalidInput`] for a file over 20 MB or 50,000 rows, one that is not an .xlsx
/// workbook, another kind of workbook (全县汇总表, 任务分解表), an unknown template version, or a
/// workbook without any progress sheet.
pub fn read_returned(bytes: Vec<u8>) -> Result<ReturnedSheet> {
    // The workbook library can panic on a damaged file (the property tests found an overflow in
    // calamine's XML reader); a damaged file is refused like any other, never takes the app down.
    std::panic::catch_unwind(move || read_workbook(bytes))
        .unwrap_or_else(|_| Err(Error::InvalidInput("文件已损坏：Excel 工作簿的内部结构不完整，无法读取，请让报送单位重新导出".into())))
}

fn read_workbook(bytes: Vec<u8>) -> Result<ReturnedSheet> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(Error::InvalidInput(format!("文件超过 {} MB，不是部门工作进展情况表", MAX_FILE_BYTES / 1024 / 1024)));
    }
    let sha256 = sha256_hex(&bytes);
    let mut book = Book::open(bytes)?;
    let metadata = book.metadata();
    let mut review = Vec::new();
    let mut refused = Vec::new();
    check_kind(&book, metadata.as_ref())?;
    let sheet = main_sheet(&mut book, metadata.as_ref(), &mut review)?;
    let main = read_continued(&mut book, &sheet, metadata.as_ref(), &mut refused, &mut review)?;
    let version = metadata.as_ref().and_then(|m| m.get("template_version"));
    let targets = if book.sheet_names().iter().any(|n| n == TARGET_VALUES_SHEET) {
        let grid = book.grid(TARGET_VALUES_SHEET)?;
        if grid.end().is_some_and(|(row, _)| row >= MAX_ROWS) {
            return Err(Error::InvalidInput(format!("工作表“{TARGET_VALUES_SHEET}”超过 {MAX_ROWS} 行")));
        }
        read_targets(&grid, metadata.as_ref(), &mut refused, &mut review)
    } else {
        if version.as_deref().is_some_and(|v| v != "1") {
            review.push(Review::file(format!("工作簿中没有“{TARGET_VALUES_SHEET}”工作表，未读取量化指标的实际值")));
        }
        Vec::new()
    };
    if metadata.is_none() {
        review.push(Review::file("工作簿没有台账的隐藏元数据（可能是手工重建或另存时丢失）：已按标题、填报单位和任务编号识别，请核对".into()));
    }
    Ok(ReturnedSheet { sha256, metadata, sheet, main, targets, refused, review })
}

/// The progress sheet and the sheets it continues on past Excel's page limit (部门工作进展表（续1）
/// …), read as one: their rows in order, the heading from the first, the signatures from the last.
fn read_continued(book: &mut Book, sheet: &str, metadata: Option<&Metadata>, refused: &mut Vec<Refusal>, review: &mut Vec<Review>) -> Result<MainSheet> {
    let names = book.sheet_names();
    let continued = (1..).map(|n| continuation_name(sheet, n)).take_while(|name| names.contains(name));
    let mut whole: Option<MainSheet> = None;
    for name in std::iter::once(sheet.to_string()).chain(continued.collect::<Vec<_>>()) {
        let grid = book.grid(&name)?;
        if grid.end().is_some_and(|(row, _)| row >= MAX_ROWS) {
            return Err(Error::InvalidInput(format!("工作表“{name}”超过 {MAX_ROWS} 行，不是部门工作进展情况表")));
        }
        let before = refused.len();
        let part = read_main(&grid, metadata, refused, review);
        for refusal in &mut refused[before..] {
            refusal.sheet = name.clone();
        }
        let part = part.ok_or_else(|| Error::InvalidInput(refused.get(before).map(Refusal::describe).unwrap_or_default()))?;
        whole = Some(match whole {
            None => part,
            Some(mut whole) => {
                let seen: std::collections::HashSet<String> = whole.rows.iter().map(|r| r.code.clone()).collect();
                for row in part.rows {
                    if seen.contains(&row.code) {
                        refused.push(Refusal::at(row.row - 1, &row.code, "", format!("任务编号 {} 在表中出现了两次", row.code)).on_sheet(&name));
                    } else {
                        whole.rows.push(row);
                    }
                }
                MainSheet { reporter: part.reporter, phone: part.phone, ..whole }
            }
        });
    }
    whole.ok_or_else(|| Error::InvalidInput(format!("工作簿中没有“{sheet}”")))
}

/// Refuse workbooks of another kind and template versions this build does not know.
fn check_kind(book: &Book, metadata: Option<&Metadata>) -> Result<()> {
    let names = book.sheet_names();
    let expected = DepartmentReport.key();
    let kind = match metadata.and_then(|m| m.get("template")) {
        Some(kind) => kind.clone(),
        // Without metadata: another report when its first sheet is there and the progress sheet is not.
        None if !names.iter().any(|n| n == DEPARTMENT_SHEET) => REPORTS
            .iter()
            .find(|r| r.key() != expected && r.sheets().first().is_some_and(|first| names.iter().any(|n| n == first.sheet)))
            .map_or(expected, |r| r.key())
            .to_string(),
        None => expected.to_string(),
    };
    if kind != expected {
        return Err(match report(&kind) {
            Ok(other) => Error::InvalidInput(format!("这是{}，不是部门工作进展情况表，不能作为部门报表导入", other.title())),
            Err(_) => Error::InvalidInput(format!("未知的报表种类“{kind}”，不是部门工作进展情况表")),
        });
    }
    if metadata.and_then(|m| m.get("blank")).is_some_and(|b| b == "true") && metadata.and_then(|m| m.get("department")).is_none() {
        return Err(Error::InvalidInput("空白表没有注明部门".into()));
    }
    match metadata.and_then(|m| m.get("template_version")) {
        Some(version) if !READABLE_VERSIONS.contains(&version.as_str()) => Err(Error::InvalidInput(format!(
            "报表模板版本 {version} 是更新版本的台账生成的，本机只能读取版本 {}：请升级台账后再导入",
            READABLE_VERSIONS.join("、")
        ))),
        _ => Ok(()),
    }
}

/// The progress sheet: the one the metadata names, else the first visible sheet that has its
/// headers (a renamed sheet is flagged).
fn main_sheet(book: &mut Book, metadata: Option<&Metadata>, review: &mut Vec<Review>) -> Result<String> {
    if book.sheet_names().iter().any(|n| n == DEPARTMENT_SHEET) {
        return Ok(DEPARTMENT_SHEET.to_string());
    }
    for name in book.visible_sheets() {
        let Ok(grid) = book.grid(&name) else { continue };
        if is_department_sheet(&grid) {
            if metadata.is_some() {
                review.push(Review::file(format!("工作表名称已由“{DEPARTMENT_SHEET}”改为“{name}”")));
            }
            return Ok(name);
        }
    }
    Err(Error::InvalidInput(format!("工作簿中没有“{DEPARTMENT_SHEET}”：找不到带“任务编号”“完成状态”“进展情况”表头的工作表")))
}
