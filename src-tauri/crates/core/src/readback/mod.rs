//! Reading department sheets back on the coordinator's PC: a returned 工作进展情况表 (written by
//! the app, a blank sheet filled in by hand, or either re-saved by Excel, WPS or LibreOffice) is
//! read with calamine, checked row by row as the progress form checks input, previewed against
//! what this PC holds, and merged whole or not at all as new progress versions of the sending
//! department, each recording the file it came from.
//!
//! # Examples
//! ```no_run
//! use taizhang_core::readback::{import_file, ImportOptions};
//! let store = taizhang_core::database::open_database(None)?;
//! let report = import_file(&store, None, "农业局_2026年第四季度_工作进展情况表.xlsx".as_ref(), &ImportOptions::default());
//! println!("{}：{}", report.file, report.message);
//! # Ok::<(), taizhang_core::Error>(())
//! ```

mod check;
mod merge;
mod returned;
mod sheet;
mod values;
mod workbook;

pub use check::preview_sheet;
pub use merge::take_in;
pub use returned::{read_returned, read_returned_file, sha256_hex, ReturnedSheet, MAX_FILE_BYTES, MAX_ROWS};
pub use workbook::column_letter;

use ts_rs::TS;
use crate::accounts::Session;
pub use crate::file_name;
use crate::error::{Error, Result};
use crate::store::Store;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// What became of a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum Outcome {
    /// Taken in: its rows are new progress versions.
    Merged,
    /// Nothing to take in (the same file again, or nothing changed).
    Unchanged,
    /// Not taken in: see `refused` and `message`; the database is as it was.
    Refused,
    /// A preview: this is what taking it in would do.
    DryRun,
}

/// A value or file refused, with where.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Refusal {
    /// 1-based row, when a row is at fault.
    pub row: Option<u32>,
    /// Task code of the row.
    pub code: String,
    /// Column letter and header: `I（完成进度(%)）`.
    pub column: String,
    /// Why, in Chinese.
    pub reason: String,
    /// The sheet, when the fault is on one.
    pub sheet: String,
}

impl Refusal {
    /// A fault of the whole file.
    pub fn file(reason: String) -> Refusal {
        Refusal { row: None, code: String::new(), column: String::new(), reason, sheet: String::new() }
    }

    /// A fault in 0-based `row`.
    pub fn at(row: u32, code: &str, column: &str, reason: String) -> Refusal {
        Refusal { row: Some(row + 1), code: code.to_string(), column: column.to_string(), reason, sheet: String::new() }
    }

    /// The same, on `sheet`.
    pub fn on_sheet(self, sheet: &str) -> Refusal {
        Refusal { sheet: sheet.to_string(), ..self }
    }

    /// `工作表“工作进展情况表”第 12 行 I（完成进度(%)）列：…`.
    pub fn describe(&self) -> String {
        let mut place = String::new();
        if !self.sheet.is_empty() {
            place.push_str(&format!("工作表“{}”", self.sheet));
        }
        if let Some(row) = self.row {
            place.push_str(&format!("第 {row} 行"));
        }
        if !self.column.is_empty() {
            place.push_str(&format!(" {} 列", self.column));
        }
        if place.is_empty() { self.reason.clone() } else { format!("{place}：{}", self.reason) }
    }
}

/// A row (or the file) taken in but to be looked at by the coordinator.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Review {
    /// 1-based row, when a row is concerned.
    pub row: Option<u32>,
    /// Task code.
    pub code: String,
    /// Why, in Chinese.
    pub reason: String,
}

impl Review {
    /// About the whole file.
    pub fn file(reason: String) -> Review {
        Review { row: None, code: String::new(), reason }
    }

    /// About 0-based `row`.
    pub fn at(row: u32, code: &str, reason: String) -> Review {
        Review { row: Some(row + 1), code: code.to_string(), reason }
    }
}

/// What a row of the sheet is, compared with what this PC holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum RowKind {
    /// Nothing held yet for the department on this sub-item.
    New,
    /// Some field differs from the latest version held.
    Changed,
    /// Everything equals the latest version held (or the row is empty).
    Unchanged,
}

/// One field that differs: old and new side by side.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct FieldChange {
    /// 完成状态, 进展情况, 量化指标1实际值 …
    pub label: String,
    /// As held (empty when new).
    pub old: String,
    /// As in the sheet.
    pub new: String,
}

/// One sub-item row of the preview.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct RowPreview {
    /// 1-based row.
    pub row: u32,
    /// Task code.
    pub code: String,
    /// New, changed or unchanged.
    pub kind: RowKind,
    /// The fields that differ.
    pub changes: Vec<FieldChange>,
}

/// How to take files in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, TS)]
pub struct ImportOptions {
    /// Only preview: write nothing.
    #[serde(default)]
    pub dry_run: bool,
    /// Create a period this PC does not have yet.
    #[serde(default)]
    pub create_period: bool,
    /// Take in a sheet older than one already received from the department for the period.
    #[serde(default)]
    pub accept_older: bool,
}

/// What reading one file gave: the JSON of `taizhang import-report` (plus the preview's rows).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct FileReport {
    /// File name.
    pub file: String,
    /// The path read.
    pub path: PathBuf,
    /// SHA-256 of the bytes (empty when the file could not be read).
    pub sha256: String,
    /// Sending department (canonical), when recognised.
    pub department: Option<String>,
    /// Period key, when recognised.
    pub period: Option<String>,
    /// Template version of the sheet (`1`, `2`; `手工` for a sheet without metadata).
    pub template_version: Option<String>,
    /// What became of it.
    pub outcome: Outcome,
    /// Rows new to this PC.
    pub new: usize,
    /// Rows that change a record.
    pub changed: usize,
    /// Rows equal to what is held.
    pub unchanged: usize,
    /// What was refused, with where.
    pub refused: Vec<Refusal>,
    /// What to look at.
    pub review: Vec<Review>,
    /// One sentence for the clerk.
    pub message: String,
    /// Every sub-item row, with its changes.
    pub rows: Vec<RowPreview>,
    /// The period key this PC lacks, when that is why the file was refused.
    pub missing_period: Option<String>,
    /// The sheet is older than one already received (needs `accept_older`).
    pub older: bool,
    /// When the sheet was exported (UTC), from its metadata.
    pub exported_at: Option<String>,
}

