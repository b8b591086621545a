//! package: the `.deb` offices install, as `cargo xtask test` builds and unpacks it (it sets
//! `TAIZHANG_DEB` and `TAIZHANG_PACKAGE_ROOT`; a plain `cargo test` has no package and says so).
//! Its control fields, its files, its menu entry, and the unpacked command line on a fresh data
//! folder; the end-to-end scenarios then run the unpacked app under Xvfb.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The package and the folder it was unpacked into, when this run has them.
fn package() -> Option<(PathBuf, PathBuf)> {
    let found = std::env::var_os("TAIZHANG_DEB").zip(std::env::var_os("TAIZHANG_PACKAGE_ROOT")).map(|(deb, root)| (PathBuf::from(deb), PathBuf::from(root)));
    if found.is_none() {
        eprintln!("没有安装包可查：请用 cargo xtask test（它先打包再运行这些测试）");
    }
    found
}

fn output(program: &str, args: &[&str]) -> String {
    let out = Command::new(program).args(args).output().unwrap_or_else(|e| panic!("{program} runs: {e}"));
    assert!(out.status.success(), "{program} {args:?} succeeds: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("UTF-8")
}

fn field(control: &str, name: &str) -> String {
    control.lines().find_map(|line| line.strip_prefix(&format!("{name}: "))).unwrap_or_else(|| panic!("the control file has {name}: {control}")).to_string()
}

#[test]
fn the_package_is_named_versioned_and_depends_on_webkit_gtk_and_a_cjk_font() {
    let Some((deb, _)) = package() else { return };
    let control = output("dpkg-deb", &["-f", deb.to_str().expect("path")]);
    assert_eq!(field(&control, "Package"), "taizhang", "an installable Debian name");
    assert_eq!(field(&control, "Version"), env!("CARGO_PKG_VERSION"), "the workspace's version");
    let machine = output("dpkg", &["--print-architecture"]);
    assert_eq!(field(&control, "Architecture"), machine.trim(), "this machine's architecture");
    let depends: Vec<String> = field(&control, "Depends").split(',').map(|d| d.trim().to_string()).collect();
    for needed in ["libwebkit2gtk-4.1-0", "libgtk-3-0"] {
        assert!(depends.iter().any(|d| d.split('|').any(|alt| alt.trim() == needed)), "depends on {needed}: {depends:?}");
    }
    assert!(depends.iter().any(|d| d.contains("fonts-noto-cjk") && d.contains("fonts-wqy")), "a CJK font, with the alternatives Kylin and UOS ship: {depends:?}");
    assert!(field(&control, "Description").contains("进展填报"), "a Chinese description");
}

#[test]
fn the_package_holds_the_app_the_command_line_the_menu_entry_icons_and_manual() {
    let Some((deb, _)) = package() else { return };
    let listing = output("dpkg-deb", &["-c", deb.to_str().expect("path")]);
    // dpkg-deb lists paths as the archive holds them, with or without a leading "./".
    let path_of = |line: &str| line.split_whitespace().last().map(|p| format!("/{}", p.trim_start_matches("./")));
    let files: Vec<String> = listing.lines().filter_map(path_of).collect();
    let mut expected = vec!["/usr/bin/taizhang-desktop".to_string(), "/usr/bin/taizhang".into(), "/usr/share/applications/taizhang.desktop".into(), "/usr/share/doc/taizhang/copyright".into(), "/usr/share/doc/taizhang/manual/index.html".into()];
    expected.extend([16, 24, 32, 48, 64, 128, 256, 512].map(|size| format!("/usr/share/icons/hicolor/{size}x{size}/apps/taizhang-desktop.png")));
    for file in &expected {
        assert!(files.contains(file), "the package holds {file}: {files:?}");
    }
    assert!(files.iter().any(|f| f.starts_with("/usr/share/doc/taizhang/manual/images/") && f.ends_with(".png")), "the manual's pictures");
    let executables: Vec<String> = listing.lines().filter(|l| l.starts_with("-rwx")).filter_map(path_of).collect();
    for program in ["/usr/bin/taizhang", "/usr/bin/taizhang-desktop"] {
        assert!(executables.iter().any(|e| e == program), "{program} is executable: {executables:?}");
    }
}

#[test]
fn the_menu_entry_is_named_in_chinese_under_office_and_starts_the_installed_app() {
    let Some((_, root)) = package() else { return };
    let entry = std::fs::read_to_string(root.join("usr/share/applications/taizhang.desktop")).expect("the entry");
    let value = |key: &str| entry.lines().find_map(|l| l.strip_prefix(&format!("{key}="))).unwrap_or_else(|| panic!("{key} in {entry}")).to_string();
    assert_eq!(value("Name"), "台账", "the menu shows 台账");
    assert_eq!(value("Categories"), "Office;", "under 办公");
    assert_eq!(value("Type"), "Application", "an application");
    let exec = value("Exec");
    assert!(root.join("usr/bin").join(&exec).is_file(), "Exec={exec} is the installed program");
    let icon = value("Icon");
    assert!(root.join(format!("usr/share/icons/hicolor/48x48/apps/{icon}.png")).is_file(), "Icon={icon} is installed");
}

#[test]
fn the_unpacked_programs_find_their_libraries_and_the_cli_works_on_a_fresh_data_folder() {
    let Some((_, root)) = package() else { return };
    for program in ["taizhang", "taizhang-desktop"] {
        let libraries = output("ldd", &[root.join("usr/bin").join(program).to_str().expect("path")]);
        assert!(!libraries.contains("not found"), "{program} finds every library: {libraries}");
    }
    let cli = root.join("usr/bin/taizhang");
    let version = output(cli.to_str().expect("path"), &["--version"]);
    assert!(version.trim().ends_with(env!("CARGO_PKG_VERSION")), "the installed CLI is this version: {version}");
    let folder = tempfile::tempdir().expect("a fresh folder");
    let db = folder.path().join("taizhang.db");
    let tasks = run_in(folder.path(), &cli, &["--db", db.to_str().expect("path"), "tasks", "--department", "农业局", "--json"]);
    let parsed: serde_json::Value = serde_json::from_str(&tasks).expect("JSON");
    assert_eq!(parsed["tasks"].as_array().map(Vec::len), Some(66), "the embedded plan is loaded on first use: 农业局's 66 sub-items");
}

/// Run `program` with `folder` as its working folder (nothing of the source tree around it).
fn run_in(folder: &Path, program: &Path, args: &[&str]) -> String {
    let out = Command::new(program).args(args).current_dir(folder).output().expect("runs");
    assert!(out.status.success(), "{} {args:?}: {}", program.display(), String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("UTF-8")
}
