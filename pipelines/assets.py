"""Assets of a day: the inbox's articles of the day, then their coded events.

Every asset is partitioned by publication date (Europe/Paris, pipelines.partitions); a backfill of a date range
runs as one run. Bodies read, call ``events.*``, write, and report metadata; the logic lives in the library.
The warehouse tables are in pipelines.tables, the exports and the picture in pipelines.exports.
"""


import shutil
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import dagster as dg
from dagster_duckdb import DuckDBResource

from events.articles import Article, Reject, article_day, iter_input_files, undated_warning
from events.staging import ArticleWriter, MentionWriter, id_hashes, iter_articles
from events.warehouse import WarehouseDamaged, WarehouseUnwritable, check_warehouse, file_digest, known_articles
from pipelines import versions
from pipelines.partitions import daily_partitions, first_day, partition_days, read_inbox, single_run
from pipelines.resources import EventsConfig, open_warehouse


def conflicting_id(article: Article, known: dict[str, str]) -> Reject:
    """The reject of an article whose id is already loaded (on another day) with another text: the warehouse keeps
    the version it has, never replaces it silently."""
    return Reject(article.source_file or "", article.line_no, "conflicting_id",
                  f"id {article.article_id} is already loaded, on another day, with another text (hash "
                  f"{known[article.article_id][:12]}, this one {article.text_hash[:12]}): this version is not "
                  "loaded. Give it an id of its own, or delete the loaded article to load this one instead",
                  article_id=article.article_id)


def day_range(days: list[date]) -> str:
    return days[0].isoformat() if len(days) == 1 else f"{days[0].isoformat()}...{days[-1].isoformat()}"


def staging_dir(context: dg.AssetExecutionContext) -> Path:
    """Where a run stages its days' files: ``<instance storage>/staging/<run id>/`` (DAGSTER_HOME/storage for a
    persistent instance). warehouse_tables deletes a day's files once it has loaded them; the files of a run that
    failed stay for a re-execution, and are pruned by the next run after STAGING_KEEP_SECONDS."""
    return Path(context.instance.storage_directory()) / "staging" / context.run.run_id


STAGING_KEEP_SECONDS = 7 * 24 * 3600


def prune_staging(context: dg.AssetExecutionContext) -> None:
    """Delete the staged files of runs older than STAGING_KEEP_SECONDS (left by runs that failed)."""
    root = staging_dir(context).parent
    if not root.is_dir():
        return
    limit = time.time() - STAGING_KEEP_SECONDS
    for run in root.iterdir():
        if run.is_dir() and run.stat().st_mtime < limit:
            shutil.rmtree(run, ignore_errors=True)


def staged_file(context: dg.AssetExecutionContext, name: str) -> Path:
    window = context.partition_key_range
    days = window.start if window.start == window.end else f"{window.start}...{window.end}"
    return staging_dir(context) / context.asset_key.to_user_string() / f"{days}.{name}.parquet"


@dataclass
class RawBatch:
    """The day's articles, by reference: ``articles_file`` is their staged Parquet file (events.staging)."""

    articles_file: str
    articles: int = 0
    rejects: list[Reject] = field(default_factory=list)
    # every inbox file by content digest: (name in the inbox, every partition day its articles fall on)
    files: dict[str, tuple[str, list[str]]] = field(default_factory=dict)
    digest_of: dict[str, str] = field(default_factory=dict)  # source_file -> digest
    files_read: list[str] = field(default_factory=list)  # every input file read, whose reader rejects are above


@dataclass
class CodedBatch:
    """The day's coded articles and their event rows, by reference: two staged Parquet files."""

    articles_file: str
    mentions_file: str
    articles: int
    mentions: int
    rejects: list[Reject]
    skipped: int
    days: list[date] = field(default_factory=list)
    files: dict[str, tuple[str, list[str]]] = field(default_factory=dict)
    digest_of: dict[str, str] = field(default_factory=dict)
    failed_files: set[str] = field(default_factory=set)  # digests of files with an article whose coding failed
    files_read: list[str] = field(default_factory=list)
    staged: list[str] = field(default_factory=list)  # every staged file of the day, deleted once loaded


