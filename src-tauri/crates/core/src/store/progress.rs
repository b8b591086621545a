//! Progress versions: every save appends a row; nothing is ever updated or deleted.

use ts_rs::TS;
use super::columns::text;
use super::audit::{append, AuditEntry};
use super::{now, Store};
use crate::error::Result;
use std::collections::HashMap;
use rusqlite::{params, OptionalExtension};

crate::vocabulary! {
    /// Where a record stands: a draft the department may change, submitted (报送, locked), or
    /// returned by the coordinator for correction.
    #[derive(Default)]
    pub enum RecordState ("记录状态") {
        /// 草稿.
        #[default]
        Draft = "draft", "草稿";
        /// 已报送.
        Submitted = "submitted", "已报送";
        /// 已退回修改.
        Reopened = "reopened", "已退回修改";
    }
}

/// What a department reports for a record: the same in every version, every summary and the UI.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, TS)]
pub struct ProgressFields {
    /// One of the reportable statuses.
    pub status: crate::status::Status,
    /// 0–100.
    pub percent: i64,
    /// 进展情况.
    pub progress: String,
    /// 存在问题.
    pub problems: String,
    /// 下步计划.
    pub next_steps: String,
    /// 备注.
    pub remarks: String,
    /// 填报人.
    pub reporter: String,
    /// 联系电话.
    pub phone: String,
    /// draft, submitted or reopened.
    pub state: RecordState,
}

/// The columns of [`ProgressFields`], in the order [`fields_at`] reads them.
const FIELD_COLUMNS: &str = "p.status, p.percent, p.progress, p.problems, p.next_steps, p.remarks, p.reporter, p.phone, p.state";
/// Columns in [`FIELD_COLUMNS`].
const FIELD_COUNT: usize = 9;

/// Read [`FIELD_COLUMNS`] starting at column `first`.
fn fields_at(row: &rusqlite::Row<'_>, first: usize) -> rusqlite::Result<ProgressFields> {
    Ok(ProgressFields {
        status: row.get(first)?,
        percent: row.get(first + 1)?,
        progress: text(row, first + 2)?,
        problems: text(row, first + 3)?,
        next_steps: text(row, first + 4)?,
        remarks: text(row, first + 5)?,
        reporter: text(row, first + 6)?,
        phone: text(row, first + 7)?,
        state: row.get(first + 8)?,
    })
}

/// One stored version of a progress record.
#[derive(Debug, Clone, PartialEq)]
pub struct ProgressRow {
    /// Store id.
    pub id: i64,
    /// Sub-item store id.
    pub subitem_id: i64,
    /// Department store id.
    pub department_id: i64,
    /// Period store id.
    pub period_id: i64,
    /// 1, 2, 3 …
    pub version: i64,
    /// What was reported.
    pub fields: ProgressFields,
    /// Who saved it.
    pub saved_by: String,
    /// When, UTC.
    pub saved_at: String,
}

/// The actual value a department reported for one target of a sub-item.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, TS)]
pub struct TargetValue {
    /// 0-based position of the target in the sub-item.
    pub index: usize,
    /// The value.
    pub value: Option<f64>,
    /// A note.
    pub note: String,
}

/// A file attached to a version as evidence (佐证材料), kept under its content hash.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, TS)]
pub struct EvidenceFile {
    /// SHA-256 of the content: the file's name in the evidence folder.
    pub sha256: String,
    /// The file's original name.
    pub name: String,
    /// Size in bytes.
    pub size: i64,
}

/// A target value as stored: by the target's store id.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredTargetValue {
    /// Store id of the target.
    pub target_id: i64,
    /// The value.
    pub value: Option<f64>,
    /// A note.
    pub note: String,
}

/// What is attached to a version.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Attachments {
    /// Target values, by target id.
    pub values: Vec<StoredTargetValue>,
    /// Evidence files.
    pub evidence: Vec<EvidenceFile>,
}

/// The latest version of one record, for lists, counts and reports.
#[derive(Debug, Clone, PartialEq)]
pub struct ProgressSummary {
    /// Sub-item code.
    pub code: String,
    /// Department name.
    pub department: String,
    /// Version number.
    pub version: i64,
    /// When, UTC.
    pub saved_at: String,
    /// What was reported.
    pub fields: ProgressFields,
    /// Actual target values.
    pub targets: Vec<TargetValue>,
    /// Names of the evidence files (佐证材料) attached to the version.
    pub evidence: Vec<String>,
}

/// A new version to append, with its target values and evidence files.
pub struct NewVersion<'a> {
    /// The fields of the version (id and saved_by/saved_at are filled in by the store).
    pub row: &'a ProgressRow,
    /// Who saves it.
    pub account_id: i64,
    /// Target values.
    pub target_values: &'a [StoredTargetValue],
    /// Evidence files.
    pub evidence: &'a [EvidenceFile],
}

