//! Loading a stored plan back into the tree the reader produced.

use super::Store;
use crate::error::{Error, Result};
use crate::plan::{Article, Clause, Deadline, DeadlineKind, Duty, Item, Plan, Recurrence, SubItem, Target, TaskRole};
use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension};
use std::collections::HashMap;

impl Store {
    /// Id of the current plan: the most recently imported published plan that no revision
    /// has superseded.
    pub fn current_plan_id(&self) -> Result<Option<i64>> {
        let sql = format!("SELECT max(p.id) FROM plans p WHERE {LIVE_PLAN}");
        Ok(self.conn().query_row(&sql, [], |row| row.get(0)).optional()?.flatten())
    }

    /// The whole tree of a stored plan.
    pub fn load_plan(&self, plan_id: i64) -> Result<Plan> {
        let conn = self.conn();
        let (name, fingerprint): (String, String) = conn
            .query_row("SELECT name, fingerprint FROM plans WHERE id = ?1", [plan_id], |row| Ok((row.get(0)?, row.get(1)?)))
            .optional()?
            .ok_or(Error::PlanNotFound(plan_id))?;
        let mut roles = load_roles(conn, plan_id)?;
        let parts = SubItemParts { duties: load_duties(conn, plan_id)?, deadlines: load_deadlines(conn, plan_id)?, targets: load_targets(conn, plan_id)? };
        let subitems = load_subitems(conn, plan_id, &mut roles, parts)?;
        let items = load_items(conn, plan_id, &mut roles, subitems)?;
        let clauses = load_clauses(conn, plan_id, items)?;
        let articles = load_articles(conn, plan_id, clauses)?;
        Ok(Plan { id: plan_id, name, fingerprint, articles })
    }
}

/// A plan `p` departments work on: published and not superseded by a revision.
pub(crate) const LIVE_PLAN: &str = "p.status = 'published' AND NOT EXISTS (SELECT 1 FROM plans r WHERE r.revision_of = p.id AND r.status = 'published')";

/// Lead and cooperating departments (merged ones under their new name) of each item (`true`)
/// and sub-item (`false`), by store id.
type Roles = HashMap<(i64, bool), (Vec<String>, Vec<String>)>;

/// What each sub-item holds besides its own row, by sub-item id.
struct SubItemParts {
    duties: HashMap<i64, Vec<Duty>>,
    deadlines: HashMap<i64, Vec<Deadline>>,
    targets: HashMap<i64, Vec<Target>>,
}

/// A cell's text split into its note lines.
fn notes(text: String) -> Vec<String> {
    text.lines().map(str::to_string).collect()
}

/// The responsibilities of every item and sub-item of the plan.
fn load_roles(conn: &rusqlite::Connection, plan_id: i64) -> Result<Roles> {
    let mut roles: Roles = HashMap::new();
    for (is_item, table, key) in [(true, "item_responsibilities", "item_id"), (false, "subitem_responsibilities", "subitem_id")] {
        let parent = if is_item { "items" } else { "subitems" };
        let sql = format!(
            "SELECT r.{key}, coalesce(m.name, d.name), r.role FROM {table} r JOIN {parent} p ON p.id = r.{key}
               JOIN departments d ON d.id = r.department_id LEFT JOIN departments m ON m.id = d.merged_into
              WHERE p.plan_id = ?1 ORDER BY r.{key}, r.position"
        );
        let mut statement = conn.prepare(&sql)?;
        let mut rows = statement.query([plan_id])?;
        while let Some(row) = rows.next()? {
            let entry = roles.entry((row.get(0)?, is_item)).or_default();
            let role: String = row.get(2)?;
            if TaskRole::from_key(&role) == Some(TaskRole::Lead) { &mut entry.0 } else { &mut entry.1 }.push(row.get(1)?);
        }
    }
    Ok(roles)
}

/// Each sub-item's departments with their duty text.
fn load_duties(conn: &rusqlite::Connection, plan_id: i64) -> Result<HashMap<i64, Vec<Duty>>> {
    let mut duties: HashMap<i64, Vec<Duty>> = HashMap::new();
    let mut statement = conn.prepare(
        "SELECT u.subitem_id, coalesce(m.name, d.name), u.text FROM duties u JOIN subitems s ON s.id = u.subitem_id
           JOIN departments d ON d.id = u.department_id LEFT JOIN departments m ON m.id = d.merged_into
          WHERE s.plan_id = ?1 ORDER BY u.subitem_id, u.position",
    )?;
    let mut rows = statement.query([plan_id])?;
    while let Some(row) = rows.next()? {
        duties.entry(row.get(0)?).or_default().push(Duty { department: row.get(1)?, text: row.get(2)? });
    }
    Ok(duties)
}

/// Each sub-item's deadlines.
fn load_deadlines(conn: &rusqlite::Connection, plan_id: i64) -> Result<HashMap<i64, Vec<Deadline>>> {
    let mut deadlines: HashMap<i64, Vec<Deadline>> = HashMap::new();
    let mut statement = conn.prepare(
        "SELECT l.subitem_id, l.phrase, l.due_date, l.every_years, l.by_month, l.by_day, l.from_date
           FROM deadlines l JOIN subitems s ON s.id = l.subitem_id WHERE s.plan_id = ?1 ORDER BY l.subitem_id, l.position",
    )?;
    let mut rows = statement.query([plan_id])?;
    while let Some(row) = rows.next()? {
        let due: Option<String> = row.get(2)?;
        let every: Option<u32> = row.get(3)?;
        let by: Option<(u32, u32)> = row.get::<_, Option<u32>>(4)?.zip(row.get::<_, Option<u32>>(5)?);
        let from: Option<String> = row.get(6)?;
        let kind = match (due, every) {
            (Some(due), _) => DeadlineKind::Due(date(&due)?),
            (None, Some(0)) => return Err(Error::Corrupt("期限周期为 0 年".into())),
            (None, Some(years)) => DeadlineKind::Every(Recurrence { years, by, from: from.as_deref().map(date).transpose()? }),
            (None, None) => return Err(Error::Corrupt("期限既无日期也无周期".into())),
        };
        deadlines.entry(row.get(0)?).or_default().push(Deadline { text: row.get(1)?, kind });
    }
    Ok(deadlines)
}

