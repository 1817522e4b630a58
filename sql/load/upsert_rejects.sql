-- upsert_rejects: record quarantined inputs; the same reject (same reject_id) seen again replaces its row,
-- so rerunning an inbox never duplicates rejects.
-- Expects a relation `new_rejects` registered by the caller with the columns of the `rejects` table.
-- Parameters: none.
INSERT OR REPLACE INTO rejects BY NAME SELECT * FROM new_rejects;
