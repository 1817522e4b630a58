-- events_digests: per Parquet partition of `events` (event_date), its row count and an order-independent hash
-- of its rows; the export rewrites a partition only when these change.
-- Parameters: none.
SELECT event_date, count(*), sum(hash(t)::HUGEINT) % 18446744073709551557
FROM events AS t
GROUP BY event_date;
