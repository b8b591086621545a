//! Departments and their aliases: the built-in defaults, those the reader learns, and the
//! directory the reader resolves names with.

use crate::plan::TaskRole;
use ts_rs::TS;
use super::{now, Store};
use crate::departments::{Directory, BUILTIN_ALIASES, CANONICAL};
use crate::error::Result;
use rusqlite::{params, OptionalExtension, Transaction};
use serde::Serialize;
use std::collections::HashMap;

/// One department as `taizhang departments --json` lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct DepartmentRow {
    /// Store id.
    pub id: i64,
    /// Canonical short name.
    pub name: String,
    /// Other names it is written as.
    pub aliases: Vec<String>,
    /// Learned from an unresolvable name; the coordinator should review it.
    pub needs_review: bool,
    /// Sub-items of the plan it leads.
    pub lead_count: i64,
    /// Sub-items of the plan it cooperates on.
    pub cooperating_count: i64,
}

/// Canonical departments on a new database; built-in aliases on every start (new releases
/// may bring new ones), each only where its department still exists under some name.
pub(super) fn seed_builtin(tx: &Transaction<'_>) -> Result<()> {
    let empty: bool = tx.query_row("SELECT count(*) = 0 FROM departments", [], |row| row.get(0))?;
    if empty {
        let mut insert = tx.prepare("INSERT INTO departments (name, needs_review, created_at) VALUES (?1, 0, ?2)")?;
        for name in CANONICAL {
            insert.execute(params![name, now()])?;
        }
    }
    let mut insert_alias = tx.prepare(
        "INSERT OR IGNORE INTO department_aliases (alias, department_id, builtin)
         SELECT ?1, id, 1 FROM departments WHERE name = ?2
         UNION ALL SELECT ?1, department_id, 1 FROM department_aliases WHERE alias = ?2
         LIMIT 1",
    )?;
    for (alias, canonical) in BUILTIN_ALIASES {
        insert_alias.execute(params![alias, canonical])?;
    }
    Ok(())
}

/// Department ids by name for `names`, creating the missing ones; those in `needing_review`
/// are created flagged for review.
pub(super) fn ensure_departments(
    tx: &Transaction<'_>,
    names: &[&str],
    needing_review: &[String],
) -> Result<HashMap<String, i64>> {
    let mut ids = HashMap::new();
    let mut find = tx.prepare("SELECT id FROM departments WHERE name = ?1")?;
    let mut insert = tx.prepare("INSERT INTO departments (name, needs_review, created_at) VALUES (?1, ?2, ?3)")?;
    for &name in names {
        if ids.contains_key(name) {
            continue;
        }
        let id = match find.query_row([name], |row| row.get(0)).optional()? {
            Some(id) => id,
            None => {
                insert.execute(params![name, needing_review.iter().any(|n| n == name), now()])?;
                tx.last_insert_rowid()
            }
        };
        ids.insert(name.to_string(), id);
    }
    Ok(ids)
}

