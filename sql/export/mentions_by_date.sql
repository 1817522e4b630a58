-- mentions_by_date: every `event_mentions` row, ordered by event date (NULL last), for the Parquet export
-- partitions date=YYYY-MM-DD.
-- Parameters: none.
SELECT * FROM event_mentions
ORDER BY event_date NULLS LAST, global_event_id, article_id, sentence_index, action_char_offset;
