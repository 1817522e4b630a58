-- delete_days: remove the articles of the given days (partition_date: the publication date, else the day an
-- undated article's file arrived), so that a day (a Dagster partition) is re-inserted from scratch in the same
-- transaction. Run sql/load/delete_day_mentions.sql first.
-- Parameters: $days DATE[]  partition days, e.g. [DATE '2024-07-08']. An empty list deletes nothing.
DELETE FROM articles
WHERE coalesce(partition_date, pub_date) IN (SELECT unnest($days::DATE[]));
