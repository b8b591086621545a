//! Which of a plan's rows a load reads: the conditions its queries share.

use crate::error::{Error, Result};
use rustc_hash::FxHashMap;

/// Which of a plan's rows to load: all, or those of some departments' sub-items (the ids as a
/// JSON array, bound as `?2` of every query, NULL for all).
pub(super) struct Scope {
    pub plan_id: i64,
    pub departments: Option<String>,
    /// Every department's name as shown now (a merged one under the one it was merged into),
    /// looked up here rather than joined into each of tens of thousands of rows.
    pub names: FxHashMap<i64, String>,
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
    /// The ids of the scope's departments' sub-items (or their items).
    fn ids_in_scope(self) -> &'static str {
        match self {
            Owner::SubItem => "SELECT subitem_id FROM subitem_responsibilities WHERE department_id IN (SELECT value FROM json_each(?2))",
            Owner::Item => {
                "SELECT s.item_id FROM subitems s JOIN subitem_responsibilities r ON r.subitem_id = s.id
                  WHERE r.department_id IN (SELECT value FROM json_each(?2))"
            }
        }
    }
}

impl Scope {
    /// The condition that `plan_row` (a `subitems` or `items` row) is the plan's and that the
    /// sub-item or item whose id is in column `owner_id` is in the scope.
    ///
    /// For a department the plan's index is kept out of the planner's way (`+`): the department's
    /// own ids then drive the query, each row found by its key. SQLite otherwise reads every
    /// sub-item of the plan and tests each against the department's list, which at a hundred
    /// times the seed was a quarter of `tasks --json`.
    pub fn rows(&self, plan_row: &str, owner_id: &str, owner: Owner) -> String {
        match self.departments {
            None => format!("{plan_row}.plan_id = ?1 AND ?2 IS NULL"),
            Some(_) => format!("+{plan_row}.plan_id = ?1 AND {owner_id} IN ({})", owner.ids_in_scope()),
        }
    }

    /// The condition that sub-item `subitem_row` is the plan's and in the scope, for a table
    /// with few rows beside the plan's sub-items (deadlines, targets): the planner is then left
    /// to read that table whole and look up each row's sub-item, which beat both the plan's index
    /// and the department's ids (at a hundred times the seed, half of either's instructions).
    pub fn sparse_rows(&self, subitem_row: &str) -> String {
        format!("+{subitem_row}.plan_id = ?1 AND (?2 IS NULL OR {subitem_row}.id IN ({}))", Owner::SubItem.ids_in_scope())
    }

    /// `AND` the department in `column` is one of the scope's, or nothing for the whole plan.
    pub fn and_department(&self, column: &str) -> String {
        match self.departments {
            None => String::new(),
            Some(_) => format!("AND {column} IN (SELECT value FROM json_each(?2))"),
        }
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

/// A department's name as shown now, from every department's shown name by id.
///
/// # Errors
///
/// [`Error::Corrupt`] when no department has that id.
pub(super) fn shown_name(names: &FxHashMap<i64, String>, department_id: i64) -> Result<String> {
    names.get(&department_id).cloned().ok_or_else(|| Error::Corrupt(format!("没有编号为 {department_id} 的部门")))
}
