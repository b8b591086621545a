//! The workbook as calamine reads it: the hidden metadata, each sheet's values, formulas,
//! number formats and merged ranges, so the rest of read-back never touches calamine.

use crate::error::{Error, Result};
use crate::report::meta::META_SHEET;
use calamine::{Data, Dimensions, Range, Reader, SheetVisible, StyleRange, Xlsx};
use std::collections::HashMap;
use std::io::Cursor;

/// One cell: its (cached) value, the formula behind it, and whether it is shown as a percentage.
#[derive(Debug, Clone, PartialEq)]
pub struct RawCell {
    /// The value (for a formula, the value Excel last computed).
    pub value: Data,
    /// The formula, when the cell holds one.
    pub formula: Option<String>,
    /// The number format shows a percentage (`0%`).
    pub percent_format: bool,
}

/// A sheet's contents, addressed by absolute 0-based (row, column).
pub struct Grid {
    /// Sheet name.
    pub name: String,
    values: Range<Data>,
    formulas: Range<String>,
    styles: StyleRange,
    /// Merged ranges of the sheet.
    pub merges: Vec<Dimensions>,
}

impl Grid {
    /// The cell at (row, column).
    pub fn cell(&self, row: u32, column: u32) -> RawCell {
        let value = self.values.get_value((row, column)).cloned().unwrap_or(Data::Empty);
        let formula = self.formulas.get_value((row, column)).filter(|f| !f.trim().is_empty()).cloned();
        let percent_format = self
            .styles
            .get((row, column))
            .and_then(|s| s.number_format.as_ref())
            .is_some_and(|f| f.format_code.contains('%'));
        RawCell { value, formula, percent_format }
    }

    /// The text of a cell as shown (empty for anything else than text or a number).
    pub fn text(&self, row: u32, column: u32) -> String {
        match self.values.get_value((row, column)) {
            Some(Data::String(s)) => s.trim().to_string(),
            Some(Data::Float(f)) => super::values::format_number(*f),
            Some(Data::Int(i)) => i.to_string(),
            _ => String::new(),
        }
    }

    /// Last used row and column (0-based), if the sheet is not empty.
    pub fn end(&self) -> Option<(u32, u32)> {
        self.values.end()
    }
}

/// An opened workbook.
pub struct Book {
    xlsx: Xlsx<Cursor<Vec<u8>>>,
}

/// The hidden metadata of a workbook written by the app.
#[derive(Debug, Clone, Default)]
pub struct Metadata {
    /// key → value rows of `_taizhang`.
    pub values: HashMap<String, String>,
    /// Sheet name → column keys in order.
    pub columns: HashMap<String, Vec<String>>,
}

impl Metadata {
    /// A value, `None` when missing or empty.
    pub fn get(&self, key: &str) -> Option<String> {
        self.values.get(key).map(|v| v.trim().to_string()).filter(|v| !v.is_empty())
    }
}

impl Book {
    /// Open the bytes of an .xlsx file.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] when the bytes are not a zip or not a readable workbook.
    pub fn open(bytes: Vec<u8>) -> Result<Book> {
        if !bytes.starts_with(b"PK") {
            let hint = if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) { "（这是旧版 .xls 或加密的文件，请在 Excel/WPS 中另存为 .xlsx）" } else { "" };
            return Err(Error::InvalidInput(format!("不是 Excel 工作簿（.xlsx）{hint}")));
        }
        let xlsx = Xlsx::new(Cursor::new(bytes)).map_err(|e| Error::InvalidInput(format!("文件已损坏，无法作为 .xlsx 读取（{e}）")))?;
        Ok(Book { xlsx })
    }

    /// Names of the sheets a user can see, in order.
    pub fn visible_sheets(&self) -> Vec<String> {
        self.xlsx.sheets_metadata().iter().filter(|s| s.visible == SheetVisible::Visible).map(|s| s.name.clone()).collect()
    }

    /// Every sheet name.
    pub fn sheet_names(&self) -> Vec<String> {
        self.xlsx.sheet_names()
    }

    /// The `_taizhang` metadata, when the sheet is there.
    pub fn metadata(&mut self) -> Option<Metadata> {
        if !self.sheet_names().iter().any(|n| n == META_SHEET) {
            return None;
        }
        let range = self.xlsx.worksheet_range(META_SHEET).ok()?;
        let mut metadata = Metadata::default();
        for row in range.rows() {
            let cell = |i: usize| match row.get(i) {
                Some(Data::String(s)) => s.clone(),
                Some(other) if *other != Data::Empty => other.to_string(),
                _ => String::new(),
            };
            let (key, value) = (cell(0), cell(1));
            match key.strip_prefix("columns:") {
                Some(sheet) => {
                    metadata.columns.insert(sheet.to_string(), value.split(',').map(|k| k.trim().to_string()).collect());
                }
                None if key != "key" && !key.is_empty() => {
                    metadata.values.insert(key, value);
                }
                None => {}
            }
        }
        Some(metadata).filter(|m| !m.values.is_empty())
    }

    /// A sheet's values, formulas, formats and merges.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] when the sheet cannot be read.
    pub fn grid(&mut self, name: &str) -> Result<Grid> {
        let broken = |e: calamine::XlsxError| Error::InvalidInput(format!("工作表“{name}”无法读取（{e}）"));
        let values = self.xlsx.worksheet_range(name).map_err(broken)?;
        let formulas = self.xlsx.worksheet_formula(name).map_err(broken)?;
        let styles = self.xlsx.worksheet_style(name).unwrap_or_else(|_| StyleRange::empty());
        let merges = self.xlsx.merge_cells_by_sheet_name(name).unwrap_or_default();
        Ok(Grid { name: name.to_string(), values, formulas, styles, merges })
    }
}

/// The column letters of a 0-based column: 0 → A, 27 → AB.
pub fn column_letter(column: u32) -> String {
    let mut n = column + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = ((n - 1) % 26) as u8;
        letters.push((b'A' + rem) as char);
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect()
}
