-- The latest record of every department on every sub-item in a period (?1: the period key);
-- shared by summary_peer.py and core/examples/summary_floor.rs.
SELECT p.subitem_id, d.name, p.status, p.percent, p.progress, p.problems, p.next_steps, p.state
  FROM progress_versions p JOIN departments d ON d.id = p.department_id
  JOIN periods t ON t.id = p.period_id
 WHERE t.key = ? AND p.version = (SELECT max(version) FROM progress_versions q
        WHERE q.subitem_id = p.subitem_id AND q.department_id = p.department_id AND q.period_id = p.period_id)
