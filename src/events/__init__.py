"""events: French news articles → CAMEO-coded political events (DuckDB + Parquet).

The library never imports Dagster. The single entry point is :func:`events.extract.extract_events`.
"""

__version__ = "0.1.0"
