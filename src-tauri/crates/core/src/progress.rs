//! Progress of a department on a sub-item in a period: drafts, submission, the coordinator's
//! reopening, the version history, and every rule that guards them. Each save appends a version.

use ts_rs::TS;
use crate::accounts::{resolve_department, Session};
use crate::error::{Error, Result};
use crate::evidence::store_evidence;
use crate::periods::{find_period, PeriodStatus};
use crate::status::Status;
use crate::plan::{SubItem, TaskRole};
use crate::store::{AuditEntry, EvidenceFile, NewVersion, ProgressFields, ProgressRow, RecordState, Store, StoredTargetValue, TargetValue};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Longest text accepted in one field.
pub const MAX_TEXT_CHARS: usize = 5000;

/// What the progress form sends.
#[derive(Debug, Clone, Default, Deserialize, TS)]
pub struct ProgressInput {
    /// Sub-item code.
    pub code: String,
    /// Department (any alias); defaults to the signed-in department.
    pub department: Option<String>,
    /// Period key.
    pub period: String,
    /// One of [`Status::REPORTABLE`].
    pub status: Status,
    /// 0–100.
    pub percent: i64,
    /// 进展情况.
    #[serde(default)]
    pub progress: String,
    /// 存在问题.
    #[serde(default)]
    pub problems: String,
    /// 下步计划.
    #[serde(default)]
    pub next_steps: String,
    /// 备注.
    #[serde(default)]
    pub remarks: String,
    /// 填报人.
    #[serde(default)]
    pub reporter: String,
    /// 联系电话.
    #[serde(default)]
    pub phone: String,
    /// Actual values of the sub-item's targets, by position.
    #[serde(default)]
    pub targets: Vec<TargetValueInput>,
    /// Files to attach (copied into the data folder).
    #[serde(default)]
    pub evidence: Vec<PathBuf>,
    /// The version the form was opened on (0 for a new record): a later save elsewhere wins.
    pub opened_version: i64,
    /// Submit (lock) rather than save a draft.
    #[serde(default)]
    pub submit: bool,
}

/// An actual value for one target.
#[derive(Debug, Clone, Default, Deserialize, TS)]
pub struct TargetValueInput {
    /// Position of the target in the sub-item (0-based).
    pub index: usize,
    /// The value.
    pub value: Option<f64>,
    /// A note.
    #[serde(default)]
    pub note: String,
}

/// One department's record for a sub-item and period, with its history.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ProgressRecord {
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
struct Place {
    subitem: SubItem,
    subitem_id: i64,
    department_id: i64,
    department: String,
    role: TaskRole,
    period_id: i64,
    period_key: String,
    period_open: bool,
}

fn locate(store: &Store, session: &Session, code: &str, department: Option<&str>, period: &str) -> Result<Place> {
    let plan_id = store.latest_plan_id()?.ok_or(Error::NoPlan)?;
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
    Ok(Place { subitem, subitem_id, department_id, department, role, period_id: period_row.id, period_key: period.key, period_open: period.status == PeriodStatus::Open })
}

/// A department's record of a sub-item in a period, as the signed-in user may see and edit it.
pub fn progress_record(store: &Store, session: &Session, code: &str, department: Option<&str>, period: &str) -> Result<ProgressRecord> {
    let place = locate(store, session, code, department, period)?;
    record_of(store, session, &place)
}

