"""Reading and validating input articles (.jsonl, .txt/.md, folders of them).

Every input problem becomes a :class:`Reject` with a machine-readable ``reason`` and a human
``detail``; one bad line or file never stops the others.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, tzinfo
from pathlib import Path
from typing import Any, BinaryIO
from zoneinfo import ZoneInfo

from events.text import html_to_text, normalize_text, text_hash

INPUT_SUFFIXES = (".jsonl", ".txt", ".md")
_KNOWN_KEYS = {"id", "url", "title", "published_at", "source", "lang", "text"}
_HEADER = re.compile(r"^(Title|Titre|Date|URL|Source|Lang|Id)\s*:\s*(.*)$", re.IGNORECASE)
MAX_RAW_IN_REJECT = 500
#: Longest accepted article text, in characters (about 150 pages); longer ones are rejected ``too_long``.
MAX_TEXT_CHARS = 1_000_000
#: Share of non-printable characters above which decoded bytes are binary garbage (rejected ``binary``).
MAX_CONTROL_SHARE = 0.10
#: Texts of at least this many words are checked to be French (``not_french``); shorter ones always pass.
MIN_WORDS_FOR_LANGUAGE = 40
#: Lowest share of French function words for a long text to count as French; French news scores about 0.2-0.3,
#: English, Spanish, Italian, Portuguese and German below 0.05.
MIN_FRENCH_SCORE = 0.08
#: Earliest accepted publication year; dates more than :data:`MAX_FUTURE` ahead of now are rejected too.
MIN_YEAR = 1900
MAX_FUTURE = timedelta(days=1)
# Frequent French words that are rare in English, Spanish, Italian, Portuguese and German ("de", "la", "que",
# "en", "a", "un" are left out: Spanish and Italian use them as much). "l", "d", "qu"... are elided forms.
_FRENCH_WORDS = frozenset((
    "le", "les", "des", "du", "et", "à", "une", "qui", "dans", "pour", "pas", "est", "sur", "au", "aux", "il", "ils",
    "elle", "elles", "ont", "sont", "été", "avec", "ce", "cette", "ces", "par", "plus", "son", "ses", "leur", "leurs",
    "l", "d", "qu", "n", "s", "c", "j", "se", "ne",
))
_WORD = re.compile(r"[^\W\d_]+")
# Control characters other than tab, newline, carriage return, form feed and vertical tab (C0, DEL, C1).
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")


@dataclass(frozen=True, slots=True)
class Article:
    article_id: str
    text: str
    title: str | None = None
    url: str | None = None
    published_at: datetime | None = None
    source: str | None = None
    lang: str = "fr"
    source_file: str | None = None
    line_no: int | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def pub_date(self) -> date | None:
        return self.published_at.date() if self.published_at else None

    @property
    def text_hash(self) -> str:
        return text_hash(self.text)


@dataclass(frozen=True, slots=True)
class Reject:
    source_file: str
    line_no: int | None
    reason: str
    detail: str
    article_id: str | None = None
    raw: str | None = None


class InputError(ValueError):
    """An input record that cannot become an article; ``reason`` is a short code."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail


def parse_published_at(value: object) -> datetime | None:
    """Parse an ISO date or date-time; ``None`` for missing values, :class:`InputError` for bad ones.

    The wall-clock date of the article's own time zone is kept (a Paris paper's 00:30 is that day).
    """
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise InputError("bad_date", f"published_at must be an ISO string, got {type(value).__name__}")
    try:
        if len(value.strip()) == 10:
            parsed = datetime.combine(date.fromisoformat(value.strip()), datetime.min.time())
        else:
            parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError as exc:
        raise InputError("bad_date", f"published_at {value!r} is not an ISO date: {exc}") from None
    if parsed.year < MIN_YEAR:
        raise InputError("bad_date", f"published_at {value!r} is before {MIN_YEAR}")
    now = datetime.now(UTC) if parsed.tzinfo else datetime.now()
    if parsed > now + MAX_FUTURE:
        raise InputError("bad_date",
                         f"published_at {value!r} is in the future (now {now.isoformat(timespec='seconds')})")
    return parsed


def french_score(text: str) -> tuple[float, int]:
    """Share of frequent French function words among the words of ``text``, and the number of words."""
    words = _WORD.findall(text.casefold())
    if not words:
        return 0.0, 0
    return sum(word in _FRENCH_WORDS for word in words) / len(words), len(words)


def check_french(text: str) -> None:
    """Raise ``not_french`` for a text of :data:`MIN_WORDS_FOR_LANGUAGE` words or more that is not French."""
    score, n_words = french_score(text)
    if n_words >= MIN_WORDS_FOR_LANGUAGE and score < MIN_FRENCH_SCORE:
        raise InputError("not_french", f"French score {score:.3f} < {MIN_FRENCH_SCORE} over {n_words} words "
                                       "(share of frequent French words)")


