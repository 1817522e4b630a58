"""Bad input gets a clear reject reason or is repaired, and one bad line or file never stops the others."""

import json
import os
import time
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from events.articles import MAX_TEXT_CHARS, Article, Reject, iter_input_files, read_inputs

ROOT = Path(__file__).resolve().parents[2]
FRENCH = ("Le président sénégalais a été reçu jeudi à l'Élysée par son homologue français, pour sa première "
          "visite à Paris depuis son élection. Les deux chefs d'État ont évoqué la coopération économique et "
          "l'avenir de la présence militaire française dans le pays, selon un communiqué de la présidence qui "
          "précise que les discussions se sont déroulées dans un climat cordial et qu'elles reprendront.")
ENGLISH = ("The president of France met his Chinese counterpart in Beijing on Monday to discuss trade and the war "
           "in Ukraine. The two leaders said they wanted to strengthen their economic ties and that a new agreement "
           "would be signed before the end of the year, according to a statement released by the Elysee palace "
           "after the meeting.")
SPANISH = ("El presidente de Francia se reunió el lunes en Pekín con su homólogo chino para hablar del comercio y de "
           "la guerra en Ucrania. Los dos dirigentes dijeron que querían reforzar sus lazos económicos y que un "
           "nuevo acuerdo se firmaría antes de fin de año, según un comunicado publicado por el palacio del Elíseo "
           "tras la reunión.")
GERMAN = ("Der französische Präsident hat am Montag in Peking seinen chinesischen Amtskollegen getroffen, um über "
          "den Handel und den Krieg in der Ukraine zu sprechen. Die beiden Politiker sagten, sie wollten ihre "
          "wirtschaftlichen Beziehungen stärken und vor Ende des Jahres ein neues Abkommen unterzeichnen, hieß es "
          "in einer Erklärung des Präsidialamts nach dem Treffen am Montag.")


def _jsonl(path: Path, records: list) -> Path:
    path.write_text("\n".join(r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in records),
                    encoding="utf-8")
    return path


def _split(items):
    items = list(items)
    articles = [i for i in items if isinstance(i, Article)]
    rejects = [i for i in items if isinstance(i, Reject)]
    return articles, rejects


# 1. Encodings


def test_latin1_cp1252_and_bom_files_are_decoded_and_accepted(tmp_path):
    (tmp_path / "latin1.txt").write_bytes("Title: Réunion à Pékin\n\nRencontre à Pékin.".encode("latin-1"))
    (tmp_path / "cp1252.txt").write_bytes("L’accord du cœur à Pékin – signé…".encode("cp1252"))
    (tmp_path / "bom.jsonl").write_bytes(b"\xef\xbb\xbf" + json.dumps({"id": "bom", "text": "Déjà là."}).encode())
    (tmp_path / "lines.jsonl").write_bytes(json.dumps({"id": "l1", "text": "Arrivée à Pékin."},
                                                      ensure_ascii=False).encode("latin-1"))
    articles, rejects = _split(read_inputs([tmp_path]))
    assert rejects == []
    texts = {a.article_id: a.text for a in articles}
    assert texts == {"bom": "Déjà là.", "cp1252": "L'accord du cœur à Pékin - signé...", "l1": "Arrivée à Pékin.",
                     "latin1": "Rencontre à Pékin."}
    assert next(a for a in articles if a.article_id == "latin1").title == "Réunion à Pékin"


def test_a_utf8_file_with_one_latin1_line_is_read_whole(tmp_path):
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(json.dumps({"id": "u", "text": "Réunion à Pékin."}, ensure_ascii=False).encode("utf-8") + b"\n"
                     + json.dumps({"id": "l", "text": "Arrivée à Genève."}, ensure_ascii=False).encode("latin-1"))
    articles, rejects = _split(read_inputs([path]))
    assert rejects == []
    assert {a.article_id: a.text for a in articles} == {"u": "Réunion à Pékin.", "l": "Arrivée à Genève."}