fn record_of(store: &Store, session: &Session, place: &Place) -> Result<ProgressRecord> {
    let rows = store.progress_history(place.subitem_id, place.department_id, place.period_id)?;
    let target_ids = store.target_ids(place.subitem_id)?;
    let history = rows.into_iter().map(|row| version_of(store, row, &target_ids)).collect::<Result<Vec<_>>>()?;
    let submitted = history.first().is_some_and(|v| v.fields.state == RecordState::Submitted);
    let permitted = session.require_department(place.department_id, &place.department);
    let read_only_reason = match (&permitted, submitted, place.period_open) {
        (Err(e), _, _) => Some(e.to_string()),
        (_, _, false) => Some(Error::PeriodClosed(place.period_key.clone()).to_string()),
        (_, true, _) => Some(Error::Locked.to_string()),
        _ => None,
    };
    Ok(ProgressRecord {
        code: place.subitem.code.clone(),
        department: place.department.clone(),
        role: place.role,
        period: place.period_key.clone(),
        editable: read_only_reason.is_none(),
        read_only_reason,
        can_reopen: session.is_coordinator() && submitted,
        form: form_values(store, &place.subitem, history.first())?,
        responsible: responsible(&place.subitem),
        history,
    })
}

fn responsible(subitem: &SubItem) -> Vec<Responsibility> {
    let lead = subitem.lead.iter().map(|d| Responsibility { department: d.clone(), role: TaskRole::Lead });
    let cooperating = subitem.cooperating.iter().filter(|d| !subitem.lead.contains(d)).map(|d| Responsibility { department: d.clone(), role: TaskRole::Cooperating });
    lead.chain(cooperating).collect()
}

fn form_values(store: &Store, subitem: &SubItem, latest: Option<&Version>) -> Result<FormValues> {
    let fields = match latest {
        Some(version) => version.fields.clone(),
        None => {
            let settings = crate::admin::settings(store)?;
            ProgressFields { status: Status::DEFAULT, percent: 0, reporter: settings.reporter, phone: settings.phone, ..ProgressFields::default() }
        }
    };
    let saved = latest.map_or(&[][..], |v| v.targets.as_slice());
    let targets = (0..subitem.targets.len())
        .map(|index| saved.iter().find(|t| t.index == index).cloned().unwrap_or(TargetValue { index, value: None, note: String::new() }))
        .collect();
    Ok(FormValues { fields, targets })
}

fn version_of(store: &Store, row: ProgressRow, target_ids: &[i64]) -> Result<Version> {
    let attached = store.version_attachments(row.id)?;
    let targets = attached
        .values
        .into_iter()
        .filter_map(|v| target_ids.iter().position(|t| *t == v.target_id).map(|index| TargetValue { index, value: v.value, note: v.note }))
        .collect();
    Ok(Version { version: row.version, fields: row.fields, saved_by: row.saved_by, saved_at: row.saved_at, targets, evidence: attached.evidence })
}

/// Save a draft or submit: a new version, never an overwrite.
///
/// # Errors
/// [`Error::Forbidden`] for another department's record, [`Error::PeriodClosed`],
/// [`Error::Locked`] for a submitted record, [`Error::Stale`] when the record moved on since
/// `input.opened_version`, [`Error::InvalidInput`] for a value the form would refuse, and
/// [`Error::Io`] when an evidence file cannot be read.
///
/// # Examples
/// A department saves a draft of its sub-item 1.1.1.2 (see `examples/save_progress.rs`):
/// ```no_run
/// # fn main() -> taizhang_core::Result<()> {
/// use taizhang_core::{accounts, database, progress::{save_progress, ProgressInput}, status::Status};
/// let store = database::open_database(None)?;
/// let farm = accounts::sign_in(&store, "nyj", "secret123")?;
/// let draft = ProgressInput { code: "1.1.1.2".into(), period: "2026Q4".into(), status: Status::OnSchedule, percent: 40, ..ProgressInput::default() };
/// let record = save_progress(&store, &farm, std::path::Path::new("evidence"), &draft)?;
/// assert_eq!(record.history[0].version, 1);
/// # Ok(()) }
/// ```
pub fn save_progress(store: &Store, session: &Session, evidence_dir: &Path, input: &ProgressInput) -> Result<ProgressRecord> {
    check_save(store, session, input)?;
    let staged = stage_evidence(evidence_dir, &input.evidence)?;
    save_staged(store, session, input, &staged)
}