@dg.asset(
    group_name="ingest",
    kinds={"python", "json"},
    owners=["team:events"],
    tags={"stage": "ingest"},
    io_manager_key="batches",
    partitions_def=daily_partitions,
    backfill_policy=single_run,
    code_version=versions.RAW_ARTICLES,
    description="Articles of the day (publication date, Europe/Paris; undated ones by the day their file arrived) "
                "read from the inbox (.jsonl/.txt/.md), validated and normalised; bad input is quarantined.",
)
def raw_articles(context: dg.AssetExecutionContext, settings: EventsConfig,
                 duckdb: DuckDBResource) -> dg.Output[RawBatch]:
    inbox = Path(settings.inbox)
    if not inbox.is_dir():
        raise dg.Failure(description=f"the inbox {inbox} does not exist: set EVENTS_INBOX (or the settings "
                                     "resource's inbox) to the folder the articles are dropped in",
                         metadata={"inbox": str(inbox)})
    if duckdb.database != ":memory:":
        try:  # before any parsing: a warehouse that cannot be written fails now, not after the day's work
            check_warehouse(duckdb.database)
        except (WarehouseUnwritable, WarehouseDamaged) as exc:
            raise dg.Failure(description=str(exc), metadata={"warehouse": str(duckdb.database)}) from None
    files = list(iter_input_files([inbox]))
    days = set(partition_days(context))
    prune_staging(context)
    undated = 0
    with ArticleWriter(staged_file(context, "articles")) as staged:

        def keep(article: Article) -> None:  # the day's articles go to the staged file as they are read
            nonlocal undated
            if article_day(article) not in days:
                return
            staged.write(article)
            warning = undated_warning(article)
            if warning:
                undated += 1
                context.log.warning(warning)

        contents = read_inbox([inbox], files, on_article=keep)
    batch = RawBatch(str(staged.path), staged.rows, rejects=contents.rejects, files_read=sorted(contents.days_by_file))
    batch.digest_of = {str(path): file_digest(path) for path in files if path.is_file()}
    batch.files = {batch.digest_of[path]: (str(Path(path).relative_to(inbox)), sorted(file_days))
                   for path, file_days in contents.days_by_file.items() if path in batch.digest_of}
    if contents.before_first_day:
        context.log.warning(f"{len(contents.before_first_day)} article(s) published before the first partition day "
                            f"{first_day().isoformat()} (EVENTS_FIRST_DAY) are not loaded: "
                            + ", ".join(a.article_id for a in contents.before_first_day[:10]))
    reasons = Counter(r.reason for r in batch.rejects)
    if batch.rejects:
        context.log.debug(f"{len(batch.rejects)} input(s) of the inbox rejected ({dict(reasons)}); the warehouse step "
                         "records them in the rejects table and names those new to it")
    return dg.Output(batch, metadata={
        "inbox": dg.MetadataValue.path(str(inbox)),
        "days": day_range(sorted(days)),
        "articles": batch.articles,
        "articles_undated": undated,
        "articles_of_other_days": contents.in_partitions - batch.articles,
        "articles_before_first_day": len(contents.before_first_day),
        "inbox_files": len(batch.files),
        "staged_file": dg.MetadataValue.path(batch.articles_file),
        "rejects": len(batch.rejects),
        "reject_reasons": dict(reasons),
    })


