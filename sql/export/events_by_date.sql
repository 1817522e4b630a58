-- events_by_date: the `events` rows of one event date, for the Parquet export partition date=YYYY-MM-DD.
-- Parameters: $event_date DATE (NULL selects the events without a date).
SELECT * FROM events
WHERE event_date IS NOT DISTINCT FROM $event_date
ORDER BY global_event_id;
