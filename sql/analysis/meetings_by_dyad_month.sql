-- meetings_by_dyad_month: how often do two countries meet, month by month?
-- Deduplicated meetings and consultations (CAMEO root 04) per unordered country dyad (country_a < country_b,
-- CAMEO actor country codes; IGOs by their actor code) and calendar month of event_date, with the number of
-- distinct places and the articles reporting them. Events without a date or a second actor are left out.
-- Parameters: none.
-- Example:  duckdb warehouse/events.duckdb -c ".read sql/analysis/meetings_by_dyad_month.sql"
--           con.execute(open("sql/analysis/meetings_by_dyad_month.sql").read()).fetchall()
WITH meetings AS (
    SELECT
        date_trunc('month', event_date)::DATE                    AS month,
        coalesce(actor1_country_code, actor1_code)               AS party1,
        coalesce(actor2_country_code, actor2_code)               AS party2,
        action_geo_feature_id,
        num_articles
    FROM events
    WHERE event_root_code = '04' AND event_date IS NOT NULL
)
SELECT
    month,
    least(party1, party2)              AS country_a,
    greatest(party1, party2)           AS country_b,
    count(*)                           AS n_meetings,
    count(DISTINCT action_geo_feature_id) AS n_places,
    sum(num_articles)                  AS n_reports
FROM meetings
WHERE party1 IS NOT NULL AND party2 IS NOT NULL AND party1 <> party2
GROUP BY ALL
ORDER BY month, n_meetings DESC, country_a, country_b;
