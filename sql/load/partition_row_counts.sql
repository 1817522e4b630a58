-- partition_row_counts: the rows of the given daily partitions (partition_date: the publication date, else the
-- day an undated article's file arrived): their articles, the event mentions those articles report, and the
-- distinct events among those mentions (an event also reported on other days counts here too).
-- Parameters: $days DATE[]  partition days, e.g. [DATE '2024-07-08'].
WITH day_articles AS (
    SELECT article_id FROM articles
    WHERE coalesce(partition_date, pub_date) IN (SELECT unnest($days::DATE[]))
)
SELECT
    (SELECT count(*) FROM day_articles)                               AS n_articles,
    count(m.global_event_id)                                          AS n_mentions,
    count(DISTINCT m.global_event_id)                                 AS n_events
FROM event_mentions AS m
WHERE m.article_id IN (SELECT article_id FROM day_articles);
