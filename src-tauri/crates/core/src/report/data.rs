//! What a report shows, gathered once: the plan, the period (created or not: a period nobody
//! has reported in yet exports with empty progress), the latest progress, and the unit.

use crate::error::{Error, Result};
use crate::task_list::{rows_of, rows_of_every_department, TaskRow};
use crate::periods::{parse_key, Period, PeriodStatus};
use crate::plan::Plan;
use crate::store::{ProgressSummary, Store};
use chrono::NaiveDate;

/// Everything a workbook is written from.
pub struct ReportData {
    /// The current plan.
    pub plan: Plan,
    /// The period (open when it was never created).
    pub period: Period,
    /// Latest progress of every record in the period (empty for a blank sheet).
    pub progress: Vec<ProgressSummary>,
    /// Today, for warnings and the 填报日期.
    pub today: NaiveDate,
}

impl ReportData {
    /// Load the current plan and `period_key`'s progress (none when `blank`).
    pub fn load(store: &Store, period_key: &str, blank: bool, today: NaiveDate) -> Result<ReportData> {
        let plan_id = store.latest_plan_id()?.ok_or(Error::NoPlan)?;
        let plan = store.load_plan(plan_id)?;
        let parsed = parse_key(period_key)?;
        let stored = store.period(&parsed.key)?;
        let progress = match (&stored, blank) {
            (Some(row), false) => store.latest_progress(plan_id, row.id)?,
            _ => Vec::new(),
        };
        let period = Period {
            key: parsed.key,
            kind: parsed.kind.to_string(),
            label: parsed.label,
            starts_on: parsed.starts_on,
            ends_on: parsed.ends_on,
            status: stored.map_or(PeriodStatus::Open, |row| row.status),
        };
        Ok(ReportData { plan, period, progress, today })
    }

    /// One department's rows.
    pub fn department_rows(&self, department: &str) -> Vec<TaskRow> {
        rows_of(&self.plan, &self.period, &self.progress, Some(department), self.today)
    }

    /// Every department's rows.
    pub fn all_rows(&self) -> Vec<TaskRow> {
        rows_of_every_department(&self.plan, &self.period, &self.progress, self.today)
    }

    /// The latest record of a department on a sub-item.
    pub fn record(&self, code: &str, department: &str) -> Option<&ProgressSummary> {
        self.progress.iter().find(|p| p.code == code && p.department == department)
    }

    /// The plan's name without 任务分解表: 梨树县土壤污染防治行动计划.
    pub fn plan_title(&self) -> &str {
        let name = self.plan.name.trim();
        name.strip_suffix("任务分解表").unwrap_or(name)
    }
}

/// 2026年11月30日.
pub fn chinese_date(day: NaiveDate) -> String {
    use chrono::Datelike;
    format!("{}年{}月{}日", day.year(), day.month(), day.day())
}
