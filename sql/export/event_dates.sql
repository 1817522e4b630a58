-- event_dates: the distinct event dates present in `events` (one Parquet partition each).
-- Parameters: none.
SELECT DISTINCT event_date FROM events ORDER BY event_date NULLS LAST;