/// The departments (a merged one by its current name) and the latest version of each record in
/// period `?2` of plan `?1` — of the departments whose ids `?3` lists as a JSON array, or of all
/// when it is NULL: the tail of every query of a period's latest progress (`p` the version, `s`
/// its sub-item).
const LATEST_IN_PERIOD: &str = "JOIN departments d ON d.id = p.department_id LEFT JOIN departments m ON m.id = d.merged_into
                 WHERE s.plan_id = ?1 AND p.period_id = ?2 AND (?3 IS NULL OR p.department_id IN (SELECT value FROM json_each(?3)))
                   AND p.version = (SELECT max(version) FROM progress_versions q
                                     WHERE q.subitem_id = p.subitem_id AND q.department_id = p.department_id AND q.period_id = p.period_id)";

fn progress_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<ProgressRow> {
    Ok(ProgressRow {
        id: row.get(0)?,
        subitem_id: row.get(1)?,
        department_id: row.get(2)?,
        period_id: row.get(3)?,
        version: row.get(4)?,
        saved_by: row.get(5)?,
        saved_at: row.get(6)?,
        fields: fields_at(row, 7)?,
    })
}

/// Insert one version with its target values and evidence inside the caller's transaction;
/// `source` is the received file it came from, if any. Returns the new row's id.
pub(super) fn insert_version(tx: &rusqlite::Transaction<'_>, new: &NewVersion<'_>, version: i64, source: Option<i64>) -> Result<i64> {
    let r = new.row;
    let account = Some(new.account_id).filter(|id| *id > 0);
    tx.execute(
        "INSERT INTO progress_versions (subitem_id, department_id, period_id, version, status, percent, progress, problems,
            next_steps, remarks, reporter, phone, state, saved_by, saved_at, source_report_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
        params![r.subitem_id, r.department_id, r.period_id, version, r.fields.status, r.fields.percent, r.fields.progress,
            r.fields.problems, r.fields.next_steps, r.fields.remarks, r.fields.reporter, r.fields.phone, r.fields.state,
            account, now(), source],
    )?;
    let id = tx.last_insert_rowid();
    for t in new.target_values {
        tx.execute("INSERT INTO progress_target_values (progress_version_id, target_id, value, note) VALUES (?1, ?2, ?3, ?4)", params![id, t.target_id, t.value, t.note])?;
    }
    for f in new.evidence {
        tx.execute("INSERT INTO evidence_files (progress_version_id, sha256, original_name, size_bytes, added_at) VALUES (?1, ?2, ?3, ?4, ?5)", params![id, f.sha256, f.name, f.size, now()])?;
    }
    Ok(id)
}

impl Store {
    /// Store id of a sub-item by plan and code.
    pub fn subitem_id(&self, plan_id: i64, code: &str) -> Result<Option<i64>> {
        Ok(self
            .conn()
            .query_row("SELECT id FROM subitems WHERE plan_id = ?1 AND code = ?2", params![plan_id, code], |row| row.get(0))
            .optional()?)
    }

