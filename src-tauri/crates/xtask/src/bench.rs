//! `cargo xtask bench [--full]`: the release CLI timed as whole processes on the seed's plan
//! at ×1 and ×10 (×100 too with `--full`), each size with a year of periods and progress from
//! every responsible department, beside a peer — the same 全县汇总表 written by a short Python
//! XlsxWriter script, as an office scripter would. Prints one table (median of 5 runs, peak
//! memory) and, with `--full`, whether every target at ×100 is met.

use crate::system::{cargo, ensure_debian_packages, workspace_root, Failure};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

/// Runs of each operation; the median is reported.
const RUNS: usize = 5;
/// The period the reports are exported for.
const PERIOD: &str = "2026Q4";
/// The department whose sheet and task list are timed (the one with the most sub-items).
const DEPARTMENT: &str = "农业局";
/// Debian packages the bench needs: the peer's XlsxWriter and GNU time for peak memory.
pub const BENCH_PACKAGES: &[&str] = &["python3-xlsxwriter", "time"];
/// Debian's Python, which the package above installs into.
const PYTHON: &str = "/usr/bin/python3";

/// What is timed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Operation {
    ImportPlan,
    Summary,
    Department,
    Tasks,
    Plan,
    Peer,
    /// The peer's workbook written by rust_xlsxwriter alone (`core/examples/summary_floor.rs`):
    /// how far below the peer a 全县汇总表 written with rust_xlsxwriter can go.
    Floor,
}

impl Operation {
    const ALL: [Operation; 7] = [Operation::ImportPlan, Operation::Summary, Operation::Peer, Operation::Floor, Operation::Department, Operation::Tasks, Operation::Plan];

    fn name(self) -> &'static str {
        match self {
            Operation::ImportPlan => "import-plan",
            Operation::Summary => "export summary（全县汇总表）",
            Operation::Department => "export department（部门工作进展表）",
            Operation::Tasks => "tasks --json",
            Operation::Plan => "plan --json",
            Operation::Peer => "Python XlsxWriter 写同一全县汇总表",
            Operation::Floor => "rust_xlsxwriter 直接写同行的那张表（下限）",
        }
    }

    /// The command line of one run in `size`'s folder.
    fn command(self, size: &Size, release: &Path) -> Vec<String> {
        let cli = release.join("taizhang");
        let db = |name: &str| size.folder.join(name).display().to_string();
        let out = |name: &str| size.folder.join("out").join(name).display().to_string();
        let taizhang = |db: String, args: &[&str]| [cli.display().to_string(), "--db".into(), db].into_iter().chain(args.iter().map(|a| a.to_string())).collect();
        match self {
            Operation::ImportPlan => taizhang(db("import.db"), &["import-plan", &db("plan.txt")]),
            Operation::Summary => taizhang(db("full.db"), &["export", "summary", "--period", PERIOD, "--unit", "梨树县环保局", "--out", &out("summary.xlsx")]),
            Operation::Department => taizhang(db("full.db"), &["export", "department", "--department", DEPARTMENT, "--period", PERIOD, "--out", &out("department.xlsx")]),
            Operation::Tasks => taizhang(db("full.db"), &["tasks", "--department", DEPARTMENT, "--json"]),
            Operation::Plan => taizhang(db("full.db"), &["plan", "--json"]),
            Operation::Peer => {
                let script = workspace_root().join("src-tauri/crates/xtask/bench/summary_peer.py");
                vec![PYTHON.into(), script.display().to_string(), db("full.db"), PERIOD.into(), out("peer.xlsx")]
            }
            Operation::Floor => vec![release.join("examples/summary_floor").display().to_string(), db("full.db"), PERIOD.into(), out("floor.xlsx")],
        }
    }

    /// Before each run: an import goes into a fresh copy of a database holding only the seed.
    fn prepare(self, size: &Size) -> Result<(), Failure> {
        if self != Operation::ImportPlan {
            return Ok(());
        }
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(size.folder.join(format!("import.db{suffix}")));
        }
        let _ = std::fs::remove_dir_all(size.folder.join("backups"));
        std::fs::copy(size.folder.join("seed-only.db"), size.folder.join("import.db")).map_err(|e| Failure(format!("无法复制基准数据库：{e}")))?;
        Ok(())
    }

    /// The target at ×100, as a limit in milliseconds (given the peer's time) and megabytes.
    fn target(self, peer_ms: f64) -> Option<Target> {
        let within = |ms: f64, mb: Option<f64>, text: &str| Some(Target { ms, mb, text: text.to_string() });
        match self {
            Operation::ImportPlan => within(1500.0, None, "≤ 1.5 s"),
            Operation::Summary => within(peer_ms / 8.0, Some(250.0), "≤ 1/8 同行，≤ 250 MB"),
            Operation::Department => within(150.0, None, "≤ 150 ms"),
            Operation::Tasks => within(100.0, None, "≤ 100 ms"),
            Operation::Plan => within(400.0, None, "≤ 400 ms"),
            Operation::Peer | Operation::Floor => None,
        }
    }
}

