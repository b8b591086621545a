//! Plans side by side: which plan a command works on (the one named, else the one the account
//! chose to show, else the current plan), the plans list with each one's version history, the
//! 已删除任务 list, and publishing a draft read from prose.

use crate::accounts::Session;
use crate::error::{Error, Result};
use crate::revision::PlanChanges;
use crate::store::{AuditEntry, PlanRow, RemovedSubItem, Store};
use serde::Serialize;
use ts_rs::TS;

/// What an account shows: one plan, or every live plan at once (我的任务 / 工作台 only).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
pub struct PlanChoice {
    /// The plan shown; `None` with `all` for every plan.
    pub plan_id: Option<i64>,
    /// Every live plan at once.
    pub all: bool,
}

/// Which plans a view covers: one (`plan_id`, default the account's choice) or all live ones.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Deserialize, Serialize, TS)]
pub struct PlanScope {
    /// The plan; default the one the account shows, else the current plan.
    #[serde(default)]
    #[ts(optional)]
    pub plan_id: Option<i64>,
    /// Every live plan at once.
    #[serde(default)]
    #[ts(optional)]
    pub all: Option<bool>,
}

impl PlanScope {
    /// The plans covered, resolved for `session`.
    ///
    /// # Errors
    /// As [`resolve`]; [`Error::NoPlan`] when there is no live plan.
    pub fn plan_ids(&self, store: &Store, session: Option<&Session>) -> Result<Vec<i64>> {
        if self.all == Some(true) {
            let live: Vec<i64> = live_plans(store)?.into_iter().map(|p| p.id).collect();
            return if live.is_empty() { Err(Error::NoPlan) } else { Ok(live) };
        }
        Ok(vec![resolve(store, session, self.plan_id)?])
    }
}

/// A revision in a plan's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PlanVersion {
    /// The version's plan row.
    pub plan: PlanRow,
    /// What it changed against the version before (empty for version 1).
    pub changes: PlanChanges,
}

/// Every stored plan, oldest first (`taizhang plans`).
///
/// # Errors
/// A database failure.
pub fn list_plans(store: &Store) -> Result<Vec<PlanRow>> {
    store.plans()
}

/// The plan a command works on: `asked` when given (any stored plan, to read an old version),
/// else the plan the signed-in account last chose, else the current plan.
///
/// # Errors
/// [`Error::PlanNotFound`] for an id not stored; [`Error::NoPlan`] with no plan at all.
pub fn resolve(store: &Store, session: Option<&Session>, asked: Option<i64>) -> Result<i64> {
    if let Some(id) = asked {
        return store.plan_row(id).map(|p| p.id);
    }
    if let Some(PlanChoice { plan_id: Some(id), .. }) = session.map(|s| chosen(store, s)).transpose()? {
        return Ok(id);
    }
    store.current_plan_id()?.ok_or(Error::NoPlan)
}

/// The live plans (published, not superseded), in import order.
///
/// # Errors
/// A database failure.
pub fn live_plans(store: &Store) -> Result<Vec<PlanRow>> {
    Ok(store.plans()?.into_iter().filter(|p| !p.superseded && !p.draft).collect())
}

/// The plan the account shows. A choice whose plan was since revised follows the revision.
///
/// # Errors
/// A database failure.
pub fn chosen(store: &Store, session: &Session) -> Result<PlanChoice> {
    let stored = store.setting(&choice_key(session))?;
    match stored.as_deref() {
        Some("all") => Ok(PlanChoice { plan_id: None, all: true }),
        Some(id) => {
            let plans = store.plans()?;
            let mut id = id.parse::<i64>().ok();
            // Follow revisions to the live version.
            while let Some(next) = id.and_then(|i| plans.iter().find(|p| p.revision_of == Some(i) && !p.draft)) {
                id = Some(next.id);
            }
            let live = id.filter(|i| plans.iter().any(|p| p.id == *i && !p.superseded));
            Ok(PlanChoice { plan_id: live.or(store.current_plan_id()?), all: false })
        }
        None => Ok(PlanChoice { plan_id: store.current_plan_id()?, all: false }),
    }
}

/// Remember which plan the account shows (`None`: every plan).
///
/// # Errors
/// [`Error::PlanNotFound`] for an id not stored; [`Error::Forbidden`] for a draft chosen by a
/// department.
pub fn choose(store: &Store, session: &Session, plan_id: Option<i64>) -> Result<PlanChoice> {
    let value = match plan_id {
        Some(id) => {
            let row = store.plan_row(id)?;
            if row.draft && !session.is_coordinator() {
                return Err(Error::Forbidden("草稿尚未发布，只有汇总单位可以查看".into()));
            }
            row.id.to_string()
        }
        None => "all".to_string(),
    };
    store.set_preference(&choice_key(session), Some(&value))?;
    chosen(store, session)
}

fn choice_key(session: &Session) -> String {
    format!("plan_choice:{}", session.account_id)
}

/// The versions of the plan line `plan_id` belongs to, oldest first, each with its changes.
///
/// # Errors
/// [`Error::PlanNotFound`] for an id not stored.
pub fn plan_history(store: &Store, plan_id: i64) -> Result<Vec<PlanVersion>> {
    let plans = store.plans()?;
    let mut first = store.plan_row(plan_id)?;
    while let Some(before) = first.revision_of.and_then(|id| plans.iter().find(|p| p.id == id)) {
        first = before.clone();
    }
    let mut line = vec![first];
    while let Some(next) = line.last().and_then(|last| plans.iter().find(|p| p.revision_of == Some(last.id))) {
        line.push(next.clone());
    }
    line.into_iter().map(|plan| Ok(PlanVersion { changes: store.plan_changes(plan.id)?, plan })).collect()
}

/// Sub-items revisions removed, with their archived progress counts; a department account sees
/// the ones its department was responsible for (why a task left its list).
///
/// # Errors
/// A database failure.
pub fn removed_tasks(store: &Store, session: &Session) -> Result<Vec<RemovedSubItem>> {
    let all = store.removed_subitems()?;
    Ok(match (&session.department, session.is_coordinator()) {
        (Some(own), false) => all.into_iter().filter(|r| r.departments.iter().any(|d| d == own)).collect(),
        _ => all,
    })
}

/// Publish a draft (a plan read from prose, reviewed): departments see it from now on.
///
/// # Errors
/// [`Error::Forbidden`] unless the coordinator; [`Error::InvalidInput`] for a plan that is not
/// a draft.
pub fn publish(store: &Store, actor: &Session, plan_id: i64) -> Result<PlanRow> {
    actor.require_coordinator("发布计划")?;
    let row = store.plan_row(plan_id)?;
    if !row.draft {
        return Err(Error::InvalidInput(format!("计划“{}”已发布，无需再次发布", row.name)));
    }
    let audit = AuditEntry { account_id: Some(actor.account_id), action: "发布计划", subject: row.name.clone(), detail: format!("计划 {plan_id}，{} 个小项", row.subitems) };
    store.publish_plan(plan_id, &audit)?;
    store.plan_row(plan_id)
}
