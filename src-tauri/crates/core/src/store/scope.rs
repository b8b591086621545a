//! Which of a plan's rows a load reads: the clauses its queries share and their parameters.

use crate::error::{Error, Result};
use rusqlite::{Connection, Rows, Statement};
use rustc_hash::FxHashMap;

/// Which of a plan's rows to load: all, or those of some departments' sub-items.
pub(super) struct Scope {
    pub plan_id: i64,
    /// The departments (a merged department's family included) as a JSON array, bound as
    /// `:departments`; `None` for the whole plan.
    departments: Option<String>,
    /// The ids of the departments' sub-items in this plan, in id order, as a JSON array.
    subitems: Option<String>,
    /// Every department's name as shown now (a merged one under the one it was merged into),
    /// looked up here rather than joined into each of tens of thousands of rows.
    names: FxHashMap<i64, String>,
    pub detail: PlanDetail,
}

/// How much of a plan's text to load.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum PlanDetail {
    Full,
    Skeleton,
}

/// What a row hangs from: a sub-item, or an item (which is in a department's part when one of
/// its sub-items is).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Owner {
    SubItem,
    Item,
}

impl Owner {
    fn table(self) -> &'static str {
        match self {
            Owner::SubItem => "subitems",
            Owner::Item => "items",
        }
    }
}

/// How the rows of a table are read for the whole plan: through the plan's own index on the
/// table they hang from, or by reading the table whole — for a table with few rows beside the
/// plan's sub-items (deadlines, targets), where at a hundred times the seed that took half the
/// instructions of the plan's index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Density {
    Dense,
    Sparse,
}

impl Scope {
    /// The whole plan `plan_id`, or the part departments `departments` are responsible for.
    pub fn new(conn: &Connection, plan_id: i64, departments: Option<&[i64]>, detail: PlanDetail) -> Result<Scope> {
        let departments = super::id_list(departments);
        let subitems = match &departments {
            Some(departments) => Some(subitems_of(conn, plan_id, departments)?),
            None => None,
        };
        Ok(Scope { plan_id, departments, subitems, names: shown_names(conn)?, detail })
    }

    /// Whether this is a part of the plan rather than the whole.
    pub fn is_part(&self) -> bool {
        self.departments.is_some()
    }

    /// `FROM … WHERE …` for the rows of `table` (as `alias`) whose column `key` is the id of an
    /// `owner` in the scope. For a part, the ids bound as `:ids` (the sub-items' ids, or
    /// their items' ids, see [`Scope::subitem_ids`]) drive the query, each row found by its
    /// key: SQLite otherwise read every sub-item of the plan and tested each against the
    /// department's list, and testing `IN (…)` built a temporary B-tree of the ids for every
    /// query (at a hundred times the seed, a quarter and then a tenth of `tasks --json`).
    pub fn rows(&self, table: &str, alias: &str, key: &str, owner: Owner, density: Density) -> String {
        let parent = owner.table();
        let index = if density == Density::Sparse { "+" } else { "" };
        match (&self.subitems, table == parent) {
            (Some(_), _) => format!("FROM json_each(:ids) wanted JOIN {table} {alias} ON {alias}.{key} = wanted.value WHERE true"),
            (None, true) => format!("FROM {table} {alias} WHERE {alias}.plan_id = :plan"),
            (None, false) => format!("FROM {table} {alias} JOIN {parent} owner ON owner.id = {alias}.{key} WHERE {index}owner.plan_id = :plan"),
        }
    }

    /// The scope's sub-item ids for `:ids`, or `None` for the whole plan.
    pub fn subitem_ids(&self) -> Option<&str> {
        self.subitems.as_deref()
    }

    /// `AND` the department in `column` is one of the scope's, or nothing for the whole plan.
    pub fn and_department(&self, column: &str) -> String {
        match self.departments {
            None => String::new(),
            Some(_) => format!("AND {column} IN (SELECT value FROM json_each(:departments))"),
        }
    }

    /// `statement` run with the parameters it names: `:plan`, `:ids` (`ids`), `:departments`.
    pub fn query<'s>(&self, statement: &'s mut Statement<'_>, ids: Option<&str>) -> Result<Rows<'s>> {
        let values: [(&str, &dyn rusqlite::ToSql); 3] = [(":plan", &self.plan_id), (":ids", &ids), (":departments", &self.departments)];
        for (name, value) in values {
            if let Some(index) = statement.parameter_index(name)? {
                statement.raw_bind_parameter(index, value)?;
            }
        }
        Ok(statement.raw_query())
    }

