-- articles_by_date: the `articles` rows of one Parquet partition, pub_date=YYYY-MM-DD (NULL: the undated
-- partition), `extra` as its JSON text.
-- Parameters: $day (DATE or NULL).
SELECT * REPLACE (extra::VARCHAR AS extra) FROM articles
WHERE pub_date IS NOT DISTINCT FROM $day;
