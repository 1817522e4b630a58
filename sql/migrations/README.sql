-- Migrations: files named NNN_what_it_does.sql (NNN above the last version in schema_version; 001-002 were the
-- first schemas, 003_add_rule_id.sql is the first migration) run once, in number order, on a warehouse created
-- by an older version, before sql/ddl (whose COMMENT ON statements then find the columns they add) and sql/views;
-- each is recorded in schema_version. They change existing tables without dropping data, e.g.
--   ALTER TABLE IF EXISTS articles ADD COLUMN IF NOT EXISTS coder_version VARCHAR;
-- (IF EXISTS: a table the DDL creates later in the same run is created with the column). The same change goes
-- into sql/ddl so that new warehouses get it directly; on a new warehouse the migrations run after sql/ddl and
-- change nothing.
-- Parameters: none. (This file has no number and is never run.)
SELECT 1 WHERE false;