def decode_bytes(data: bytes) -> str:
    """Decode a file: UTF-8 (BOM or not), else CP1252, else Latin-1; ``binary`` if it is not text."""
    for encoding in ("utf-8-sig", "cp1252", "latin-1"):
        try:
            content = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    if "\x00" in content:
        raise InputError("binary", f"the file is not text: NUL byte at offset {data.index(0)}")
    controls = len(_CONTROL.findall(content))
    if content and controls / len(content) > MAX_CONTROL_SHARE:
        raise InputError("binary", f"the file is not text: {controls} of {len(content)} characters "
                                   f"({controls / len(content):.0%}) are control characters")
    return content


def article_from_record(record: object, *, source_file: str, line_no: int | None) -> Article:
    """Validate one JSON record and build the normalised :class:`Article`."""
    if not isinstance(record, dict):
        raise InputError("not_an_object", f"expected a JSON object, got {type(record).__name__}")
    raw_text = record.get("text")
    if raw_text is not None and not isinstance(raw_text, str):
        raise InputError("bad_text_type", f"text must be a string, got {type(raw_text).__name__}")
    if raw_text is None or not raw_text.strip():
        raise InputError("no_text", "the article has no text")
    if len(raw_text) > MAX_TEXT_CHARS:
        raise InputError("too_long", f"the text has {len(raw_text):,} characters, more than the limit of "
                                     f"{MAX_TEXT_CHARS:,} (MAX_TEXT_CHARS)")
    text = normalize_text(html_to_text(raw_text))
    if not text:
        raise InputError("no_text", "the article has no text once its HTML markup is removed")
    check_french(text)
    article_id = record.get("id")
    if article_id is None or str(article_id).strip() == "":
        article_id = "sha-" + text_hash(text)[:16]
    published_at = parse_published_at(record.get("published_at"))
    extra = {k: v for k, v in record.items() if k not in _KNOWN_KEYS}
    return Article(
        article_id=str(article_id).strip(),
        text=text,
        title=_opt_str(record.get("title")),
        url=_opt_str(record.get("url")),
        published_at=published_at,
        source=_opt_str(record.get("source")),
        lang=_opt_str(record.get("lang")) or "fr",
        source_file=source_file,
        line_no=line_no,
        extra=extra,
    )


def _opt_str(value: object) -> str | None:
    if value is None:
        return None
    text = normalize_text(html_to_text(str(value)))
    return text or None


def iter_input_files(paths: Iterable[Path | str]) -> Iterator[Path]:
    """Expand files and folders (recursively, sorted) into input files with a known suffix.

    A path given explicitly is yielded as given. Inside a folder, entries that resolve outside it (symbolic links
    to elsewhere) are skipped.
    """
    for path in map(Path, paths):
        if path.is_dir():
            root = path.resolve()
            for child in sorted(path.rglob("*")):
                if not (child.is_file() and child.suffix.lower() in INPUT_SUFFIXES):
                    continue
                try:
                    child.resolve().relative_to(root)
                except (ValueError, OSError, RuntimeError):
                    continue
                yield child
        else:
            yield path


_SNIFF_BYTES = 1 << 20  # a file's first MiB decides whether it is text (NUL bytes, share of control characters)


def read_file(path: Path) -> Iterator[Article | Reject]:
    """Yield the articles of one input file, and a :class:`Reject` for each bad record.

    JSON Lines files are read line by line (a file of 100,000 articles is never held whole); each line is
    decoded as UTF-8, else CP1252, else Latin-1, after the file's first MiB has shown it is text.
    """
    name = str(path)
    try:
        handle = path.open("rb")
    except OSError as exc:
        yield Reject(name, None, "unreadable", f"cannot read file: {exc.strerror or exc}")
        return
    with handle:
        try:
            head = handle.read(_SNIFF_BYTES)
            whole = len(head) < _SNIFF_BYTES
            data = head if whole else b""
            if not whole and path.suffix.lower() != ".jsonl":
                data = head + handle.read()
        except OSError as exc:
            yield Reject(name, None, "unreadable", f"cannot read file: {exc.strerror or exc}")
            return
        if whole and not head.strip():
            yield Reject(name, None, "empty_file", "the file is empty")
            return
        try:  # up to the last line break: a character cut at the MiB boundary is not a decoding error
            decode_bytes(head if whole else head[:head.rfind(b"\n") + 1] or head)
        except InputError as exc:
            yield Reject(name, None, exc.reason, exc.detail,
                         raw=head[:MAX_RAW_IN_REJECT].decode("utf-8", errors="replace").replace("\x00", "\ufffd"))
            return
        if path.suffix.lower() == ".jsonl":
            handle.seek(0)
            yield from _read_jsonl(_decoded_lines(handle), name)
        else:
            yield _read_plain(decode_bytes(data), path)


def _decoded_lines(handle: BinaryIO) -> Iterator[str]:
    """The lines of a binary file (split at \\n only), each decoded on its own."""
    for number, raw in enumerate(handle):
        line = raw.rstrip(b"\r\n")
        if number == 0 and line.startswith(b"\xef\xbb\xbf"):
            line = line[3:]  # UTF-8 byte order mark
        for encoding in ("utf-8", "cp1252", "latin-1"):
            try:
                yield line.decode(encoding)
                break
            except UnicodeDecodeError:
                continue


