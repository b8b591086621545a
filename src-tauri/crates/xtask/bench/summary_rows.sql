-- One row per responsible department of every sub-item of the newest plan, in plan order;
-- shared by summary_peer.py and core/examples/summary_floor.rs.
SELECT s.id, s.code, s.label || s.text, a.label || a.title, d.name, r.role,
       coalesce((SELECT group_concat(phrase, char(10)) FROM deadlines l WHERE l.subitem_id = s.id), '长期坚持')
  FROM subitems s JOIN items i ON i.id = s.item_id JOIN clauses c ON c.id = i.clause_id
  JOIN articles a ON a.id = c.article_id
  JOIN subitem_responsibilities r ON r.subitem_id = s.id JOIN departments d ON d.id = r.department_id
 WHERE s.plan_id = (SELECT max(id) FROM plans)
 ORDER BY a.position, c.position, i.position, s.position, r.role DESC, r.position
