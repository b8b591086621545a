//! The task lists: one row per sub-item (seen from a department, or for the county from its
//! lead) with status and warning in a period, filtered and searched.

use ts_rs::TS;
use crate::alerts::{alert, due_dates, Alert, Level};
use crate::error::{Error, Result};
use crate::periods::{find_period, Period};
use crate::plan::{Plan, TaskRole};
use crate::status::Status;
use crate::store::{RecordStanding, RecordState, Store};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// Filters of the task lists (all optional).
#[derive(Debug, Clone, Default, Deserialize, TS)]
pub struct TaskFilter {
    /// Only this department's sub-items (any alias).
    #[ts(optional)]
    pub department: Option<String>,
    /// Lead or cooperating (with a department).
    #[ts(optional)]
    pub role: Option<TaskRole>,
    /// A status, or not reported.
    #[ts(optional)]
    pub status: Option<Status>,
    /// A warning colour.
    #[ts(optional)]
    pub alert: Option<Level>,
    /// Article code.
    #[ts(optional)]
    pub article: Option<String>,
    /// Only the sub-items under this article, clause or item code (or this sub-item).
    #[serde(default)]
    #[ts(optional)]
    pub within: Option<String>,
    /// Words to search for.
    #[ts(optional)]
    pub query: Option<String>,
    /// The plan (default: the one the account shows, else the current plan).
    #[ts(optional)]
    pub plan_id: Option<i64>,
    /// Every live plan at once (我的任务 / 工作台 "全部计划").
    #[ts(optional)]
    pub all_plans: Option<bool>,
}

crate::vocabulary! {
    /// Where a searched sub-item matched every word: lists show its own matches first.
    pub enum FoundIn ("检索命中位置") {
        /// In the sub-item's own text or work.
        Own = "own", "小项内容";
        /// Only in the text of the item, clause or article it belongs to.
        Parent = "parent", "仅上级条目";
    }
}

/// How the cooperating departments of a sub-item stand on their own records in the period.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, TS)]
pub struct CooperatingReports {
    /// Cooperating departments (not also leading).
    pub total: u32,
    /// Of them, with a submitted record.
    pub submitted: u32,
    /// Of them, with a draft or a reopened record.
    pub drafts: u32,
}

/// A sub-item as a list shows it, seen from one department (or, for the county, its lead).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct TaskRow {
    /// The plan the sub-item belongs to.
    pub plan_id: i64,
    /// That plan's title.
    pub plan_name: String,
    /// Sub-item code.
    pub code: String,
    /// Label as written.
    pub label: String,
    /// Sub-item text.
    pub text: String,
    /// Article code and title.
    pub article: String,
    /// Article title with label.
    pub article_title: String,
    /// Clause title with label.
    pub clause_title: String,
    /// Lead departments.
    pub lead: Vec<String>,
    /// Cooperating departments.
    pub cooperating: Vec<String>,
    /// Whose record the status is.
    pub department: String,
    /// `lead` or `cooperating` for that department.
    pub role: TaskRole,
    /// That department's own duty.
    pub duty: String,
    /// Deadline phrases, joined.
    pub deadline: String,
    /// The next due date that matters in the period.
    pub due: Option<NaiveDate>,
    /// Latest status, or not reported.
    pub status: Status,
    /// Latest percent.
    pub percent: Option<i64>,
    /// draft, submitted, reopened; none when nothing saved.
    pub state: Option<RecordState>,
    /// Warning colour.
    pub alert: Option<Alert>,
    /// The cooperating departments' records.
    pub cooperating_reports: CooperatingReports,
    /// Where a search matched (none without a search).
    pub found_in: Option<FoundIn>,
    /// Another department's progress, withheld from a department account (it reads only its own):
    /// status, percent, state, alert and cooperating reports are left out.
    pub withheld: bool,
}

/// The plan, a period and its latest progress, loaded once for a list, a dashboard or a report.
pub(crate) struct Snapshot {
    /// Store id of the plan.
    pub plan_id: i64,
    /// The current plan.
    pub plan: Plan,
    /// The period.
    pub period: Period,
    /// Its store id.
    pub period_id: i64,
    /// Where every record of the period stands (its latest version).
    pub standings: Vec<RecordStanding>,
}

impl Snapshot {
    /// A plan and a created period.
    pub fn load(store: &Store, plan_id: i64, period: &str) -> Result<Snapshot> {
        let plan = store.load_plan(plan_id)?;
        let period = find_period(store, period)?;
        let period_id = store.period(&period.key)?.map(|p| p.id).ok_or_else(|| Error::NotFound(period.key.clone()))?;
        let standings = store.latest_standings(plan_id, period_id)?;
        Ok(Snapshot { plan_id, plan, period, period_id, standings })
    }
}

