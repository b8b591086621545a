//! Full-text search over sub-items (FTS5, trigram tokenizer; LIKE for one or two characters).

use super::Store;
use crate::error::Result;
use rusqlite::params;

/// Most words a search may hold.
pub const MAX_SEARCH_WORDS: usize = 32;
/// Longest search, in characters.
pub const MAX_SEARCH_CHARS: usize = 200;

impl Store {
    /// Codes of the plan's sub-items whose texts contain every word of `query`.
    pub fn search_subitems(&self, plan_id: i64, query: &str) -> Result<Vec<String>> {
        let words: Vec<&str> = query.split_whitespace().collect();
        if words.is_empty() {
            return Ok(Vec::new());
        }
        if words.len() > MAX_SEARCH_WORDS || query.chars().count() > MAX_SEARCH_CHARS {
            return Err(crate::error::Error::InvalidInput(format!("检索词过多：最多 {MAX_SEARCH_WORDS} 个词、{MAX_SEARCH_CHARS} 个字")));
        }
        if words.iter().all(|w| w.chars().count() >= 3) {
            // Each word quoted as an FTS5 string: user text never becomes query syntax.
            let fts_query = words.iter().map(|w| format!("\"{}\"", w.replace('"', "\"\""))).collect::<Vec<_>>().join(" AND ");
            let mut statement = self.conn().prepare(
                "SELECT s.code FROM subitem_search f JOIN subitems s ON s.id = f.rowid
                  WHERE subitem_search MATCH ?2 AND s.plan_id = ?1 ORDER BY s.id",
            )?;
            let rows = statement.query_map(params![plan_id, fts_query], |row| row.get(0))?;
            return Ok(rows.collect::<rusqlite::Result<_>>()?);
        }
        let mut statement = self.conn().prepare(
            "SELECT s.code, f.body FROM subitem_search f JOIN subitems s ON s.id = f.rowid WHERE s.plan_id = ?1 ORDER BY s.id",
        )?;
        let rows = statement.query_map([plan_id], |row| Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?)))?;
        let mut codes = Vec::new();
        for row in rows {
            let (code, body) = row?;
            if words.iter().all(|w| body.contains(w)) {
                codes.push(code);
            }
        }
        Ok(codes)
    }
}
