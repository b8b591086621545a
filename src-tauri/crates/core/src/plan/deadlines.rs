//! Deadlines written in a task's text: fixed dates (到2020年, 2017年6月底前) and recurrences
//! (每年, 每3年, 每年1月底前, 自2017年起). Phrases such as 定期, 适时, 逐步 are no deadline:
//! a task without any deadline is a standing task.

use chrono::NaiveDate;
use regex::Regex;
use serde::{Serialize, Serializer};
use ts_rs::TS;
use std::sync::LazyLock;

/// A deadline with the phrase it was read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deadline {
    /// The phrase as written: `2017年6月底前`.
    pub text: String,
    /// A date or a recurrence.
    pub kind: DeadlineKind,
}

/// When a task is due.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DeadlineKind {
    /// Once, by this date.
    Due(NaiveDate),
    /// Again and again.
    Every(Recurrence),
}

/// A recurring deadline: every `years` years, optionally by a day of the year, from a start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Recurrence {
    /// Length of the cycle in years.
    pub years: u32,
    /// Month and day each cycle is due by (每年1月底前 → 1, 31); otherwise the cycle's end.
    pub by: Option<(u32, u32)>,
    /// First day the recurrence applies (自2017年起 → 2017-01-01).
    pub from: Option<NaiveDate>,
}

/// A deadline as it crosses IPC and the CLI's JSON: `due` for a date; `every` (an ISO 8601
/// duration such as `P1Y`) for a recurrence, with `by` (`--01-31`) and `from` where written.
#[derive(Serialize, TS)]
#[ts(rename = "Deadline")]
pub struct DeadlineJson {
    /// The phrase as written.
    pub text: String,
    /// Fixed date, `2017-06-30`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub due: Option<String>,
    /// Cycle of a recurrence, `P1Y`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub every: Option<String>,
    /// Day of the year a recurrence is due by, `--01-31`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub by: Option<String>,
    /// First day a recurrence applies.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub from: Option<String>,
}

impl From<&Deadline> for DeadlineJson {
    fn from(deadline: &Deadline) -> Self {
        let mut json = DeadlineJson { text: deadline.text.clone(), due: None, every: None, by: None, from: None };
        match &deadline.kind {
            DeadlineKind::Due(date) => json.due = Some(date.to_string()),
            DeadlineKind::Every(rec) => {
                json.every = Some(format!("P{}Y", rec.years));
                json.by = rec.by.map(|(month, day)| format!("--{month:02}-{day:02}"));
                json.from = rec.from.map(|from| from.to_string());
            }
        }
        json
    }
}

impl Serialize for Deadline {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        DeadlineJson::from(self).serialize(serializer)
    }
}

static DEADLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?P<annual_by>每年(?P<by_month>\d{1,2})月底前)",
        r"|(?P<every>每(?P<every_years>\d{1,2})年)",
        r"|(?P<annual>每年)",
        r"|(?P<since>自(?P<since_year>\d{4})年起)",
        r"|(?P<month_end>(?P<me_year>\d{4})年(?P<me_month>\d{1,2})月底前?)",
        r"|(?P<until>到(?P<until_year>\d{4})年(?:底前|底)?)",
        r"|(?P<year_end>(?P<ye_year>\d{4})年底前?)",
        r"|(?P<bare>(?P<bare_year>\d{4})年)",
    ))
    .expect("the deadline pattern is a valid regex")
});

