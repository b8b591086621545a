//! A session as the desktop app keeps it: re-read from the account at every command (a disabled
//! account is out at once, a renamed or merged department followed), and ended after the idle
//! time an administrator set.

use super::{session_of, Session};
use crate::error::{Error, Result};
use crate::store::{AuditEntry, Store};

/// A sign-in kept by the desktop app: whose, and when it was last used. Each command asks it for
/// the session, which ends after the idle time an administrator set and follows the account as
/// it stands now.
#[derive(Debug, Clone)]
pub struct SignedIn {
    account_id: i64,
    last_used: std::time::Instant,
}

impl SignedIn {
    /// A sign-in used just now.
    pub fn new(session: &Session) -> SignedIn {
        SignedIn { account_id: session.account_id, last_used: std::time::Instant::now() }
    }

    /// The session, used at `now`.
    ///
    /// # Errors
    /// [`Error::IdleSignedOut`] after the idle time (logged as 自动退出登录), and those of
    /// [`current_session`]; after any error the sign-in is over.
    pub fn resume(&mut self, store: &Store, now: std::time::Instant) -> Result<Session> {
        let idle = crate::admin::idle_minutes(store)?;
        if now.saturating_duration_since(self.last_used) > std::time::Duration::from_secs(u64::from(idle) * 60) {
            let username = store.account_by_id(self.account_id)?.map(|a| a.username).unwrap_or_default();
            store.log(&AuditEntry { account_id: Some(self.account_id), action: "自动退出登录", subject: username, detail: format!("{idle} 分钟未操作") })?;
            return Err(Error::IdleSignedOut(idle));
        }
        let session = current_session(store, self.account_id)?;
        self.last_used = now;
        Ok(session)
    }
}

/// The session of an account as it stands now: a disabled account is signed out, and a renamed
/// or merged department is followed to its current name.
///
/// # Errors
/// [`Error::AccountDisabled`] for an account disabled (or removed) since it signed in.
pub fn current_session(store: &Store, account_id: i64) -> Result<Session> {
    let account = store.account_by_id(account_id)?.filter(|a| !a.disabled).ok_or(Error::AccountDisabled)?;
    let mut session = session_of(account);
    if let Some(id) = session.department_id {
        let (current_id, name) = store.current_department(id)?.ok_or_else(|| Error::Corrupt(format!("账户的部门（编号 {id}）不存在")))?;
        session.department_id = Some(current_id);
        session.department = Some(name);
    }
    Ok(session)
}
