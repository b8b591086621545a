//! Loading a stored plan back into the tree the reader produced.

use super::columns::text;
use super::scope::{ordered_ids, shown_name, shown_names, Density, Owner, PlanDetail, Scope};
use super::Store;
use crate::error::{Error, Result};
use crate::plan::{Article, Clause, Deadline, DeadlineKind, Duty, Item, Plan, Recurrence, SubItem, Target, TaskRole};
use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension};
use rustc_hash::FxHashMap;
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
            texts.insert(row.get(0)?, SubItemTexts { text: text(row, 1)?, work: text(row, 2)?, duties: Vec::new() });
        }
        let mut duties: FxHashMap<String, Vec<(i64, Duty)>> = FxHashMap::default();
        let mut statement = conn.prepare(&format!("SELECT s.code, u.position, u.department_id, u.text FROM duties u JOIN subitems s ON s.id = u.subitem_id WHERE {in_codes}"))?;
        let mut rows = statement.query(params![plan_id, codes])?;
        while let Some(row) = rows.next()? {
            let department = shown_name(&names, row.get(2)?)?;
            duties.entry(row.get(0)?).or_default().push((row.get(1)?, Duty { department, text: text(row, 3)? }));
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
        let scope = Scope::new(conn, plan_id, departments, detail)?;
        let mut roles = load_roles(conn, &scope)?;
        let duties = if detail == PlanDetail::Full { load_duties(conn, &scope)? } else { FxHashMap::default() };
        let parts = SubItemParts { duties, deadlines: load_deadlines(conn, &scope)?, targets: load_targets(conn, &scope)? };
        let subitems = load_subitems(conn, &scope, &mut roles, parts)?;
        let items = load_items(conn, &scope, &mut roles, subitems)?;
        let clauses = load_clauses(conn, plan_id, items)?;
        let articles = load_articles(conn, plan_id, clauses)?;
        Ok(Plan { id: plan_id, name, fingerprint, articles })
    }
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

/// A plan `p` departments work on: published and not superseded by a revision.
pub(crate) const LIVE_PLAN: &str = "p.status = 'published' AND NOT EXISTS (SELECT 1 FROM plans r WHERE r.revision_of = p.id AND r.status = 'published')";

/// Lead and cooperating departments (merged ones under their new name) of each item (`true`)
/// and sub-item (`false`), by store id.
type Roles = FxHashMap<(i64, bool), (Vec<String>, Vec<String>)>;

/// A department named on an item or sub-item: its position there, its name, whether it leads.
type NamedAt = (i64, (String, bool));

/// What each sub-item holds besides its own row, by sub-item id.
struct SubItemParts {
    duties: FxHashMap<i64, Vec<Duty>>,
    deadlines: FxHashMap<i64, Vec<Deadline>>,
    targets: FxHashMap<i64, Vec<Target>>,
}

/// A cell's text split into its note lines.
fn notes(text: String) -> Vec<String> {
    text.lines().map(str::to_string).collect()
}

