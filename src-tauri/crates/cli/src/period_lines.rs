//! `taizhang periods`: the reporting periods as scripts read them, and adding one.

use serde::Serialize;
use taizhang_core::periods::{Period, PeriodStatus};

/// One period as `taizhang periods --json` prints it.
#[derive(Debug, Serialize)]
pub struct PeriodLine {
    /// Canonical key, e.g. 2026Q4.
    pub key: String,
    /// 2026年第四季度.
    pub label: String,
    /// First day (YYYY-MM-DD).
    pub start: String,
    /// Last day.
    pub end: String,
    /// Open for reporting.
    pub open: bool,
}

impl PeriodLine {
    /// The line of `period`.
    pub fn of(period: &Period) -> PeriodLine {
        PeriodLine {
            key: period.key.clone(),
            label: period.label.clone(),
            start: period.starts_on.to_string(),
            end: period.ends_on.to_string(),
            open: period.status == PeriodStatus::Open,
        }
    }
}