def test_binary_garbage_is_rejected_and_other_files_read(tmp_path):
    (tmp_path / "a_nul.txt").write_bytes(b"Le texte\x00\x00\x00 avec des NUL")
    (tmp_path / "b_controls.jsonl").write_bytes(bytes(range(1, 32)) * 3 + b"abcdefgh")
    (tmp_path / "c_ok.txt").write_text("Le ministre est à Pékin.", encoding="utf-8")
    articles, rejects = _split(read_inputs([tmp_path]))
    assert [a.article_id for a in articles] == ["c_ok"]
    assert [(Path(r.source_file).name, r.reason) for r in rejects] == [("a_nul.txt", "binary"),
                                                                       ("b_controls.jsonl", "binary")]
    assert "NUL" in rejects[0].detail
    assert "control characters" in rejects[1].detail
    assert "\x00" not in (rejects[0].raw or "")


# 2. Mojibake, 3. HTML


def test_mojibake_in_a_record_is_repaired(tmp_path):
    path = _jsonl(tmp_path / "m.jsonl", [{"id": "m", "title": "RÃ©union Ã  PÃ©kin",
                                          "text": "La rÃ©union Ã  Paris sâ€™est tenue Ã  PÃ©kin."}])
    (article,) = read_inputs([path])
    assert article.title == "Réunion à Pékin"
    assert article.text == "La réunion à Paris s'est tenue à Pékin."


def test_html_text_is_stripped_in_jsonl_and_txt(tmp_path):
    page = ("<html><head><style>body { margin: 0 }</style><script>alert('x')</script></head><body>"
            "<p>Le pr&eacute;sident &amp; le ministre</p><p>Ils se sont vus<br>jeudi.</p></body></html>")
    _jsonl(tmp_path / "h.jsonl", [{"id": "h", "title": "Titre &eacute;t&eacute;", "text": page}])
    (tmp_path / "page.txt").write_text("Title: Une page\n\n" + page.replace("jeudi", "vendredi"), encoding="utf-8")
    articles, rejects = _split(read_inputs([tmp_path]))
    assert rejects == []
    texts = {a.article_id: a.text for a in articles}
    assert texts["h"] == "Le président & le ministre\n\nIls se sont vus\njeudi."
    assert texts["page"] == "Le président & le ministre\n\nIls se sont vus\nvendredi."
    assert articles[0].title == "Titre été"


def test_html_without_text_is_no_text(tmp_path):
    path = _jsonl(tmp_path / "h.jsonl", [{"id": "h", "text": "<div><script>var a = 1;</script></div>"}])
    (reject,) = read_inputs([path])
    assert isinstance(reject, Reject) and reject.reason == "no_text"


# 4. Missing, blank and non-string text


def test_blank_and_non_string_texts_are_rejected_and_others_read(tmp_path):
    path = _jsonl(tmp_path / "t.jsonl", [
        {"id": "blank", "text": " \n\t\u00a0 "},
        {"id": "number", "text": 42},
        {"id": "list", "text": ["Le", "texte"]},
        {"id": "object", "text": {"fr": "Le texte"}},
        {"id": "none", "text": None},
        {"id": "missing"},
        {"id": "ok", "text": "Le texte."},
    ])
    articles, rejects = _split(read_inputs([path]))
    assert [a.article_id for a in articles] == ["ok"]
    assert {r.article_id: r.reason for r in rejects} == {
        "blank": "no_text", "number": "bad_text_type", "list": "bad_text_type", "object": "bad_text_type",
        "none": "no_text", "missing": "no_text"}
    assert "int" in next(r.detail for r in rejects if r.article_id == "number")


# 5. Huge articles