/// The responsibilities of every item and sub-item in the scope.
fn load_roles(conn: &rusqlite::Connection, scope: &Scope) -> Result<Roles> {
    let mut named: FxHashMap<(i64, bool), Vec<NamedAt>> = FxHashMap::default();
    // A department's part of the plan is its sub-items: what the items' own cells name is left out.
    let levels: &[(bool, &str, &str)] = if scope.is_part() {
        &[(false, "subitem_responsibilities", "subitem_id")]
    } else {
        &[(true, "item_responsibilities", "item_id"), (false, "subitem_responsibilities", "subitem_id")]
    };
    for &(is_item, table, key) in levels {
        let owner = if is_item { Owner::Item } else { Owner::SubItem };
        let sql = format!("SELECT r.{key}, r.position, r.department_id, r.role {}", scope.rows(table, "r", key, owner, Density::Dense));
        let mut statement = conn.prepare(&sql)?;
        let mut rows = scope.query(&mut statement, scope.subitem_ids())?;
        while let Some(row) = rows.next()? {
            let name = scope.name(row.get(2)?)?;
            let lead = TaskRole::from_key(row.get_ref(3)?.as_str().map_err(rusqlite::Error::from)?) == Some(TaskRole::Lead);
            named.entry((row.get(0)?, is_item)).or_default().push((row.get(1)?, (name, lead)));
        }
    }
    let mut roles: Roles = FxHashMap::default();
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
fn in_position_order<K: std::hash::Hash + Eq, T>(groups: FxHashMap<K, Vec<(i64, T)>>) -> FxHashMap<K, Vec<T>> {
    let sorted = groups.into_iter().map(|(parent, mut rows)| {
        rows.sort_by_key(|(position, _)| *position);
        (parent, rows.into_iter().map(|(_, row)| row).collect())
    });
    sorted.collect()
}

/// Each sub-item's departments with their duty text (in a department's part, its own only).
fn load_duties(conn: &rusqlite::Connection, scope: &Scope) -> Result<FxHashMap<i64, Vec<Duty>>> {
    let mut duties: FxHashMap<i64, Vec<(i64, Duty)>> = FxHashMap::default();
    let mut statement = conn.prepare(&format!(
        "SELECT u.subitem_id, u.position, u.department_id, u.text {} {}",
        scope.rows("duties", "u", "subitem_id", Owner::SubItem, Density::Dense),
        scope.and_department("u.department_id"),
    ))?;
    let mut rows = scope.query(&mut statement, scope.subitem_ids())?;
    while let Some(row) = rows.next()? {
        duties.entry(row.get(0)?).or_default().push((row.get(1)?, Duty { department: scope.name(row.get(2)?)?, text: text(row, 3)? }));
    }
    Ok(in_position_order(duties))
}

/// Each sub-item's deadlines.
fn load_deadlines(conn: &rusqlite::Connection, scope: &Scope) -> Result<FxHashMap<i64, Vec<Deadline>>> {
    let mut deadlines: FxHashMap<i64, Vec<(i64, Deadline)>> = FxHashMap::default();
    let mut statement = conn.prepare(&format!(
        "SELECT l.subitem_id, l.phrase, l.due_date, l.every_years, l.by_month, l.by_day, l.from_date, l.position {}",
        scope.rows("deadlines", "l", "subitem_id", Owner::SubItem, Density::Sparse),
    ))?;
    let mut rows = scope.query(&mut statement, scope.subitem_ids())?;
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
        deadlines.entry(row.get(0)?).or_default().push((row.get(7)?, Deadline { text: text(row, 1)?, kind }));
    }
    Ok(in_position_order(deadlines))
}

/// Each sub-item's quantified targets.
fn load_targets(conn: &rusqlite::Connection, scope: &Scope) -> Result<FxHashMap<i64, Vec<Target>>> {
    let mut targets: FxHashMap<i64, Vec<(i64, Target)>> = FxHashMap::default();
    let mut statement = conn.prepare(&format!(
        "SELECT t.subitem_id, t.phrase, t.metric, t.op, t.value, t.unit, t.position {}",
        scope.rows("targets", "t", "subitem_id", Owner::SubItem, Density::Sparse),
    ))?;
    let mut rows = scope.query(&mut statement, scope.subitem_ids())?;
    while let Some(row) = rows.next()? {
        let target = Target { text: text(row, 1)?, metric: row.get(2)?, op: row.get(3)?, value: row.get(4)?, unit: row.get(5)? };
        targets.entry(row.get(0)?).or_default().push((row.get(6)?, target));
    }
    Ok(in_position_order(targets))
}

