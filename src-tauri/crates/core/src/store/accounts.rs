//! Accounts and settings: who may sign in on this PC, and what the PC belongs to.

use super::{now, Store};
use crate::error::Result;
use rusqlite::{params, OptionalExtension};

/// An account as stored (the password hash never leaves the store except for verification).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountRow {
    /// Store id.
    pub id: i64,
    /// Sign-in name.
    pub username: String,
    /// Name shown in the UI.
    pub display_name: String,
    /// `coordinator` or `department`.
    pub role: crate::accounts::Role,
    /// The department of a department account.
    pub department_id: Option<i64>,
    /// Its current name.
    pub department_name: Option<String>,
    /// PHC string of the argon2 hash.
    pub password_hash: String,
    /// When created.
    pub created_at: String,
    /// The account's own 填报人 and 联系电话 (the progress form's defaults).
    pub profile: crate::profile::Profile,
    /// Wrong passwords in a row since the last sign-in.
    pub failed_sign_ins: u32,
    /// When the last of them was entered.
    pub last_failed_sign_in: Option<String>,
    /// May manage accounts (all on the coordinator's PC, its own department's on a department's).
    pub is_admin: bool,
    /// Disabled accounts cannot sign in; their history stays.
    pub disabled: bool,
}

/// What a new account needs.
pub struct NewAccount<'a> {
    /// Sign-in name.
    pub username: &'a str,
    /// Name shown in the UI.
    pub display_name: &'a str,
    /// `coordinator` or `department`.
    pub role: crate::accounts::Role,
    /// Department of a department account.
    pub department_id: Option<i64>,
    /// PHC string of the argon2 hash.
    pub password_hash: &'a str,
    /// 填报人 and 联系电话.
    pub profile: &'a crate::profile::Profile,
    /// May manage accounts.
    pub is_admin: bool,
}

const ACCOUNT_COLUMNS: &str = "a.id, a.username, a.display_name, a.role, a.department_id, d.name, a.password_hash, a.created_at, a.reporter, a.phone, a.failed_sign_ins, a.last_failed_sign_in, a.is_admin, a.disabled_at IS NOT NULL";

fn account_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<AccountRow> {
    Ok(AccountRow {
        id: row.get(0)?,
        username: row.get(1)?,
        display_name: row.get(2)?,
        role: row.get(3)?,
        department_id: row.get(4)?,
        department_name: row.get(5)?,
        password_hash: row.get(6)?,
        created_at: row.get(7)?,
        profile: crate::profile::Profile { reporter: row.get(8)?, phone: row.get(9)? },
        failed_sign_ins: row.get(10)?,
        last_failed_sign_in: row.get(11)?,
        is_admin: row.get(12)?,
        disabled: row.get(13)?,
    })
}

impl Store {
    /// How many accounts exist (0 before the first-start setup).
    pub fn account_count(&self) -> Result<i64> {
        Ok(self.conn().query_row("SELECT count(*) FROM accounts", [], |row| row.get(0))?)
    }

    /// The enabled account with this user name.
    pub fn account_by_username(&self, username: &str) -> Result<Option<AccountRow>> {
        let sql = format!(
            "SELECT {ACCOUNT_COLUMNS} FROM accounts a LEFT JOIN departments d ON d.id = a.department_id
              WHERE a.username = ?1 AND a.disabled_at IS NULL"
        );
        Ok(self.conn().query_row(&sql, [username], account_row).optional()?)
    }

    /// The account with this id, enabled or not (a session checks which).
    pub fn account_by_id(&self, id: i64) -> Result<Option<AccountRow>> {
        let sql = format!(
            "SELECT {ACCOUNT_COLUMNS} FROM accounts a LEFT JOIN departments d ON d.id = a.department_id
              WHERE a.id = ?1"
        );
        Ok(self.conn().query_row(&sql, [id], account_row).optional()?)
    }

    /// Replace an account's 填报人 and 联系电话, with an audit entry, in one transaction.
    pub fn update_profile(&self, account_id: i64, profile: &crate::profile::Profile, audit: &AuditEntry<'_>) -> Result<()> {
        self.write(|tx| {
            tx.execute("UPDATE accounts SET reporter = ?2, phone = ?3 WHERE id = ?1", params![account_id, profile.reporter, profile.phone])?;
            super::audit::append(tx, audit.account_id, audit)
        })
    }

    /// A wrong password (or an unknown user name, `account_id` none): counted on the account and
    /// logged, in one transaction.
    pub fn note_failed_sign_in(&self, account_id: Option<i64>, at: &str, audit: &AuditEntry<'_>) -> Result<()> {
        self.write(|tx| {
            if let Some(id) = account_id {
                tx.execute("UPDATE accounts SET failed_sign_ins = failed_sign_ins + 1, last_failed_sign_in = ?2 WHERE id = ?1", params![id, at])?;
            }
            super::audit::append(tx, audit.account_id, audit)
        })
    }

