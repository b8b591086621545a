//! Importing a task breakdown table (任务分解表): read it, keep it with its fingerprint (the
//! same table twice is one plan), and log who imported it.

use crate::error::{Error, Result};
use crate::plan::{Counts, Warning};
use crate::table_reader::read_plan;
use crate::store::Store;
use serde::Serialize;
use std::path::Path;
use ts_rs::TS;

/// What importing a table did: the JSON `taizhang import-plan` prints.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ImportSummary {
    /// Id of the stored plan (the existing one when the same table was imported before).
    pub plan_id: i64,
    /// Content fingerprint.
    pub fingerprint: String,
    /// 条 count.
    pub articles: usize,
    /// 款 count.
    pub clauses: usize,
    /// 项 count.
    pub items: usize,
    /// 小项 count.
    pub subitems: usize,
    /// Departments named as lead or cooperating in the sub-items.
    pub departments: usize,
    /// Irregularities found while reading.
    pub warnings: Vec<Warning>,
    /// False when the same table (same fingerprint) was already stored and nothing changed.
    pub imported: bool,
}

/// Import a table file. The same table twice is a no-op; a different one becomes a new plan.
///
/// # Errors
/// [`Error::Io`] for an unreadable file; the reader's errors (`malformed_table`) for a file that
/// is not a task breakdown table, with the line they point at; the database is then unchanged.
///
/// # Examples
/// See also `examples/import_plan.rs`:
/// ```no_run
/// # fn main() -> taizhang_core::Result<()> {
/// let store = taizhang_core::database::open_database(None)?;
/// let summary = taizhang_core::plan_import::import_plan_file(&store, std::path::Path::new("任务分解表.txt"))?;
/// println!("{} 小项，{} 个部门", summary.subitems, summary.departments);
/// # Ok(()) }
/// ```
pub fn import_plan_file(store: &Store, path: &Path) -> Result<ImportSummary> {
    let bytes = read_table_file(path)?;
    let source_name = crate::file_name(path);
    import_plan_bytes(store, &bytes, &source_name)
}

/// The bytes of a table file, read no further than the largest table accepted (a device or a
/// pipe that never ends is refused, not read without end).
fn read_table_file(path: &Path) -> Result<Vec<u8>> {
    use std::io::Read;
    let io = |source| Error::Io { path: path.to_path_buf(), source };
    let limit = crate::table_reader::decode::MAX_TABLE_BYTES;
    let file = std::fs::File::open(path).map_err(io)?;
    let mut bytes = Vec::new();
    file.take(limit as u64 + 1).read_to_end(&mut bytes).map_err(io)?;
    if bytes.len() > limit {
        let size = std::fs::metadata(path).ok().and_then(|m| usize::try_from(m.len()).ok()).unwrap_or(0).max(bytes.len());
        return Err(Error::TooLarge { size, limit });
    }
    Ok(bytes)
}

/// Import a table from its bytes; `source_name` names the plan when the table has no title.
pub fn import_plan_bytes(store: &Store, bytes: &[u8], source_name: &str) -> Result<ImportSummary> {
    let mut dir = store.directory()?;
    let fallback_name = source_name.rsplit_once('.').map_or(source_name, |(stem, _)| stem);
    let outcome = read_plan(bytes, fallback_name, &mut dir)?;
    let Counts { articles, clauses, items, subitems, departments } = outcome.plan.counts();
    let most = crate::limits::DEPARTMENTS_PER_PLAN;
    if departments > most {
        return Err(Error::InvalidInput(format!("任务分解表中的责任单位多达 {departments} 个，超过上限 {most} 个：请检查责任单位一栏是否错列或混入了其他文字")));
    }
    let (plan_id, imported) = match store.plan_id_by_fingerprint(&outcome.plan.fingerprint)? {
        Some(id) => (id, false),
        None => {
            // A database's first plan has nothing before it to keep.
            if store.latest_plan_id()?.is_some() {
                crate::backup::automatic(store, crate::backup::BackupReason::BeforePlanImport)?;
            }
            (store.insert_plan(&outcome, source_name)?, true)
        }
    };
    Ok(ImportSummary {
        plan_id,
        fingerprint: outcome.plan.fingerprint,
        articles,
        clauses,
        items,
        subitems,
        departments,
        warnings: outcome.warnings,
        imported,
    })
}

/// Import a table as the signed-in coordinator (the desktop's 导入任务分解表).
///
/// # Errors
/// [`Error::Forbidden`] unless the coordinator; [`Error::Io`]; the reader's errors for a
/// malformed table (the database unchanged).
pub fn import_plan_as(store: &Store, actor: &crate::accounts::Session, path: &Path) -> Result<ImportSummary> {
    actor.require_coordinator("导入任务分解表")?;
    let bytes = read_table_file(path)?;
    import_bytes_by(store, Some(actor), path, &bytes)
}

/// [`import_plan_as`] on a store shared between threads: the file is read before the store is
/// locked, so a slow disk never blocks other commands.
///
/// # Errors
/// As [`import_plan_as`].
pub fn import_plan_shared(store: &std::sync::Mutex<Store>, actor: &crate::accounts::Session, path: &Path) -> Result<ImportSummary> {
    actor.require_coordinator("导入任务分解表")?;
    let bytes = read_table_file(path)?;
    import_bytes_by(&crate::store::lock(store), Some(actor), path, &bytes)
}

/// Import a table file as the command line does: as the account named (a coordinator), or with
/// no account on a database where none has been set up yet; audited either way.
///
/// # Errors
/// [`Error::NotSignedIn`] without an account on a set-up database; as [`import_plan_as`].
pub fn import_plan_by(store: &Store, actor: Option<&crate::accounts::Session>, path: &Path) -> Result<ImportSummary> {
    match actor {
        Some(actor) => import_plan_as(store, actor, path),
        None if crate::accounts::is_set_up(store)? => Err(Error::NotSignedIn),
        None => {
            let bytes = read_table_file(path)?;
            import_bytes_by(store, None, path, &bytes)
        }
    }
}

fn import_bytes_by(store: &Store, actor: Option<&crate::accounts::Session>, path: &Path, bytes: &[u8]) -> Result<ImportSummary> {
    let source_name = crate::file_name(path);
    let summary = import_plan_bytes(store, bytes, &source_name)?;
    let audit = crate::store::AuditEntry {
        account_id: actor.map(|a| a.account_id),
        action: "导入任务分解表",
        subject: path.display().to_string(),
        detail: format!("计划 {}，{} 个小项，{}", summary.plan_id, summary.subitems, if summary.imported { "新导入" } else { "已存在，未重复导入" }),
    };
    store.log(&audit)?;
    Ok(summary)
}
