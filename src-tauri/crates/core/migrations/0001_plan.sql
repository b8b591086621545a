-- The plan as read from a task breakdown table, and the departments it names.

CREATE TABLE departments (
    id           INTEGER PRIMARY KEY,
    name         TEXT NOT NULL UNIQUE CHECK (length(name) > 0),
    -- 1 when the reader met a name it could not resolve: the coordinator should review it.
    needs_review INTEGER NOT NULL DEFAULT 0 CHECK (needs_review IN (0, 1)),
    -- Set when the coordinator merges this department into another; history stays here.
    merged_into  INTEGER REFERENCES departments (id),
    created_at   TEXT NOT NULL
);

CREATE TABLE department_aliases (
    alias         TEXT PRIMARY KEY CHECK (length(alias) > 0),
    department_id INTEGER NOT NULL REFERENCES departments (id),
    builtin       INTEGER NOT NULL DEFAULT 0 CHECK (builtin IN (0, 1))
);

CREATE TABLE plans (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    fingerprint TEXT NOT NULL UNIQUE,
    source_name TEXT NOT NULL,
    imported_at TEXT NOT NULL
);

CREATE TABLE plan_warnings (
    plan_id  INTEGER NOT NULL REFERENCES plans (id),
    position INTEGER NOT NULL,
    line     INTEGER NOT NULL,
    message  TEXT NOT NULL,
    PRIMARY KEY (plan_id, position)
);

CREATE TABLE articles (
    id          INTEGER PRIMARY KEY,
    plan_id     INTEGER NOT NULL REFERENCES plans (id),
    position    INTEGER NOT NULL,
    code        TEXT NOT NULL,
    label       TEXT NOT NULL,
    title       TEXT NOT NULL,
    notes       TEXT NOT NULL, -- further lines of the cell, joined by newlines
    source_line INTEGER NOT NULL,
    UNIQUE (plan_id, code)
);

CREATE TABLE clauses (
    id          INTEGER PRIMARY KEY,
    plan_id     INTEGER NOT NULL REFERENCES plans (id),
    article_id  INTEGER NOT NULL REFERENCES articles (id),
    position    INTEGER NOT NULL,
    code        TEXT NOT NULL,
    label       TEXT NOT NULL,
    title       TEXT NOT NULL,
    notes       TEXT NOT NULL,
    source_line INTEGER NOT NULL,
    UNIQUE (plan_id, code)
);

CREATE TABLE items (
    id             INTEGER PRIMARY KEY,
    plan_id        INTEGER NOT NULL REFERENCES plans (id),
    clause_id      INTEGER NOT NULL REFERENCES clauses (id),
    position       INTEGER NOT NULL,
    code           TEXT NOT NULL,
    text           TEXT NOT NULL,
    responsibility TEXT NOT NULL,
    notes          TEXT NOT NULL,
    source_line    INTEGER NOT NULL,
    UNIQUE (plan_id, code)
);

CREATE TABLE subitems (
    id             INTEGER PRIMARY KEY,
    plan_id        INTEGER NOT NULL REFERENCES plans (id),
    item_id        INTEGER NOT NULL REFERENCES items (id),
    position       INTEGER NOT NULL,
    code           TEXT NOT NULL,
    label          TEXT NOT NULL,
    text           TEXT NOT NULL,
    responsibility TEXT NOT NULL,
    work           TEXT NOT NULL,
    source_line    INTEGER NOT NULL,
    UNIQUE (plan_id, code)
);

CREATE TABLE item_responsibilities (
    item_id       INTEGER NOT NULL REFERENCES items (id),
    department_id INTEGER NOT NULL REFERENCES departments (id),
    role          TEXT NOT NULL CHECK (role IN ('lead', 'cooperating')),
    position      INTEGER NOT NULL,
    PRIMARY KEY (item_id, department_id)
);

CREATE TABLE subitem_responsibilities (
    subitem_id    INTEGER NOT NULL REFERENCES subitems (id),
    department_id INTEGER NOT NULL REFERENCES departments (id),
    role          TEXT NOT NULL CHECK (role IN ('lead', 'cooperating')),
    position      INTEGER NOT NULL,
    PRIMARY KEY (subitem_id, department_id)
);
CREATE INDEX subitem_responsibilities_by_department ON subitem_responsibilities (department_id);

CREATE TABLE duties (
    subitem_id    INTEGER NOT NULL REFERENCES subitems (id),
    department_id INTEGER NOT NULL REFERENCES departments (id),
    position      INTEGER NOT NULL,
    text          TEXT NOT NULL,
    PRIMARY KEY (subitem_id, department_id)
);

CREATE TABLE deadlines (
    subitem_id  INTEGER NOT NULL REFERENCES subitems (id),
    position    INTEGER NOT NULL,
    phrase      TEXT NOT NULL,
    due_date    TEXT,    -- a fixed date, or else:
    every_years INTEGER, -- a recurrence, optionally by a month and day, from a date
    by_month    INTEGER,
    by_day      INTEGER,
    from_date   TEXT,
    PRIMARY KEY (subitem_id, position),
    CHECK ((due_date IS NULL) <> (every_years IS NULL))
);

CREATE TABLE targets (
    id         INTEGER PRIMARY KEY,
    subitem_id INTEGER NOT NULL REFERENCES subitems (id),
    position   INTEGER NOT NULL,
    phrase     TEXT NOT NULL,
    metric     TEXT,
    op         TEXT CHECK (op IN ('>=', '<=', '=', '~')),
    value      REAL,
    unit       TEXT,
    UNIQUE (subitem_id, position)
);
