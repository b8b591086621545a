//! Received department sheets: the receipt of each file taken in, the versions it brought, and
//! the merge of a whole file in one transaction.

use ts_rs::TS;
use super::audit::{append, AuditEntry};
use super::progress::{insert_version, NewVersion};
use super::{now, Store};
use crate::error::Result;
use rusqlite::{params, OptionalExtension};
use serde::Serialize;

/// A file about to be taken in.
#[derive(Debug, Clone)]
pub struct NewReceipt<'a> {
    /// File name as received.
    pub file_name: &'a str,
    /// SHA-256 of its bytes.
    pub sha256: &'a str,
    /// Plan, department and period store ids.
    pub plan_id: i64,
    /// Sending department.
    pub department_id: i64,
    /// Period; `None` when the merge creates it (`period_to_create`).
    pub period_id: Option<i64>,
    /// A period to create in the same transaction: (key, kind, first day, last day).
    pub period_to_create: Option<(&'a str, &'a str, String, String)>,
    /// 1 or 2.
    pub template_version: &'a str,
    /// From the sheet's metadata.
    pub exported_at: Option<&'a str>,
    /// Who took it in (none from the command line).
    pub account_id: Option<i64>,
    /// Row counts of the preview.
    pub rows_new: usize,
    /// Changed rows.
    pub rows_changed: usize,
    /// Unchanged rows.
    pub rows_unchanged: usize,
    /// Rows flagged for review.
    pub review_count: usize,
}

/// A received file as the history lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ReceiptRow {
    /// Store id.
    pub id: i64,
    /// File name as received.
    pub file: String,
    /// SHA-256.
    pub sha256: String,
    /// Sending department (current name).
    pub department: String,
    /// Period key.
    pub period: String,
    /// Template version of the sheet.
    pub template_version: String,
    /// When the sheet was exported (UTC), if known.
    pub exported_at: Option<String>,
    /// When it was taken in (UTC).
    pub received_at: String,
    /// Who took it in; empty for the command line.
    pub received_by: String,
    /// New rows.
    pub rows_new: i64,
    /// Changed rows.
    pub rows_changed: i64,
    /// Unchanged rows.
    pub rows_unchanged: i64,
    /// Rows flagged for review.
    pub review_count: i64,
    /// Codes of the sub-items whose versions this file brought.
    pub codes: Vec<String>,
}

/// Where a progress version came from, when it was read back from a file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReportSource {
    /// File name.
    pub file: String,
    /// SHA-256 of the file.
    pub sha256: String,
    /// When the sheet was exported (UTC), if known.
    pub exported_at: Option<String>,
    /// When it was taken in (UTC).
    pub received_at: String,
}

const RECEIPT_COLUMNS: &str = "r.id, r.file_name, r.sha256, coalesce(m.name, d.name), p.key, r.template_version, r.exported_at, r.received_at,
    coalesce(a.display_name, ''), r.rows_new, r.rows_changed, r.rows_unchanged, r.review_count";
const RECEIPT_JOINS: &str = "FROM received_reports r JOIN departments d ON d.id = r.department_id LEFT JOIN departments m ON m.id = d.merged_into
    JOIN periods p ON p.id = r.period_id LEFT JOIN accounts a ON a.id = r.account_id";

fn receipt_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<ReceiptRow> {
    Ok(ReceiptRow {
        id: row.get(0)?,
        file: row.get(1)?,
        sha256: row.get(2)?,
        department: row.get(3)?,
        period: row.get(4)?,
        template_version: row.get(5)?,
        exported_at: row.get(6)?,
        received_at: row.get(7)?,
        received_by: row.get(8)?,
        rows_new: row.get(9)?,
        rows_changed: row.get(10)?,
        rows_unchanged: row.get(11)?,
        review_count: row.get(12)?,
        codes: Vec::new(),
    })
}

impl Store {
    /// The receipt of a file with these bytes, if it was taken in before.
    pub fn receipt_by_sha(&self, sha256: &str) -> Result<Option<ReceiptRow>> {
        let sql = format!("SELECT {RECEIPT_COLUMNS} {RECEIPT_JOINS} WHERE r.sha256 = ?1");
        Ok(self.conn().query_row(&sql, [sha256], receipt_row).optional()?)
    }

    /// The newest export time of the sheets received from a department for a period.
    pub fn latest_exported_at(&self, department_id: i64, period_id: i64) -> Result<Option<String>> {
        Ok(self.conn().query_row(
            "SELECT max(exported_at) FROM received_reports WHERE department_id = ?1 AND period_id = ?2",
            params![department_id, period_id],
            |row| row.get(0),
        )?)
    }

