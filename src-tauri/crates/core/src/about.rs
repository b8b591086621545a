//! 关于台账: the version, where this PC keeps its data, and the licence, as the 关于 dialog and
//! `taizhang --version` show them. Support over the phone starts with these lines.

use crate::data_folder::DataFolder;
use crate::error::Result;
use crate::store::Store;
use serde::Serialize;
use ts_rs::TS;

/// The licence the program is distributed under (the repository's `LICENSE`).
pub const LICENCE_NAME: &str = "MIT";

/// The licence's full text, shown in 关于 and installed with the package.
pub const LICENCE_TEXT: &str = include_str!("../../../../LICENSE");

/// What 关于台账 shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AboutInfo {
    /// The program's version (the workspace's).
    pub version: String,
    /// The database's schema version (the number of migrations applied).
    pub schema_version: i64,
    /// The folder holding the database, evidence files and backups (None for a database in memory).
    pub data_folder: Option<String>,
    /// The database file.
    pub database: Option<String>,
    /// Where automatic and manual backups go.
    pub backup_folder: Option<String>,
    /// Where attached evidence files are kept.
    pub evidence_folder: Option<String>,
    /// The licence's name.
    pub licence: String,
    /// The licence's text.
    pub licence_text: String,
}

/// What 关于台账 shows for the database `store`.
///
/// # Errors
/// A database error reading the schema version.
///
/// # Examples
/// ```
/// let store = taizhang_core::store::Store::open_in_memory()?;
/// let about = taizhang_core::about::about(&store)?;
/// assert_eq!(about.version, env!("CARGO_PKG_VERSION"));
/// assert!(about.data_folder.is_none());
/// # Ok::<(), taizhang_core::Error>(())
/// ```
pub fn about(store: &Store) -> Result<AboutInfo> {
    let folder = store.file_path().map(|database| DataFolder::of_database(&database));
    let shown = |path: &std::path::Path| path.display().to_string();
    Ok(AboutInfo {
        version: env!("CARGO_PKG_VERSION").to_string(),
        schema_version: store.schema_version()?,
        data_folder: folder.as_ref().map(|f| shown(f.root())),
        database: folder.as_ref().map(|f| shown(f.database())),
        backup_folder: folder.as_ref().map(|f| shown(&f.backups())),
        evidence_folder: folder.as_ref().map(|f| shown(&f.evidence())),
        licence: LICENCE_NAME.to_string(),
        licence_text: LICENCE_TEXT.to_string(),
    })
}