/// Each sub-item's quantified targets.
fn load_targets(conn: &rusqlite::Connection, plan_id: i64) -> Result<HashMap<i64, Vec<Target>>> {
    let mut targets: HashMap<i64, Vec<Target>> = HashMap::new();
    let mut statement = conn.prepare(
        "SELECT t.subitem_id, t.phrase, t.metric, t.op, t.value, t.unit FROM targets t
           JOIN subitems s ON s.id = t.subitem_id WHERE s.plan_id = ?1 ORDER BY t.subitem_id, t.position",
    )?;
    let mut rows = statement.query([plan_id])?;
    while let Some(row) = rows.next()? {
        let target = Target { text: row.get(1)?, metric: row.get(2)?, op: row.get(3)?, value: row.get(4)?, unit: row.get(5)? };
        targets.entry(row.get(0)?).or_default().push(target);
    }
    Ok(targets)
}

/// The sub-items of each item, in order.
fn load_subitems(conn: &rusqlite::Connection, plan_id: i64, roles: &mut Roles, mut parts: SubItemParts) -> Result<HashMap<i64, Vec<SubItem>>> {
    let mut subitems: HashMap<i64, Vec<SubItem>> = HashMap::new();
    let mut statement = conn.prepare(
        "SELECT id, item_id, code, label, text, responsibility, work, source_line FROM subitems WHERE plan_id = ?1 ORDER BY item_id, position",
    )?;
    let mut rows = statement.query([plan_id])?;
    while let Some(row) = rows.next()? {
        let id: i64 = row.get(0)?;
        let (lead, cooperating) = roles.remove(&(id, false)).unwrap_or_default();
        subitems.entry(row.get(1)?).or_default().push(SubItem {
            code: row.get(2)?,
            label: row.get(3)?,
            text: row.get(4)?,
            lead,
            cooperating,
            responsibility: row.get(5)?,
            work: row.get(6)?,
            duties: parts.duties.remove(&id).unwrap_or_default(),
            deadlines: parts.deadlines.remove(&id).unwrap_or_default(),
            targets: parts.targets.remove(&id).unwrap_or_default(),
            line: row.get(7)?,
            responsibility_line: 0,
        });
    }
    Ok(subitems)
}

/// The items of each clause, in order.
fn load_items(conn: &rusqlite::Connection, plan_id: i64, roles: &mut Roles, mut subitems: HashMap<i64, Vec<SubItem>>) -> Result<HashMap<i64, Vec<Item>>> {
    let mut items: HashMap<i64, Vec<Item>> = HashMap::new();
    let mut statement = conn.prepare(
        "SELECT id, clause_id, code, text, responsibility, notes, source_line FROM items WHERE plan_id = ?1 ORDER BY clause_id, position",
    )?;
    let mut rows = statement.query([plan_id])?;
    while let Some(row) = rows.next()? {
        let id: i64 = row.get(0)?;
        let (lead, cooperating) = roles.remove(&(id, true)).unwrap_or_default();
        items.entry(row.get(1)?).or_default().push(Item {
            code: row.get(2)?,
            text: row.get(3)?,
            lead,
            cooperating,
            responsibility: row.get(4)?,
            notes: notes(row.get(5)?),
            subitems: subitems.remove(&id).unwrap_or_default(),
            line: row.get(6)?,
            responsibility_line: 0,
        });
    }
    Ok(items)
}

/// The clauses of each article, in order.
fn load_clauses(conn: &rusqlite::Connection, plan_id: i64, mut items: HashMap<i64, Vec<Item>>) -> Result<HashMap<i64, Vec<Clause>>> {
    let mut clauses: HashMap<i64, Vec<Clause>> = HashMap::new();
    let mut statement = conn.prepare(
        "SELECT id, article_id, code, label, title, notes, source_line FROM clauses WHERE plan_id = ?1 ORDER BY article_id, position",
    )?;
    let mut rows = statement.query([plan_id])?;
    while let Some(row) = rows.next()? {
        let id: i64 = row.get(0)?;
        clauses.entry(row.get(1)?).or_default().push(Clause {
            code: row.get(2)?,
            label: row.get(3)?,
            title: row.get(4)?,
            notes: notes(row.get(5)?),
            items: items.remove(&id).unwrap_or_default(),
            line: row.get(6)?,
        });
    }
    Ok(clauses)
}

/// The plan's articles, in order.
fn load_articles(conn: &rusqlite::Connection, plan_id: i64, mut clauses: HashMap<i64, Vec<Clause>>) -> Result<Vec<Article>> {
    let mut statement = conn.prepare(
        "SELECT id, code, label, title, notes, source_line FROM articles WHERE plan_id = ?1 ORDER BY position",
    )?;
    let articles: Vec<Article> = statement
        .query_map(params![plan_id], |row| {
            let id: i64 = row.get(0)?;
            Ok(Article {
                code: row.get(1)?,
                label: row.get(2)?,
                title: row.get(3)?,
                notes: notes(row.get(4)?),
                clauses: clauses.remove(&id).unwrap_or_default(),
                line: row.get(5)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(articles)
}

fn date(text: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| Error::Corrupt(format!("日期“{text}”格式不对")))
}
