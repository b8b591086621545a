-- A department's part of a plan at a hundred times the seed (issue 13).
--
-- Who leads and who cooperates is read a sub-item (or item) at a time, all of its departments
-- together. Stored WITHOUT ROWID, the rows are kept in the order of their primary key, so those of
-- one sub-item are found in the key itself, instead of in the key's index and then, row by row,
-- in the table (a tenth of `tasks --json` for one department). The rows are small (four numbers
-- and a short word), which is what WITHOUT ROWID is for. Nothing refers to these tables' rowids.
CREATE TABLE item_responsibilities_clustered (
    item_id       INTEGER NOT NULL REFERENCES items (id),
    department_id INTEGER NOT NULL REFERENCES departments (id),
    role          TEXT NOT NULL CHECK (role IN ('lead', 'cooperating')),
    position      INTEGER NOT NULL,
    PRIMARY KEY (item_id, department_id)
) WITHOUT ROWID;
INSERT INTO item_responsibilities_clustered (item_id, department_id, role, position)
    SELECT item_id, department_id, role, position FROM item_responsibilities;
DROP TABLE item_responsibilities;
ALTER TABLE item_responsibilities_clustered RENAME TO item_responsibilities;

CREATE TABLE subitem_responsibilities_clustered (
    subitem_id    INTEGER NOT NULL REFERENCES subitems (id),
    department_id INTEGER NOT NULL REFERENCES departments (id),
    role          TEXT NOT NULL CHECK (role IN ('lead', 'cooperating')),
    position      INTEGER NOT NULL,
    PRIMARY KEY (subitem_id, department_id)
) WITHOUT ROWID;
INSERT INTO subitem_responsibilities_clustered (subitem_id, department_id, role, position)
    SELECT subitem_id, department_id, role, position FROM subitem_responsibilities;
DROP TABLE subitem_responsibilities;
ALTER TABLE subitem_responsibilities_clustered RENAME TO subitem_responsibilities;
-- Its index by department holds the key in the key's order and the role, so it answers "which
-- sub-items" (in order) and "how many led, how many cooperated" (the departments' list) alone.
-- With the department's id only, SQLite counted a department's sub-items by trying every
-- sub-item of the plan against the new key: at a hundred times the seed, seven times the
-- instructions of before; with the role in the index, half of them.
CREATE INDEX subitem_responsibilities_by_department ON subitem_responsibilities (department_id, subitem_id, role);
