//! Search over sub-items: every word must occur in the sub-item's text, its work text, or the
//! titles of its article, clause and item. The plan's text is read on each search — at a hundred
//! times the seed (13,800 sub-items) that takes about 60 ms, less than an index answered in, and
//! importing a plan builds nothing extra.

use super::Store;
use crate::error::Result;
use rusqlite::types::Value;

/// Most words a search may hold.
pub const MAX_SEARCH_WORDS: usize = 32;
/// Longest search, in characters.
pub const MAX_SEARCH_CHARS: usize = 200;

/// A sub-item's searchable text (`s` the sub-item, joined to its item `i`, clause `c` and
/// article `a`), lower-cased so Latin letters match either way.
const BODY: &str = "lower(a.title || char(10) || c.title || char(10) || i.text || char(10) || s.text || char(10) || s.work)";

impl Store {
    /// Codes of the plan's sub-items whose texts contain every word of `query`, in plan order.
    pub fn search_subitems(&self, plan_id: i64, query: &str) -> Result<Vec<String>> {
        let words: Vec<&str> = query.split_whitespace().collect();
        if words.is_empty() {
            return Ok(Vec::new());
        }
        if words.len() > MAX_SEARCH_WORDS || query.chars().count() > MAX_SEARCH_CHARS {
            return Err(crate::error::Error::InvalidInput(format!("检索词过多：最多 {MAX_SEARCH_WORDS} 个词、{MAX_SEARCH_CHARS} 个字")));
        }
        // One bound parameter per word: user text never becomes SQL.
        let each_word: Vec<String> = (0..words.len()).map(|n| format!("instr(body, lower(?{})) > 0", n + 2)).collect();
        let sql = format!(
            "SELECT code FROM (SELECT s.code, s.id, {BODY} AS body FROM subitems s JOIN items i ON i.id = s.item_id
                 JOIN clauses c ON c.id = i.clause_id JOIN articles a ON a.id = c.article_id WHERE s.plan_id = ?1)
              WHERE {} ORDER BY id",
            each_word.join(" AND ")
        );
        let bound: Vec<Value> = std::iter::once(Value::Integer(plan_id)).chain(words.iter().map(|w| Value::Text(w.to_string()))).collect();
        let mut statement = self.conn().prepare(&sql)?;
        let rows = statement.query_map(rusqlite::params_from_iter(bound), |row| row.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
