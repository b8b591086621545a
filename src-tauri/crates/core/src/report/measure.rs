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
    collapsed(text.to_string())
}

/// [`collapse_spaces`] of an owned text: the same text when it has nothing to collapse, as nearly
/// every text has not.
pub fn collapsed(text: String) -> String {
    if !text.contains(['\t', '\u{3000}']) && !text.contains("  ") {
        return text;
    }
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
    wrap_into(text, width, face, &mut lines);
    lines
}

/// [`wrap`] into `lines` (cleared first): measuring many cells reuses one buffer.
pub fn wrap_into(text: &str, width: f64, face: Face, lines: &mut Vec<Range<usize>>) {
    lines.clear();
    let mut start = 0;
    for paragraph in text.split('\n') {
        wrap_paragraph(paragraph, start, width, face, lines);
        start += paragraph.len() + 1;
    }
}

fn wrap_paragraph(paragraph: &str, offset: usize, width: f64, face: Face, lines: &mut Vec<Range<usize>>) {
    // Most cells fit their column: measuring the whole is enough, and far cheaper than pieces. A
    // text too long to fit whatever its characters (each at least a byte and half an em) skips it.
    let surely_wider = (paragraph.len() / 4) as f64 * 0.5 * face.size > width;
    if !surely_wider && text_width(paragraph, face) <= width {
        lines.push(offset..offset + paragraph.len());
        return;
    }
    // One pass over the characters: each unbreakable piece is placed as soon as it ends.
    let mut line = LineFill { paragraph, offset, width, face, start: 0, used: 0.0, lines };
    let (mut piece_start, mut piece_width, mut piece_blank) = (0, 0_u64, true);
    let mut previous: Option<char> = None;
    for (index, c) in paragraph.char_indices() {
        if previous.is_some_and(|p| breakable_between(p, c)) {
            line.place(piece_start..index, piece_width, piece_blank);
            (piece_start, piece_width, piece_blank) = (index, 0, true);
        }
        piece_width += u64::from(thousandths(c, face.weight));
        piece_blank &= c == ' ';
        previous = Some(c);
    }
    line.place(piece_start..paragraph.len(), piece_width, piece_blank);
    line.lines.push(offset + line.start..offset + paragraph.len());
}

/// The line being filled while a paragraph is wrapped.
struct LineFill<'a> {
    paragraph: &'a str,
    offset: usize,
    width: f64,
    face: Face,
    /// Where the line starts in the paragraph.
    start: usize,
    /// Width taken so far.
    used: f64,
    lines: &'a mut Vec<Range<usize>>,
}

impl LineFill<'_> {
    /// Place an unbreakable piece (its width in thousandths of an em): on this line, else on the
    /// next, broken between characters when it is wider than the column. Spaces hang at a line's end.
    fn place(&mut self, piece: Range<usize>, thousandths_wide: u64, blank: bool) {
        let piece_width = thousandths_wide as f64 / 1000.0 * self.face.size;
        if self.used + piece_width <= self.width || blank {
            self.used += piece_width;
            return;
        }
        if self.used > 0.0 {
            self.lines.push(self.offset + self.start..self.offset + piece.start);
            self.start = piece.start;
            self.used = 0.0;
        }
        // Measured character by character, as it is broken when wider than the column.
        for (index, c) in self.paragraph[piece.clone()].char_indices() {
            let w = advance(c, self.face.weight) * self.face.size;
            if self.used + w > self.width && self.used > 0.0 {
                self.lines.push(self.offset + self.start..self.offset + piece.start + index);
                self.start = piece.start + index;
                self.used = 0.0;
            }
            self.used += w;
        }
    }
}

/// May a line break fall between `before` and `after`?
fn breakable_between(before: char, after: char) -> bool {
    // Between two ideographs, nearly every place in a Chinese text, a line may always break.
    if ideograph(before) && ideograph(after) {
        return true;
    }
    if closing(after) || opening(before) {
        return false;
    }
    if latin(before) && latin(after) {
        return false;
    }
    // Spaces are break opportunities after themselves; a run of them hangs at the line's end.
    !(before == ' ' && after == ' ')
}

/// A CJK unified ideograph: no rule of [`breakable_between`] keeps it with its neighbour.
fn ideograph(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c)
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

    proptest::proptest! {
        /// Lines follow each other through the text, never across a paragraph's end, and each
        /// line of more than one character fits the column (spaces hang at its end).
        #[test]
        fn wrapped_lines_cover_the_text_and_fit_the_column(text in "[一二三，。（）《ab1. \n]{0,80}", width in 4.0f64..120.0) {
            let lines = wrap(&text, width, BODY);
            let mut at = 0;
            for line in &lines {
                proptest::prop_assert!(line.start >= at && line.end >= line.start, "{lines:?} in order");
                proptest::prop_assert!(text[at..line.start].chars().all(|c| c == '\n'), "nothing skipped before {line:?}");
                proptest::prop_assert!(!text[line.clone()].contains('\n'), "{line:?} within a paragraph");
                let shown = text[line.clone()].trim_end_matches(' ');
                proptest::prop_assert!(shown.chars().count() < 2 || text_width(shown, BODY) <= width + 1e-9, "{shown:?} fits {width}");
                at = line.end;
            }
            proptest::prop_assert!(text[at..].chars().all(|c| c == '\n'), "the text's end reached");
            proptest::prop_assert_eq!(lines.len(), text.split('\n').map(|p| wrap(p, width, BODY).len()).sum::<usize>(), "paragraphs wrap alone");
        }
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
