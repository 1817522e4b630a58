-- attach_snapshot: attach a new, empty database file as `snapshot`, into which the writer then copies the whole
-- warehouse (COPY FROM DATABASE <current database> TO snapshot; DETACH snapshot). Readers open the copy
-- read-only while the pipeline writes the main file (DuckDB lets one process write and blocks the others).
-- Parameters: $path VARCHAR  the snapshot file being written (renamed into place once complete).
ATTACH $path AS snapshot;
