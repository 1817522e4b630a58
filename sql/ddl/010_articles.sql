-- articles: one row per accepted input article (a JSON Lines line, or a .txt/.md file), after validation and
-- text normalisation (quotes, apostrophes, NBSP). Rejected inputs go to `rejects` instead.
-- Parameters: none. Idempotent (CREATE TABLE IF NOT EXISTS; comments are re-applied).
CREATE TABLE IF NOT EXISTS articles (
    article_id   VARCHAR PRIMARY KEY,
    source_file  VARCHAR,
    line_no      INTEGER,
    url          VARCHAR,
    title        VARCHAR,
    published_at TIMESTAMP,
    pub_date     DATE,
    source_name  VARCHAR,
    lang         VARCHAR,
    text         VARCHAR NOT NULL,
    text_hash    VARCHAR NOT NULL,
    extra        JSON,
    n_events     INTEGER,
    date_added   TIMESTAMP,
    date_source  VARCHAR,
    partition_date DATE
);

COMMENT ON TABLE articles IS 'Accepted input articles, one row per article, with normalised text';

COMMENT ON COLUMN articles.article_id IS 'Stable article id: the input id (JSONL), the file stem (.txt/.md), else sha- + text hash';
COMMENT ON COLUMN articles.source_file IS 'Input file the article was read from';
COMMENT ON COLUMN articles.line_no IS '1-based line number in a JSON Lines file; NULL for .txt/.md files';
COMMENT ON COLUMN articles.url IS 'Article URL, if given';
COMMENT ON COLUMN articles.title IS 'Article title, if given';
COMMENT ON COLUMN articles.published_at IS 'Publication date-time in UTC when the input gave a UTC offset (2024-10-10T08:30:00+02:00 is stored as 06:30), as written when it gave none, midnight when it gave only a date; NULL when it gave no date';
COMMENT ON COLUMN articles.pub_date IS 'Publication date, the calendar day of the article''s own time zone (reference date for relative dates); NULL when the input gave none';
COMMENT ON COLUMN articles.source_name IS 'News source (outlet) name, if given';
COMMENT ON COLUMN articles.lang IS 'Language code of the article (e.g. fr)';
COMMENT ON COLUMN articles.text IS 'Normalised article body text (character offsets in event rows refer to it)';
COMMENT ON COLUMN articles.text_hash IS 'Hash of the normalised text, to detect changed or duplicate articles';
COMMENT ON COLUMN articles.extra IS 'Input keys not in the article contract, kept as a JSON object';
COMMENT ON COLUMN articles.n_events IS 'Number of event mentions extracted from the article';
COMMENT ON COLUMN articles.date_added IS 'When the article was loaded into the warehouse (UTC)';
COMMENT ON COLUMN articles.date_source IS 'Where the article''s day comes from: input (the input gave published_at or a Date: line) or file_arrival (it gave none: the day its file arrived)';
COMMENT ON COLUMN articles.partition_date IS 'The daily partition the article was loaded under: pub_date, else the day (Europe/Paris) its file arrived';
