//! Reporting periods.

use super::audit::{append, AuditEntry};
use super::{now, Store};
use crate::error::Result;
use rusqlite::{params, OptionalExtension};

/// A stored period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeriodRow {
    /// Store id.
    pub id: i64,
    /// Canonical key: 2026Q4.
    pub key: String,
    /// year, half, quarter, month.
    pub kind: String,
    /// First day, ISO date.
    pub starts_on: String,
    /// Last day, ISO date.
    pub ends_on: String,
    /// open or closed.
    pub status: crate::periods::PeriodStatus,
}

fn period_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<PeriodRow> {
    Ok(PeriodRow { id: row.get(0)?, key: row.get(1)?, kind: row.get(2)?, starts_on: row.get(3)?, ends_on: row.get(4)?, status: row.get(5)? })
}

impl Store {
    /// Every period, newest first.
    pub fn periods(&self) -> Result<Vec<PeriodRow>> {
        let mut statement = self.conn().prepare("SELECT id, key, kind, starts_on, ends_on, status FROM periods ORDER BY ends_on DESC, starts_on DESC")?;
        let rows = statement.query_map([], period_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The period with this key.
    pub fn period(&self, key: &str) -> Result<Option<PeriodRow>> {
        Ok(self
            .conn()
            .query_row("SELECT id, key, kind, starts_on, ends_on, status FROM periods WHERE key = ?1", [key], period_row)
            .optional()?)
    }

    /// Create a period (open), with an audit entry.
    pub fn insert_period(&self, key: &str, kind: &str, starts_on: &str, ends_on: &str, audit: &AuditEntry<'_>) -> Result<i64> {
        self.write(|tx| {
            tx.execute(
                "INSERT INTO periods (key, kind, starts_on, ends_on, status, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![key, kind, starts_on, ends_on, crate::periods::PeriodStatus::Open, now()],
            )?;
            let id = tx.last_insert_rowid();
            append(tx, audit.account_id, audit)?;
            Ok(id)
        })
    }

    /// Open or close a period, with an audit entry.
    pub fn set_period_status(&self, key: &str, status: crate::periods::PeriodStatus, audit: &AuditEntry<'_>) -> Result<()> {
        self.write(|tx| {
            tx.execute("UPDATE periods SET status = ?2 WHERE key = ?1", params![key, status])?;
            append(tx, audit.account_id, audit)
        })
    }
}