    /// Store ids of a sub-item's targets, in order.
    pub fn target_ids(&self, subitem_id: i64) -> Result<Vec<i64>> {
        let mut statement = self.conn().prepare("SELECT id FROM targets WHERE subitem_id = ?1 ORDER BY position")?;
        let rows = statement.query_map([subitem_id], |row| row.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every version of one record, newest first.
    pub fn progress_history(&self, subitem_id: i64, department_id: i64, period_id: i64) -> Result<Vec<ProgressRow>> {
        let sql = format!(
            "SELECT p.id, p.subitem_id, p.department_id, p.period_id, p.version, coalesce(a.display_name, ''), p.saved_at, {FIELD_COLUMNS}
               FROM progress_versions p LEFT JOIN accounts a ON a.id = p.saved_by
              WHERE p.subitem_id = ?1 AND p.department_id = ?2 AND p.period_id = ?3 ORDER BY p.version DESC"
        );
        let mut statement = self.conn().prepare(&sql)?;
        let rows = statement.query_map(params![subitem_id, department_id, period_id], progress_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The latest version of every record of a plan in a period — of every department, or of
    /// `departments` (store ids) only — by sub-item code and (current) department name, with its
    /// target values and evidence names.
    pub fn latest_progress(&self, plan_id: i64, period_id: i64, departments: Option<&[i64]>) -> Result<Vec<ProgressSummary>> {
        let departments = super::id_list(departments);
        let first_field = 4;
        let sql = format!("SELECT s.code, coalesce(m.name, d.name), p.version, p.saved_at, {FIELD_COLUMNS}, p.id FROM progress_versions p JOIN subitems s ON s.id = p.subitem_id {LATEST_IN_PERIOD}");
        let mut statement = self.conn().prepare(&sql)?;
        let mut rows = statement.query(params![plan_id, period_id, departments])?;
        let (mut summaries, mut index) = (Vec::new(), HashMap::new());
        while let Some(row) = rows.next()? {
            index.insert(row.get::<_, i64>(first_field + FIELD_COUNT)?, summaries.len());
            summaries.push(ProgressSummary {
                code: row.get(0)?,
                department: row.get(1)?,
                version: row.get(2)?,
                saved_at: row.get(3)?,
                fields: fields_at(row, first_field)?,
                targets: Vec::new(),
                evidence: Vec::new(),
            });
        }
        let targets = "SELECT v.progress_version_id, t.position, v.value, v.note
                         FROM progress_target_values v CROSS JOIN progress_versions p ON p.id = v.progress_version_id
                         JOIN targets t ON t.id = v.target_id WHERE p.period_id = ?1 ORDER BY t.position";
        for (at, value) in self.attached(targets, period_id, &index, |row| Ok(TargetValue { index: row.get(1)?, value: row.get(2)?, note: row.get(3)? }))? {
            summaries[at].targets.push(value);
        }
        let evidence = "SELECT e.progress_version_id, e.original_name
                          FROM evidence_files e CROSS JOIN progress_versions p ON p.id = e.progress_version_id WHERE p.period_id = ?1 ORDER BY e.id";
        for (at, name) in self.attached(evidence, period_id, &index, |row| row.get(1))? {
            summaries[at].evidence.push(name);
        }
        Ok(summaries)
    }

    /// The evidence files of the latest version of every record of a plan in a period: sub-item
    /// code, (current) department name and the file.
    pub fn latest_evidence(&self, plan_id: i64, period_id: i64) -> Result<Vec<(String, String, EvidenceFile)>> {
        let sql = format!(
            "SELECT s.code, coalesce(m.name, d.name), e.sha256, e.original_name, e.size_bytes
               FROM evidence_files e JOIN progress_versions p ON p.id = e.progress_version_id
               JOIN subitems s ON s.id = p.subitem_id {LATEST_IN_PERIOD} ORDER BY s.id, e.id"
        );
        let mut statement = self.conn().prepare(&sql)?;
        let rows = statement.query_map(params![plan_id, period_id, None::<String>], |row| {
            Ok((row.get(0)?, row.get(1)?, EvidenceFile { sha256: row.get(2)?, name: row.get(3)?, size: row.get(4)? }))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Whether any version cites the evidence file with this hash.
    pub fn evidence_in_use(&self, sha256: &str) -> Result<bool> {
        Ok(self.conn().query_row("SELECT count(*) FROM evidence_files WHERE sha256 = ?1", [sha256], |row| row.get::<_, i64>(0))? > 0)
    }

    /// Rows of `sql` (a version id first) read by `read`, each with the position in `index` of
    /// the latest version it belongs to; rows of older versions are passed over. The queries
    /// start from the attachments (CROSS JOIN fixes the order): a period has tens of thousands of
    /// versions and few of them have target values or evidence, and finding the latest of each
    /// again only to find none took most of a hundred milliseconds at ×100.
    fn attached<T>(&self, sql: &str, period_id: i64, index: &HashMap<i64, usize>, read: impl Fn(&rusqlite::Row<'_>) -> rusqlite::Result<T>) -> Result<Vec<(usize, T)>> {
        let mut statement = self.conn().prepare(sql)?;
        let mut rows = statement.query([period_id])?;
        let mut out = Vec::new();
        while let Some(row) = rows.next()? {
            if let Some(at) = index.get(&row.get::<_, i64>(0)?) {
                out.push((*at, read(row)?));
            }
        }
        Ok(out)
    }

    /// Target values and evidence of a version.
    pub fn version_attachments(&self, version_id: i64) -> Result<Attachments> {
        let mut statement = self.conn().prepare("SELECT target_id, value, note FROM progress_target_values WHERE progress_version_id = ?1 ORDER BY target_id")?;
        let values = statement
            .query_map([version_id], |row| Ok(StoredTargetValue { target_id: row.get(0)?, value: row.get(1)?, note: row.get(2)? }))?
            .collect::<rusqlite::Result<_>>()?;
        let mut statement = self.conn().prepare("SELECT sha256, original_name, size_bytes FROM evidence_files WHERE progress_version_id = ?1 ORDER BY id")?;
        let evidence = statement
            .query_map([version_id], |row| Ok(EvidenceFile { sha256: row.get(0)?, name: row.get(1)?, size: row.get(2)? }))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(Attachments { values, evidence })
    }

    /// Append a version, its values, its evidence and an audit entry, in one transaction.
    /// `expected_latest` is checked again inside the transaction, so two windows saving at once
    /// cannot both win.
    pub fn append_progress(&self, new: &NewVersion<'_>, expected_latest: i64, audit: &AuditEntry<'_>) -> Result<Option<i64>> {
        self.write(|tx| {
            let r = new.row;
            let latest: i64 = tx.query_row(
                "SELECT coalesce(max(version), 0) FROM progress_versions WHERE subitem_id = ?1 AND department_id = ?2 AND period_id = ?3",
                params![r.subitem_id, r.department_id, r.period_id],
                |row| row.get(0),
            )?;
            if latest != expected_latest {
                return Ok(None);
            }
            let id = insert_version(tx, new, latest + 1, None)?;
            append(tx, Some(new.account_id), audit)?;
            Ok(Some(id))
        })
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_field_count_matches_the_field_columns() {
        assert_eq!(super::FIELD_COLUMNS.split(',').count(), super::FIELD_COUNT, "the version id is read right after the fields");
    }
}