@dg.asset(
    group_name="nlp",
    kinds={"spacy", "python"},
    owners=["team:events"],
    tags={"stage": "nlp"},
    io_manager_key="batches",
    partitions_def=daily_partitions,
    backfill_policy=single_run,
    code_version=versions.CODED_EVENTS,
    description="spaCy parse (nlp.pipe) and CAMEO coding of the day's articles (an article already loaded under "
                "another day, or the same text under another id, is not coded twice); a day of more than one batch "
                "of articles is coded by worker processes (EVENTS_N_PROCESS).",
)
def coded_events(context: dg.AssetExecutionContext, settings: EventsConfig, duckdb: DuckDBResource,
                 raw_articles: RawBatch) -> dg.Output[CodedBatch]:
    from events.extract import ExtractOptions, extract_events  # spaCy is imported by the steps that use it
    from events.workers import start_method

    known: dict[str, str] = {}
    days = partition_days(context)
    if Path(duckdb.database).exists():
        with open_warehouse(duckdb, context) as con:  # read quickly, then release the file before the NLP
            known = known_articles(con, except_days=days)
    known_hashes = set(known.values())
    # a first pass over ids and hashes only (no text): how many articles to code, so the number of processes
    to_code = skipped = 0
    for article_id, digest in id_hashes(raw_articles.articles_file):
        if article_id in known:
            skipped += known[article_id] == digest
        elif digest in known_hashes:
            skipped += 1
        else:
            to_code += 1
    conflicts: list[Reject] = []

    def todo() -> Iterator[Article]:  # the staged articles to code, a batch at a time
        for article in iter_articles(raw_articles.articles_file):
            if article.article_id in known and known[article.article_id] != article.text_hash:
                reject = conflicting_id(article, known)
                context.log.warning(f"{reject.source_file}:{reject.line_no or '-'}: {reject.detail}")
                conflicts.append(reject)
            elif article.article_id not in known and article.text_hash not in known_hashes:
                yield article

    started = time.perf_counter()
    # no more worker processes than batches: a small day is coded in this process
    processes = max(1, min(settings.n_process, -(-to_code // max(1, settings.batch_size))))
    options = ExtractOptions(model=settings.model, batch_size=settings.batch_size, n_process=processes)
    failed: list[Reject] = []
    failed_files: set[str] = set()

    def quarantine(article: Article, exc: Exception) -> None:
        context.log.error(f"coding failed for {article.article_id}: {type(exc).__name__}: {exc}")
        failed.append(Reject(article.source_file or "", article.line_no, "coding_error",
                             f"{type(exc).__name__}: {exc}", article_id=article.article_id))
        failed_files.add(raw_articles.digest_of.get(article.source_file or "", ""))  # retried on the next run

    roots: Counter[str] = Counter()
    with ArticleWriter(staged_file(context, "articles")) as coded, \
            MentionWriter(staged_file(context, "mentions")) as mentions:

        def rows() -> Iterator[dict[str, object]]:
            for row in extract_events(todo(), options=options, on_error=quarantine,
                                      on_article=lambda article, _rows: coded.write(article)):
                roots[str(row.get("event_root_code"))] += 1
                yield row

        mentions.write_rows(rows())
    elapsed = time.perf_counter() - started
    context.log.info(f"coded {coded.rows} articles ({skipped} already loaded) into {mentions.rows} event mentions")
    return dg.Output(
        CodedBatch(str(coded.path), str(mentions.path), coded.rows, mentions.rows,
                   [*raw_articles.rejects, *conflicts, *failed], skipped, days, raw_articles.files,
                   raw_articles.digest_of, failed_files - {""}, raw_articles.files_read,
                   staged=[raw_articles.articles_file, str(coded.path), str(mentions.path)]),
        metadata={
            "articles_coded": coded.rows,
            "articles_failed": len(failed),
            "articles_conflicting_id": len(conflicts),
            "articles_skipped_already_loaded": skipped,
            "event_mentions": mentions.rows,
            "events_per_root": {k: roots[k] for k in sorted(roots)},
            "coding_seconds": round(elapsed, 2),
            "articles_per_second": round(coded.rows / elapsed, 2) if elapsed > 0 and coded.rows else 0.0,
            "processes": processes,
            "worker_start": start_method() if processes > 1 else "none",
            "model": settings.model,
            "staged_files": dg.MetadataValue.path(str(mentions.path.parent)),
        },
    )
