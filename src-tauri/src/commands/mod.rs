//! The `#[tauri::command]` adapters, one module per feature: each parses its input, calls one
//! core function and maps the error. No SQL and no business rule here.

pub mod admin;
pub mod periods;
pub mod plan;
pub mod progress;
pub mod receive;
pub mod report;
pub mod session;

/// Today's date on this PC (warnings are computed as of today).
fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}
