//! The durable SQLite store: one file per PC, WAL journal, foreign keys on, schema from the
//! numbered migrations in `migrations/`. All SQL of the project lives under this module.

mod accounts;
mod audit;
mod columns;
pub(crate) mod backup;
mod departments;
mod outline;
mod periods;
mod plans;
mod revisions;
mod progress;
mod received;
mod samples;
mod search;
mod scope;
mod standings;
mod tree;

pub use accounts::{AccountRow, NewAccount};
pub use audit::{AuditEntry, AuditRow};
pub use departments::DepartmentRow;
pub use periods::PeriodRow;
pub use plans::{PlanOrigin, PlanRow};
pub use revisions::RemovedSubItem;
pub use standings::RecordStanding;
pub use tree::SubItemTexts;
pub use progress::{Attachments, EvidenceFile, NewVersion, ProgressFields, ProgressRow, ProgressSummary, RecordState, StoredTargetValue, TargetValue};
pub use received::{NewReceipt, ReceiptRow, ReportSource};
pub use search::{MAX_SEARCH_CHARS, MAX_SEARCH_WORDS};

use crate::error::{Error, Result};
use rusqlite::{Connection, Transaction};
use rusqlite_migration::{Migrations, M};
use std::path::Path;

/// The schema, one numbered file per change. Never edit a released migration: add one.
const MIGRATION_SLICE: &[M<'_>] = &[
    M::up(include_str!("../../migrations/0001_plan.sql")),
    M::up(include_str!("../../migrations/0002_reporting.sql")),
    M::up(include_str!("../../migrations/0003_search.sql")),
    M::up(include_str!("../../migrations/0004_received_reports.sql")),
    M::up(include_str!("../../migrations/0005_account_profile.sql")),
    M::up(include_str!("../../migrations/0006_sign_in_failures.sql")),
    M::up(include_str!("../../migrations/0007_office_accounts.sql")),
    M::up(include_str!("../../migrations/0008_plan_revisions.sql")),
    M::up(include_str!("../../migrations/0009_at_scale.sql")),
    M::up(include_str!("../../migrations/0010_latest_standings.sql")),
    M::up(include_str!("../../migrations/0011_responsibilities_clustered.sql")),
];

/// The migrations, for applying and for validation in tests.
pub const MIGRATIONS: Migrations<'_> = Migrations::from_slice(MIGRATION_SLICE);

/// How much of the database file [`Store::read_through_memory_map`] maps: more than any county's
/// or city's plans and years of progress (the ×100 bench database is 180 MB); SQLite reads
/// beyond it as usual.
const MEMORY_MAP_BYTES: i64 = 1 << 30;

/// An open database.
#[derive(Debug)]
pub struct Store {
    conn: Connection,
}

