"""A fuzz run: generated articles, 20 % of them bad in the ways users send them; the good ones end in the
warehouse exactly once, every bad one in `rejects`, and a rerun changes nothing. $EVENTS_FUZZ_N sets the size
(default 500; the issue's 10,000 runs with EVENTS_FUZZ_N=10000 in about ten minutes)."""

from __future__ import annotations

import json
import os
import random
from collections import Counter

import pytest

from events.articles import Article, Reject, read_inputs
from events.bench import make_corpus
from events.extract import extract_events
from events.schema import events_table
from events.warehouse import checksums, connect, load
from tests.conftest import SAMPLES

pytestmark = pytest.mark.model

N = int(os.environ.get("EVENTS_FUZZ_N", "500"))


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
        (lambda k: json.dumps({"id": f"bad-{k}", "text": "The president met his counterpart on Monday in the "
                                                         "capital to discuss trade and security, officials said, "
                                                         "and both sides agreed to meet again next month in "
                                                         "order to continue the talks on the border and on "
                                                         "the release of the prisoners held by each side."})
         .encode(), "not_french"),
    ]
    lines = []
    for k in range(N // 5):
        make, reason = rng.choice(makers)
        lines.append((make(k), reason))
    return lines


def test_fuzzed_inbox_loads_good_articles_exactly_once_and_rejects_the_rest(tmp_path):
    rng = random.Random(5)
    sources = [a for a in read_inputs([SAMPLES / "inbox" / "articles.jsonl"]) if isinstance(a, Article)]
    good = list(make_corpus(sources, N - N // 5, seed=9))
    bad = _bad_lines(rng, good)
    lines = [(json.dumps(r, ensure_ascii=False).encode(), None) for r in good] + bad
    rng.shuffle(lines)
    # duplicates are only duplicates after the original: keep every original before the bad copies of it
    lines.sort(key=lambda item: item[1] == "duplicate")
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "fuzz.jsonl").write_bytes(b"\n".join(line for line, _ in lines) + b"\n")

    items = list(read_inputs([inbox]))
    articles = [i for i in items if isinstance(i, Article)]
    rejects = [i for i in items if isinstance(i, Reject)]
    assert sorted(a.article_id for a in articles) == sorted(r["id"] for r in good)
    assert Counter(r.reason for r in rejects) == Counter(reason for _, reason in bad)

    reference = events_table(list(extract_events(articles)))
    with connect(tmp_path / "events.duckdb") as con:
        load(con, articles=articles, mentions=reference, rejects=rejects)
        assert con.execute("SELECT count(*) FROM articles").fetchone() == (len(good),)
        assert con.execute("SELECT count(*) FROM rejects").fetchone() == (len(bad),)
        assert con.execute("SELECT count(*) FROM event_mentions").fetchone() == (reference.num_rows,)
        ids = set(reference.column("global_event_id").to_pylist())
        assert {r[0] for r in con.execute("SELECT global_event_id FROM events").fetchall()} == ids
        assert con.execute("SELECT count(*) - count(DISTINCT global_event_id) FROM events").fetchone() == (0,)
        before = checksums(con)
        load(con, articles=articles, mentions=reference, rejects=rejects)  # the same inbox again
        assert checksums(con) == before
