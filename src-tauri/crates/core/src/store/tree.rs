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
        self.load_plan_part(plan_id, None, PlanDetail::Full)
    }

    /// The tree of a stored plan without its long texts: what a list counts and filters by, for
    /// the rows it then builds to fetch their texts with [`Store::subitem_texts`]. The sub-items'
    /// and items' texts, responsibilities, work and notes are empty and no duty is loaded; codes,
    /// labels, titles, departments, deadlines and targets are all there. At a hundred times the
    /// seed the texts were most of the time of the 工作台 and of a page of a list.
    pub fn load_plan_skeleton(&self, plan_id: i64) -> Result<Plan> {
        self.load_plan_part(plan_id, None, PlanDetail::Skeleton)
    }

    /// The texts of sub-items `codes` of a plan, by code: what [`Store::load_plan_skeleton`] leaves out.
    pub fn subitem_texts(&self, plan_id: i64, codes: &[&str]) -> Result<HashMap<String, SubItemTexts>> {
        let conn = self.conn();
        let codes = serde_json::to_string(codes).map_err(|e| Error::Corrupt(e.to_string()))?;
        let names = shown_names(conn)?;
        let mut texts: HashMap<String, SubItemTexts> = HashMap::new();
        let in_codes = "s.plan_id = ?1 AND s.code IN (SELECT value FROM json_each(?2))";
        let mut statement = conn.prepare(&format!("SELECT s.code, s.text, s.work FROM subitems s WHERE {in_codes}"))?;
        let mut rows = statement.query(params![plan_id, codes])?;
        while let Some(row) = rows.next()? {
            texts.insert(row.get(0)?, SubItemTexts { text: row.get(1)?, work: row.get(2)?, duties: Vec::new() });
        }
        let mut duties: HashMap<String, Vec<(i64, Duty)>> = HashMap::new();
        let mut statement = conn.prepare(&format!("SELECT s.code, u.position, u.department_id, u.text FROM duties u JOIN subitems s ON s.id = u.subitem_id WHERE {in_codes}"))?;
        let mut rows = statement.query(params![plan_id, codes])?;
        while let Some(row) = rows.next()? {
            let department = names.get(&row.get::<_, i64>(2)?).cloned().unwrap_or_default();
            duties.entry(row.get(0)?).or_default().push((row.get(1)?, Duty { department, text: row.get(3)? }));
        }
        for (code, duties) in in_position_order(duties) {
            if let Some(texts) = texts.get_mut(&code) {
                texts.duties = duties;
            }
        }
        Ok(texts)
    }

    /// The part of a stored plan that departments `departments` (store ids, a merged
    /// department's family included) are responsible for: their sub-items with their items,
    /// clauses and articles, everything else left out — also the departments the items' own
    /// cells name, and other departments' duty texts. A department's sheet and task list need no
    /// more, and at a hundred times the seed loading the rest was most of their time.
    pub fn load_plan_of(&self, plan_id: i64, departments: &[i64]) -> Result<Plan> {
        let mut plan = self.load_plan_part(plan_id, Some(departments), PlanDetail::Full)?;
        for article in &mut plan.articles {
            for clause in &mut article.clauses {
                clause.items.retain(|item| !item.subitems.is_empty());
            }
            article.clauses.retain(|clause| !clause.items.is_empty());
        }
        plan.articles.retain(|article| !article.clauses.is_empty());
        Ok(plan)
    }

    fn load_plan_part(&self, plan_id: i64, departments: Option<&[i64]>, detail: PlanDetail) -> Result<Plan> {
        let conn = self.conn();
        let (name, fingerprint): (String, String) = conn
            .query_row("SELECT name, fingerprint FROM plans WHERE id = ?1", [plan_id], |row| Ok((row.get(0)?, row.get(1)?)))
            .optional()?
            .ok_or(Error::PlanNotFound(plan_id))?;
        let scope = Scope { plan_id, departments: super::id_list(departments), names: shown_names(conn)?, detail };
        let mut roles = load_roles(conn, &scope)?;
        let duties = if detail == PlanDetail::Full { load_duties(conn, &scope)? } else { HashMap::new() };
        let parts = SubItemParts { duties, deadlines: load_deadlines(conn, &scope)?, targets: load_targets(conn, &scope)? };
        let subitems = load_subitems(conn, &scope, &mut roles, parts)?;
        let items = load_items(conn, &scope, &mut roles, subitems)?;
        let clauses = load_clauses(conn, plan_id, items)?;
        let articles = load_articles(conn, plan_id, clauses)?;
        Ok(Plan { id: plan_id, name, fingerprint, articles })
    }
}

