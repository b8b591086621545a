//! A department's progress record: read, save or submit, reopen.

use crate::error::CommandResult;
use crate::AppState;
use taizhang_core::progress::{self, ProgressInput, ProgressRecord, RecordKey};
use tauri::State;

/// One record with its history, and whether the signed-in user may edit it.
#[tauri::command(async, rename_all = "snake_case")]
pub fn progress_record(state: State<'_, AppState>, code: String, department: Option<String>, period: String, plan_id: Option<i64>) -> CommandResult<ProgressRecord> {
    let session = state.session()?;
    Ok(progress::progress_record_in(&state.store(), &session, plan_id, &code, department.as_deref(), &period)?)
}

/// Save a draft or submit: always a new version.
#[tauri::command(async, rename_all = "snake_case")]
pub fn save_progress(state: State<'_, AppState>, input: ProgressInput) -> CommandResult<ProgressRecord> {
    let session = state.session()?;
    Ok(progress::save_progress_shared(state.store_lock(), &session, state.evidence_dir(), &input)?)
}

/// The coordinator returns a submitted record for correction.
#[tauri::command(async, rename_all = "snake_case")]
pub fn reopen_progress(state: State<'_, AppState>, code: String, department: String, period: String, reason: String, plan_id: Option<i64>) -> CommandResult<ProgressRecord> {
    let session = state.session()?;
    Ok(progress::reopen_progress_in(&state.store(), &session, plan_id, &code, &department, &period, &reason)?)
}

/// Open an evidence file of a record with the PC's own program (a copy under its name).
#[tauri::command(async, rename_all = "snake_case")]
pub fn open_evidence(state: State<'_, AppState>, record: RecordKey, sha256: String) -> CommandResult<()> {
    let session = state.session()?;
    taizhang_core::evidence::open_evidence(&state.store(), &session, state.evidence_dir(), &record, &sha256)?;
    Ok(())
}
