-- 003_add_rule_id: the provenance column rule_id (the trigger-dictionary entry and argument frame that coded
-- the event, e.g. 04/rencontrer.v@meet:obj) on event_mentions and events of a warehouse created before it.
-- Existing rows keep their values and get rule_id NULL (not recorded); the next rebuild of `events` takes
-- rule_id from each event's representative mention. Runs before sql/ddl on an existing warehouse, so the DDL
-- then re-applies every column comment, this one's included (sql/ddl/020_event_mentions.sql, 030_events.sql
-- create the column directly in a new warehouse).
-- Parameters: none.
ALTER TABLE IF EXISTS event_mentions ADD COLUMN IF NOT EXISTS rule_id VARCHAR;
ALTER TABLE IF EXISTS events ADD COLUMN IF NOT EXISTS rule_id VARCHAR;
