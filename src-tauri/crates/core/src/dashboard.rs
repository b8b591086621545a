//! The dashboard: counts by status and warning colour, progress by article and by department,
//! and the overdue and upcoming lists, for the county or one department.

use crate::accounts::Session;
use crate::alerts::Level;
use crate::error::Result;
use crate::periods::Period;
use crate::status::Status;
use crate::store::{RecordState, Store};
use crate::plans::PlanScope;
use crate::task_list::{fill_texts, overview, standings_of_every_department, Snapshot, SubItemStanding, Tally, TaskRow};
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

/// The overdue and upcoming tasks the dashboard lists, the first in plan order (a plan at a
/// hundred times the seed has thousands; the 工作台 links to the list filtered by warning, which
/// shows them all).
pub const LISTED: usize = 10;

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
    // As the lists name it: an alias or a renamed department's old name resolved.
    let listed_as = department.as_deref().map(|d| crate::accounts::resolve_department(store, d).map(|(_, name)| name)).transpose()?;
    let plan_ids = scope.plan_ids(store, Some(session))?;
    let several = plan_ids.len() > 1;
    let (mut all, mut by_article, mut by_department, mut period_shown) = (Totals::default(), Vec::new(), BTreeMap::new(), None);
    for plan_id in plan_ids {
        let snapshot = Snapshot::load_skeleton(store, plan_id, period)?;
        let plan = overview(store, &snapshot, listed_as.as_deref(), today, LISTED)?;
        if several {
            let mut plan_group = GroupProgress::empty(plan_id.to_string(), snapshot.plan.name.clone());
            plan.standings.iter().for_each(|s| plan_group.add(s.tally));
            by_article.push(plan_group);
        } else {
            by_article.extend(article_groups(&snapshot.plan, &plan.standings));
        }
        if session.is_coordinator() {
            for standing in standings_of_every_department(&snapshot.plan, &snapshot.period, &snapshot.standings, today) {
                let name = standing.department.to_string();
                by_department.entry(name.clone()).or_insert_with(|| GroupProgress::empty(name.clone(), name)).add(standing.tally);
            }
        }
        plan.standings.iter().for_each(|s| all.add(s.tally));
        all.overdue.extend(plan.overdue);
        all.upcoming.extend(plan.upcoming);
        period_shown = Some(snapshot.period);
    }
    let period = period_shown.ok_or(crate::Error::NoPlan)?;
    by_article.retain(|g| g.total > 0);
    let mut by_department: Vec<GroupProgress> = by_department.into_values().collect();
    by_department.sort_by(|a, b| b.total.cmp(&a.total).then(a.name.cmp(&b.name)));
    all.overdue.truncate(LISTED);
    all.upcoming.truncate(LISTED);
    fill_texts(store, &mut all.overdue)?;
    fill_texts(store, &mut all.upcoming)?;
    Ok(Dashboard {
        period,
        scope: department.unwrap_or_else(|| "全县".into()),
        total: all.total,
        submitted: all.submitted,
        drafts: all.drafts,
        by_status: Status::ALL.iter().map(|&status| Count { name: status, count: all.by_status.get(&status).copied().unwrap_or(0) }).collect(),
        by_alert: Level::ALL.iter().rev().map(|&level| Count { name: level, count: all.by_alert.get(&level).copied().unwrap_or(0) }).collect(),
        overdue: all.overdue,
        upcoming: all.upcoming,
        by_article,
        by_department,
    })
}

/// The counts of every plan shown, and their listed rows.
#[derive(Default)]
struct Totals {
    total: usize,
    submitted: usize,
    drafts: usize,
    /// Submitted records by status, and 未填报 (drafts are counted apart).
    by_status: HashMap<Status, usize>,
    by_alert: HashMap<Level, usize>,
    overdue: Vec<TaskRow>,
    upcoming: Vec<TaskRow>,
}

impl Totals {
    fn add(&mut self, tally: Tally) {
        let draft = tally.state.is_some_and(|s| s != RecordState::Submitted);
        self.total += 1;
        self.submitted += usize::from(tally.state == Some(RecordState::Submitted));
        self.drafts += usize::from(draft);
        if !draft {
            *self.by_status.entry(tally.status).or_default() += 1;
        }
        if let Some(level) = tally.level {
            *self.by_alert.entry(level).or_default() += 1;
        }
    }
}

/// The progress of each article of `plan`, in plan order, counted in one pass over the rows (a
/// plan at a hundred times the seed has 1,300 articles: filtering every row once per article
/// took longer than loading the plan).
fn article_groups(plan: &crate::plan::Plan, standings: &[SubItemStanding<'_>]) -> Vec<GroupProgress> {
    let mut groups: Vec<GroupProgress> = plan.articles.iter().map(|a| GroupProgress::empty(a.code.clone(), a.heading())).collect();
    let at: HashMap<&str, usize> = plan.articles.iter().enumerate().map(|(i, a)| (a.code.as_str(), i)).collect();
    for standing in standings {
        if let Some(&i) = at.get(standing.article) {
            groups[i].add(standing.tally);
        }
    }
    groups
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
