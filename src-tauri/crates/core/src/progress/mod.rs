//! Progress of a department on a sub-item in a period: drafts, submission, the coordinator's
//! reopening, the version history, and every rule that guards them. Each save appends a version.

use ts_rs::TS;
use crate::accounts::Session;
use crate::error::{Error, Result};
use crate::evidence::Staged;
use crate::status::Status;
use crate::plan::SubItem;
use crate::store::{AuditEntry, EvidenceFile, NewVersion, ProgressFields, ProgressRow, RecordState, Store, StoredTargetValue};
use serde::Deserialize;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

mod record;

use record::{locate, record_of, Place};
pub use record::{progress_record, progress_record_in, FormValues, ProgressRecord, Responsibility, Version};

/// Longest text accepted in one field.
pub const MAX_TEXT_CHARS: usize = 5000;

/// Which record: a department's on a sub-item of a plan in a period.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, TS)]
pub struct RecordKey {
    /// The plan (default: the one the account shows, else the current plan).
    #[serde(default)]
    #[ts(optional)]
    pub plan_id: Option<i64>,
    /// Sub-item code.
    pub code: String,
    /// Department (any alias); default the signed-in department, else the first lead.
    #[serde(default)]
    #[ts(optional)]
    pub department: Option<String>,
    /// Period key.
    pub period: String,
}

/// What the progress form sends.
#[derive(Debug, Clone, Default, Deserialize, TS)]
pub struct ProgressInput {
    /// The plan (default: the one the account shows, else the current plan).
    #[serde(default)]
    #[ts(optional)]
    pub plan_id: Option<i64>,
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
    /// Files of the latest version to leave out of the new one (by sha256); history keeps them.
    #[serde(default)]
    pub remove_evidence: Vec<String>,
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
    let staged = Staged::copy(evidence_dir, &input.evidence)?;
    let saved = save_staged(store, session, input, &staged.files);
    if saved.is_err() {
        staged.discard(store);
    }
    saved
}

/// [`save_progress`] on a store shared between threads (the desktop app): the checks and the
/// save each take the lock, the evidence files are copied between them without it, so a large
/// file never blocks other windows' commands.
///
/// # Errors
/// As [`save_progress`].
pub fn save_progress_shared(store: &Mutex<Store>, session: &Session, evidence_dir: &Path, input: &ProgressInput) -> Result<ProgressRecord> {
    check_save(&crate::store::lock(store), session, input)?;
    let staged = Staged::copy(evidence_dir, &input.evidence)?;
    let guard = crate::store::lock(store);
    let saved = save_staged(&guard, session, input, &staged.files);
    if saved.is_err() {
        staged.discard(&guard);
    }
    saved
}

/// Everything a save checks against the store: the place, and the latest version held.
fn check_save(store: &Store, session: &Session, input: &ProgressInput) -> Result<(Place, Option<ProgressRow>)> {
    let place = locate(store, session, input.plan_id, &input.code, input.department.as_deref(), &input.period)?;
    session.require_department(place.department_id, &place.department)?;
    if let Some(why) = &place.plan_closed {
        return Err(Error::InvalidInput(why.clone()));
    }
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
            let id = target_ids.get(t.index).copied().ok_or_else(|| Error::InvalidInput(format!("小项没有第 {} 个量化目标", t.index.saturating_add(1))))?;
            Ok(StoredTargetValue { target_id: id, value: t.value, note: t.note.trim().to_string() })
        })
        .collect::<Result<_>>()?;
    let mut evidence = latest.map(|v| store.version_attachments(v.id)).transpose()?.map(|a| a.evidence).unwrap_or_default();
    if let Some(unknown) = input.remove_evidence.iter().find(|sha| !evidence.iter().any(|held| &held.sha256 == *sha)) {
        return Err(Error::InvalidInput(format!("要移除的佐证材料（{}）不在最新版本中", unknown.chars().take(12).collect::<String>())));
    }
    evidence.retain(|held| !input.remove_evidence.contains(&held.sha256));
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
            status: input.status,
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

/// Longest reason for reopening a record, in characters.
pub const MAX_REASON_CHARS: usize = 200;

