//! Plans: storing a read plan in one transaction, finding plans by fingerprint, listing them.

use super::departments::ensure_departments;
use super::{now, Store};
use crate::error::Result;
use crate::plan::{DeadlineKind, TaskRole, Warning};
use crate::table_reader::ReadOutcome;
use rusqlite::{params, OptionalExtension, Transaction};
use serde::Serialize;

/// A stored plan, without its tree.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlanRow {
    /// Store id.
    pub id: i64,
    /// Title.
    pub name: String,
    /// Content fingerprint.
    pub fingerprint: String,
    /// File it was imported from.
    pub source_name: String,
    /// When, UTC.
    pub imported_at: String,
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
        let mut statement =
            self.conn().prepare("SELECT id, name, fingerprint, source_name, imported_at FROM plans ORDER BY id")?;
        let rows = statement.query_map([], |row| {
            Ok(PlanRow {
                id: row.get(0)?,
                name: row.get(1)?,
                fingerprint: row.get(2)?,
                source_name: row.get(3)?,
                imported_at: row.get(4)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Warnings recorded when the plan was read.
    pub fn plan_warnings(&self, plan_id: i64) -> Result<Vec<Warning>> {
        let mut statement =
            self.conn().prepare("SELECT line, message FROM plan_warnings WHERE plan_id = ?1 ORDER BY position")?;
        let rows = statement.query_map([plan_id], |row| Ok(Warning { line: row.get(0)?, message: row.get(1)? }))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Store a plan that was read, with its new departments, in one transaction. Returns its id.
    pub fn insert_plan(&self, outcome: &ReadOutcome, source_name: &str) -> Result<i64> {
        self.write(|tx| insert_plan(tx, outcome, source_name))
    }
}

fn insert_plan(tx: &Transaction<'_>, outcome: &ReadOutcome, source_name: &str) -> Result<i64> {
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
        "INSERT INTO plans (name, fingerprint, source_name, imported_at) VALUES (?1, ?2, ?3, ?4)",
        params![plan.name, plan.fingerprint, source_name, now()],
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
