//! The audit log: who did what, when. Rows are only ever appended (a trigger refuses changes).

use ts_rs::TS;
use super::{now, Store};
use crate::error::Result;
use rusqlite::{params, Transaction};
use serde::Serialize;

/// An event to record.
#[derive(Debug, Clone)]
pub struct AuditEntry<'a> {
    /// Who (none before anybody exists).
    pub account_id: Option<i64>,
    /// What kind of action, in Chinese: 登录, 报送进展 …
    pub action: &'a str,
    /// What it was done to: a task code, a period key, a department.
    pub subject: String,
    /// Details.
    pub detail: String,
}

/// A recorded event, for the 操作日志 view.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AuditRow {
    /// Store id.
    pub id: i64,
    /// When, UTC.
    pub at: String,
    /// Who (user name), empty if unknown.
    pub username: String,
    /// Action.
    pub action: String,
    /// Subject.
    pub subject: String,
    /// Details.
    pub detail: String,
}

/// Append an entry inside the caller's transaction.
pub(super) fn append(tx: &Transaction<'_>, account_id: Option<i64>, entry: &AuditEntry<'_>) -> Result<()> {
    tx.execute(
        "INSERT INTO audit_log (at, account_id, action, subject, detail) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![now(), account_id, entry.action, entry.subject, entry.detail],
    )?;
    Ok(())
}

impl Store {
    /// The newest `limit` events, newest first: all of them, or (`departments` given) only those
    /// of accounts belonging to these departments.
    pub fn audit_log(&self, limit: i64, departments: Option<&[i64]>) -> Result<Vec<AuditRow>> {
        let mut statement = self.conn().prepare(
            "SELECT l.id, l.at, coalesce(a.username, ''), l.action, l.subject, l.detail
               FROM audit_log l LEFT JOIN accounts a ON a.id = l.account_id
              WHERE ?2 IS NULL OR a.department_id IN (SELECT value FROM json_each(?2))
              ORDER BY l.id DESC LIMIT ?1",
        )?;
        let only = departments.map(|ids| serde_json::json!(ids).to_string());
        let rows = statement.query_map(rusqlite::params![limit, only], |row| {
            Ok(AuditRow { id: row.get(0)?, at: row.get(1)?, username: row.get(2)?, action: row.get(3)?, subject: row.get(4)?, detail: row.get(5)? })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
