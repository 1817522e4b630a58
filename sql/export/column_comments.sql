-- column_comments: name, DuckDB type and comment of every column of a table, in table order (for the
-- exports' _schema.json).
-- Parameters: $table VARCHAR  table name, e.g. 'events'.
SELECT column_name, data_type, comment
FROM duckdb_columns()
WHERE table_name = $table AND schema_name = 'main'
ORDER BY column_index;
