-- new_dyads: which pairs of countries interacted for the first time in the last $days days?
-- Unordered country dyads (CAMEO actor country codes; IGOs by actor code) whose first dated event in the
-- warehouse falls in the $days days ending on $as_of (inclusive), with that first event and the number of
-- events in the window.
-- Parameters: $as_of DATE     last day of the window, e.g. DATE '2024-07-14' (current_date for "this week")
--             $days  INTEGER  window length in days, e.g. 7
-- Python:  con.execute(open("sql/analysis/new_dyads.sql").read(), {"as_of": datetime.date(2024, 7, 14), "days": 7})
-- CLI:     duckdb warehouse/events.duckdb -c "PREPARE nd AS $(cat sql/analysis/new_dyads.sql)
--            EXECUTE nd(as_of := current_date, days := 7);"
WITH dyad_events AS (
    SELECT
        least(coalesce(actor1_country_code, actor1_code), coalesce(actor2_country_code, actor2_code))    AS party_a,
        greatest(coalesce(actor1_country_code, actor1_code), coalesce(actor2_country_code, actor2_code)) AS party_b,
        event_date,
        event_code,
        global_event_id
    FROM events
    WHERE event_date IS NOT NULL
),
dyads AS (
    SELECT
        party_a,
        party_b,
        min(event_date)                                         AS first_date,
        arg_min(event_code, (event_date, global_event_id))      AS first_event_code,
        count(*) FILTER (WHERE event_date BETWEEN $as_of::DATE - ($days::INTEGER - 1) AND $as_of::DATE) AS n_events_in_window
    FROM dyad_events
    WHERE party_a IS NOT NULL AND party_b IS NOT NULL AND party_a <> party_b
    GROUP BY party_a, party_b
)
SELECT party_a, party_b, first_date, first_event_code, n_events_in_window
FROM dyads
WHERE first_date BETWEEN $as_of::DATE - ($days::INTEGER - 1) AND $as_of::DATE
ORDER BY first_date, party_a, party_b;
