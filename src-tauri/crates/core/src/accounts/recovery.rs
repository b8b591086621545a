//! The recovery code for a forgotten administrator password: shown once at setup (and whenever
//! an administrator makes a new one) to be printed and kept in the office; only its hash is
//! stored. Whoever holds the paper at the PC can set a new administrator password, once: the
//! code is then replaced by a new one.

use super::{hash_secret, sign_in, Session};
use crate::error::{Error, Result};
use crate::store::{AuditEntry, Store};
use argon2::password_hash::rand_core::{OsRng, RngCore};
use serde::Serialize;
use ts_rs::TS;

/// The setting holding the code's hash.
pub(super) const SETTING: &str = "recovery_code_hash";

/// Letters and digits that cannot be mistaken for each other on paper (no 0/O, 1/I/L).
const ALPHABET: &[u8; 31] = b"ABCDEFGHJKMNPQRSTUVWXYZ23456789";
/// 16 characters of 31 symbols: 79 bits.
const CODE_CHARS: usize = 16;

/// A new code and its hash.
pub(super) struct FreshCode {
    pub code: String,
    pub hash: String,
}

/// A new random code, as printed (four groups of four), and its hash.
pub(super) fn fresh_code() -> Result<FreshCode> {
    let mut bytes = [0_u8; CODE_CHARS];
    OsRng.fill_bytes(&mut bytes);
    let symbols: Vec<char> = bytes.iter().map(|b| char::from(ALPHABET[usize::from(b % 31)])).collect();
    let code = symbols.chunks(4).map(|group| group.iter().collect::<String>()).collect::<Vec<_>>().join("-");
    let hash = hash_secret(&normalized(&code))?;
    Ok(FreshCode { code, hash })
}

/// The code as typed, without spaces and dashes, in capitals.
fn normalized(code: &str) -> String {
    code.chars().filter(|c| c.is_ascii_alphanumeric()).map(|c| c.to_ascii_uppercase()).collect()
}

/// A recovery that worked: the administrator signed in, and the new code that replaces the used one.
#[derive(Debug, Clone, Serialize, TS)]
pub struct RecoveryOutcome {
    /// The administrator, signed in with the new password.
    pub session: Session,
    /// The next recovery code, to print and keep.
    pub recovery_code: String,
}

/// Set a new password for the administrator `username` with the printed recovery code.
///
/// # Errors
/// [`Error::BadCredentials`] for a wrong code or a name that is not an administrator (alike,
/// and logged); [`Error::InvalidInput`] for a password too short.
pub fn recover_administrator(store: &Store, code: &str, username: &str, new_password: &str) -> Result<RecoveryOutcome> {
    let hash = super::hash_password(new_password)?;
    let stored = store.setting(SETTING)?;
    let right = crate::sign_in_guard::verify(&normalized(code), stored.as_deref())?;
    let account = store.accounts()?.into_iter().find(|a| a.username == username.trim() && a.is_admin);
    let Some(account) = account.filter(|_| right) else {
        let subject: String = username.trim().chars().take(32).collect();
        store.log(&AuditEntry { account_id: None, action: "恢复密码失败", subject, detail: "恢复码或管理员用户名不正确".into() })?;
        return Err(Error::BadCredentials);
    };
    let next = fresh_code()?;
    let audit = AuditEntry { account_id: Some(account.id), action: "用恢复码重设管理员密码", subject: account.username.clone(), detail: "旧恢复码已作废".into() };
    store.set_password(account.id, &hash, &[(SETTING, next.hash)], &audit)?;
    Ok(RecoveryOutcome { session: sign_in(store, &account.username, new_password)?, recovery_code: next.code })
}

/// An administrator replaces the recovery code (the paper was lost); the old one stops working.
///
/// # Errors
/// [`Error::Forbidden`] unless an administrator.
pub fn new_recovery_code(store: &Store, actor: &Session) -> Result<String> {
    super::require_pc_admin(store, actor, "生成新的恢复码")?;
    let next = fresh_code()?;
    store.update_settings(&[(SETTING, next.hash)], &AuditEntry { account_id: Some(actor.account_id), action: "生成恢复码", subject: actor.username.clone(), detail: "旧恢复码已作废".into() })?;
    Ok(next.code)
}