impl Store {
    /// Every name and alias the store knows, resolving to current department names (a merged
    /// department's names resolve to the department it was merged into).
    pub fn directory(&self) -> Result<Directory> {
        let mut statement = self.conn().prepare("SELECT id, name, merged_into FROM departments")?;
        let rows: Vec<(i64, String, Option<i64>)> =
            statement.query_map([], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))?.collect::<rusqlite::Result<_>>()?;
        let by_id: HashMap<i64, (&str, Option<i64>)> = rows.iter().map(|(id, name, into)| (*id, (name.as_str(), *into))).collect();
        let current_name = |mut id: i64| {
            for _ in 0..by_id.len() {
                match by_id.get(&id) {
                    Some((_, Some(into))) => id = *into,
                    Some((name, None)) => return Some(*name),
                    None => return None,
                }
            }
            None
        };
        let mut pairs: Vec<(String, String)> = Vec::new();
        for (id, name, _) in &rows {
            if let Some(current) = current_name(*id) {
                pairs.push((name.clone(), current.to_string()));
            }
        }
        let mut statement = self.conn().prepare("SELECT alias, department_id FROM department_aliases ORDER BY alias")?;
        let aliases: Vec<(String, i64)> =
            statement.query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
        for (alias, id) in aliases {
            if let Some(current) = current_name(id) {
                pairs.push((alias, current.to_string()));
            }
        }
        Ok(Directory::from_pairs(pairs.iter().map(|(alias, name)| (alias.as_str(), name.as_str()))))
    }

    /// Rename a department: the old name becomes an alias, its history stays with its id.
    pub fn rename_department(&self, id: i64, new_name: &str, audit: &super::AuditEntry<'_>) -> Result<()> {
        self.write(|tx| {
            let old: String = tx.query_row("SELECT name FROM departments WHERE id = ?1", [id], |row| row.get(0))?;
            tx.execute("DELETE FROM department_aliases WHERE alias = ?1", [new_name])?;
            tx.execute("UPDATE departments SET name = ?2, needs_review = 0 WHERE id = ?1", params![id, new_name])?;
            tx.execute("INSERT OR REPLACE INTO department_aliases (alias, department_id, builtin) VALUES (?1, ?2, 0)", params![old, id])?;
            super::audit::append(tx, audit.account_id, audit)
        })
    }

    /// Merge department `from` into `into`: its names resolve to `into` from now on, its
    /// responsibilities and progress stay recorded under its own id.
    pub fn merge_department(&self, from: i64, into: i64, audit: &super::AuditEntry<'_>) -> Result<()> {
        self.write(|tx| {
            tx.execute("UPDATE departments SET merged_into = ?2 WHERE id = ?1", params![from, into])?;
            tx.execute("UPDATE departments SET merged_into = ?2 WHERE merged_into = ?1", params![from, into])?;
            super::audit::append(tx, audit.account_id, audit)
        })
    }

    /// Add (or move) an alias of a department.
    pub fn add_alias(&self, alias: &str, id: i64, audit: &super::AuditEntry<'_>) -> Result<()> {
        self.write(|tx| {
            tx.execute("INSERT OR REPLACE INTO department_aliases (alias, department_id, builtin) VALUES (?1, ?2, 0)", params![alias, id])?;
            super::audit::append(tx, audit.account_id, audit)
        })
    }

    /// Ids of a department and of every department merged into it.
    pub fn department_family(&self, id: i64) -> Result<Vec<i64>> {
        let mut statement = self.conn().prepare(
            "WITH RECURSIVE family(id) AS (SELECT ?1 UNION SELECT d.id FROM departments d JOIN family f ON d.merged_into = f.id)
             SELECT id FROM family",
        )?;
        let rows = statement.query_map([id], |row| row.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The department a (possibly merged or renamed) department lives on as now: id and name.
    pub fn current_department(&self, id: i64) -> Result<Option<(i64, String)>> {
        Ok(self
            .conn()
            .query_row(
                "WITH RECURSIVE chain(id, merged_into, name) AS (
                     SELECT id, merged_into, name FROM departments WHERE id = ?1
                     UNION ALL SELECT d.id, d.merged_into, d.name FROM departments d JOIN chain c ON d.id = c.merged_into)
                 SELECT id, name FROM chain WHERE merged_into IS NULL LIMIT 1",
                [id],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
            .optional()?)
    }

    /// Record that a department's sheet for a period left this PC (an export), with its audit
    /// entry, in one transaction.
    pub fn note_sheet_export(&self, department_id: i64, period_id: i64, audit: &super::AuditEntry<'_>) -> Result<()> {
        self.write(|tx| {
            tx.execute(
                "INSERT INTO sheet_exports (department_id, period_id, exported_at, account_id) VALUES (?1, ?2, ?3, ?4)",
                params![department_id, period_id, super::now(), audit.account_id],
            )?;
            super::audit::append(tx, audit.account_id, audit)
        })
    }

    /// When a department's sheet for a period was last exported on this PC.
    pub fn latest_sheet_export(&self, department_id: i64, period_id: i64) -> Result<Option<String>> {
        Ok(self.conn().query_row(
            "SELECT max(exported_at) FROM sheet_exports WHERE department_id = ?1 AND period_id = ?2",
            params![department_id, period_id],
            |row| row.get(0),
        )?)
    }

    /// Id of the department with this exact current name.
    pub fn department_id(&self, name: &str) -> Result<Option<i64>> {
        Ok(self
            .conn()
            .query_row("SELECT id FROM departments WHERE name = ?1 AND merged_into IS NULL", [name], |row| row.get(0))
            .optional()?)
    }

    /// Every current department with its aliases and its sub-item counts in `plan_id`.
    pub fn departments(&self, plan_id: i64) -> Result<Vec<DepartmentRow>> {
        let mut statement = self.conn().prepare(DEPARTMENT_ROWS)?;
        let rows = statement.query_map(rusqlite::params![plan_id, TaskRole::Lead, TaskRole::Cooperating], |row| {
            let aliases: Option<String> = row.get(5)?;
            Ok(DepartmentRow {
                id: row.get(0)?,
                name: row.get(1)?,
                needs_review: row.get(2)?,
                lead_count: row.get(3)?,
                cooperating_count: row.get(4)?,
                aliases: aliases.map(|a| a.split('\n').map(str::to_string).collect()).unwrap_or_default(),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// Every current department with its lead (`?2`) and cooperating (`?3`) sub-item counts in plan
/// `?1` and its aliases.
const DEPARTMENT_ROWS: &str = "SELECT d.id, d.name, d.needs_review,
        (SELECT count(*) FROM subitem_responsibilities r JOIN subitems s ON s.id = r.subitem_id
          WHERE r.department_id = d.id AND r.role = ?2 AND s.plan_id = ?1),
        (SELECT count(*) FROM subitem_responsibilities r JOIN subitems s ON s.id = r.subitem_id
          WHERE r.department_id = d.id AND r.role = ?3 AND s.plan_id = ?1),
        (SELECT group_concat(alias, char(10)) FROM
           (SELECT alias FROM department_aliases a WHERE a.department_id = d.id ORDER BY alias))
   FROM departments d WHERE d.merged_into IS NULL ORDER BY d.id";

#[cfg(test)]
mod tests {
    /// The counts read each department's own responsibilities from its index, role included.
    /// SQLite chose otherwise once the responsibilities were keyed by sub-item (migration 0011):
    /// it tried every sub-item of the plan against the key, seven times the work at ×100. The
    /// plan SQLite picks depends on the schema alone (no statistics are gathered), so an empty
    /// database shows it.
    #[test]
    fn a_departments_counts_read_its_own_responsibilities_from_the_index() -> crate::error::Result<()> {
        let store = super::Store::open_in_memory()?;
        let mut statement = store.conn().prepare(&format!("EXPLAIN QUERY PLAN {}", super::DEPARTMENT_ROWS))?;
        let steps: Vec<String> = statement.query_map(rusqlite::params![1, "lead", "cooperating"], |row| row.get(3))?.collect::<rusqlite::Result<_>>()?;
        let responsibilities: Vec<&String> = steps.iter().filter(|step| step.contains(" r ")).collect();
        assert_eq!(responsibilities.len(), 2, "{steps:#?}");
        for step in responsibilities {
            assert!(step.contains("COVERING INDEX subitem_responsibilities_by_department (department_id=?)"), "{steps:#?}");
        }
        assert!(steps.iter().all(|step| !step.contains("SEARCH s USING COVERING INDEX")), "no sub-item of the plan tried in turn: {steps:#?}");
        Ok(())
    }
}
