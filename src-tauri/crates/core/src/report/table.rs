//! Writing a printed table: the title, a line of fields under it, headers repeated on every page,
//! headings and records laid out on pages first ([`super::flow`]) so no text is cut off, the
//! hidden task-code column for read-back, a row of fields below, and the page setup with the
//! computed page breaks and a page count per sheet.

use super::flow::{lay_out, Entry, FlowColumn, Pages, Record};
use super::layout::Column;
use super::measure::{height_of_lines, printed_width, units_for, usable_width, whole_pixels, wrap, Face};
use super::part::PartWriter;
use super::split::{continuation_name, sheet_parts, EXCEL_LIMITS};
use super::style::{printed_text, safe_text, PageSetup, Styles, BODY_PT, LINE_PT, TITLE_PT};
use crate::error::{Error, Result};
use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

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
        self.entries.push(Entry::Heading(printed_text(text)));
    }

    /// A record: one text per column, and its task code in the hidden column.
    pub fn row(&mut self, cells: &[String], code: &str) {
        self.row_sharing(cells, code, Vec::new());
    }

    /// A record whose cells with a key in `spans` are shared with the neighbouring records that
    /// have the same key (one merged cell, like the article of the 任务分解表).
    pub fn row_sharing(&mut self, cells: &[String], code: &str, spans: Vec<Option<u32>>) {
        let cells = cells.iter().zip(self.columns).map(|(text, column)| if column.input { safe_text(text) } else { printed_text(text) }).collect();
        self.entries.push(Entry::Record(Record { cells, code: code.to_string(), spans, room: self.room }));
    }

    /// Lay the table out and write it, with `below` (signatures) under it; further sheets, past
    /// Excel's limits, are made in `workbook`.
    ///
    /// # Errors
    /// A cell rust_xlsxwriter refuses.
    pub fn finish(&mut self, workbook: &mut Workbook, below: &[Field]) -> Result<Finished> {
        self.finish_each(workbook, below, &mut |_, _| Ok(()))
    }

    /// [`Table::finish`], calling `each_sheet` with every sheet the table is written on (past
    /// Excel's limits it goes on to further sheets, see [`super::split`]) and where its records
    /// are: for validations and protection.
    ///
    /// # Errors
    /// A cell rust_xlsxwriter refuses, or what `each_sheet` returns.
    pub fn finish_each(&mut self, workbook: &mut Workbook, below: &[Field], each_sheet: &mut dyn FnMut(&mut Worksheet, &Written) -> Result<()>) -> Result<Finished> {
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
        let writer = PartWriter { styles: self.styles, columns: self.columns, entries: &self.entries, laid: &laid, widths: &widths, setup: &setup, header_height, below };
        let header_row = if self.line.is_empty() { 1 } else { 2 };
        write_title(self.sheet, self.styles, self.columns.len(), &self.title, title_height, &self.line, line_height)?;
        // The first part on this sheet under the title; any further ones on sheets of their own.
        let (first, more) = sheet_parts(&laid, EXCEL_LIMITS);
        let written = writer.write(self.sheet, header_row, &first)?;
        each_sheet(self.sheet, &written)?;
        let name = self.sheet.name();
        let mut continued = Vec::new();
        for (index, part) in more.iter().enumerate() {
            let mut sheet = table_sheet(workbook, &continuation_name(&name, index + 1))?;
            let written = writer.write(&mut sheet, 0, part)?;
            each_sheet(&mut sheet, &written)?;
            continued.push(sheet);
        }
        Ok(Finished { written, continued })
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
}

/// A table written: where the first sheet's records are, and the sheets it went on to.
pub struct Finished {
    /// Records on the first sheet.
    pub written: Written,
    /// Further sheets (none within Excel's limits), to add after the first.
    pub continued: Vec<Worksheet>,
}

impl Finished {
    /// Add the further sheets to `workbook` (after the first sheet was added).
    pub fn add_continued(self, workbook: &mut Workbook) {
        for sheet in self.continued {
            workbook.push_worksheet(sheet);
        }
    }
}

/// A sheet named `name` for a table, in rust_xlsxwriter's low-memory mode: a table is written row
/// by row, each row going out to a temporary file when the next one begins, so only the shared
/// texts stay in memory. At a hundred times the seed the county summary's cells otherwise took
/// over a hundred megabytes until the file was saved.
///
/// # Errors
/// The temporary file cannot be made (the system's temporary folder is not writable).
pub fn table_sheet(workbook: &mut Workbook, name: &str) -> Result<Worksheet> {
    let mut sheet = workbook.new_worksheet_with_low_memory().map_err(|error| match error {
        XlsxError::TempFileError(path, source) => Error::Io { path, source },
        other => other.into(),
    })?;
    sheet.set_name(name)?;
    Ok(sheet)
}

/// The title over the table and the line of fields under it, on the first sheet only.
fn write_title(sheet: &mut Worksheet, styles: &Styles, columns: usize, title: &str, title_height: f64, line: &[Field], line_height: f64) -> Result<()> {
    sheet.merge_range(0, 0, 0, columns as u16 - 1, title, &styles.title)?;
    sheet.set_row_height(0, title_height)?;
    if !line.is_empty() {
        write_fields(sheet, styles, 1, line)?;
        sheet.set_row_height(1, line_height)?;
    }
    Ok(())
}

/// Write label and value fields on one row.
pub(super) fn write_fields(sheet: &mut Worksheet, styles: &Styles, row: u32, fields: &[Field]) -> Result<()> {
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
pub(super) fn within_limit(text: &str) -> std::borrow::Cow<'_, str> {
    const NOTE: &str = "…（全文见系统）";
    // Excel counts UTF-16 units (a character beyond the BMP is two), each at least one byte: a
    // text of no more bytes than the limit fits.
    if text.len() <= CELL_LIMIT || text.encode_utf16().count() <= CELL_LIMIT {
        return std::borrow::Cow::Borrowed(text);
    }
    let room = CELL_LIMIT - NOTE.encode_utf16().count();
    let mut used = 0;
    let kept = text.chars().take_while(|c| {
        used += c.len_utf16();
        used <= room
    });
    std::borrow::Cow::Owned(kept.chain(NOTE.chars()).collect())
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
        let beyond_the_bmp = "𠀀".repeat(20_000);
        let cut = within_limit(&beyond_the_bmp);
        assert!(cut.encode_utf16().count() <= CELL_LIMIT, "Excel counts {} units", cut.encode_utf16().count());
        assert!(cut.ends_with("…（全文见系统）"));
    }
}