/// Every deadline in `texts`, in order of appearance, without repeats of the same date or cycle.
pub fn find_deadlines<'a>(texts: impl IntoIterator<Item = &'a str>) -> Vec<Deadline> {
    let mut found: Vec<Deadline> = Vec::new();
    for text in texts {
        for caps in DEADLINE.captures_iter(text) {
            let Some(whole) = caps.get(0) else { continue };
            let number = |name: &str| caps.name(name).and_then(|m| m.as_str().parse::<u32>().ok());
            let kind = if caps.name("annual_by").is_some() {
                number("by_month").and_then(month_end_in_any_year).map(|day| {
                    DeadlineKind::Every(Recurrence { years: 1, by: Some(day), from: None })
                })
            } else if caps.name("every").is_some() {
                number("every_years")
                    .filter(|years| *years > 0)
                    .map(|years| DeadlineKind::Every(Recurrence { years, by: None, from: None }))
            } else if caps.name("annual").is_some() {
                Some(DeadlineKind::Every(Recurrence { years: 1, by: None, from: None }))
            } else if caps.name("since").is_some() {
                number("since_year").and_then(|y| NaiveDate::from_ymd_opt(plausible(y)?, 1, 1)).map(
                    |from| DeadlineKind::Every(Recurrence { years: 1, by: None, from: Some(from) }),
                )
            } else if caps.name("month_end").is_some() {
                number("me_year")
                    .zip(number("me_month"))
                    .and_then(|(y, m)| month_end(plausible(y)?, m))
                    .map(DeadlineKind::Due)
            } else if caps.name("until").is_some() {
                number("until_year").and_then(year_end).map(DeadlineKind::Due)
            } else if caps.name("year_end").is_some() {
                number("ye_year").and_then(year_end).map(DeadlineKind::Due)
            } else if is_bare_year_a_deadline(text, whole.start(), whole.end()) {
                number("bare_year").and_then(year_end).map(DeadlineKind::Due)
            } else {
                None
            };
            if let Some(kind) = kind {
                if !found.iter().any(|d| d.kind == kind) {
                    found.push(Deadline { text: whole.as_str().to_string(), kind });
                }
            }
        }
    }
    found
}

/// "2020年基本解决…" states a deadline; "2016-2020年度" and "3年" inside a number do not.
fn is_bare_year_a_deadline(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    let starts_a_phrase = match before {
        None => true,
        Some(c) => "，。；：、,;:（( \n".contains(c),
    };
    let is_a_span_or_name = matches!(after, Some('度' | '起' | '版' | '第' | '-' | '—' | '～' | '~'));
    starts_a_phrase && !is_a_span_or_name
}

fn plausible(year: u32) -> Option<i32> {
    (1949..=2200).contains(&year).then_some(year as i32)
}

fn year_end(year: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(plausible(year)?, 12, 31)
}

fn month_end(year: i32, month: u32) -> Option<NaiveDate> {
    let first_of_next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(year, month.checked_add(1)?, 1)
    };
    first_of_next?.pred_opt()
}

/// Last day of `month` in a common year (February is taken as the 28th).
fn month_end_in_any_year(month: u32) -> Option<(u32, u32)> {
    use chrono::Datelike;
    month_end(2001, month).map(|d| (d.month(), d.day()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn due(text: &str) -> Vec<String> {
        find_deadlines([text]).iter().map(|d| serde_json::to_string(d).unwrap_or_default()).collect()
    }

    #[test]
    fn fixed_dates_resolve_to_the_last_day() {
        assert_eq!(due("到2020年，完成"), [r#"{"text":"到2020年","due":"2020-12-31"}"#], "到2020年");
        assert_eq!(due("2018年底前查明"), [r#"{"text":"2018年底前","due":"2018-12-31"}"#], "年底前");
        assert_eq!(due("2017年6月底前完成"), [r#"{"text":"2017年6月底前","due":"2017-06-30"}"#]);
        assert_eq!(due("2、2020年基本解决"), [r#"{"text":"2020年","due":"2020-12-31"}"#], "bare year");
    }

    #[test]
    fn recurrences_become_iso_durations() {
        assert_eq!(due("每年至少参加1次"), [r#"{"text":"每年","every":"P1Y"}"#]);
        assert_eq!(due("每3年对…开展1轮"), [r#"{"text":"每3年","every":"P3Y"}"#]);
        assert_eq!(due("每10年开展1次"), [r#"{"text":"每10年","every":"P10Y"}"#]);
        assert_eq!(due("每年1月底前报告"), [r#"{"text":"每年1月底前","every":"P1Y","by":"--01-31"}"#]);
        assert_eq!(due("自2017年起，依据"), [r#"{"text":"自2017年起","every":"P1Y","from":"2017-01-01"}"#]);
    }

    #[test]
    fn spans_and_standing_words_are_not_deadlines() {
        assert!(due("吉林省2016-2020年度《方案》").is_empty(), "a span of years is no deadline");
        assert!(due("定期巡查，适时启动，逐步建立").is_empty(), "standing words are no deadline");
        assert!(due("2099年13月底前").is_empty(), "an impossible month is ignored, not a panic");
    }

    #[test]
    fn the_same_deadline_twice_is_kept_once() {
        assert_eq!(find_deadlines(["到2020年，…", "到2020年，完成"]).len(), 1, "repeat in work text");
    }
}
