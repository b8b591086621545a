//! What the shell keeps between commands: the database and the signed-in session. The session
//! lives here, in the backend, so the page can never claim to be somebody else.

use crate::error::IpcError;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};
use taizhang_core::accounts::{Session, SignedIn};
use taizhang_core::database;
use taizhang_core::store::Store;

/// The app's state, managed by Tauri.
pub struct AppState {
    store: Mutex<Store>,
    /// Set by 取消 while a batch of sheets is read back.
    cancel_import: std::sync::atomic::AtomicBool,
    /// Set by 取消 while a workbook is exported.
    cancel_export: std::sync::atomic::AtomicBool,
    session: Mutex<Option<SignedIn>>,
    evidence_dir: PathBuf,
}

impl AppState {
    /// Open the database at `path` (loading the embedded plan on first use); evidence files go
    /// into `evidence/` beside it.
    pub fn open(path: &Path) -> taizhang_core::Result<AppState> {
        let store = database::open_database(Some(path))?;
        // A day's first start keeps a copy; a failure (a full disk) must not keep the app shut.
        if let Err(error) = taizhang_core::backup::daily(&store) {
            eprintln!("台账今日自动备份失败：{error}");
        }
        let evidence_dir = taizhang_core::data_folder::DataFolder::of_database(path).evidence();
        Ok(AppState { store: Mutex::new(store), cancel_import: Default::default(), cancel_export: Default::default(), session: Mutex::new(None), evidence_dir })
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

    /// The flag a running export polls between its steps; reset when an export starts.
    pub fn export_cancel_flag(&self) -> &std::sync::atomic::AtomicBool {
        &self.cancel_export
    }

    /// The signed-in user as the account stands now, or the error that tells the UI to show the
    /// sign-in page (never signed in, idle too long, account disabled). Counts as use.
    pub fn session(&self) -> Result<Session, IpcError> {
        let mut slot = self.session_slot();
        let signed_in = slot.as_mut().ok_or(taizhang_core::Error::NotSignedIn)?;
        let resumed = signed_in.resume(&self.store(), std::time::Instant::now());
        if resumed.is_err() {
            *slot = None;
        }
        Ok(resumed?)
    }

    /// Replace the session (sign in, sign out).
    pub fn set_session(&self, session: Option<&Session>) {
        *self.session_slot() = session.map(SignedIn::new);
    }

    /// Where evidence files are copied.
    pub fn evidence_dir(&self) -> &Path {
        &self.evidence_dir
    }

    fn session_slot(&self) -> MutexGuard<'_, Option<SignedIn>> {
        self.session.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}
