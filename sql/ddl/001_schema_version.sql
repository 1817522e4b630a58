-- schema_version: one row per warehouse schema migration applied (the DDL files in sql/ddl, run in name order).
-- The caller inserts a row after applying a version, e.g.
--   INSERT INTO schema_version (version, description) VALUES ($version, $description) ON CONFLICT DO NOTHING;
-- Parameters: none. Idempotent (CREATE TABLE IF NOT EXISTS; comments are re-applied).
CREATE TABLE IF NOT EXISTS schema_version (
    version     INTEGER PRIMARY KEY,
    applied_at  TIMESTAMP DEFAULT current_timestamp,
    description VARCHAR
);

COMMENT ON TABLE schema_version IS 'Warehouse schema versions applied, one row per version';

COMMENT ON COLUMN schema_version.version IS 'Schema version number (increasing integer)';
COMMENT ON COLUMN schema_version.applied_at IS 'When this version was applied (defaults to now)';
COMMENT ON COLUMN schema_version.description IS 'What this version changed';
