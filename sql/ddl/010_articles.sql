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
    date_added   TIMESTAMP
);

COMMENT ON TABLE articles IS 'Accepted input articles, one row per article, with normalised text';

COMMENT ON COLUMN articles.article_id IS 'Stable article id: the input id (JSONL), the file stem (.txt/.md), else sha- + text hash';
COMMENT ON COLUMN articles.source_file IS 'Input file the article was read from';
COMMENT ON COLUMN articles.line_no IS '1-based line number in a JSON Lines file; NULL for .txt/.md files';
COMMENT ON COLUMN articles.url IS 'Article URL, if given';
COMMENT ON COLUMN articles.title IS 'Article title, if given';
COMMENT ON COLUMN articles.published_at IS 'Publication date-time as given (midnight when only a date was given)';
COMMENT ON COLUMN articles.pub_date IS 'Publication date (reference date for relative dates); NULL when unknown';
COMMENT ON COLUMN articles.source_name IS 'News source (outlet) name, if given';
COMMENT ON COLUMN articles.lang IS 'Language code of the article (e.g. fr)';
COMMENT ON COLUMN articles.text IS 'Normalised article body text (character offsets in event rows refer to it)';
COMMENT ON COLUMN articles.text_hash IS 'Hash of the normalised text, to detect changed or duplicate articles';
COMMENT ON COLUMN articles.extra IS 'Input keys not in the article contract, kept as a JSON object';
COMMENT ON COLUMN articles.n_events IS 'Number of event mentions extracted from the article';
COMMENT ON COLUMN articles.date_added IS 'When the article was loaded into the warehouse (UTC)';
