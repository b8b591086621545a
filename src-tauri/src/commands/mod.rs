//! The `#[tauri::command]` adapters, one module per feature: each parses its input, calls one
//! core function and maps the error. No SQL and no business rule here. Every command is
//! `async` (Tauri runs it on its thread pool, never on the window's thread), so argon2 sign-in,
//! exports and imports never freeze the window.

pub mod admin;
pub mod backup;
pub mod periods;
pub mod plan;
pub mod plans;
pub mod progress;
pub mod receive;
pub mod report;
pub mod session;

/// Today's date on this PC (warnings are computed as of today).
fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}
