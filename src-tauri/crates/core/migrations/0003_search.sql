-- Full-text search over sub-items in Chinese: SQLite FTS5 with the trigram tokenizer, so any
-- run of three or more characters matches without a word segmenter.

CREATE VIRTUAL TABLE subitem_search USING fts5(body, tokenize = 'trigram');

INSERT INTO subitem_search (rowid, body)
SELECT s.id, a.title || char(10) || c.title || char(10) || i.text || char(10) || s.text || char(10) || s.work
  FROM subitems s
  JOIN items i ON i.id = s.item_id
  JOIN clauses c ON c.id = i.clause_id
  JOIN articles a ON a.id = c.article_id;

CREATE TRIGGER subitems_search_insert AFTER INSERT ON subitems
BEGIN
    INSERT INTO subitem_search (rowid, body)
    SELECT NEW.id, a.title || char(10) || c.title || char(10) || i.text || char(10) || NEW.text || char(10) || NEW.work
      FROM items i
      JOIN clauses c ON c.id = i.clause_id
      JOIN articles a ON a.id = c.article_id
     WHERE i.id = NEW.item_id;
END;
