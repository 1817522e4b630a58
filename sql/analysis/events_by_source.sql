-- events_by_source: what does each news source report?
-- Per source (articles.source_name; '(unknown)' when the input gave none): articles loaded, articles with at
-- least one event, event mentions (rows of event_mentions from its articles), distinct events, the events
-- reported by no other source (exclusives: num_sources = 1) and their share of its events. Each count is taken
-- on its own grain (articles, then mentions), so a source with many articles does not multiply its mentions.
-- Parameters: none.
-- Example:  duckdb warehouse/events.duckdb -c ".read sql/analysis/events_by_source.sql"
--           con.execute(open("sql/analysis/events_by_source.sql").read()).fetchall()
WITH sources AS (
    SELECT article_id, coalesce(source_name, '(unknown)') AS source FROM articles
),
articles_per_source AS (
    SELECT source, count(*) AS n_articles
    FROM sources
    GROUP BY source
),
mentions_per_source AS (
    SELECT
        sources.source,
        count(DISTINCT m.article_id)                                        AS n_articles_with_events,
        count(*)                                                            AS n_mentions,
        count(DISTINCT m.global_event_id)                                   AS n_events,
        count(DISTINCT m.global_event_id) FILTER (WHERE e.num_sources = 1)  AS n_exclusive_events
    FROM event_mentions AS m
    JOIN sources USING (article_id)
    JOIN events AS e USING (global_event_id)
    GROUP BY sources.source
)
SELECT
    a.source,
    a.n_articles,
    coalesce(m.n_articles_with_events, 0)                                   AS n_articles_with_events,
    coalesce(m.n_mentions, 0)                                               AS n_mentions,
    coalesce(m.n_events, 0)                                                 AS n_events,
    coalesce(m.n_exclusive_events, 0)                                       AS n_exclusive_events,
    round(m.n_exclusive_events / nullif(m.n_events, 0), 3)                  AS exclusive_share
FROM articles_per_source AS a
LEFT JOIN mentions_per_source AS m USING (source)
ORDER BY n_events DESC, a.source;
