//! Building the task lists' rows. A list first reads, for each sub-item, what its filters and
//! counts need (role, latest record, warning: a [`Candidate`]); only the rows it returns copy
//! their texts, so a page of a list of thousands builds the rows of the page alone.

use super::{CooperatingReports, FoundIn, Snapshot, TaskFilter, TaskRow};
use crate::alerts::{alert, due_dates, Alert, Level};
use crate::error::Result;
use crate::periods::Period;
use crate::plan::{PlacedSubItem, Plan, SubItem, TaskRole};
use crate::status::Status;
use crate::store::{RecordStanding, RecordState, Store};
use chrono::NaiveDate;
use std::collections::{HashMap, HashSet};

/// Latest records by (sub-item code, department).
pub(super) type Latest<'a> = HashMap<(&'a str, &'a str), &'a RecordStanding>;

pub(super) fn latest_by_task(standings: &[RecordStanding]) -> Latest<'_> {
    standings.iter().map(|p| ((p.code.as_str(), p.department.as_str()), p)).collect()
}

/// A sub-item as a list shows it, before its row is built: what the filters and counts read.
pub(super) struct Candidate<'a> {
    placed: PlacedSubItem<'a>,
    /// Whose record the row shows.
    whose: &'a str,
    pub(super) role: TaskRole,
    record: Option<&'a RecordStanding>,
    alert: Option<Alert>,
    found_in: Option<FoundIn>,
}

impl Candidate<'_> {
    fn status(&self) -> Status {
        self.record.map_or(Status::NotReported, |r| r.status)
    }
}

/// One candidate per sub-item: the department's own (when given and responsible), else the first lead's.
fn candidates<'a>(plan: &'a Plan, period: &Period, latest: &Latest<'a>, department: Option<&'a str>, today: NaiveDate) -> Vec<Candidate<'a>> {
    let candidate = |placed: PlacedSubItem<'a>| {
        let sub = placed.sub;
        let (whose, role) = match department {
            Some(d) => (d, sub.role_of(d)?),
            None => (sub.lead.first().map_or("", String::as_str), TaskRole::Lead),
        };
        let record = latest.get(&(sub.code.as_str(), whose)).copied();
        Some(Candidate { placed, whose, role, record, alert: warning(sub, record, period, today), found_in: None })
    };
    plan.subitems_with_parents().filter_map(candidate).collect()
}

/// The row of a candidate: its texts copied from the plan.
pub(super) fn build_row(plan: &Plan, period: &Period, latest: &Latest<'_>, today: NaiveDate, candidate: Candidate<'_>) -> TaskRow {
    let Candidate { placed, whose, role, record, alert, found_in } = candidate;
    let sub = placed.sub;
    let as_of = today.min(period.ends_on);
    let due_dates = due_dates(&sub.deadlines, period.starts_on);
    TaskRow {
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
        duty: sub.duty_of(whose).to_string(),
        department: whose.to_string(),
        role,
        deadline: sub.deadlines.iter().map(|d| d.text.as_str()).collect::<Vec<_>>().join("、"),
        due: due_dates.iter().find(|d| **d >= as_of).or_else(|| due_dates.last()).copied(),
        status: record.map_or(Status::NotReported, |r| r.status),
        percent: record.map(|r| r.percent),
        state: record.map(|r| r.state),
        alert,
        cooperating_reports: cooperating_reports(sub, latest),
        found_in,
        withheld: false,
    }
}

/// The department a filter names (any alias), resolved.
pub(super) fn filter_department(store: &Store, filter: &TaskFilter) -> Result<Option<String>> {
    match filter.department.as_deref().filter(|d| !d.trim().is_empty()) {
        Some(written) => Ok(Some(crate::accounts::resolve_department(store, written)?.1)),
        None => Ok(None),
    }
}

/// The candidates of `snapshot` that `filter` keeps, in the list's order: plan order, and with a
/// search, the sub-items matching in their own text before those matching only above them.
pub(super) fn selected<'a>(store: &Store, snapshot: &'a Snapshot, latest: &Latest<'a>, filter: &TaskFilter, department: Option<&'a str>, today: NaiveDate) -> Result<Vec<Candidate<'a>>> {
    let query = filter.query.as_deref().map(str::trim).filter(|q| !q.is_empty());
    let matches: Option<HashSet<String>> = match query {
        Some(query) => Some(store.search_subitems(snapshot.plan_id, query)?.into_iter().collect()),
        None => None,
    };
    let within = |code: &str| filter.within.as_deref().is_none_or(|w| w.is_empty() || code == w || code.strip_prefix(w).is_some_and(|rest| rest.starts_with('.')));
    let mut kept: Vec<Candidate<'a>> = candidates(&snapshot.plan, &snapshot.period, latest, department, today)
        .into_iter()
        .filter(|c| filter.role.is_none_or(|role| c.role == role))
        .filter(|c| filter.status.is_none_or(|status| c.status() == status))
        .filter(|c| filter.alert.is_none_or(|level| c.alert.as_ref().is_some_and(|a| a.level == level)))
        .filter(|c| filter.article.as_deref().is_none_or(|a| a.is_empty() || c.placed.article.code == a))
        .filter(|c| within(&c.placed.sub.code))
        .filter(|c| matches.as_ref().is_none_or(|codes| codes.contains(&c.placed.sub.code)))
        .collect();
    if let Some(query) = query {
        let words: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
        // A skeleton's matches fetch their own texts: only theirs, not the whole plan's.
        let fetched = if snapshot.skeleton {
            let codes: Vec<&str> = kept.iter().map(|c| c.placed.sub.code.as_str()).collect();
            store.subitem_texts(snapshot.plan_id, &codes)?
        } else {
            HashMap::new()
        };
        for candidate in &mut kept {
            let sub = candidate.placed.sub;
            let (text, work) = fetched.get(&sub.code).map_or((sub.text.as_str(), sub.work.as_str()), |t| (t.text.as_str(), t.work.as_str()));
            let own_text = format!("{text}\n{work}").to_lowercase();
            candidate.found_in = Some(if words.iter().all(|w| own_text.contains(w.as_str())) { FoundIn::Own } else { FoundIn::Parent });
        }
        // Stable: plan order within each group.
        kept.sort_by_key(|c| c.found_in);
    }
    Ok(kept)
}

