//! Revisions: storing a plan's new version with what changed, carrying the progress of every
//! matched sub-item into it (copies: the originals stay with the version revised), and the
//! sub-items revisions removed.

use super::plans::{insert_plan, PlanOrigin};
use super::{account_name, Store};
use crate::error::Result;
use crate::revision::{Comparison, Moved, PlanChanges};
use crate::table_reader::ReadOutcome;
use rusqlite::{params, Transaction};
use serde::Serialize;
use ts_rs::TS;

/// A sub-item a revision left out, with what its departments had reported: the 已删除任务 list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct RemovedSubItem {
    /// The plan version it was removed from (the version revised).
    pub plan_id: i64,
    /// That plan's title.
    pub plan_name: String,
    /// That version's number.
    pub version: i64,
    /// The revision that removed it.
    pub removed_in: i64,
    /// Its code in the version revised.
    pub code: String,
    /// Its text.
    pub text: String,
    /// Its lead and cooperating departments.
    pub departments: Vec<String>,
    /// When the revision was applied, UTC.
    pub removed_at: String,
    /// Who applied it.
    pub removed_by: String,
    /// Progress records it holds (all periods, all departments), archived with it.
    pub records: i64,
}

impl Store {
    /// Store `outcome` as a revision of `origin.revision_of` with the `comparison` made before,
    /// carrying progress over, all in one transaction. Returns the new plan's id.
    pub fn insert_revision(&self, outcome: &ReadOutcome, source_name: &str, origin: PlanOrigin, comparison: &Comparison) -> Result<i64> {
        self.write(|tx| {
            let plan_id = insert_plan(tx, outcome, source_name, origin)?;
            record_changes(tx, plan_id, &comparison.changes)?;
            if let Some(old) = origin.revision_of {
                carry_progress(tx, old, plan_id, comparison)?;
            }
            Ok(plan_id)
        })
    }

    /// What the revision `plan_id` changed (empty for a plan that revises nothing).
    pub fn plan_changes(&self, plan_id: i64) -> Result<PlanChanges> {
        let mut statement = self.conn().prepare("SELECT kind, from_code, to_code FROM plan_changes WHERE plan_id = ?1 ORDER BY position")?;
        let mut rows = statement.query([plan_id])?;
        let mut changes = PlanChanges::default();
        while let Some(row) = rows.next()? {
            let (kind, from, to): (String, Option<String>, Option<String>) = (row.get(0)?, row.get(1)?, row.get(2)?);
            let (from, to) = (from.unwrap_or_default(), to.unwrap_or_default());
            match kind.as_str() {
                "added" => changes.added.push(to),
                "removed" => changes.removed.push(from),
                "reworded" => changes.reworded.push(to),
                "moved" => changes.moved.push(Moved { from, to }),
                "reassigned" => changes.reassigned.push(to),
                "deadlines" => changes.deadlines.push(to),
                _ => changes.targets.push(to),
            }
        }
        Ok(changes)
    }

