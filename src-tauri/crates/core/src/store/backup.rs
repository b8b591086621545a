//! The SQL of backups: a copy of the live database made with SQLite's online backup API, stamped
//! as ours and carrying the evidence files in a table, so that one file holds everything; and the
//! checks and unpacking a restore does on such a file.

use super::{Store, MIGRATIONS};
use crate::error::{Error, Result};
use rusqlite::{params, Connection, OpenFlags, OptionalExtension};
use std::path::Path;

/// The table that marks a backup as ours, with what it is.
const STAMP_TABLE: &str = "taizhang_backup";
/// The table of evidence files carried in a backup.
const EVIDENCE_TABLE: &str = "taizhang_backup_evidence";
/// The stamp's mark.
const APP: &str = "taizhang";

/// What a backup file says about itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupStamp {
    /// When it was made, UTC.
    pub created_at: String,
    /// Why (a [`crate::backup::BackupReason`] key).
    pub reason: String,
    /// The schema version of the copied database.
    pub schema_version: i64,
    /// Evidence files carried.
    pub evidence_files: i64,
}

impl Store {
    /// Copy the whole database into a new file at `path` (SQLite's online backup: consistent
    /// even while the app writes).
    pub(crate) fn copy_to(&self, path: &Path) -> Result<()> {
        copy_connection(&self.conn, path)
    }

    /// The database file, when there is one (not in memory).
    pub fn file_path(&self) -> Option<std::path::PathBuf> {
        self.conn.path().filter(|p| !p.is_empty()).map(std::path::PathBuf::from)
    }

    /// Distinct evidence files referenced anywhere in the history.
    pub fn evidence_hashes(&self) -> Result<Vec<(String, String)>> {
        let mut statement = self.conn.prepare("SELECT sha256, min(original_name) FROM evidence_files GROUP BY sha256 ORDER BY sha256")?;
        let rows = statement.query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Replace this database with the unpacked backup at `path`, then bring its schema up to
    /// date (a backup from an older version).
    pub(crate) fn restore_from(&mut self, path: &Path) -> Result<()> {
        self.conn.restore(rusqlite::MAIN_DB, path, None::<fn(rusqlite::backup::Progress)>)?;
        MIGRATIONS.to_latest(&mut self.conn)?;
        self.write(super::departments::seed_builtin)
    }
}

/// Copy the database behind `conn` into a new file at `path`.
pub(crate) fn copy_connection(conn: &Connection, path: &Path) -> Result<()> {
    conn.backup(rusqlite::MAIN_DB, path, None)?;
    Ok(())
}

/// Stamp a fresh copy as our backup and put the evidence files into it, in one transaction.
/// `evidence` yields (sha256, name, bytes) of each file.
pub(crate) fn seal(path: &Path, reason: &str, created_at: &str, evidence: &mut dyn Iterator<Item = Result<(String, String, Vec<u8>)>>) -> Result<i64> {
    let mut conn = Connection::open(path)?;
    let tx = conn.transaction()?;
    tx.execute_batch(&format!(
        "CREATE TABLE {STAMP_TABLE} (key TEXT PRIMARY KEY, value TEXT NOT NULL);
         CREATE TABLE {EVIDENCE_TABLE} (sha256 TEXT PRIMARY KEY, name TEXT NOT NULL, bytes BLOB NOT NULL);"
    ))?;
    let mut carried = 0_i64;
    for file in evidence {
        let (sha256, name, bytes) = file?;
        carried += tx.execute(&format!("INSERT OR IGNORE INTO {EVIDENCE_TABLE} (sha256, name, bytes) VALUES (?1, ?2, ?3)"), params![sha256, name, bytes])? as i64;
    }
    let version: i64 = tx.pragma_query_value(None, "user_version", |row| row.get(0))?;
    let stamp = [("app", APP.to_string()), ("created_at", created_at.to_string()), ("reason", reason.to_string()), ("schema_version", version.to_string()), ("evidence_files", carried.to_string())];
    for (key, value) in stamp {
        tx.execute(&format!("INSERT INTO {STAMP_TABLE} (key, value) VALUES (?1, ?2)"), params![key, value])?;
    }
    tx.commit()?;
    conn.pragma_update(None, "journal_mode", "DELETE")?;
    Ok(carried)
}

/// Read a backup's stamp after checking it is one of ours and whole: a SQLite file that passes
/// `integrity_check`, stamped by 台账, from a schema this version knows.
///
/// # Errors
/// [`Error::InvalidInput`] naming what is wrong with the file.
pub(crate) fn verify(path: &Path) -> Result<BackupStamp> {
    let name = crate::file_name(path);
    let not_ours = || Error::InvalidInput(format!("“{name}”不是台账的备份文件"));
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY).map_err(|_| not_ours())?;
    let integrity: String = conn.query_row("PRAGMA integrity_check", [], |row| row.get(0)).map_err(|_| not_ours())?;
    if integrity != "ok" {
        return Err(Error::InvalidInput(format!("备份文件“{name}”已损坏（完整性检查：{integrity}），不能用来恢复")));
    }
    let value = |key: &str| -> Result<Option<String>> {
        conn.query_row(&format!("SELECT value FROM {STAMP_TABLE} WHERE key = ?1"), [key], |row| row.get(0)).optional().map_err(|_| not_ours())
    };
    if value("app")?.as_deref() != Some(APP) {
        return Err(not_ours());
    }
    let number = |key: &str| -> Result<i64> { value(key)?.and_then(|v| v.parse().ok()).ok_or_else(not_ours) };
    let schema_version = number("schema_version")?;
    let known = MIGRATIONS_COUNT;
    if schema_version > known {
        return Err(Error::InvalidInput(format!("备份文件“{name}”来自更新版本的台账（数据结构第 {schema_version} 版，本程序只认识到第 {known} 版），请先升级台账")));
    }
    Ok(BackupStamp { created_at: value("created_at")?.unwrap_or_default(), reason: value("reason")?.unwrap_or_default(), schema_version, evidence_files: number("evidence_files")? })
}

/// How many migrations this version has (the newest schema version it knows).
const MIGRATIONS_COUNT: i64 = super::MIGRATION_SLICE.len() as i64;

/// Unpack a verified backup copied to `path`: each evidence file is handed to `write` (sha256,
/// bytes), then the backup's own tables are dropped, leaving a plain database to restore from.
pub(crate) fn unpack(path: &Path, write: &mut dyn FnMut(&str, &[u8]) -> Result<()>) -> Result<()> {
    let conn = Connection::open(path)?;
    {
        let mut statement = conn.prepare(&format!("SELECT sha256, bytes FROM {EVIDENCE_TABLE}"))?;
        let mut rows = statement.query([])?;
        while let Some(row) = rows.next()? {
            let sha256: String = row.get(0)?;
            let bytes: Vec<u8> = row.get(1)?;
            write(&sha256, &bytes)?;
        }
    }
    conn.execute_batch(&format!("DROP TABLE {EVIDENCE_TABLE}; DROP TABLE {STAMP_TABLE};"))?;
    Ok(())
}

/// The schema version of a database file before it is opened as a store (none for a new file).
pub(crate) fn schema_version_of(conn: &Connection) -> Result<i64> {
    Ok(conn.pragma_query_value(None, "user_version", |row| row.get(0))?)
}
