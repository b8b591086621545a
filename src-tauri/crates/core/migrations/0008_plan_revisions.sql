-- Plans side by side and their revisions. A plan that another plan revises is superseded: it
-- and its progress stay, read-only, in the version history.
ALTER TABLE plans ADD COLUMN version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1);
ALTER TABLE plans ADD COLUMN revision_of INTEGER REFERENCES plans (id);
ALTER TABLE plans ADD COLUMN applied_by INTEGER REFERENCES accounts (id);
-- A draft (read from prose) is reviewed by the coordinator before departments see it.
ALTER TABLE plans ADD COLUMN status TEXT NOT NULL DEFAULT 'published' CHECK (status IN ('draft', 'published'));
CREATE UNIQUE INDEX plans_one_revision ON plans (revision_of) WHERE revision_of IS NOT NULL;

-- What a revision changed, as shown before it was applied. `from_code` is the sub-item in the
-- plan revised, `to_code` the one in the revision (NULL for removed / added).
CREATE TABLE plan_changes (
    plan_id   INTEGER NOT NULL REFERENCES plans (id),
    position  INTEGER NOT NULL,
    kind      TEXT NOT NULL CHECK (kind IN ('added', 'removed', 'reworded', 'moved', 'reassigned', 'deadlines', 'targets')),
    from_code TEXT,
    to_code   TEXT,
    PRIMARY KEY (plan_id, position)
);

-- Progress carried into a revision is a copy; the original stays with the superseded plan.
ALTER TABLE progress_versions ADD COLUMN carried_from INTEGER REFERENCES progress_versions (id);

CREATE TRIGGER plan_changes_no_update BEFORE UPDATE ON plan_changes
BEGIN
    SELECT RAISE(ABORT, '计划修订记录只能追加');
END;
CREATE TRIGGER plan_changes_no_delete BEFORE DELETE ON plan_changes
BEGIN
    SELECT RAISE(ABORT, '计划修订记录只能追加');
END;

-- Each account's chosen plan (NULL: all plans) lives in settings as plan_choice:<account id>.
