-- replace_dimensions: reload the dimension tables from relations registered by the caller
-- (events.warehouse.load_dimensions): `new_cameo_event_codes`, `new_actors`, `new_places`, and
-- `new_dimension_sources` (name, data_hash, row_count, loaded_at). Run inside a transaction.
-- Parameters: none.
DELETE FROM cameo_event_codes;
INSERT INTO cameo_event_codes BY NAME SELECT * FROM new_cameo_event_codes;
DELETE FROM actors;
INSERT INTO actors BY NAME SELECT * FROM new_actors;
DELETE FROM places;
INSERT INTO places BY NAME SELECT * FROM new_places;
INSERT OR REPLACE INTO dimension_sources BY NAME SELECT * FROM new_dimension_sources;
