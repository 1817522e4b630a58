-- Migrations: files named NNN_what_it_does.sql (NNN above the last version in schema_version) run once, in
-- number order, on a warehouse created by an older version, after sql/ddl and before sql/views; each is
-- recorded in schema_version. They change existing tables without dropping data, e.g.
--   ALTER TABLE articles ADD COLUMN IF NOT EXISTS coder_version VARCHAR;
-- and the same change goes into sql/ddl so that new warehouses get it directly.
-- Parameters: none. (This file has no number and is never run.)
SELECT 1 WHERE false;
