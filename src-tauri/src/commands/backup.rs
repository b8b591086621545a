//! 备份与恢复: the backups in the data folder, a backup now (there or to a chosen file), and a
//! restore, after which everybody signs in again (the accounts are those of the backup).

use crate::error::CommandResult;
use crate::AppState;
use std::path::PathBuf;
use taizhang_core::backup::{self, BackupInfo, RestoreOutcome};
use tauri::State;

/// The backups kept in the data folder, newest first (an administrator).
#[tauri::command(async, rename_all = "snake_case")]
pub fn list_backups(state: State<'_, AppState>) -> CommandResult<Vec<BackupInfo>> {
    let session = state.session()?;
    Ok(backup::list_backups_as(&state.store(), &session)?)
}

/// Back up now: into the data folder, or to `path` (a USB stick) when given.
#[tauri::command(async, rename_all = "snake_case")]
pub fn create_backup(state: State<'_, AppState>, path: Option<PathBuf>) -> CommandResult<BackupInfo> {
    let session = state.session()?;
    Ok(backup::backup_as(&state.store(), &session, path.as_deref())?)
}

/// Replace all data with a backup (what is replaced is backed up first); signs out.
#[tauri::command(async, rename_all = "snake_case")]
pub fn restore_backup(state: State<'_, AppState>, path: PathBuf) -> CommandResult<RestoreOutcome> {
    let session = state.session()?;
    let outcome = backup::restore(&mut state.store(), Some(&session), &path)?;
    state.set_session(None);
    Ok(outcome)
}
