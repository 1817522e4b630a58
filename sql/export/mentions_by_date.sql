-- mentions_by_date: the `event_mentions` rows of one Parquet partition, date=YYYY-MM-DD (NULL: the undated
-- partition).
-- Parameters: $day (DATE or NULL).
SELECT * FROM event_mentions
WHERE event_date IS NOT DISTINCT FROM $day;
