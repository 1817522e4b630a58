"""The coder's data files: they load, a bad row fails with the file and line, every word set is used, and every
dictionary entry and frame codes its own example sentence."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from events.coding import load_lexicon
from events.coding.lexicon import (
    TRIGGER_COLUMNS,
    load_arguments,
    load_frames,
    load_policies,
    load_triggers,
    load_words,
)
from events.coding.words import REQUIRED_SETS
from events.data_files import DATA_DIR, DataFileError, read_rows

CODING_SOURCES = Path(__file__).resolve().parents[2] / "src" / "events" / "coding"


def test_the_dictionary_loads_and_covers_its_roots():
    lexicon = load_lexicon()
    triggers = lexicon.all_triggers()
    assert len(triggers) == len({t.id for t in triggers})
    roots = {t.code[:2] for t in triggers}
    for path in sorted((DATA_DIR / "triggers").glob("*.tsv")):
        assert path.stem[:2] in roots, f"{path.name} has no entry"
    assert all(t.frame.name in lexicon.frames and t.example for t in triggers)


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def _trigger_file(folder: Path, name: str, row: str) -> Path:
    triggers = folder / "triggers"
    triggers.mkdir(exist_ok=True)
    return _write(triggers, name, "# a comment\n" + "\t".join(TRIGGER_COLUMNS) + "\n" + row + "\n")


@pytest.mark.parametrize(("row", "message"), [
    ("rencontrer\tVERB\t040\tno_such_frame\t\tX a rencontré Y.", "unknown frame 'no_such_frame'"),
    ("rencontrer\tVERB\t049\tmeet\t\tX a rencontré Y.", "CAMEO code '049' is not in the codebook"),
    ("rencontrer\tADJ\t040\tmeet\t\tX a rencontré Y.", "pos must be one of"),
    ("critiquer\tVERB\t111\tact_on\t\tX a critiqué Y.", "does not belong in 04_test.tsv"),
    ("rencontrer\tVERB\t040\tmeet\t\t", "empty 'example'"),
    ("rencontrer\tVERB\t040\tmeet\t\tX a rencontré Y.\tstray", "7 fields for 6 columns"),
])
def test_a_bad_trigger_row_names_its_file_and_line(tmp_path, row, message):
    _trigger_file(tmp_path, "04_test.tsv", row)
    frames = load_lexicon().frames
    with pytest.raises(DataFileError, match=re.escape(message)) as error:
        load_triggers(frames, tmp_path / "triggers")
    assert str(error.value).startswith(str(tmp_path / "triggers" / "04_test.tsv") + ":3:")


def test_a_bad_header_is_an_error(tmp_path):
    path = _write(tmp_path, "frames.tsv", "frame\tsymmetric\ttargets\n")
    with pytest.raises(DataFileError, match="header is"):
        load_frames(load_arguments(), path)


@pytest.mark.parametrize(("row", "message"), [
    ("meet\t1\tobj>nowhere\t\t\tdescription\tX a rencontré Y.", "unknown slot 'nowhere'"),
    ("meet\t1\tobj\tguess\t\tdescription\tX a rencontré Y.", "unknown fallback 'guess'"),
    ("meet\t2\tobj\t\t\tdescription\tX a rencontré Y.", "symmetric must be 0 or 1"),
    ("arrest\t0\tobj\t\tPOLICE\tdescription\tX a été arrêté.", "implied 'POLICE' is no CAMEO role code"),
])
def test_a_bad_frame_row_is_an_error(tmp_path, row, message):
    header = "frame\tsymmetric\ttargets\tfallbacks\timplied\tdescription\texample\n"
    path = _write(tmp_path, "frames.tsv", header + row + "\n")
    with pytest.raises(DataFileError, match=re.escape(message)):
        load_frames(load_arguments(), path)


@pytest.mark.parametrize(("row", "message"), [
    ("99\t\t0\t0\t0\t\t\tnothing", "prefix '99' is no CAMEO root or code"),
    ("11\tlinear_maybe\t1\t1\t0\t\t\tdisapproval", "unknown fallback 'linear_maybe'"),
    ("11\tlast_actor_on:later\t1\t1\t0\t\t\tdisapproval", "only ':back'"),
    ("04\t\t0\t0\t0\t999\t\tconsult", "intent code '999'"),
    ("14\t\t0\t0\t0\t\tCROWD\tprotest", "implied_source 'CROWD' is no CAMEO role code"),
])
def test_a_bad_policy_row_is_an_error(tmp_path, row, message):
    header = "prefix\tfallbacks\treaction\tone_per_sentence\tstrike_place\tintent\timplied_source\tdescription\n"
    path = _write(tmp_path, "policies.tsv", header + row + "\n")
    with pytest.raises(DataFileError, match=re.escape(message)):
        load_policies(load_arguments(), path)


def test_a_missing_or_bad_word_set_is_an_error(tmp_path):
    path = _write(tmp_path, "words.tsv", "set\twords\tdescription\nnegations\tpas|jamais\tnegation\n")
    with pytest.raises(DataFileError, match="missing: act_nouns"):
        load_words(path, required=REQUIRED_SETS)
    path = _write(tmp_path, "words.tsv", "set\twords\tdescription\nstatement:999\tprêt\tready\n")
    with pytest.raises(DataFileError, match="not in the CAMEO codebook"):
        load_words(path)


def test_every_word_set_is_read_by_the_code_and_every_read_set_is_declared():
    sources = "\n".join(path.read_text(encoding="utf-8") for path in CODING_SOURCES.glob("*.py"))
    used = set(re.findall(r"\bw(?:ords\(\))?\.([a-z_][a-z0-9_]*)", sources)) - {"get", "order", "names"}
    declared = set(REQUIRED_SETS)
    assert used == declared
    in_file = {row["set"] for row in read_rows(DATA_DIR / "words_fr.tsv")}
    assert {name for name in in_file if not name.startswith("statement:")} == declared


def test_every_argument_way_is_named_by_a_frame_a_policy_or_the_code():
    lexicon = load_lexicon()
    named = {name for frame in lexicon.frames.values() for name in (*frame.targets, *frame.fallbacks)}
    named |= {entry.split(":")[0] for policy in lexicon.policies.values() for entry in policy.fallbacks}
    sources = "\n".join(path.read_text(encoding="utf-8") for path in CODING_SOURCES.glob("*.py"))
    for name in lexicon.arguments:
        assert name in named or f'"{name}' in sources or f"{name}>" in sources or f">{name}" in sources, name


@pytest.fixture(scope="module")
def coded_examples():
    from events.articles import article_from_record
    from events.extract import extract_events

    lexicon = load_lexicon()
    texts = {f"trigger:{t.id}": t.example for t in lexicon.all_triggers()}
    texts |= {f"frame:{f.name}": f.example for f in lexicon.frames.values()}
    articles = [article_from_record({"id": key, "text": text, "published_at": "2024-06-03"},
                                    source_file="examples", line_no=n) for n, (key, text) in enumerate(texts.items())]
    rows: dict[str, list[dict[str, object]]] = {key: [] for key in texts}
    for row in extract_events(articles):
        rows[str(row["article_id"])].append(row)
    return rows


@pytest.mark.model
@pytest.mark.parametrize("trigger", load_lexicon().all_triggers(), ids=lambda t: t.id)
def test_every_dictionary_entry_codes_its_example(coded_examples, trigger):
    rows = coded_examples[f"trigger:{trigger.id}"]
    assert any(str(r["rule_id"]).startswith(trigger.rule + ":") and str(r["event_code"])[:2] == trigger.code[:2]
               for r in rows), (trigger.source, trigger.example, [(r["event_code"], r["rule_id"]) for r in rows])


@pytest.mark.model
@pytest.mark.parametrize("frame", sorted(load_lexicon().frames), ids=str)
def test_every_frame_codes_its_example(coded_examples, frame):
    rows = coded_examples[f"frame:{frame}"]
    assert any(f"@{frame}:" in str(r["rule_id"]) for r in rows), [r["rule_id"] for r in rows]


def test_the_readme_examples_of_extending_the_coder_are_real_rows():
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Extending the coder", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if "\t" in line]
    assert len(rows) >= 4
    data = "\n".join(path.read_text(encoding="utf-8") for path in DATA_DIR.rglob("*.tsv"))
    for row in rows:
        assert row in data.splitlines(), row
