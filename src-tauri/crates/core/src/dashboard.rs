//! The dashboard: counts by status and warning colour, progress by article and by department,
//! and the overdue and upcoming lists, for the county or one department.

use crate::accounts::Session;
use crate::alerts::Level;
use crate::error::Result;
use crate::periods::Period;
use crate::status::Status;
use crate::store::{RecordState, Store};
use crate::plans::PlanScope;
use crate::task_list::{filtered_rows, standings_of_every_department, Snapshot, TaskFilter, TaskRow};
use chrono::NaiveDate;
use std::collections::{BTreeMap, HashMap};
use serde::Serialize;
use ts_rs::TS;

/// A count of the tasks with one value (a status, a warning colour), for charts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Count<K> {
    /// The value counted.
    pub name: K,
    /// How many.
    pub count: usize,
}

/// Progress of a group of tasks (an article, a department).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct GroupProgress {
    /// Article code or department name.
    pub key: String,
    /// Article title or department name.
    pub name: String,
    /// Tasks.
    pub total: usize,
    /// Submitted (报送): what counts as reported.
    pub submitted: usize,
    /// Saved but not submitted (草稿, 已退回修改), counted apart.
    pub drafts: usize,
    /// Submitted as 已完成 (a draft 已完成 is not counted).
    pub completed: usize,
    /// Red warnings.
    pub red: usize,
}

/// The most overdue and upcoming tasks the dashboard lists (a plan at a hundred times the seed
/// has thousands; the 任务分解表 filters them all by warning).
pub const LISTED: usize = 50;

/// The dashboard of one period.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Dashboard {
    /// The period.
    pub period: Period,
    /// 全县 or the department's name.
    pub scope: String,
    /// Tasks in scope.
    pub total: usize,
    /// Submitted records (报送): what 已填报 means.
    pub submitted: usize,
    /// Records saved but not submitted (草稿, 已退回修改), counted apart from every status.
    pub drafts: usize,
    /// Count of each status word among submitted records, and 未填报 for tasks without any record;
    /// with `drafts` they add up to `total`.
    pub by_status: Vec<Count<Status>>,
    /// Count of red, yellow, blue.
    pub by_alert: Vec<Count<Level>>,
    /// Red tasks, the first [`LISTED`] of them (`by_alert` counts them all).
    pub overdue: Vec<TaskRow>,
    /// Blue tasks, the first [`LISTED`] of them (`by_alert` counts them all).
    pub upcoming: Vec<TaskRow>,
    /// Per article.
    pub by_article: Vec<GroupProgress>,
    /// Per department (the coordinator's dashboard only).
    pub by_department: Vec<GroupProgress>,
}

/// The dashboard for the signed-in user: the county for the coordinator, its own tasks for a
/// department; of one plan, or of every live plan (then grouped by plan instead of article).
pub fn dashboard(store: &Store, session: &Session, scope: PlanScope, period: &str, today: NaiveDate) -> Result<Dashboard> {
    let department = if session.is_coordinator() { None } else { session.department.clone() };
    let filter = TaskFilter { department: department.clone(), ..TaskFilter::default() };
    let plan_ids = scope.plan_ids(store, Some(session))?;
    let several = plan_ids.len() > 1;
    let (mut rows, mut by_article, mut by_department, mut period_shown) = (Vec::new(), Vec::new(), BTreeMap::new(), None);
    for plan_id in plan_ids {
        let snapshot = Snapshot::load(store, plan_id, period)?;
        let plan_rows = filtered_rows(store, &snapshot, &filter, today)?;
        if several {
            let mut plan_group = GroupProgress::empty(plan_id.to_string(), snapshot.plan.name.clone());
            plan_rows.iter().for_each(|r| plan_group.add(Tally::of(r)));
            by_article.push(plan_group);
        } else {
            by_article.extend(article_groups(&snapshot.plan, &plan_rows));
        }
        if session.is_coordinator() {
            for standing in standings_of_every_department(&snapshot.plan, &snapshot.period, &snapshot.standings, today) {
                let name = standing.department.to_string();
                let tally = Tally { state: standing.state, status: standing.status, level: standing.level };
                by_department.entry(name.clone()).or_insert_with(|| GroupProgress::empty(name.clone(), name)).add(tally);
            }
        }
        rows.extend(plan_rows);
        period_shown = Some(snapshot.period);
    }
    let period = period_shown.ok_or(crate::Error::NoPlan)?;
    by_article.retain(|g| g.total > 0);
    let mut by_department: Vec<GroupProgress> = by_department.into_values().collect();
    by_department.sort_by(|a, b| b.total.cmp(&a.total).then(a.name.cmp(&b.name)));
    let submitted = rows.iter().filter(|r| r.state == Some(RecordState::Submitted)).count();
    let drafts = rows.iter().filter(|r| is_draft(r)).count();
    let by_status = Status::ALL.iter().map(|&status| Count { name: status, count: rows.iter().filter(|r| !is_draft(r) && r.status == status).count() }).collect();
    let count_level = |level: Level| rows.iter().filter(|r| r.alert.as_ref().is_some_and(|a| a.level == level)).count();
    let by_alert = Level::ALL.iter().rev().map(|&level| Count { name: level, count: count_level(level) }).collect();
    let with_level = |level: Level| rows.iter().filter(|r| r.alert.as_ref().is_some_and(|a| a.level == level)).take(LISTED).cloned().collect::<Vec<_>>();
    Ok(Dashboard {
        period,
        scope: department.unwrap_or_else(|| "全县".into()),
        total: rows.len(),
        submitted,
        drafts,
        by_status,
        by_alert,
        overdue: with_level(Level::Red),
        upcoming: with_level(Level::Blue),
        by_article,
        by_department,
    })
}

/// A record saved but not submitted: its status is not counted as reported.
fn is_draft(row: &TaskRow) -> bool {
    row.state.is_some_and(|s| s != RecordState::Submitted)
}

/// The progress of each article of `plan`, in plan order, counted in one pass over the rows (a
/// plan at a hundred times the seed has 1,300 articles: filtering every row once per article
/// took longer than loading the plan).
fn article_groups(plan: &crate::plan::Plan, rows: &[TaskRow]) -> Vec<GroupProgress> {
    let mut groups: Vec<GroupProgress> = plan.articles.iter().map(|a| GroupProgress::empty(a.code.clone(), a.heading())).collect();
    let at: HashMap<&str, usize> = plan.articles.iter().enumerate().map(|(i, a)| (a.code.as_str(), i)).collect();
    for row in rows {
        if let Some(&i) = at.get(row.article.as_str()) {
            groups[i].add(Tally::of(row));
        }
    }
    groups
}

/// What a count reads of a row: whether and how it was reported, and its warning colour.
#[derive(Debug, Clone, Copy)]
struct Tally {
    state: Option<RecordState>,
    status: Status,
    level: Option<Level>,
}

impl Tally {
    fn of(row: &TaskRow) -> Tally {
        Tally { state: row.state, status: row.status, level: row.alert.as_ref().map(|a| a.level) }
    }
}

impl GroupProgress {
    fn empty(key: String, name: String) -> GroupProgress {
        GroupProgress { key, name, total: 0, submitted: 0, drafts: 0, completed: 0, red: 0 }
    }

    fn add(&mut self, tally: Tally) {
        let submitted = tally.state == Some(RecordState::Submitted);
        self.total += 1;
        self.submitted += usize::from(submitted);
        self.drafts += usize::from(tally.state.is_some() && !submitted);
        self.completed += usize::from(submitted && tally.status == Status::Completed);
        self.red += usize::from(tally.level == Some(Level::Red));
    }
}
