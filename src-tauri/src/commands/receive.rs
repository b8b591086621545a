//! 报表接收: department sheets read back on the coordinator's PC. Reading a batch runs on a
//! blocking thread (never the UI thread), reports progress as `report-import-progress` events
//! and stops at the next file when 取消 is pressed.

use super::today;
use crate::error::CommandResult;
use crate::AppState;
use std::path::PathBuf;
use std::sync::atomic::Ordering;
use taizhang_core::readback::{self, FileReport, ImportOptions, ImportProgress};
use taizhang_core::received::{self, Delivery};
use taizhang_core::store::ReceiptRow;
use tauri::{AppHandle, Manager, Runtime, State};

/// Event carrying [`ImportProgress`].
pub const PROGRESS_EVENT: &str = "report-import-progress";

/// Preview (`options.dry_run`) or take in the chosen files and folders.
#[tauri::command(async, rename_all = "snake_case")]
pub async fn import_reports<R: Runtime>(app: AppHandle<R>, paths: Vec<PathBuf>, options: ImportOptions) -> CommandResult<Vec<FileReport>> {
    let session = app.state::<AppState>().session()?;
    super::with_progress(&app, PROGRESS_EVENT, AppState::cancel_flag, "导入", move |state, progress: &mut dyn FnMut(&ImportProgress) -> bool| {
        readback::import_batch(state.store_lock(), Some(&session), &paths, &options, progress)
    })
    .await
}

/// Stop a running batch after the file being read.
#[tauri::command(async, rename_all = "snake_case")]
pub fn cancel_report_import(state: State<'_, AppState>) -> CommandResult<()> {
    state.session()?;
    state.cancel_flag().store(true, Ordering::SeqCst);
    Ok(())
}

/// Files received, newest first (of one period when given).
#[tauri::command(async, rename_all = "snake_case")]
pub fn received_files(state: State<'_, AppState>, period: Option<String>) -> CommandResult<Vec<ReceiptRow>> {
    state.session()?.require_coordinator("查看报表接收记录")?;
    let files = received::received_files(&state.store(), period.as_deref());
    Ok(files?)
}

/// 报送情况 of a period: who delivered what, who is missing.
#[tauri::command(async, rename_all = "snake_case")]
pub fn deliveries(state: State<'_, AppState>, period: String, plan_id: Option<i64>) -> CommandResult<Vec<Delivery>> {
    let session = state.session()?;
    session.require_coordinator("查看报送情况")?;
    let store = state.store();
    let plan_id = taizhang_core::plans::resolve(&store, Some(&session), plan_id)?;
    Ok(received::deliveries(&store, plan_id, &period, today())?)
}
