-- The lists and the 工作台 at a hundred times the seed (issue 13).
--
-- They show of each record only its latest status, percent and state. This index holds those
-- with the version, in the order a period's records are grouped, so the latest of each is found
-- by reading the index alone: neither the versions' texts nor a second lookup per record.
CREATE INDEX progress_versions_latest ON progress_versions (period_id, subitem_id, department_id, version, status, percent, state);
