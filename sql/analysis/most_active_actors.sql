-- most_active_actors: which actors take part in the most events?
-- Actors (CAMEO code + name) ranked by the number of deduplicated events in which they are actor1 (source)
-- or actor2 (target); an event where the same actor is both counts once. Top 100.
-- Parameters: none.
-- Example:  duckdb warehouse/events.duckdb -c ".read sql/analysis/most_active_actors.sql"
--           con.execute(open("sql/analysis/most_active_actors.sql").read()).fetchall()
WITH roles AS (
    SELECT global_event_id, actor1_code AS actor_code, actor1_name AS actor_name,
           actor1_country_code AS actor_country_code, 1 AS actor_role, event_date, event_root_code
    FROM events
    WHERE actor1_code IS NOT NULL OR actor1_name IS NOT NULL
    UNION ALL
    SELECT global_event_id, actor2_code, actor2_name, actor2_country_code, 2, event_date, event_root_code
    FROM events
    WHERE actor2_code IS NOT NULL OR actor2_name IS NOT NULL
)
SELECT
    actor_code,
    actor_name,
    any_value(actor_country_code)                                         AS actor_country_code,
    count(DISTINCT global_event_id)                                       AS n_events,
    count(DISTINCT global_event_id) FILTER (WHERE actor_role = 1)         AS n_as_actor1,
    count(DISTINCT global_event_id) FILTER (WHERE actor_role = 2)         AS n_as_actor2,
    count(DISTINCT global_event_id) FILTER (WHERE event_root_code = '04') AS n_meetings,
    min(event_date)                                                       AS first_event_date,
    max(event_date)                                                       AS last_event_date
FROM roles
GROUP BY actor_code, actor_name
ORDER BY n_events DESC, actor_name, actor_code
LIMIT 100;
