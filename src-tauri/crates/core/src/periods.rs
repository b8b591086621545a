//! Reporting periods with canonical keys shared by every PC: `2026` (年度), `2026H2` (半年),
//! `2026Q4` (季度), `2026M11` (月度).

use ts_rs::TS;
use crate::accounts::{Role, Session};
use crate::error::{Error, Result};
use crate::store::{AuditEntry, PeriodRow, Store};
use chrono::{Datelike, NaiveDate};
use serde::Serialize;

/// A period as the UI shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Period {
    /// Canonical key.
    pub key: String,
    /// year, half, quarter, month.
    pub kind: String,
    /// 2026年第四季度.
    pub label: String,
    /// First day.
    pub starts_on: NaiveDate,
    /// Last day.
    pub ends_on: NaiveDate,
    /// Open for reporting, or closed.
    pub status: PeriodStatus,
}

crate::vocabulary! {
    /// Whether departments may still report for a period.
    pub enum PeriodStatus ("报告期状态") {
        /// 填报中.
        Open = "open", "填报中";
        /// 已关闭.
        Closed = "closed", "已关闭";
    }
}

/// A parsed key: its kind, label and first and last day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeriodKey {
    /// Canonical key.
    pub key: String,
    /// year, half, quarter, month.
    pub kind: &'static str,
    /// Chinese label.
    pub label: String,
    /// First day.
    pub starts_on: NaiveDate,
    /// Last day.
    pub ends_on: NaiveDate,
}

/// Parse a key such as `2026Q4` (lower case, spaces and leading zeros forgiven: `2026q04` is
/// `2026Q4`); anything else, signs included, is refused. The key returned is canonical, so one
/// period is stored once however it was written.
pub fn parse_key(key: &str) -> Result<PeriodKey> {
    let key: String = key.trim().to_uppercase().chars().filter(|c| !c.is_whitespace()).collect();
    let invalid = || Error::InvalidInput(format!("报告期“{key}”格式不对：应为 2026、2026H2、2026Q4 或 2026M11"));
    let digits = |text: &str| !text.is_empty() && text.chars().all(|c| c.is_ascii_digit());
    let year: i32 = key.get(..4).filter(|y| digits(y)).and_then(|y| y.parse().ok()).filter(|y| (2000..=2100).contains(y)).ok_or_else(invalid)?;
    let rest = &key[4..];
    let number = |prefix: char, max: u32| -> Option<u32> {
        rest.strip_prefix(prefix).filter(|n| digits(n) && n.len() <= 3).and_then(|n| n.parse().ok()).filter(|n| (1..=max).contains(n))
    };
    let (kind, label, canonical, first_month, months) = if rest.is_empty() {
        ("year", format!("{year}年度"), format!("{year}"), 1, 12)
    } else if let Some(half) = number('H', 2) {
        ("half", format!("{year}年{}", if half == 1 { "上半年" } else { "下半年" }), format!("{year}H{half}"), 6 * half - 5, 6)
    } else if let Some(quarter) = number('Q', 4) {
        let names = ["一", "二", "三", "四"];
        ("quarter", format!("{year}年第{}季度", names[quarter as usize - 1]), format!("{year}Q{quarter}"), 3 * quarter - 2, 3)
    } else if let Some(month) = number('M', 12) {
        ("month", format!("{year}年{month}月"), format!("{year}M{month}"), month, 1)
    } else {
        return Err(invalid());
    };
    let starts_on = NaiveDate::from_ymd_opt(year, first_month, 1).ok_or_else(invalid)?;
    let after = if first_month + months > 12 {
        NaiveDate::from_ymd_opt(year + 1, first_month + months - 12, 1)
    } else {
        NaiveDate::from_ymd_opt(year, first_month + months, 1)
    };
    let ends_on = after.and_then(|d| d.pred_opt()).ok_or_else(invalid)?;
    Ok(PeriodKey { key: canonical, kind, label, starts_on, ends_on })
}

/// Every period, newest first.
pub fn list_periods(store: &Store) -> Result<Vec<Period>> {
    store.periods()?.into_iter().map(period_of).collect()
}

/// The period with this key.
pub fn find_period(store: &Store, key: &str) -> Result<Period> {
    let parsed = parse_key(key)?;
    let row = store.period(&parsed.key)?.ok_or_else(|| Error::NotFound(format!("报告期 {} 尚未创建", parsed.key)))?;
    period_of(row)
}

/// Create a period. The coordinator may; so may a department PC that has no coordinator.
///
/// # Errors
/// [`Error::Forbidden`] for a department account on the coordinator's PC; [`Error::InvalidInput`]
/// for a malformed key or a period that exists (under any spelling of its key).
pub fn create_period(store: &Store, actor: &Session, key: &str) -> Result<Period> {
    let department_pc = store.setting("unit_kind")?.as_deref() == Some(Role::Department.key());
    if !actor.is_coordinator() && !department_pc {
        return Err(Error::Forbidden("只有汇总单位可以创建报告期".into()));
    }
    insert_period(store, Some(actor.account_id), key, "")
}

