"""Hostile input (issue 18): every defect becomes a reject with its reason, or is repaired, at read time; reading
never raises and never blocks, one bad line or file never stops the others, and the rejects of an inbox are the
same on every read."""

from __future__ import annotations

import json
import os
import re
import socket
import stat
import threading
from datetime import date, timedelta
from pathlib import Path

import pytest

from events.articles import (
    MAX_ID_CHARS,
    MAX_JSON_DEPTH,
    REJECT_REASONS,
    Article,
    Reject,
    iter_input_files,
    read_file,
    read_inputs,
)

TEXT = "Le président a reçu son homologue à l'Élysée."


def _split(items):
    items = list(items)
    return [i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, Reject)]


def _lines(path: Path, lines: list[str], *, end: str = "\n") -> Path:
    path.write_text("\n".join(lines) + end, encoding="utf-8")
    return path


def _good(article_id: str, text: str = TEXT, **fields) -> str:
    return json.dumps({"id": article_id, "text": f"{text} ({article_id})", **fields}, ensure_ascii=False)


def _storable(items) -> None:
    """What the warehouse stores encodes as UTF-8 and ``extra`` is strict JSON."""
    for item in items:
        if isinstance(item, Article):
            for value in (item.article_id, item.text, item.title, item.url, item.source, item.lang,
                          item.source_file, item.text_hash):
                (value or "").encode("utf-8")
            json.dumps(item.extra, allow_nan=False, ensure_ascii=False).encode("utf-8")
        else:
            for value in (item.source_file, item.reason, item.detail, item.article_id, item.raw):
                (value or "").encode("utf-8")


def _read_with_timeout(paths, seconds: float = 20.0):
    """read_inputs in a thread: a test of a FIFO must fail, not hang, if reading blocks on it."""
    result: list = []
    thread = threading.Thread(target=lambda: result.extend(read_inputs(paths)), daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), "reading the inbox blocked (opened a FIFO?)"
    return result


# 1. Deep JSON nesting


def test_a_line_nested_10000_deep_is_rejected_too_deep_and_the_others_are_read(tmp_path):
    path = _lines(tmp_path / "deep.jsonl", [_good("a"), "[" * 10_000 + "]" * 10_000,
                                            '{"id": "b", "text": "x", "n": ' + "{\"k\": " * 10_000 + "1"
                                            + "}" * 10_001, _good("c")])
    articles, rejects = _split(read_inputs([path]))
    assert [a.article_id for a in articles] == ["a", "c"]
    assert [(r.line_no, r.reason) for r in rejects] == [(2, "too_deep"), (3, "too_deep")]
    assert f"{MAX_JSON_DEPTH}" in rejects[0].detail and "10,000" in rejects[0].detail
    assert rejects[1].article_id is None and len(rejects[1].raw or "") <= 500


def test_nested_extra_fields_are_kept_up_to_the_depth_limit(tmp_path):
    def nested(depth: int) -> str:  # the record itself is one level
        return "[" * (depth - 1) + "1" + "]" * (depth - 1)

    path = _lines(tmp_path / "n.jsonl", [
        '{"id": "ok", "text": "Texte ok.", "meta": ' + nested(MAX_JSON_DEPTH) + "}",
        '{"id": "deep", "text": "Texte profond.", "meta": ' + nested(MAX_JSON_DEPTH + 1) + "}",
        '{"id": "brackets", "text": "' + "[{" * 100 + ' dans le texte.", "t": "]]]"}',
    ])
    articles, rejects = _split(read_inputs([path]))
    assert [a.article_id for a in articles] == ["ok", "brackets"]  # brackets inside strings are text
    assert [(r.line_no, r.reason, r.article_id) for r in rejects] == [(2, "too_deep", None)]  # found unparsed
    _storable(articles)


def test_a_number_too_long_for_python_is_bad_json(tmp_path):
    path = _lines(tmp_path / "n.jsonl", ['{"id": "n", "text": "Texte.", "n": ' + "9" * 5_000 + "}", _good("b")])
    articles, rejects = _split(read_inputs([path]))
    assert [a.article_id for a in articles] == ["b"]
    assert [r.reason for r in rejects] == ["bad_json"] and "digits" in rejects[0].detail


