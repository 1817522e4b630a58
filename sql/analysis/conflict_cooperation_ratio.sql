-- conflict_cooperation_ratio: how conflictual is each country's activity?
-- Per country (CAMEO country code of actor1 or actor2; an event between two actors of the same country counts
-- once): deduplicated events by GDELT quad class (1 verbal cooperation, 2 material cooperation, 3 verbal
-- conflict, 4 material conflict) and the conflict/cooperation ratio (3 + 4) / (1 + 2), NULL without cooperation.
-- Parameters: none.
-- Example:  duckdb warehouse/events.duckdb -c ".read sql/analysis/conflict_cooperation_ratio.sql"
--           con.execute(open("sql/analysis/conflict_cooperation_ratio.sql").read()).fetchall()
WITH involvement AS (
    SELECT DISTINCT global_event_id, country_code, quad_class
    FROM (
        SELECT global_event_id, actor1_country_code AS country_code, quad_class FROM events
        UNION ALL
        SELECT global_event_id, actor2_country_code, quad_class FROM events
    )
    WHERE country_code IS NOT NULL
),
counts AS (
    SELECT
        country_code,
        count(*)                                  AS n_events,
        count(*) FILTER (WHERE quad_class = 1)    AS n_verbal_cooperation,
        count(*) FILTER (WHERE quad_class = 2)    AS n_material_cooperation,
        count(*) FILTER (WHERE quad_class = 3)    AS n_verbal_conflict,
        count(*) FILTER (WHERE quad_class = 4)    AS n_material_conflict
    FROM involvement
    GROUP BY country_code
)
SELECT
    *,
    round((n_verbal_conflict + n_material_conflict)::DOUBLE
          / nullif(n_verbal_cooperation + n_material_cooperation, 0), 3) AS conflict_cooperation_ratio
FROM counts
ORDER BY n_events DESC, country_code;
