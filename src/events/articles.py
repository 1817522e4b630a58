"""Reading and validating input articles (.jsonl, .txt/.md, folders of them).

Every input problem becomes a :class:`Reject` with a machine-readable ``reason`` and a human ``detail`` at read
time: reading never raises and never blocks, and one bad line or file never stops the others. Rejects are a pure
function of the inbox: no detail holds the clock or anything else that changes between two reads of the same files.

Reasons (:data:`REJECT_REASONS` gives each its meaning):

- a file or folder entry: ``missing``, ``unreadable``, ``empty_file``, ``binary``, ``bad_file_name``,
  ``special_file``, ``outside_inbox``;
- a line or record: ``bad_json``, ``incomplete_line``, ``too_deep``, ``not_an_object``, ``bad_id``, ``no_text``,
  ``bad_text_type``, ``too_long``, ``not_french``, ``bad_date``, ``duplicate``.

Repaired rather than rejected: files in CP1252 / Latin-1, UTF-16 and UTF-32 with a byte order mark, mojibake,
HTML (:mod:`events.text`), lone surrogates in any text but the id (U+FFFD), and NaN / Infinity in a field the
reader does not know (stored as null in ``extra``, which is always strict JSON).
"""

from __future__ import annotations

import json
import math
import os
import re
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, tzinfo
from io import TextIOWrapper
from itertools import accumulate
from pathlib import Path
from typing import Any, BinaryIO
from zoneinfo import ZoneInfo

from events.text import html_to_text, normalize_text, replace_lone_surrogates, text_hash

INPUT_SUFFIXES = (".jsonl", ".txt", ".md")
# The fields of a record the reader knows, in the order they are checked (a tuple: the same order on every run).
_KNOWN_KEYS = ("id", "text", "published_at", "title", "url", "source", "lang")
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
#: Earliest accepted publication year; dates more than :data:`MAX_FUTURE` (one day, as the ``bad_date`` detail
#: says) after the time they are read are rejected too.
MIN_YEAR = 1900
MAX_FUTURE = timedelta(days=1)
#: Deepest nesting of arrays and objects in a JSON line, the record itself counting as one level; a deeper line is
#: rejected ``too_deep`` before it is parsed (Python's parser would exhaust its recursion limit near 1,000 levels;
#: news metadata needs a handful).
MAX_JSON_DEPTH = 64
#: Longest accepted article id, in characters; a longer one is rejected ``bad_id`` (ids are keys, not texts).
MAX_ID_CHARS = 500
#: What each reject reason of the reader means (``coding_error`` is given later, by the coding step).
REJECT_REASONS: dict[str, str] = {
    "missing": "a path given to read does not exist",
    "unreadable": "the file cannot be opened or read (permissions, a folder, a symbolic link that leads nowhere)",
    "empty_file": "the file holds nothing but white space",
    "binary": "the file is not text: NUL characters, or over 10 % control characters",
    "bad_file_name": "the file's path is not valid UTF-8, so it cannot be recorded: rename it",
    "special_file": "a FIFO, socket or device node in the inbox (whatever its name): never opened",
    "outside_inbox": "a symbolic link in the inbox leading outside it (to an input file or a folder): not read",
    "bad_json": "the line is not JSON (NaN and Infinity in a known field included)",
    "incomplete_line": "the file's last line has no line break and is not complete JSON: a file still being "
                       "written; it is read again when complete",
    "too_deep": f"the line nests arrays and objects more than {MAX_JSON_DEPTH} deep",
    "not_an_object": "the line is JSON but not an object",
    "bad_id": f"the id is not a string or a number, holds a lone surrogate or a control character, or is longer "
              f"than {MAX_ID_CHARS} characters",
    "no_text": "the text is missing, blank, or empty once HTML is removed",
    "bad_text_type": "the text is not a string",
    "too_long": f"the text is longer than {MAX_TEXT_CHARS:,} characters",
    "not_french": f"a text of {MIN_WORDS_FOR_LANGUAGE}+ words with a share of common French words under "
                  f"{MIN_FRENCH_SCORE}",
    "bad_date": f"published_at is not an ISO date, is before {MIN_YEAR}, or more than a day after it is read",
    "duplicate": "an id or a text already read; the detail says where",
}
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
# Characters an id may not hold: every control character (line breaks and tabs too) and line separators.
_ID_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


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
    # the text's hash once computed (normalising a text costs ~0.25 ms); not an init field, so that
    # dataclasses.replace() with another text never carries a stale hash over
    _text_hash: str | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def pub_date(self) -> date | None:
        return self.published_at.date() if self.published_at else None

    @property
    def text_hash(self) -> str:
        if self._text_hash is None:
            object.__setattr__(self, "_text_hash", text_hash(self.text))
        return self._text_hash  # type: ignore[return-value]

    def known_hash(self, value: str) -> Article:
        """This article, its :attr:`text_hash` set to ``value``, computed from the same text by an earlier step
        (a staged file keeps it), so that it is not computed again."""
        object.__setattr__(self, "_text_hash", value)
        return self


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


