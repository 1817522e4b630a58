-- Dimension tables loaded from the project's data files (src/events/data/), refreshed by
-- events.warehouse.load_dimensions whenever those files change (dimension_sources keeps their hash):
--   cameo_event_codes  the CAMEO codebook (cameo_codebook.tsv), to name and weigh event codes
--   actors             the dated actor table (actors/*.tsv): who held which office, when
--   places             the gazetteer (GeoNames cities >= 15,000 inhabitants, capitals, countries, French additions)
-- Parameters: none. Idempotent (CREATE TABLE IF NOT EXISTS; comments are re-applied).
CREATE TABLE IF NOT EXISTS dimension_sources (
    name       VARCHAR PRIMARY KEY,
    data_hash  VARCHAR NOT NULL,
    row_count  INTEGER,
    loaded_at  TIMESTAMP
);

CREATE TABLE IF NOT EXISTS cameo_event_codes (
    event_code   VARCHAR PRIMARY KEY,
    root_code    VARCHAR NOT NULL,
    base_code    VARCHAR NOT NULL,
    name_en      VARCHAR NOT NULL,
    name_fr      VARCHAR,
    goldstein    DOUBLE NOT NULL,
    quad_class   INTEGER NOT NULL CHECK (quad_class BETWEEN 1 AND 4),
    plover_type  VARCHAR
);

CREATE TABLE IF NOT EXISTS actors (
    actor_name   VARCHAR NOT NULL,
    aliases      VARCHAR[],
    country_code VARCHAR,
    actor_code   VARCHAR NOT NULL,
    role         VARCHAR,
    office       VARCHAR,
    office_fr    VARCHAR,
    start_date   DATE,
    end_date     DATE
);

CREATE TABLE IF NOT EXISTS places (
    feature_id   VARCHAR,
    name         VARCHAR NOT NULL,
    fullname     VARCHAR,
    geo_type     INTEGER NOT NULL,
    country_iso2 VARCHAR,
    country_code VARCHAR,
    country_iso3 VARCHAR,
    adm1_code    VARCHAR,
    lat          DOUBLE,
    lon          DOUBLE,
    population   BIGINT,
    is_capital   BOOLEAN
);

COMMENT ON TABLE dimension_sources IS 'Hash of the data files each dimension table was loaded from (reloaded when it changes)';
COMMENT ON COLUMN dimension_sources.name IS 'Dimension table name';
COMMENT ON COLUMN dimension_sources.data_hash IS 'SHA-1 of the data files the table was built from';
COMMENT ON COLUMN dimension_sources.row_count IS 'Rows loaded';
COMMENT ON COLUMN dimension_sources.loaded_at IS 'When the table was (re)loaded (UTC)';

COMMENT ON TABLE cameo_event_codes IS 'CAMEO event codebook: every code the coder can emit, with its Goldstein weight';
COMMENT ON COLUMN cameo_event_codes.event_code IS 'CAMEO event code, leading zeros kept (joins events.event_code)';
COMMENT ON COLUMN cameo_event_codes.root_code IS 'Two-digit CAMEO root (01 make public statement .. 20 unconventional mass violence)';
COMMENT ON COLUMN cameo_event_codes.base_code IS 'Three-digit CAMEO base code';
COMMENT ON COLUMN cameo_event_codes.name_en IS 'Code description in English (CAMEO manual)';
COMMENT ON COLUMN cameo_event_codes.name_fr IS 'Code description in French';
COMMENT ON COLUMN cameo_event_codes.goldstein IS 'Goldstein scale (-10 conflictual .. +10 cooperative), as GDELT';
COMMENT ON COLUMN cameo_event_codes.quad_class IS 'GDELT quad class: 1 verbal coop., 2 material coop., 3 verbal conflict, 4 material conflict';
COMMENT ON COLUMN cameo_event_codes.plover_type IS 'PLOVER event type the code maps to';

COMMENT ON TABLE actors IS 'Dated actor table: office holders (heads of state and government, ministers, IGO leaders) with their terms';
COMMENT ON COLUMN actors.actor_name IS 'Person name as the table writes it';
COMMENT ON COLUMN actors.aliases IS 'Other spellings matched in French text (transliterations, surname)';
COMMENT ON COLUMN actors.country_code IS 'CAMEO/ISO alpha-3 country (NULL for an IGO leader)';
COMMENT ON COLUMN actors.actor_code IS 'CAMEO actor code while in this office (e.g. FRAGOV, IGOUNO)';
COMMENT ON COLUMN actors.role IS 'CAMEO role (GOV, MIL, IGO, ...)';
COMMENT ON COLUMN actors.office IS 'Office kind: head_of_state, head_of_government, foreign_minister, defence_minister, igo_leader, ...';
COMMENT ON COLUMN actors.office_fr IS 'Office title in French';
COMMENT ON COLUMN actors.start_date IS 'First day in this office';
COMMENT ON COLUMN actors.end_date IS 'Last day in this office (NULL: still in office)';

COMMENT ON TABLE places IS 'Gazetteer the coder resolves places with (GeoNames ids, GDELT geo fields)';
COMMENT ON COLUMN places.feature_id IS 'GeoNames feature id (joins events.action_geo_feature_id); NULL for a region without one';
COMMENT ON COLUMN places.name IS 'Place name (GeoNames / English)';
COMMENT ON COLUMN places.fullname IS 'Name with country (GDELT FullName style)';
COMMENT ON COLUMN places.geo_type IS 'GDELT geo type: 1 country, 2 US state, 3 US city, 4 world city, 5 world state/region';
COMMENT ON COLUMN places.country_iso2 IS 'ISO 3166-1 alpha-2 country';
COMMENT ON COLUMN places.country_code IS 'FIPS 10-4 country code (GDELT CountryCode)';
COMMENT ON COLUMN places.country_iso3 IS 'ISO 3166-1 alpha-3 country';
COMMENT ON COLUMN places.adm1_code IS 'GDELT ADM1 code (FIPS country + GeoNames admin1 code)';
COMMENT ON COLUMN places.lat IS 'Latitude in degrees (WGS84)';
COMMENT ON COLUMN places.lon IS 'Longitude in degrees (WGS84)';
COMMENT ON COLUMN places.population IS 'Population (GeoNames), 0 when unknown';
COMMENT ON COLUMN places.is_capital IS 'Whether the place is a national capital';
