//! The task lists: one row per sub-item (seen from a department, or for the county from its
//! lead) with status and warning in a period, filtered and searched.

use ts_rs::TS;
use crate::alerts::{Alert, Level};
use crate::error::{Error, Result};
use crate::periods::{find_period, Period};
use crate::plan::{Plan, TaskRole};
use crate::status::Status;
use crate::store::{RecordStanding, RecordState, Store};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

mod rows;

pub(crate) use rows::{filtered_rows, overview, rows_of, rows_of_every_department, standings_of_every_department, SubItemStanding, Tally};

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
    /// The plan is its skeleton: the sub-items' texts are to be fetched ([`Store::subitem_texts`]).
    pub skeleton: bool,
}

impl Snapshot {
    /// A plan and a created period.
    pub fn load(store: &Store, plan_id: i64, period: &str) -> Result<Snapshot> {
        Snapshot::of(store, store.load_plan(plan_id)?, period, false)
    }

    /// [`Snapshot::load`] with the plan's skeleton ([`Store::load_plan_skeleton`]): for a list
    /// that builds few of its rows and gives them their texts with [`fill_texts`].
    pub fn load_skeleton(store: &Store, plan_id: i64, period: &str) -> Result<Snapshot> {
        Snapshot::of(store, store.load_plan_skeleton(plan_id)?, period, true)
    }

    fn of(store: &Store, plan: Plan, period: &str, skeleton: bool) -> Result<Snapshot> {
        let period = find_period(store, period)?;
        let period_id = store.period(&period.key)?.map(|p| p.id).ok_or_else(|| Error::NotFound(period.key.clone()))?;
        let standings = store.latest_standings(plan.id, period_id)?;
        Ok(Snapshot { plan_id: plan.id, plan, period, period_id, standings, skeleton })
    }
}

/// Rows built from a plan's skeleton given their texts: the sub-item's and its department's duty.
pub(crate) fn fill_texts(store: &Store, rows: &mut [TaskRow]) -> Result<()> {
    let mut plans: Vec<i64> = rows.iter().map(|r| r.plan_id).collect();
    plans.sort_unstable();
    plans.dedup();
    for plan_id in plans {
        let codes: Vec<&str> = rows.iter().filter(|r| r.plan_id == plan_id).map(|r| r.code.as_str()).collect();
        let texts = store.subitem_texts(plan_id, &codes)?;
        for row in rows.iter_mut().filter(|r| r.plan_id == plan_id) {
            let texts = texts.get(&row.code).ok_or_else(|| Error::Corrupt(format!("小项 {} 没有内容", row.code)))?;
            row.duty = texts.duty_of(&row.department).to_string();
            row.text = texts.text.clone();
        }
    }
    Ok(())
}

/// [`task_rows`] as `session` may read them: a department account sees the plan of every row
/// but the progress of its own department's rows only.
///
/// # Errors
/// As [`task_rows`].
pub fn task_rows_as(store: &Store, session: &crate::accounts::Session, period: &str, filter: &TaskFilter, today: NaiveDate) -> Result<Vec<TaskRow>> {
    Ok(listed_rows(store, session, period, filter, today, None)?.rows)
}

/// Rows of a list as [`task_rows_as`] gives them, only those in `range` built; with the count
/// of the whole list.
pub(crate) struct Listed {
    /// The rows in `range`.
    pub rows: Vec<TaskRow>,
    /// Rows in the whole list.
    pub total: usize,
    /// Rows of the whole list by role.
    pub by_role: Vec<crate::dashboard::Count<TaskRole>>,
}

/// The list [`task_rows_as`] gives, with only the rows in `range` (all when none) built: the
/// filters read each sub-item's status and warning, and only the rows a page shows copy texts.
pub(crate) fn listed_rows(store: &Store, session: &crate::accounts::Session, period: &str, filter: &TaskFilter, today: NaiveDate, range: Option<std::ops::Range<usize>>) -> Result<Listed> {
    let snapshots = plans_of(store, Some(session), filter)?.into_iter().map(|plan_id| Snapshot::load_skeleton(store, plan_id, period)).collect::<Result<Vec<_>>>()?;
    let latest: Vec<_> = snapshots.iter().map(|snapshot| rows::latest_by_task(&snapshot.standings)).collect();
    let department = rows::filter_department(store, filter)?;
    let mut kept = Vec::new();
    for (snapshot, latest) in snapshots.iter().zip(&latest) {
        kept.extend(rows::selected(store, snapshot, latest, filter, department.as_deref(), today)?.into_iter().map(|candidate| (snapshot, latest, candidate)));
    }
    let by_role = TaskRole::ALL.iter().map(|&role| crate::dashboard::Count { name: role, count: kept.iter().filter(|(_, _, c)| c.role == role).count() }).collect();
    let total = kept.len();
    let range = range.unwrap_or(0..total);
    let own = (!session.is_coordinator()).then(|| session.department.as_deref().unwrap_or_default());
    let rows = kept.into_iter().skip(range.start).take(range.len()).map(|(snapshot, latest, candidate)| {
        let mut row = rows::build_row(&snapshot.plan, &snapshot.period, latest, today, candidate);
        if own.is_some_and(|own| row.department != own) {
            withhold(&mut row);
        }
        row
    });
    let mut rows: Vec<TaskRow> = rows.collect();
    fill_texts(store, &mut rows)?;
    Ok(Listed { rows, total, by_role })
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

/// Every (sub-item, responsible department) pair: what each department has to report.
pub fn task_rows_all_departments(store: &Store, plan_id: i64, period: &str, today: NaiveDate) -> Result<Vec<TaskRow>> {
    let snapshot = Snapshot::load(store, plan_id, period)?;
    Ok(rows_of_every_department(&snapshot.plan, &snapshot.period, &snapshot.standings, today))
}
