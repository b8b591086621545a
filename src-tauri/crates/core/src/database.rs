//! The database the desktop app and the CLI share: where it lives, opening it (migrations
//! applied), the embedded default plan loaded into a new one, and today's date on this PC.

use crate::error::Result;
use crate::plan_import::import_plan_bytes;
use crate::store::Store;
use crate::{DEFAULT_PLAN, DEFAULT_PLAN_FILE};
use std::path::{Path, PathBuf};

pub use crate::data_folder::{APP_IDENTIFIER, DATABASE_FILE};

/// The database the desktop app and the CLI share by default: `<data dir>/cn.taizhang.app/taizhang.db`
/// (`$XDG_DATA_HOME` or `~/.local/share` on Linux, `%APPDATA%` on Windows).
///
/// # Errors
/// [`Error::NoDataDir`](crate::Error::NoDataDir) when the system has no per-user data directory.
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
    if store.current_plan_id()?.is_none() {
        import_plan_bytes(store, DEFAULT_PLAN, DEFAULT_PLAN_FILE, Default::default(), None)?;
    }
    Ok(())
}

/// Today on this PC's clock (warnings and report dates are as of today).
pub fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}
