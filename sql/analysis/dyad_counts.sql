-- dyad_counts: which pairs of countries interact most, and how?
-- Events per unordered country dyad (country_a <= country_b, CAMEO actor country codes; events where either
-- actor has no country are left out; a domestic event has country_a = country_b) and CAMEO root code, with
-- the dyad's total events and meetings (root 04) over all roots, ordered by count.
-- Parameters: none.
-- Example:  duckdb warehouse/events.duckdb -c ".read sql/analysis/dyad_counts.sql"
--           con.execute(open("sql/analysis/dyad_counts.sql").read()).fetchall()
WITH dyads AS (
    SELECT
        least(actor1_country_code, actor2_country_code)    AS country_a,
        greatest(actor1_country_code, actor2_country_code) AS country_b,
        event_root_code,
        num_mentions
    FROM events
    WHERE actor1_country_code IS NOT NULL
      AND actor2_country_code IS NOT NULL
),
per_root AS (
    SELECT
        country_a,
        country_b,
        event_root_code,
        count(*)          AS n_events,
        sum(num_mentions) AS num_mentions
    FROM dyads
    GROUP BY country_a, country_b, event_root_code
)
SELECT
    country_a,
    country_b,
    event_root_code,
    n_events,
    num_mentions,
    sum(n_events) OVER dyad                                                  AS dyad_events,
    coalesce(sum(n_events) FILTER (WHERE event_root_code = '04') OVER dyad, 0) AS dyad_meetings
FROM per_root
WINDOW dyad AS (PARTITION BY country_a, country_b)
ORDER BY n_events DESC, dyad_events DESC, country_a, country_b, event_root_code;
