-- events_by_source: what does each news source report?
-- Per source (articles.source_name; '(unknown)' when the input gave none): articles loaded, articles with at
-- least one event, event mentions, distinct events, and the share of those events reported by no other source
-- (an exclusive is an event whose num_sources is 1).
-- Parameters: none.
-- Example:  duckdb warehouse/events.duckdb -c ".read sql/analysis/events_by_source.sql"
--           con.execute(open("sql/analysis/events_by_source.sql").read()).fetchall()
WITH sources AS (
    SELECT article_id, coalesce(source_name, '(unknown)') AS source FROM articles
),
mentions AS (
    SELECT sources.source, m.article_id, m.global_event_id, e.num_sources
    FROM event_mentions AS m
    JOIN sources USING (article_id)
    JOIN events AS e USING (global_event_id)
)
SELECT
    sources.source,
    count(DISTINCT sources.article_id)                                  AS n_articles,
    count(DISTINCT mentions.article_id)                                 AS n_articles_with_events,
    count(mentions.global_event_id)                                     AS n_mentions,
    count(DISTINCT mentions.global_event_id)                            AS n_events,
    round(count(DISTINCT mentions.global_event_id) FILTER (WHERE mentions.num_sources = 1)
          / nullif(count(DISTINCT mentions.global_event_id), 0), 3)     AS exclusive_share
FROM sources
LEFT JOIN mentions USING (source)
GROUP BY sources.source
ORDER BY n_events DESC, sources.source;
