-- delete_day_mentions: remove the event mentions of the articles of the given days (partition_date: the
-- publication date, else the day an undated article's file arrived; first half of
-- replacing a day; sql/load/delete_days.sql then removes the articles). Run sql/load/rebuild_events.sql
-- afterwards to refresh `events`.
-- Parameters: $days DATE[]  partition days, e.g. [DATE '2024-07-08']. An empty list deletes nothing.
DELETE FROM event_mentions
WHERE article_id IN (SELECT article_id FROM articles
                     WHERE coalesce(partition_date, pub_date) IN (SELECT unnest($days::DATE[])));
