"""Parsing with bounded memory: long texts in pieces joined back, batches capped in characters."""

from __future__ import annotations

import datetime as dt

import pytest

from events.articles import Article
from events.extract import extract_events
from events.nlp import MAX_PIECE_CHARS, _batches, load_model, parse, pieces

PARAGRAPH = ("Le président français Emmanuel Macron a reçu lundi à l'Élysée le chancelier allemand Olaf Scholz. "
             "Les deux dirigeants ont évoqué la situation en Ukraine.\n")


def test_pieces_join_back_and_respect_the_limit():
    text = PARAGRAPH * 400  # ~60,000 characters
    found = pieces(text)
    assert "".join(found) == text
    assert len(found) > 1 and all(len(p) <= MAX_PIECE_CHARS for p in found)
    assert all(p.endswith("\n") for p in found[:-1])  # cut after a line break when there is one
    one_line = PARAGRAPH.replace("\n", " ") * 400
    assert all(p.endswith(". ") for p in pieces(one_line)[:-1])  # else after a sentence end
    assert "".join(pieces("x" * 50_000)) == "x" * 50_000  # no space at all: a hard cut
    assert pieces("") == [""]


def test_batches_are_capped_in_characters_and_in_texts():
    items = [("a " * 30_000, 1), ("b " * 40_000, 2), ("c " * 5_000, 3), ("d", 4), ("e", 5), ("f", 6), ("g", 7)]
    batches = list(_batches(items, batch_size=3))
    assert all(len(batch) <= 3 and sum(len(text) for text, _ in batch) <= 100_000 for batch in batches)
    flat = [(context, number, count) for batch in batches for _, (context, number, count) in batch]
    assert [c for c, _, _ in flat] == [1, 1, 1, 2, 2, 2, 2, 3, 4, 5, 6, 7]  # input order, pieces in order
    assert "".join(text for batch in batches for text, (context, _, _) in batch if context == 2) == "b " * 40_000


@pytest.mark.model
def test_a_long_text_parsed_in_pieces_is_one_doc_with_the_whole_texts_offsets():
    text = PARAGRAPH * 300
    [(doc, context)] = list(parse([(text, "long")]))
    assert context == "long" and doc.text == text
    assert len(list(doc.sents)) == len(list(load_model()(PARAGRAPH).sents)) * 300
    scholz = [t for t in doc if t.text == "Scholz"]
    assert len(scholz) == 300 and all(text[t.idx:t.idx + 6] == "Scholz" for t in scholz)


@pytest.mark.model
def test_an_event_at_the_end_of_a_long_article_is_coded_at_its_offset():
    filler = "Les discussions techniques ont porté sur des questions budgétaires et commerciales.\n" * 800
    article = Article("long", filler + PARAGRAPH, published_at=dt.datetime(2024, 5, 6, 9))
    [row] = [r for r in extract_events([article]) if r["event_root_code"] == "04"]
    assert {row["actor1_code"], row["actor2_code"]} == {"FRAGOV", "DEUGOV"}
    assert row["action_char_offset"] > len(filler) > 3 * MAX_PIECE_CHARS
    assert article.text[row["actor1_char_offset"]:].startswith(("Emmanuel Macron", "Olaf Scholz", "président",
                                                                "chancelier"))
