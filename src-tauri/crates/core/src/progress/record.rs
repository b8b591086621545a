//! A progress record as the form and the history show it: where it lives (sub-item,
//! department, period), its versions, whether the signed-in user may edit or reopen it, and
//! the values the form opens with.

use crate::accounts::{resolve_department, Session};
use crate::error::{Error, Result};
use crate::periods::{find_period, PeriodStatus};
use crate::plan::{SubItem, TaskRole};
use crate::status::Status;
use crate::store::{EvidenceFile, ProgressFields, ProgressRow, RecordState, Store, TargetValue};
use serde::Serialize;
use ts_rs::TS;

/// One department's record for a sub-item and period, with its history.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ProgressRecord {
    /// The plan (version) the sub-item belongs to.
    pub plan_id: i64,
    /// Sub-item code.
    pub code: String,
    /// Department (canonical).
    pub department: String,
    /// `lead` or `cooperating`.
    pub role: TaskRole,
    /// Period key.
    pub period: String,
    /// Newest version first; empty when nothing was saved yet.
    pub history: Vec<Version>,
    /// Whether the signed-in user may save now.
    pub editable: bool,
    /// Why not, when not.
    pub read_only_reason: Option<String>,
    /// Whether the signed-in user may reopen it (coordinator, submitted record).
    pub can_reopen: bool,
    /// Every department responsible for the sub-item with its part, leads first: whose
    /// records may be opened.
    pub responsible: Vec<Responsibility>,
    /// What the form starts with: the latest version, or for a new record the default status
    /// and this PC's 填报人 and 联系电话.
    pub form: FormValues,
}

/// A department responsible for a sub-item, and its part.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Responsibility {
    /// Canonical name.
    pub department: String,
    /// Lead or cooperating.
    pub role: TaskRole,
}

/// The values a progress form opens with.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct FormValues {
    /// Status, percent, texts, reporter (flattened in the JSON).
    #[serde(flatten)]
    pub fields: ProgressFields,
    /// One entry per target of the sub-item, in order (value none when not reported).
    pub targets: Vec<TargetValue>,
}

/// One saved version.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Version {
    /// 1, 2, 3 …
    pub version: i64,
    /// What was reported (flattened: `status`, `percent`, `progress` … in the JSON).
    #[serde(flatten)]
    pub fields: ProgressFields,
    /// Who saved it.
    pub saved_by: String,
    /// When, UTC.
    pub saved_at: String,
    /// Actual target values.
    pub targets: Vec<TargetValue>,
    /// Attached files.
    pub evidence: Vec<EvidenceFile>,
}

/// Where a record lives: resolved sub-item, department and period.
pub(super) struct Place {
    pub(super) subitem: SubItem,
    pub(super) subitem_id: i64,
    pub(super) department_id: i64,
    pub(super) department: String,
    pub(super) role: TaskRole,
    pub(super) period_id: i64,
    pub(super) period_key: String,
    pub(super) period_open: bool,
    pub(super) plan_id: i64,
    /// Why the plan takes no more progress: superseded by a revision, or a draft.
    pub(super) plan_closed: Option<String>,
}

pub(super) fn locate(store: &Store, session: &Session, plan_id: Option<i64>, code: &str, department: Option<&str>, period: &str) -> Result<Place> {
    let plan_id = crate::plans::resolve(store, Some(session), plan_id)?;
    let plan = store.load_plan(plan_id)?;
    let subitem = plan.subitems().find(|s| s.code == code.trim()).cloned().ok_or_else(|| Error::NotFound(format!("没有编号为 {code} 的小项")))?;
    let subitem_id = store.subitem_id(plan_id, &subitem.code)?.ok_or_else(|| Error::NotFound(format!("没有编号为 {code} 的小项")))?;
    let (department_id, department) = match department.filter(|d| !d.trim().is_empty()) {
        Some(written) => resolve_department(store, written)?,
        // Unnamed: the signed-in department when it is responsible, else the first lead.
        None => match (session.department_id, &session.department) {
            (Some(id), Some(name)) if subitem.role_of(name).is_some() => (id, name.clone()),
            _ => resolve_department(store, subitem.lead.first().ok_or_else(|| Error::InvalidInput("请指定填报部门".into()))?)?,
        },
    };
    let role = subitem
        .role_of(&department)
        .ok_or_else(|| Error::Forbidden(format!("{department}不是小项 {} 的牵头或配合单位，不能填报其进展", subitem.code)))?;
    let period = find_period(store, period)?;
    let period_row = store.period(&period.key)?.ok_or_else(|| Error::NotFound(format!("报告期 {} 尚未创建", period.key)))?;
    let row = store.plan_row(plan_id)?;
    let plan_closed = match (row.superseded, row.draft) {
        (true, _) => Some(format!("“{}”第{}版已被新的版本取代，只能查看；请在最新版本中填报", row.name, row.version)),
        (_, true) => Some(format!("“{}”还是草稿，汇总单位发布后才能填报", row.name)),
        _ => None,
    };
    let period_open = period.status == PeriodStatus::Open;
    Ok(Place { subitem, subitem_id, department_id, department, role, period_id: period_row.id, period_key: period.key, period_open, plan_id, plan_closed })
}

