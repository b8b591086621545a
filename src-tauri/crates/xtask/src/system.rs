//! Running commands and installing what the project needs on a Debian/Ubuntu machine.

use std::fmt;
use std::path::PathBuf;
use crate::tally::Tally;
use std::process::Command;

/// Why a task stopped.
#[derive(Debug)]
pub struct Failure(pub String);

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The workspace root (two levels above this crate's manifest folder's parent).
pub fn workspace_root() -> PathBuf {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest.ancestors().nth(3).map(PathBuf::from).unwrap_or(manifest)
}

/// Run a command in the workspace root, failing unless it exits successfully.
pub fn run(program: &str, args: &[&str]) -> Result<(), Failure> {
    run_in(&workspace_root(), program, args)
}

/// Run a command in `folder`, failing unless it exits successfully.
pub fn run_in(folder: &std::path::Path, program: &str, args: &[&str]) -> Result<(), Failure> {
    let status = Command::new(program)
        .args(args)
        .current_dir(folder)
        .status()
        .map_err(|e| Failure(format!("无法启动 {program}：{e}")))?;
    if status.success() {
        Ok(())
    } else {
        Err(Failure(format!("{program} {} 失败（{status}）", args.join(" "))))
    }
}

/// Run cargo (the same cargo that runs xtask).
pub fn cargo(args: &[&str]) -> Result<(), Failure> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    run(&cargo, args)
}

/// Whether `program` is on the PATH.
pub fn command_exists(program: &str) -> bool {
    Command::new(program).arg("--version").stdout(std::process::Stdio::null()).stderr(std::process::Stdio::null()).status().is_ok()
}

/// Run `cargo test …`, echoing its output, and count the results of every test binary.
pub fn cargo_test(args: &[&str]) -> Result<Tally, Failure> {
    use std::io::{BufRead, BufReader};
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let mut child = Command::new(&cargo)
        .args(args)
        .current_dir(workspace_root())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .map_err(|e| Failure(format!("无法启动 cargo：{e}")))?;
    let mut tally = Tally::default();
    if let Some(stdout) = child.stdout.take() {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            println!("{line}");
            if let Some(counts) = crate::tally::cargo_line(&line) {
                tally.add(counts);
            }
        }
    }
    let status = child.wait().map_err(|e| Failure(format!("cargo test 未正常结束：{e}")))?;
    if !status.success() {
        tally.failed = tally.failed.max(1);
    }
    Ok(tally)
}

/// Install the named Debian packages that are not installed yet (apt-get, as root or via sudo).
/// Elsewhere than Debian/Ubuntu, only say what is missing.
pub fn ensure_debian_packages(packages: &[&str]) -> Result<(), Failure> {
    let missing: Vec<&str> = packages.iter().copied().filter(|p| !is_installed(p)).collect();
    if missing.is_empty() {
        return Ok(());
    }
    if Command::new("apt-get").arg("--version").output().is_err() {
        return Err(Failure(format!("缺少系统软件包：{}（本机没有 apt-get，请手动安装）", missing.join(" "))));
    }
    println!("xtask: 安装系统软件包：{}", missing.join(" "));
    let as_root = Command::new("id").arg("-u").output().map(|o| o.stdout.starts_with(b"0")).unwrap_or(false);
    let (program, prefix): (&str, Vec<&str>) = if as_root { ("apt-get", vec![]) } else { ("sudo", vec!["apt-get"]) };
    let update: Vec<&str> = prefix.iter().copied().chain(["update", "-q"]).collect();
    run(program, &update)?;
    let install: Vec<&str> =
        prefix.iter().copied().chain(["install", "-y", "-q", "--no-install-recommends"]).chain(missing.iter().copied()).collect();
    let mut command = Command::new(program);
    command.args(&install).env("DEBIAN_FRONTEND", "noninteractive");
    let status = command.status().map_err(|e| Failure(format!("无法运行 apt-get：{e}")))?;
    if status.success() {
        Ok(())
    } else {
        Err(Failure(format!("安装 {} 失败", missing.join(" "))))
    }
}

fn is_installed(package: &str) -> bool {
    Command::new("dpkg-query")
        .args(["-W", "-f=${Status}", package])
        .output()
        .map(|o| o.status.success() && String::from_utf8_lossy(&o.stdout).contains("install ok installed"))
        .unwrap_or(false)
}
