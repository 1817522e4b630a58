"""A fuzz run: generated articles, 20 % of them bad in the ways users send them (and hostile ones: lines nested
10,000 deep, lone surrogates, NaN), plus files of every kind an inbox can hold (UTF-16/32 with a byte order mark,
a file still being written, a FIFO, links leading outside it); the good ones end in the warehouse exactly once,
every bad one in `rejects` with its reason, and a rerun changes nothing. $EVENTS_FUZZ_N sets the size (default
500; the issue's 10,000 runs with EVENTS_FUZZ_N=10000 in about ten minutes)."""

from __future__ import annotations

import json
import os
import random
from collections import Counter
from pathlib import Path

import pytest

from events.articles import MAX_JSON_DEPTH, Article, Reject, read_inputs
from events.bench import make_corpus
from events.extract import extract_events
from events.schema import events_table
from events.warehouse import checksums, connect, load
from tests.conftest import SAMPLES

pytestmark = pytest.mark.model

N = int(os.environ.get("EVENTS_FUZZ_N", "500"))
ENGLISH = ("The president met his counterpart on Monday in the capital to discuss trade and security, officials "
           "said, and both sides agreed to meet again next month in order to continue the talks on the border and "
           "on the release of the prisoners held by each side.")


def _bad_lines(rng: random.Random, good: list[dict]) -> list[tuple[bytes, str]]:
    """(raw line, expected reject reason) pairs."""
    makers = [
        (lambda k: b"{not json", "bad_json"),
        (lambda k: json.dumps({"id": f"bad-{k}", "published_at": "2024-07-09"}).encode(), "no_text"),
        (lambda k: json.dumps({"id": f"bad-{k}", "text": "   \n  "}).encode(), "no_text"),
        (lambda k: json.dumps({"id": f"bad-{k}", "text": 42}).encode(), "bad_text_type"),
        (lambda k: json.dumps({"id": f"bad-{k}", "published_at": "2024-13-45", "text": "Texte."}).encode(),
         "bad_date"),
        (lambda k: json.dumps(["a", "list"]).encode(), "not_an_object"),
        (lambda k: json.dumps({"id": good[k % len(good)]["id"], "text": "Un autre texte, même identifiant."})
         .encode(), "duplicate"),
        (lambda k: json.dumps({"id": f"bad-{k}", "text": ENGLISH}).encode(), "not_french"),
        # hostile: nesting that would exhaust the parser's recursion, in the line or in an extra field
        (lambda k: b"[" * 10_000 + b"]" * 10_000, "too_deep"),
        (lambda k: json.dumps({"id": f"bad-{k}", "text": "Texte.", "meta": _nested(MAX_JSON_DEPTH)}).encode(),
         "too_deep"),
        # ids a database cannot key on: a lone surrogate (json.dumps writes it as the escape \ud800), an object
        (lambda k: json.dumps({"id": f"bad-{k}\ud800", "text": "Texte."}).encode(), "bad_id"),
        (lambda k: json.dumps({"id": {"n": k}, "text": "Texte."}).encode(), "bad_id"),
        # NaN is not JSON: rejected in a known field
        (lambda k: json.dumps({"id": f"bad-{k}", "text": "Texte.", "published_at": float("nan")}).encode(),
         "bad_json"),
    ]
    lines = []
    for k in range(N // 5):
        make, reason = rng.choice(makers)
        lines.append((make(k), reason))
    return lines


def _nested(depth: int) -> list:
    value: list = []
    for _ in range(depth - 1):
        value = [value]
    return value


def _odd_good_lines(good: list[dict]) -> list[tuple[bytes, dict]]:
    """Lines that are accepted once repaired: a lone surrogate in the text or the title (U+FFFD), NaN and
    Infinity in extra fields (null). (raw line, the record as it should be read)."""
    lines = []
    for k, record in enumerate(good[: max(2, N // 20)]):
        odd = {**record, "id": f"odd-{k}", "text": f"{record['text']} Note \ud800 numéro {k}."}
        if k % 2:
            odd = {**odd, "title": "Titre \udc80", "score": float("nan"), "range": [float("-inf"), 1]}
        lines.append((json.dumps(odd).encode(), odd))  # ASCII: the surrogate as its escape, NaN as NaN
    return lines


def _corpus(n: int, seed: int) -> list[dict]:
    sources = [a for a in read_inputs([SAMPLES / "inbox" / "articles.jsonl"]) if isinstance(a, Article)]
    return list(make_corpus(sources, n, seed=seed))


def _split(items) -> tuple[list[Article], list[Reject]]:
    items = list(items)
    return [i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, Reject)]


def _load_and_check(tmp_path: Path, articles: list[Article], rejects: list[Reject], *, n_good: int) -> None:
    """Load into a fresh warehouse: every article once, every reject once, events unique; a rerun changes nothing."""
    reference = events_table(list(extract_events(articles)))
    with connect(tmp_path / "events.duckdb") as con:
        load(con, articles=articles, mentions=reference, rejects=rejects)
        assert con.execute("SELECT count(*), count(DISTINCT article_id) FROM articles").fetchone() == (n_good, n_good)
        assert con.execute("SELECT count(*) FROM rejects").fetchone() == (len(rejects),)
        assert con.execute("SELECT count(*) FROM event_mentions").fetchone() == (reference.num_rows,)
        ids = set(reference.column("global_event_id").to_pylist())
        assert {r[0] for r in con.execute("SELECT global_event_id FROM events").fetchall()} == ids
        assert con.execute("SELECT count(*) - count(DISTINCT global_event_id) FROM events").fetchone() == (0,)
        extras = [json.loads(r[0]) for r in con.execute("SELECT extra FROM articles WHERE extra IS NOT NULL")
                  .fetchall()]
        assert all(json.dumps(e, allow_nan=False) for e in extras)
        before = checksums(con)
        load(con, articles=articles, mentions=reference, rejects=rejects)  # the same inbox again
        assert checksums(con) == before


def test_fuzzed_inbox_loads_good_articles_exactly_once_and_rejects_the_rest(tmp_path):
    rng = random.Random(5)
    good = _corpus(N - N // 5, seed=9)
    bad = _bad_lines(rng, good)
    odd = _odd_good_lines(good)
    lines = [(json.dumps(r, ensure_ascii=False).encode(), None) for r in good] + bad + [(line, None) for line, _ in odd]
    rng.shuffle(lines)
    # duplicates are only duplicates after the original: keep every original before the bad copies of it
    lines.sort(key=lambda item: item[1] == "duplicate")
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "fuzz.jsonl").write_bytes(b"\n".join(line for line, _ in lines) + b"\n")

    items = list(read_inputs([inbox]))
    articles, rejects = _split(items)
    assert sorted(a.article_id for a in articles) == sorted([r["id"] for r in good] + [r["id"] for _, r in odd])
    assert Counter(r.reason for r in rejects) == Counter(reason for _, reason in bad)
    repaired = {a.article_id: a for a in articles if a.article_id.startswith("odd-")}
    for _, record in odd:
        article = repaired[record["id"]]
        assert "\ufffd" in article.text and "\ud800" not in article.text
        if "score" in record:
            assert article.title == "Titre \ufffd"
            assert {"score": None, "range": [None, 1]}.items() <= article.extra.items()
    assert list(read_inputs([inbox])) == items  # the same inbox read again: the same articles and rejects
    _load_and_check(tmp_path, articles, rejects, n_good=len(good) + len(odd))


def test_fuzzed_inbox_files_of_every_kind(tmp_path):
    """Files in UTF-16/32 with a byte order mark, one still being written, special files, links out of the inbox
    and files of other kinds: the good articles load once, the rest is rejected with its reason or ignored."""
    good = _corpus(max(8, N // 10), seed=11)
    inbox, outside = tmp_path / "inbox", tmp_path / "outside"
    inbox.mkdir()
    outside.mkdir()
    expected: Counter[str] = Counter()
    chunks = [good[i::4] for i in range(4)]

    def jsonl(records: list[dict], encoding: str = "utf-8", bom: str = "") -> bytes:
        return (bom + "\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n").encode(encoding)

    (inbox / "utf16le.jsonl").write_bytes(jsonl(chunks[0], "utf-16-le", "\ufeff"))
    (inbox / "utf32be.jsonl").write_bytes(jsonl(chunks[1], "utf-32-be", "\ufeff"))
    # a file being written: its last line has no line break yet
    growing = jsonl(chunks[2])
    cut = json.dumps({"id": "growing-last", "text": good[0]["text"] + " Suite."}, ensure_ascii=False)
    (inbox / "growing.jsonl").write_bytes(growing + cut[: len(cut) // 2].encode())
    expected["incomplete_line"] += 1
    sub = inbox / "sub"
    sub.mkdir()
    (sub / "page.txt").write_bytes(("\ufeffTitle: Une page\n\n" + chunks[3][0]["text"]).encode("utf-16-be"))
    (sub / "rest.jsonl").write_bytes(jsonl(chunks[3][1:]))
    good_ids = [r["id"] for r in chunks[0] + chunks[1] + chunks[2] + chunks[3][1:]] + ["page"]
    # files that are no input, silently ignored
    (inbox / "README").write_text("Déposez les articles ici.", encoding="utf-8")
    (inbox / "notes.csv").write_text("id,texte\n1,Texte.", encoding="utf-8")
    # what must never be opened or read
    (outside / "secret.jsonl").write_bytes(jsonl([{"id": "secret", "text": "Un texte hors de la boîte."}]))
    if hasattr(os, "symlink"):
        (inbox / "link_out.jsonl").symlink_to(outside / "secret.jsonl")
        (sub / "dir_out").symlink_to(outside, target_is_directory=True)
        expected["outside_inbox"] += 2
    if hasattr(os, "mkfifo"):
        os.mkfifo(inbox / "pipe.jsonl")
        os.mkfifo(sub / "pipe")
        expected["special_file"] += 2

    items = list(read_inputs([inbox]))
    articles, rejects = _split(items)
    assert sorted(a.article_id for a in articles) == sorted(good_ids)
    assert Counter(r.reason for r in rejects) == expected
    assert {a.text for a in articles if a.article_id != "page"} == {r["text"] for r in good} - {chunks[3][0]["text"]}
    assert list(read_inputs([inbox])) == items
    _load_and_check(tmp_path, articles, rejects, n_good=len(good_ids))