/// A department's record of a sub-item in a period, as the signed-in user may see and edit it.
pub fn progress_record(store: &Store, session: &Session, code: &str, department: Option<&str>, period: &str) -> Result<ProgressRecord> {
    progress_record_in(store, session, None, code, department, period)
}

/// [`progress_record`] of a sub-item of the plan `plan_id` (default: as [`crate::plans::resolve`]).
///
/// # Errors
/// As [`progress_record`].
pub fn progress_record_in(store: &Store, session: &Session, plan_id: Option<i64>, code: &str, department: Option<&str>, period: &str) -> Result<ProgressRecord> {
    let place = locate(store, session, plan_id, code, department, period)?;
    session.require_reader_of(place.department_id, &place.department)?;
    record_of(store, session, &place)
}

pub(super) fn record_of(store: &Store, session: &Session, place: &Place) -> Result<ProgressRecord> {
    let rows = store.progress_history(place.subitem_id, place.department_id, place.period_id)?;
    let target_ids = store.target_ids(place.subitem_id)?;
    let history = rows.into_iter().map(|row| version_of(store, row, &target_ids)).collect::<Result<Vec<_>>>()?;
    let submitted = history.first().is_some_and(|v| v.fields.state == RecordState::Submitted);
    let permitted = session.require_department(place.department_id, &place.department);
    let read_only_reason = match (&permitted, submitted, place.period_open) {
        _ if place.plan_closed.is_some() => place.plan_closed.clone(),
        (Err(e), _, _) => Some(e.to_string()),
        (_, _, false) => Some(Error::PeriodClosed(place.period_key.clone()).to_string()),
        (_, true, _) => Some(Error::Locked.to_string()),
        _ => None,
    };
    Ok(ProgressRecord {
        plan_id: place.plan_id,
        code: place.subitem.code.clone(),
        department: place.department.clone(),
        role: place.role,
        period: place.period_key.clone(),
        editable: read_only_reason.is_none(),
        read_only_reason,
        can_reopen: submitted && place.plan_closed.is_none() && super::may_reopen(store, session, place, history.first().map(|v| v.saved_at.as_str())).is_ok(),
        form: form_values(store, session, &place.subitem, history.first())?,
        responsible: responsible(&place.subitem),
        history,
    })
}

fn responsible(subitem: &SubItem) -> Vec<Responsibility> {
    let lead = subitem.lead.iter().map(|d| Responsibility { department: d.clone(), role: TaskRole::Lead });
    let cooperating = subitem.cooperating.iter().filter(|d| !subitem.lead.contains(d)).map(|d| Responsibility { department: d.clone(), role: TaskRole::Cooperating });
    lead.chain(cooperating).collect()
}

fn form_values(store: &Store, session: &Session, subitem: &SubItem, latest: Option<&Version>) -> Result<FormValues> {
    let fields = match latest {
        Some(version) => version.fields.clone(),
        None => {
            let own = crate::profile::profile(store, session)?;
            ProgressFields { status: Status::DEFAULT, percent: 0, reporter: own.reporter, phone: own.phone, ..ProgressFields::default() }
        }
    };
    let saved = latest.map_or(&[][..], |v| v.targets.as_slice());
    let targets = (0..subitem.targets.len())
        .map(|index| saved.iter().find(|t| t.index == index).cloned().unwrap_or(TargetValue { index, value: None, note: String::new() }))
        .collect();
    Ok(FormValues { fields, targets })
}

pub(super) fn version_of(store: &Store, row: ProgressRow, target_ids: &[i64]) -> Result<Version> {
    let attached = store.version_attachments(row.id)?;
    let targets = attached
        .values
        .into_iter()
        .filter_map(|v| target_ids.iter().position(|t| *t == v.target_id).map(|index| TargetValue { index, value: v.value, note: v.note }))
        .collect();
    Ok(Version { version: row.version, fields: row.fields, saved_by: row.saved_by, saved_at: row.saved_at, targets, evidence: attached.evidence })
}