/// Which of a plan's rows to load: all, or those of some departments' sub-items (the ids as a
/// JSON array, bound as `?2` of every query below, NULL for all).
struct Scope {
    plan_id: i64,
    departments: Option<String>,
    /// Every department's name as shown now (a merged one under the one it was merged into),
    /// looked up here rather than joined into each of tens of thousands of rows.
    names: HashMap<i64, String>,
    detail: PlanDetail,
}

/// How much of a plan's text to load.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PlanDetail {
    Full,
    Skeleton,
}

/// What [`Store::load_plan_skeleton`] leaves out of a sub-item.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SubItemTexts {
    /// Its text.
    pub text: String,
    /// Its work (责任分工) text.
    pub work: String,
    /// Its departments' duty texts.
    pub duties: Vec<Duty>,
}

impl SubItemTexts {
    /// As [`crate::plan::SubItem::duty_of`].
    pub fn duty_of(&self, department: &str) -> &str {
        crate::plan::duty_among(&self.duties, &self.work, department)
    }
}

impl Scope {
    /// `columns` as they are, or empty texts in their place for a skeleton.
    fn texts(&self, columns: &'static str) -> String {
        match self.detail {
            PlanDetail::Full => columns.to_string(),
            PlanDetail::Skeleton => vec!["''"; columns.split(',').count()].join(", "),
        }
    }

    fn name(&self, department_id: i64) -> Result<String> {
        self.names.get(&department_id).cloned().ok_or_else(|| Error::Corrupt(format!("没有编号为 {department_id} 的部门")))
    }
}

fn shown_names(conn: &rusqlite::Connection) -> Result<HashMap<i64, String>> {
    let mut statement = conn.prepare("SELECT d.id, coalesce(m.name, d.name) FROM departments d LEFT JOIN departments m ON m.id = d.merged_into")?;
    let names = statement.query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
    Ok(names)
}

/// Sub-item `s` is in the scope.
const SUBITEM_IN_SCOPE: &str =
    "(?2 IS NULL OR s.id IN (SELECT subitem_id FROM subitem_responsibilities WHERE department_id IN (SELECT value FROM json_each(?2))))";
/// Item `i` is in the scope.
const ITEM_IN_SCOPE: &str = "(?2 IS NULL OR i.id IN (SELECT s.item_id FROM subitems s JOIN subitem_responsibilities r ON r.subitem_id = s.id
                                WHERE r.department_id IN (SELECT value FROM json_each(?2))))";

/// A plan `p` departments work on: published and not superseded by a revision.
pub(crate) const LIVE_PLAN: &str = "p.status = 'published' AND NOT EXISTS (SELECT 1 FROM plans r WHERE r.revision_of = p.id AND r.status = 'published')";

/// Lead and cooperating departments (merged ones under their new name) of each item (`true`)
/// and sub-item (`false`), by store id.
type Roles = HashMap<(i64, bool), (Vec<String>, Vec<String>)>;

/// A department named on an item or sub-item: its position there, its name, whether it leads.
type NamedAt = (i64, (String, bool));

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