/// [`task_rows`] as `session` may read them: a department account sees the plan of every row
/// but the progress of its own department's rows only.
///
/// # Errors
/// As [`task_rows`].
pub fn task_rows_as(store: &Store, session: &crate::accounts::Session, period: &str, filter: &TaskFilter, today: NaiveDate) -> Result<Vec<TaskRow>> {
    let plans = plans_of(store, Some(session), filter)?;
    let mut rows = Vec::new();
    for plan_id in plans {
        rows.extend(filtered_rows(store, &Snapshot::load(store, plan_id, period)?, filter, today)?);
    }
    if !session.is_coordinator() {
        let own = session.department.as_deref().unwrap_or_default();
        for row in rows.iter_mut().filter(|r| r.department != own) {
            withhold(row);
        }
    }
    Ok(rows)
}

fn withhold(row: &mut TaskRow) {
    row.status = Status::NotReported;
    row.percent = None;
    row.state = None;
    row.alert = None;
    row.cooperating_reports = CooperatingReports::default();
    row.withheld = true;
}

/// Task rows of the plan the filter names (default: the current plan; or every live plan) for
/// `period`, as of `today`, filtered.
pub fn task_rows(store: &Store, period: &str, filter: &TaskFilter, today: NaiveDate) -> Result<Vec<TaskRow>> {
    let mut rows = Vec::new();
    for plan_id in plans_of(store, None, filter)? {
        rows.extend(filtered_rows(store, &Snapshot::load(store, plan_id, period)?, filter, today)?);
    }
    Ok(rows)
}

/// The plans a list shows: every live one, or the one resolved for the session.
fn plans_of(store: &Store, session: Option<&crate::accounts::Session>, filter: &TaskFilter) -> Result<Vec<i64>> {
    crate::plans::PlanScope { plan_id: filter.plan_id, all: filter.all_plans }.plan_ids(store, session)
}

pub(crate) fn filtered_rows(store: &Store, snapshot: &Snapshot, filter: &TaskFilter, today: NaiveDate) -> Result<Vec<TaskRow>> {
    let department = match filter.department.as_deref().filter(|d| !d.trim().is_empty()) {
        Some(written) => Some(crate::accounts::resolve_department(store, written)?.1),
        None => None,
    };
    let query = filter.query.as_deref().map(str::trim).filter(|q| !q.is_empty());
    let matches = match query {
        Some(query) => Some(store.search_subitems(snapshot.plan_id, query)?),
        None => None,
    };
    let rows = rows_of(&snapshot.plan, &snapshot.period, &snapshot.standings, department.as_deref(), today);
    let mut rows: Vec<TaskRow> = rows
        .into_iter()
        .filter(|r| filter.role.is_none_or(|role| r.role == role))
        .filter(|r| filter.status.is_none_or(|status| r.status == status))
        .filter(|r| filter.alert.is_none_or(|level| r.alert.as_ref().is_some_and(|a| a.level == level)))
        .filter(|r| filter.article.as_deref().is_none_or(|a| a.is_empty() || r.article == a))
        .filter(|r| filter.within.as_deref().is_none_or(|w| w.is_empty() || r.code == w || r.code.strip_prefix(w).is_some_and(|rest| rest.starts_with('.'))))
        .filter(|r| matches.as_ref().is_none_or(|codes| codes.contains(&r.code)))
        .collect();
    if let Some(query) = query {
        let words: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
        let own_text: HashMap<&str, String> = snapshot.plan.subitems().map(|s| (s.code.as_str(), format!("{}\n{}", s.text, s.work).to_lowercase())).collect();
        for row in &mut rows {
            let own = own_text.get(row.code.as_str()).is_some_and(|text| words.iter().all(|w| text.contains(w.as_str())));
            row.found_in = Some(if own { FoundIn::Own } else { FoundIn::Parent });
        }
        // Stable: plan order within each group.
        rows.sort_by_key(|r| r.found_in);
    }
    Ok(rows)
}

/// One row per sub-item: the department's own (when given and responsible), else the first lead's.
pub(crate) fn rows_of(plan: &Plan, period: &Period, standings: &[RecordStanding], department: Option<&str>, today: NaiveDate) -> Vec<TaskRow> {
    rows_with(plan, period, &latest_by_task(standings), department, today)
}

/// Latest records by (sub-item code, department).
type Latest<'a> = HashMap<(&'a str, &'a str), &'a RecordStanding>;

fn latest_by_task(standings: &[RecordStanding]) -> Latest<'_> {
    standings.iter().map(|p| ((p.code.as_str(), p.department.as_str()), p)).collect()
}

