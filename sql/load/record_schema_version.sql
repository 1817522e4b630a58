-- record_schema_version: note that a schema version (or migration) has been applied; a version already
-- recorded is left as it is.
-- Parameters: $version INTEGER, $description VARCHAR.
INSERT INTO schema_version (version, description) VALUES ($version, $description) ON CONFLICT DO NOTHING;
