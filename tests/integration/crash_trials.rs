//! crash_trials: the command line killed (`kill -9`) at a random moment while it writes — taking
//! in department sheets, importing a plan, making a backup — 100 times. After each, SQLite's
//! integrity check passes and every operation is wholly there or wholly absent: a received sheet
//! with all of its versions, a plan with all of its sub-items, a backup file that verifies.

use crate::readback::{coordinator, departments, export_sheets, fill};
use crate::util::{fresh_db, seed_bytes};
use rusqlite::Connection;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// What a trial runs.
#[derive(Debug, Clone, Copy)]
enum Operation {
    ReadBack,
    PlanImport,
    Backup,
}

struct Fixture {
    _dir: tempfile::TempDir,
    template: PathBuf,
    sheets: PathBuf,
    plan: PathBuf,
}

fn binary() -> PathBuf {
    let exe = std::env::current_exe().expect("test binary path");
    exe.ancestors().nth(2).expect("target profile folder").join(format!("taizhang{}", std::env::consts::EXE_SUFFIX))
}

/// A database without accounts (so the CLI needs no sign-in) holding the period, the sheets of
/// six departments to take in, and a second plan to import.
fn fixture() -> Fixture {
    let (source_dir, source, admin) = coordinator();
    let chosen: Vec<String> = departments(&source).into_iter().take(6).collect();
    fill(&source, &admin, &chosen);
    let sheets = source_dir.path().join("sheets");
    std::fs::create_dir_all(&sheets).expect("folder");
    export_sheets(&source, &chosen, &sheets);
    let (dir, template) = fresh_db();
    let store = taizhang_core::database::open_database(Some(&template)).expect("template");
    taizhang_core::periods::create_period_before_setup(&store, "2026Q4").expect("period");
    drop(store);
    let moved = dir.path().join("sheets");
    std::fs::rename(&sheets, &moved).or_else(|_| copy_folder(&sheets, &moved)).expect("sheets kept");
    let plan = dir.path().join("示范县.txt");
    let renamed = String::from_utf8(seed_bytes()).expect("UTF-8").replacen("梨树县土壤污染防治行动计划任务分解表", "示范县土壤污染防治行动计划任务分解表", 1);
    std::fs::write(&plan, renamed).expect("plan");
    Fixture { _dir: dir, template, sheets: moved, plan }
}

fn copy_folder(from: &Path, to: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        std::fs::copy(entry.path(), to.join(entry.file_name()))?;
    }
    Ok(())
}

fn command(fixture: &Fixture, db: &Path, operation: Operation) -> Command {
    let mut command = Command::new(binary());
    command.arg("--db").arg(db).stdout(std::process::Stdio::null()).stderr(std::process::Stdio::null());
    match operation {
        Operation::ReadBack => command.arg("import-report").arg(&fixture.sheets),
        Operation::PlanImport => command.arg("import-plan").arg(&fixture.plan),
        Operation::Backup => command.arg("backup").arg("--out").arg(db.with_file_name("out.tzbak")),
    };
    command
}

/// How long the operation takes when left alone, so that kills land throughout it.
fn duration(fixture: &Fixture, operation: Operation) -> Duration {
    let dir = tempfile::tempdir().expect("folder");
    let db = dir.path().join("taizhang.db");
    std::fs::copy(&fixture.template, &db).expect("copy");
    let started = Instant::now();
    let status = command(fixture, &db, operation).status().expect("runs");
    let took = started.elapsed();
    assert!(status.success(), "{operation:?} succeeds uninterrupted");
    consistent(&db, operation).unwrap_or_else(|e| panic!("{operation:?} uninterrupted: {e}"));
    let conn = Connection::open(&db).expect("opens");
    let done: i64 = match operation {
        Operation::ReadBack => conn.query_row("SELECT count(*) FROM received_reports", [], |r| r.get(0)).expect("count"),
        Operation::PlanImport => conn.query_row("SELECT count(*) FROM plans", [], |r| r.get(0)).expect("count"),
        Operation::Backup => i64::from(db.with_file_name("out.tzbak").exists()),
    };
    let expected = match operation {
        Operation::ReadBack => 6,
        Operation::PlanImport => 2,
        Operation::Backup => 1,
    };
    assert_eq!(done, expected, "{operation:?} uninterrupted does all its work");
    took
}

