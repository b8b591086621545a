//! Excel workbooks: the file name the save dialog offers, and the export itself.

use super::today;
use crate::error::CommandResult;
use crate::AppState;
use std::path::PathBuf;
use taizhang_core::report::{self, ExportOutcome, ReportInfo, ReportRequest};
use tauri::State;

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
pub fn export_report(state: State<'_, AppState>, request: ReportRequest, path: PathBuf) -> CommandResult<ExportOutcome> {
    let session = state.session()?;
    Ok(report::export_as(&state.store(), &session, &request, &path, today())?)
}
