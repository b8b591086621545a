//! backups: a backup holds the database and the evidence files; a restore brings both back and
//! first keeps what it replaces; files that are not ours, damaged or from a newer version are
//! refused with nothing changed; backups are taken by themselves before imports and upgrades,
//! daily, and the last 30 are kept.

use crate::accounts::coordinator_setup;
use crate::progress::input;
use crate::util::{fresh_db, seed_bytes, taizhang};
use taizhang_core::accounts::{create_account, setup, sign_in};
use taizhang_core::backup::{self, BackupReason};
use taizhang_core::database::open_database;
use taizhang_core::progress::{progress_record, save_progress, ProgressInput};
use taizhang_core::store::Store;
use taizhang_core::Error;

fn backups_of(dir: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir.join("backups")).map(|r| r.filter_map(|e| e.ok()).map(|e| e.file_name().to_string_lossy().into_owned()).collect()).unwrap_or_default();
    names.sort();
    names
}

/// A coordinator's database on disk with 农业局's draft and an evidence file.
fn office_on_disk() -> (tempfile::TempDir, std::path::PathBuf, Store, taizhang_core::accounts::Session) {
    let (dir, path) = fresh_db();
    let store = open_database(Some(&path)).expect("opens");
    let admin = setup(&store, &coordinator_setup()).expect("setup");
    taizhang_core::periods::create_period(&store, &admin, "2026Q4").expect("period");
    let photo = dir.path().join("现场照片.jpg");
    std::fs::write(&photo, b"JPEG bytes of the site").expect("file");
    let draft = ProgressInput { department: Some("农业局".into()), evidence: vec![photo], ..input("1.1.1.2", 0) };
    save_progress(&store, &admin, &dir.path().join("evidence"), &draft).expect("saved");
    (dir, path, store, admin)
}

#[test]
fn backup_change_restore_brings_back_the_data_and_the_evidence() {
    let (dir, _path, mut store, admin) = office_on_disk();
    let out = dir.path().join("U盘").join("台账备份.tzbak");
    let info = backup::backup_as(&store, &admin, Some(&out)).expect("backed up");
    assert!(info.size_bytes > 0 && out.exists(), "the backup file is written");
    let before = store.row_counts().expect("counts");

    save_progress(&store, &admin, &dir.path().join("evidence"), &ProgressInput { department: Some("农业局".into()), percent: 90, ..input("1.1.1.2", 1) }).expect("a change");
    create_account(&store, &admin, &crate::accounts::department_account("later", "公安局")).expect("an account made later");
    std::fs::remove_dir_all(dir.path().join("evidence")).expect("the evidence folder is lost");

    let outcome = backup::restore(&mut store, Some(&admin), &out).expect("restored");
    let after: Vec<(String, i64)> = store.row_counts().expect("counts").into_iter().filter(|(t, _)| t != "audit_log").collect();
    let expected: Vec<(String, i64)> = before.into_iter().filter(|(t, _)| t != "audit_log").collect();
    assert_eq!(after, expected, "every table as at the backup");
    let record = progress_record(&store, &admin, "1.1.1.2", Some("农业局"), "2026Q4").expect("record");
    assert_eq!((record.history.len(), record.form.fields.percent), (1, 60), "the later version is gone");
    let file = &record.history[0].evidence[0];
    let restored = std::fs::read(dir.path().join("evidence").join(&file.sha256)).expect("the evidence file is back");
    assert_eq!(restored, b"JPEG bytes of the site", "byte for byte");
    assert!(matches!(sign_in(&store, "later", "secret123"), Err(Error::BadCredentials)), "the later account is gone");

    let kept = outcome.replaced_saved_as.expect("what was replaced is kept");
    assert_eq!(kept.reason, Some(BackupReason::BeforeRestore), "as a 恢复备份前 backup");
    let admin = sign_in(&store, "admin", "secret123").expect("admin");
    backup::restore(&mut store, Some(&admin), &kept.path).expect("the replaced data can be restored in turn");
    let record = progress_record(&store, &admin, "1.1.1.2", Some("农业局"), "2026Q4").expect("record");
    assert_eq!(record.history.len(), 2, "the change is back");
    sign_in(&store, "later", "secret123").expect("and so is the later account");
}

