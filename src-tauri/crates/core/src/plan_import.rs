//! Importing a task breakdown table (任务分解表): read it, keep it with its fingerprint (the
//! same table twice is one plan), and log who imported it.

use crate::error::{Error, Result};
use crate::plan::{Counts, Warning};
use crate::plan_files::read_plan_file;
use crate::revision::{compare, PlanChanges};
use crate::store::{PlanOrigin, Store};
use serde::{Deserialize, Serialize};
use std::path::Path;
use ts_rs::TS;

/// How to import: as a revision of a plan named, or found by its title; only previewed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, TS)]
pub struct PlanImportOptions {
    /// Import as a new version of this plan (修订版), whatever its title.
    #[serde(default)]
    pub revision_of: Option<i64>,
    /// Read and compare only: nothing is written.
    #[serde(default)]
    pub dry_run: bool,
}

/// What importing a table did: the JSON `taizhang import-plan` prints.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ImportSummary {
    /// Id of the stored plan (the existing one when the same table was imported before; 0 for
    /// a dry run of a new plan).
    pub plan_id: i64,
    /// The plan's title.
    pub name: String,
    /// Content fingerprint.
    pub fingerprint: String,
    /// Its version: 1 for a new plan, one more than the plan it revises.
    pub version: i64,
    /// The plan this import revises.
    pub revision_of: Option<i64>,
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
    /// False when nothing was stored: the same table was already there, or a dry run.
    pub imported: bool,
    /// Only read and compared.
    pub dry_run: bool,
    /// Read from prose: stored as a draft for the coordinator to review and publish.
    pub draft: bool,
    /// The format read: 纯文本, Word 文档, Excel 工作簿, 工作方案（文字）.
    pub format: String,
    /// Reporting periods created because the plan package carried them.
    pub periods_added: Vec<String>,
    /// With a revision: what it changes.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub changes: Option<PlanChanges>,
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
    import_plan_bytes(store, &bytes, &source_name, PlanImportOptions::default(), None)
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

/// Import a table from its bytes; `source_name` (the file name) names the plan when the table
/// has no title. A table whose title is a live plan's, or `options.revision_of`, is a revision:
/// compared first, then stored with that plan's progress carried over.
///
/// # Errors
/// As [`import_plan_file`]; [`Error::InvalidInput`] for a revision of a plan that a later
/// version already replaced, or of a draft.
pub fn import_plan_bytes(store: &Store, bytes: &[u8], source_name: &str, options: PlanImportOptions, actor: Option<i64>) -> Result<ImportSummary> {
    let mut dir = store.directory()?;
    let fallback_name = source_name.rsplit_once('.').map_or(source_name, |(stem, _)| stem);
    let file = read_plan_file(bytes, source_name, fallback_name, &mut dir)?;
    let outcome = &file.outcome;
    let Counts { articles, clauses, items, subitems, departments } = outcome.plan.counts();
    let most = crate::limits::DEPARTMENTS_PER_PLAN;
    if departments > most {
        return Err(Error::InvalidInput(format!("任务分解表中的责任单位多达 {departments} 个，超过上限 {most} 个：请检查责任单位一栏是否错列或混入了其他文字")));
    }
    let mut summary = ImportSummary {
        plan_id: 0,
        name: outcome.plan.name.clone(),
        fingerprint: outcome.plan.fingerprint.clone(),
        version: 1,
        revision_of: None,
        articles,
        clauses,
        items,
        subitems,
        departments,
        warnings: outcome.warnings.clone(),
        imported: false,
        dry_run: options.dry_run,
        draft: file.draft,
        format: file.format.to_string(),
        periods_added: Vec::new(),
        changes: None,
    };
    if let Some(id) = store.plan_id_by_fingerprint(&outcome.plan.fingerprint)? {
        let row = store.plan_row(id)?;
        (summary.plan_id, summary.version, summary.revision_of) = (id, row.version, row.revision_of);
    } else {
        let revised = revised_plan(store, &file, options)?;
        let comparison = revised.as_ref().map(|old| Ok::<_, Error>(compare(&store.load_plan(old.id)?, &outcome.plan))).transpose()?;
        summary.revision_of = revised.as_ref().map(|r| r.id);
        summary.version = revised.as_ref().map_or(1, |r| r.version + 1);
        summary.changes = comparison.as_ref().map(|c| c.changes.clone());
        if options.dry_run {
            return Ok(summary);
        }
        // A database's first plan has nothing before it to keep.
        if !store.plans()?.is_empty() {
            crate::backup::automatic(store, crate::backup::BackupReason::BeforePlanImport)?;
        }
        let origin = PlanOrigin { revision_of: summary.revision_of, version: summary.version, applied_by: actor, draft: file.draft };
        summary.plan_id = match &comparison {
            Some(comparison) => store.insert_revision(outcome, source_name, origin, comparison)?,
            None => store.insert_plan(outcome, source_name, origin)?,
        };
        summary.imported = true;
    }
    if !options.dry_run {
        summary.periods_added = crate::periods::adopt_periods(store, actor, &file.periods)?;
    }
    Ok(summary)
}

