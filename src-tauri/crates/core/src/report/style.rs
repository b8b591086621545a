//! House style of every workbook, declared once: fonts, cell formats, A4 landscape page setup,
//! and row heights computed from the text (Excel does not grow wrapped or merged rows itself).

use crate::error::Result;
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Worksheet};

/// Title font: 方正小标宋简体; charset GB2312 so that a PC without it substitutes a Chinese font.
pub const TITLE_FONT: &str = "方正小标宋简体";
/// Body font: 仿宋 (present on every Windows since Vista; Kylin/UOS substitute by charset).
pub const BODY_FONT: &str = "仿宋";
/// Heading font for table headers: 黑体.
pub const HEADER_FONT: &str = "黑体";
/// GB2312 charset: tells Excel, WPS and LibreOffice to fall back to a Chinese font.
const CHARSET_GB2312: u8 = 134;
/// Body text size (五号).
pub const BODY_PT: f64 = 10.5;
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
}

impl Styles {
    /// The formats, declared once per workbook.
    pub fn new() -> Styles {
        let body = Format::new().set_font_name(BODY_FONT).set_font_charset(CHARSET_GB2312).set_font_size(BODY_PT);
        let boxed = body.clone().set_border(FormatBorder::Thin).set_text_wrap().set_align(FormatAlign::VerticalCenter);
        Styles {
            title: Format::new()
                .set_font_name(TITLE_FONT)
                .set_font_charset(CHARSET_GB2312)
                .set_font_size(18)
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter)
                .set_text_wrap(),
            line: body.clone().set_font_size(11).set_align(FormatAlign::VerticalCenter),
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
            cell: boxed.clone().set_align(FormatAlign::Top),
            centred: boxed.clone().set_align(FormatAlign::Center),
            input: boxed.clone().set_align(FormatAlign::Top).set_unlocked(),
            input_centred: boxed.clone().set_align(FormatAlign::Center).set_unlocked(),
            number: boxed.clone().set_align(FormatAlign::Center).set_num_format("0"),
            input_number: boxed.set_align(FormatAlign::Center).set_num_format("General").set_unlocked(),
            label: body.clone().set_font_size(11).set_align(FormatAlign::Right).set_align(FormatAlign::VerticalCenter),
            field: body.set_font_size(11).set_align(FormatAlign::VerticalCenter).set_border_bottom(FormatBorder::Thin).set_unlocked(),
        }
    }
}

/// A4 landscape, one page wide, header rows repeated, page numbers, margins of a printed form.
pub fn page_setup(sheet: &mut Worksheet, header_first: u32, header_last: u32) -> Result<()> {
    sheet.set_paper_size(PAPER_A4);
    sheet.set_landscape();
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_print_center_horizontally(true);
    sheet.set_margins(0.55, 0.55, 0.7, 0.75, 0.3, 0.35);
    sheet.set_footer("&C&\"仿宋\"&10第 &P 页 共 &N 页");
    sheet.set_repeat_rows(header_first, header_last)?;
    sheet.set_freeze_panes(header_last + 1, 0)?;
    Ok(())
}

/// Width of `text` in Excel column units: CJK characters take two, others one.
pub fn text_units(text: &str) -> f64 {
    text.chars().map(|c| if c.is_ascii() { 1.05 } else { 2.0 }).sum()
}

/// Lines `text` wraps to in a column `width` units wide.
pub fn wrapped_lines(text: &str, width: f64) -> u32 {
    let usable = (width - 1.2).max(1.0);
    text.split('\n').map(|paragraph| ((text_units(paragraph) / usable).ceil() as u32).max(1)).sum()
}

/// Row height in points for `lines` lines of body text.
pub fn height_for(lines: u32) -> f64 {
    (f64::from(lines) * BODY_PT * 1.36 + 6.0).min(409.0)
}

/// Text that begins like a formula is still written as a string: rust_xlsxwriter's
/// `write_string` never interprets it, so this only strips control characters Excel refuses.
pub fn safe_text(text: &str) -> String {
    text.chars().filter(|c| !c.is_control() || *c == '\n' || *c == '\t').collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn row_heights_grow_with_wrapped_text() {
        assert_eq!(wrapped_lines("农膜回收", 10.0), 1, "four CJK characters fit in 10 units");
        assert_eq!(wrapped_lines("加强农药包装废弃物回收处理", 10.0), 3, "thirteen CJK characters wrap to three lines");
        assert_eq!(wrapped_lines("第一行\n第二行", 40.0), 2, "each paragraph starts a line");
        assert!(height_for(4) > height_for(1) * 3.0, "four lines are about four times as high");
        assert_eq!(safe_text("=SUM(A1)\u{0}"), "=SUM(A1)", "formula-like text is kept, control characters dropped");
    }
}
