//! The project's build and test steps beyond cargo: the Vue UI, tauri-driver, and the
//! end-to-end scenarios under Xvfb.

use crate::system::{command_exists, run_in, workspace_root, Failure};
use crate::tally::{Tally, TapRun};
use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Command, Stdio};

/// Debian packages the desktop build needs (WebKitGTK for Tauri, a C compiler for SQLite).
pub const BUILD_PACKAGES: &[&str] = &["build-essential", "pkg-config", "libwebkit2gtk-4.1-dev", "libssl-dev"];

/// Debian packages the tests need: a virtual display, a D-Bus session daemon (the app allows one
/// running instance per data folder through it), the WebKit driver, CJK fonts for the
/// end-to-end scenarios; LibreOffice and poppler to print the Excel workbooks independently.
pub const TEST_PACKAGES: &[&str] =
    &["xvfb", "xauth", "dbus-daemon", "webkit2gtk-driver", "fonts-noto-cjk", "fonts-crosextra-carlito", "libreoffice-calc-nogui", "poppler-utils"];

/// Install the UI's npm packages (from the lock file) and build it into ui/dist.
pub fn build_ui() -> Result<(), Failure> {
    let ui = workspace_root().join("ui");
    npm_install(&ui)?;
    run_in(&ui, "npm", &["run", "build"])
}

fn npm_install(folder: &std::path::Path) -> Result<(), Failure> {
    // Node.js may come from elsewhere than Debian (it must be ≥ 20 for Vite); install Debian's
    // only when there is none at all.
    if !command_exists("npm") {
        crate::system::ensure_debian_packages(&["nodejs", "npm"])?;
    }
    // `npm install` honours the lock file; `npm ci` trips over optional packages of other
    // platforms that npm leaves out of the lock.
    run_in(folder, "npm", &["install", "--no-audit", "--no-fund", "--loglevel=error"])
}

/// tauri-driver, installed with cargo when missing.
fn tauri_driver() -> Result<PathBuf, Failure> {
    let cargo_home = std::env::var_os("CARGO_HOME").map(PathBuf::from).or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")));
    let installed = cargo_home.map(|home| home.join("bin").join("tauri-driver")).filter(|p| p.exists());
    if let Some(path) = installed {
        return Ok(path);
    }
    println!("xtask: 安装 tauri-driver");
    crate::system::cargo(&["install", "tauri-driver", "--version", "^2", "--locked"])?;
    tauri_driver_installed()
}

fn tauri_driver_installed() -> Result<PathBuf, Failure> {
    let home = std::env::var_os("CARGO_HOME").map(PathBuf::from).or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")));
    home.map(|h| h.join("bin").join("tauri-driver")).filter(|p| p.exists()).ok_or_else(|| Failure("tauri-driver 安装后仍未找到".into()))
}

/// Run the end-to-end scenarios in `app` (the unpacked package's binary) under Xvfb and count
/// node's TAP results. A run is trusted only with its TAP summary and at least [`E2E_MINIMUM`]
/// scenarios. WebKit's driver now and then loses its session for no reason of the app's: only
/// then is the run repeated, the retry said in the output; any other failure counts as it is.
pub fn end_to_end(app: &std::path::Path) -> Result<Tally, Failure> {
    let driver = tauri_driver()?;
    let e2e = workspace_root().join("tests").join("e2e");
    npm_install(&e2e)?;
    let first = end_to_end_run(&e2e, &driver, app)?;
    let run = if first.failed > 0 && first.driver_lost {
        println!("xtask: WebKit 驱动在端到端测试中丢失会话（{} 项失败），重新运行一次；计数以重跑为准", first.failed);
        end_to_end_run(&e2e, &driver, app)?
    } else {
        first
    };
    if let Some(reason) = run.incomplete(E2E_MINIMUM) {
        println!("xtask: {reason}");
        return Ok(Tally { passed: run.passed, failed: run.failed.max(1) });
    }
    Ok(run.tally())
}

/// Fewest end-to-end scenarios a complete run has (the suite's count).
pub const E2E_MINIMUM: u64 = 28;

fn end_to_end_run(e2e: &std::path::Path, driver: &std::path::Path, app: &std::path::Path) -> Result<TapRun, Failure> {
    println!("xtask: 端到端测试运行 {}", app.display());
    let mut child = Command::new("xvfb-run")
        .args(["-a", "-s", "-screen 0 1440x900x24", "npm", "test"])
        .current_dir(e2e)
        .env("TAURI_DRIVER", driver)
        .env("TAIZHANG_APP", app)
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| Failure(format!("无法启动 xvfb-run：{e}")))?;
    // Lines are read on a thread of their own: a stray process keeping the pipe open must not
    // keep the tests from ending, and a hung run is stopped after E2E_TIMEOUT.
    let (lines, receiver) = std::sync::mpsc::channel::<String>();
    if let Some(stdout) = child.stdout.take() {
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if lines.send(line).is_err() {
                    break;
                }
            }
        });
    }
    let deadline = std::time::Instant::now() + E2E_TIMEOUT;
    let mut tally = TapRun::default();
    let mut count = |line: &str| {
        println!("{line}");
        tally.read(line);
    };
    let status = loop {
        match receiver.recv_timeout(std::time::Duration::from_millis(200)) {
            Ok(line) => {
                count(&line);
                continue;
            }
            Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => std::thread::sleep(std::time::Duration::from_millis(200)),
            Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {}
        }
        match child.try_wait().map_err(|e| Failure(format!("端到端测试未正常结束：{e}")))? {
            Some(status) => break Some(status),
            None if std::time::Instant::now() > deadline => {
                println!("xtask: 端到端测试超过 {} 秒未结束，已终止", E2E_TIMEOUT.as_secs());
                let _ = child.kill();
                let _ = child.wait();
                break None;
            }
            None => {}
        }
    };
    while let Ok(line) = receiver.recv_timeout(std::time::Duration::from_millis(500)) {
        count(&line);
    }
    if !status.is_some_and(|s| s.success()) {
        tally.failed = tally.failed.max(1);
    }
    Ok(tally)
}

/// Longest an end-to-end run may take.
const E2E_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(600);
