//! Writing one sheet's part of a laid-out table: column widths and the hidden code column, the
//! header, the rows and merged cells of its pages, and its page setup — its page breaks, its
//! pages numbered on from the sheet before, the whole table's page count in the footer.

use super::flow::{Entry, Laid, Merge};
use super::layout::{Column, CODE_COLUMN};
use super::measure::MAX_ROW_HEIGHT;
use super::split::SheetPart;
use super::style::{page_setup, PageSetup, Styles};
use super::table::{write_fields, within_limit, Field, Written};
use crate::error::Result;
use rust_xlsxwriter::Worksheet;

/// What every part of one table is written from.
pub struct PartWriter<'t> {
    pub styles: &'t Styles,
    pub columns: &'t [Column],
    pub entries: &'t [Entry],
    pub laid: &'t Laid,
    pub widths: &'t [f64],
    pub setup: &'t PageSetup,
    pub header_height: f64,
    /// Fields below the table (the trailer's row).
    pub below: &'t [Field],
}

impl PartWriter<'_> {
    /// Write `part` on `sheet` under a header at `header_row`; where its records are.
    pub fn write(&self, sheet: &mut Worksheet, header_row: u32, part: &SheetPart) -> Result<Written> {
        self.write_header(sheet, header_row)?;
        let base = header_row + 1;
        self.write_rows(sheet, base, part)?;
        let breaks: Vec<u32> = self.laid.page_starts.iter().filter(|r| (part.first + 1..part.end).contains(*r)).map(|r| base + (r - part.first) as u32).collect();
        page_setup(sheet, header_row, self.setup, self.laid.pages(), &breaks)?;
        sheet.set_print_first_page_number(u16::try_from(part.first_page).unwrap_or(u16::MAX));
        // The table is what prints: not the hidden code column, not a chart beside it.
        let rows = (part.end - part.first).max(1) as u32;
        sheet.set_print_area(0, 0, base + rows - 1, self.columns.len() as u16 - 1)?;
        let records: Vec<u32> = (part.first..part.end).filter(|i| matches!(self.entries[self.laid.rows[*i].entry], Entry::Record(_))).map(|i| base + (i - part.first) as u32).collect();
        let first_data_row = records.first().copied().unwrap_or(base);
        Ok(Written { first_data_row, last_data_row: records.last().copied().unwrap_or(first_data_row) })
    }

    fn write_header(&self, sheet: &mut Worksheet, row: u32) -> Result<()> {
        for (index, width) in self.widths.iter().enumerate() {
            sheet.set_column_width(index as u16, *width)?;
        }
        let code_column = self.columns.len() as u16;
        sheet.set_column_width(code_column, CODE_COLUMN.width)?;
        sheet.set_column_hidden(code_column)?;
        for (index, column) in self.columns.iter().enumerate() {
            sheet.write_string_with_format(row, index as u16, column.header, &self.styles.header)?;
        }
        sheet.write_string_with_format(row, code_column, CODE_COLUMN.header, &self.styles.header)?;
        sheet.set_row_height(row, self.header_height)?;
        Ok(())
    }

    /// The rows in order, each row's merged cells with it: the sheet is written row by row
    /// (rust_xlsxwriter's low-memory mode writes a row out when the next one begins), a merge
    /// from its first row on.
    fn write_rows(&self, sheet: &mut Worksheet, base: u32, part: &SheetPart) -> Result<()> {
        let last_column = self.columns.len() as u16 - 1;
        let mut merges: Vec<&Merge> = self.laid.merges.iter().filter(|m| (part.first..part.end).contains(&m.first)).collect();
        merges.sort_by_key(|m| (m.first, m.column));
        let mut merges = merges.into_iter().peekable();
        for index in part.first..part.end {
            let row = &self.laid.rows[index];
            let at = base + (index - part.first) as u32;
            sheet.set_row_height(at, row.height.min(MAX_ROW_HEIGHT))?;
            while let Some(merge) = merges.next_if(|m| m.first == index) {
                self.write_merge(sheet, base, part, merge)?;
            }
            match &self.entries[row.entry] {
                Entry::Heading(text) => {
                    sheet.merge_range(at, 0, at, last_column, &within_limit(text), &self.styles.group)?;
                }
                Entry::Trailer(_) => {
                    write_fields(sheet, self.styles, at, self.below)?;
                }
                Entry::Record(record) => {
                    for (c, column) in self.columns.iter().enumerate() {
                        let shared = record.spans.get(c).is_some_and(Option::is_some);
                        if column.centred || shared {
                            continue;
                        }
                        let format = self.styles.flowing(column.input, row.opens, row.closes);
                        let text = row.part(c, &record.cells[c]);
                        if text.is_empty() {
                            sheet.write_blank(at, c as u16, format)?;
                        } else {
                            sheet.write_string_with_format(at, c as u16, within_limit(text).as_ref(), format)?;
                        }
                    }
                    sheet.write_string(at, self.columns.len() as u16, &record.code)?;
                }
            }
        }
        Ok(())
    }

    /// A merged cell (a merge never crosses a page start, so never a sheet's end): a non-flowing
    /// cell over its record's rows, or a cell shared by records.
    fn write_merge(&self, sheet: &mut Worksheet, base: u32, part: &SheetPart, merge: &Merge) -> Result<()> {
        let Entry::Record(record) = &self.entries[merge.entry] else { return Ok(()) };
        let column = &self.columns[merge.column];
        let text = within_limit(&record.cells[merge.column]);
        let format = self.styles.cell_format(column);
        let (first, last, c) = (base + (merge.first - part.first) as u32, base + (merge.last - part.first) as u32, merge.column as u16);
        if last > first {
            sheet.merge_range(first, c, last, c, &text, format)?;
        }
        // The merge wrote the text; a number or a blank is written into its first cell.
        match text.parse::<f64>() {
            Ok(number) if column.numeric => {
                sheet.write_number_with_format(first, c, number, format)?;
            }
            _ if text.is_empty() => {
                sheet.write_blank(first, c, format)?;
            }
            _ if last == first => {
                sheet.write_string_with_format(first, c, text.as_ref(), format)?;
            }
            _ => {}
        }
        Ok(())
    }
}
