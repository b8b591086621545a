//! Each account's own 填报人 and 联系电话: set when the account is made, changed by its owner, and
//! offered by the progress form on a record nobody has filled in yet.

use crate::accounts::Session;
use crate::error::{Error, Result};
use crate::store::{AuditEntry, Store};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Longest 填报人 name, in characters.
pub const MAX_REPORTER_CHARS: usize = 30;
/// Longest 联系电话, in characters.
pub const MAX_PHONE_CHARS: usize = 30;

/// Who reports, and how to reach them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Profile {
    /// 填报人.
    #[serde(default)]
    pub reporter: String,
    /// 联系电话.
    #[serde(default)]
    pub phone: String,
}

impl Profile {
    /// The profile trimmed and checked, or the message that says what is wrong.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] for a name or number that is too long or a number with letters.
    pub fn checked(&self) -> Result<Profile> {
        let reporter = self.reporter.trim();
        if reporter.chars().count() > MAX_REPORTER_CHARS {
            return Err(Error::InvalidInput(format!("填报人不能超过 {MAX_REPORTER_CHARS} 个字")));
        }
        let phone = self.phone.trim();
        if !phone_is_valid(phone) {
            return Err(Error::InvalidInput(format!("联系电话“{phone}”格式不对：只能有数字、空格、- + ( ) 和“转”，最多 {MAX_PHONE_CHARS} 个字符")));
        }
        Ok(Profile { reporter: reporter.to_string(), phone: phone.to_string() })
    }
}

/// Whether `phone` (trimmed) is a telephone number as offices write them: digits, spaces,
/// `- + ( )`, full-width brackets and 转 for an extension.
pub fn phone_is_valid(phone: &str) -> bool {
    phone.chars().count() <= MAX_PHONE_CHARS && phone.chars().all(|c| c.is_ascii_digit() || " -+()（）转".contains(c))
}

/// The signed-in account's profile.
///
/// # Errors
/// [`Error::NotSignedIn`] when the account is gone or disabled; database errors.
pub fn profile(store: &Store, session: &Session) -> Result<Profile> {
    Ok(store.account_by_id(session.account_id)?.ok_or(Error::NotSignedIn)?.profile)
}

/// Change the signed-in account's own profile (audited).
///
/// # Errors
/// As [`Profile::checked`]; [`Error::NotSignedIn`] when the account is gone.
pub fn update_profile(store: &Store, session: &Session, new: &Profile) -> Result<Profile> {
    let checked = new.checked()?;
    profile(store, session)?;
    let audit = AuditEntry { account_id: Some(session.account_id), action: "修改个人资料", subject: session.username.clone(), detail: format!("填报人：{}", checked.reporter) };
    store.update_profile(session.account_id, &checked, &audit)?;
    profile(store, session)
}
