//! Excel workbooks: the file name the save dialog offers, and the export itself, which runs on a
//! blocking thread (the store locked only while it is read), reports its steps as
//! `report-export-progress` events and stops before writing the file when 取消 is pressed.

use super::today;
use crate::error::CommandResult;
use crate::AppState;
use std::path::PathBuf;
use std::sync::atomic::Ordering;
use taizhang_core::report::{self, ExportOutcome, ExportProgress, ReportInfo, ReportRequest};
use tauri::{AppHandle, Manager, Runtime, State};

/// Event carrying [`ExportProgress`].
pub const EXPORT_PROGRESS_EVENT: &str = "report-export-progress";

/// The reports the signed-in user may export, from the core's registry.
#[tauri::command(async, rename_all = "snake_case")]
pub fn report_kinds(state: State<'_, AppState>) -> CommandResult<Vec<ReportInfo>> {
    Ok(report::available(&state.session()?))
}

/// The default file name of a workbook (农业局_2026年第四季度_工作进展情况表.xlsx …).
#[tauri::command(async, rename_all = "snake_case")]
pub fn report_file_name(state: State<'_, AppState>, request: ReportRequest) -> CommandResult<String> {
    state.session()?;
    Ok(report::default_file_name(&state.store(), &request)?)
}

/// Write the workbook to the path chosen in the save dialog.
#[tauri::command(async, rename_all = "snake_case")]
pub async fn export_report<R: Runtime>(app: AppHandle<R>, request: ReportRequest, path: PathBuf) -> CommandResult<ExportOutcome> {
    let session = app.state::<AppState>().session()?;
    super::with_progress(&app, EXPORT_PROGRESS_EVENT, AppState::export_cancel_flag, "导出", move |state, progress: &mut dyn FnMut(&ExportProgress) -> bool| {
        report::export_in_steps(state.store_lock(), &session, &request, &path, today(), progress)
    })
    .await
}

/// Stop a running export before it writes its file.
#[tauri::command(async, rename_all = "snake_case")]
pub fn cancel_report_export(state: State<'_, AppState>) -> CommandResult<()> {
    state.session()?;
    state.export_cancel_flag().store(true, Ordering::SeqCst);
    Ok(())
}
