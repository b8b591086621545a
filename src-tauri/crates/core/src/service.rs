//! What the CLI and the desktop app ask of the core: open the database, import a plan, show
//! the tree, the departments and one department's tasks. Rules live here, SQL in `store`.

use ts_rs::TS;
use crate::error::{Error, Result};
use crate::plan::{Counts, Deadline, Plan, Target, TaskRole, Warning};
use crate::reader::read_plan;
use crate::store::{DepartmentRow, Store};
use crate::{DEFAULT_PLAN, DEFAULT_PLAN_FILE};
use serde::Serialize;
use std::path::{Path, PathBuf};

pub use crate::data_folder::{APP_IDENTIFIER, DATABASE_FILE};

/// The database the desktop app and the CLI share by default: `<data dir>/cn.taizhang.app/taizhang.db`
/// (`$XDG_DATA_HOME` or `~/.local/share` on Linux, `%APPDATA%` on Windows).
///
/// # Errors
/// [`Error::NoDataDir`] when the system has no per-user data directory.
pub fn default_database_path() -> Result<PathBuf> {
    Ok(crate::data_folder::DataFolder::default_for_user()?.database().to_path_buf())
}

/// Open the database at `path` (or the default one); on first use load the embedded plan.
pub fn open_database(path: Option<&Path>) -> Result<Store> {
    let store = match path {
        Some(path) => Store::open(path)?,
        None => Store::open(&default_database_path()?)?,
    };
    ensure_default_plan(&store)?;
    Ok(store)
}

/// Load the embedded Lishu plan into a database that holds no plan yet.
pub fn ensure_default_plan(store: &Store) -> Result<()> {
    if store.latest_plan_id()?.is_none() {
        import_plan_bytes(store, DEFAULT_PLAN, DEFAULT_PLAN_FILE)?;
    }
    Ok(())
}

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
pub fn import_plan_file(store: &Store, path: &Path) -> Result<ImportSummary> {
    let bytes = read_table_file(path)?;
    let source_name = crate::file_name(path);
    import_plan_bytes(store, &bytes, &source_name)
}

/// The bytes of a table file.
fn read_table_file(path: &Path) -> Result<Vec<u8>> {
    std::fs::read(path).map_err(|source| Error::Io { path: path.to_path_buf(), source })
}

/// Import a table from its bytes; `source_name` names the plan when the table has no title.
pub fn import_plan_bytes(store: &Store, bytes: &[u8], source_name: &str) -> Result<ImportSummary> {
    let mut dir = store.directory()?;
    let fallback_name = source_name.rsplit_once('.').map_or(source_name, |(stem, _)| stem);
    let outcome = read_plan(bytes, fallback_name, &mut dir)?;
    let Counts { articles, clauses, items, subitems, departments } = outcome.plan.counts();
    let (plan_id, imported) = match store.plan_id_by_fingerprint(&outcome.plan.fingerprint)? {
        Some(id) => (id, false),
        None => (store.insert_plan(&outcome, source_name)?, true),
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

/// The plan `plan_id`, or the most recently imported one.
pub fn plan_tree(store: &Store, plan_id: Option<i64>) -> Result<Plan> {
    store.load_plan(resolve_plan_id(store, plan_id)?)
}

/// Every department with its aliases and its counts in the plan.
pub fn departments(store: &Store, plan_id: Option<i64>) -> Result<Vec<DepartmentRow>> {
    store.departments(resolve_plan_id(store, plan_id)?)
}

/// One department's sub-items: what `taizhang tasks --json` prints.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DepartmentTasks {
    /// Canonical name of the department asked for.
    pub department: String,
    /// The plan the tasks belong to.
    pub plan_id: i64,
    /// Its sub-items, in plan order.
    pub tasks: Vec<Task>,
}

/// A sub-item seen from one department.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Task {
    /// Sub-item code: `1.1.1.2`.
    pub code: String,
    /// Its numbering as written.
    pub label: String,
    /// The sub-item's text.
    pub text: String,
    /// `lead` or `cooperating`.
    pub role: TaskRole,
    /// The department's own duty text (the whole work text when it has no part of its own).
    pub duty: String,
    /// All lead departments.
    pub lead: Vec<String>,
    /// All cooperating departments.
    pub cooperating: Vec<String>,
    /// Deadlines.
    pub deadlines: Vec<Deadline>,
    /// Targets.
    pub targets: Vec<Target>,
    /// Titles of the article, clause and the item text above it.
    pub article: String,
    /// Clause title.
    pub clause: String,
    /// Item text.
    pub item: String,
}