/// [`save_progress`] on a store shared between threads (the desktop app): the checks and the
/// save each take the lock, the evidence files are copied between them without it, so a large
/// file never blocks other windows' commands.
///
/// # Errors
/// As [`save_progress`].
pub fn save_progress_shared(store: &Mutex<Store>, session: &Session, evidence_dir: &Path, input: &ProgressInput) -> Result<ProgressRecord> {
    check_save(&crate::store::lock(store), session, input)?;
    let staged = stage_evidence(evidence_dir, &input.evidence)?;
    save_staged(&crate::store::lock(store), session, input, &staged)
}

/// Copy the files to attach into the evidence folder (content-addressed).
fn stage_evidence(evidence_dir: &Path, files: &[PathBuf]) -> Result<Vec<EvidenceFile>> {
    files.iter().map(|path| store_evidence(evidence_dir, path)).collect()
}

/// Everything a save checks against the store: the place, and the latest version held.
fn check_save(store: &Store, session: &Session, input: &ProgressInput) -> Result<(Place, Option<ProgressRow>)> {
    let place = locate(store, session, &input.code, input.department.as_deref(), &input.period)?;
    session.require_department(place.department_id, &place.department)?;
    if !place.period_open {
        return Err(Error::PeriodClosed(place.period_key.clone()));
    }
    let history = store.progress_history(place.subitem_id, place.department_id, place.period_id)?;
    let latest = history.first();
    if latest.is_some_and(|v| v.fields.state == RecordState::Submitted) {
        return Err(Error::Locked);
    }
    let latest_version = latest.map_or(0, |v| v.version);
    if input.opened_version != latest_version {
        let saved_at = latest.map(|v| v.saved_at.clone()).unwrap_or_default();
        return Err(Error::Stale { opened: input.opened_version, current: latest_version, saved_at });
    }
    validate(input, &place.subitem)?;
    let latest = latest.cloned();
    Ok((place, latest))
}

/// Append the version of a checked save, with evidence files already copied.
fn save_staged(store: &Store, session: &Session, input: &ProgressInput, staged: &[EvidenceFile]) -> Result<ProgressRecord> {
    let (place, latest) = check_save(store, session, input)?;
    let latest = latest.as_ref();
    let latest_version = latest.map_or(0, |v| v.version);
    let target_ids = store.target_ids(place.subitem_id)?;
    let target_values: Vec<StoredTargetValue> = input
        .targets
        .iter()
        .filter(|t| t.value.is_some() || !t.note.trim().is_empty())
        .map(|t| {
            let id = target_ids.get(t.index).copied().ok_or_else(|| Error::InvalidInput(format!("小项没有第 {} 个量化目标", t.index + 1)))?;
            Ok(StoredTargetValue { target_id: id, value: t.value, note: t.note.trim().to_string() })
        })
        .collect::<Result<_>>()?;
    let mut evidence = latest.map(|v| store.version_attachments(v.id)).transpose()?.map(|a| a.evidence).unwrap_or_default();
    for file in staged {
        if !evidence.iter().any(|held| held.sha256 == file.sha256 && held.name == file.name) {
            evidence.push(file.clone());
        }
    }
    let row = ProgressRow {
        id: 0,
        subitem_id: place.subitem_id,
        department_id: place.department_id,
        period_id: place.period_id,
        version: latest_version + 1,
        fields: ProgressFields {
            status: input.status.clone(),
            percent: input.percent,
            progress: input.progress.trim().to_string(),
            problems: input.problems.trim().to_string(),
            next_steps: input.next_steps.trim().to_string(),
            remarks: input.remarks.trim().to_string(),
            reporter: input.reporter.trim().to_string(),
            phone: input.phone.trim().to_string(),
            state: if input.submit { RecordState::Submitted } else { RecordState::Draft },
        },
        saved_by: String::new(),
        saved_at: String::new(),
    };
    let action = if input.submit { "报送进展" } else { "保存草稿" };
    let audit = AuditEntry {
        account_id: Some(session.account_id),
        action,
        subject: format!("{} {} {}", place.subitem.code, place.department, place.period_key),
        detail: format!("第 {} 版：{} {}%", row.version, row.fields.status, row.fields.percent),
    };
    let new = NewVersion { row: &row, account_id: session.account_id, target_values: &target_values, evidence: &evidence };
    if store.append_progress(&new, latest_version, &audit)?.is_none() {
        let now_latest = store.progress_history(place.subitem_id, place.department_id, place.period_id)?;
        let current = now_latest.first();
        return Err(Error::Stale { opened: input.opened_version, current: current.map_or(0, |v| v.version), saved_at: current.map(|v| v.saved_at.clone()).unwrap_or_default() });
    }
    record_of(store, session, &place)
}