#[test]
fn a_foreign_damaged_or_newer_file_is_refused_and_nothing_changes() {
    let (dir, _path, mut store, admin) = office_on_disk();
    let good = dir.path().join("good.tzbak");
    backup::backup_to(&store, &good, BackupReason::Manual).expect("backup");
    let bytes = std::fs::read(&good).expect("bytes");
    let garbage = dir.path().join("garbage.tzbak");
    std::fs::write(&garbage, b"PK\x03\x04 this is a zip, not a backup").expect("write");
    let truncated = dir.path().join("truncated.tzbak");
    std::fs::write(&truncated, &bytes[..bytes.len() / 2]).expect("write");
    let damaged = dir.path().join("damaged.tzbak");
    let mut flipped = bytes.clone();
    for byte in flipped.iter_mut().skip(8192).step_by(997).take(200) {
        *byte ^= 0x5a;
    }
    std::fs::write(&damaged, &flipped).expect("write");
    let foreign = dir.path().join("other-app.db");
    rusqlite::Connection::open(&foreign).and_then(|c| c.execute_batch("CREATE TABLE notes (text TEXT); INSERT INTO notes VALUES ('hi');")).expect("another program's database");
    let newer = dir.path().join("newer.tzbak");
    std::fs::write(&newer, &bytes).expect("copy");
    rusqlite::Connection::open(&newer).and_then(|c| c.execute("UPDATE taizhang_backup SET value = '99' WHERE key = 'schema_version'", [])).expect("a stamp from version 99");

    let before = store.row_counts().expect("counts");
    let backups_before = backups_of(dir.path());
    for (file, says) in [(&garbage, "不是台账的备份文件"), (&truncated, "备份"), (&damaged, "备份"), (&foreign, "不是台账的备份文件"), (&newer, "更新版本")] {
        let refused = backup::restore(&mut store, Some(&admin), file);
        assert!(matches!(&refused, Err(Error::InvalidInput(m)) if m.contains(says)), "{} is refused ({says}): {refused:?}", file.display());
    }
    assert_eq!(store.row_counts().expect("counts"), before, "nothing changed");
    assert_eq!(backups_of(dir.path()), backups_before, "and no backup was taken for a refused file");
    backup::restore(&mut store, Some(&admin), &good).expect("the good one restores");
}

#[test]
fn backups_are_taken_before_imports_and_upgrades_and_daily_keeping_thirty() {
    let (dir, path, store, admin) = office_on_disk();
    assert!(backup::daily(&store).expect("daily").is_some(), "the day's first start backs up");
    assert!(backup::daily(&store).expect("daily").is_none(), "the second does not");
    let renamed = String::from_utf8(seed_bytes()).expect("UTF-8").replacen("土壤", "示范土壤", 3);
    let table = dir.path().join("示范县.txt");
    std::fs::write(&table, renamed).expect("table");
    taizhang_core::plan_import::import_plan_as(&store, &admin, &table, Default::default()).expect("a second plan");
    let reasons = |dir: &std::path::Path| backup::list_backups(&open_database(Some(&dir.join("taizhang.db"))).expect("opens")).expect("list").into_iter().filter_map(|b| b.reason).collect::<Vec<_>>();
    assert!(reasons(dir.path()).contains(&BackupReason::BeforePlanImport), "{:?}", backups_of(dir.path()));
    std::env::set_var("TAIZHANG_PASSWORD", "secret123");
    let photo = dir.path().join("现场照片.jpg");
    let import = taizhang(&["--db", path.to_str().expect("path"), "--user", "admin", "import-report", photo.to_str().expect("path")]);
    assert_eq!(import.code, 1, "the photo is refused as a sheet: {}{}", import.stdout, import.stderr);
    assert!(reasons(dir.path()).contains(&BackupReason::BeforeReadback), "but a backup was taken before the batch: {:?}", backups_of(dir.path()));
    let preview = taizhang(&["--db", path.to_str().expect("path"), "--user", "admin", "import-report", "--dry-run", photo.to_str().expect("path")]);
    assert_eq!(preview.code, 1, "a preview: {}", preview.stderr);
    for _ in 0..34 {
        backup::automatic(&store, BackupReason::Manual).expect("backup");
    }
    assert_eq!(backups_of(dir.path()).len(), backup::KEEP, "only the last 30 are kept");
    drop(store);

    let (old_dir, old_path) = fresh_db();
    {
        let mut conn = rusqlite::Connection::open(&old_path).expect("opens");
        taizhang_core::store::MIGRATIONS.to_version(&mut conn, 6).expect("a database of the previous version");
    }
    drop(open_database(Some(&old_path)).expect("the new version opens and upgrades it"));
    assert_eq!(reasons(old_dir.path()), vec![BackupReason::BeforeMigration], "a backup was taken before the upgrade: {:?}", backups_of(old_dir.path()));
}

