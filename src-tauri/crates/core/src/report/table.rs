//! Writing a printed table: title, the 填报单位 line, headers repeated on every page, heading
//! rows, data rows with computed heights, and the hidden task-code column for read-back.

use super::layout::{Column, CODE_COLUMN};
use super::style::{height_for, page_setup, safe_text, wrapped_lines, Styles};
use crate::error::Result;
use rust_xlsxwriter::Worksheet;

/// A table being written on a sheet.
pub struct Table<'a> {
    sheet: &'a mut Worksheet,
    styles: &'a Styles,
    columns: &'a [Column],
    row: u32,
    /// First data row (after the header).
    pub first_data_row: u32,
}

impl<'a> Table<'a> {
    /// Title, an optional line under it, the header row; page setup of the sheet.
    pub fn start(sheet: &'a mut Worksheet, styles: &'a Styles, columns: &'a [Column], title: &str, line: Option<&str>) -> Result<Table<'a>> {
        let last = columns.len() as u16 - 1;
        for (index, column) in columns.iter().enumerate() {
            sheet.set_column_width(index as u16, column.width)?;
        }
        let code_col = columns.len() as u16;
        sheet.set_column_width(code_col, CODE_COLUMN.width)?;
        sheet.set_column_hidden(code_col)?;
        let total_width: f64 = columns.iter().map(|c| c.width).sum();
        sheet.merge_range(0, 0, 0, last, &safe_text(title), &styles.title)?;
        sheet.set_row_height(0, (f64::from(wrapped_lines(title, total_width / 1.7)) * 26.0).max(34.0))?;
        let mut row = 1;
        if let Some(line) = line {
            sheet.merge_range(row, 0, row, last, &safe_text(line), &styles.line)?;
            sheet.set_row_height(row, 24.0)?;
            row += 1;
        }
        let mut header_lines = 1;
        for (index, column) in columns.iter().enumerate() {
            sheet.write_string_with_format(row, index as u16, column.header, &styles.header)?;
            header_lines = header_lines.max(wrapped_lines(column.header, column.width));
        }
        sheet.write_string_with_format(row, code_col, CODE_COLUMN.header, &styles.header)?;
        sheet.set_row_height(row, height_for(header_lines))?;
        page_setup(sheet, row, row)?;
        Ok(Table { sheet, styles, columns, row: row + 1, first_data_row: row + 1 })
    }

    /// A heading row spanning the table (an article or clause title).
    pub fn group(&mut self, text: &str) -> Result<()> {
        let last = self.columns.len() as u16 - 1;
        let total: f64 = self.columns.iter().map(|c| c.width).sum();
        self.sheet.merge_range(self.row, 0, self.row, last, &safe_text(text), &self.styles.group)?;
        self.sheet.set_row_height(self.row, height_for(wrapped_lines(text, total)))?;
        self.row += 1;
        Ok(())
    }

    /// A data row: one text per column, and the row's task code in the hidden column.
    pub fn row(&mut self, cells: &[String], code: &str) -> Result<u32> {
        let mut lines = 1;
        for (index, (column, text)) in self.columns.iter().zip(cells).enumerate() {
            let format = match (column.input, column.centred) {
                (true, true) => &self.styles.input_centred,
                (true, false) => &self.styles.input,
                (false, true) => &self.styles.centred,
                (false, false) => &self.styles.cell,
            };
            let number_format = if column.input { &self.styles.input_number } else { &self.styles.number };
            match text.parse::<f64>() {
                Ok(number) if column.numeric => self.sheet.write_number_with_format(self.row, index as u16, number, number_format)?,
                // An empty input cell stays truly empty: a number typed into it is a number.
                _ if text.is_empty() && column.input => self.sheet.write_blank(self.row, index as u16, if column.numeric { number_format } else { format })?,
                _ => self.sheet.write_string_with_format(self.row, index as u16, safe_text(text), format)?,
            };
            lines = lines.max(wrapped_lines(text, column.width));
        }
        self.sheet.write_string(self.row, self.columns.len() as u16, code)?;
        // Unlocked input cells need room to write in even when empty.
        let room = if self.columns.iter().any(|c| c.input) { 3 } else { 1 };
        self.sheet.set_row_height(self.row, height_for(lines.max(room)))?;
        self.row += 1;
        Ok(self.row - 1)
    }

    /// A row of label/value pairs below the table (signatures, 填报人): each pair is
    /// `(first column, last column, text, fillable)`; fillable cells are unlocked and underlined.
    pub fn fields_below(&mut self, cells: &[(u16, u16, &str, bool)]) -> Result<()> {
        self.row += 1;
        for &(first, last, text, fillable) in cells {
            let format = if fillable { &self.styles.field } else { &self.styles.label };
            if first == last {
                self.sheet.write_string_with_format(self.row, first, safe_text(text), format)?;
            } else {
                self.sheet.merge_range(self.row, first, self.row, last, &safe_text(text), format)?;
            }
        }
        self.sheet.set_row_height(self.row, 30.0)?;
        self.row += 1;
        Ok(())
    }

    /// The sheet, for validations and protection.
    pub fn sheet(&mut self) -> &mut Worksheet {
        self.sheet
    }

    /// Row after the last written one.
    pub fn next_row(&self) -> u32 {
        self.row
    }
}
