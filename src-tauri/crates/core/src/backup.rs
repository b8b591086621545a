//! Backups of a PC's data: the database (SQLite's online backup) and every evidence file, in one
//! `.tzbak` file. Taken by themselves before a plan import, a read-back batch and a schema
//! upgrade, and on the first start of each day, into `backups/` beside the database (the last
//! 30 kept); taken by hand and restored from the 备份与恢复 page or `taizhang backup`/`restore`.
//! A restore refuses a file that is not ours or not whole, and first backs up what it replaces.

use crate::accounts::Session;
use crate::data_folder::DataFolder;
use crate::error::{Error, Result};
use crate::store::{backup as file, AuditEntry, Store};
use serde::Serialize;
use std::path::{Path, PathBuf};
use ts_rs::TS;

crate::vocabulary! {
    /// Why a backup was taken.
    pub enum BackupReason ("备份原因") {
        /// The first start of a day.
        Daily = "daily", "每日自动备份";
        /// Before a task breakdown table was imported.
        BeforePlanImport = "plan-import", "导入任务分解表前";
        /// Before department sheets were taken in.
        BeforeReadback = "readback", "导入部门报表前";
        /// Before the database was upgraded by a new version.
        BeforeMigration = "migration", "升级数据库前";
        /// Before another backup was restored over the data.
        BeforeRestore = "restore", "恢复备份前";
        /// Taken by hand.
        Manual = "manual", "手动备份";
    }
}

/// Automatic backups kept in `backups/`; older ones are removed.
pub const KEEP: usize = 30;
/// The extension of a backup file.
pub const EXTENSION: &str = "tzbak";
/// How the names of backups in `backups/` begin.
const PREFIX: &str = "taizhang-";

/// A backup file, as listed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct BackupInfo {
    /// File name.
    pub file: String,
    /// Full path.
    #[ts(type = "string")]
    pub path: PathBuf,
    /// When it was taken, local time (from its name).
    pub taken_at: String,
    /// Why, when the name says.
    pub reason: Option<BackupReason>,
    /// Size in bytes.
    pub size_bytes: u64,
}

/// What a restore did.
#[derive(Debug, Clone, Serialize, TS)]
pub struct RestoreOutcome {
    /// The file restored.
    pub restored: String,
    /// When that backup was taken (UTC).
    pub taken_at: String,
    /// The backup of the data the restore replaced.
    pub replaced_saved_as: Option<BackupInfo>,
}

/// Back up everything into `out` (written whole or not at all).
///
/// # Errors
/// [`Error::Io`] when `out` cannot be written; [`Error::Database`] when SQLite fails.
pub fn backup_to(store: &Store, out: &Path, reason: BackupReason) -> Result<BackupInfo> {
    let io = |source| Error::Io { path: out.to_path_buf(), source };
    if let Some(parent) = out.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(io)?;
    }
    let partial = out.with_extension(format!("{EXTENSION}.partial"));
    let _ = std::fs::remove_file(&partial);
    let written = write_backup(store, &partial, reason).and_then(|()| crate::durable::commit_file(&partial, out).map_err(io));
    if written.is_err() {
        let _ = std::fs::remove_file(&partial);
    }
    written?;
    info_of(out)
}

fn write_backup(store: &Store, partial: &Path, reason: BackupReason) -> Result<()> {
    store.copy_to(partial)?;
    let evidence_dir = store.file_path().map(|db| DataFolder::of_database(&db).evidence());
    let hashes = store.evidence_hashes()?;
    // A file already missing from the evidence folder cannot be carried; the history keeps its name.
    let mut files = hashes.into_iter().filter_map(|(sha256, name)| {
        let path = crate::evidence::evidence_path(evidence_dir.as_deref()?, &sha256);
        std::fs::read(path).ok().map(|bytes| Ok((sha256, name, bytes)))
    });
    file::seal(partial, reason.key(), &crate::store::timestamp(chrono::Utc::now()), &mut files)?;
    Ok(())
}

/// Back up into `backups/` beside the database, keeping the last [`KEEP`]; none for a database
/// in memory.
///
/// # Errors
/// As [`backup_to`].
pub fn automatic(store: &Store, reason: BackupReason) -> Result<Option<BackupInfo>> {
    let Some(database) = store.file_path() else { return Ok(None) };
    let folder = DataFolder::of_database(&database).backups();
    let info = backup_to(store, &fresh_name(&folder, reason), reason)?;
    prune(&folder)?;
    Ok(Some(info))
}

/// The day's first backup, unless one was taken today already.
///
/// # Errors
/// As [`backup_to`].
pub fn daily(store: &Store) -> Result<Option<BackupInfo>> {
    let today = format!("{PREFIX}{}", chrono::Local::now().format("%Y%m%d"));
    if list_backups(store)?.iter().any(|b| b.file.starts_with(&today)) {
        return Ok(None);
    }
    automatic(store, BackupReason::Daily)
}

