"""Staged files: a day's articles and event rows written to Parquet in bounded batches, read back in batches.

A day moves between the pipeline's steps as files, not as Python objects: the reader writes the day's articles
to a staged file, the coding step reads them back a batch at a time and appends its event rows to another, and
the load reads both from disk (:func:`events.warehouse.load_staged`). Memory then holds one batch, whatever the
day's size.

An article is staged as it was read: ``published_at`` keeps its ISO form with its UTC offset (the wall-clock day
of the article's own time zone is its ``pub_date``) and ``extra`` is JSON (ASCII-escaped, so any string the
reader kept survives), so :func:`read_articles` gives back equal :class:`~events.articles.Article` values.
A file is written under a temporary name and renamed when complete: a step killed halfway leaves no staged
file that looks whole.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import Self

import pyarrow as pa
import pyarrow.parquet as pq

from events.articles import Article
from events.schema import EVENT_SCHEMA, events_table

#: Articles per written or read batch (a synthetic article is ~1.5 kB of text).
ARTICLE_BATCH = 1_000
#: Event rows per written row group (~0.8 kB a row).
MENTION_BATCH = 10_000

STAGED_ARTICLE_SCHEMA = pa.schema([
    ("article_id", pa.string()), ("text", pa.string()), ("title", pa.string()), ("url", pa.string()),
    ("published_at", pa.string()), ("source", pa.string()), ("lang", pa.string()),
    ("source_file", pa.string()), ("line_no", pa.int64()), ("extra", pa.string()),
    ("text_hash", pa.string()),  # derived from text, kept so that a step can sort articles without their text
])


def _article_row(article: Article) -> dict[str, object]:
    return {
        "article_id": article.article_id, "text": article.text, "title": article.title, "url": article.url,
        "published_at": article.published_at.isoformat() if article.published_at else None,
        "source": article.source, "lang": article.lang, "source_file": article.source_file,
        "line_no": article.line_no, "extra": json.dumps(article.extra) if article.extra else None,
        "text_hash": article.text_hash,
    }


def _article(row: dict[str, object]) -> Article:
    published = row["published_at"]
    extra = row["extra"]
    line_no = row["line_no"]
    known = row["text_hash"]
    article = Article(
        article_id=str(row["article_id"]), text=str(row["text"]),
        title=row["title"] if isinstance(row["title"], str) else None,
        url=row["url"] if isinstance(row["url"], str) else None,
        published_at=datetime.fromisoformat(published) if isinstance(published, str) else None,
        source=row["source"] if isinstance(row["source"], str) else None,
        lang=str(row["lang"]),
        source_file=row["source_file"] if isinstance(row["source_file"], str) else None,
        line_no=line_no if isinstance(line_no, int) else None,
        extra=json.loads(extra) if isinstance(extra, str) else {},
    )
    return article.known_hash(known) if isinstance(known, str) else article


class _StagedWriter:
    """Rows buffered ``batch`` at a time into a Parquet file written aside, renamed into place by :meth:`close`."""

    def __init__(self, path: Path | str, schema: pa.Schema, batch: int) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._temporary = self.path.with_name(f".{self.path.name}.tmp")
        self._writer = pq.ParquetWriter(self._temporary, schema, compression="zstd")
        self._batch = batch
        self._pending: list[dict[str, object]] = []
        self.rows = 0

    def _append(self, row: dict[str, object]) -> None:
        self._pending.append(row)
        self.rows += 1
        if len(self._pending) >= self._batch:
            self._flush()

    def _table(self, rows: list[dict[str, object]]) -> pa.Table:
        raise NotImplementedError

    def _flush(self) -> None:
        if self._pending:
            self._writer.write_table(self._table(self._pending))
            self._pending = []

    def close(self) -> Path:
        """Write what is pending and put the file in place; its path."""
        self._flush()
        self._writer.close()
        self._temporary.replace(self.path)
        return self.path

    def abort(self) -> None:
        self._writer.close()
        self._temporary.unlink(missing_ok=True)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, kind: type[BaseException] | None, _exc: BaseException | None,
                 _tb: TracebackType | None) -> None:
        if kind is None:
            self.close()
        else:
            self.abort()


class ArticleWriter(_StagedWriter):
    """``with ArticleWriter(path) as out: out.write(article)``: the articles staged in order of writing."""

    def __init__(self, path: Path | str, *, batch: int = ARTICLE_BATCH) -> None:
        super().__init__(path, STAGED_ARTICLE_SCHEMA, batch)

    def write(self, article: Article) -> None:
        self._append(_article_row(article))

    def _table(self, rows: list[dict[str, object]]) -> pa.Table:
        return pa.Table.from_pylist(rows, schema=STAGED_ARTICLE_SCHEMA)


class MentionWriter(_StagedWriter):
    """``with MentionWriter(path) as out: out.write_rows(rows)``: event rows (events.schema.EVENT_SCHEMA)."""

    def __init__(self, path: Path | str, *, batch: int = MENTION_BATCH) -> None:
        super().__init__(path, EVENT_SCHEMA, batch)

    def write_rows(self, rows: Iterable[dict[str, object]]) -> None:
        for row in rows:
            self._append(row)

    def _table(self, rows: list[dict[str, object]]) -> pa.Table:
        return events_table(rows)


def read_articles(path: Path | str, *, batch: int = ARTICLE_BATCH) -> Iterator[list[Article]]:
    """The staged articles of ``path`` in order, ``batch`` at a time."""
    for record_batch in pq.ParquetFile(path).iter_batches(batch_size=batch):
        yield [_article(row) for row in record_batch.to_pylist()]


def iter_articles(path: Path | str, *, batch: int = ARTICLE_BATCH) -> Iterator[Article]:
    """The staged articles of ``path`` one by one (read ``batch`` at a time)."""
    for articles in read_articles(path, batch=batch):
        yield from articles


def column_values(path: Path | str, column: str, *, batch: int = 65_536) -> Iterator[object]:
    """The values of one column of a staged file, read a batch at a time."""
    for record_batch in pq.ParquetFile(path).iter_batches(batch_size=batch, columns=[column]):
        yield from record_batch.column(0).to_pylist()


def id_hashes(path: Path | str, *, batch: int = 65_536) -> Iterator[tuple[str, str]]:
    """(article_id, text_hash) of every staged article, without reading the texts."""
    for record_batch in pq.ParquetFile(path).iter_batches(batch_size=batch, columns=["article_id", "text_hash"]):
        yield from zip(record_batch.column(0).to_pylist(), record_batch.column(1).to_pylist(), strict=True)


def staged_rows(path: Path | str) -> int:
    """Rows of a staged file (from its footer)."""
    return int(pq.ParquetFile(path).metadata.num_rows)
