//! Writing a printed table: the title, a line of fields under it, headers repeated on every page,
//! headings and records laid out on pages first ([`super::flow`]) so no text is cut off, the
//! hidden task-code column for read-back, a row of fields below, and the page setup with the
//! computed page breaks and a page count per sheet.

use super::flow::{lay_out, Entry, FlowColumn, Laid, Pages, Record};
use super::layout::{Column, CODE_COLUMN};
use super::measure::{collapse_spaces, height_of_lines, printed_width, units_for, usable_width, whole_pixels, wrap, Face, MAX_ROW_HEIGHT};
use super::style::{page_setup, safe_text, PageSetup, Styles, BODY_PT, LINE_PT, TITLE_PT};
use crate::error::Result;
use rust_xlsxwriter::{Format, Worksheet};

/// A column's width never grows past this to keep a short value on one line.
const MAX_KEPT_WIDTH: f64 = 30.0;
/// Excel's limit on the characters of one cell.
pub const CELL_LIMIT: usize = 32_767;

/// How a field under the title or below the table looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    /// Text, left-aligned (填报单位（盖章）：农业局).
    Text,
    /// A label before a value, right-aligned (填报人：).
    Label,
    /// A value filled in by hand: unlocked, underlined.
    Value,
}

/// A field in the line under the title or the row below the table, over columns `first..=last`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    /// First column.
    pub first: u16,
    /// Last column (merged when after `first`).
    pub last: u16,
    /// Text.
    pub text: String,
    /// What it is.
    pub kind: FieldKind,
}

impl Field {
    /// Text, left-aligned.
    pub fn text(first: u16, last: u16, text: &str) -> Field {
        Field { first, last, text: text.to_string(), kind: FieldKind::Text }
    }
    /// A label (right-aligned).
    pub fn label(first: u16, last: u16, text: &str) -> Field {
        Field { first, last, text: text.to_string(), kind: FieldKind::Label }
    }
    /// A value to fill in (unlocked, underlined).
    pub fn value(first: u16, last: u16, text: &str) -> Field {
        Field { first, last, text: text.to_string(), kind: FieldKind::Value }
    }
}

/// Where a finished table's records are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Written {
    /// First record row.
    pub first_data_row: u32,
    /// Last record row (at least the first).
    pub last_data_row: u32,
}

/// A table being gathered for a sheet; [`Table::finish`] lays it out and writes it.
pub struct Table<'a> {
    sheet: &'a mut Worksheet,
    styles: &'a Styles,
    columns: &'a [Column],
    title: String,
    line: Vec<Field>,
    entries: Vec<Entry>,
    room: usize,
}

