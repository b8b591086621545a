//! How much room text takes on paper, from the measured font table (`font_metrics.rs`): widths
//! of characters, where Excel, WPS and LibreOffice break lines, and the height of a row.
//!
//! Every estimate errs towards more room: widths are the widest of the named fonts and their
//! substitutes, columns are as narrow as Excel draws them (LibreOffice draws them a little wider),
//! and a row gets a small margin on top of its lines. Heights are whole screen pixels (0.75 pt),
//! as Excel and LibreOffice round them anyway.

use super::font_metrics::{ASCII_ADVANCE, ASCII_ADVANCE_BOLD, DEFAULT_DIGIT, LINE_HEIGHT, WIDE_ADVANCE};
use std::ops::Range;

/// Excel's maximum row height in points.
pub const MAX_ROW_HEIGHT: f64 = 409.0;
/// Room above and below the lines of a cell, in points.
const CELL_PADDING: f64 = 4.0;
/// Room left and right of the text in a cell, in points (Excel's inset plus the border).
const CELL_INSET: f64 = 4.0;
/// Extra height on top of the measured lines: the fonts' hinting and rounding differ a little.
const HEIGHT_MARGIN: f64 = 0.03;

/// The weight of a text: body text, or bold headers and headings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Weight {
    /// Body text.
    Regular,
    /// Headers and headings.
    Bold,
}

/// A font size and weight.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Face {
    /// Size in points.
    pub size: f64,
    /// Weight.
    pub weight: Weight,
}

impl Face {
    /// Body text at `size` points.
    pub const fn regular(size: f64) -> Face {
        Face { size, weight: Weight::Regular }
    }
    /// Bold text at `size` points.
    pub const fn bold(size: f64) -> Face {
        Face { size, weight: Weight::Bold }
    }
}

/// Advance of `c` in thousandths of an em.
fn thousandths(c: char, weight: Weight) -> u32 {
    let code = c as u32;
    let table = if weight == Weight::Bold { &ASCII_ADVANCE_BOLD } else { &ASCII_ADVANCE };
    u32::from(if (0x20..=0x7E).contains(&code) { table[(code - 0x20) as usize] } else { WIDE_ADVANCE })
}

/// Advance of `c` in ems.
fn advance(c: char, weight: Weight) -> f64 {
    f64::from(thousandths(c, weight)) / 1000.0
}

/// Width of `text` on one line in `face`. Summed in whole thousandths: exact, and cheap enough
/// to measure every cell of a hundred-thousand-row report.
pub fn text_width(text: &str, face: Face) -> f64 {
    let total: u64 = text.chars().map(|c| u64::from(thousandths(c, face.weight))).sum();
    total as f64 / 1000.0 * face.size
}

/// Width in points that text may fill in a column `units` wide (Excel's width units), as Excel
/// draws it: `units × 7 + 5` pixels, less the cell's inset.
pub fn usable_width(units: f64) -> f64 {
    ((units * 7.0 + 5.0).trunc() * 0.75 - CELL_INSET).max(1.0)
}

/// Width in points a column `units` wide takes on paper at most: LibreOffice sizes columns by the
/// default font's digit (Carlito's, a little wider than Excel's pixels).
pub fn printed_width(units: f64) -> f64 {
    (units * 7.0 + 5.0).trunc() / 7.0 * f64::from(DEFAULT_DIGIT) / 1000.0 * 11.0
}

/// The narrowest column, in Excel units, that shows `text` on one line in `face`.
pub fn units_for(text: &str, face: Face) -> f64 {
    let points = text_width(text, face) + CELL_INSET + 1.0;
    ((points / 0.75 - 5.0) / 7.0).ceil().max(1.0)
}

/// Height in points of `lines` lines of text at `size` points, with the cell's padding and the
/// safety margin, rounded up to a whole pixel.
pub fn height_of_lines(lines: usize, size: f64) -> f64 {
    let text = lines.max(1) as f64 * f64::from(LINE_HEIGHT) / 1000.0 * size;
    whole_pixels(text * (1.0 + HEIGHT_MARGIN) + CELL_PADDING)
}

/// How many lines fit in a row `height` points high at `size` points.
pub fn lines_in(height: f64, size: f64) -> usize {
    let line = f64::from(LINE_HEIGHT) / 1000.0 * size * (1.0 + HEIGHT_MARGIN);
    (((height - CELL_PADDING) / line).floor().max(0.0)) as usize
}

/// `points` rounded up to a whole pixel (0.75 pt), as the spreadsheet programs store it. Not
/// capped: a text taller than [`MAX_ROW_HEIGHT`] is what makes a record continue over rows.
pub fn whole_pixels(points: f64) -> f64 {
    (points / 0.75 - 1e-9).ceil() * 0.75
}

/// Runs of spaces (also ideographic spaces and tabs) collapsed to one, for laying out plan text:
/// the table's 387 spaces in one cell are noise, not content.
pub fn collapse_spaces(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_run = false;
    for c in text.chars() {
        let blank = c == ' ' || c == '\t' || c == '\u{3000}';
        if blank && in_run {
            continue;
        }
        in_run = blank;
        out.push(if blank { ' ' } else { c });
    }
    out
}