fn rows_with(plan: &Plan, period: &Period, latest: &Latest<'_>, department: Option<&str>, today: NaiveDate) -> Vec<TaskRow> {
    let as_of = today.min(period.ends_on);
    plan.subitems_with_parents()
        .filter_map(|placed| {
            let sub = placed.sub;
            let (whose, role) = match department {
                Some(d) => (d.to_string(), sub.role_of(d)?),
                None => (sub.lead.first().cloned().unwrap_or_default(), TaskRole::Lead),
            };
            let record = latest.get(&(sub.code.as_str(), whose.as_str())).copied();
            let percent = record.map(|r| r.percent);
            let due_dates = due_dates(&sub.deadlines, period.starts_on);
            Some(TaskRow {
                plan_id: plan.id,
                plan_name: plan.name.clone(),
                code: sub.code.clone(),
                label: sub.label.clone(),
                text: sub.text.clone(),
                article: placed.article.code.clone(),
                article_title: placed.article_title(),
                clause_title: placed.clause_title(),
                lead: sub.lead.clone(),
                cooperating: sub.cooperating.clone(),
                duty: sub.duty_of(&whose).to_string(),
                department: whose,
                role,
                deadline: sub.deadlines.iter().map(|d| d.text.as_str()).collect::<Vec<_>>().join("、"),
                due: due_dates.iter().find(|d| **d >= as_of).or_else(|| due_dates.last()).copied(),
                status: record.map_or(Status::NotReported, |r| r.status),
                percent,
                state: record.map(|r| r.state),
                alert: warning(sub, record, period, today),
                cooperating_reports: cooperating_reports(sub, latest),
                found_in: None,
                withheld: false,
            })
        })
        .collect()
}

/// The warning of a department's row on `sub`, from its latest record (none: not reported).
fn warning(sub: &crate::plan::SubItem, record: Option<&RecordStanding>, period: &Period, today: NaiveDate) -> Option<Alert> {
    alert(&sub.deadlines, record.map(|r| r.status), record.map(|r| r.percent), period.starts_on, period.ends_on, today)
}

fn cooperating_reports(sub: &crate::plan::SubItem, latest: &Latest<'_>) -> CooperatingReports {
    let mut reports = CooperatingReports::default();
    for department in sub.cooperating.iter().filter(|d| !sub.lead.contains(d)) {
        reports.total += 1;
        match latest.get(&(sub.code.as_str(), department.as_str())).map(|r| r.state) {
            Some(RecordState::Submitted) => reports.submitted += 1,
            Some(RecordState::Draft | RecordState::Reopened) => reports.drafts += 1,
            None => {}
        }
    }
    reports
}

/// Every (sub-item, responsible department) pair: what each department has to report.
pub fn task_rows_all_departments(store: &Store, plan_id: i64, period: &str, today: NaiveDate) -> Result<Vec<TaskRow>> {
    let snapshot = Snapshot::load(store, plan_id, period)?;
    Ok(rows_of_every_department(&snapshot.plan, &snapshot.period, &snapshot.standings, today))
}

/// Where one responsible department stands on one sub-item: what a count reads of a row of
/// [`rows_of_every_department`], without building the row.
#[derive(Debug, Clone, Copy)]
pub(crate) struct DepartmentStanding<'a> {
    pub department: &'a str,
    pub state: Option<RecordState>,
    pub status: Status,
    pub level: Option<Level>,
}

/// Every (sub-item, responsible department) pair's standing, in plan order.
pub(crate) fn standings_of_every_department<'a>(plan: &'a Plan, period: &Period, standings: &[RecordStanding], today: NaiveDate) -> Vec<DepartmentStanding<'a>> {
    let latest = latest_by_task(standings);
    let mut out = Vec::new();
    for sub in plan.subitems() {
        let responsible: Vec<&str> = sub.lead.iter().chain(&sub.cooperating).map(String::as_str).collect();
        // A department both leading and cooperating has one row.
        for department in responsible.iter().enumerate().filter(|(i, d)| !responsible[..*i].contains(d)).map(|(_, d)| d) {
            let record = latest.get(&(sub.code.as_str(), *department)).copied();
            let level = warning(sub, record, period, today).map(|a| a.level);
            out.push(DepartmentStanding { department, state: record.map(|r| r.state), status: record.map_or(Status::NotReported, |r| r.status), level });
        }
    }
    out
}

/// Rows of every responsible department, departments in name order.
pub(crate) fn rows_of_every_department(plan: &Plan, period: &Period, standings: &[RecordStanding], today: NaiveDate) -> Vec<TaskRow> {
    let latest = latest_by_task(standings);
    plan.responsible_departments().into_iter().flat_map(|name| rows_with(plan, period, &latest, Some(name), today)).collect()
}
