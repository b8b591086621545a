//! `cargo xtask bundle`: the release build packed as a `.deb` by the Tauri bundler. The Tauri CLI
//! is the prebuilt one from npm (`@tauri-apps/cli`, pinned in ui/package.json), so nothing is
//! compiled for it. `cargo xtask test` unpacks the package and runs its tests on what offices get.

use crate::steps;
use crate::system::{cargo, ensure_debian_packages, run, run_in, workspace_root, Failure};
use std::path::PathBuf;

/// The package's name (Debian's rules: lowercase ASCII; the menu shows 台账).
pub const PACKAGE: &str = "taizhang";

/// Build the UI and the release binaries, then the `.deb`; returns its path.
pub fn bundle() -> Result<PathBuf, Failure> {
    ensure_debian_packages(steps::BUILD_PACKAGES)?;
    steps::build_ui()?;
    package()
}

/// The release binaries and the `.deb`, with the UI already built into ui/dist; returns its path.
pub fn package() -> Result<PathBuf, Failure> {
    cargo(&["build", "--release", "--package", "taizhang-desktop", "--package", "taizhang-cli"])?;
    let folder = workspace_root().join("target").join("release").join("bundle").join("deb");
    // A package of an earlier version or name left here would be mistaken for this one.
    if folder.exists() {
        std::fs::remove_dir_all(&folder).map_err(|e| Failure(format!("无法清理 {}：{e}", folder.display())))?;
    }
    let tauri = workspace_root().join("ui").join("node_modules").join(".bin").join("tauri");
    let tauri = tauri.to_str().ok_or_else(|| Failure("Tauri CLI 的路径不是 UTF-8".into()))?;
    run_in(&workspace_root().join("src-tauri"), tauri, &["bundle", "--bundles", "deb", "--ci"])?;
    let deb = folder.join(format!("{PACKAGE}_{}_{}.deb", env!("CARGO_PKG_VERSION"), debian_architecture()));
    if !deb.exists() {
        return Err(Failure(format!("打包后没有找到 {}", deb.display())));
    }
    println!("xtask: 安装包 {}", deb.display());
    Ok(deb)
}

/// Unpack `deb` (`dpkg -x`) into a fresh `target/package-root` and return that folder: the
/// tests run the app and the command line from there, as installed.
pub fn unpack(deb: &std::path::Path) -> Result<PathBuf, Failure> {
    let root = workspace_root().join("target").join("package-root");
    if root.exists() {
        std::fs::remove_dir_all(&root).map_err(|e| Failure(format!("无法清理 {}：{e}", root.display())))?;
    }
    let (deb_arg, root_arg) = (deb.to_string_lossy(), root.to_string_lossy());
    run("dpkg", &["-x", &deb_arg, &root_arg])?;
    Ok(root)
}

/// Debian's name for this machine's architecture.
fn debian_architecture() -> &'static str {
    match std::env::consts::ARCH {
        "x86_64" => "amd64",
        "aarch64" => "arm64",
        "x86" => "i386",
        other => other,
    }
}