/// Whether the database after a kill is whole and holds each operation entirely or not at all.
fn consistent(db: &Path, operation: Operation) -> Result<(), String> {
    let conn = Connection::open(db).map_err(|e| format!("opens: {e}"))?;
    let integrity: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).map_err(|e| e.to_string())?;
    if integrity != "ok" {
        return Err(format!("integrity_check: {integrity}"));
    }
    let count = |sql: &str| conn.query_row(sql, [], |r| r.get::<_, i64>(0)).map_err(|e| format!("{sql}: {e}"));
    match operation {
        Operation::ReadBack => {
            let partial = count(
                "SELECT count(*) FROM received_reports r
                  WHERE r.rows_new + r.rows_changed != (SELECT count(*) FROM progress_versions v WHERE v.source_report_id = r.id)",
            )?;
            let orphans = count("SELECT count(*) FROM progress_versions WHERE source_report_id IS NOT NULL AND source_report_id NOT IN (SELECT id FROM received_reports)")?;
            if partial + orphans > 0 {
                return Err(format!("{partial} sheets with missing versions, {orphans} versions without their sheet"));
            }
        }
        Operation::PlanImport => {
            let plans = count("SELECT count(*) FROM plans")?;
            let subitems = count("SELECT count(*) FROM subitems WHERE plan_id = (SELECT max(id) FROM plans)")?;
            if !(plans == 1 || (plans == 2 && subitems == 138)) {
                return Err(format!("{plans} plans, the newest with {subitems} sub-items"));
            }
        }
        Operation::Backup => {
            let out = db.with_file_name("out.tzbak");
            if out.exists() {
                taizhang_core::backup::verify_backup(&out).map_err(|e| format!("the backup file is there but: {e}"))?;
            }
        }
    }
    Ok(())
}

/// A small deterministic generator, so a failing trial can be run again.
fn fraction(trial: u64) -> f64 {
    let mixed = trial.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
    (mixed >> 11) as f64 / (1_u64 << 53) as f64
}

#[test]
fn one_hundred_kills_during_writes_leave_consistent_databases() {
    let fixture = fixture();
    let operations = [Operation::ReadBack, Operation::PlanImport, Operation::Backup];
    let full: Vec<Duration> = operations.iter().map(|op| duration(&fixture, *op)).collect();
    let mut consistent_runs = 0;
    let mut killed_midway = 0;
    let mut failures = Vec::new();
    for trial in 0..100_u64 {
        let which = (trial % 3) as usize;
        let operation = operations[which];
        let dir = tempfile::tempdir().expect("folder");
        let db = dir.path().join("taizhang.db");
        std::fs::copy(&fixture.template, &db).expect("copy");
        let mut child = command(&fixture, &db, operation).spawn().expect("starts");
        std::thread::sleep(full[which].mul_f64(fraction(trial) * 1.1));
        if child.try_wait().expect("status").is_none() {
            killed_midway += 1;
        }
        let _ = child.kill();
        let _ = child.wait();
        match consistent(&db, operation) {
            Ok(()) => consistent_runs += 1,
            Err(problem) => failures.push(format!("trial {trial} ({operation:?}): {problem}")),
        }
    }
    eprintln!("crash trials: {consistent_runs}/100 consistent databases ({killed_midway} killed mid-write; uninterrupted: {full:?})");
    assert!(failures.is_empty(), "inconsistent after a kill: {failures:#?}");
    assert!(killed_midway >= 50, "most kills land while the command is still writing: {killed_midway}");
}