    /// `columns` as they are, or empty texts in their place for a skeleton.
    pub fn texts(&self, columns: &'static str) -> String {
        match self.detail {
            PlanDetail::Full => columns.to_string(),
            PlanDetail::Skeleton => vec!["''"; columns.split(',').count()].join(", "),
        }
    }

    /// A department's name as shown now.
    pub fn name(&self, department_id: i64) -> Result<String> {
        shown_name(&self.names, department_id)
    }
}

/// Store ids as the JSON array a query reads with `json_each`, in id order and each once: the
/// order in which the rows they find lie in their tables.
pub(super) fn ordered_ids(mut ids: Vec<i64>) -> String {
    ids.sort_unstable();
    ids.dedup();
    serde_json::Value::from(ids).to_string()
}

/// The ids of the sub-items of plan `plan_id` that departments `departments` (a JSON array)
/// lead or cooperate on.
fn subitems_of(conn: &Connection, plan_id: i64, departments: &str) -> Result<String> {
    let mut statement = conn.prepare(
        "SELECT r.subitem_id FROM subitem_responsibilities r JOIN subitems s ON s.id = r.subitem_id
          WHERE r.department_id IN (SELECT value FROM json_each(?2)) AND +s.plan_id = ?1",
    )?;
    let ids = statement.query_map(rusqlite::params![plan_id, departments], |row| row.get(0))?.collect::<rusqlite::Result<Vec<i64>>>()?;
    Ok(ordered_ids(ids))
}

/// Every department's name as shown now, by id.
pub(super) fn shown_names(conn: &Connection) -> Result<FxHashMap<i64, String>> {
    let mut statement = conn.prepare("SELECT d.id, coalesce(m.name, d.name) FROM departments d LEFT JOIN departments m ON m.id = d.merged_into")?;
    let names = statement.query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
    Ok(names)
}

/// A department's name as shown now, from every department's shown name by id.
///
/// # Errors
///
/// [`Error::Corrupt`] when no department has that id.
pub(super) fn shown_name(names: &FxHashMap<i64, String>, department_id: i64) -> Result<String> {
    names.get(&department_id).cloned().ok_or_else(|| Error::Corrupt(format!("没有编号为 {department_id} 的部门")))
}

#[cfg(test)]
mod tests {
    use super::{Density, Owner, PlanDetail, Scope};

    /// Every table a load reads, as the loads name it.
    const TABLES: [(&str, &str, &str, Owner, Density); 6] = [
        ("subitems", "s", "id", Owner::SubItem, Density::Dense),
        ("subitem_responsibilities", "r", "subitem_id", Owner::SubItem, Density::Dense),
        ("duties", "u", "subitem_id", Owner::SubItem, Density::Dense),
        ("deadlines", "l", "subitem_id", Owner::SubItem, Density::Sparse),
        ("targets", "t", "subitem_id", Owner::SubItem, Density::Sparse),
        ("items", "i", "id", Owner::Item, Density::Dense),
    ];

    #[test]
    fn a_departments_ids_drive_each_query_and_no_temporary_tree_is_built() {
        let store = crate::store::Store::open_in_memory().expect("opens");
        crate::database::ensure_default_plan(&store).expect("the seed plan");
        let conn = store.conn();
        let plan_id = store.current_plan_id().expect("reads").expect("a plan");
        let agriculture = store.department_id("农业局").expect("reads").expect("a department");
        let scope = Scope::new(conn, plan_id, Some(&[agriculture]), PlanDetail::Full).expect("scope");
        let ids: Vec<i64> = serde_json::from_str(scope.subitem_ids().expect("a part")).expect("a JSON array");
        assert!(!ids.is_empty() && ids.windows(2).all(|w| w[0] < w[1]), "each sub-item once, in id order");
        for (table, alias, key, owner, density) in TABLES {
            let own_duties = if table == "duties" { scope.and_department("u.department_id") } else { String::new() };
            let sql = format!("EXPLAIN QUERY PLAN SELECT {alias}.{key} {} {own_duties}", scope.rows(table, alias, key, owner, density));
            let mut statement = conn.prepare(&sql).expect("prepares");
            let mut rows = scope.query(&mut statement, Some("[]")).expect("runs");
            let mut steps = Vec::new();
            while let Some(row) = rows.next().expect("a step") {
                steps.push(row.get::<_, String>(3).expect("detail"));
            }
            assert!(steps[0].starts_with("SCAN wanted"), "{table}: the ids first, not the plan: {steps:?}");
            assert!(steps[1].starts_with(&format!("SEARCH {alias} USING")), "{table}: each row by its key: {steps:?}");
            assert!(!steps.iter().any(|s| s.contains("TEMP B-TREE")), "{table}: {steps:?}");
        }
    }
}