# 2. Lone surrogates and bad ids


def test_lone_surrogates_in_text_and_other_fields_are_repaired(tmp_path):
    record = {"id": "s", "text": "Le président\ud800 a parlé.", "title": "Titre \udfff", "url": "http://x/\ud800",
              "source": "Le \udc80Monde", "lang": "fr\ud800", "topic\ud800": ["a\ud800", {"k": "\udc00"}]}
    path = tmp_path / "s.jsonl"
    path.write_text(json.dumps(record) + "\n" + _good("b") + "\n", encoding="utf-8")  # ASCII: \ud800 escapes
    articles, rejects = _split(read_inputs([path]))
    assert rejects == []
    article = articles[0]
    assert article.text == "Le président\ufffd a parlé."
    assert (article.title, article.url, article.source) == ("Titre \ufffd", "http://x/\ufffd", "Le \ufffdMonde")
    assert article.lang == "fr\ufffd"
    assert article.extra == {"topic\ufffd": ["a\ufffd", {"k": "\ufffd"}]}
    _storable(articles)


def test_ids_that_are_not_exact_strings_or_numbers_are_rejected_bad_id(tmp_path):
    bad = {"surrogate": "a\ud800b", "object": {"x": 1}, "list": [1], "true": True, "false": False,
           "long": "x" * (MAX_ID_CHARS + 1), "newline": "a\nb", "nul": "a\x00b", "c1": "a\x85b",
           "infinite": 1e400}
    lines = [json.dumps({"id": value, "text": f"Texte {name}.", "name": name}).replace("Infinity", "1e400")
             for name, value in bad.items()]
    good = {12: "12", 1.5: "1.5", " spaced ": "spaced", "x" * MAX_ID_CHARS: "x" * MAX_ID_CHARS, "Pékin–3": "Pékin–3"}
    lines += [json.dumps({"id": value, "text": f"Texte bon {n}."}) for n, value in enumerate(good)]
    path = _lines(tmp_path / "ids.jsonl", lines)
    articles, rejects = _split(read_inputs([path]))
    assert [a.article_id for a in articles] == list(good.values())
    assert [r.reason for r in rejects] == ["bad_id"] * len(bad)
    assert all(r.article_id is None for r in rejects)
    details = dict(zip(bad, (r.detail for r in rejects), strict=True))
    assert "surrogate" in details["surrogate"] and "object" in details["object"] and "boolean" in details["true"]
    assert f"{MAX_ID_CHARS}" in details["long"] and "control character" in details["newline"]
    assert "finite" in details["infinite"]
    _storable(articles + rejects)


def test_a_bad_id_in_a_text_file_header_is_rejected(tmp_path):
    (tmp_path / "a.txt").write_text("Id: a\x01b\n\nLe texte.", encoding="utf-8")
    (reject,) = read_inputs([tmp_path])
    assert (reject.reason, reject.line_no) == ("bad_id", None)


def test_a_file_name_that_is_not_utf8_is_rejected_and_recorded_printably(tmp_path):
    name = os.fsdecode(b"caf\xe9.jsonl")
    try:
        (tmp_path / name).write_text(_good("a") + "\n", encoding="utf-8")
    except (OSError, UnicodeEncodeError):
        pytest.skip("the file system does not take file names that are not UTF-8")
    (tmp_path / "ok.jsonl").write_text(_good("b") + "\n", encoding="utf-8")
    articles, rejects = _split(read_inputs([tmp_path]))
    assert [a.article_id for a in articles] == ["b"]
    assert [r.reason for r in rejects] == ["bad_file_name"]
    assert rejects[0].source_file == str(tmp_path / "caf\\xe9.jsonl")
    assert [p.name for p in iter_input_files([tmp_path])] == ["ok.jsonl"]  # never listed: nothing records it
    assert [r.reason for r in read_file(tmp_path / name)] == ["bad_file_name"]
    _storable(rejects)


