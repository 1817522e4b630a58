-- articles_digests: per Parquet partition of `articles` (pub_date), its row count and an order-independent hash
-- of its rows; the export rewrites a partition only when these change.
-- Parameters: none.
SELECT pub_date, count(*), sum(hash(t)::HUGEINT) % 18446744073709551557
FROM (SELECT * REPLACE (extra::VARCHAR AS extra) FROM articles) AS t
GROUP BY pub_date;
