-- dimension_hash: the data-file hash the dimension tables were last loaded from (no row: never loaded).
-- Parameters: none.
SELECT data_hash FROM dimension_sources WHERE name = 'all';
