-- event_mentions: one row per (event, article, sentence, trigger) as coded by `events extract`.
-- Columns are exactly events.schema.EVENT_FIELDS (../src/events/schema.py, the single source of truth), in order.
-- The same global_event_id appears once per article/sentence reporting it; sql/load/rebuild_events.sql folds
-- these rows into `events`. The primary key makes sentence_index and action_char_offset NOT NULL too.
-- Parameters: none. Idempotent (CREATE TABLE IF NOT EXISTS; comments are re-applied).
CREATE TABLE IF NOT EXISTS event_mentions (
    global_event_id         BIGINT NOT NULL,
    article_id              VARCHAR NOT NULL,
    event_date              DATE,
    date_precision          VARCHAR,
    sql_date                INTEGER,
    actor1_code             VARCHAR,
    actor1_name             VARCHAR,
    actor1_country_code     VARCHAR,
    actor1_known_group_code VARCHAR,
    actor1_type1_code       VARCHAR,
    actor1_type2_code       VARCHAR,
    actor1_text             VARCHAR,
    actor2_code             VARCHAR,
    actor2_name             VARCHAR,
    actor2_country_code     VARCHAR,
    actor2_known_group_code VARCHAR,
    actor2_type1_code       VARCHAR,
    actor2_type2_code       VARCHAR,
    actor2_text             VARCHAR,
    event_code              VARCHAR NOT NULL,
    event_base_code         VARCHAR,
    event_root_code         VARCHAR NOT NULL,
    quad_class              INTEGER,
    goldstein_scale         DOUBLE,
    plover_type             VARCHAR,
    is_root_event           BOOLEAN,
    actor1_geo_type         INTEGER,
    actor1_geo_fullname     VARCHAR,
    actor1_geo_country_code VARCHAR,
    actor1_geo_country_iso2 VARCHAR,
    actor1_geo_adm1_code    VARCHAR,
    actor1_geo_lat          DOUBLE,
    actor1_geo_long         DOUBLE,
    actor1_geo_feature_id   VARCHAR,
    actor1_geo_text         VARCHAR,
    actor2_geo_type         INTEGER,
    actor2_geo_fullname     VARCHAR,
    actor2_geo_country_code VARCHAR,
    actor2_geo_country_iso2 VARCHAR,
    actor2_geo_adm1_code    VARCHAR,
    actor2_geo_lat          DOUBLE,
    actor2_geo_long         DOUBLE,
    actor2_geo_feature_id   VARCHAR,
    actor2_geo_text         VARCHAR,
    action_geo_type         INTEGER,
    action_geo_fullname     VARCHAR,
    action_geo_country_code VARCHAR,
    action_geo_country_iso2 VARCHAR,
    action_geo_adm1_code    VARCHAR,
    action_geo_lat          DOUBLE,
    action_geo_long         DOUBLE,
    action_geo_feature_id   VARCHAR,
    action_geo_text         VARCHAR,
    num_mentions            INTEGER,
    num_sources             INTEGER,
    num_articles            INTEGER,
    avg_tone                DOUBLE,
    sentence                VARCHAR,
    sentence_index          INTEGER,
    trigger                 VARCHAR,
    actor1_char_offset      INTEGER,
    actor2_char_offset      INTEGER,
    action_char_offset      INTEGER,
    confidence              DOUBLE,
    rule_id                 VARCHAR,
    source_url              VARCHAR,
    source_name             VARCHAR,
    date_added              TIMESTAMP,
    PRIMARY KEY (global_event_id, article_id, sentence_index, action_char_offset)
);

COMMENT ON TABLE event_mentions IS 'One row per mention of an event: an article sentence coded as a CAMEO event (grain of events extract)';

