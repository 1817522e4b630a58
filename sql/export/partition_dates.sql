-- partition_dates: the distinct partition dates of each exported dataset (one Parquet partition each):
-- events and event_mentions by event_date, articles by pub_date (publication date).
-- Parameters: $dataset VARCHAR  one of 'events', 'event_mentions', 'articles'.
SELECT DISTINCT event_date AS partition_date FROM events WHERE $dataset = 'events'
UNION
SELECT DISTINCT event_date FROM event_mentions WHERE $dataset = 'event_mentions'
UNION
SELECT DISTINCT pub_date FROM articles WHERE $dataset = 'articles'
ORDER BY partition_date NULLS LAST;
