//! The main window on office screens: sized to the screen's work area (never taller than it, so
//! the header and every message stay visible on a 1366×768 or 1024×768 screen), and one running
//! app per data folder — a second start brings the first window forward instead.

use tauri::{AppHandle, Emitter, LogicalSize, Manager, PhysicalPosition, Runtime, WebviewWindow};

/// The window's label in `tauri.conf.json`.
pub const MAIN_WINDOW: &str = "main";
/// The size the window opens at on a screen large enough (logical pixels).
const PREFERRED: LogicalSize<f64> = LogicalSize { width: 1440.0, height: 900.0 };
/// The smallest size the layout is made for (logical pixels).
const MINIMUM: LogicalSize<f64> = LogicalSize { width: 1024.0, height: 700.0 };
/// Event the page receives when a second start was turned into focusing this window.
pub const SECOND_START_EVENT: &str = "second-start";

/// Size and centre the main window within the work area of its screen. A work area smaller than
/// the minimum (a 768-pixel screen at 125 % scaling) lowers the minimum rather than overflow.
///
/// # Errors
/// When the window system refuses the size or position.
pub fn fit_to_screen<R: Runtime>(window: &WebviewWindow<R>) -> tauri::Result<()> {
    let Some(monitor) = window.current_monitor()?.or(window.primary_monitor()?) else {
        return Ok(());
    };
    let scale = monitor.scale_factor();
    let area = monitor.work_area();
    let work: LogicalSize<f64> = area.size.to_logical(scale);
    let minimum = LogicalSize::new(MINIMUM.width.min(work.width), MINIMUM.height.min(work.height));
    window.set_min_size(Some(minimum))?;
    let size = LogicalSize::new(PREFERRED.width.min(work.width), PREFERRED.height.min(work.height));
    window.set_size(size)?;
    let physical = size.to_physical::<i32>(scale);
    let free_width = i32::try_from(area.size.width).unwrap_or(i32::MAX).saturating_sub(physical.width);
    let free_height = i32::try_from(area.size.height).unwrap_or(i32::MAX).saturating_sub(physical.height);
    window.set_position(PhysicalPosition::new(area.position.x + free_width.max(0) / 2, area.position.y + free_height.max(0) / 2))
}

/// The single-instance plugin keyed to the data folder: two folders (two test runs, two Windows
/// users) may run side by side, one folder never twice.
pub fn single_instance<R: Runtime>(data_folder: &std::path::Path) -> tauri::plugin::TauriPlugin<R> {
    tauri_plugin_single_instance::Builder::new().dbus_id(format!("cn.taizhang.app.Folder_{:016x}", fnv1a(data_folder.as_os_str().as_encoded_bytes()))).callback(bring_forward).build()
}

/// A second start: show, restore and focus the window, and tell the page so it can say so.
fn bring_forward<R: Runtime>(app: &AppHandle<R>, _args: Vec<String>, _cwd: String) {
    if let Some(window) = app.get_webview_window(MAIN_WINDOW) {
        // Each step may fail on some window systems; the others still help.
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
        let _ = window.emit(SECOND_START_EVENT, ());
    }
}

/// FNV-1a: a hash that stays the same across builds and Rust versions, so an old and a new
/// release of the app agree on the name.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, byte| (hash ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3))
}

/// The database could not be opened: say so in a window (the app is usually started from the
/// menu, where nobody sees stderr), with what to do, and end when it is closed.
pub fn explain_startup_failure<R: Runtime>(app: &tauri::AppHandle<R>, database: &std::path::Path, error: &taizhang_core::Error) {
    use tauri_plugin_dialog::{DialogExt, MessageDialogKind};
    let folder = database.parent().unwrap_or(database).display();
    let message = format!(
        "台账无法打开数据库：{error}\n\n数据文件夹：{folder}\n\n可以这样处理：\n\
         1. 关闭所有台账窗口，稍等片刻后重新打开；\n\
         2. 确认磁盘没有写满，数据文件夹可以写入；\n\
         3. 仍然打不开时，请管理员用数据文件夹中 backups 里最近的备份恢复：\n   taizhang --db \"{db}\" restore 备份文件.tzbak\n   （恢复前的数据会先自动备份）。",
        db = database.display()
    );
    eprintln!("{message}");
    let handle = app.clone();
    app.dialog().message(message).title("台账无法启动").kind(MessageDialogKind::Error).show(move |_| handle.exit(1));
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_instance_name_depends_only_on_the_folder() {
        assert_eq!(super::fnv1a(b"/home/a/.local/share/cn.taizhang.app"), super::fnv1a(b"/home/a/.local/share/cn.taizhang.app"));
        assert_ne!(super::fnv1a(b"/tmp/one"), super::fnv1a(b"/tmp/two"), "two folders, two names");
    }
}
