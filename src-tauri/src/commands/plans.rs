//! Plans side by side: the list, the plan each account shows, importing (new plans, revisions
//! after their diff, plan packages, drafts), version history, removed tasks, publishing drafts.

use crate::error::CommandResult;
use crate::AppState;
use std::path::PathBuf;
use taizhang_core::plan_import::{self, PlanImportOptions, ImportSummary};
use taizhang_core::plans::{self, PlanChoice, PlanVersion};
use taizhang_core::store::{PlanRow, RemovedSubItem};
use tauri::State;

/// Every stored plan with its version, the current one marked.
#[tauri::command(async, rename_all = "snake_case")]
pub fn list_plans(state: State<'_, AppState>) -> CommandResult<Vec<PlanRow>> {
    state.session()?;
    Ok(plans::list_plans(&state.store())?)
}

/// The plan the signed-in account shows (or all plans).
#[tauri::command(async, rename_all = "snake_case")]
pub fn plan_choice(state: State<'_, AppState>) -> CommandResult<PlanChoice> {
    let session = state.session()?;
    Ok(plans::chosen(&state.store(), &session)?)
}

/// Remember the plan the account shows (none: all plans).
#[tauri::command(async, rename_all = "snake_case")]
pub fn choose_plan(state: State<'_, AppState>, plan_id: Option<i64>) -> CommandResult<PlanChoice> {
    let session = state.session()?;
    Ok(plans::choose(&state.store(), &session, plan_id)?)
}

/// The versions of a plan with what each revision changed.
#[tauri::command(async, rename_all = "snake_case")]
pub fn plan_history(state: State<'_, AppState>, plan_id: i64) -> CommandResult<Vec<PlanVersion>> {
    state.session()?;
    Ok(plans::plan_history(&state.store(), plan_id)?)
}

/// Sub-items revisions removed (a department sees its own).
#[tauri::command(async, rename_all = "snake_case")]
pub fn removed_tasks(state: State<'_, AppState>) -> CommandResult<Vec<RemovedSubItem>> {
    let session = state.session()?;
    Ok(plans::removed_tasks(&state.store(), &session)?)
}

/// Publish a reviewed draft (coordinator).
#[tauri::command(async, rename_all = "snake_case")]
pub fn publish_plan(state: State<'_, AppState>, plan_id: i64) -> CommandResult<PlanRow> {
    let session = state.session()?;
    Ok(plans::publish(&state.store(), &session, plan_id)?)
}

/// Import a task breakdown table or plan package chosen in the file dialog: previewed with
/// `dry_run` (a revision's diff), then imported.
#[tauri::command(async, rename_all = "snake_case")]
pub fn import_plan(state: State<'_, AppState>, path: PathBuf, options: Option<PlanImportOptions>) -> CommandResult<ImportSummary> {
    let session = state.session()?;
    Ok(plan_import::import_plan_shared(state.store_lock(), &session, &path, options.unwrap_or_default())?)
}
