//! Values read from a returned sheet, checked as the app's progress form checks them: status
//! words (surrounding spaces and punctuation forgiven, nothing looser), 完成进度 0–100 as a
//! number, `60`, `60%` or a percentage cell, text limits, target values as numbers.

use super::workbook::RawCell;
use crate::progress::MAX_TEXT_CHARS;
use crate::status::Status;
use calamine::Data;

/// Why a cell's value is refused (the caller adds file, sheet, row and column).
pub type Refused = String;

/// Characters forgiven around a status word: spaces and the punctuation a clerk types.
fn is_padding(c: char) -> bool {
    c.is_whitespace() || c.is_ascii_punctuation() || "，。；：、！？“”‘’（）【】《》〈〉「」『』…—·～　".contains(c)
}

/// The text of a cell: strings as written (line breaks normalised), numbers and dates as shown.
pub fn text(cell: &RawCell) -> Result<String, Refused> {
    checked(raw_text(cell)?)
}

/// A cell's text exactly as written (a part of a text continued over rows keeps its line
/// breaks and spaces at either end).
pub fn raw_text(cell: &RawCell) -> Result<String, Refused> {
    Ok(match &cell.value {
        Data::Empty => String::new(),
        Data::String(s) => s.replace("\r\n", "\n").replace('\r', "\n"),
        Data::Float(f) => format_number(*f),
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => if *b { "是" } else { "否" }.to_string(),
        Data::DateTime(d) => d.as_datetime().map_or_else(|| d.as_f64().to_string(), |t| t.date().to_string()),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => return Err(format!("单元格是错误值 {e}")),
    })
}

/// A text trimmed and within the length limit.
pub fn checked(text: String) -> Result<String, Refused> {
    let text = text.trim().to_string();
    let count = text.chars().count();
    if count > MAX_TEXT_CHARS {
        return Err(format!("内容有 {count} 个字，超过了 {MAX_TEXT_CHARS} 字的上限"));
    }
    Ok(text)
}

/// A status word, or `None` for an empty cell.
pub fn status(cell: &RawCell) -> Result<Option<Status>, Refused> {
    let written = text(cell)?;
    let word = written.trim_matches(is_padding);
    if word.is_empty() {
        return Ok(None);
    }
    Status::reportable(word).map(Some).ok_or_else(|| format!("完成状态“{written}”无效，应为：{}", Status::choices()))
}

/// 完成进度 as a whole percent, or `None` for an empty cell.
pub fn percent(cell: &RawCell) -> Result<Option<i64>, Refused> {
    let Some(value) = number(cell, true)? else { return Ok(None) };
    let rounded = value.round();
    if !(0.0..=100.0).contains(&rounded) {
        return Err(format!("完成进度应在 0–100 之间，填写的是 {}", format_number(value)));
    }
    Ok(Some(rounded as i64))
}

/// A number: a numeric cell (a percentage cell counts in percent when `in_percent`), or text
/// such as `85`, `85%`, `1,200`. `None` for an empty cell.
pub fn number(cell: &RawCell, in_percent: bool) -> Result<Option<f64>, Refused> {
    let value = match &cell.value {
        Data::Empty => return Ok(None),
        Data::Float(f) if cell.percent_format && in_percent => f * 100.0,
        Data::Float(f) => *f,
        Data::Int(i) if cell.percent_format && in_percent => *i as f64 * 100.0,
        Data::Int(i) => *i as f64,
        Data::String(s) => return parse_number_text(s),
        Data::DateTime(_) | Data::DateTimeIso(_) | Data::DurationIso(_) => return Err("应为数字，填写的是日期或时间".into()),
        Data::Bool(_) => return Err("应为数字，填写的是逻辑值".into()),
        Data::Error(e) => return Err(format!("单元格是错误值 {e}")),
    };
    if value.is_finite() {
        Ok(Some(value))
    } else {
        Err("应为数字".into())
    }
}

/// `85`, `85%`, `1,200`: the % sign is the unit the column asks for, so it is dropped.
fn parse_number_text(written: &str) -> Result<Option<f64>, Refused> {
    let trimmed = written.trim_matches(|c: char| c.is_whitespace() || c == '　');
    if trimmed.is_empty() {
        return Ok(None);
    }
    let without_sign = trimmed.strip_suffix('%').or_else(|| trimmed.strip_suffix('％')).map(str::trim_end);
    let digits: String = without_sign.unwrap_or(trimmed).chars().filter(|c| *c != ',').collect();
    match digits.parse::<f64>().ok().filter(|v| v.is_finite()) {
        Some(value) => Ok(Some(value)),
        None => Err(format!("应为数字，填写的是“{}”", shorten(trimmed))),
    }
}

/// A number as Excel shows it in a General cell: `60`, `2.5`.
pub fn format_number(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{}", value as i64)
    } else {
        format!("{value}")
    }
}

/// At most 20 characters of a value, for messages.
pub fn shorten(text: &str) -> String {
    let mut short: String = text.chars().take(20).collect();
    if text.chars().count() > 20 {
        short.push('…');
    }
    short
}

/// Check a phone number as the progress form does.
pub fn phone(written: &str) -> Result<String, Refused> {
    let phone = written.trim();
    if !crate::profile::phone_is_valid(phone) {
        return Err(format!("联系电话“{}”格式不对", shorten(phone)));
    }
    Ok(phone.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(value: Data, percent_format: bool) -> RawCell {
        RawCell { value, formula: None, percent_format }
    }

    #[test]
    fn statuses_forgive_spaces_and_punctuation_only() {
        for written in ["已完成", " 已完成 ", "已完成。", "【滞后】", "　序时推进　"] {
            assert!(status(&cell(Data::String(written.into()), false)).is_ok_and(|s| s.is_some()), "{written:?} is accepted");
        }
        for written in ["完成", "已 完成", "done", "已完成了"] {
            assert!(status(&cell(Data::String(written.into()), false)).is_err(), "{written:?} is refused");
        }
        assert_eq!(status(&cell(Data::Empty, false)), Ok(None), "an empty cell has no status");
    }

    #[test]
    fn percents_in_every_form_a_clerk_types() {
        let read = |value, pct| percent(&cell(value, pct));
        assert_eq!(read(Data::Float(60.0), false), Ok(Some(60)), "a number");
        assert_eq!(read(Data::String("60%".into()), false), Ok(Some(60)), "text with %");
        assert_eq!(read(Data::String(" 60 ".into()), false), Ok(Some(60)), "text");
        assert_eq!(read(Data::Float(0.6), true), Ok(Some(60)), "a percentage cell");
        assert!(read(Data::Float(120.0), false).is_err(), "over 100");
        assert!(read(Data::Float(-1.0), false).is_err(), "negative");
        assert!(read(Data::String("六十".into()), false).is_err(), "words");
        assert!(read(Data::String("2026-11-30".into()), false).is_err(), "a date typed as text");
    }
}
