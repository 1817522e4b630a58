-- who_met_whom: meetings and consultations, i.e. deduplicated events of CAMEO root 04 ("Consult": discuss by
-- telephone, make / host a visit, meet at a third location, mediate, negotiate), one row per event, with the
-- two actors, where it happened, how widely it was reported and one sentence that reported it.
-- Ordered by event date (then event id, for a stable order).
-- Parameters: none.
CREATE OR REPLACE VIEW who_met_whom AS
SELECT
    global_event_id,
    event_date,
    date_precision,
    actor1_code,
    actor1_name,
    actor1_country_code,
    actor2_code,
    actor2_name,
    actor2_country_code,
    event_code,
    action_geo_fullname,
    action_geo_country_code,
    action_geo_lat,
    action_geo_long,
    num_mentions,
    num_articles,
    sentence,
    source_url
FROM events
WHERE event_root_code = '04'
ORDER BY event_date, global_event_id;
