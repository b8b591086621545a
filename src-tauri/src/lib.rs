//! The Tauri shell of 台账: opens the database, keeps the signed-in session, and registers the
//! commands. The builder is generic over `Runtime` so tests drive it on the mock runtime.
#![deny(missing_docs)]

pub mod bindings;
mod commands;
mod error;
mod state;
#[cfg(test)]
mod tests;

pub use error::IpcError;
pub use state::AppState;

use tauri::{Builder, Runtime};

/// Register the plugins, state and every command on `builder`.
pub fn app_builder<R: Runtime>(builder: Builder<R>, state: AppState) -> Builder<R> {
    builder.plugin(tauri_plugin_dialog::init()).manage(state).invoke_handler(tauri::generate_handler![
        commands::session::app_status,
        commands::session::setup,
        commands::session::sign_in,
        commands::session::sign_out,
        commands::session::department_choices,
        commands::plan::plan_tree,
        commands::plan::departments,
        commands::plan::task_rows,
        commands::plan::dashboard,
        commands::progress::progress_record,
        commands::progress::save_progress,
        commands::progress::reopen_progress,
        commands::periods::list_periods,
        commands::periods::create_period,
        commands::periods::set_period_open,
        commands::admin::list_accounts,
        commands::admin::create_account,
        commands::admin::rename_department,
        commands::admin::merge_department,
        commands::admin::add_alias,
        commands::admin::get_settings,
        commands::admin::update_settings,
        commands::admin::audit_log,
        commands::admin::import_plan,
        commands::report::report_kinds,
        commands::report::report_file_name,
        commands::report::export_report,
        commands::receive::import_reports,
        commands::receive::cancel_report_import,
        commands::receive::received_files,
        commands::receive::deliveries,
    ])
}

/// Start the desktop app on the default database (`<data dir>/cn.taizhang.app/taizhang.db`).
pub fn run() {
    let state = match AppState::open_default() {
        Ok(state) => state,
        Err(error) => {
            eprintln!("台账无法打开数据库：{error}");
            std::process::exit(1);
        }
    };
    let context = tauri::generate_context!();
    if let Err(error) = app_builder(Builder::default(), state).run(context) {
        eprintln!("台账无法启动：{error}");
        std::process::exit(1);
    }
}
