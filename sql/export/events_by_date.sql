-- events_by_date: the `events` rows of one Parquet partition, date=YYYY-MM-DD (NULL: the undated partition).
-- Parameters: $day (DATE or NULL).
SELECT * FROM events
WHERE event_date IS NOT DISTINCT FROM $day;
