//! Plans: storing a read plan in one transaction, finding plans by fingerprint, listing them.

use super::departments::ensure_departments;
use super::{account_name, now, Store};
use crate::error::Result;
use crate::plan::{DeadlineKind, TaskRole, Warning};
use crate::table_reader::ReadOutcome;
use rusqlite::{params, OptionalExtension, Transaction};
use serde::Serialize;
use ts_rs::TS;
use super::tree::LIVE_PLAN;

/// A stored plan, without its tree: what `taizhang plans --json` prints.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PlanRow {
    /// Store id.
    pub id: i64,
    /// Title.
    pub name: String,
    /// Content fingerprint.
    pub fingerprint: String,
    /// Version: 1, and one more for each revision applied.
    pub version: i64,
    /// The plan this one revises.
    pub revision_of: Option<i64>,
    /// Its number of sub-items.
    pub subitems: i64,
    /// When, UTC.
    pub imported_at: String,
    /// True for the plan commands use when none is named (the latest live plan).
    pub current: bool,
    /// File it was imported from.
    pub source_name: String,
    /// Who imported it (empty when imported before accounts or by the command line without one).
    pub imported_by: String,
    /// A later revision replaced it: kept, read-only, in the version history.
    pub superseded: bool,
    /// Read from prose and not yet published by the coordinator.
    pub draft: bool,
}

/// Where a plan being stored comes from.
#[derive(Debug, Clone, Copy, Default)]
pub struct PlanOrigin {
    /// The plan it revises.
    pub revision_of: Option<i64>,
    /// Its version number.
    pub version: i64,
    /// The account importing it.
    pub applied_by: Option<i64>,
    /// A draft to review before it is published.
    pub draft: bool,
}

impl Store {
    /// The plan with this fingerprint, if stored.
    pub fn plan_id_by_fingerprint(&self, fingerprint: &str) -> Result<Option<i64>> {
        Ok(self
            .conn()
            .query_row("SELECT id FROM plans WHERE fingerprint = ?1", [fingerprint], |row| row.get(0))
            .optional()?)
    }