/// Create a period from the command line on a database nobody has set up yet: with no account
/// there is nobody to sign in as. Once accounts exist a signed-in account is needed.
///
/// # Errors
/// [`Error::Forbidden`] once the database has accounts; as [`create_period`] otherwise.
pub fn create_period_before_setup(store: &Store, key: &str) -> Result<Period> {
    if crate::accounts::is_set_up(store)? {
        return Err(Error::Forbidden("本机已设置账户，请用 --user 指定账户（密码在提示时输入，或放在环境变量 TAIZHANG_PASSWORD 中）".into()));
    }
    insert_period(store, None, key, "（命令行，尚未设置账户）")
}

/// Create the periods a plan package carries that this PC does not have yet, so period keys
/// match on every PC. Returns the keys created; keys that cannot be read are left out.
pub(crate) fn adopt_periods(store: &Store, account_id: Option<i64>, keys: &[String]) -> Result<Vec<String>> {
    let mut created = Vec::new();
    for key in keys {
        let Ok(parsed) = parse_key(key) else { continue };
        if store.period(&parsed.key)?.is_none() {
            insert_period(store, account_id, &parsed.key, "（随任务分解表导入）")?;
            created.push(parsed.key);
        }
    }
    Ok(created)
}

fn insert_period(store: &Store, account_id: Option<i64>, key: &str, note: &str) -> Result<Period> {
    let parsed = parse_key(key)?;
    if store.period(&parsed.key)?.is_some() {
        return Err(Error::InvalidInput(format!("报告期 {}（{}）已存在", parsed.key, parsed.label)));
    }
    let audit = AuditEntry { account_id, action: "创建报告期", subject: parsed.key.clone(), detail: format!("{}{note}", parsed.label) };
    store.insert_period(&parsed.key, parsed.kind, &parsed.starts_on.to_string(), &parsed.ends_on.to_string(), &audit)?;
    find_period(store, &parsed.key)
}

/// Open or close a period for reporting (coordinator only).
pub fn set_period_open(store: &Store, actor: &Session, key: &str, open: bool) -> Result<Period> {
    actor.require_coordinator(if open { "开启报告期" } else { "关闭报告期" })?;
    let period = find_period(store, key)?;
    let status = if open { PeriodStatus::Open } else { PeriodStatus::Closed };
    let audit = AuditEntry { account_id: Some(actor.account_id), action: if open { "开启报告期" } else { "关闭报告期" }, subject: period.key.clone(), detail: period.label.clone() };
    store.set_period_status(&period.key, status, &audit)?;
    find_period(store, &period.key)
}

fn period_of(row: PeriodRow) -> Result<Period> {
    let parsed = parse_key(&row.key)?;
    let date = |text: &str| NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| Error::Corrupt(format!("报告期日期“{text}”格式不对")));
    Ok(Period { key: row.key, kind: row.kind, label: parsed.label, starts_on: date(&row.starts_on)?, ends_on: date(&row.ends_on)?, status: row.status })
}

/// The period key of `kind` that contains `day` (for defaults in the UI).
pub fn key_containing(day: NaiveDate, kind: &str) -> String {
    match kind {
        "half" => format!("{}H{}", day.year(), if day.month() <= 6 { 1 } else { 2 }),
        "quarter" => format!("{}Q{}", day.year(), (day.month() - 1) / 3 + 1),
        "month" => format!("{}M{}", day.year(), day.month()),
        _ => day.year().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(key: &str) -> (String, String, String, String) {
        let p = parse_key(key).expect("valid key");
        (p.key, p.label, p.starts_on.to_string(), p.ends_on.to_string())
    }

    #[test]
    fn every_kind_of_key() {
        assert_eq!(span("2026"), ("2026".into(), "2026年度".into(), "2026-01-01".into(), "2026-12-31".into()), "year");
        assert_eq!(span("2026H2"), ("2026H2".into(), "2026年下半年".into(), "2026-07-01".into(), "2026-12-31".into()), "half");
        assert_eq!(span("2026q4"), ("2026Q4".into(), "2026年第四季度".into(), "2026-10-01".into(), "2026-12-31".into()), "quarter, lower case");
        assert_eq!(span("2026M11"), ("2026M11".into(), "2026年11月".into(), "2026-11-01".into(), "2026-11-30".into()), "month");
        assert_eq!(span("2028M2").3, "2028-02-29", "leap February");
    }

    #[test]
    fn bad_keys_are_refused() {
        for key in ["", "26Q4", "2026Q5", "2026M13", "2026M0", "2026H3", "2026X1", "1999", "2026Q4x", "2026Q+4", "+026Q4", "2026M-1", "2026Q0004"] {
            assert!(matches!(parse_key(key), Err(Error::InvalidInput(_))), "{key:?} is refused");
        }
    }

    #[test]
    fn keys_written_differently_are_one_period() {
        for (written, canonical) in [("2026Q04", "2026Q4"), ("2026q4", "2026Q4"), ("2026H02", "2026H2"), ("2026M011", "2026M11"), ("2026m03", "2026M3"), (" 2026 ", "2026")] {
            assert_eq!(parse_key(written).map(|p| p.key).ok().as_deref(), Some(canonical), "{written:?}");
        }
    }

    #[test]
    fn key_containing_a_day() {
        let day = NaiveDate::from_ymd_opt(2026, 11, 30).expect("date");
        assert_eq!([key_containing(day, "year"), key_containing(day, "half"), key_containing(day, "quarter"), key_containing(day, "month")], ["2026", "2026H2", "2026Q4", "2026M11"], "keys of 2026-11-30");
    }
}
