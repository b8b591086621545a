//! A plan's outline for the tree beside the task list, a level at a time: a plan of thousands of
//! sub-items is never loaded whole (with every responsibility) just to draw its first level.

use crate::error::Result;
use crate::store::Store;
use serde::Serialize;
use ts_rs::TS;

/// A node of the outline: an article, clause, item or (a leaf) sub-item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct OutlineNode {
    /// Its code (1, 1.2, 1.2.1, 1.2.1.3).
    pub code: String,
    /// As the tree shows it: 一、… for an article, the code and text for an item or sub-item.
    pub label: String,
    /// A sub-item: nothing below it.
    pub leaf: bool,
}

/// One level of a plan's outline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PlanOutline {
    /// The plan.
    pub plan_id: i64,
    /// Its name.
    pub name: String,
    /// The articles (no `parent`) or the children of `parent`.
    pub nodes: Vec<OutlineNode>,
}

/// The articles of plan `plan_id`, or the children of the article, clause or item coded `parent`.
///
/// # Errors
/// [`crate::Error::PlanNotFound`]; a database error.
///
/// # Examples
/// ```no_run
/// # fn main() -> taizhang_core::Result<()> {
/// let store = taizhang_core::database::open_database(None)?;
/// let plan = taizhang_core::plans::resolve(&store, None, None)?;
/// let articles = taizhang_core::outline::plan_outline(&store, plan, None)?;
/// let clauses = taizhang_core::outline::plan_outline(&store, plan, Some(&articles.nodes[0].code))?;
/// println!("{}：{} 条，第一条 {} 款", articles.name, articles.nodes.len(), clauses.nodes.len());
/// # Ok(()) }
/// ```
pub fn plan_outline(store: &Store, plan_id: i64, parent: Option<&str>) -> Result<PlanOutline> {
    let name = store.plan_row(plan_id)?.name;
    Ok(PlanOutline { plan_id, name, nodes: store.outline(plan_id, parent)? })
}