impl FileReport {
    /// The report of `path` before anything is known of it.
    pub fn new(path: &Path, sha256: &str) -> FileReport {
        FileReport {
            file: file_name(path),
            path: path.to_path_buf(),
            sha256: sha256.to_string(),
            department: None,
            period: None,
            template_version: None,
            outcome: Outcome::Refused,
            new: 0,
            changed: 0,
            unchanged: 0,
            refused: Vec::new(),
            review: Vec::new(),
            message: String::new(),
            rows: Vec::new(),
            missing_period: None,
            older: false,
            exported_at: None,
        }
    }

    /// A file refused as a whole.
    pub fn refused(path: &Path, sha256: &str, reason: String) -> FileReport {
        let mut report = FileReport::new(path, sha256);
        report.message = format!("文件“{}”：{reason}", report.file);
        report.refused.push(Refusal::file(reason));
        report
    }

    /// `文件“x.xlsx”（农业局 2026Q4）已导入：新增 …`, for a preview or a file taken in.
    pub fn counts_message(&self) -> String {
        let who = format!("{} {}", self.department.as_deref().unwrap_or("未知部门"), self.period.as_deref().unwrap_or("未知报告期"));
        let done = if self.outcome == Outcome::Merged { "已导入" } else { "" };
        format!("文件“{}”（{who}）{done}：新增 {} 行，修改 {} 行，未变 {} 行", self.file, self.new, self.changed, self.unchanged)
    }
}

/// Read, check and (unless a dry run) take in one file. Never fails: any problem is a refused
/// report, and a refused file leaves the database exactly as it was.
///
/// # Examples
/// Preview a returned sheet, then take it in (see `examples/read_back.rs`):
/// ```no_run
/// use taizhang_core::{database, readback::{import_file, ImportOptions}};
/// # fn main() -> taizhang_core::Result<()> {
/// let store = database::open_database(None)?;
/// let sheet = std::path::Path::new("农业局_2026年第四季度_工作进展情况表.xlsx");
/// let preview = import_file(&store, None, sheet, &ImportOptions { dry_run: true, ..ImportOptions::default() });
/// if preview.refused.is_empty() {
///     println!("{}", import_file(&store, None, sheet, &ImportOptions::default()).message);
/// }
/// # Ok(()) }
/// ```
pub fn import_file(store: &Store, actor: Option<&Session>, path: &Path, options: &ImportOptions) -> FileReport {
    take_in(store, actor, path, read_returned_file(path), options)
}

/// The .xlsx files among `paths`, folders expanded (not recursively), sorted by name.
///
/// # Errors
/// [`Error::Io`] when a folder cannot be listed.
pub fn expand_paths(paths: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            let entries = std::fs::read_dir(path).map_err(|source| Error::Io { path: path.clone(), source })?;
            let mut found: Vec<PathBuf> = entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.is_file() && p.extension().is_some_and(|x| x.eq_ignore_ascii_case("xlsx")))
                .filter(|p| !file_name(p).starts_with("~$"))
                .collect();
            found.sort();
            files.extend(found);
        } else {
            files.push(path.clone());
        }
    }
    Ok(files)
}

/// Where a batch is: shown as a progress bar.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ImportProgress {
    /// Files finished.
    pub done: usize,
    /// Files in the batch.
    pub total: usize,
    /// The file being read now (empty at the end).
    pub file: String,
}

/// Back up before `files` sheets are taken in (not for a preview).
///
/// # Errors
/// As [`crate::backup::backup_to`].
pub fn before_batch(store: &Store, files: usize, options: &ImportOptions) -> Result<()> {
    if files > 0 && !options.dry_run {
        crate::backup::automatic(store, crate::backup::BackupReason::BeforeReadback)?;
    }
    Ok(())
}

/// Preview or take in a batch of files and folders, one file at a time. The store is locked
/// only while a file is checked and merged, never while it is read from disk. `progress` is
/// told before each file and at the end; when it returns `false` the batch stops (files already
/// taken in stay taken in, each having been one transaction).
///
/// # Errors
/// [`Error::Forbidden`] unless the coordinator (or the command line); [`Error::Io`] when a
/// folder cannot be listed.
pub fn import_batch(
    store: &std::sync::Mutex<Store>,
    actor: Option<&Session>,
    paths: &[PathBuf],
    options: &ImportOptions,
    progress: &mut dyn FnMut(&ImportProgress) -> bool,
) -> Result<Vec<FileReport>> {
    if let Some(actor) = actor {
        actor.require_coordinator("导入部门报表")?;
    }
    let files = expand_paths(paths)?;
    before_batch(&crate::store::lock(store), files.len(), options)?;
    let mut reports = Vec::with_capacity(files.len());
    for (done, path) in files.iter().enumerate() {
        if !progress(&ImportProgress { done, total: files.len(), file: file_name(path) }) {
            break;
        }
        let read = read_returned_file(path);
        let store = crate::store::lock(store);
        reports.push(take_in(&store, actor, path, read, options));
    }
    progress(&ImportProgress { done: reports.len(), total: files.len(), file: String::new() });
    Ok(reports)
}