    /// Received files, newest first; of one period when `period_id` is given.
    pub fn receipts(&self, period_id: Option<i64>) -> Result<Vec<ReceiptRow>> {
        let sql = format!("SELECT {RECEIPT_COLUMNS} {RECEIPT_JOINS} WHERE ?1 IS NULL OR r.period_id = ?1 ORDER BY r.id DESC");
        let mut statement = self.conn().prepare(&sql)?;
        let mut receipts: Vec<ReceiptRow> = statement.query_map([period_id], receipt_row)?.collect::<rusqlite::Result<_>>()?;
        let mut codes = self.conn().prepare(
            "SELECT s.code FROM progress_versions v JOIN subitems s ON s.id = v.subitem_id WHERE v.source_report_id = ?1 ORDER BY s.id",
        )?;
        for receipt in &mut receipts {
            receipt.codes = codes.query_map([receipt.id], |row| row.get(0))?.collect::<rusqlite::Result<_>>()?;
        }
        Ok(receipts)
    }

    /// The sources of the latest versions in a period: (sub-item code, department, source).
    pub fn latest_sources(&self, plan_id: i64, period_id: i64) -> Result<Vec<(String, String, ReportSource)>> {
        let mut statement = self.conn().prepare(
            "SELECT s.code, coalesce(m.name, d.name), r.file_name, r.sha256, r.exported_at, r.received_at
               FROM progress_versions p JOIN subitems s ON s.id = p.subitem_id
               JOIN departments d ON d.id = p.department_id LEFT JOIN departments m ON m.id = d.merged_into
               JOIN received_reports r ON r.id = p.source_report_id
              WHERE s.plan_id = ?1 AND p.period_id = ?2
                AND p.version = (SELECT max(version) FROM progress_versions q
                                  WHERE q.subitem_id = p.subitem_id AND q.department_id = p.department_id AND q.period_id = p.period_id)",
        )?;
        let rows = statement.query_map(params![plan_id, period_id], |row| {
            let source = ReportSource { file: row.get(2)?, sha256: row.get(3)?, exported_at: row.get(4)?, received_at: row.get(5)? };
            Ok((row.get(0)?, row.get(1)?, source))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Take in a whole file in one transaction: the period if it must be created, the receipt,
    /// every new version (each checked against the version the preview saw), and an audit entry.
    /// Returns the receipt's id.
    ///
    /// # Errors
    /// [`crate::Error::Stale`], with nothing written, when a record moved on since the preview.
    pub fn merge_received(&self, receipt: &NewReceipt<'_>, versions: &[(NewVersion<'_>, i64)], audit: &AuditEntry<'_>) -> Result<i64> {
        self.write(|tx| {
            let period_id = match (receipt.period_id, &receipt.period_to_create) {
                (Some(id), _) => id,
                (None, Some((key, kind, starts_on, ends_on))) => {
                    tx.execute(
                        "INSERT INTO periods (key, kind, starts_on, ends_on, status, created_at) VALUES (?1, ?2, ?3, ?4, 'open', ?5)",
                        params![key, kind, starts_on, ends_on, now()],
                    )?;
                    tx.last_insert_rowid()
                }
                (None, None) => return Err(crate::Error::Corrupt("导入报表时缺少报告期".into())),
            };
            tx.execute(
                "INSERT INTO received_reports (file_name, sha256, plan_id, department_id, period_id, template_version, exported_at,
                    received_at, account_id, rows_new, rows_changed, rows_unchanged, review_count)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
                params![receipt.file_name, receipt.sha256, receipt.plan_id, receipt.department_id, period_id, receipt.template_version,
                    receipt.exported_at, now(), receipt.account_id, receipt.rows_new as i64, receipt.rows_changed as i64,
                    receipt.rows_unchanged as i64, receipt.review_count as i64],
            )?;
            let receipt_id = tx.last_insert_rowid();
            for (new, expected_latest) in versions {
                let r = new.row;
                let latest: i64 = tx.query_row(
                    "SELECT coalesce(max(version), 0) FROM progress_versions WHERE subitem_id = ?1 AND department_id = ?2 AND period_id = ?3",
                    params![r.subitem_id, r.department_id, period_id],
                    |row| row.get(0),
                )?;
                if latest != *expected_latest {
                    // An error, so that the transaction rolls back the receipt written above.
                    return Err(crate::Error::Stale { opened: *expected_latest, current: latest, saved_at: String::new() });
                }
                let row = super::ProgressRow { period_id, ..r.clone() };
                let with_period = NewVersion { row: &row, ..*new };
                insert_version(tx, &with_period, latest + 1, Some(receipt_id))?;
            }
            append(tx, receipt.account_id, audit)?;
            Ok(receipt_id)
        })
    }
}
