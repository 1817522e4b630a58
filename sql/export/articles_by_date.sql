-- articles_by_date: the `articles` rows of one publication date, for the Parquet export partition
-- pub_date=YYYY-MM-DD. `extra` (JSON) is exported as text.
-- Parameters: $pub_date DATE (NULL selects the articles without a publication date).
SELECT * REPLACE (extra::VARCHAR AS extra) FROM articles
WHERE pub_date IS NOT DISTINCT FROM $pub_date
ORDER BY article_id;
