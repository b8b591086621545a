-- Accounts an office can run and history that cannot be rewritten.
-- Administrators: the setup administrator of every PC, and every coordinator account created
-- before administrators existed (they could manage accounts then).
ALTER TABLE accounts ADD COLUMN is_admin INTEGER NOT NULL DEFAULT 0 CHECK (is_admin IN (0, 1));
UPDATE accounts SET is_admin = 1 WHERE role = 'coordinator' OR id = (SELECT min(id) FROM accounts);

-- A department sheet exported on this PC is what has been handed upward: a department's
-- administrator may reopen its own submission only before it went out in one.
CREATE TABLE sheet_exports (
    id            INTEGER PRIMARY KEY,
    department_id INTEGER NOT NULL REFERENCES departments (id),
    period_id     INTEGER NOT NULL REFERENCES periods (id),
    exported_at   TEXT NOT NULL,
    account_id    INTEGER REFERENCES accounts (id)
);
CREATE INDEX sheet_exports_by_period ON sheet_exports (department_id, period_id);

CREATE TRIGGER progress_target_values_no_update BEFORE UPDATE ON progress_target_values
BEGIN
    SELECT RAISE(ABORT, '量化目标实际值只随新版本追加，不能修改');
END;
CREATE TRIGGER progress_target_values_no_delete BEFORE DELETE ON progress_target_values
BEGIN
    SELECT RAISE(ABORT, '量化目标实际值只随新版本追加，不能删除');
END;
CREATE TRIGGER evidence_files_no_update BEFORE UPDATE ON evidence_files
BEGIN
    SELECT RAISE(ABORT, '佐证材料记录只随新版本追加，不能修改');
END;
CREATE TRIGGER evidence_files_no_delete BEFORE DELETE ON evidence_files
BEGIN
    SELECT RAISE(ABORT, '佐证材料记录只随新版本追加，不能删除');
END;
CREATE TRIGGER sheet_exports_no_change BEFORE UPDATE ON sheet_exports
BEGIN
    SELECT RAISE(ABORT, '导出记录只能追加');
END;
CREATE TRIGGER sheet_exports_no_delete BEFORE DELETE ON sheet_exports
BEGIN
    SELECT RAISE(ABORT, '导出记录只能追加');
END;