COMMENT ON COLUMN event_mentions.global_event_id IS 'Stable 64-bit hash of the dedup signature (day, dyad, event code, place); GDELT GLOBALEVENTID';
COMMENT ON COLUMN event_mentions.article_id IS 'Article that reported the event (articles.article_id)';
COMMENT ON COLUMN event_mentions.event_date IS 'Date the event took place';
COMMENT ON COLUMN event_mentions.date_precision IS 'Precision of event_date: day, week, month, year or publication (fell back to publication date)';
COMMENT ON COLUMN event_mentions.sql_date IS 'Event date as YYYYMMDD integer (GDELT SQLDATE)';
COMMENT ON COLUMN event_mentions.actor1_code IS 'Actor1 full CAMEO actor code (country + role/group, e.g. FRAGOV)';
COMMENT ON COLUMN event_mentions.actor1_name IS 'Actor1 normalised name (person, office, group or country)';
COMMENT ON COLUMN event_mentions.actor1_country_code IS 'Actor1 CAMEO 3-letter country affiliation (e.g. FRA, CHN)';
COMMENT ON COLUMN event_mentions.actor1_known_group_code IS 'Actor1 CAMEO known group / IGO code (e.g. UNO, EEC), if any';
COMMENT ON COLUMN event_mentions.actor1_type1_code IS 'Actor1 primary CAMEO role/type code (e.g. GOV, MIL)';
COMMENT ON COLUMN event_mentions.actor1_type2_code IS 'Actor1 secondary CAMEO role/type code';
COMMENT ON COLUMN event_mentions.actor1_text IS 'Actor1 as written in the article';
COMMENT ON COLUMN event_mentions.actor2_code IS 'Actor2 full CAMEO actor code (country + role/group, e.g. FRAGOV)';
COMMENT ON COLUMN event_mentions.actor2_name IS 'Actor2 normalised name (person, office, group or country)';
COMMENT ON COLUMN event_mentions.actor2_country_code IS 'Actor2 CAMEO 3-letter country affiliation (e.g. FRA, CHN)';
COMMENT ON COLUMN event_mentions.actor2_known_group_code IS 'Actor2 CAMEO known group / IGO code (e.g. UNO, EEC), if any';
COMMENT ON COLUMN event_mentions.actor2_type1_code IS 'Actor2 primary CAMEO role/type code (e.g. GOV, MIL)';
COMMENT ON COLUMN event_mentions.actor2_type2_code IS 'Actor2 secondary CAMEO role/type code';
COMMENT ON COLUMN event_mentions.actor2_text IS 'Actor2 as written in the article';
COMMENT ON COLUMN event_mentions.event_code IS 'CAMEO event code, leading zeros kept (e.g. 040, 042, 1121)';
COMMENT ON COLUMN event_mentions.event_base_code IS 'CAMEO level-2 code (first 3 digits) of event_code';
COMMENT ON COLUMN event_mentions.event_root_code IS 'CAMEO root code (2 digits, e.g. 04 consult)';
COMMENT ON COLUMN event_mentions.quad_class IS 'GDELT quad class: 1 verbal coop (01-05), 2 material coop (06-09), 3 verbal conflict (10-14), 4 material conflict (15-20)';
COMMENT ON COLUMN event_mentions.goldstein_scale IS 'Goldstein score of event_code, -10 to +10';
COMMENT ON COLUMN event_mentions.plover_type IS 'PLOVER event type matching the CAMEO code (e.g. CONSULT)';
COMMENT ON COLUMN event_mentions.is_root_event IS 'True when the event comes from the lead of the article (title or first sentences)';
COMMENT ON COLUMN event_mentions.actor1_geo_type IS 'Geo type of Actor1 (source) location (GDELT: 1 country, 4 world city, 5 world ADM1)';
COMMENT ON COLUMN event_mentions.actor1_geo_fullname IS 'Full readable name of Actor1 (source) location (e.g. Beijing, Beijing, China)';
COMMENT ON COLUMN event_mentions.actor1_geo_country_code IS 'FIPS 10-4 country code of Actor1 (source) location (GDELT: China CH, Belarus BO)';
COMMENT ON COLUMN event_mentions.actor1_geo_country_iso2 IS 'ISO 3166-1 alpha-2 country code of Actor1 (source) location';
COMMENT ON COLUMN event_mentions.actor1_geo_adm1_code IS 'FIPS country + ADM1 code of Actor1 (source) location (e.g. CH22)';
COMMENT ON COLUMN event_mentions.actor1_geo_lat IS 'Latitude (WGS84 degrees) of Actor1 (source) location';
COMMENT ON COLUMN event_mentions.actor1_geo_long IS 'Longitude (WGS84 degrees) of Actor1 (source) location';
COMMENT ON COLUMN event_mentions.actor1_geo_feature_id IS 'GeoNames id (as text) of Actor1 (source) location';
COMMENT ON COLUMN event_mentions.actor1_geo_text IS 'Actor1 (source) location as written in the article';
COMMENT ON COLUMN event_mentions.actor2_geo_type IS 'Geo type of Actor2 (target) location (GDELT: 1 country, 4 world city, 5 world ADM1)';
COMMENT ON COLUMN event_mentions.actor2_geo_fullname IS 'Full readable name of Actor2 (target) location (e.g. Beijing, Beijing, China)';
COMMENT ON COLUMN event_mentions.actor2_geo_country_code IS 'FIPS 10-4 country code of Actor2 (target) location (GDELT: China CH, Belarus BO)';
COMMENT ON COLUMN event_mentions.actor2_geo_country_iso2 IS 'ISO 3166-1 alpha-2 country code of Actor2 (target) location';
COMMENT ON COLUMN event_mentions.actor2_geo_adm1_code IS 'FIPS country + ADM1 code of Actor2 (target) location (e.g. CH22)';
COMMENT ON COLUMN event_mentions.actor2_geo_lat IS 'Latitude (WGS84 degrees) of Actor2 (target) location';
COMMENT ON COLUMN event_mentions.actor2_geo_long IS 'Longitude (WGS84 degrees) of Actor2 (target) location';
COMMENT ON COLUMN event_mentions.actor2_geo_feature_id IS 'GeoNames id (as text) of Actor2 (target) location';
COMMENT ON COLUMN event_mentions.actor2_geo_text IS 'Actor2 (target) location as written in the article';
COMMENT ON COLUMN event_mentions.action_geo_type IS 'Geo type of the action location (GDELT: 1 country, 4 world city, 5 world ADM1)';
COMMENT ON COLUMN event_mentions.action_geo_fullname IS 'Full readable name of the action location (e.g. Beijing, Beijing, China)';
COMMENT ON COLUMN event_mentions.action_geo_country_code IS 'FIPS 10-4 country code of the action location (GDELT: China CH, Belarus BO)';
COMMENT ON COLUMN event_mentions.action_geo_country_iso2 IS 'ISO 3166-1 alpha-2 country code of the action location';
COMMENT ON COLUMN event_mentions.action_geo_adm1_code IS 'FIPS country + ADM1 code of the action location (e.g. CH22)';
COMMENT ON COLUMN event_mentions.action_geo_lat IS 'Latitude (WGS84 degrees) of the action location';
COMMENT ON COLUMN event_mentions.action_geo_long IS 'Longitude (WGS84 degrees) of the action location';
COMMENT ON COLUMN event_mentions.action_geo_feature_id IS 'GeoNames id (as text) of the action location';
COMMENT ON COLUMN event_mentions.action_geo_text IS 'The action location as written in the article';
COMMENT ON COLUMN event_mentions.num_mentions IS 'Mention count carried by the extractor (1 per row); see events for the totals';
COMMENT ON COLUMN event_mentions.num_sources IS 'Source count carried by the extractor; see events for the totals';
COMMENT ON COLUMN event_mentions.num_articles IS 'Article count carried by the extractor; see events for the totals';
COMMENT ON COLUMN event_mentions.avg_tone IS 'Average tone of the reporting articles (-100..+100), NULL when not computed';
COMMENT ON COLUMN event_mentions.sentence IS 'Sentence the event was coded from';
COMMENT ON COLUMN event_mentions.sentence_index IS '0-based index of the sentence in the article text';
COMMENT ON COLUMN event_mentions.trigger IS 'French predicate (verb or noun) that triggered the CAMEO code';
COMMENT ON COLUMN event_mentions.actor1_char_offset IS 'Character offset of Actor1 text in the article text';
COMMENT ON COLUMN event_mentions.actor2_char_offset IS 'Character offset of Actor2 text in the article text';
COMMENT ON COLUMN event_mentions.action_char_offset IS 'Character offset of the trigger in the article text';
COMMENT ON COLUMN event_mentions.confidence IS 'Coder confidence in the event, 0..1';
COMMENT ON COLUMN event_mentions.rule_id IS 'Coding rule that produced the event: the trigger-dictionary entry and argument frame (e.g. 04/rencontrer.v@meet:obj); NULL when not recorded';
COMMENT ON COLUMN event_mentions.source_url IS 'URL of the reporting article (GDELT SOURCEURL)';
COMMENT ON COLUMN event_mentions.source_name IS 'Name of the news source (outlet) of the reporting article';
COMMENT ON COLUMN event_mentions.date_added IS 'When the event row was added to the warehouse (UTC)';