/// The rows of `snapshot` that `filter` keeps, every one built.
pub(crate) fn filtered_rows(store: &Store, snapshot: &Snapshot, filter: &TaskFilter, today: NaiveDate) -> Result<Vec<TaskRow>> {
    let department = filter_department(store, filter)?;
    let latest = latest_by_task(&snapshot.standings);
    let kept = selected(store, snapshot, &latest, filter, department.as_deref(), today)?;
    Ok(kept.into_iter().map(|candidate| build_row(&snapshot.plan, &snapshot.period, &latest, today, candidate)).collect())
}

/// What a count reads of a row, without building it: whether and how it was reported, and its
/// warning colour.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Tally {
    pub state: Option<RecordState>,
    pub status: Status,
    pub level: Option<Level>,
}

impl Tally {
    fn of(record: Option<&RecordStanding>, alert: Option<&Alert>) -> Tally {
        Tally { state: record.map(|r| r.state), status: record.map_or(Status::NotReported, |r| r.status), level: alert.map(|a| a.level) }
    }
}

/// Where one sub-item of a list stands: what the 工作台 counts by article.
#[derive(Debug, Clone, Copy)]
pub(crate) struct SubItemStanding<'a> {
    /// Its article's code.
    pub article: &'a str,
    pub tally: Tally,
}

/// What the 工作台 reads of one plan's list: where every kept sub-item stands, and the rows of
/// the first `listed` red and blue ones (a plan at a hundred times the seed has thousands; building
/// every row with its texts was a third of the 工作台's time).
pub(crate) struct Overview<'a> {
    pub standings: Vec<SubItemStanding<'a>>,
    pub overdue: Vec<TaskRow>,
    pub upcoming: Vec<TaskRow>,
}

/// The [`Overview`] of `snapshot`: the county's list, or `department`'s (its name as stored).
pub(crate) fn overview<'a>(store: &Store, snapshot: &'a Snapshot, department: Option<&'a str>, today: NaiveDate, listed: usize) -> Result<Overview<'a>> {
    let latest = latest_by_task(&snapshot.standings);
    let kept = selected(store, snapshot, &latest, &TaskFilter::default(), department, today)?;
    let standings = kept.iter().map(|c| SubItemStanding { article: &c.placed.article.code, tally: Tally::of(c.record, c.alert.as_ref()) }).collect();
    let (mut overdue, mut upcoming) = (Vec::new(), Vec::new());
    for candidate in kept {
        let list = match candidate.alert.as_ref().map(|a| a.level) {
            Some(Level::Red) => &mut overdue,
            Some(Level::Blue) => &mut upcoming,
            _ => continue,
        };
        if list.len() < listed {
            list.push(build_row(&snapshot.plan, &snapshot.period, &latest, today, candidate));
        }
    }
    Ok(Overview { standings, overdue, upcoming })
}

/// One row per sub-item: the department's own (when given and responsible), else the first lead's.
pub(crate) fn rows_of(plan: &Plan, period: &Period, standings: &[RecordStanding], department: Option<&str>, today: NaiveDate) -> Vec<TaskRow> {
    rows_with(plan, period, &latest_by_task(standings), department, today)
}

fn rows_with(plan: &Plan, period: &Period, latest: &Latest<'_>, department: Option<&str>, today: NaiveDate) -> Vec<TaskRow> {
    let candidates = candidates(plan, period, latest, department, today);
    candidates.into_iter().map(|candidate| build_row(plan, period, latest, today, candidate)).collect()
}

/// The warning of a department's row on `sub`, from its latest record (none: not reported).
fn warning(sub: &SubItem, record: Option<&RecordStanding>, period: &Period, today: NaiveDate) -> Option<Alert> {
    alert(&sub.deadlines, record.map(|r| r.status), record.map(|r| r.percent), period.starts_on, period.ends_on, today)
}

fn cooperating_reports(sub: &SubItem, latest: &Latest<'_>) -> CooperatingReports {
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

/// Where one responsible department stands on one sub-item: what a count reads of a row of
/// [`rows_of_every_department`], without building the row.
#[derive(Debug, Clone, Copy)]
pub(crate) struct DepartmentStanding<'a> {
    pub department: &'a str,
    pub tally: Tally,
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
            out.push(DepartmentStanding { department, tally: Tally::of(record, warning(sub, record, period, today).as_ref()) });
        }
    }
    out
}

/// Rows of every responsible department, departments in name order.
pub(crate) fn rows_of_every_department(plan: &Plan, period: &Period, standings: &[RecordStanding], today: NaiveDate) -> Vec<TaskRow> {
    let latest = latest_by_task(standings);
    plan.responsible_departments().into_iter().flat_map(|name| rows_with(plan, period, &latest, Some(name), today)).collect()
}
