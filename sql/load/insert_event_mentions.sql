-- insert_event_mentions: append the coded mentions of a batch of articles.
-- Expects a relation `new_mentions` registered by the caller (an Arrow table with the event-row columns,
-- events.schema.EVENT_SCHEMA). Run sql/load/delete_article_mentions.sql for the same articles first.
-- Parameters: none.
INSERT INTO event_mentions BY NAME SELECT * FROM new_mentions;
