//! Where each record of a period stands — its latest status, percent and state — for the task
//! lists and the 工作台, read from one covering index (migration 0010) without the texts.

use super::{ProgressSummary, RecordState, Store};
use crate::error::Result;
use crate::status::Status;
use rusqlite::params;

/// The latest version of one record, as far as a list or a count shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordStanding {
    /// Sub-item code.
    pub code: String,
    /// Department name (current, after merges).
    pub department: String,
    /// Reported status.
    pub status: Status,
    /// Reported percent.
    pub percent: i64,
    /// Draft, submitted or reopened.
    pub state: RecordState,
}

impl ProgressSummary {
    /// Where this record stands.
    pub fn standing(&self) -> RecordStanding {
        RecordStanding { code: self.code.clone(), department: self.department.clone(), status: self.fields.status, percent: self.fields.percent, state: self.fields.state }
    }
}

/// The latest version of each (sub-item, department) of the period: SQLite takes the bare
/// columns of a group from the row holding its max(), and the index is read in group order.
const LATEST_STANDINGS: &str = "
    SELECT s.code, coalesce(m.name, d.name), l.status, l.percent, l.state
      FROM (SELECT subitem_id, department_id, max(version), status, percent, state
              FROM progress_versions INDEXED BY progress_versions_latest
             WHERE period_id = ?2 GROUP BY subitem_id, department_id) l
      JOIN subitems s ON s.id = l.subitem_id
      JOIN departments d ON d.id = l.department_id LEFT JOIN departments m ON m.id = d.merged_into
     WHERE s.plan_id = ?1";

impl Store {
    /// Where every record of a plan in a period stands (its latest version), of every department.
    pub fn latest_standings(&self, plan_id: i64, period_id: i64) -> Result<Vec<RecordStanding>> {
        let mut statement = self.conn().prepare_cached(LATEST_STANDINGS)?;
        let rows = statement.query_map(params![plan_id, period_id], |row| {
            Ok(RecordStanding { code: row.get(0)?, department: row.get(1)?, status: row.get(2)?, percent: row.get(3)?, state: row.get(4)? })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
