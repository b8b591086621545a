//! A stored plan's outline a level at a time: its 条, a 条's 款, a 款's 项, a 项's 小项 — each
//! with the label the tree beside the task list shows, none with its responsibilities.

use super::Store;
use crate::error::Result;
use crate::outline::OutlineNode;
use rusqlite::params;

/// The children of the article, clause or item coded `?2` of plan `?1` (only one level has it).
const CHILDREN: &str = "
    SELECT c.code, c.label || c.title, 0, c.position FROM clauses c JOIN articles a ON a.id = c.article_id WHERE a.plan_id = ?1 AND a.code = ?2
    UNION ALL
    SELECT i.code, i.code || ' ' || i.text, 0, i.position FROM items i JOIN clauses c ON c.id = i.clause_id WHERE c.plan_id = ?1 AND c.code = ?2
    UNION ALL
    SELECT s.code, s.code || ' ' || s.label || s.text, 1, s.position FROM subitems s JOIN items i ON i.id = s.item_id WHERE i.plan_id = ?1 AND i.code = ?2
    ORDER BY 4";

impl Store {
    /// The articles of plan `plan_id` (`parent` none), or the children of the article, clause or
    /// item coded `parent`, in the plan's order.
    pub fn outline(&self, plan_id: i64, parent: Option<&str>) -> Result<Vec<OutlineNode>> {
        let node = |row: &rusqlite::Row<'_>| Ok(OutlineNode { code: row.get(0)?, label: row.get(1)?, leaf: row.get(2)? });
        let nodes = match parent {
            None => {
                let mut statement = self.conn().prepare_cached("SELECT code, label || title, 0 FROM articles WHERE plan_id = ?1 ORDER BY position")?;
                let rows = statement.query_map([plan_id], node)?.collect::<rusqlite::Result<_>>()?;
                rows
            }
            Some(parent) => {
                let mut statement = self.conn().prepare_cached(CHILDREN)?;
                let rows = statement.query_map(params![plan_id, parent], node)?.collect::<rusqlite::Result<_>>()?;
                rows
            }
        };
        Ok(nodes)
    }
}
