-- rejects: quarantine of input records that could not be turned into articles (bad JSON, missing text,
-- wrong language, ...), so that a run completes and every dropped input is accounted for.
-- Parameters: none. Idempotent (CREATE TABLE IF NOT EXISTS; comments are re-applied).
CREATE TABLE IF NOT EXISTS rejects (
    reject_id   VARCHAR PRIMARY KEY,
    source_file VARCHAR NOT NULL,
    line_no     INTEGER,
    article_id  VARCHAR,
    reason      VARCHAR NOT NULL,
    detail      VARCHAR,
    raw         VARCHAR,
    date_added  TIMESTAMP
);

COMMENT ON TABLE rejects IS 'Rejected input records (quarantine), one row per rejected line or file';

COMMENT ON COLUMN rejects.reject_id IS 'Stable id of the rejected record (e.g. hash of source file and line)';
COMMENT ON COLUMN rejects.source_file IS 'Input file the record came from';
COMMENT ON COLUMN rejects.line_no IS '1-based line number in a JSON Lines file; NULL for whole files';
COMMENT ON COLUMN rejects.article_id IS 'Article id, when one could be read from the record';
COMMENT ON COLUMN rejects.reason IS 'Short machine-readable reason (e.g. bad_json, no_text, bad_date, duplicate)';
COMMENT ON COLUMN rejects.detail IS 'Human-readable detail (error message)';
COMMENT ON COLUMN rejects.raw IS 'Raw input record (possibly truncated)';
COMMENT ON COLUMN rejects.date_added IS 'When the reject was recorded (UTC)';
