-- delete_day_mentions: remove the event mentions of the articles published on the given days (first half of
-- replacing a day; sql/load/delete_days.sql then removes the articles). Run sql/load/rebuild_events.sql
-- afterwards to refresh `events`.
-- Parameters: $days DATE[]  publication dates, e.g. [DATE '2024-07-08']. An empty list deletes nothing.
DELETE FROM event_mentions
WHERE article_id IN (SELECT article_id FROM articles WHERE pub_date IN (SELECT unnest($days::DATE[])));