def test_a_5_mb_article_is_rejected_too_long_quickly(tmp_path):
    huge = ("Le président a reçu son homologue à Pékin. " * 120_000)[:5_000_000]
    path = _jsonl(tmp_path / "big.jsonl", [{"id": "big", "text": huge}, {"id": "small", "text": "Le texte."}])
    (tmp_path / "big.txt").write_text(huge, encoding="utf-8")
    start = time.perf_counter()
    articles, rejects = _split(read_inputs([path, tmp_path / "big.txt"]))
    assert time.perf_counter() - start < 10
    assert [a.article_id for a in articles] == ["small"]
    assert [(r.article_id, r.reason) for r in rejects] == [("big", "too_long"), ("big", "too_long")]
    assert "5,000,000" in rejects[0].detail and f"{MAX_TEXT_CHARS:,}" in rejects[0].detail
    assert all(len(r.raw or "") <= 500 for r in rejects)


# 6. Language


@pytest.mark.parametrize("text", [ENGLISH, SPANISH, GERMAN])
def test_long_texts_not_in_french_are_rejected(tmp_path, text):
    path = _jsonl(tmp_path / "l.jsonl", [{"id": "x", "text": text}, {"id": "fr", "text": FRENCH}])
    articles, rejects = _split(read_inputs([path]))
    assert [a.article_id for a in articles] == ["fr"]
    (reject,) = rejects
    assert reject.reason == "not_french"
    assert "score" in reject.detail


def test_short_texts_are_not_language_checked(tmp_path):
    path = _jsonl(tmp_path / "s.jsonl", [{"id": "en", "text": "The president met his counterpart in Beijing."}])
    (article,) = read_inputs([path])
    assert isinstance(article, Article)


@pytest.mark.parametrize("relative", ["warehouse/samples/inbox", "tests/data/regions/articles.jsonl",
                                      "../shared/eval/dev/articles.jsonl"])
def test_bundled_and_evaluation_articles_are_all_accepted(relative):
    path = ROOT / relative
    if not path.exists():
        pytest.skip(f"{path} is absent")
    files = list(iter_input_files([path]))
    for file in files:
        records = [line for line in file.read_bytes().splitlines() if line.strip()]
        if file.suffix == ".jsonl" and records and all(_is_json(r) for r in records):
            _, rejects = _split(read_inputs([file]))
            assert rejects == [], rejects
    # The sample inbox holds deliberately bad files: no article may be rejected for a content reason.
    _, rejects = _split(read_inputs([path]))
    assert not [r for r in rejects if r.reason in {"not_french", "too_long", "binary", "bad_text_type"}]


def _is_json(line: bytes) -> bool:
    try:
        json.loads(line)
    except ValueError:
        return False
    return True


# 7. Dates


def test_impossible_dates_are_rejected(tmp_path):
    now = datetime.now()
    bad = {"month13": "2024-13-45", "word": "hier", "old": "1850-06-01", "old_time": "1899-12-31T23:00:00+00:00",
           "future": (date.today() + timedelta(days=3)).isoformat(),
           "future_time": (now + timedelta(days=2)).isoformat(timespec="seconds")}
    good = {"today": date.today().isoformat(), "soon": (now + timedelta(hours=12)).isoformat(timespec="seconds"),
            "y1900": "1900-01-01", "z": "2024-07-09T08:00:00Z"}
    records = [{"id": k, "text": f"Texte {k}.", "published_at": v} for k, v in {**bad, **good}.items()]
    articles, rejects = _split(read_inputs([_jsonl(tmp_path / "d.jsonl", records)]))
    assert {r.article_id: r.reason for r in rejects} == dict.fromkeys(bad, "bad_date")
    assert sorted(a.article_id for a in articles) == sorted(good)
    details = {r.article_id: r.detail for r in rejects}
    assert "1900" in details["old"] and "future" in details["future"]


# 8. Duplicates