# 3. UTF-16 and UTF-32 with a byte order mark


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_utf16_and_utf32_files_with_a_bom_are_decoded(tmp_path, encoding):
    bom = "\ufeff".encode(encoding)
    jsonl = "\r\n".join([_good("a", "Réunion à Pékin"), '{"oops', _good("b", "Arrivée à Genève")]) + "\r\n"
    (tmp_path / "lines.jsonl").write_bytes(bom + jsonl.encode(encoding))
    (tmp_path / "page.txt").write_bytes(bom + "Title: Été\n\nLe ministre est à Pékin.".encode(encoding))
    articles, rejects = _split(read_inputs([tmp_path]))
    assert {a.article_id: a.text for a in articles} == {"a": "Réunion à Pékin (a)", "b": "Arrivée à Genève (b)",
                                                        "page": "Le ministre est à Pékin."}
    assert next(a for a in articles if a.article_id == "page").title == "Été"
    assert [(r.line_no, r.reason) for r in rejects] == [(2, "bad_json")]


def test_utf16_without_a_bom_stays_binary(tmp_path):
    (tmp_path / "x.jsonl").write_bytes(_good("a").encode("utf-16-le"))
    (reject,) = read_inputs([tmp_path])
    assert reject.reason == "binary"


# 4. NaN and Infinity


def test_nan_is_rejected_in_a_known_field_and_stored_as_null_in_an_extra_one(tmp_path):
    path = _lines(tmp_path / "nan.jsonl", [
        '{"id": "date", "text": "Texte un.", "published_at": NaN}',
        '{"id": "title", "text": "Texte deux.", "title": Infinity}',
        '{"id": NaN, "text": "Texte trois."}',
        '{"id": "extra", "text": "Texte quatre.", "score": NaN, "range": [-Infinity, 1e400, 2.5], "n": {"x": NaN}}',
    ])
    articles, rejects = _split(read_inputs([path]))
    assert [(r.line_no, r.reason) for r in rejects] == [(1, "bad_json"), (2, "bad_json"), (3, "bad_json")]
    assert "NaN is not JSON" in rejects[0].detail and "published_at" in rejects[0].detail
    assert "Infinity is not JSON" in rejects[1].detail
    (article,) = articles
    assert article.extra == {"score": None, "range": [None, None, 2.5], "n": {"x": None}}
    _storable(articles)


# 5. HTML that hides a script inside a script


def test_a_script_hidden_inside_a_script_is_removed(tmp_path):
    path = _lines(tmp_path / "h.jsonl", [json.dumps({
        "id": "h", "text": "<p>Le ministre est arrivé.</p><scr<script>x</script>ipt>alert(2)</script><p>Fin.</p>"})])
    (article,) = read_inputs([path])
    assert article.text == "Le ministre est arrivé.\n\nFin."


# 6. Rejects are a pure function of the inbox


def test_a_future_date_reject_does_not_embed_the_time_of_reading(tmp_path):
    value = (date.today() + timedelta(days=3)).isoformat()
    path = _lines(tmp_path / "d.jsonl", [json.dumps({"id": "f", "text": "Texte.", "published_at": value})])
    (reject,) = read_inputs([path])
    assert reject.detail == (f"published_at {value!r} is more than one day after the time it was read "
                             "(a date in the future)")
    assert not re.search(r"\d\d:\d\d", reject.detail)


# 7. Special files


