-- Department sheets read back on the coordinator's PC: one row per file taken in (append-only),
-- and the file each progress version came from.

CREATE TABLE received_reports (
    id               INTEGER PRIMARY KEY,
    file_name        TEXT NOT NULL,
    sha256           TEXT NOT NULL UNIQUE CHECK (length(sha256) = 64),
    plan_id          INTEGER NOT NULL REFERENCES plans (id),
    department_id    INTEGER NOT NULL REFERENCES departments (id),
    period_id        INTEGER NOT NULL REFERENCES periods (id),
    template_version TEXT NOT NULL,
    exported_at      TEXT,            -- from the sheet's metadata; none for a sheet rebuilt by hand
    received_at      TEXT NOT NULL,
    account_id       INTEGER REFERENCES accounts (id), -- none when taken in by the command line
    rows_new         INTEGER NOT NULL CHECK (rows_new >= 0),
    rows_changed     INTEGER NOT NULL CHECK (rows_changed >= 0),
    rows_unchanged   INTEGER NOT NULL CHECK (rows_unchanged >= 0),
    review_count     INTEGER NOT NULL DEFAULT 0 CHECK (review_count >= 0)
);
CREATE INDEX received_reports_by_period ON received_reports (period_id, department_id);

CREATE TRIGGER received_reports_no_update BEFORE UPDATE ON received_reports
BEGIN
    SELECT RAISE(ABORT, '接收记录只能追加，不能修改');
END;
CREATE TRIGGER received_reports_no_delete BEFORE DELETE ON received_reports
BEGIN
    SELECT RAISE(ABORT, '接收记录只能追加，不能删除');
END;

ALTER TABLE progress_versions ADD COLUMN source_report_id INTEGER REFERENCES received_reports (id);
