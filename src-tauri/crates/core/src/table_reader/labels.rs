//! Numbering as written at the start of a cell: 条 "一、", 款 "（一）", 小项 "1、".

use regex::Regex;
use std::sync::LazyLock;

static ARTICLE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^([一二三四五六七八九十百千零〇两]+)\s*[、.．]\s*").expect("valid article label regex"));
static CLAUSE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[（(]\s*([一二三四五六七八九十百千零〇两]+)\s*[）)]\s*").expect("valid clause label regex")
});
static SUBITEM: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^(\d{1,3})\s*[、.．]\s*").expect("valid sub-item label regex"));

/// A label split off the start of a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Labelled<'a> {
    /// The label as written, with its punctuation and without trailing spaces: "（一 ）".
    pub label: &'a str,
    /// The number it stands for, if it could be read.
    pub number: Option<u32>,
    /// The rest of the text.
    pub rest: &'a str,
}

/// Split "一、实施…" into "一、" and the title.
pub fn article(text: &str) -> Labelled<'_> {
    split(&ARTICLE, text, chinese_number)
}

/// Split "（一）采用…" into "（一）" and the title.
pub fn clause(text: &str) -> Labelled<'_> {
    split(&CLAUSE, text, chinese_number)
}

/// Split "1、加大…" into "1、" and the text.
pub fn subitem(text: &str) -> Labelled<'_> {
    split(&SUBITEM, text, |digits| digits.parse().ok())
}

fn split<'a>(pattern: &Regex, text: &'a str, number: impl Fn(&str) -> Option<u32>) -> Labelled<'a> {
    match pattern.captures(text) {
        Some(caps) => {
            let whole = caps.get(0).map_or("", |m| m.as_str());
            Labelled {
                label: whole.trim_end(),
                number: caps.get(1).and_then(|m| number(m.as_str())),
                rest: &text[whole.len()..],
            }
        }
        None => Labelled { label: "", number: None, rest: text },
    }
}

/// 一 → 1, 十三 → 13, 二十一 → 21, 一百零五 → 105, 一千三百 → 1300; `None` for anything else.
pub fn chinese_number(text: &str) -> Option<u32> {
    let digit = |c: char| "零一二三四五六七八九".find(c).map(|byte| (byte / '零'.len_utf8()) as u32).or((c == '〇').then_some(0)).or((c == '两').then_some(2));
    let mut total = 0;
    let mut pending: Option<u32> = None;
    for c in text.chars() {
        let unit = match c {
            '千' => 1000,
            '百' => 100,
            '十' => 10,
            _ => {
                if pending.is_some_and(|p| p > 0) {
                    return None;
                }
                pending = Some(digit(c)?);
                continue;
            }
        };
        total += pending.take().filter(|p| *p > 0).unwrap_or(1) * unit;
    }
    let total = total + pending.unwrap_or(0);
    (total > 0).then_some(total)
}

/// 13 → 十三, 105 → 一百零五, 1300 → 一千三百: article and clause numbers as written.
pub fn chinese_numeral(n: u32) -> String {
    const DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    const UNITS: [(u32, &str); 3] = [(1000, "千"), (100, "百"), (10, "十")];
    if n < 10 {
        return DIGITS[n as usize].to_string();
    }
    if (10..20).contains(&n) {
        return format!("十{}", if n == 10 { "" } else { DIGITS[(n % 10) as usize] });
    }
    if n >= 10_000 {
        return n.to_string();
    }
    let mut written = String::new();
    let mut rest = n;
    let mut gap = false;
    for (unit, name) in UNITS {
        let d = rest / unit;
        rest %= unit;
        if d > 0 {
            if gap {
                written.push('零');
            }
            written.push_str(DIGITS[d as usize]);
            written.push_str(name);
            gap = false;
        } else if !written.is_empty() && rest > 0 {
            gap = true;
        }
    }
    if rest > 0 {
        if gap {
            written.push('零');
        }
        written.push_str(DIGITS[rest as usize]);
    }
    written
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_numbers_read_both_ways() {
        let written = [("一", 1), ("十", 10), ("十三", 13), ("十九", 19), ("二十一", 21), ("一百", 100), ("一百零五", 105), ("一百一十", 110), ("一千零一", 1001), ("一千三百", 1300), ("九千九百九十九", 9999)];
        for (text, n) in written {
            assert_eq!(chinese_number(text), Some(n), "{text} reads as {n}");
            assert_eq!(chinese_numeral(n), text, "{n} writes as {text}");
        }
        for n in 1..=1400 {
            assert_eq!(chinese_number(&chinese_numeral(n)), Some(n), "{n} round-trips");
        }
        assert_eq!(chinese_number("一二"), None, "two digits in a row are no number");
    }

    #[test]
    fn labels_are_kept_as_written() {
        assert_eq!(clause("（一 ）划定类别"), Labelled { label: "（一 ）", number: Some(1), rest: "划定类别" }, "space inside kept");
        assert_eq!(article("十四、加强考核"), Labelled { label: "十四、", number: Some(14), rest: "加强考核" }, "article");
        assert_eq!(subitem("12、任务").number, Some(12), "two-digit sub-item");
        assert_eq!(subitem("加大力度").label, "", "unnumbered sub-item");
    }
}
