//! What a report shows, gathered once: the plan, the period (created or not: a period nobody
//! has reported in yet exports with empty progress), the latest progress, and the unit.

use crate::error::Result;
use crate::task_list::{rows_of, rows_of_every_department, TaskRow};
use crate::periods::{parse_key, Period, PeriodStatus};
use crate::plan::Plan;
use crate::store::{ProgressSummary, RecordStanding, RecordState, Store};
use super::registry::Drafts;
use chrono::NaiveDate;
use std::collections::HashMap;

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
    /// Where each record of `progress` stands, for the task rows.
    standings: Vec<RecordStanding>,
    /// Index of `progress` by (code, department).
    by_task: HashMap<(String, String), usize>,
    /// Index of the plan's sub-items by code.
    by_code: HashMap<String, (usize, usize, usize, usize)>,
}

impl ReportData {
    /// Load the plan and `period_key`'s progress (none when `blank`; only what was
    /// submitted when `drafts` says to leave the rest out): all of it, or (`departments` given,
    /// as store ids) only those departments' sub-items and records.
    pub fn load(store: &Store, plan_id: i64, period_key: &str, departments: Option<&[i64]>, blank: bool, drafts: Drafts, today: NaiveDate) -> Result<ReportData> {
        let plan = match departments {
            Some(ids) => store.load_plan_of(plan_id, ids)?,
            None => store.load_plan(plan_id)?,
        };
        let parsed = parse_key(period_key)?;
        let stored = store.period(&parsed.key)?;
        let progress = match (&stored, blank) {
            (Some(row), false) => store.latest_progress(plan_id, row.id, departments)?,
            _ => Vec::new(),
        };
        let progress = match drafts {
            Drafts::Mark => progress,
            Drafts::Omit => progress.into_iter().filter(|p| p.fields.state == RecordState::Submitted).collect(),
        };
        let period = Period {
            key: parsed.key,
            kind: parsed.kind.to_string(),
            label: parsed.label,
            starts_on: parsed.starts_on,
            ends_on: parsed.ends_on,
            status: stored.map_or(PeriodStatus::Open, |row| row.status),
        };
        let by_task = progress.iter().enumerate().map(|(i, p)| ((p.code.clone(), p.department.clone()), i)).collect();
        let mut by_code = HashMap::new();
        for (a, article) in plan.articles.iter().enumerate() {
            for (c, clause) in article.clauses.iter().enumerate() {
                for (i, item) in clause.items.iter().enumerate() {
                    for (s, sub) in item.subitems.iter().enumerate() {
                        by_code.insert(sub.code.clone(), (a, c, i, s));
                    }
                }
            }
        }
        let standings = progress.iter().map(ProgressSummary::standing).collect();
        Ok(ReportData { plan, period, progress, today, standings, by_task, by_code })
    }

    /// The plan's sub-item with this code.
    pub fn subitem(&self, code: &str) -> Option<&crate::plan::SubItem> {
        let (a, c, i, s) = *self.by_code.get(code)?;
        Some(&self.plan.articles[a].clauses[c].items[i].subitems[s])
    }

    /// One department's rows.
    pub fn department_rows(&self, department: &str) -> Vec<TaskRow> {
        rows_of(&self.plan, &self.period, &self.standings, Some(department), self.today)
    }

    /// Every department's rows.
    pub fn all_rows(&self) -> Vec<TaskRow> {
        rows_of_every_department(&self.plan, &self.period, &self.standings, self.today)
    }

    /// The latest record of a department on a sub-item.
    pub fn record(&self, code: &str, department: &str) -> Option<&ProgressSummary> {
        self.by_task.get(&(code.to_string(), department.to_string())).map(|i| &self.progress[*i])
    }

    /// The plan's name without 任务分解表: 梨树县土壤污染防治行动计划.
    pub fn plan_title(&self) -> &str {
        let name = self.plan.name.trim();
        name.strip_suffix("任务分解表").unwrap_or(name)
    }
}

/// How a record not yet submitted is marked on paper: 草稿（未报送）, 已退回修改（未报送）.
pub fn unsubmitted_mark(state: RecordState) -> String {
    format!("{}（未报送）", state.label())
}

/// The same, in two characters for a narrow column: 草稿, 退回.
pub fn short_mark(state: RecordState) -> &'static str {
    match state {
        RecordState::Reopened => "退回",
        other => other.label(),
    }
}

/// 2026年11月30日.
pub fn chinese_date(day: NaiveDate) -> String {
    use chrono::Datelike;
    format!("{}年{}月{}日", day.year(), day.month(), day.day())
}