@dataclass(frozen=True, slots=True)
class _NonFinite:
    """A ``NaN``, ``Infinity`` or ``-Infinity`` literal: Python's json module reads them, JSON has none."""

    literal: str


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
    if parsed > now + MAX_FUTURE:  # the detail names no time: the same input gives the same reject
        raise InputError("bad_date", f"published_at {value!r} is more than one day after the time it was read "
                                     "(a date in the future)")
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


# Byte order marks of UTF-32 before UTF-16's: UTF-32 LE's starts with UTF-16 LE's.
_WIDE_BOMS = ((b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"), (b"\xff\xfe", "utf-16"),
              (b"\xfe\xff", "utf-16"))


def wide_encoding(data: bytes) -> str | None:
    """``"utf-16"`` or ``"utf-32"`` when ``data`` starts with that encoding's byte order mark (LE or BE), else None.

    Python's codecs of these names read the mark, take the byte order from it and drop it. Without a mark a file
    in UTF-16 or UTF-32 is not recognised (its NUL bytes make it ``binary``).
    """
    return next((encoding for bom, encoding in _WIDE_BOMS if data.startswith(bom)), None)


def decode_bytes(data: bytes) -> str:
    """Decode a file: UTF-16/UTF-32 with a byte order mark, else UTF-8 (BOM or not), else CP1252, else Latin-1;
    ``binary`` if it is not text. Malformed UTF-16/32 (a cut surrogate pair) becomes U+FFFD."""
    wide = wide_encoding(data)
    if wide is not None:
        content = data.decode(wide, errors="replace")
        if "\x00" in content:
            raise InputError("binary", f"the file is not text: NUL character at position {content.index(chr(0))}")
    else:
        content = _decode_8bit(data)
        if "\x00" in content:
            raise InputError("binary", f"the file is not text: NUL byte at offset {data.index(0)}")
    controls = len(_CONTROL.findall(content))
    if content and controls / len(content) > MAX_CONTROL_SHARE:
        raise InputError("binary", f"the file is not text: {controls} of {len(content)} characters "
                                   f"({controls / len(content):.0%}) are control characters")
    return content


def _decode_8bit(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")  # every byte is a Latin-1 character


# A JSON string, or an unterminated one up to the end of the line (the parser stops there: nothing in it nests).
_JSON_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*(?:"|\Z)')
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_DEPTH_STEP = {ord("["): 1, ord("{"): 1, ord("]"): -1, ord("}"): -1}


def json_depth(line: str) -> int:
    """How deep arrays and objects nest in the JSON text ``line`` (brackets inside strings left out), without
    parsing it. Up to a line's first syntax error this is the depth the parser would reach."""
    brackets = _NOT_BRACKET.sub("", _JSON_STRING.sub("", line)).encode("ascii")
    return max(0, max(accumulate(map(_DEPTH_STEP.__getitem__, brackets)), default=0))


def parse_json_line(line: str, *, complete: bool = True) -> object:
    """The value of one JSON line; :class:`InputError` ``too_deep``, ``bad_json`` or, for a last line that has no
    line break yet (``complete`` false), ``incomplete_line``. NaN and Infinity come back as markers that
    :func:`article_from_record` rejects in a known field and stores as null elsewhere."""
    if line.count("[") + line.count("{") > MAX_JSON_DEPTH and (depth := json_depth(line)) > MAX_JSON_DEPTH:
        raise InputError("too_deep", f"the line nests arrays and objects {depth:,} deep, more than the limit of "
                                     f"{MAX_JSON_DEPTH} (MAX_JSON_DEPTH)")
    try:
        return json.loads(line, parse_constant=_NonFinite)
    except json.JSONDecodeError as exc:
        if not complete:
            raise InputError("incomplete_line", f"the last line has no line break and is not complete JSON "
                                                f"({exc.msg} at column {exc.colno}): the file is still being "
                                                "written, or was cut; the line is read again when the file is "
                                                "complete") from None
        raise InputError("bad_json", f"line is not JSON: {exc.msg} at column {exc.colno}") from None
    except RecursionError:  # cannot happen below MAX_JSON_DEPTH; kept so that no line ever stops the reading
        raise InputError("too_deep", f"the line nests arrays and objects too deep to parse, more than the limit "
                                     f"of {MAX_JSON_DEPTH} (MAX_JSON_DEPTH)") from None
    except ValueError as exc:  # an integer longer than Python converts (4,300 digits)
        raise InputError("bad_json", f"line cannot be read as JSON: {str(exc).split(';')[0]}") from None


def _json_type(value: object) -> str:
    """The JSON name of a decoded value's type ("object", "array", "boolean" ...)."""
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list | tuple):
        return "an array"
    return "null" if value is None else type(value).__name__


def _shown(text: str, limit: int = 60) -> str:
    """``text`` cut to ``limit`` characters, quoted and escaped (surrogates and control characters as \\u/\\x)."""
    return repr(text if len(text) <= limit else text[:limit] + "…")


def _id_problem(value: object) -> str | None:
    """Why ``value`` cannot be an article id (the ``bad_id`` detail), or None when it can (None or blank included:
    those get an id from the text's hash)."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return f"id must be a string or a number, not {_json_type(value)}"
    if isinstance(value, float) and not math.isfinite(value):
        return f"id {value} is not a finite number"
    if isinstance(value, int) and value.bit_length() > 4 * MAX_ID_CHARS:
        return f"id is a number of more than {MAX_ID_CHARS} digits, the limit (MAX_ID_CHARS)"
    text = str(value).strip()
    if (surrogate := _LONE_SURROGATE.search(text)) is not None:
        return (f"id {_shown(text)} holds a lone surrogate (U+{ord(surrogate.group()):04X} at position "
                f"{surrogate.start()}), which no text encoding can store: an id must be kept exactly")
    if (control := _ID_CONTROL.search(text)) is not None:
        return (f"id {_shown(text)} holds a control character (U+{ord(control.group()):04X} at position "
                f"{control.start()})")
    if len(text) > MAX_ID_CHARS:
        return f"id has {len(text):,} characters, more than the limit of {MAX_ID_CHARS} (MAX_ID_CHARS)"
    return None


def _valid_id(value: object) -> str | None:
    """The article id ``value`` stands for when it is a valid one (stripped, numbers as text), else None."""
    if value is None or _id_problem(value) is not None:
        return None
    return str(value).strip() or None


def _strict_json(value: object, *, depth: int) -> object:
    """``value`` (an ``extra`` field at ``depth``) as strict JSON that encodes as UTF-8: lone surrogates in keys and
    strings become U+FFFD, NaN and infinite numbers null, other types text; ``too_deep`` past MAX_JSON_DEPTH."""
    if isinstance(value, dict | list | tuple) and depth > MAX_JSON_DEPTH:
        raise InputError("too_deep", f"a field nests arrays and objects more than the limit of {MAX_JSON_DEPTH} "
                                     "deep (MAX_JSON_DEPTH)")
    if isinstance(value, str):
        return replace_lone_surrogates(value)
    if value is None or isinstance(value, bool | int):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, _NonFinite):
        return None
    if isinstance(value, dict):
        return {replace_lone_surrogates(str(key)): _strict_json(item, depth=depth + 1) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_strict_json(item, depth=depth + 1) for item in value]
    return replace_lone_surrogates(str(value))


def article_from_record(record: object, *, source_file: str, line_no: int | None) -> Article:
    """Validate one JSON record and build the normalised :class:`Article`.

    Lone surrogates are replaced by U+FFFD in every field but ``id`` (rejected ``bad_id``: an id must be exact).
    NaN or Infinity in a known field is ``bad_json``; in another field it is stored as null.
    """
    if not isinstance(record, dict):
        raise InputError("not_an_object", f"expected a JSON object, got {type(record).__name__}")
    for key in _KNOWN_KEYS:
        if isinstance(value := record.get(key), _NonFinite):
            raise InputError("bad_json", f"{key}: {value.literal} is not JSON (a number that is not finite)")
    if (problem := _id_problem(record.get("id"))) is not None:
        raise InputError("bad_id", problem)
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
    published_at = parse_published_at(record.get("published_at"))
    extra = {replace_lone_surrogates(str(k)): _strict_json(v, depth=2) for k, v in record.items()
             if k not in _KNOWN_KEYS}
    return Article(
        article_id=_valid_id(record.get("id")) or "sha-" + text_hash(text)[:16],
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


def printable_path(name: str) -> str:
    """A file path as text UTF-8 can store: bytes of a name that were not UTF-8 (which Python keeps as lone
    surrogates U+DC80-U+DCFF) written ``\\xe9``, any other lone surrogate U+FFFD."""
    return _LONE_SURROGATE.sub(
        lambda m: f"\\x{ord(m.group()) - 0xDC00:02x}" if "\udc80" <= m.group() <= "\udcff" else "\ufffd", name)


def _reject(source_file: str, line_no: int | None, reason: str, detail: str, *, article_id: str | None = None,
            raw: str | None = None) -> Reject:
    """A :class:`Reject` whose texts all encode as UTF-8 (``raw`` cut to MAX_RAW_IN_REJECT characters)."""
    return Reject(printable_path(source_file), line_no, reason, replace_lone_surrogates(detail),
                  article_id=replace_lone_surrogates(article_id) if article_id is not None else None,
                  raw=replace_lone_surrogates(raw[:MAX_RAW_IN_REJECT]) if raw is not None else None)


def _entry_kind(mode: int) -> str | None:
    """What a file of this ``st_mode`` is when it is not a regular file or a folder (a FIFO ...), else None."""
    kinds = ((stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISSOCK, "a socket"),
             (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"))
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    return next((kind for test, kind in kinds if test(mode)), "not a regular file")


def _special_file(path: Path, kind: str) -> Reject:
    return _reject(str(path), None, "special_file", f"{kind}, not a regular file: it is not opened (a FIFO would "
                                                    "wait for a writer forever) and not read")


def _bad_file_name(path: Path) -> Reject:
    return _reject(str(path), None, "bad_file_name", "the file's path is not valid UTF-8 (shown with \\x escapes), "
                                                     "so its articles could not be recorded with it: rename it")


def _folder_entry(child: Path, root: Path) -> Path | Reject | None:
    """An entry of an input folder: the file to read, a reject that records why it is not read, or None for a file
    that is silently not an input (another suffix, a folder)."""
    known = child.suffix.lower() in INPUT_SUFFIXES
    try:
        target = child.resolve()
    except (OSError, RuntimeError) as exc:  # a loop of symbolic links
        return _reject(str(child), None, "unreadable", f"cannot follow the symbolic link: {exc}") if known else None
    if child.is_symlink() and not target.is_relative_to(root):
        if known or target.is_dir():
            return _reject(str(child), None, "outside_inbox", f"a symbolic link to {target}, outside the folder "
                                                              f"{root}: it is not read")
        return None
    try:
        mode = child.stat().st_mode
    except OSError as exc:
        if not known:
            return None
        if child.is_symlink():
            return _reject(str(child), None, "unreadable", f"a symbolic link to {target}, which does not exist")
        return _reject(str(child), None, "unreadable", f"cannot read file: {exc.strerror or exc}")
    if (kind := _entry_kind(mode)) is not None:
        return _special_file(child, kind)
    if not (known and stat.S_ISREG(mode)):
        return None
    return _bad_file_name(child) if _LONE_SURROGATE.search(str(child)) else child


def scan_inputs(paths: Iterable[Path | str]) -> Iterator[Path | Reject]:
    """The input files under ``paths``, and a :class:`Reject` for each entry left out that should not vanish.

    A path given explicitly is yielded as given (a missing one too: :func:`read_inputs` rejects it ``missing``),
    unless it is a special file or not valid UTF-8. Folders are walked recursively, in sorted order; in them

    - regular files with a suffix of :data:`INPUT_SUFFIXES` (and symbolic links to such files inside the folder)
      are yielded;
    - input files whose path is not valid UTF-8 are rejected ``bad_file_name`` (the warehouse and the load record
      store paths as UTF-8);
    - FIFOs, sockets and device nodes, whatever their name, are rejected ``special_file`` and never opened;
    - symbolic links leading outside the folder, to a folder or under an input suffix, are rejected
      ``outside_inbox``; links leading nowhere (or in a loop) under an input suffix are rejected ``unreadable``;
    - every other file (README, .csv, a link to one) is silently ignored, as are folders reached through links.
    """
    for path in map(Path, paths):
        if path.is_dir():
            root = path.resolve()
            for child in sorted(path.rglob("*")):
                entry = _folder_entry(child, root)
                if entry is not None:
                    yield entry
            continue
        try:
            kind = _entry_kind(path.stat().st_mode)
        except OSError:
            kind = None
        if kind is not None:
            yield _special_file(path, kind)
        else:
            yield _bad_file_name(path) if _LONE_SURROGATE.search(str(path)) else path


def iter_input_files(paths: Iterable[Path | str]) -> Iterator[Path]:
    """The input files of :func:`scan_inputs` (regular files only, explicit paths as given), without its rejects.

    Inside a folder, special files and entries that resolve outside it (symbolic links to elsewhere) are skipped.
    """
    return (entry for entry in scan_inputs(paths) if isinstance(entry, Path))


_SNIFF_BYTES = 1 << 20  # a file's first MiB decides whether it is text (NUL bytes, share of control characters)
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)


def read_file(path: Path) -> Iterator[Article | Reject]:
    """Yield the articles of one input file, and a :class:`Reject` for each bad record.

    JSON Lines files are read line by line (a file of 100,000 articles is never held whole); each line is
    decoded as UTF-8, else CP1252, else Latin-1, after the file's first MiB has shown it is text; a file that starts
    with a UTF-16 or UTF-32 byte order mark is decoded in that encoding. A FIFO, socket or device is rejected
    ``special_file`` without waiting (it is opened non-blocking, then found not to be a regular file); a path that
    is not valid UTF-8 is rejected ``bad_file_name`` and not read.
    """
    name = str(path)
    if _LONE_SURROGATE.search(name):
        yield _bad_file_name(path)
        return
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except OSError as exc:
        yield _reject(name, None, "unreadable", f"cannot read file: {exc.strerror or exc}")
        return
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        kind = _entry_kind(mode)
        yield (_special_file(path, kind) if kind is not None
               else _reject(name, None, "unreadable", "cannot read file: it is a folder"))
        return
    with os.fdopen(fd, "rb") as handle:
        jsonl = path.suffix.lower() == ".jsonl"
        try:
            head = handle.read(_SNIFF_BYTES)
            whole = len(head) < _SNIFF_BYTES
            data = head if whole or jsonl else head + handle.read()
        except OSError as exc:
            yield _reject(name, None, "unreadable", f"cannot read file: {exc.strerror or exc}")
            return
        if whole and not head.strip():
            yield _reject(name, None, "empty_file", "the file is empty")
            return
        wide = wide_encoding(head)
        if whole:
            sample = head
        elif wide is not None:  # whole code units (a pair cut in two only costs a U+FFFD)
            sample = head[:len(head) - len(head) % 4]
        else:  # up to the last line break: a character cut at the MiB boundary is not a decoding error
            sample = head[:head.rfind(b"\n") + 1] or head
        try:
            decode_bytes(sample)
        except InputError as exc:
            yield _reject(name, None, exc.reason, exc.detail,
                          raw=head[:MAX_RAW_IN_REJECT].decode("utf-8", errors="replace").replace("\x00", "\ufffd"))
            return
        if jsonl:
            handle.seek(0)
            yield from _read_jsonl(_decoded_lines(handle) if wide is None else _wide_lines(handle, wide), name)
        else:
            yield _read_plain(decode_bytes(data), path)


def _decoded_lines(handle: BinaryIO) -> Iterator[tuple[str, bool]]:
    """The lines of a binary file (split at \\n only), each decoded on its own, and whether it ended with \\n."""
    for number, raw in enumerate(handle):
        line = raw.rstrip(b"\r\n")
        if number == 0 and line.startswith(b"\xef\xbb\xbf"):
            line = line[3:]  # UTF-8 byte order mark
        for encoding in ("utf-8", "cp1252", "latin-1"):
            try:
                yield line.decode(encoding), raw.endswith(b"\n")
                break
            except UnicodeDecodeError:
                continue


def _wide_lines(handle: BinaryIO, encoding: str) -> Iterator[tuple[str, bool]]:
    """The lines of a UTF-16 or UTF-32 file with its byte order mark (split at \\n only), and whether each ended
    with \\n; malformed code units become U+FFFD."""
    for line in TextIOWrapper(handle, encoding=encoding, errors="replace", newline="\n"):
        yield line.rstrip("\r\n"), line.endswith("\n")


def _read_jsonl(lines: Iterable[tuple[str, bool]], name: str) -> Iterator[Article | Reject]:
    for line_no, (line, complete) in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = parse_json_line(line, complete=complete)
        except InputError as exc:
            yield _reject(name, line_no, exc.reason, exc.detail, raw=line)
            continue
        try:
            yield article_from_record(record, source_file=name, line_no=line_no)
        except InputError as exc:
            article_id = _valid_id(record.get("id")) if isinstance(record, dict) else None
            yield _reject(name, line_no, exc.reason, exc.detail, article_id=article_id, raw=line)


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
        return _reject(str(path), None, exc.reason, exc.detail, article_id=_valid_id(record["id"]), raw=content)


def read_inputs(paths: Iterable[Path | str]) -> Iterator[Article | Reject]:
    """Read every input file (:func:`scan_inputs`: special files and links outside a folder are rejected there);
    a second article with an id or text already seen is rejected ``duplicate``."""
    seen_ids: dict[str, tuple[str, str]] = {}  # id -> (text hash, where it was read)
    seen_hashes: dict[str, str] = {}  # text hash -> id
    for entry in scan_inputs(paths):
        if isinstance(entry, Reject):
            yield entry
            continue
        path = entry
        if not path.exists():
            yield _reject(str(path), None, "missing", "no such file or folder")
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
                    yield _reject(item.source_file or str(path), item.line_no, "duplicate", detail,
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
