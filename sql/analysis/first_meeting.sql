-- first_meeting: when did two actors first meet, and how often since?
-- For every unordered pair of actors (CAMEO actor codes, e.g. CHNGOV / BLRGOV) with at least one meeting or
-- consultation (CAMEO root 04): the date and place of their first dated meeting, the event code, the number
-- of meetings and the date of the latest. Pairs ordered by their first meeting.
-- Parameters: none.
-- Example:  duckdb warehouse/events.duckdb -c ".read sql/analysis/first_meeting.sql"
--           con.execute(open("sql/analysis/first_meeting.sql").read()).fetchall()
WITH meetings AS (
    SELECT
        least(actor1_code, actor2_code)    AS actor_a,
        greatest(actor1_code, actor2_code) AS actor_b,
        event_date,
        event_code,
        action_geo_fullname,
        global_event_id
    FROM events
    WHERE event_root_code = '04' AND event_date IS NOT NULL
      AND actor1_code IS NOT NULL AND actor2_code IS NOT NULL AND actor1_code <> actor2_code
)
SELECT
    actor_a,
    actor_b,
    min(event_date)                                                  AS first_met,
    arg_min(action_geo_fullname, (event_date, global_event_id))     AS first_place,
    arg_min(event_code, (event_date, global_event_id))              AS first_event_code,
    count(*)                                                         AS n_meetings,
    max(event_date)                                                  AS last_met
FROM meetings
GROUP BY actor_a, actor_b
ORDER BY first_met, actor_a, actor_b;
