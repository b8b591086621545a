//! upgrade: a database as the previous release left it opens in this build with nothing lost.
//! The fixture `tests/fixtures/release-0.1.0-schema-9.zip` was made by release 0.1.0's own code at
//! schema 9 (a coordinator's PC: two accounts, the Lishu plan, a year of periods, 2,184 progress
//! versions); this build's migrations take it to the current schema after a backup.

use crate::util::fresh_db;
use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;
use taizhang_core::accounts::sign_in;
use taizhang_core::backup::{list_backups, BackupReason};
use taizhang_core::database::open_database;
use taizhang_core::progress::progress_record;
use taizhang_core::store::Store;

/// Every row of every table, as text, table by table, each row with how many times it occurs:
/// what "nothing lost" compares. Counted rather than listed, since a migration may store a table
/// in another order (0011 keeps the responsibilities in their key's order).
type Contents = BTreeMap<String, BTreeMap<Vec<String>, usize>>;

fn unpack_fixture(database: &Path) {
    let archive = std::fs::File::open(Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures").join("release-0.1.0-schema-9.zip")).expect("the fixture is in the repository");
    let mut zip = zip::ZipArchive::new(archive).expect("a zip");
    let mut bytes = Vec::new();
    zip.by_name("taizhang.db").expect("holds the database").read_to_end(&mut bytes).expect("reads");
    std::fs::write(database, bytes).expect("written");
}

fn contents(database: &Path) -> Contents {
    let conn = rusqlite::Connection::open(database).expect("opens");
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .expect("tables");
    let mut all = Contents::new();
    for table in tables {
        let mut statement = conn.prepare(&format!("SELECT * FROM \"{table}\"")).expect("select");
        let columns = statement.column_count();
        let rows = statement
            .query_map([], |row| (0..columns).map(|i| row.get_ref(i).map(|v| format!("{v:?}"))).collect::<Result<Vec<_>, _>>())
            .and_then(|rows| rows.collect::<Result<Vec<_>, _>>())
            .expect("rows");
        let mut counted = BTreeMap::new();
        for row in rows {
            *counted.entry(row).or_insert(0) += 1;
        }
        all.insert(table, counted);
    }
    all
}

fn schema_version(database: &Path) -> i64 {
    rusqlite::Connection::open(database).and_then(|c| c.query_row("PRAGMA user_version", [], |r| r.get(0))).expect("version")
}

#[test]
fn a_database_of_the_previous_release_opens_with_nothing_lost() {
    let (dir, path) = fresh_db();
    unpack_fixture(&path);
    assert_eq!(schema_version(&path), 9, "the fixture is at the previous release's schema");
    let before = contents(&path);
    assert_eq!(before["progress_versions"].values().sum::<usize>(), 2184, "the fixture holds a year of progress");

    let store = open_database(Some(&path)).expect("this build opens it");
    let latest = Store::open_in_memory().and_then(|fresh| fresh.schema_version()).expect("a new database's version");
    assert!(latest > 9, "this build has migrations beyond the fixture's");
    assert_eq!(store.schema_version().expect("version"), latest, "every migration ran");
    let after = contents(&path);
    for (table, rows) in &before {
        let kept = after.get(table).cloned().unwrap_or_default();
        // Rows may be added (the day's backup is recorded in the audit log), never changed or lost.
        let lost: Vec<_> = rows.iter().filter(|(row, count)| kept.get(*row).copied().unwrap_or(0) < **count).collect();
        assert!(lost.is_empty(), "table {table}: every row as it was ({} before, {} after); lost or changed: {lost:?}", rows.len(), kept.len());
    }

    let backups = list_backups(&store).expect("backups");
    assert!(backups.iter().any(|b| b.reason == Some(BackupReason::BeforeMigration)), "a backup was taken before the upgrade: {backups:?}");
    let backup_folder = dir.path().join("backups");
    assert!(std::fs::read_dir(&backup_folder).expect("the backup folder").count() >= 1, "the backup is a file in {}", backup_folder.display());

    let admin = sign_in(&store, "admin", "Upgrade-2026").expect("the administrator signs in with the old password");
    let clerk = sign_in(&store, "nongye", "Nongye-2026").expect("the department's account signs in");
    assert_eq!(clerk.department.as_deref(), Some("农业局"), "and still belongs to its department");
    let record = progress_record(&store, &admin, "1.1.1.2", Some("农业局"), "2026Q4").expect("a record of the last quarter");
    let saved = record.history.last().expect("its versions");
    assert!(saved.fields.progress.starts_with("本期已按计划推进：培育肥力、改良土壤"), "the text entered before the upgrade: {}", saved.fields.progress);
}
