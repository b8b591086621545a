//! What the shell keeps between commands: the database and the signed-in session. The session
//! lives here, in the backend, so the page can never claim to be somebody else.

use crate::error::IpcError;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};
use taizhang_core::accounts::Session;
use taizhang_core::database;
use taizhang_core::store::Store;

/// The app's state, managed by Tauri.
pub struct AppState {
    store: Mutex<Store>,
    /// Set by 取消 while a batch of sheets is read back.
    cancel_import: std::sync::atomic::AtomicBool,
    session: Mutex<Option<Session>>,
    evidence_dir: PathBuf,
}

impl AppState {
    /// Open the database at `path` (loading the embedded plan on first use); evidence files go
    /// into `evidence/` beside it.
    pub fn open(path: &Path) -> taizhang_core::Result<AppState> {
        let store = database::open_database(Some(path))?;
        let evidence_dir = taizhang_core::data_folder::DataFolder::of_database(path).evidence();
        Ok(AppState { store: Mutex::new(store), cancel_import: Default::default(), session: Mutex::new(None), evidence_dir })
    }

    /// The database (one command at a time).
    pub fn store(&self) -> MutexGuard<'_, Store> {
        taizhang_core::store::lock(&self.store)
    }

    /// The database's lock itself, for work that must not hold it while reading files.
    pub fn store_lock(&self) -> &Mutex<Store> {
        &self.store
    }

    /// The flag a running read-back batch polls; `reset` it when a batch starts.
    pub fn cancel_flag(&self) -> &std::sync::atomic::AtomicBool {
        &self.cancel_import
    }

    /// The signed-in user, or the error that tells the UI to show the sign-in page.
    pub fn session(&self) -> Result<Session, IpcError> {
        self.session_slot().clone().ok_or_else(|| taizhang_core::Error::NotSignedIn.into())
    }

    /// Replace the session (sign in, sign out).
    pub fn set_session(&self, session: Option<Session>) {
        *self.session_slot() = session;
    }

    /// Where evidence files are copied.
    pub fn evidence_dir(&self) -> &Path {
        &self.evidence_dir
    }

    fn session_slot(&self) -> MutexGuard<'_, Option<Session>> {
        self.session.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}
