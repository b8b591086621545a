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

/// Run long work on a blocking thread (never the window's): `work` gets the app's state and a
/// reporter that sends each step to the window as `event` and answers whether to go on — no,
/// once the state's flag `cancel` is set (it is cleared first). `what` names the work in the
/// message when its thread dies.
async fn with_progress<R, P, T, W>(app: &tauri::AppHandle<R>, event: &'static str, cancel: fn(&crate::AppState) -> &std::sync::atomic::AtomicBool, what: &'static str, work: W) -> crate::error::CommandResult<T>
where
    R: tauri::Runtime,
    P: serde::Serialize + Clone,
    T: Send + 'static,
    W: FnOnce(&crate::AppState, &mut dyn FnMut(&P) -> bool) -> taizhang_core::Result<T> + Send + 'static,
{
    use std::sync::atomic::Ordering;
    use tauri::{Emitter, Manager};
    let worker = app.clone();
    let running = tauri::async_runtime::spawn_blocking(move || {
        let state = worker.state::<crate::AppState>();
        cancel(&state).store(false, Ordering::SeqCst);
        let mut report_progress = |step: &P| {
            let _ = worker.emit(event, step.clone());
            !cancel(&state).load(Ordering::SeqCst)
        };
        work(&state, &mut report_progress)
    });
    let done = running.await.map_err(|e| crate::error::IpcError { code: taizhang_core::error::ErrorCode::Internal, message: format!("{what}中断：{e}") })?;
    Ok(done?)
}