impl Store {
    /// Open (creating if needed) the database file at `path`, bringing its schema up to date.
    pub fn open(path: &Path) -> Result<Store> {
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(|source| Error::Io { path: parent.to_path_buf(), source })?;
        }
        let conn = Connection::open(path)?;
        let version = backup::schema_version_of(&conn)?;
        if version > 0 && version < MIGRATION_SLICE.len() as i64 {
            crate::backup::before_migration(&conn, path)?;
        }
        conn.pragma_update(None, "journal_mode", "WAL")?;
        // FULL: a confirmed 报送 is on the disk before the app says so, even on a power cut.
        conn.pragma_update(None, "synchronous", "FULL")?;
        // A 32 MB page cache (SQLite's default is 2 MB) keeps a large plan's pages in memory
        // while a report or a list reads it.
        conn.pragma_update(None, "cache_size", -32i64 * 1024)?;
        Store::prepare(conn)
    }

    /// A private database in memory, for tests.
    pub fn open_in_memory() -> Result<Store> {
        Store::prepare(Connection::open_in_memory()?)
    }

    fn prepare(mut conn: Connection) -> Result<Store> {
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        MIGRATIONS.to_latest(&mut conn)?;
        let store = Store { conn };
        store.write(departments::seed_builtin)?;
        store.fill_missing_digests()?;
        Ok(store)
    }

    /// Run `work` in one transaction: all of it is stored, or (on any error) none of it. The
    /// transaction takes the write lock at once (`BEGIN IMMEDIATE`), so a second writer — the
    /// app and the command line at the same time — waits its turn instead of failing midway.
    pub(crate) fn write<T>(&self, work: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        let tx = Transaction::new_unchecked(&self.conn, rusqlite::TransactionBehavior::Immediate)?;
        let value = work(&tx)?;
        tx.commit()?;
        Ok(value)
    }

    /// Read the database file through a memory map from now on, as a command that only reads
    /// it does: SQLite then finds each page where it lies in the system's file cache instead of
    /// copying it into its own cache with one system call a page (a department's part of the
    /// plan at a hundred times the seed is about 5,000 pages, and those calls were a sixth of
    /// `tasks --json`). Writes still go through the file as before. The reports leave it off:
    /// the mapped pages count in the process's memory, which the county summary keeps under
    /// 250 MB.
    ///
    /// # Errors
    ///
    /// [`Error::Database`](crate::Error::Database) when SQLite refuses the setting.
    pub fn read_through_memory_map(&self) -> Result<()> {
        self.conn.pragma_update(None, "mmap_size", MEMORY_MAP_BYTES)?;
        Ok(())
    }

    /// Give back the memory of SQLite's page cache: after a report's contents are read, its pages
    /// would otherwise be held through the workbook's layout and writing (at a hundred times the
    /// seed, 35 MB of the county summary's peak). The next read fills the cache again.
    ///
    /// # Errors
    ///
    /// [`Error::Database`](crate::Error::Database) when SQLite refuses.
    pub fn release_cache(&self) -> Result<()> {
        self.conn.execute_batch("PRAGMA shrink_memory")?;
        Ok(())
    }

    /// The connection, for reads.
    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }

    /// The schema version (SQLite's user_version).
    pub fn schema_version(&self) -> Result<i64> {
        Ok(self.conn.pragma_query_value(None, "user_version", |row| row.get(0))?)
    }

    /// A checksum-free snapshot of every user table's row count, to show that a failed
    /// operation changed nothing.
    pub fn row_counts(&self) -> Result<Vec<(String, i64)>> {
        let mut statement = self
            .conn
            .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")?;
        let tables: Vec<String> = statement.query_map([], |row| row.get(0))?.collect::<rusqlite::Result<_>>()?;
        tables
            .into_iter()
            .map(|table| {
                let count = self.conn.query_row(&format!("SELECT count(*) FROM \"{table}\""), [], |row| row.get(0))?;
                Ok((table, count))
            })
            .collect()
    }
}

/// The store behind a lock shared between threads (the desktop app), even when another thread
/// panicked while holding it: every write is one transaction, so the data is consistent.
pub fn lock(shared: &std::sync::Mutex<Store>) -> std::sync::MutexGuard<'_, Store> {
    shared.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Store ids as a JSON array, bound to a query that reads them with `json_each` (one parameter
/// for any number of departments); `None` stays NULL, meaning all.
pub(crate) fn id_list(ids: Option<&[i64]>) -> Option<String> {
    ids.map(|ids| serde_json::Value::from(ids.to_vec()).to_string())
}

/// SQL for the name the account whose id is in `column` is shown by ('' for none).
pub(crate) fn account_name(column: &str) -> String {
    format!("coalesce((SELECT coalesce(nullif(a.display_name, ''), a.username) FROM accounts a WHERE a.id = {column}), '')")
}

/// Current time as stored: UTC, RFC 3339, seconds.
pub(crate) fn now() -> String {
    timestamp(chrono::Utc::now())
}

/// A moment as stored: UTC, RFC 3339, seconds.
pub(crate) fn timestamp(at: chrono::DateTime<chrono::Utc>) -> String {
    at.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_database_file_is_written_through_to_the_disk() {
        let dir = tempfile::tempdir().expect("dir");
        let store = super::Store::open(&dir.path().join("t.db")).expect("opens");
        let synchronous: i64 = store.conn.pragma_query_value(None, "synchronous", |row| row.get(0)).expect("pragma");
        assert_eq!(synchronous, 2, "synchronous=FULL: a confirmed save survives a power cut");
    }

    #[test]
    fn a_command_that_only_reads_maps_the_file_and_reads_the_same() {
        let dir = tempfile::tempdir().expect("dir");
        let store = super::Store::open(&dir.path().join("t.db")).expect("opens");
        crate::database::ensure_default_plan(&store).expect("the seed plan");
        let mapped = |store: &super::Store| -> i64 { store.conn.pragma_query_value(None, "mmap_size", |row| row.get(0)).expect("pragma") };
        assert_eq!(mapped(&store), 0, "the app and the reports read through SQLite's own cache");
        let plan_id = store.current_plan_id().expect("reads").expect("a plan");
        let before = store.load_plan(plan_id).expect("loads");
        store.read_through_memory_map().expect("maps");
        // SQLite answers 0 when built without memory maps: the setting would do nothing.
        assert_eq!(mapped(&store), super::MEMORY_MAP_BYTES);
        assert_eq!(store.load_plan(plan_id).expect("loads mapped"), before);
    }
}
