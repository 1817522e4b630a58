-- 004_add_date_source: articles.date_source (input | file_arrival) and articles.partition_date (the daily
-- partition an article was loaded under: its publication date, else the day its file arrived), on a warehouse
-- created before them. Rows loaded before get date_source from published_at and partition_date = pub_date, or,
-- for an undated article, the day it was loaded (the day its file arrived is no longer known).
-- Runs before sql/ddl on an existing warehouse (whose COMMENT ON statements then find the columns); on a new
-- warehouse it runs after sql/ddl and changes nothing.
-- Parameters: none.
ALTER TABLE IF EXISTS articles ADD COLUMN IF NOT EXISTS date_source VARCHAR;
ALTER TABLE IF EXISTS articles ADD COLUMN IF NOT EXISTS partition_date DATE;
UPDATE articles
SET date_source = CASE WHEN published_at IS NULL THEN 'file_arrival' ELSE 'input' END,
    partition_date = coalesce(pub_date, date_added::DATE)
WHERE date_source IS NULL;
