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

/// The plan cut down to one sub-item's article, clause and item (a task's page).
#[tauri::command(async, rename_all = "snake_case")]
pub fn plan_path(state: State<'_, AppState>, plan_id: Option<i64>, code: String) -> CommandResult<Plan> {
    let session = state.session()?;
    let store = state.store();
    Ok(responsibilities::plan_path(&store, Some(plans::resolve(&store, Some(&session), plan_id)?), &code)?)
}

/// One level of a plan's outline (its articles, or the children of `parent`) for the tree.
#[tauri::command(async, rename_all = "snake_case")]
pub fn plan_outline(state: State<'_, AppState>, plan_id: Option<i64>, parent: Option<String>) -> CommandResult<taizhang_core::outline::PlanOutline> {
    let session = state.session()?;
    let store = state.store();
    let plan_id = plans::resolve(&store, Some(&session), plan_id)?;
    Ok(taizhang_core::outline::plan_outline(&store, plan_id, parent.as_deref())?)
}

/// Departments with aliases and counts in a plan (default: the one the account shows).
#[tauri::command(async, rename_all = "snake_case")]
pub fn departments(state: State<'_, AppState>, plan_id: Option<i64>) -> CommandResult<Vec<DepartmentRow>> {
    let session = state.session()?;
    let store = state.store();
    Ok(responsibilities::departments(&store, Some(plans::resolve(&store, Some(&session), plan_id)?))?)
}

/// One page of a period's task rows, filtered and searched, with the list's total.
#[tauri::command(async, rename_all = "snake_case")]
pub fn task_page(state: State<'_, AppState>, period: String, filter: TaskFilter, page: taizhang_core::task_page::PageRequest) -> CommandResult<taizhang_core::task_page::TaskPage> {
    let session = state.session()?;
    Ok(taizhang_core::task_page::task_page(&state.store(), &session, &period, &filter, page, today())?)
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
