//! The plan, departments, task lists and the dashboard.

use super::today;
use crate::error::CommandResult;
use crate::AppState;
use taizhang_core::dashboard::{self, Dashboard};
use taizhang_core::task_list::{self, TaskFilter, TaskRow};
use taizhang_core::plan::Plan;
use taizhang_core::plans::{self, PlanScope};
use taizhang_core::responsibilities;
use taizhang_core::store::DepartmentRow;
use tauri::State;

/// The whole tree of a plan (default: the one the account shows).
#[tauri::command(async, rename_all = "snake_case")]
pub fn plan_tree(state: State<'_, AppState>, plan_id: Option<i64>) -> CommandResult<Plan> {
    let session = state.session()?;
    let store = state.store();
    Ok(responsibilities::plan_tree(&store, Some(plans::resolve(&store, Some(&session), plan_id)?))?)
}

/// Departments with aliases and counts in a plan (default: the one the account shows).
#[tauri::command(async, rename_all = "snake_case")]
pub fn departments(state: State<'_, AppState>, plan_id: Option<i64>) -> CommandResult<Vec<DepartmentRow>> {
    let session = state.session()?;
    let store = state.store();
    Ok(responsibilities::departments(&store, Some(plans::resolve(&store, Some(&session), plan_id)?))?)
}

/// Task rows of a period, filtered and searched.
#[tauri::command(async, rename_all = "snake_case")]
pub fn task_rows(state: State<'_, AppState>, period: String, filter: TaskFilter) -> CommandResult<Vec<TaskRow>> {
    let session = state.session()?;
    Ok(task_list::task_rows_as(&state.store(), &session, &period, &filter, today())?)
}

/// The signed-in user's dashboard for a period.
#[tauri::command(async, rename_all = "snake_case")]
pub fn dashboard(state: State<'_, AppState>, period: String, scope: Option<PlanScope>) -> CommandResult<Dashboard> {
    let session = state.session()?;
    Ok(dashboard::dashboard(&state.store(), &session, scope.unwrap_or_default(), &period, today())?)
}
