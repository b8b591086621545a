//! Sample progress written in bulk, one statement per period: the benchmark's and the size
//! tests' data (`crate::scale`). Never called by the app on a user's database.

use super::{now, RecordState, Store};
use crate::error::Result;
use crate::status::Status;
use rusqlite::params;

/// Every responsibility of the plan gets version 1 in the period; the status and percent vary
/// with the ids, and the texts are drawn from the sub-item so that their lengths are real.
const FIRST_VERSIONS: &str = "
INSERT INTO progress_versions (subitem_id, department_id, period_id, version, status, percent, progress, problems,
                               next_steps, remarks, reporter, phone, state, saved_by, saved_at)
SELECT r.subitem_id, r.department_id, ?2, 1,
       CASE (r.subitem_id + r.department_id) % 5 WHEN 0 THEN ?3 WHEN 1 THEN ?4 WHEN 2 THEN ?5 WHEN 3 THEN ?6 ELSE ?7 END,
       CASE (r.subitem_id + r.department_id) % 5 WHEN 0 THEN 0 WHEN 3 THEN 100 ELSE (r.subitem_id * 7 + r.department_id * 3) % 90 + 5 END,
       '本期已按计划推进：' || substr(s.text, 1, 90) || '。已召开专题会议部署，明确责任人和时限，完成阶段性工作。',
       CASE (r.subitem_id + r.department_id) % 5 WHEN 2 THEN '资金尚未全部到位，部分工作进度滞后于计划。' ELSE '' END,
       '下一步：' || substr(s.work || s.text, 1, 50) || '，确保按期完成。',
       '', '联络员' || r.department_id, '0434-52' || printf('%05d', r.department_id), ?8, NULL, ?9
  FROM subitem_responsibilities r JOIN subitems s ON s.id = r.subitem_id
 WHERE s.plan_id = ?1";

/// A third of the records are saved again: version 2, further along.
const SECOND_VERSIONS: &str = "
INSERT INTO progress_versions (subitem_id, department_id, period_id, version, status, percent, progress, problems,
                               next_steps, remarks, reporter, phone, state, saved_by, saved_at)
SELECT p.subitem_id, p.department_id, p.period_id, 2, p.status, min(100, p.percent + 10),
       p.progress || '补充：本期末又完成了一批现场核查。', p.problems, p.next_steps, p.remarks, p.reporter, p.phone, p.state, NULL, ?3
  FROM progress_versions p JOIN subitems s ON s.id = p.subitem_id
 WHERE s.plan_id = ?1 AND p.period_id = ?2 AND p.version = 1 AND (p.subitem_id + p.department_id) % 3 = 0
   AND p.percent BETWEEN 1 AND 99";

impl Store {
    /// Write sample records for every responsibility of `plan_id` in `period_id`, in one
    /// transaction, `statuses` being the five reportable ones in order. Returns the number of
    /// versions written.
    pub fn fill_sample_progress(&self, plan_id: i64, period_id: i64, statuses: &[Status; 5], state: RecordState) -> Result<usize> {
        self.write(|tx| {
            let at = now();
            let first = tx.execute(
                FIRST_VERSIONS,
                params![plan_id, period_id, statuses[0], statuses[1], statuses[2], statuses[3], statuses[4], state, at],
            )?;
            let second = tx.execute(SECOND_VERSIONS, params![plan_id, period_id, at])?;
            Ok(first + second)
        })
    }
}
