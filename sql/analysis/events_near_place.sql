-- events_near_place: what happened within $km kilometres of a point?
-- Events whose action location (action_geo_lat/long) is within $km km of ($lat, $lon), by great-circle
-- (haversine) distance on a sphere of radius 6371.0088 km (mean Earth radius), nearest first.
-- Parameters: $lat DOUBLE  latitude in degrees,  e.g. 39.9   (Beijing)
--             $lon DOUBLE  longitude in degrees, e.g. 116.4
--             $km  DOUBLE  radius in kilometres, e.g. 100
-- Python:  con.execute(open("sql/analysis/events_near_place.sql").read(), {"km": 100, "lat": 39.9, "lon": 116.4})
-- CLI (prepare, then execute with named values):
--   duckdb warehouse/events.duckdb -c "PREPARE near AS $(cat sql/analysis/events_near_place.sql)
--     EXECUTE near(lat := 39.9, lon := 116.4, km := 100);"
WITH located AS (
    SELECT
        global_event_id,
        event_date,
        actor1_name,
        actor2_name,
        event_code,
        action_geo_fullname,
        action_geo_country_code,
        action_geo_lat,
        action_geo_long,
        num_articles,
        source_url,
        2 * 6371.0088 * asin(least(1.0, sqrt(
            pow(sin(radians(action_geo_lat - $lat::DOUBLE) / 2), 2)
            + cos(radians($lat::DOUBLE)) * cos(radians(action_geo_lat))
              * pow(sin(radians(action_geo_long - $lon::DOUBLE) / 2), 2)
        ))) AS distance_km
    FROM events
    WHERE action_geo_lat IS NOT NULL
      AND action_geo_long IS NOT NULL
)
SELECT
    global_event_id,
    event_date,
    actor1_name,
    actor2_name,
    event_code,
    action_geo_fullname,
    action_geo_country_code,
    action_geo_lat,
    action_geo_long,
    round(distance_km, 1) AS distance_km,
    num_articles,
    source_url
FROM located
WHERE distance_km <= $km::DOUBLE
ORDER BY distance_km, event_date, global_event_id;