@pytest.mark.skipif(not hasattr(os, "mkfifo") or not hasattr(os, "symlink"), reason="no FIFOs or symbolic links")
def test_special_files_and_links_outside_the_inbox_are_recorded_and_never_opened(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.jsonl").write_text(_good("secret") + "\n", encoding="utf-8")
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    _lines(inbox / "a.jsonl", [_good("a")])
    os.mkfifo(inbox / "b_pipe.jsonl")
    os.mkfifo(inbox / "c_pipe_without_suffix")
    (inbox / "d_out.jsonl").symlink_to(outside / "secret.jsonl")
    (inbox / "e_dir_out").symlink_to(outside, target_is_directory=True)
    (inbox / "f_dangling.jsonl").symlink_to(inbox / "nowhere.jsonl")
    (inbox / "g_out.csv").symlink_to(outside / "secret.jsonl")  # another suffix: ignored like any .csv
    (inbox / "README").write_text("Notes.", encoding="utf-8")
    (inbox / "notes.csv").write_text("a,b", encoding="utf-8")
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(inbox / "h_socket.jsonl"))
        items = _read_with_timeout([inbox])
    articles, rejects = _split(items)
    assert [a.article_id for a in articles] == ["a"]
    assert [(Path(r.source_file).name, r.reason, r.line_no) for r in rejects] == [
        ("b_pipe.jsonl", "special_file", None), ("c_pipe_without_suffix", "special_file", None),
        ("d_out.jsonl", "outside_inbox", None), ("e_dir_out", "outside_inbox", None),
        ("f_dangling.jsonl", "unreadable", None), ("h_socket.jsonl", "special_file", None)]
    assert "FIFO" in rejects[0].detail and "socket" in rejects[-1].detail
    assert str(outside / "secret.jsonl") in rejects[2].detail
    assert "nowhere.jsonl" in rejects[4].detail
    assert [p.name for p in iter_input_files([inbox])] == ["a.jsonl"]  # only regular files are ever listed
    assert _split(_read_with_timeout([inbox]))[1] == rejects  # the same on every read


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs")
def test_a_fifo_named_explicitly_is_rejected_without_blocking(tmp_path):
    fifo = tmp_path / "pipe.jsonl"
    os.mkfifo(fifo)
    assert [(r.reason, r.source_file) for r in _read_with_timeout([fifo])] == [("special_file", str(fifo))]
    assert list(iter_input_files([fifo])) == []
    result: list = []
    thread = threading.Thread(target=lambda: result.extend(read_file(fifo)), daemon=True)
    thread.start()
    thread.join(20)
    assert not thread.is_alive() and [r.reason for r in result] == ["special_file"]


def test_a_device_node_is_recorded(tmp_path):
    device = tmp_path / "null.jsonl"
    try:
        os.mknod(device, 0o600 | stat.S_IFCHR, os.makedev(1, 3))
    except (AttributeError, OSError):
        pytest.skip("cannot create a device node here")
    (reject,) = _read_with_timeout([tmp_path])
    assert (reject.reason, reject.source_file) == ("special_file", str(device))
    assert "device" in reject.detail


# 8. A file being written


def test_an_incomplete_last_line_is_rejected_incomplete_line(tmp_path):
    growing = _lines(tmp_path / "growing.jsonl", [_good("a"), _good("b")[:25]], end="")
    done = _lines(tmp_path / "done.jsonl", [_good("c"), _good("d")[:25]], end="\n")
    no_break = _lines(tmp_path / "no_break.jsonl", [_good("e"), _good("f")], end="")
    articles, rejects = _split(read_inputs([growing, done, no_break]))
    assert [a.article_id for a in articles] == ["a", "c", "e", "f"]
    assert [(Path(r.source_file).name, r.line_no, r.reason) for r in rejects] == [
        ("growing.jsonl", 2, "incomplete_line"), ("done.jsonl", 2, "bad_json")]
    assert "no line break" in rejects[0].detail and "read again" in rejects[0].detail


def test_every_reason_a_reader_gives_is_documented():
    source = (Path(__file__).resolve().parents[2] / "src" / "events" / "articles.py").read_text(encoding="utf-8")
    used = set(re.findall(r'(?:InputError|Reject|_reject)\([^"\n]*"([a-z_]+)",', source))
    assert used and used <= set(REJECT_REASONS)
    assert {"too_deep", "bad_id", "incomplete_line", "special_file", "outside_inbox", "bad_file_name"} <= used
    for reason in REJECT_REASONS:
        assert f"``{reason}``" in source.split('"""')[1], f"{reason} missing from the module docstring"
