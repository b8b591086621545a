//! First-start setup, sign-in and sign-out.

use ts_rs::TS;
use crate::error::CommandResult;
use crate::AppState;
use serde::Serialize;
use taizhang_core::accounts::{self, RecoveryOutcome, Session, SetupInput, SetupOutcome};
use taizhang_core::responsibilities::DepartmentOption;
use tauri::State;

/// What the UI needs to decide which page to show.
#[derive(Debug, Serialize, TS)]
pub struct AppStatus {
    /// First-start setup done.
    pub set_up: bool,
    /// The signed-in user, if any.
    pub session: Option<Session>,
}

/// Whether setup is done and who is signed in.
#[tauri::command(async, rename_all = "snake_case")]
pub fn app_status(state: State<'_, AppState>) -> CommandResult<AppStatus> {
    let set_up = accounts::is_set_up(&state.store())?;
    Ok(AppStatus { set_up, session: state.session().ok() })
}

/// 关于台账: version, data folders and licence (before sign-in too: support starts there).
#[tauri::command(async, rename_all = "snake_case")]
pub fn about(state: State<'_, AppState>) -> CommandResult<taizhang_core::about::AboutInfo> {
    Ok(taizhang_core::about::about(&state.store())?)
}

/// First start: the unit and its administrator; signs the administrator in and gives the
/// recovery code to print.
#[tauri::command(async, rename_all = "snake_case")]
pub fn setup(state: State<'_, AppState>, input: SetupInput) -> CommandResult<SetupOutcome> {
    let outcome = accounts::setup_with_recovery(&state.store(), &input)?;
    state.set_session(Some(&outcome.session));
    Ok(outcome)
}

/// A forgotten administrator password: a new one with the printed recovery code; signs in.
#[tauri::command(async, rename_all = "snake_case")]
pub fn recover_administrator(state: State<'_, AppState>, code: String, username: String, new_password: String) -> CommandResult<RecoveryOutcome> {
    let outcome = accounts::recover_administrator(&state.store(), &code, &username, &new_password)?;
    state.set_session(Some(&outcome.session));
    Ok(outcome)
}

/// The page is in use (typing, scrolling): the idle time starts again.
#[tauri::command(async, rename_all = "snake_case")]
pub fn keep_alive(state: State<'_, AppState>) -> CommandResult<()> {
    state.session()?;
    Ok(())
}

/// Sign in with user name and password.
#[tauri::command(async, rename_all = "snake_case")]
pub fn sign_in(state: State<'_, AppState>, username: String, password: String) -> CommandResult<Session> {
    let session = accounts::sign_in(&state.store(), &username, &password)?;
    state.set_session(Some(&session));
    Ok(session)
}

/// Sign out.
#[tauri::command(async, rename_all = "snake_case")]
pub fn sign_out(state: State<'_, AppState>) -> CommandResult<()> {
    state.set_session(None);
    Ok(())
}

/// Departments to choose from, with every name they are found by (the setup screen asks before
/// anybody is signed in).
#[tauri::command(async, rename_all = "snake_case")]
pub fn department_choices(state: State<'_, AppState>) -> CommandResult<Vec<DepartmentOption>> {
    Ok(taizhang_core::responsibilities::department_choices(&state.store())?)
}