/// The responsibilities of every item and sub-item in the scope.
fn load_roles(conn: &rusqlite::Connection, scope: &Scope) -> Result<Roles> {
    let mut named: HashMap<(i64, bool), Vec<NamedAt>> = HashMap::new();
    // A department's part of the plan is its sub-items: what the items' own cells name is left out.
    let levels: &[(bool, &str, &str)] = if scope.departments.is_some() {
        &[(false, "subitem_responsibilities", "subitem_id")]
    } else {
        &[(true, "item_responsibilities", "item_id"), (false, "subitem_responsibilities", "subitem_id")]
    };
    for &(is_item, table, key) in levels {
        let (parent, alias, in_scope) = if is_item { ("items", "i", ITEM_IN_SCOPE) } else { ("subitems", "s", SUBITEM_IN_SCOPE) };
        let sql = format!(
            "SELECT r.{key}, r.position, r.department_id, r.role FROM {table} r JOIN {parent} {alias} ON {alias}.id = r.{key}
              WHERE {alias}.plan_id = ?1 AND {in_scope}"
        );
        let mut statement = conn.prepare(&sql)?;
        let mut rows = statement.query(params![scope.plan_id, scope.departments])?;
        while let Some(row) = rows.next()? {
            let name = scope.name(row.get(2)?)?;
            let lead = TaskRole::from_key(row.get_ref(3)?.as_str().map_err(rusqlite::Error::from)?) == Some(TaskRole::Lead);
            named.entry((row.get(0)?, is_item)).or_default().push((row.get(1)?, (name, lead)));
        }
    }
    let mut roles: Roles = HashMap::new();
    for (owner, names) in in_position_order(named) {
        let (lead, cooperating) = roles.entry(owner).or_default();
        for (name, leads) in names {
            if leads { &mut *lead } else { &mut *cooperating }.push(name);
        }
    }
    Ok(roles)
}

/// Rows grouped by their parent's id, each group put in its stored order (`position`). SQLite
/// hands the rows over unordered: sorting them there took a temporary B-tree per query, which
/// at a hundred times the seed was a third of loading a department's part of the plan.
fn in_position_order<K: std::hash::Hash + Eq, T>(groups: HashMap<K, Vec<(i64, T)>>) -> HashMap<K, Vec<T>> {
    let sorted = groups.into_iter().map(|(parent, mut rows)| {
        rows.sort_by_key(|(position, _)| *position);
        (parent, rows.into_iter().map(|(_, row)| row).collect())
    });
    sorted.collect()
}

/// Each sub-item's departments with their duty text (in a department's part, its own only).
fn load_duties(conn: &rusqlite::Connection, scope: &Scope) -> Result<HashMap<i64, Vec<Duty>>> {
    let mut duties: HashMap<i64, Vec<(i64, Duty)>> = HashMap::new();
    let mut statement = conn.prepare(&format!(
        "SELECT u.subitem_id, u.position, u.department_id, u.text FROM duties u JOIN subitems s ON s.id = u.subitem_id
          WHERE s.plan_id = ?1 AND {SUBITEM_IN_SCOPE} AND (?2 IS NULL OR u.department_id IN (SELECT value FROM json_each(?2)))",
    ))?;
    let mut rows = statement.query(params![scope.plan_id, scope.departments])?;
    while let Some(row) = rows.next()? {
        duties.entry(row.get(0)?).or_default().push((row.get(1)?, Duty { department: scope.name(row.get(2)?)?, text: row.get(3)? }));
    }
    Ok(in_position_order(duties))
}