    /// Sub-items removed by revisions of any plan, newest revision first.
    pub fn removed_subitems(&self) -> Result<Vec<RemovedSubItem>> {
        let removed_by = account_name("r.applied_by");
        let sql = format!(
            "SELECT o.id, o.name, o.version, r.id, s.code, s.text, r.imported_at,
                          {removed_by},
                          (SELECT count(*) FROM progress_versions v WHERE v.subitem_id = s.id),
                          (SELECT group_concat(name, '、') FROM (SELECT coalesce(m.name, d.name) AS name FROM subitem_responsibilities sr
                              JOIN departments d ON d.id = sr.department_id LEFT JOIN departments m ON m.id = d.merged_into
                             WHERE sr.subitem_id = s.id ORDER BY sr.position))
                     FROM plan_changes c JOIN plans r ON r.id = c.plan_id JOIN plans o ON o.id = r.revision_of
                     JOIN subitems s ON s.plan_id = o.id AND s.code = c.from_code
                    WHERE c.kind = 'removed' ORDER BY r.id DESC, c.position"
        );
        let mut statement = self.conn().prepare(&sql)?;
        let rows = statement.query_map([], |row| {
            let departments: Option<String> = row.get(9)?;
            Ok(RemovedSubItem {
                plan_id: row.get(0)?,
                plan_name: row.get(1)?,
                version: row.get(2)?,
                removed_in: row.get(3)?,
                code: row.get(4)?,
                text: row.get(5)?,
                removed_at: row.get(6)?,
                removed_by: row.get(7)?,
                records: row.get(8)?,
                departments: departments.map(|d| d.split('、').map(str::to_string).collect()).unwrap_or_default(),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

fn record_changes(tx: &Transaction<'_>, plan_id: i64, changes: &PlanChanges) -> Result<()> {
    let mut insert = tx.prepare("INSERT INTO plan_changes (plan_id, position, kind, from_code, to_code) VALUES (?1, ?2, ?3, ?4, ?5)")?;
    let lists: [(&str, &[String]); 5] = [
        ("added", &changes.added),
        ("reworded", &changes.reworded),
        ("reassigned", &changes.reassigned),
        ("deadlines", &changes.deadlines),
        ("targets", &changes.targets),
    ];
    let mut position = 0;
    let mut row = |kind: &str, from: Option<&str>, to: Option<&str>| -> Result<()> {
        insert.execute(params![plan_id, position, kind, from, to])?;
        position += 1;
        Ok(())
    };
    for code in &changes.removed {
        row("removed", Some(code), None)?;
    }
    for moved in &changes.moved {
        row("moved", Some(&moved.from), Some(&moved.to))?;
    }
    for (kind, codes) in lists {
        for code in codes {
            row(kind, None, Some(code))?;
        }
    }
    Ok(())
}

/// Copy every version of every matched sub-item's records (for departments still responsible
/// for it) into the revision, with their target values (targets unchanged in place and phrase)
/// and evidence.
fn carry_progress(tx: &Transaction<'_>, old: i64, new: i64, comparison: &Comparison) -> Result<()> {
    tx.execute_batch("CREATE TEMP TABLE IF NOT EXISTS carried (from_code TEXT NOT NULL, to_code TEXT NOT NULL); DELETE FROM temp.carried;")?;
    {
        let mut pair = tx.prepare("INSERT INTO temp.carried (from_code, to_code) VALUES (?1, ?2)")?;
        for carried in &comparison.carried {
            pair.execute(params![carried.from, carried.to])?;
        }
    }
    tx.execute(
        "INSERT INTO progress_versions (subitem_id, department_id, period_id, version, status, percent, progress, problems, next_steps,
                                        remarks, reporter, phone, state, saved_by, saved_at, carried_from)
         SELECT n.id, v.department_id, v.period_id, v.version, v.status, v.percent, v.progress, v.problems, v.next_steps,
                v.remarks, v.reporter, v.phone, v.state, v.saved_by, v.saved_at, v.id
           FROM temp.carried c
           JOIN subitems o ON o.plan_id = ?1 AND o.code = c.from_code
           JOIN subitems n ON n.plan_id = ?2 AND n.code = c.to_code
           JOIN progress_versions v ON v.subitem_id = o.id
          WHERE EXISTS (SELECT 1 FROM subitem_responsibilities r WHERE r.subitem_id = n.id AND r.department_id = v.department_id)
          ORDER BY v.id",
        params![old, new],
    )?;
    let carried_rows = "SELECT v.id, v.carried_from, v.subitem_id FROM progress_versions v JOIN subitems n ON n.id = v.subitem_id
                         WHERE n.plan_id = ?1 AND v.carried_from IS NOT NULL";
    tx.execute(
        &format!(
            "INSERT INTO progress_target_values (progress_version_id, target_id, value, note)
             SELECT c.id, nt.id, tv.value, tv.note FROM ({carried_rows}) c
               JOIN progress_target_values tv ON tv.progress_version_id = c.carried_from
               JOIN targets ot ON ot.id = tv.target_id
               JOIN targets nt ON nt.subitem_id = c.subitem_id AND nt.position = ot.position AND nt.phrase = ot.phrase"
        ),
        [new],
    )?;
    tx.execute(
        &format!(
            "INSERT INTO evidence_files (progress_version_id, sha256, original_name, size_bytes, added_at)
             SELECT c.id, e.sha256, e.original_name, e.size_bytes, e.added_at FROM ({carried_rows}) c
               JOIN evidence_files e ON e.progress_version_id = c.carried_from ORDER BY e.id"
        ),
        [new],
    )?;
    tx.execute_batch("DELETE FROM temp.carried;")?;
    Ok(())
}