#[test]
fn the_command_line_backs_up_and_restores_as_an_administrator() {
    let (dir, path, store, _) = office_on_disk();
    drop(store);
    let db = path.to_str().expect("path");
    let out = dir.path().join("cli.tzbak");
    let anonymous = taizhang(&["--db", db, "backup", "--out", out.to_str().expect("path")]);
    assert!(anonymous.code == 1 && anonymous.stderr.contains("--user"), "a set-up database needs an account: {}", anonymous.stderr);
    let exe = std::env::current_exe().expect("test binary path");
    let binary = exe.ancestors().nth(2).expect("target profile folder").join(format!("taizhang{}", std::env::consts::EXE_SUFFIX));
    let run = |args: &[&str]| std::process::Command::new(&binary).args(["--db", db, "--user", "admin"]).args(args).env("TAIZHANG_PASSWORD", "secret123").output().expect("runs");
    let backed = run(&["backup", "--out", out.to_str().expect("path")]);
    assert!(backed.status.success() && String::from_utf8_lossy(&backed.stdout).contains("已备份到"), "{}", String::from_utf8_lossy(&backed.stderr));
    let not_ours = dir.path().join("现场照片.jpg");
    let refused = run(&["restore", not_ours.to_str().expect("path")]);
    assert!(!refused.status.success() && String::from_utf8_lossy(&refused.stderr).contains("不是台账的备份文件"), "{}", String::from_utf8_lossy(&refused.stderr));
    let restored = run(&["restore", out.to_str().expect("path")]);
    let said = String::from_utf8_lossy(&restored.stdout);
    assert!(restored.status.success() && said.contains("已从 cli.tzbak 恢复") && said.contains("恢复前的数据已备份为"), "{said}{}", String::from_utf8_lossy(&restored.stderr));
    let store = open_database(Some(&path)).expect("opens");
    let admin = sign_in(&store, "admin", "secret123").expect("admin");
    let log = taizhang_core::admin::audit_log(&store, &admin, 20).expect("log");
    assert!(log.iter().any(|e| e.action == "从备份恢复"), "the restore is logged");
}

#[test]
fn a_database_that_no_longer_opens_is_kept_aside_and_restored_from_a_backup() {
    let (dir, path, store, admin) = office_on_disk();
    let out = dir.path().join("last-good.tzbak");
    backup::backup_as(&store, &admin, Some(&out)).expect("backup");
    drop(store);
    let damaged: Vec<u8> = (0..65536_u32).map(|i| (i.wrapping_mul(2654435761) >> 13) as u8).collect();
    std::fs::write(&path, &damaged).expect("the disk mangled the database");
    for side in ["taizhang.db-wal", "taizhang.db-shm"] {
        let _ = std::fs::remove_file(dir.path().join(side));
    }
    assert!(open_database(Some(&path)).is_err(), "it no longer opens");
    let db = path.to_str().expect("path");
    let run = taizhang(&["--db", db, "restore", out.to_str().expect("path")]);
    assert_eq!(run.code, 0, "restored without signing in (nobody can sign in to a damaged database): {}", run.stderr);
    assert!(run.stdout.contains("原数据库无法打开") && run.stdout.contains("已从 last-good.tzbak 恢复"), "{}", run.stdout);
    let kept: Vec<String> = std::fs::read_dir(dir.path()).expect("list").filter_map(|e| e.ok()).map(|e| e.file_name().to_string_lossy().into_owned()).filter(|n| n.starts_with("taizhang.db.damaged-")).collect();
    assert_eq!(kept.len(), 1, "the damaged file is kept, renamed: {kept:?}");
    assert_eq!(std::fs::read(dir.path().join(&kept[0])).expect("bytes"), damaged, "untouched");
    let store = open_database(Some(&path)).expect("the restored database opens");
    let admin = sign_in(&store, "admin", "secret123").expect("and its accounts work");
    assert_eq!(progress_record(&store, &admin, "1.1.1.2", Some("农业局"), "2026Q4").expect("record").history.len(), 1, "with its records");
}