/// Reopen a submitted record: a new editable version with the same content. The coordinator
/// may always; a department's administrator its own department's record, until a department
/// sheet holding it has been exported (handed upward). A reason is required and logged.
///
/// # Errors
/// [`Error::Forbidden`] for anybody else, or once the sheet was exported; [`Error::InvalidInput`]
/// for a record not submitted or a missing or overlong reason.
pub fn reopen_progress(store: &Store, session: &Session, code: &str, department: &str, period: &str, reason: &str) -> Result<ProgressRecord> {
    reopen_progress_in(store, session, None, code, department, period, reason)
}

/// [`reopen_progress`] of a record of the plan `plan_id` (default: as [`crate::plans::resolve`]).
///
/// # Errors
/// As [`reopen_progress`].
pub fn reopen_progress_in(store: &Store, session: &Session, plan_id: Option<i64>, code: &str, department: &str, period: &str, reason: &str) -> Result<ProgressRecord> {
    let reason = reason.trim();
    if reason.is_empty() || reason.chars().count() > MAX_REASON_CHARS {
        return Err(Error::InvalidInput(format!("请填写退回原因（1–{MAX_REASON_CHARS} 个字）")));
    }
    let place = locate(store, session, plan_id, code, Some(department), period)?;
    let history = store.progress_history(place.subitem_id, place.department_id, place.period_id)?;
    may_reopen(store, session, &place, history.first().map(|v| v.saved_at.as_str()))?;
    let latest = history.first().filter(|v| v.fields.state == RecordState::Submitted).ok_or_else(|| Error::InvalidInput("该进展尚未报送，无需退回".into()))?;
    let attached = store.version_attachments(latest.id)?;
    let fields = ProgressFields { state: RecordState::Reopened, ..latest.fields.clone() };
    let row = ProgressRow { version: latest.version + 1, fields, ..latest.clone() };
    let audit = AuditEntry {
        account_id: Some(session.account_id),
        action: "退回修改",
        subject: format!("{} {} {}", place.subitem.code, place.department, place.period_key),
        detail: reason.to_string(),
    };
    let new = NewVersion { row: &row, account_id: session.account_id, target_values: &attached.values, evidence: &attached.evidence };
    store.append_progress(&new, latest.version, &audit)?.ok_or(Error::Stale { opened: latest.version, current: latest.version + 1, saved_at: String::new() })?;
    record_of(store, session, &place)
}

/// Whether `session` may reopen the record at `place` submitted at `submitted_at`.
fn may_reopen(store: &Store, session: &Session, place: &Place, submitted_at: Option<&str>) -> Result<()> {
    if let Some(why) = &place.plan_closed {
        return Err(Error::InvalidInput(why.clone()));
    }
    if session.is_coordinator() {
        return Ok(());
    }
    session.require_admin("退回已报送的进展")?;
    session.require_department(place.department_id, &place.department)?;
    let exported = store.latest_sheet_export(place.department_id, place.period_id)?;
    match (exported, submitted_at) {
        (Some(exported), Some(submitted)) if exported.as_str() >= submitted => Err(Error::Forbidden(format!(
            "该进展已于 {} 随工作进展情况表导出上报，不能在本机退回；如需修改，请联系汇总单位",
            crate::text::local_time(&exported)
        ))),
        _ => Ok(()),
    }
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
    if !crate::profile::phone_is_valid(phone) {
        return Err(Error::InvalidInput(format!("联系电话“{phone}”格式不对")));
    }
    if input.submit && (input.reporter.trim().is_empty() || input.progress.trim().is_empty()) {
        return Err(Error::InvalidInput("报送前请填写进展情况和填报人".into()));
    }
    if let Some(t) = input.targets.iter().find(|t| t.index >= subitem.targets.len()) {
        return Err(Error::InvalidInput(format!("小项没有第 {} 个量化目标", t.index.saturating_add(1))));
    }
    if input.targets.iter().any(|t| t.value.is_some_and(|v| !v.is_finite())) {
        return Err(Error::InvalidInput("量化目标的实际值应为数字".into()));
    }
    Ok(())
}
