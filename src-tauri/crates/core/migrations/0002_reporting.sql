-- What the desktop app records: reporting periods, accounts, progress (append-only), evidence,
-- the audit log and settings.

CREATE TABLE periods (
    id         INTEGER PRIMARY KEY,
    key        TEXT NOT NULL UNIQUE, -- 2026, 2026H2, 2026Q4, 2026M11
    kind       TEXT NOT NULL CHECK (kind IN ('year', 'half', 'quarter', 'month')),
    starts_on  TEXT NOT NULL,
    ends_on    TEXT NOT NULL,
    status     TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
    created_at TEXT NOT NULL,
    CHECK (starts_on <= ends_on)
);

CREATE TABLE accounts (
    id            INTEGER PRIMARY KEY,
    username      TEXT NOT NULL UNIQUE CHECK (length(username) > 0),
    display_name  TEXT NOT NULL,
    role          TEXT NOT NULL CHECK (role IN ('coordinator', 'department')),
    department_id INTEGER REFERENCES departments (id),
    password_hash TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    disabled_at   TEXT,
    CHECK (role = 'coordinator' OR department_id IS NOT NULL)
);

-- Every save is a new row; rows are never updated or deleted.
CREATE TABLE progress_versions (
    id            INTEGER PRIMARY KEY,
    subitem_id    INTEGER NOT NULL REFERENCES subitems (id),
    department_id INTEGER NOT NULL REFERENCES departments (id),
    period_id     INTEGER NOT NULL REFERENCES periods (id),
    version       INTEGER NOT NULL CHECK (version >= 1),
    status        TEXT NOT NULL CHECK (status IN ('未启动', '序时推进', '滞后', '已完成', '长期坚持')),
    percent       INTEGER NOT NULL CHECK (percent BETWEEN 0 AND 100),
    progress      TEXT NOT NULL DEFAULT '',
    problems      TEXT NOT NULL DEFAULT '',
    next_steps    TEXT NOT NULL DEFAULT '',
    remarks       TEXT NOT NULL DEFAULT '',
    reporter      TEXT NOT NULL DEFAULT '',
    phone         TEXT NOT NULL DEFAULT '',
    state         TEXT NOT NULL CHECK (state IN ('draft', 'submitted', 'reopened')),
    saved_by      INTEGER REFERENCES accounts (id),
    saved_at      TEXT NOT NULL,
    UNIQUE (subitem_id, department_id, period_id, version)
);
CREATE INDEX progress_versions_by_period ON progress_versions (period_id, department_id);

CREATE TRIGGER progress_versions_no_update BEFORE UPDATE ON progress_versions
BEGIN
    SELECT RAISE(ABORT, '进展记录只能追加新版本，不能修改');
END;
CREATE TRIGGER progress_versions_no_delete BEFORE DELETE ON progress_versions
BEGIN
    SELECT RAISE(ABORT, '进展记录只能追加新版本，不能删除');
END;

CREATE TABLE progress_target_values (
    progress_version_id INTEGER NOT NULL REFERENCES progress_versions (id),
    target_id           INTEGER NOT NULL REFERENCES targets (id),
    value               REAL,
    note                TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (progress_version_id, target_id)
);

CREATE TABLE evidence_files (
    id                  INTEGER PRIMARY KEY,
    progress_version_id INTEGER NOT NULL REFERENCES progress_versions (id),
    sha256              TEXT NOT NULL CHECK (length(sha256) = 64),
    original_name       TEXT NOT NULL,
    size_bytes          INTEGER NOT NULL CHECK (size_bytes >= 0),
    added_at            TEXT NOT NULL
);

CREATE TABLE audit_log (
    id         INTEGER PRIMARY KEY,
    at         TEXT NOT NULL,
    account_id INTEGER REFERENCES accounts (id),
    action     TEXT NOT NULL,
    subject    TEXT NOT NULL DEFAULT '',
    detail     TEXT NOT NULL DEFAULT ''
);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, '操作日志只能追加');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, '操作日志只能追加');
END;

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
