-- goldstein_by_dyad_month: how cooperative or hostile is each country towards another, month by month?
-- Mean Goldstein score (-10 most conflictual .. +10 most cooperative) per directed country pair
-- (actor1 country -> actor2 country, CAMEO codes) and calendar month of event_date, plain and weighted by
-- num_mentions (GDELT practice: widely reported events weigh more). Events without both countries are left out.
-- Parameters: none.
-- Example:  duckdb warehouse/events.duckdb -c ".read sql/analysis/goldstein_by_dyad_month.sql"
--           con.execute(open("sql/analysis/goldstein_by_dyad_month.sql").read()).fetchall()
SELECT
    date_trunc('month', event_date)::DATE                     AS month,
    actor1_country_code,
    actor2_country_code,
    count(*)                                                  AS n_events,
    round(avg(goldstein_scale), 2)                            AS mean_goldstein,
    round(sum(goldstein_scale * coalesce(num_mentions, 1))
          / nullif(sum(coalesce(num_mentions, 1)) FILTER (WHERE goldstein_scale IS NOT NULL), 0), 2)
                                                              AS mean_goldstein_weighted,
    min(goldstein_scale)                                      AS min_goldstein,
    max(goldstein_scale)                                      AS max_goldstein
FROM events
WHERE actor1_country_code IS NOT NULL
  AND actor2_country_code IS NOT NULL
  AND event_date IS NOT NULL
GROUP BY ALL
ORDER BY month, actor1_country_code, actor2_country_code;