/// The backups in `backups/` as `actor` (this PC's administrator) sees them.
///
/// # Errors
/// [`Error::Forbidden`] unless this PC's administrator; as [`list_backups`].
pub fn list_backups_as(store: &Store, actor: &Session) -> Result<Vec<BackupInfo>> {
    crate::accounts::require_pc_admin(store, actor, "查看备份")?;
    list_backups(store)
}

/// The backups in `backups/`, newest first.
///
/// # Errors
/// [`Error::Io`] when the folder cannot be listed.
pub fn list_backups(store: &Store) -> Result<Vec<BackupInfo>> {
    let Some(database) = store.file_path() else { return Ok(Vec::new()) };
    let folder = DataFolder::of_database(&database).backups();
    let mut found: Vec<BackupInfo> = ours_in(&folder)?.iter().filter_map(|path| info_of(path).ok()).collect();
    found.sort_by(|a, b| b.file.cmp(&a.file));
    Ok(found)
}

/// Make a backup as `actor` (an administrator): into `out`, or into `backups/` when none.
///
/// # Errors
/// [`Error::Forbidden`] unless an administrator; as [`backup_to`].
pub fn backup_as(store: &Store, actor: &Session, out: Option<&Path>) -> Result<BackupInfo> {
    crate::accounts::require_pc_admin(store, actor, "备份数据")?;
    let info = match out {
        Some(out) => backup_to(store, out, BackupReason::Manual)?,
        None => automatic(store, BackupReason::Manual)?.ok_or_else(|| Error::InvalidInput("内存中的数据库不能备份".into()))?,
    };
    store.log(&AuditEntry { account_id: Some(actor.account_id), action: "备份数据", subject: info.file.clone(), detail: format!("{} 字节", info.size_bytes) })?;
    Ok(info)
}

/// Replace all data with the backup `backup_file`, after backing up what is there now. `actor`
/// (an administrator) is required once accounts exist.
///
/// # Errors
/// [`Error::InvalidInput`] for a file that is not a 台账 backup, is damaged or comes from a
/// newer version (nothing changed); [`Error::Forbidden`] unless an administrator; [`Error::Io`].
pub fn restore(store: &mut Store, actor: Option<&Session>, backup_file: &Path) -> Result<RestoreOutcome> {
    match actor {
        Some(actor) => crate::accounts::require_pc_admin(store, actor, "从备份恢复数据")?,
        None if crate::accounts::is_set_up(store)? => return Err(Error::NotSignedIn),
        None => {}
    }
    let stamp = file::verify(backup_file)?;
    let replaced_saved_as = automatic(store, BackupReason::BeforeRestore)?;
    replace_with(store, backup_file)?;
    let detail = replaced_saved_as.as_ref().map_or_else(String::new, |b| format!("恢复前的数据已备份为 {}", b.file));
    store.log(&AuditEntry { account_id: None, action: "从备份恢复", subject: crate::file_name(backup_file), detail })?;
    Ok(RestoreOutcome { restored: crate::file_name(backup_file), taken_at: stamp.created_at, replaced_saved_as })
}

/// Restore onto a database that can no longer be opened (damaged): the damaged file is moved
/// aside (`taizhang.db.damaged-<time>`, never deleted) and the backup takes its place. Nobody can
/// sign in to a damaged database, so this needs the PC itself, like the recovery code.
///
/// # Errors
/// As [`restore`].
pub fn restore_damaged(database: &Path, backup_file: &Path) -> Result<RestoreOutcome> {
    let stamp = file::verify(backup_file)?;
    let aside = format!("damaged-{}", chrono::Local::now().format("%Y%m%d-%H%M%S"));
    for suffix in ["", "-wal", "-shm"] {
        let from = PathBuf::from(format!("{}{suffix}", database.display()));
        if from.exists() {
            let to = PathBuf::from(format!("{}.{aside}{suffix}", database.display()));
            std::fs::rename(&from, &to).map_err(|source| Error::Io { path: from.clone(), source })?;
        }
    }
    let mut store = Store::open(database)?;
    replace_with(&mut store, backup_file)?;
    store.log(&AuditEntry { account_id: None, action: "从备份恢复", subject: crate::file_name(backup_file), detail: format!("原数据库无法打开，已改名保留（.{aside}）") })?;
    Ok(RestoreOutcome { restored: crate::file_name(backup_file), taken_at: stamp.created_at, replaced_saved_as: None })
}

