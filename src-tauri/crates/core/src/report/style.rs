//! House style of every workbook, declared once: fonts, cell formats (with the border variants of
//! a text that continues over rows), and the A4 landscape page setup at a computed scale.

use crate::error::Result;
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Worksheet};

/// Title font: 方正小标宋简体, the title face of official documents; charset GB2312 so that a PC
/// without it substitutes a Chinese font.
pub const TITLE_FONT: &str = "方正小标宋简体";
/// Body font: 仿宋_GB2312, the body face of official documents (a PC without it substitutes by
/// charset; row heights allow for the substitutes, see `measure.rs`).
pub const BODY_FONT: &str = "仿宋_GB2312";
/// Heading font for table headers: 黑体.
pub const HEADER_FONT: &str = "黑体";
/// GB2312 charset: tells Excel, WPS and LibreOffice to fall back to a Chinese font.
const CHARSET_GB2312: u8 = 134;
/// Body text size (五号).
pub const BODY_PT: f64 = 10.5;
/// Size of the lines above and below a table (填报单位, signatures).
pub const LINE_PT: f64 = 11.0;
/// Title size (小二).
pub const TITLE_PT: f64 = 18.0;
/// A4 in Excel's paper codes.
const PAPER_A4: u8 = 9;

/// The formats of a workbook.
pub struct Styles {
    /// The sheet title.
    pub title: Format,
    /// The 填报单位/填报日期 line and the signature line.
    pub line: Format,
    /// Column headers.
    pub header: Format,
    /// Article and clause heading rows.
    pub group: Format,
    /// Locked body text.
    pub cell: Format,
    /// Locked body text, centred (codes, short words).
    pub centred: Format,
    /// Unlocked body text: where a department fills in.
    pub input: Format,
    /// Unlocked, centred (status).
    pub input_centred: Format,
    /// Numbers.
    pub number: Format,
    /// Unlocked numbers a department fills in (完成进度, 本期实际值).
    pub input_number: Format,
    /// A label below the table (填报人：), right-aligned, no border.
    pub label: Format,
    /// A value below the table a department fills in: unlocked, underlined.
    pub field: Format,
    /// Body text continuing over rows, by (opens, closes): the border between parts left out.
    flowing_cell: [Format; 4],
    /// The same, unlocked.
    flowing_input: [Format; 4],
}

impl Styles {
    /// The formats, declared once per workbook.
    pub fn new() -> Styles {
        let body = Format::new().set_font_name(BODY_FONT).set_font_charset(CHARSET_GB2312).set_font_size(BODY_PT);
        let boxed = body.clone().set_border(FormatBorder::Thin).set_text_wrap().set_align(FormatAlign::VerticalCenter);
        let cell = boxed.clone().set_align(FormatAlign::Top);
        let input = cell.clone().set_unlocked();
        Styles {
            flowing_cell: open_variants(&cell),
            flowing_input: open_variants(&input),
            title: Format::new()
                .set_font_name(TITLE_FONT)
                .set_font_charset(CHARSET_GB2312)
                .set_font_size(TITLE_PT)
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter)
                .set_text_wrap(),
            line: body.clone().set_font_size(LINE_PT).set_align(FormatAlign::VerticalCenter),
            header: Format::new()
                .set_font_name(HEADER_FONT)
                .set_font_charset(CHARSET_GB2312)
                .set_font_size(BODY_PT)
                .set_bold()
                .set_border(FormatBorder::Thin)
                .set_text_wrap()
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter)
                .set_background_color("#D9E1F2"),
            group: boxed.clone().set_bold().set_background_color("#F2F2F2"),
            cell,
            centred: boxed.clone().set_align(FormatAlign::Center),
            input,
            input_centred: boxed.clone().set_align(FormatAlign::Center).set_unlocked(),
            number: boxed.clone().set_align(FormatAlign::Center).set_num_format("0"),
            input_number: boxed.set_align(FormatAlign::Center).set_num_format("General").set_unlocked(),
            label: body.clone().set_font_size(LINE_PT).set_align(FormatAlign::Right).set_align(FormatAlign::VerticalCenter),
            field: body.set_font_size(LINE_PT).set_align(FormatAlign::VerticalCenter).set_border_bottom(FormatBorder::Thin).set_unlocked(),
        }
    }
}

impl Styles {
    /// The format of a text cell that may continue over rows: without the top border unless it
    /// `opens` (its first part, or the first on a page), without the bottom one unless it `closes`.
    pub fn flowing(&self, input: bool, opens: bool, closes: bool) -> &Format {
        let variants = if input { &self.flowing_input } else { &self.flowing_cell };
        &variants[usize::from(opens) * 2 + usize::from(closes)]
    }

    /// The format of a whole (merged or single) cell of `column`.
    pub fn cell_format(&self, column: &super::layout::Column) -> &Format {
        match (column.input, column.centred, column.numeric) {
            (true, _, true) => &self.input_number,
            (false, _, true) => &self.number,
            (true, true, false) => &self.input_centred,
            (true, false, false) => &self.input,
            (false, true, false) => &self.centred,
            (false, false, false) => &self.cell,
        }
    }
}

