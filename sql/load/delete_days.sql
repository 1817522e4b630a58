-- delete_days: remove the articles published on the given days, so that a day (a Dagster partition) is
-- re-inserted from scratch in the same transaction. Run sql/load/delete_day_mentions.sql first.
-- Parameters: $days DATE[]  publication dates, e.g. [DATE '2024-07-08']. An empty list deletes nothing.
DELETE FROM articles
WHERE pub_date IN (SELECT unnest($days::DATE[]));
