//! Reporting periods.

use crate::error::CommandResult;
use crate::AppState;
use taizhang_core::periods::{self, Period};
use tauri::State;

/// Every period, newest first.
#[tauri::command(async, rename_all = "snake_case")]
pub fn list_periods(state: State<'_, AppState>) -> CommandResult<Vec<Period>> {
    state.session()?;
    Ok(periods::list_periods(&state.store())?)
}

/// Create a period from its key (2026Q4 …).
#[tauri::command(async, rename_all = "snake_case")]
pub fn create_period(state: State<'_, AppState>, key: String) -> CommandResult<Period> {
    let session = state.session()?;
    Ok(periods::create_period(&state.store(), &session, &key)?)
}

/// Open or close a period.
#[tauri::command(async, rename_all = "snake_case")]
pub fn set_period_open(state: State<'_, AppState>, key: String, open: bool) -> CommandResult<Period> {
    let session = state.session()?;
    Ok(periods::set_period_open(&state.store(), &session, &key, open)?)
}