/// The sub-items of each item, in order.
fn load_subitems(conn: &rusqlite::Connection, scope: &Scope, roles: &mut Roles, mut parts: SubItemParts) -> Result<FxHashMap<i64, Vec<SubItem>>> {
    let mut subitems: FxHashMap<i64, Vec<(i64, SubItem)>> = FxHashMap::default();
    let mut statement = conn.prepare(&format!(
        "SELECT s.id, s.item_id, s.code, s.label, {}, s.source_line, s.position {}",
        scope.texts("s.text, s.responsibility, s.work"),
        scope.rows("subitems", "s", "id", Owner::SubItem, Density::Dense),
    ))?;
    let mut rows = scope.query(&mut statement, scope.subitem_ids())?;
    while let Some(row) = rows.next()? {
        let id: i64 = row.get(0)?;
        let (lead, cooperating) = roles.remove(&(id, false)).unwrap_or_default();
        subitems.entry(row.get(1)?).or_default().push((row.get(8)?, SubItem {
            code: text(row, 2)?,
            label: text(row, 3)?,
            text: text(row, 4)?,
            lead,
            cooperating,
            responsibility: text(row, 5)?,
            work: text(row, 6)?,
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
fn load_items(conn: &rusqlite::Connection, scope: &Scope, roles: &mut Roles, mut subitems: FxHashMap<i64, Vec<SubItem>>) -> Result<FxHashMap<i64, Vec<Item>>> {
    let mut items: FxHashMap<i64, Vec<(i64, Item)>> = FxHashMap::default();
    let mut statement = conn.prepare(&format!(
        "SELECT i.id, i.clause_id, i.code, {}, i.source_line, i.position {}",
        scope.texts("i.text, i.responsibility, i.notes"),
        scope.rows("items", "i", "id", Owner::Item, Density::Dense),
    ))?;
    // A part's items are those of its sub-items, which are loaded by now.
    let item_ids = scope.is_part().then(|| ordered_ids(subitems.keys().copied().collect()));
    let mut rows = scope.query(&mut statement, item_ids.as_deref())?;
    while let Some(row) = rows.next()? {
        let id: i64 = row.get(0)?;
        let (lead, cooperating) = roles.remove(&(id, true)).unwrap_or_default();
        items.entry(row.get(1)?).or_default().push((row.get(7)?, Item {
            code: text(row, 2)?,
            text: text(row, 3)?,
            lead,
            cooperating,
            responsibility: text(row, 4)?,
            notes: notes(text(row, 5)?),
            subitems: subitems.remove(&id).unwrap_or_default(),
            line: row.get(6)?,
            responsibility_line: 0,
        }));
    }
    Ok(in_position_order(items))
}

/// The clauses of each article, in order.
fn load_clauses(conn: &rusqlite::Connection, plan_id: i64, mut items: FxHashMap<i64, Vec<Item>>) -> Result<FxHashMap<i64, Vec<Clause>>> {
    let mut clauses: FxHashMap<i64, Vec<(i64, Clause)>> = FxHashMap::default();
    let mut statement = conn.prepare("SELECT id, article_id, code, label, title, notes, source_line, position FROM clauses WHERE plan_id = ?1")?;
    let mut rows = statement.query([plan_id])?;
    while let Some(row) = rows.next()? {
        let id: i64 = row.get(0)?;
        clauses.entry(row.get(1)?).or_default().push((row.get(7)?, Clause {
            code: text(row, 2)?,
            label: text(row, 3)?,
            title: text(row, 4)?,
            notes: notes(text(row, 5)?),
            items: items.remove(&id).unwrap_or_default(),
            line: row.get(6)?,
        }));
    }
    Ok(in_position_order(clauses))
}

/// The plan's articles, in order.
fn load_articles(conn: &rusqlite::Connection, plan_id: i64, mut clauses: FxHashMap<i64, Vec<Clause>>) -> Result<Vec<Article>> {
    let mut statement = conn.prepare("SELECT id, code, label, title, notes, source_line, position FROM articles WHERE plan_id = ?1")?;
    let mut articles = statement
        .query_map(params![plan_id], |row| {
            let id: i64 = row.get(0)?;
            let article = Article {
                code: text(row, 1)?,
                label: text(row, 2)?,
                title: text(row, 3)?,
                notes: notes(text(row, 4)?),
                clauses: clauses.remove(&id).unwrap_or_default(),
                line: row.get(5)?,
            };
            Ok((row.get::<_, i64>(6)?, article))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    articles.sort_by_key(|(position, _)| *position);
    Ok(articles.into_iter().map(|(_, article)| article).collect())
}

fn date(text: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| Error::Corrupt(format!("日期“{text}”格式不对")))
}
