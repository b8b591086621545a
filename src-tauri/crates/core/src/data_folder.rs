//! The data folder of a PC, defined once so the desktop app and the command line agree:
//! `<user data dir>/cn.taizhang.app/` holding `taizhang.db`, `evidence/` (attached files under
//! their content hash) and `backups/`. A database given with `--db` has its folder beside it.

use crate::error::{Error, Result};
use std::path::{Path, PathBuf};

/// Folder name of the app's data under the per-user data directory (Tauri's identifier).
pub const APP_IDENTIFIER: &str = "cn.taizhang.app";

/// File name of the database in the data folder.
pub const DATABASE_FILE: &str = "taizhang.db";

/// Where one database and what belongs to it live.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataFolder {
    database: PathBuf,
}

impl DataFolder {
    /// The default folder: `$XDG_DATA_HOME` or `~/.local/share` on Linux, `%APPDATA%` on Windows.
    ///
    /// # Errors
    /// [`Error::NoDataDir`] when the system has no per-user data directory.
    pub fn default_for_user() -> Result<DataFolder> {
        Ok(DataFolder::of_database(&dirs::data_dir().ok_or(Error::NoDataDir)?.join(APP_IDENTIFIER).join(DATABASE_FILE)))
    }

    /// The folder of the database file at `database`.
    pub fn of_database(database: &Path) -> DataFolder {
        DataFolder { database: database.to_path_buf() }
    }

    /// The database file.
    pub fn database(&self) -> &Path {
        &self.database
    }

    /// The folder the database is in.
    pub fn root(&self) -> &Path {
        self.database.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."))
    }

    /// Attached evidence files.
    pub fn evidence(&self) -> PathBuf {
        self.root().join("evidence")
    }

    /// Backups of the database.
    pub fn backups(&self) -> PathBuf {
        self.root().join("backups")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn everything_lives_beside_the_database() {
        let folder = DataFolder::of_database(Path::new("/data/台账/taizhang.db"));
        assert_eq!(folder.evidence(), Path::new("/data/台账/evidence"), "evidence beside the database");
        assert_eq!(folder.backups(), Path::new("/data/台账/backups"), "backups beside it");
        assert_eq!(DataFolder::of_database(Path::new("taizhang.db")).evidence(), Path::new("./evidence"), "a bare file name: the current folder");
    }
}
