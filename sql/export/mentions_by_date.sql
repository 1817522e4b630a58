-- mentions_by_date: the `event_mentions` rows of one event date, for the Parquet export partition date=YYYY-MM-DD.
-- Parameters: $event_date DATE (NULL selects the mentions without a date).
SELECT * FROM event_mentions
WHERE event_date IS NOT DISTINCT FROM $event_date
ORDER BY global_event_id, article_id, sentence_index, action_char_offset;