/// A target: time and (optionally) peak memory.
struct Target {
    ms: f64,
    mb: Option<f64>,
    text: String,
}

/// One size of the data.
struct Size {
    factor: usize,
    folder: PathBuf,
}

/// One operation at one size, measured.
struct Measured {
    operation: Operation,
    factor: usize,
    median_ms: f64,
    peak_mb: f64,
}

/// `cargo xtask bench [--full]`.
pub fn bench(args: &[String]) -> Result<(), Failure> {
    let full = args.iter().any(|a| a == "--full");
    ensure_debian_packages(BENCH_PACKAGES)?;
    // One build for both: two would resolve features apart and compile the core twice.
    cargo(&["build", "--release", "--package", "taizhang-cli", "--bin", "taizhang", "--package", "taizhang-core", "--example", "scale", "--example", "summary_floor"])?;
    let release = workspace_root().join("target/release");
    let factors: &[usize] = if full { &[1, 10, 100] } else { &[1, 10] };
    let mut results = Vec::new();
    for &factor in factors {
        let size = Size { factor, folder: workspace_root().join(format!("target/bench/x{factor}")) };
        crate::system::run(&release.join("examples/scale").display().to_string(), &[&factor.to_string(), &size.folder.display().to_string()])?;
        std::fs::create_dir_all(size.folder.join("out")).map_err(|e| Failure(format!("无法创建输出文件夹：{e}")))?;
        for operation in Operation::ALL {
            results.push(measure(operation, &size, &release)?);
        }
    }
    let table = table(&results, full);
    println!("{table}");
    let written = workspace_root().join("target/bench/results.md");
    std::fs::write(&written, &table).map_err(|e| Failure(format!("无法写入 {}：{e}", written.display())))?;
    println!("（表格已写入 {}）", written.display());
    let missed = results.iter().filter(|m| m.factor == 100).filter(|m| verdict(m, &results) == Some(false)).count();
    if missed > 0 {
        return Err(Failure(format!("×100 有 {missed} 项未达到目标")));
    }
    Ok(())
}

/// Run `operation` [`RUNS`] times as whole processes under GNU time.
fn measure(operation: Operation, size: &Size, release: &Path) -> Result<Measured, Failure> {
    let mut times = Vec::with_capacity(RUNS);
    let mut peak_kb: f64 = 0.0;
    let report = size.folder.join("time.txt");
    for _ in 0..RUNS {
        operation.prepare(size)?;
        let command = operation.command(size, release);
        let started = Instant::now();
        let status = Command::new("/usr/bin/time")
            .args(["-f", "%M", "-o", &report.display().to_string()])
            .args(&command)
            .stdout(Stdio::null())
            .status()
            .map_err(|e| Failure(format!("无法运行 {}：{e}", command.join(" "))))?;
        times.push(started.elapsed().as_secs_f64() * 1000.0);
        if !status.success() {
            return Err(Failure(format!("{} 失败（{status}）：{}", operation.name(), command.join(" "))));
        }
        let text = std::fs::read_to_string(&report).unwrap_or_default();
        peak_kb = peak_kb.max(text.trim().lines().last().and_then(|l| l.trim().parse().ok()).unwrap_or(0.0));
    }
    times.sort_by(f64::total_cmp);
    Ok(Measured { operation, factor: size.factor, median_ms: times[RUNS / 2], peak_mb: peak_kb / 1024.0 })
}

/// Met, missed, or no target (only ×100 has targets; the summary's depends on the peer's time).
fn verdict(m: &Measured, all: &[Measured]) -> Option<bool> {
    let peer = all.iter().find(|p| p.operation == Operation::Peer && p.factor == m.factor)?;
    let target = m.operation.target(peer.median_ms).filter(|_| m.factor == 100)?;
    Some(m.median_ms <= target.ms && target.mb.is_none_or(|mb| m.peak_mb <= mb))
}

/// The results as a Markdown table, with the ratio to the peer for the summary.
fn table(results: &[Measured], full: bool) -> String {
    let mut out = String::from("| 操作 | 规模 | 中位数（5 次，整个进程） | 峰值内存 | 目标（×100） | 结果 |\n|---|---|---:|---:|---|---|\n");
    for m in results {
        let peer = results.iter().find(|p| p.operation == Operation::Peer && p.factor == m.factor);
        let ratio = match (m.operation, peer) {
            (Operation::Summary | Operation::Floor, Some(peer)) => format!("（同行的 1/{:.1}）", peer.median_ms / m.median_ms),
            _ => String::new(),
        };
        let target = if m.factor == 100 { m.operation.target(peer.map_or(0.0, |p| p.median_ms)).map(|t| t.text).unwrap_or_default() } else { String::new() };
        let verdict = match verdict(m, results) {
            Some(true) => "达到",
            Some(false) => "未达到",
            None => "",
        };
        out.push_str(&format!("| {} | ×{} | {:.0} ms{ratio} | {:.0} MB | {target} | {verdict} |\n", m.operation.name(), m.factor, m.median_ms, m.peak_mb));
    }
    if !full {
        out.push_str("\n（×100 及其目标：cargo xtask bench --full）\n");
    }
    out
}