/// The lines `text` wraps to in a column `width` points wide in `face`, as byte ranges of
/// `text`. A line ends where a paragraph ends (`\n`, which belongs to no line) or where the next
/// unbreakable piece would not fit: a CJK character with the punctuation that must stay with it,
/// or a run of Latin letters and digits.
pub fn wrap(text: &str, width: f64, face: Face) -> Vec<Range<usize>> {
    let mut lines = Vec::new();
    let mut start = 0;
    for paragraph in text.split('\n') {
        wrap_paragraph(paragraph, start, width, face, &mut lines);
        start += paragraph.len() + 1;
    }
    lines
}

fn wrap_paragraph(paragraph: &str, offset: usize, width: f64, face: Face, lines: &mut Vec<Range<usize>>) {
    // Most cells fit their column: measuring the whole is enough, and far cheaper than pieces.
    if text_width(paragraph, face) <= width {
        lines.push(offset..offset + paragraph.len());
        return;
    }
    let mut line_start = 0;
    let mut used = 0.0;
    for piece in pieces(paragraph) {
        let text = &paragraph[piece.clone()];
        let piece_width = text_width(text, face);
        let trailing_space = text.chars().all(|c| c == ' ');
        if used + piece_width <= width || trailing_space {
            used += piece_width;
            continue;
        }
        if used > 0.0 {
            lines.push(offset + line_start..offset + piece.start);
            line_start = piece.start;
            used = 0.0;
        }
        // A piece wider than the column is broken between characters.
        for (index, c) in text.char_indices() {
            let w = advance(c, face.weight) * face.size;
            if used + w > width && used > 0.0 {
                lines.push(offset + line_start..offset + piece.start + index);
                line_start = piece.start + index;
                used = 0.0;
            }
            used += w;
        }
    }
    lines.push(offset + line_start..offset + paragraph.len());
}

/// Unbreakable pieces of a paragraph, as byte ranges.
fn pieces(paragraph: &str) -> Vec<Range<usize>> {
    let mut pieces: Vec<Range<usize>> = Vec::new();
    let mut previous: Option<char> = None;
    for (index, c) in paragraph.char_indices() {
        let joins = previous.is_some_and(|p| !breakable_between(p, c));
        match pieces.last_mut() {
            Some(last) if joins => last.end = index + c.len_utf8(),
            _ => pieces.push(index..index + c.len_utf8()),
        }
        previous = Some(c);
    }
    pieces
}

/// May a line break fall between `before` and `after`?
fn breakable_between(before: char, after: char) -> bool {
    if closing(after) || opening(before) {
        return false;
    }
    if latin(before) && latin(after) {
        return false;
    }
    // Spaces are break opportunities after themselves; a run of them hangs at the line's end.
    !(before == ' ' && after == ' ')
}

/// Characters that may not start a line (they stay with the one before).
fn closing(c: char) -> bool {
    matches!(
        c,
        '，' | '。' | '、' | '；' | '：' | '？' | '！' | '）' | '」' | '』' | '】' | '》' | '〉' | '”' | '’' | '…' | '—' | '%' | '‰' | '·' | ',' | '.' | ';' | ':' | '?' | '!' | ')' | ']' | '}' | '％'
    )
}

/// Characters that may not end a line (they go with the one after).
fn opening(c: char) -> bool {
    matches!(c, '（' | '「' | '『' | '【' | '《' | '〈' | '“' | '‘' | '(' | '[' | '{')
}

/// Letters, digits and the signs inside codes, numbers and addresses: a run of them is one word.
fn latin(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-' | '/' | ':' | '@' | '#' | '&' | '+' | '*' | '=' | '~' | '\'' | '"')
}

#[cfg(test)]
mod tests {
    use super::*;

    const BODY: Face = Face::regular(10.5);

    #[test]
    fn cjk_text_wraps_by_characters_and_latin_runs_stay_whole() {
        let width = 10.5 * 5.0;
        let text = "加强农药包装废弃物回收处理";
        let lines = wrap(text, width, BODY);
        assert_eq!(lines.len(), 3, "thirteen CJK characters, five to a line");
        assert_eq!(lines.iter().map(|l| &text[l.clone()]).collect::<String>(), text, "lines cover the text");
        let code = wrap("任务13.4.2.2已完成", 10.5 * 6.0, BODY);
        assert!(code.iter().any(|l| "任务13.4.2.2已完成"[l.clone()].contains("13.4.2.2")), "a task code is never split: {code:?}");
        let closing = wrap("一二三四（配合）", 10.5 * 7.0, BODY);
        assert!(closing.iter().all(|l| !"一二三四（配合）"[l.clone()].starts_with('）')), "a closing bracket never starts a line");
        assert_eq!(wrap("第一行\n第二行", 100.0, BODY).len(), 2, "each paragraph starts a line");
        assert!(text_width("2017", Face::bold(10.5)) > text_width("2017", BODY), "bold digits are wider");
    }

    #[test]
    fn heights_are_whole_pixels_and_grow_with_lines() {
        let one = height_of_lines(1, 10.5);
        assert!((one / 0.75).fract().abs() < 1e-9, "{one} is whole pixels");
        assert!(height_of_lines(4, 10.5) > 3.5 * (one - CELL_PADDING), "four lines are about four times as high");
        assert_eq!(lines_in(height_of_lines(7, 10.5), 10.5), 7, "a row sized for seven lines holds seven");
        assert_eq!(collapse_spaces("甲    乙\t\t丙"), "甲 乙 丙");
    }
}