/// The sub-items a department (named by any alias) leads or cooperates on.
pub fn tasks_for_department(store: &Store, written_name: &str, plan_id: Option<i64>) -> Result<DepartmentTasks> {
    let department = store
        .directory()?
        .resolve(written_name)
        .map(str::to_string)
        .ok_or_else(|| Error::DepartmentNotFound(written_name.trim().to_string()))?;
    let plan = plan_tree(store, plan_id)?;
    let tasks = plan
        .subitems_with_parents()
        .filter_map(|placed| {
            let sub = placed.sub;
            let role = sub.role_of(&department)?;
            Some(Task {
                code: sub.code.clone(),
                label: sub.label.clone(),
                text: sub.text.clone(),
                role,
                duty: sub.duty_of(&department).to_string(),
                lead: sub.lead.clone(),
                cooperating: sub.cooperating.clone(),
                deadlines: sub.deadlines.clone(),
                targets: sub.targets.clone(),
                article: placed.article_title(),
                clause: placed.clause_title(),
                item: placed.item.text.clone(),
            })
        })
        .collect();
    Ok(DepartmentTasks { department, plan_id: plan.id, tasks })
}

fn resolve_plan_id(store: &Store, plan_id: Option<i64>) -> Result<i64> {
    match plan_id {
        Some(id) => Ok(id),
        None => store.latest_plan_id()?.ok_or(Error::NoPlan),
    }
}

/// Import a table as the signed-in coordinator (the desktop's 导入任务分解表).
///
/// # Errors
/// [`Error::Forbidden`] unless the coordinator; [`Error::Io`]; the reader's errors for a
/// malformed table (the database unchanged).
pub fn import_plan_as(store: &Store, actor: &crate::accounts::Session, path: &Path) -> Result<ImportSummary> {
    actor.require_coordinator("导入任务分解表")?;
    let bytes = read_table_file(path)?;
    import_bytes_as(store, actor, path, &bytes)
}

/// [`import_plan_as`] on a store shared between threads: the file is read before the store is
/// locked, so a slow disk never blocks other commands.
///
/// # Errors
/// As [`import_plan_as`].
pub fn import_plan_shared(store: &std::sync::Mutex<Store>, actor: &crate::accounts::Session, path: &Path) -> Result<ImportSummary> {
    actor.require_coordinator("导入任务分解表")?;
    let bytes = read_table_file(path)?;
    import_bytes_as(&crate::store::lock(store), actor, path, &bytes)
}

fn import_bytes_as(store: &Store, actor: &crate::accounts::Session, path: &Path, bytes: &[u8]) -> Result<ImportSummary> {
    let source_name = crate::file_name(path);
    let summary = import_plan_bytes(store, bytes, &source_name)?;
    let audit = crate::store::AuditEntry {
        account_id: Some(actor.account_id),
        action: "导入任务分解表",
        subject: path.display().to_string(),
        detail: format!("计划 {}，{} 个小项，{}", summary.plan_id, summary.subitems, if summary.imported { "新导入" } else { "已存在，未重复导入" }),
    };
    store.log(&audit)?;
    Ok(summary)
}

/// Names of the current plan's responsible departments, in the plan's canonical order first.
pub fn department_names(store: &Store) -> Result<Vec<String>> {
    let rows = departments(store, None)?;
    Ok(rows.into_iter().filter(|d| d.lead_count + d.cooperating_count > 0).map(|d| d.name).collect())
}

/// Today on this PC's clock (warnings and report dates are as of today).
pub fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}
