//! Accounts, departments, settings, the audit log and importing a plan.

use crate::error::CommandResult;
use crate::AppState;
use taizhang_core::accounts::{self, AccountInfo, AccountInput};
use taizhang_core::admin::{self, Settings};
use taizhang_core::profile::{self, Profile};
use taizhang_core::store::AuditRow;
use tauri::State;

/// Accounts on this PC.
#[tauri::command(async, rename_all = "snake_case")]
pub fn list_accounts(state: State<'_, AppState>) -> CommandResult<Vec<AccountInfo>> {
    let session = state.session()?;
    Ok(accounts::list_accounts(&state.store(), &session)?)
}

/// Create an account (an administrator).
#[tauri::command(async, rename_all = "snake_case")]
pub fn create_account(state: State<'_, AppState>, input: AccountInput) -> CommandResult<AccountInfo> {
    let session = state.session()?;
    Ok(accounts::create_account(&state.store(), &session, &input)?)
}

/// Disable or enable an account (an administrator, for the accounts it manages).
#[tauri::command(async, rename_all = "snake_case")]
pub fn set_account_enabled(state: State<'_, AppState>, username: String, enabled: bool) -> CommandResult<()> {
    let session = state.session()?;
    Ok(accounts::set_account_enabled(&state.store(), &session, &username, enabled)?)
}

/// Give an account a new password (an administrator, for the accounts it manages).
#[tauri::command(async, rename_all = "snake_case")]
pub fn reset_password(state: State<'_, AppState>, username: String, new_password: String) -> CommandResult<()> {
    let session = state.session()?;
    Ok(accounts::reset_password(&state.store(), &session, &username, &new_password)?)
}

/// Change one's own password.
#[tauri::command(async, rename_all = "snake_case")]
pub fn change_password(state: State<'_, AppState>, current: String, new_password: String) -> CommandResult<()> {
    let session = state.session()?;
    Ok(accounts::change_password(&state.store(), &session, &current, &new_password)?)
}

/// Replace the recovery code (an administrator); returns the new one to print.
#[tauri::command(async, rename_all = "snake_case")]
pub fn new_recovery_code(state: State<'_, AppState>) -> CommandResult<String> {
    let session = state.session()?;
    Ok(accounts::new_recovery_code(&state.store(), &session)?)
}

/// Rename a department (coordinator).
#[tauri::command(async, rename_all = "snake_case")]
pub fn rename_department(state: State<'_, AppState>, department: String, new_name: String) -> CommandResult<()> {
    let session = state.session()?;
    Ok(admin::rename_department(&state.store(), &session, &department, &new_name)?)
}

/// Merge a department into another (coordinator).
#[tauri::command(async, rename_all = "snake_case")]
pub fn merge_department(state: State<'_, AppState>, from: String, into: String) -> CommandResult<()> {
    let session = state.session()?;
    Ok(admin::merge_department(&state.store(), &session, &from, &into)?)
}

/// Add an alias of a department (coordinator).
#[tauri::command(async, rename_all = "snake_case")]
pub fn add_alias(state: State<'_, AppState>, department: String, alias: String) -> CommandResult<()> {
    let session = state.session()?;
    Ok(admin::add_alias(&state.store(), &session, &department, &alias)?)
}

/// This PC's settings.
#[tauri::command(async, rename_all = "snake_case")]
pub fn get_settings(state: State<'_, AppState>) -> CommandResult<Settings> {
    state.session()?;
    Ok(admin::settings(&state.store())?)
}

/// Change the settings.
#[tauri::command(async, rename_all = "snake_case")]
pub fn update_settings(state: State<'_, AppState>, settings: Settings) -> CommandResult<Settings> {
    let session = state.session()?;
    Ok(admin::update_settings(&state.store(), &session, &settings)?)
}

/// The signed-in account's own 填报人 and 联系电话.
#[tauri::command(async, rename_all = "snake_case")]
pub fn get_profile(state: State<'_, AppState>) -> CommandResult<Profile> {
    let session = state.session()?;
    Ok(profile::profile(&state.store(), &session)?)
}

/// Change the signed-in account's own 填报人 and 联系电话.
#[tauri::command(async, rename_all = "snake_case")]
pub fn update_profile(state: State<'_, AppState>, profile: Profile) -> CommandResult<Profile> {
    let session = state.session()?;
    Ok(profile::update_profile(&state.store(), &session, &profile)?)
}

/// The newest audit events.
#[tauri::command(async, rename_all = "snake_case")]
pub fn audit_log(state: State<'_, AppState>, limit: i64) -> CommandResult<Vec<AuditRow>> {
    let session = state.session()?;
    Ok(admin::audit_log(&state.store(), &session, limit)?)
}