    /// Audit entries of `action` about `subject` since `since` (RFC 3339): how many, and the
    /// latest's time — the failures of a user name no account has.
    pub fn recent_entries(&self, action: &str, subject: &str, since: &str) -> Result<(u32, Option<String>)> {
        Ok(self.conn().query_row(
            "SELECT count(*), max(at) FROM audit_log WHERE action = ?1 AND subject = ?2 AND at >= ?3",
            params![action, subject, since],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )?)
    }

    /// A successful sign-in: the count of failures starts again, and it is logged.
    pub fn note_sign_in(&self, account_id: i64, audit: &AuditEntry<'_>) -> Result<()> {
        self.write(|tx| {
            tx.execute("UPDATE accounts SET failed_sign_ins = 0, last_failed_sign_in = NULL WHERE id = ?1", [account_id])?;
            super::audit::append(tx, audit.account_id, audit)
        })
    }

    /// Whether any account, enabled or disabled, has this user name.
    pub fn username_taken(&self, username: &str) -> Result<bool> {
        Ok(self.conn().query_row("SELECT count(*) FROM accounts WHERE username = ?1", [username], |row| row.get::<_, i64>(0))? > 0)
    }

    /// Disable (`true`) or enable an account, with an audit entry, in one transaction.
    pub fn set_account_disabled(&self, account_id: i64, disabled: bool, audit: &AuditEntry<'_>) -> Result<()> {
        self.write(|tx| {
            let at = disabled.then(now);
            tx.execute("UPDATE accounts SET disabled_at = ?2 WHERE id = ?1", params![account_id, at])?;
            super::audit::append(tx, audit.account_id, audit)
        })
    }

    /// Replace an account's password hash (its failed sign-ins start again), with settings
    /// (a new recovery code) and an audit entry, in one transaction.
    pub fn set_password(&self, account_id: i64, password_hash: &str, settings: &[(&str, String)], audit: &AuditEntry<'_>) -> Result<()> {
        self.write(|tx| {
            tx.execute(
                "UPDATE accounts SET password_hash = ?2, failed_sign_ins = 0, last_failed_sign_in = NULL, disabled_at = NULL WHERE id = ?1",
                params![account_id, password_hash],
            )?;
            for (key, value) in settings {
                tx.execute("INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value", params![key, value])?;
            }
            super::audit::append(tx, audit.account_id, audit)
        })
    }

    /// Every account, enabled or not, oldest first.
    pub fn accounts(&self) -> Result<Vec<AccountRow>> {
        let sql = format!(
            "SELECT {ACCOUNT_COLUMNS} FROM accounts a LEFT JOIN departments d ON d.id = a.department_id
              ORDER BY a.id"
        );
        let mut statement = self.conn().prepare(&sql)?;
        let rows = statement.query_map([], account_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Create an account, with settings and an audit entry, in one transaction.
    pub fn insert_account(&self, account: &NewAccount<'_>, settings: &[(&str, String)], audit: &AuditEntry<'_>) -> Result<i64> {
        self.write(|tx| {
            tx.execute(
                "INSERT INTO accounts (username, display_name, role, department_id, password_hash, created_at, reporter, phone, is_admin)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                params![
                    account.username,
                    account.display_name,
                    account.role,
                    account.department_id,
                    account.password_hash,
                    now(),
                    account.profile.reporter,
                    account.profile.phone,
                    account.is_admin
                ],
            )?;
            let id = tx.last_insert_rowid();
            for (key, value) in settings {
                tx.execute("INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value", params![key, value])?;
            }
            let actor = audit.account_id.or(Some(id));
            super::audit::append(tx, actor, audit)?;
            Ok(id)
        })
    }

    /// A setting's value.
    pub fn setting(&self, key: &str) -> Result<Option<String>> {
        Ok(self.conn().query_row("SELECT value FROM settings WHERE key = ?1", [key], |row| row.get(0)).optional()?)
    }

    /// Change settings, with an audit entry, in one transaction.
    pub fn update_settings(&self, settings: &[(&str, String)], audit: &AuditEntry<'_>) -> Result<()> {
        self.write(|tx| {
            for (key, value) in settings {
                tx.execute("INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value", params![key, value])?;
            }
            super::audit::append(tx, audit.account_id, audit)
        })
    }

    /// Record an event in the audit log by itself (sign-in and the like).
    pub fn log(&self, audit: &AuditEntry<'_>) -> Result<()> {
        self.write(|tx| super::audit::append(tx, audit.account_id, audit))
    }
}

pub use super::audit::AuditEntry;
