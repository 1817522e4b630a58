"""The DuckDB warehouse and its Parquet exports. Knows nothing of spaCy or Dagster.

Every statement lives in ``sql/`` (ddl, views, load, export, analysis) and is run with bound
parameters or registered Arrow relations, never with data formatted into SQL text.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from events.articles import Article, Reject
from events.schema import EVENT_SCHEMA, events_table

SCHEMA_VERSION = 1
NULL_PARTITION = "__HIVE_DEFAULT_PARTITION__"


def sql_dir() -> Path:
    """The project's ``sql/`` folder ($EVENTS_SQL_DIR overrides)."""
    override = os.environ.get("EVENTS_SQL_DIR")
    if override:
        return Path(override)
    return Path(__file__).resolve().parents[2] / "sql"


def read_sql(name: str) -> str:
    return (sql_dir() / name).read_text(encoding="utf-8")


def connect(path: Path | str) -> duckdb.DuckDBPyConnection:
    """Open (creating if needed) the warehouse and apply the schema."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(path))
    apply_schema(con)
    return con


def apply_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Run sql/ddl/*.sql then sql/views/*.sql (all idempotent) and record the schema version."""
    for folder in ("ddl", "views"):
        for path in sorted((sql_dir() / folder).glob("*.sql")):
            con.execute(path.read_text(encoding="utf-8"))
    con.execute(
        "INSERT INTO schema_version (version, description) SELECT $v, $d "
        "WHERE NOT EXISTS (SELECT 1 FROM schema_version WHERE version = $v)",
        {"v": SCHEMA_VERSION, "d": "articles, event_mentions, events, rejects; gdelt_events, who_met_whom"},
    )


ARTICLE_SCHEMA = pa.schema([
    ("article_id", pa.string()), ("source_file", pa.string()), ("line_no", pa.int32()), ("url", pa.string()),
    ("title", pa.string()), ("published_at", pa.timestamp("us")), ("pub_date", pa.date32()),
    ("source_name", pa.string()), ("lang", pa.string()), ("text", pa.string()), ("text_hash", pa.string()),
    ("extra", pa.string()), ("n_events", pa.int32()), ("date_added", pa.timestamp("us")),
])
REJECT_SCHEMA = pa.schema([
    ("reject_id", pa.string()), ("source_file", pa.string()), ("line_no", pa.int32()), ("article_id", pa.string()),
    ("reason", pa.string()), ("detail", pa.string()), ("raw", pa.string()), ("date_added", pa.timestamp("us")),
])


def _naive_utc(moment: datetime | None) -> datetime | None:
    if moment is None or moment.tzinfo is None:
        return moment
    return moment.astimezone(UTC).replace(tzinfo=None)


def articles_table(articles: Sequence[Article], counts: dict[str, int], added: datetime) -> pa.Table:
    rows = [{
        "article_id": a.article_id, "source_file": a.source_file, "line_no": a.line_no, "url": a.url,
        "title": a.title, "published_at": _naive_utc(a.published_at), "pub_date": a.pub_date,
        "source_name": a.source, "lang": a.lang, "text": a.text, "text_hash": a.text_hash,
        "extra": json.dumps(a.extra, ensure_ascii=False) if a.extra else None,
        "n_events": counts.get(a.article_id, 0), "date_added": added,
    } for a in articles]
    return pa.Table.from_pylist(rows, schema=ARTICLE_SCHEMA)


def reject_id(reject: Reject) -> str:
    key = f"{reject.source_file}|{reject.line_no}|{reject.reason}|{reject.article_id}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:20]


def rejects_table(rejects: Sequence[Reject], added: datetime) -> pa.Table:
    rows = [{
        "reject_id": reject_id(r), "source_file": r.source_file, "line_no": r.line_no, "article_id": r.article_id,
        "reason": r.reason, "detail": r.detail, "raw": r.raw, "date_added": added,
    } for r in rejects]
    return pa.Table.from_pylist(rows, schema=REJECT_SCHEMA)


