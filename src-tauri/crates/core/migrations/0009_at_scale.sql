-- Plans at a hundred times the seed (issue 13).
--
-- The SHA-256 of a plan's text as written (plan_files::plan_digest), kept with the plan: a plan
-- never changes after import, and a department's sheet carries the digest of the whole plan
-- without loading it. Plans imported before this migration get theirs when the store opens.
ALTER TABLE plans ADD COLUMN digest TEXT;

-- The trigram index of every sub-item's text with its article, clause and item took three of the
-- four seconds of importing a 13,800-sub-item plan, and answered a search more slowly than
-- reading the plan's text does (2.5 s against 60 ms). Searches read the text (store/search.rs).
DROP TRIGGER subitems_search_insert;
DROP TABLE subitem_search;
