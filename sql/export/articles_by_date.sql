-- articles_by_date: every `articles` row, ordered by publication date (NULL last), for the Parquet export
-- partitions pub_date=YYYY-MM-DD. `extra` (JSON) is exported as text.
-- Parameters: none.
SELECT * REPLACE (extra::VARCHAR AS extra) FROM articles
ORDER BY pub_date NULLS LAST, article_id;