/// The coordinator reopens a submitted record: a new editable version with the same content.
pub fn reopen_progress(store: &Store, session: &Session, code: &str, department: &str, period: &str, reason: &str) -> Result<ProgressRecord> {
    session.require_coordinator("退回已报送的进展")?;
    let place = locate(store, session, code, Some(department), period)?;
    let history = store.progress_history(place.subitem_id, place.department_id, place.period_id)?;
    let latest = history.first().filter(|v| v.fields.state == RecordState::Submitted).ok_or_else(|| Error::InvalidInput("该进展尚未报送，无需退回".into()))?;
    let attached = store.version_attachments(latest.id)?;
    let fields = ProgressFields { state: RecordState::Reopened, ..latest.fields.clone() };
    let row = ProgressRow { version: latest.version + 1, fields, ..latest.clone() };
    let audit = AuditEntry {
        account_id: Some(session.account_id),
        action: "退回修改",
        subject: format!("{} {} {}", place.subitem.code, place.department, place.period_key),
        detail: reason.trim().to_string(),
    };
    let new = NewVersion { row: &row, account_id: session.account_id, target_values: &attached.values, evidence: &attached.evidence };
    store.append_progress(&new, latest.version, &audit)?.ok_or(Error::Stale { opened: latest.version, current: latest.version + 1, saved_at: String::new() })?;
    record_of(store, session, &place)
}

fn validate(input: &ProgressInput, subitem: &SubItem) -> Result<()> {
    if !Status::REPORTABLE.contains(&input.status) {
        return Err(Error::InvalidInput(format!("完成状态“{}”不能填报，应为：{}", input.status, Status::choices())));
    }
    if !(0..=100).contains(&input.percent) {
        return Err(Error::InvalidInput(format!("完成百分比应在 0–100 之间，填写的是 {}", input.percent)));
    }
    if input.status == Status::Completed && input.percent != 100 {
        return Err(Error::InvalidInput("状态为“已完成”时，完成百分比应为 100".into()));
    }
    for (name, text) in [("进展情况", &input.progress), ("存在问题", &input.problems), ("下步计划", &input.next_steps), ("备注", &input.remarks), ("填报人", &input.reporter)] {
        if text.chars().count() > MAX_TEXT_CHARS {
            return Err(Error::InvalidInput(format!("{name}不能超过 {MAX_TEXT_CHARS} 个字")));
        }
    }
    let phone = input.phone.trim();
    if phone.chars().count() > 30 || !phone.chars().all(|c| c.is_ascii_digit() || " -+()（）转".contains(c)) {
        return Err(Error::InvalidInput(format!("联系电话“{phone}”格式不对")));
    }
    if input.submit && (input.reporter.trim().is_empty() || input.progress.trim().is_empty()) {
        return Err(Error::InvalidInput("报送前请填写进展情况和填报人".into()));
    }
    if let Some(t) = input.targets.iter().find(|t| t.index >= subitem.targets.len()) {
        return Err(Error::InvalidInput(format!("小项没有第 {} 个量化目标", t.index + 1)));
    }
    if input.targets.iter().any(|t| t.value.is_some_and(|v| !v.is_finite())) {
        return Err(Error::InvalidInput("量化目标的实际值应为数字".into()));
    }
    Ok(())
}