impl<'a> Table<'a> {
    /// A table titled `title`, with `line` (填报单位, 填报日期 …) under the title.
    pub fn start(sheet: &'a mut Worksheet, styles: &'a Styles, columns: &'a [Column], title: &str, line: &[Field]) -> Table<'a> {
        let room = if columns.iter().any(|c| c.input) { 3 } else { 1 };
        Table { sheet, styles, columns, title: safe_text(title), line: line.to_vec(), entries: Vec::new(), room }
    }

    /// Leave at least `lines` lines in every record, to write in by hand.
    pub fn room_for(&mut self, lines: usize) {
        self.room = lines;
    }

    /// A heading row spanning the table (an article or clause title).
    pub fn group(&mut self, text: &str) {
        self.entries.push(Entry::Heading(collapse_spaces(&safe_text(text))));
    }

    /// A record: one text per column, and its task code in the hidden column.
    pub fn row(&mut self, cells: &[String], code: &str) {
        self.row_sharing(cells, code, Vec::new());
    }

    /// A record whose cells with a key in `spans` are shared with the neighbouring records that
    /// have the same key (one merged cell, like the article of the 任务分解表).
    pub fn row_sharing(&mut self, cells: &[String], code: &str, spans: Vec<Option<u32>>) {
        let cells = cells.iter().zip(self.columns).map(|(text, column)| if column.input { safe_text(text) } else { collapse_spaces(&safe_text(text)) }).collect();
        self.entries.push(Entry::Record(Record { cells, code: code.to_string(), spans, room: self.room }));
    }

    /// Lay the table out and write it, with `below` (signatures) under it.
    ///
    /// # Errors
    /// A cell rust_xlsxwriter refuses.
    pub fn finish(&mut self, below: &[Field]) -> Result<Written> {
        let widths = self.widths();
        let setup = PageSetup::for_widths(&widths.iter().map(|w| printed_width(*w)).collect::<Vec<_>>());
        let total: f64 = widths.iter().map(|w| usable_width(*w)).sum();
        let title_height = whole_pixels(height_of_lines(wrap(&self.title, total, Face::regular(TITLE_PT)).len(), TITLE_PT).max(34.0));
        let line_height = self.fields_height(&self.line, &widths);
        let header_height = (0..self.columns.len()).map(|c| height_of_lines(wrap(self.columns[c].header, usable_width(widths[c]), Face::bold(BODY_PT)).len(), BODY_PT)).fold(0.0, f64::max);
        let page = setup.page_height();
        let pages = Pages { first: page - title_height - line_height - header_height, next: page - header_height };
        if !below.is_empty() {
            self.entries.push(Entry::Trailer(self.fields_height(below, &widths) + 12.0));
        }
        let flow_columns: Vec<FlowColumn> = self.columns.iter().zip(&widths).map(|(c, w)| FlowColumn { width: usable_width(*w), flows: !c.centred }).collect();
        let heading = |text: &str| height_of_lines(wrap(text, total, Face::bold(BODY_PT)).len(), BODY_PT);
        let laid = lay_out(&self.entries, &flow_columns, pages, &heading);
        self.write_top(&widths, title_height, line_height, header_height)?;
        let header_row = if self.line.is_empty() { 1 } else { 2 };
        let base = header_row + 1;
        self.write_rows(&laid, base, below)?;
        self.write_merges(&laid, base)?;
        let breaks: Vec<u32> = laid.page_starts.iter().map(|r| base + *r as u32).take(1023).collect();
        page_setup(self.sheet, header_row, &setup, laid.pages(), &breaks)?;
        // The table is what prints: not the hidden code column, not a chart beside it.
        self.sheet.set_print_area(0, 0, base + laid.rows.len().max(1) as u32 - 1, self.columns.len() as u16 - 1)?;
        let records: Vec<u32> = laid.rows.iter().enumerate().filter(|(_, r)| matches!(self.entries[r.entry], Entry::Record(_))).map(|(i, _)| base + i as u32).collect();
        let first_data_row = records.first().copied().unwrap_or(base);
        Ok(Written { first_data_row, last_data_row: records.last().copied().unwrap_or(first_data_row) })
    }

    /// The sheet, for validations and protection.
    pub fn sheet(&mut self) -> &mut Worksheet {
        self.sheet
    }

    /// Declared widths; a centred column (codes, dates, names) widens so no value breaks.
    fn widths(&self) -> Vec<f64> {
        self.columns
            .iter()
            .enumerate()
            .map(|(c, column)| {
                if !column.centred {
                    return column.width;
                }
                let longest = self.entries.iter().filter_map(|e| if let Entry::Record(r) = e { Some(r) } else { None }).flat_map(|r| r.cells[c].split('\n')).map(|line| units_for(line, Face::regular(BODY_PT))).fold(0.0, f64::max);
                column.width.max(longest.min(MAX_KEPT_WIDTH))
            })
            .collect()
    }

    fn fields_height(&self, fields: &[Field], widths: &[f64]) -> f64 {
        let lines = fields.iter().map(|f| wrap(&f.text, (f.first..=f.last).map(|c| usable_width(widths[usize::from(c)])).sum(), Face::regular(LINE_PT)).len()).max().unwrap_or(0);
        if lines == 0 {
            0.0
        } else {
            height_of_lines(lines, LINE_PT).max(24.0)
        }
    }

    fn write_top(&mut self, widths: &[f64], title_height: f64, line_height: f64, header_height: f64) -> Result<()> {
        let last = self.columns.len() as u16 - 1;
        for (index, width) in widths.iter().enumerate() {
            self.sheet.set_column_width(index as u16, *width)?;
        }
        let code_column = self.columns.len() as u16;
        self.sheet.set_column_width(code_column, CODE_COLUMN.width)?;
        self.sheet.set_column_hidden(code_column)?;
        self.sheet.merge_range(0, 0, 0, last, &self.title, &self.styles.title)?;
        self.sheet.set_row_height(0, title_height)?;
        let mut row = 1;
        if !self.line.is_empty() {
            write_fields(self.sheet, self.styles, row, &self.line)?;
            self.sheet.set_row_height(row, line_height)?;
            row += 1;
        }
        for (index, column) in self.columns.iter().enumerate() {
            self.sheet.write_string_with_format(row, index as u16, column.header, &self.styles.header)?;
        }
        self.sheet.write_string_with_format(row, code_column, CODE_COLUMN.header, &self.styles.header)?;
        self.sheet.set_row_height(row, header_height)?;
        Ok(())
    }

    fn write_rows(&mut self, laid: &Laid, base: u32, below: &[Field]) -> Result<()> {
        let last_column = self.columns.len() as u16 - 1;
        for (index, row) in laid.rows.iter().enumerate() {
            let at = base + index as u32;
            self.sheet.set_row_height(at, row.height.min(MAX_ROW_HEIGHT))?;
            match &self.entries[row.entry] {
                Entry::Heading(text) => {
                    self.sheet.merge_range(at, 0, at, last_column, &within_limit(text), &self.styles.group)?;
                }
                Entry::Trailer(_) => {
                    write_fields(self.sheet, self.styles, at, below)?;
                }
                Entry::Record(record) => {
                    for (c, column) in self.columns.iter().enumerate() {
                        let shared = record.spans.get(c).is_some_and(Option::is_some);
                        if column.centred || shared {
                            continue;
                        }
                        let format = self.styles.flowing(column.input, row.opens, row.closes);
                        let text = &record.cells[c][row.parts[c].clone()];
                        if text.is_empty() {
                            self.sheet.write_blank(at, c as u16, format)?;
                        } else {
                            self.sheet.write_string_with_format(at, c as u16, within_limit(text).as_ref(), format)?;
                        }
                    }
                    self.sheet.write_string(at, self.columns.len() as u16, &record.code)?;
                }
            }
        }
        Ok(())
    }

    fn write_merges(&mut self, laid: &Laid, base: u32) -> Result<()> {
        for merge in &laid.merges {
            let Entry::Record(record) = &self.entries[merge.entry] else { continue };
            let column = &self.columns[merge.column];
            let text = within_limit(&record.cells[merge.column]);
            let format = self.styles.cell_format(column);
            let (first, last, c) = (base + merge.first as u32, base + merge.last as u32, merge.column as u16);
            if last > first {
                self.sheet.merge_range(first, c, last, c, &text, format)?;
            }
            // The merge wrote the text; a number or a blank is written into its first cell.
            match text.parse::<f64>() {
                Ok(number) if column.numeric => {
                    self.sheet.write_number_with_format(first, c, number, format)?;
                }
                _ if text.is_empty() => {
                    self.sheet.write_blank(first, c, format)?;
                }
                _ if last == first => {
                    self.sheet.write_string_with_format(first, c, text.as_ref(), format)?;
                }
                _ => {}
            }
        }
        Ok(())
    }
}

/// Write label and value fields on one row.
fn write_fields(sheet: &mut Worksheet, styles: &Styles, row: u32, fields: &[Field]) -> Result<()> {
    for field in fields {
        let format: &Format = match field.kind {
            FieldKind::Text => &styles.line,
            FieldKind::Label => &styles.label,
            FieldKind::Value => &styles.field,
        };
        let text = safe_text(&field.text);
        if field.first == field.last {
            sheet.write_string_with_format(row, field.first, &text, format)?;
        } else {
            sheet.merge_range(row, field.first, row, field.last, &text, format)?;
        }
    }
    Ok(())
}

/// A cell's text within Excel's 32,767 characters: longer text (only ever a shared cell built
/// from many parts) is cut with a note that the system holds it in full. Borrowed when it fits,
/// as nearly every cell does.
fn within_limit(text: &str) -> std::borrow::Cow<'_, str> {
    const NOTE: &str = "…（全文见系统）";
    // A character is at least one byte: a text of no more bytes than the limit fits.
    if text.len() <= CELL_LIMIT || text.chars().count() <= CELL_LIMIT {
        return std::borrow::Cow::Borrowed(text);
    }
    std::borrow::Cow::Owned(text.chars().take(CELL_LIMIT - NOTE.chars().count()).chain(NOTE.chars()).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cell_never_exceeds_excels_limit() {
        let long = "字".repeat(40_000);
        let cut = within_limit(&long);
        assert!(cut.chars().count() <= CELL_LIMIT, "{} characters", cut.chars().count());
        assert!(cut.ends_with("…（全文见系统）"), "marked as cut, the full text kept in the system");
        assert_eq!(within_limit("短文本"), "短文本", "short text untouched");
    }
}
