-- meetings_of_days: the meetings (view who_met_whom) reported by the articles of the given days (partition_date:
-- the publication date, else the day an undated article's file arrived), one row per event and actor pair, for
-- the who-met-whom picture of a partition.
-- Parameters: $days DATE[]  partition days, e.g. [DATE '2024-07-08'].
SELECT DISTINCT
    w.global_event_id,
    w.event_date,
    w.actor1_code, w.actor1_name, w.actor1_country_code,
    w.actor2_code, w.actor2_name, w.actor2_country_code,
    w.event_code,
    w.action_geo_fullname,
    w.num_articles
FROM who_met_whom AS w
JOIN event_mentions AS m USING (global_event_id)
JOIN articles AS a ON a.article_id = m.article_id
WHERE coalesce(a.partition_date, a.pub_date) IN (SELECT unnest($days::DATE[]))
ORDER BY w.event_date, w.global_event_id;
