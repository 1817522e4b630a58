-- events_by_date: every `events` row, ordered by event date (NULL last) then id, for the Parquet export,
-- which cuts the result into hive partitions date=YYYY-MM-DD.
-- Parameters: none.
SELECT * FROM events
ORDER BY event_date NULLS LAST, global_event_id;