def _read_jsonl(lines: Iterable[str], name: str) -> Iterator[Article | Reject]:
    for line_no, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Reject(name, line_no, "bad_json", f"line is not JSON: {exc.msg} at column {exc.colno}",
                         raw=line[:MAX_RAW_IN_REJECT])
            continue
        try:
            yield article_from_record(record, source_file=name, line_no=line_no)
        except InputError as exc:
            article_id = record.get("id") if isinstance(record, dict) else None
            yield Reject(name, line_no, exc.reason, exc.detail,
                         article_id=str(article_id) if article_id is not None else None,
                         raw=line[:MAX_RAW_IN_REJECT])


def _read_plain(content: str, path: Path) -> Article | Reject:
    """A .txt/.md article: optional ``Key: value`` header lines, a blank line, then the body."""
    lines = content.splitlines()
    headers: dict[str, str] = {}
    body_start = 0
    for index, line in enumerate(lines):
        match = _HEADER.match(line.strip())
        if match:
            headers[match.group(1).lower()] = match.group(2).strip()
            continue
        if headers and not line.strip():
            body_start = index + 1
        break
    else:
        body_start = len(lines)
    record = {
        "id": headers.get("id") or path.stem,
        "title": headers.get("title") or headers.get("titre"),
        "url": headers.get("url"),
        "source": headers.get("source"),
        "lang": headers.get("lang"),
        "published_at": headers.get("date"),
        "text": "\n".join(lines[body_start:]),
    }
    try:
        return article_from_record(record, source_file=str(path), line_no=None)
    except InputError as exc:
        return Reject(str(path), None, exc.reason, exc.detail, article_id=path.stem,
                      raw=content[:MAX_RAW_IN_REJECT])


def read_inputs(paths: Iterable[Path | str]) -> Iterator[Article | Reject]:
    """Read every input file; a second article with an id or text already seen is rejected ``duplicate``."""
    seen_ids: dict[str, tuple[str, str]] = {}  # id -> (text hash, where it was read)
    seen_hashes: dict[str, str] = {}  # text hash -> id
    for path in iter_input_files(paths):
        if not path.exists():
            yield Reject(str(path), None, "missing", "no such file or folder")
            continue
        for item in read_file(path):
            if isinstance(item, Article):
                digest = item.text_hash
                detail = None
                if item.article_id in seen_ids:
                    first_hash, where = seen_ids[item.article_id]
                    same = "with the same text" if first_hash == digest else "and this text differs from it"
                    detail = f"id {item.article_id} was already read ({where}) {same}"
                elif digest in seen_hashes:
                    detail = f"same text as article {seen_hashes[digest]}, already read under that id"
                if detail is not None:
                    yield Reject(item.source_file or str(path), item.line_no, "duplicate", detail,
                                 article_id=item.article_id)
                    continue
                where = str(item.source_file) + (f" line {item.line_no}" if item.line_no is not None else "")
                seen_ids[item.article_id] = (digest, where)
                seen_hashes[digest] = item.article_id
            yield item


PARIS = ZoneInfo("Europe/Paris")


def article_day(article: Article, tz: tzinfo = PARIS) -> date:
    """The day an article belongs to: its publication date, else the day its file arrived (``tz`` time)."""
    if article.pub_date is not None:
        return article.pub_date
    if article.source_file and Path(article.source_file).exists():
        return datetime.fromtimestamp(Path(article.source_file).stat().st_mtime, tz).date()
    return datetime.now(tz).date()


#: ``articles.date_source``: the input gave the publication date (``published_at``, a ``Date:`` header line) ...
DATE_FROM_INPUT = "input"
#: ... or it gave none: the article is filed under the day its file arrived (modification time, Europe/Paris).
DATE_FROM_FILE_ARRIVAL = "file_arrival"


def date_source(article: Article) -> str:
    """Where the day an article belongs to comes from: :data:`DATE_FROM_INPUT` or :data:`DATE_FROM_FILE_ARRIVAL`."""
    return DATE_FROM_INPUT if article.published_at is not None else DATE_FROM_FILE_ARRIVAL


def undated_warning(article: Article, tz: tzinfo = PARIS) -> str | None:
    """What to tell the user about an article whose input gave no publication date (``None`` when it gave one)."""
    if article.published_at is not None:
        return None
    where = article.source_file or article.article_id
    if article.line_no is not None:
        where = f"{where}:{article.line_no}"
    missing = "published_at" if article.line_no is not None else "'Date:' header line"
    return (f"{where}: article {article.article_id} has no publication date (no {missing}): its events are dated "
            f"from its text alone, and the warehouse files it under {article_day(article, tz).isoformat()}, the day "
            f"its file arrived (date_source = '{DATE_FROM_FILE_ARRIVAL}')")
