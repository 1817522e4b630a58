import json
from datetime import date

from events.articles import Article, Reject, read_inputs


def _write_jsonl(path, records):
    path.write_text("\n".join(r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in records),
                    encoding="utf-8")


def test_good_and_bad_lines_of_one_file(tmp_path):
    path = tmp_path / "in.jsonl"
    _write_jsonl(path, [
        {"id": "a1", "text": "Le président a reçu son homologue.", "published_at": "2024-07-09T10:00:00+02:00",
         "source": "Exemple", "topic": "diplomatie"},
        "{not json",
        {"id": "a2", "text": "   "},
        {"id": "a3", "text": "Texte.", "published_at": "hier"},
        {"id": "a4", "text": "Un autre article.", "published_at": "2024-07-10"},
    ])
    items = list(read_inputs([path]))
    articles = [i for i in items if isinstance(i, Article)]
    rejects = {i.line_no: i.reason for i in items if isinstance(i, Reject)}
    assert [a.article_id for a in articles] == ["a1", "a4"]
    assert rejects == {2: "bad_json", 3: "no_text", 4: "bad_date"}
    assert articles[0].pub_date == date(2024, 7, 9)
    assert articles[0].extra == {"topic": "diplomatie"}


def test_empty_and_binary_files_are_rejected_latin1_read_and_others_read(tmp_path):
    (tmp_path / "empty.jsonl").write_bytes(b"")
    (tmp_path / "garbage.txt").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "latin1.txt").write_bytes("Le ministre a déclaré".encode("latin-1"))
    (tmp_path / "ok.txt").write_text("Title: Un titre\nDate: 2024-05-14\n\nLe corps de l'article.", encoding="utf-8")
    items = list(read_inputs([tmp_path]))
    reasons = sorted(i.reason for i in items if isinstance(i, Reject))
    assert reasons == ["binary", "empty_file"]
    latin1, article = [i for i in items if isinstance(i, Article)]
    assert latin1.text == "Le ministre a déclaré"
    assert article.article_id == "ok"
    assert article.title == "Un titre"
    assert article.pub_date == date(2024, 5, 14)
    assert article.text == "Le corps de l'article."


def test_duplicate_ids_and_texts_are_rejected(tmp_path):
    path = tmp_path / "dup.jsonl"
    _write_jsonl(path, [{"id": "x", "text": "Même texte."}, {"id": "x", "text": "Autre."},
                        {"id": "y", "text": "Même  texte."}])
    items = list(read_inputs([path]))
    assert [type(i).__name__ for i in items] == ["Article", "Reject", "Reject"]
    assert {i.reason for i in items if isinstance(i, Reject)} == {"duplicate"}


def test_text_is_normalised_on_read(tmp_path):
    path = tmp_path / "a.jsonl"
    _write_jsonl(path, [{"id": "q", "text": "L’OCS\u00a0: «\u00a0oui\u00a0»"}])
    (article,) = list(read_inputs([path]))
    assert article.text == "L'OCS : « oui »"