/// Sheet protection of a sheet to fill in: no password (a guard against accidental edits of
/// the structure), unlocked cells editable, rows and columns resizable so a clerk can make room
/// for what they write.
pub fn fill_in_protection() -> rust_xlsxwriter::ProtectionOptions {
    rust_xlsxwriter::ProtectionOptions { format_rows: true, format_columns: true, ..Default::default() }
}

/// `format` without top and/or bottom border: [neither, bottom only, top only, both].
fn open_variants(format: &Format) -> [Format; 4] {
    let without = |top: bool, bottom: bool| {
        let mut f = format.clone();
        if !top {
            f = f.set_border_top(FormatBorder::None);
        }
        if !bottom {
            f = f.set_border_bottom(FormatBorder::None);
        }
        f
    };
    [without(false, false), without(false, true), without(true, false), without(true, true)]
}

/// The page of a sheet: A4 landscape with a printed form's margins (inches), at a scale that fits
/// the table's width on the page as every program prints it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PageSetup {
    /// Print scale in percent.
    pub scale: u16,
}

/// A4 in points, landscape.
const PAGE_WIDTH: f64 = 841.89;
const PAGE_HEIGHT: f64 = 595.28;
const MARGIN_SIDES: f64 = 0.55;
const MARGIN_TOP: f64 = 0.7;
const MARGIN_BOTTOM: f64 = 0.75;
/// Room kept free at a page's foot, in points of paper: LibreOffice's body area is a point or
/// two shorter than the margins say (its header and footer areas are rounded), and programs
/// round row heights.
const PAGE_SLACK: f64 = 6.0;

impl PageSetup {
    /// The scale at which columns `printed` points wide fit across the page.
    pub fn for_widths(printed: &[f64]) -> PageSetup {
        let table: f64 = printed.iter().sum::<f64>() + 2.0;
        let room = PAGE_WIDTH - 2.0 * 72.0 * MARGIN_SIDES;
        PageSetup { scale: ((room / table * 100.0).floor() as u16).clamp(10, 100) }
    }

    /// Height for rows on a page, in the sheet's points (before scaling).
    pub fn page_height(&self) -> f64 {
        (PAGE_HEIGHT - 72.0 * (MARGIN_TOP + MARGIN_BOTTOM) - PAGE_SLACK) * 100.0 / f64::from(self.scale)
    }
}

/// A4 landscape at `setup`'s scale, header row repeated, manual page `breaks` where the layout put
/// them, and a footer counting this sheet's own pages (第 2 页 共 5 页).
pub fn page_setup(sheet: &mut Worksheet, header_row: u32, setup: &PageSetup, pages: usize, breaks: &[u32]) -> Result<()> {
    sheet.set_paper_size(PAPER_A4);
    sheet.set_landscape();
    sheet.set_print_scale(setup.scale);
    sheet.set_print_center_horizontally(true);
    sheet.set_margins(MARGIN_SIDES, MARGIN_SIDES, MARGIN_TOP, MARGIN_BOTTOM, 0.3, 0.35);
    sheet.set_print_first_page_number(1);
    sheet.set_footer(format!("&C&\"{BODY_FONT}\"&10第 &P 页 共 {pages} 页"));
    sheet.set_repeat_rows(header_row, header_row)?;
    sheet.set_freeze_panes(header_row + 1, 0)?;
    if !breaks.is_empty() {
        sheet.set_page_breaks(breaks)?;
    }
    Ok(())
}

/// Text that begins like a formula is still written as a string: rust_xlsxwriter's
/// `write_string` never interprets it, so this only strips control characters Excel refuses.
pub fn safe_text(text: &str) -> String {
    // Nearly every text has none: copied whole rather than character by character.
    if !text.chars().any(dropped) {
        return text.to_string();
    }
    text.chars().filter(|c| !dropped(*c)).collect()
}

/// A plan text as a printed cell shows it: control characters dropped, runs of spaces collapsed.
/// The plan package's digest of its visible sheet reads the text the same way.
pub fn printed_text(text: &str) -> String {
    super::measure::collapsed(safe_text(text))
}

/// A control character a cell does not keep (line breaks and tabs it does).
fn dropped(c: char) -> bool {
    c.is_control() && c != '\n' && c != '\t'
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_dropped_and_formulas_kept_as_text() {
        assert_eq!(safe_text("=SUM(A1)\u{0}"), "=SUM(A1)", "formula-like text is kept, control characters dropped");
    }

    #[test]
    fn the_scale_fits_the_table_across_the_page() {
        let narrow = PageSetup::for_widths(&[300.0, 300.0]);
        assert_eq!(narrow.scale, 100, "a table narrower than the page prints at full size");
        let wide = PageSetup::for_widths(&[800.0, 800.0]);
        assert!(f64::from(wide.scale) / 100.0 * 1602.0 <= PAGE_WIDTH - 2.0 * 72.0 * MARGIN_SIDES, "scaled down to fit");
        assert!(wide.page_height() > narrow.page_height(), "a smaller scale holds more rows a page");
    }
}
