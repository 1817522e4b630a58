-- table_checksum: row count and an order-independent checksum of every row of a table, excluding the load
-- timestamp (date_added), to prove a rerun leaves a table identical. __TABLE__ is replaced by the caller with a
-- checked, quoted table identifier (events.warehouse.duckdb_identifier); identifiers cannot be bound.
-- Parameters: none.
SELECT count(*), sum(hash(t)::HUGEINT) % 18446744073709551557
FROM (SELECT * EXCLUDE (date_added) FROM __TABLE__) AS t;
