-- meetings_per_day: who met whom, day by day?
-- One row per day, actor pair and place of the meetings/consultations (CAMEO root 04) in view who_met_whom,
-- with how many distinct events that is and how widely they were reported. Actors are as coded (actor1 is
-- the source: the visitor, the caller, the host who receives...).
-- Parameters: none.
-- Example:  duckdb warehouse/events.duckdb -c ".read sql/analysis/meetings_per_day.sql"
--           con.execute(open("sql/analysis/meetings_per_day.sql").read()).fetchall()
SELECT
    event_date,
    actor1_name,
    actor1_code,
    actor2_name,
    actor2_code,
    action_geo_fullname                AS place,
    action_geo_country_code            AS place_country_code,
    count(*)                           AS n_events,
    string_agg(DISTINCT event_code, ',' ORDER BY event_code) AS event_codes,
    sum(num_mentions)                  AS num_mentions,
    sum(num_articles)                  AS num_articles
FROM who_met_whom
GROUP BY ALL
ORDER BY event_date, num_articles DESC, actor1_name, actor2_name, place;