/// The live plan an import revises: the one asked for, else the published plan with the same
/// title (a draft read from prose is always a plan of its own).
fn revised_plan(store: &Store, file: &crate::plan_files::PlanFile, options: PlanImportOptions) -> Result<Option<crate::store::PlanRow>> {
    let plans = store.plans()?;
    match options.revision_of {
        Some(id) => {
            let row = plans.into_iter().find(|p| p.id == id).ok_or(Error::PlanNotFound(id))?;
            if row.superseded || row.draft {
                let why = if row.draft { "是尚未发布的草稿" } else { "已被更新的版本取代，请选择最新版本" };
                return Err(Error::InvalidInput(format!("计划 {id}（{} 第{}版）{why}", row.name, row.version)));
            }
            Ok(Some(row))
        }
        None if file.draft => Ok(None),
        None => Ok(plans.into_iter().rev().find(|p| !p.superseded && !p.draft && p.name == file.outcome.plan.name)),
    }
}

/// Import a table as the signed-in user (the desktop's 导入任务分解表): the coordinator, or a
/// department PC's administrator bringing in the plan package the coordinator sent down.
///
/// # Errors
/// [`Error::Forbidden`] for anyone else; [`Error::Io`]; the reader's errors for a malformed
/// table (the database unchanged).
pub fn import_plan_as(store: &Store, actor: &crate::accounts::Session, path: &Path, options: PlanImportOptions) -> Result<ImportSummary> {
    may_import(store, actor)?;
    let bytes = read_table_file(path)?;
    import_bytes_by(store, Some(actor), path, &bytes, options)
}

/// [`import_plan_as`] on a store shared between threads: the file is read before the store is
/// locked, so a slow disk never blocks other commands.
///
/// # Errors
/// As [`import_plan_as`].
pub fn import_plan_shared(store: &std::sync::Mutex<Store>, actor: &crate::accounts::Session, path: &Path, options: PlanImportOptions) -> Result<ImportSummary> {
    may_import(&crate::store::lock(store), actor)?;
    let bytes = read_table_file(path)?;
    import_bytes_by(&crate::store::lock(store), Some(actor), path, &bytes, options)
}

fn may_import(store: &Store, actor: &crate::accounts::Session) -> Result<()> {
    if actor.is_coordinator() {
        Ok(())
    } else {
        crate::accounts::require_pc_admin(store, actor, "导入任务分解表")
    }
}

/// Import a table file as the command line does: as the account named, or with no account on a
/// database where none has been set up yet; audited either way.
///
/// # Errors
/// [`Error::NotSignedIn`] without an account on a set-up database; as [`import_plan_as`].
pub fn import_plan_by(store: &Store, actor: Option<&crate::accounts::Session>, path: &Path, options: PlanImportOptions) -> Result<ImportSummary> {
    match actor {
        Some(actor) => import_plan_as(store, actor, path, options),
        None if crate::accounts::is_set_up(store)? => Err(Error::NotSignedIn),
        None => {
            let bytes = read_table_file(path)?;
            import_bytes_by(store, None, path, &bytes, options)
        }
    }
}

fn import_bytes_by(store: &Store, actor: Option<&crate::accounts::Session>, path: &Path, bytes: &[u8], options: PlanImportOptions) -> Result<ImportSummary> {
    let source_name = crate::file_name(path);
    let summary = import_plan_bytes(store, bytes, &source_name, options, actor.map(|a| a.account_id))?;
    if summary.dry_run {
        return Ok(summary);
    }
    let what = match (summary.imported, summary.revision_of) {
        (false, _) => "已存在，未重复导入".to_string(),
        (true, Some(old)) => format!("计划 {old} 的修订版（第{}版）", summary.version),
        (true, None) if summary.draft => "草稿，待核对后发布".to_string(),
        (true, None) => "新导入".to_string(),
    };
    let audit = crate::store::AuditEntry {
        account_id: actor.map(|a| a.account_id),
        action: "导入任务分解表",
        subject: path.display().to_string(),
        detail: format!("计划 {}，{} 个小项，{what}", summary.plan_id, summary.subitems),
    };
    store.log(&audit)?;
    Ok(summary)
}