/// Unpack a verified backup beside the database (evidence files into `evidence/`) and replace
/// the database's contents with it.
fn replace_with(store: &mut Store, backup_file: &Path) -> Result<()> {
    let database = store.file_path().ok_or_else(|| Error::InvalidInput("内存中的数据库不能恢复".into()))?;
    let folder = DataFolder::of_database(&database);
    let unpacked = folder.root().join(".restore.partial");
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| Error::Io { path, source }
    };
    std::fs::copy(backup_file, &unpacked).map_err(io(backup_file))?;
    let evidence_dir = folder.evidence();
    std::fs::create_dir_all(&evidence_dir).map_err(io(&evidence_dir))?;
    let restored = file::unpack(&unpacked, &mut |sha256, bytes| {
        let target = crate::evidence::evidence_path(&evidence_dir, sha256);
        if target.exists() {
            return Ok(());
        }
        crate::durable::write_file(&target, &evidence_dir.join(format!(".{sha256}.partial")), bytes).map_err(io(&target))
    })
    .and_then(|()| store.restore_from(&unpacked));
    let _ = std::fs::remove_file(&unpacked);
    restored
}

/// Check that `path` is a whole 台账 backup this version can restore; returns when it was taken
/// (UTC).
///
/// # Errors
/// [`Error::InvalidInput`] naming what is wrong with the file.
pub fn verify_backup(path: &Path) -> Result<String> {
    Ok(file::verify(path)?.created_at)
}

/// Take a backup of an existing database before a new version upgrades its schema.
pub(crate) fn before_migration(conn: &rusqlite::Connection, database: &Path) -> Result<()> {
    let folder = DataFolder::of_database(database).backups();
    let out = fresh_name(&folder, BackupReason::BeforeMigration);
    std::fs::create_dir_all(&folder).map_err(|source| Error::Io { path: folder.clone(), source })?;
    let partial = out.with_extension(format!("{EXTENSION}.partial"));
    file::copy_connection(conn, &partial)?;
    file::seal(&partial, BackupReason::BeforeMigration.key(), &crate::store::timestamp(chrono::Utc::now()), &mut std::iter::empty())?;
    crate::durable::commit_file(&partial, &out).map_err(|source| Error::Io { path: out.clone(), source })?;
    prune(&folder)
}

/// A name in `folder` for a backup taken now (`taizhang-20261201-093000-daily.tzbak`), numbered
/// when one of that second exists.
fn fresh_name(folder: &Path, reason: BackupReason) -> PathBuf {
    let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
    let mut out = folder.join(format!("{PREFIX}{stamp}-{}.{EXTENSION}", reason.key()));
    for n in 2.. {
        if !out.exists() {
            break;
        }
        out = folder.join(format!("{PREFIX}{stamp}-{}-{n}.{EXTENSION}", reason.key()));
    }
    out
}

fn ours_in(folder: &Path) -> Result<Vec<PathBuf>> {
    let entries = match std::fs::read_dir(folder) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(source) => return Err(Error::Io { path: folder.to_path_buf(), source }),
    };
    Ok(entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == EXTENSION) && crate::file_name(p).starts_with(PREFIX))
        .collect())
}

/// Remove all but the newest [`KEEP`] backups of the folder.
fn prune(folder: &Path) -> Result<()> {
    let mut found = ours_in(folder)?;
    found.sort();
    let excess = found.len().saturating_sub(KEEP);
    for old in &found[..excess] {
        std::fs::remove_file(old).map_err(|source| Error::Io { path: old.clone(), source })?;
    }
    Ok(())
}

/// A backup file as listed: time and reason from its name (`taizhang-20261201-093000-daily`).
fn info_of(path: &Path) -> Result<BackupInfo> {
    let size_bytes = std::fs::metadata(path).map_err(|source| Error::Io { path: path.to_path_buf(), source })?.len();
    let file = crate::file_name(path);
    let stem = file.strip_prefix(PREFIX).unwrap_or(&file).trim_end_matches(&format!(".{EXTENSION}")).to_string();
    let mut parts = stem.splitn(3, '-');
    let (date, time, rest) = (parts.next().unwrap_or_default(), parts.next().unwrap_or_default(), parts.next().unwrap_or_default());
    let taken_at = match (chrono::NaiveDate::parse_from_str(date, "%Y%m%d"), chrono::NaiveTime::parse_from_str(time, "%H%M%S")) {
        (Ok(d), Ok(t)) => d.and_time(t).format("%Y-%m-%d %H:%M:%S").to_string(),
        _ => String::new(),
    };
    let reason = BackupReason::ALL.iter().copied().find(|r| rest == r.key() || rest.starts_with(&format!("{}-", r.key())));
    Ok(BackupInfo { file, path: path.to_path_buf(), taken_at, reason, size_bytes })
}