    /// Every stored plan, oldest first.
    pub fn plans(&self) -> Result<Vec<PlanRow>> {
        let current = self.current_plan_id()?;
        let imported_by = account_name("p.applied_by");
        let sql = format!(
            "SELECT p.id, p.name, p.fingerprint, p.version, p.revision_of,
                    (SELECT count(*) FROM subitems s WHERE s.plan_id = p.id), p.imported_at, p.source_name,
                    {imported_by},
                    p.status = 'draft', NOT ({LIVE_PLAN}) AND p.status = 'published'
               FROM plans p ORDER BY p.id"
        );
        let mut statement = self.conn().prepare(&sql)?;
        let rows = statement.query_map([], |row| {
            let id = row.get(0)?;
            Ok(PlanRow {
                id,
                name: row.get(1)?,
                fingerprint: row.get(2)?,
                version: row.get(3)?,
                revision_of: row.get(4)?,
                subitems: row.get(5)?,
                imported_at: row.get(6)?,
                current: Some(id) == current,
                source_name: row.get(7)?,
                imported_by: row.get(8)?,
                draft: row.get(9)?,
                superseded: row.get(10)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// One stored plan's row.
    ///
    /// # Errors
    /// [`crate::Error::PlanNotFound`] for an id not stored.
    pub fn plan_row(&self, plan_id: i64) -> Result<PlanRow> {
        self.plans()?.into_iter().find(|p| p.id == plan_id).ok_or(crate::Error::PlanNotFound(plan_id))
    }

    /// Keep one account's preference (the plan it shows), not audited: it changes nothing shared.
    pub fn set_preference(&self, key: &str, value: Option<&str>) -> Result<()> {
        self.write(|tx| {
            match value {
                Some(value) => tx.execute("INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value", params![key, value])?,
                None => tx.execute("DELETE FROM settings WHERE key = ?1", [key])?,
            };
            Ok(())
        })
    }

    /// Publish a draft plan, with an audit entry, in one transaction.
    pub fn publish_plan(&self, plan_id: i64, audit: &super::AuditEntry<'_>) -> Result<()> {
        self.write(|tx| {
            tx.execute("UPDATE plans SET status = 'published' WHERE id = ?1 AND status = 'draft'", [plan_id])?;
            super::audit::append(tx, audit.account_id, audit)
        })
    }

    /// Warnings recorded when the plan was read.
    pub fn plan_warnings(&self, plan_id: i64) -> Result<Vec<Warning>> {
        let mut statement =
            self.conn().prepare("SELECT line, message FROM plan_warnings WHERE plan_id = ?1 ORDER BY position")?;
        let rows = statement.query_map([plan_id], |row| Ok(Warning { line: row.get(0)?, message: row.get(1)? }))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Store a plan that was read, with its new departments, in one transaction. Returns its id.
    pub fn insert_plan(&self, outcome: &ReadOutcome, source_name: &str, origin: PlanOrigin) -> Result<i64> {
        self.write(|tx| insert_plan(tx, outcome, source_name, origin))
    }

    /// The digest of a plan's text as written ([`crate::plan_files::plan_digest`]).
    pub fn plan_digest(&self, plan_id: i64) -> Result<String> {
        // Every plan has one: written at import, and filled in when the store opens for plans
        // imported before digests were kept.
        let digest: Option<String> = self.conn().query_row("SELECT digest FROM plans WHERE id = ?1", [plan_id], |row| row.get(0)).optional()?.flatten();
        digest.ok_or(crate::Error::PlanNotFound(plan_id))
    }

    /// Give plans imported before digests were kept theirs (once, when the store opens).
    pub(super) fn fill_missing_digests(&self) -> Result<()> {
        let missing: Vec<i64> = self.conn().prepare("SELECT id FROM plans WHERE digest IS NULL")?.query_map([], |row| row.get(0))?.collect::<rusqlite::Result<_>>()?;
        for plan_id in missing {
            let digest = crate::plan_files::plan_digest(&self.load_plan(plan_id)?);
            self.write(|tx| Ok(tx.execute("UPDATE plans SET digest = ?2 WHERE id = ?1", params![plan_id, digest])?))?;
        }
        Ok(())
    }
}

pub(super) fn insert_plan(tx: &Transaction<'_>, outcome: &ReadOutcome, source_name: &str, origin: PlanOrigin) -> Result<i64> {
    let plan = &outcome.plan;
    let named: Vec<&str> = plan
        .articles
        .iter()
        .flat_map(|a| &a.clauses)
        .flat_map(|c| &c.items)
        .flat_map(|i| {
            let item_names = i.lead.iter().chain(&i.cooperating);
            let subitem_names = i.subitems.iter().flat_map(|s| s.lead.iter().chain(&s.cooperating).chain(s.duties.iter().map(|d| &d.department)));
            item_names.chain(subitem_names)
        })
        .map(String::as_str)
        .collect();
    let departments = ensure_departments(tx, &named, &outcome.new_departments)?;
    let department = |name: &str| departments.get(name).copied().ok_or_else(|| crate::Error::Corrupt(format!("部门“{name}”没有编号")));

    tx.execute(
        "INSERT INTO plans (name, fingerprint, source_name, imported_at, version, revision_of, applied_by, status, digest) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![plan.name, plan.fingerprint, source_name, now(), origin.version.max(1), origin.revision_of, origin.applied_by, if origin.draft { "draft" } else { "published" }, crate::plan_files::plan_digest(plan)],
    )?;
    let plan_id = tx.last_insert_rowid();
    let mut warning = tx.prepare("INSERT INTO plan_warnings (plan_id, position, line, message) VALUES (?1, ?2, ?3, ?4)")?;
    for (position, w) in outcome.warnings.iter().enumerate() {
        warning.execute(params![plan_id, position, w.line, w.message])?;
    }

    let mut article_row = tx.prepare("INSERT INTO articles (plan_id, position, code, label, title, notes, source_line) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")?;
    let mut clause_row = tx.prepare("INSERT INTO clauses (plan_id, article_id, position, code, label, title, notes, source_line) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")?;
    let mut item_row = tx.prepare("INSERT INTO items (plan_id, clause_id, position, code, text, responsibility, notes, source_line) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")?;
    let mut subitem_row = tx.prepare("INSERT INTO subitems (plan_id, item_id, position, code, label, text, responsibility, work, source_line) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)")?;
    let mut item_role = tx.prepare("INSERT INTO item_responsibilities (item_id, department_id, role, position) VALUES (?1, ?2, ?3, ?4)")?;
    let mut subitem_role = tx.prepare("INSERT INTO subitem_responsibilities (subitem_id, department_id, role, position) VALUES (?1, ?2, ?3, ?4)")?;
    let mut duty_row = tx.prepare("INSERT INTO duties (subitem_id, department_id, position, text) VALUES (?1, ?2, ?3, ?4)")?;
    let mut deadline_row = tx.prepare("INSERT INTO deadlines (subitem_id, position, phrase, due_date, every_years, by_month, by_day, from_date) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")?;
    let mut target_row = tx.prepare("INSERT INTO targets (subitem_id, position, phrase, metric, op, value, unit) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")?;

    for (a, article) in plan.articles.iter().enumerate() {
        article_row.execute(params![plan_id, a, article.code, article.label, article.title, article.notes.join("\n"), article.line])?;
        let article_id = tx.last_insert_rowid();
        for (c, clause) in article.clauses.iter().enumerate() {
            clause_row.execute(params![plan_id, article_id, c, clause.code, clause.label, clause.title, clause.notes.join("\n"), clause.line])?;
            let clause_id = tx.last_insert_rowid();
            for (i, item) in clause.items.iter().enumerate() {
                item_row.execute(params![plan_id, clause_id, i, item.code, item.text, item.responsibility, item.notes.join("\n"), item.line])?;
                let item_id = tx.last_insert_rowid();
                for (position, (name, role)) in roles(&item.lead, &item.cooperating).enumerate() {
                    item_role.execute(params![item_id, department(name)?, role, position])?;
                }
                for (s, sub) in item.subitems.iter().enumerate() {
                    subitem_row.execute(params![plan_id, item_id, s, sub.code, sub.label, sub.text, sub.responsibility, sub.work, sub.line])?;
                    let subitem_id = tx.last_insert_rowid();
                    for (position, (name, role)) in roles(&sub.lead, &sub.cooperating).enumerate() {
                        subitem_role.execute(params![subitem_id, department(name)?, role, position])?;
                    }
                    for (position, duty) in sub.duties.iter().enumerate() {
                        duty_row.execute(params![subitem_id, department(&duty.department)?, position, duty.text])?;
                    }
                    for (position, deadline) in sub.deadlines.iter().enumerate() {
                        let (due, every, by, from) = match &deadline.kind {
                            DeadlineKind::Due(date) => (Some(date.to_string()), None, None, None),
                            DeadlineKind::Every(r) => (None, Some(r.years), r.by, r.from.map(|d| d.to_string())),
                        };
                        deadline_row.execute(params![subitem_id, position, deadline.text, due, every, by.map(|b| b.0), by.map(|b| b.1), from])?;
                    }
                    for (position, t) in sub.targets.iter().enumerate() {
                        target_row.execute(params![subitem_id, position, t.text, t.metric, t.op, t.value, t.unit])?;
                    }
                }
            }
        }
    }
    Ok(plan_id)
}

/// Lead then cooperating departments with their stored role names.
fn roles<'a>(lead: &'a [String], cooperating: &'a [String]) -> impl Iterator<Item = (&'a str, &'static str)> {
    let lead = lead.iter().map(|n| (n.as_str(), TaskRole::Lead.key()));
    lead.chain(cooperating.iter().map(|n| (n.as_str(), TaskRole::Cooperating.key())))
}