/// Each sub-item's deadlines.
fn load_deadlines(conn: &rusqlite::Connection, scope: &Scope) -> Result<HashMap<i64, Vec<Deadline>>> {
    let mut deadlines: HashMap<i64, Vec<(i64, Deadline)>> = HashMap::new();
    let mut statement = conn.prepare(&format!(
        "SELECT l.subitem_id, l.phrase, l.due_date, l.every_years, l.by_month, l.by_day, l.from_date, l.position
           FROM deadlines l JOIN subitems s ON s.id = l.subitem_id WHERE s.plan_id = ?1 AND {SUBITEM_IN_SCOPE}",
    ))?;
    let mut rows = statement.query(params![scope.plan_id, scope.departments])?;
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
        deadlines.entry(row.get(0)?).or_default().push((row.get(7)?, Deadline { text: row.get(1)?, kind }));
    }
    Ok(in_position_order(deadlines))
}

/// Each sub-item's quantified targets.
fn load_targets(conn: &rusqlite::Connection, scope: &Scope) -> Result<HashMap<i64, Vec<Target>>> {
    let mut targets: HashMap<i64, Vec<(i64, Target)>> = HashMap::new();
    let mut statement = conn.prepare(&format!(
        "SELECT t.subitem_id, t.phrase, t.metric, t.op, t.value, t.unit, t.position FROM targets t
           JOIN subitems s ON s.id = t.subitem_id WHERE s.plan_id = ?1 AND {SUBITEM_IN_SCOPE}",
    ))?;
    let mut rows = statement.query(params![scope.plan_id, scope.departments])?;
    while let Some(row) = rows.next()? {
        let target = Target { text: row.get(1)?, metric: row.get(2)?, op: row.get(3)?, value: row.get(4)?, unit: row.get(5)? };
        targets.entry(row.get(0)?).or_default().push((row.get(6)?, target));
    }
    Ok(in_position_order(targets))
}

/// The sub-items of each item, in order.
fn load_subitems(conn: &rusqlite::Connection, scope: &Scope, roles: &mut Roles, mut parts: SubItemParts) -> Result<HashMap<i64, Vec<SubItem>>> {
    let mut subitems: HashMap<i64, Vec<(i64, SubItem)>> = HashMap::new();
    let mut statement = conn.prepare(&format!(
        "SELECT s.id, s.item_id, s.code, s.label, {}, s.source_line, s.position FROM subitems s
          WHERE s.plan_id = ?1 AND {SUBITEM_IN_SCOPE}",
        scope.texts("s.text, s.responsibility, s.work"),
    ))?;
    let mut rows = statement.query(params![scope.plan_id, scope.departments])?;
    while let Some(row) = rows.next()? {
        let id: i64 = row.get(0)?;
        let (lead, cooperating) = roles.remove(&(id, false)).unwrap_or_default();
        subitems.entry(row.get(1)?).or_default().push((row.get(8)?, SubItem {
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
        }));
    }
    Ok(in_position_order(subitems))
}

/// The items of each clause, in order.
fn load_items(conn: &rusqlite::Connection, scope: &Scope, roles: &mut Roles, mut subitems: HashMap<i64, Vec<SubItem>>) -> Result<HashMap<i64, Vec<Item>>> {
    let mut items: HashMap<i64, Vec<(i64, Item)>> = HashMap::new();
    let mut statement = conn.prepare(&format!(
        "SELECT i.id, i.clause_id, i.code, {}, i.source_line, i.position FROM items i
          WHERE i.plan_id = ?1 AND {ITEM_IN_SCOPE}",
        scope.texts("i.text, i.responsibility, i.notes"),
    ))?;
    let mut rows = statement.query(params![scope.plan_id, scope.departments])?;
    while let Some(row) = rows.next()? {
        let id: i64 = row.get(0)?;
        let (lead, cooperating) = roles.remove(&(id, true)).unwrap_or_default();
        items.entry(row.get(1)?).or_default().push((row.get(7)?, Item {
            code: row.get(2)?,
            text: row.get(3)?,
            lead,
            cooperating,
            responsibility: row.get(4)?,
            notes: notes(row.get(5)?),
            subitems: subitems.remove(&id).unwrap_or_default(),
            line: row.get(6)?,
            responsibility_line: 0,
        }));
    }
    Ok(in_position_order(items))
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
