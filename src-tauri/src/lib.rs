//! The Tauri shell of 台账: opens the database, keeps the signed-in session, and registers the
//! commands. The builder is generic over `Runtime` so tests drive it on the mock runtime.
#![deny(missing_docs)]

pub mod bindings;
mod commands;
mod error;
mod state;
mod window;
#[cfg(test)]
mod tests;

pub use error::IpcError;
pub use state::AppState;

use tauri::{Builder, Manager, Runtime};

/// Register the plugins and every command on `builder`; the caller manages the [`AppState`].
pub fn app_builder<R: Runtime>(builder: Builder<R>) -> Builder<R> {
    builder.plugin(tauri_plugin_dialog::init()).invoke_handler(tauri::generate_handler![
        commands::session::app_status,
        commands::session::about,
        commands::session::setup,
        commands::session::sign_in,
        commands::session::sign_out,
        commands::session::recover_administrator,
        commands::session::keep_alive,
        commands::session::department_choices,
        commands::plan::plan_tree,
        commands::plan::plan_outline,
        commands::plan::plan_path,
        commands::plan::task_page,
        commands::plan::departments,
        commands::plan::task_rows,
        commands::plan::dashboard,
        commands::progress::progress_record,
        commands::progress::save_progress,
        commands::progress::reopen_progress,
        commands::progress::open_evidence,
        commands::periods::list_periods,
        commands::periods::create_period,
        commands::periods::set_period_open,
        commands::admin::list_accounts,
        commands::admin::create_account,
        commands::admin::set_account_enabled,
        commands::admin::reset_password,
        commands::admin::change_password,
        commands::admin::new_recovery_code,
        commands::admin::rename_department,
        commands::admin::merge_department,
        commands::admin::add_alias,
        commands::admin::get_settings,
        commands::admin::update_settings,
        commands::admin::get_profile,
        commands::admin::update_profile,
        commands::admin::audit_log,
        commands::backup::list_backups,
        commands::backup::create_backup,
        commands::backup::restore_backup,
        commands::plans::import_plan,
        commands::plans::list_plans,
        commands::plans::plan_choice,
        commands::plans::choose_plan,
        commands::plans::plan_history,
        commands::plans::removed_tasks,
        commands::plans::publish_plan,
        commands::report::report_kinds,
        commands::report::report_file_name,
        commands::report::export_report,
        commands::receive::import_reports,
        commands::receive::cancel_report_import,
        commands::report::cancel_report_export,
        commands::receive::received_files,
        commands::receive::deliveries,
    ])
}

/// Start the desktop app on the default database (`<data dir>/cn.taizhang.app/taizhang.db`).
pub fn run() {
    let path = match taizhang_core::database::default_database_path() {
        Ok(path) => path,
        Err(error) => {
            eprintln!("台账找不到数据文件夹：{error}");
            std::process::exit(1);
        }
    };
    // The plugin runs first: a second start hands over to the first and ends before the setup
    // below, so it never opens the database.
    let single = window::single_instance(path.parent().unwrap_or(&path));
    let context = tauri::generate_context!();
    let builder = Builder::default().plugin(single).setup(move |app| {
        let state = match AppState::open(&path) {
            Ok(state) => state,
            Err(error) => {
                window::explain_startup_failure(app.handle(), &path, &error);
                return Ok(());
            }
        };
        app.manage(state);
        if let Some(main) = app.get_webview_window(window::MAIN_WINDOW) {
            window::fit_to_screen(&main)?;
            // Hidden until sized, so it never flashes at the configured size first.
            main.show()?;
        }
        Ok(())
    });
    if let Err(error) = app_builder(builder).run(context) {
        eprintln!("台账无法启动：{error}");
        std::process::exit(1);
    }
}