def known_articles(con: duckdb.DuckDBPyConnection) -> tuple[set[str], set[str]]:
    """Ids and text hashes already loaded."""
    rows = con.execute(read_sql("load/known_articles.sql")).fetchall()
    return {r[0] for r in rows}, {r[1] for r in rows}


@dataclass(frozen=True, slots=True)
class LoadResult:
    articles: int
    mentions: int
    events: int
    rejects: int


def load(con: duckdb.DuckDBPyConnection, *, articles: Sequence[Article], mentions: pa.Table | list[dict[str, Any]],
         rejects: Sequence[Reject] = ()) -> LoadResult:
    """Load a batch in one transaction: replace the articles' mentions, upsert articles and rejects, rebuild events."""
    added = datetime.now(UTC).replace(tzinfo=None, microsecond=0)
    new_mentions = mentions if isinstance(mentions, pa.Table) else events_table(mentions)
    counts: dict[str, int] = {}
    for article_id in new_mentions.column("article_id").to_pylist():
        counts[article_id] = counts.get(article_id, 0) + 1
    new_articles = articles_table(articles, counts, added)
    new_rejects = rejects_table(rejects, added)
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute(read_sql("load/delete_article_mentions.sql"), {"article_ids": [a.article_id for a in articles]})
        con.register("new_mentions", new_mentions)
        con.register("new_articles", new_articles)
        con.register("new_rejects", new_rejects)
        con.execute(read_sql("load/insert_event_mentions.sql"))
        con.execute(read_sql("load/upsert_articles.sql"))
        con.execute(read_sql("load/upsert_rejects.sql"))
        con.execute(read_sql("load/rebuild_events.sql"))
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    finally:
        for name in ("new_mentions", "new_articles", "new_rejects"):
            con.unregister(name)
    total_events = con.execute("SELECT count(*) FROM events").fetchone()
    return LoadResult(len(articles), new_mentions.num_rows, int(total_events[0]) if total_events else 0,
                      len(rejects))


def export_events(con: duckdb.DuckDBPyConnection, out_dir: Path | str) -> list[Path]:
    """Write ``events`` as hive partitions ``date=YYYY-MM-DD/events.parquet`` (zstd); a rerun replaces files."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    dates: list[date | None] = [row[0] for row in con.execute(read_sql("export/event_dates.sql")).fetchall()]
    written: list[Path] = []
    wanted = set()
    for event_date in dates:
        partition = f"date={event_date.isoformat() if event_date else NULL_PARTITION}"
        wanted.add(partition)
        table = con.sql(read_sql("export/events_by_date.sql"), params={"event_date": event_date}).to_arrow_table()
        table = table.cast(EVENT_SCHEMA) if table.schema != EVENT_SCHEMA else table
        folder = out_dir / partition
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / "events.parquet"
        temporary = folder / ".events.parquet.tmp"
        pq.write_table(table, temporary, compression="zstd")
        temporary.replace(target)
        written.append(target)
    for stale in out_dir.glob("date=*"):
        if stale.name not in wanted and stale.is_dir():
            shutil.rmtree(stale)
    return written


def who_met_whom(db: Path | str, *, limit: int = 25) -> list[dict[str, Any]]:
    """Rows of the ``who_met_whom`` view (read-only connection)."""
    with duckdb.connect(str(db), read_only=True) as con:
        cursor = con.execute("SELECT * FROM who_met_whom LIMIT $limit", {"limit": limit})
        columns = [d[0] for d in cursor.description]
        return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]


def table_counts(con: duckdb.DuckDBPyConnection, tables: Iterable[str] = (
        "articles", "event_mentions", "events", "rejects")) -> dict[str, int]:
    counts = {}
    for table in tables:
        row = con.execute(f"SELECT count(*) FROM {duckdb_identifier(table)}").fetchone()
        counts[table] = int(row[0]) if row else 0
    return counts


def duckdb_identifier(name: str) -> str:
    if not name.replace("_", "").isalnum():
        raise ValueError(f"not a table name: {name!r}")
    return f'"{name}"'