def test_duplicate_id_with_a_different_text_says_so(tmp_path):
    first = _jsonl(tmp_path / "a.jsonl", [{"id": "x", "text": "Premier texte."}])
    second = _jsonl(tmp_path / "b.jsonl", [{"id": "x", "text": "Un autre texte."},
                                           {"id": "x", "text": "Premier texte."},
                                           {"id": "y", "text": "Premier  texte."}])
    articles, rejects = _split(read_inputs([first, second]))
    assert [a.article_id for a in articles] == ["x"]
    assert [(r.line_no, r.reason) for r in rejects] == [(1, "duplicate"), (2, "duplicate"), (3, "duplicate")]
    assert "text differs" in rejects[0].detail and "a.jsonl line 1" in rejects[0].detail
    assert "same text" in rejects[1].detail
    assert "same text as article x" in rejects[2].detail


# 9. File names and symbolic links


def test_odd_file_names_are_read_and_recorded_as_given(tmp_path):
    names = ["avec espace.txt", "l'apostrophe \"guillemets\".txt", "Pékin–Genève 北京.txt", "a..b.txt", "..dots.md"]
    for index, name in enumerate(names):
        (tmp_path / name).write_text(f"Article numéro {index}.", encoding="utf-8")
    articles, rejects = _split(read_inputs([tmp_path]))
    assert rejects == []
    assert sorted(a.source_file for a in articles) == sorted(str(tmp_path / n) for n in names)
    given = tmp_path / "sub" / ".." / "avec espace.txt"
    (tmp_path / "sub").mkdir()
    (article,) = read_inputs([given])
    assert article.source_file == str(given)


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links")
def test_symlinks_leading_outside_the_folder_are_skipped_and_recorded(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("Texte hors de la boîte.", encoding="utf-8")
    inbox = tmp_path / "inbox"
    (inbox / "sub").mkdir(parents=True)
    (inbox / "real.txt").write_text("Texte dans la boîte.", encoding="utf-8")
    try:
        (inbox / "link_out.txt").symlink_to(outside / "secret.txt")
        (inbox / "dir_out").symlink_to(outside, target_is_directory=True)
        (inbox / "sub" / "link_in.txt").symlink_to(inbox / "real.txt")
    except OSError:
        pytest.skip("cannot create symbolic links here")
    files = [p.relative_to(inbox).as_posix() for p in iter_input_files([inbox])]
    assert files == ["real.txt", "sub/link_in.txt"]
    # read_inputs records what it skipped (the link inside the folder reads the same text: a duplicate)
    assert [(Path(r.source_file).name, r.reason) for r in read_inputs([inbox]) if isinstance(r, Reject)] == [
        ("dir_out", "outside_inbox"), ("link_out.txt", "outside_inbox"), ("link_in.txt", "duplicate")]
    # A file named explicitly is read as given, even through a link.
    assert list(iter_input_files([inbox / "link_out.txt"])) == [inbox / "link_out.txt"]


def test_a_large_jsonl_file_is_read_line_by_line(tmp_path):
    # over the first MiB that is sniffed: later lines are still decoded one by one (a Latin-1 line among
    # UTF-8 ones), and a U+2028 inside a JSON string does not cut its line in two
    path = tmp_path / "big.jsonl"
    lines = [json.dumps({"id": f"a{n}", "text": f"{FRENCH} Article {n}.", "published_at": "2024-07-09"},
                        ensure_ascii=False).encode("utf-8") for n in range(4_000)]
    lines.append(json.dumps({"id": "latin", "text": FRENCH + " Fin.", "published_at": "2024-07-09"},
                            ensure_ascii=False).encode("latin-1"))
    lines.append(json.dumps({"id": "sep", "text": FRENCH + "\u2028Suite.", "published_at": "2024-07-09"},
                            ensure_ascii=False).encode("utf-8"))
    path.write_bytes(b"\n".join(lines) + b"\n")
    assert path.stat().st_size > 1 << 20
    items = list(read_inputs([path]))
    assert all(isinstance(item, Article) for item in items) and len(items) == 4_002
    latin, sep = items[-2], items[-1]
    assert latin.article_id == "latin" and "sénégalais" in latin.text and latin.line_no == 4_001
    assert sep.article_id == "sep" and sep.line_no == 4_002
