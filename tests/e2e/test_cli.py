"""The `events` command line, exercised through its runner (real model, real files)."""

import datetime as dt
import json
import re

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from events.cli import app
from tests.conftest import PROJECT, SAMPLES, shared_path

runner = CliRunner()
INBOX = SAMPLES / "inbox"


def _commands():
    commands = [[c.name or c.callback.__name__.replace("_", "-")] for c in app.registered_commands]
    for group in app.registered_groups:
        commands += [[group.name, c.name or c.callback.__name__.replace("_", "-")]
                     for c in group.typer_instance.registered_commands]
    return commands


def test_every_command_and_option_is_documented_in_the_readme():
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    for command in _commands():
        assert "events " + " ".join(command) in readme, command
        result = runner.invoke(app, [*command, "--help"])
        assert result.exit_code == 0
        for option in set(re.findall(r"--[a-z][a-z-]+", result.output)) - {"--help", "--no-progress"}:
            assert option in readme, f"{command} {option}"


def test_extract_writes_the_contract_to_parquet(tmp_path):
    out = tmp_path / "events.parquet"
    result = runner.invoke(app, ["extract", str(INBOX), "--out", str(out)])
    assert result.exit_code == 0, result.output
    table = pq.read_table(out)
    for column in ("article_id", "event_date", "actor1_code", "actor1_country_code", "actor2_code",
                   "actor2_country_code", "event_code", "event_root_code", "quad_class", "goldstein_scale",
                   "action_geo_country_code", "action_geo_feature_id", "action_geo_lat", "action_geo_long",
                   "sentence"):
        assert column in table.column_names
    assert str(table.schema.field("event_date").type) == "date32[day]"
    assert str(table.schema.field("goldstein_scale").type) == "double"
    assert table.num_rows > 0
    assert "rejected" in result.stderr if hasattr(result, "stderr") else True


def test_extract_jsonl_and_table_formats(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("Date: 2024-03-05\n\nLe président chinois Xi Jinping s'est entretenu lundi à Pékin avec "
                       "le président brésilien Luiz Inácio Lula da Silva.", encoding="utf-8")
    result = runner.invoke(app, ["extract", str(article), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert len(rows) == 1
    row = rows[0]
    assert {row["actor1_country_code"], row["actor2_country_code"]} == {"CHN", "BRA"}
    assert row["event_root_code"] == "04"
    assert row["event_date"] == "2024-03-04"
    assert row["action_geo_feature_id"] == "1816670"
    table = runner.invoke(app, ["extract", str(article), "--format", "table"])
    assert table.exit_code == 0 and "CHNGOV" in table.stdout


def test_bad_inputs_do_not_stop_the_run(tmp_path):
    (tmp_path / "empty.jsonl").write_bytes(b"")
    (tmp_path / "bad.jsonl").write_text('{"id": "ok", "text": "Le Premier ministre indien Narendra Modi a '
                                        'rencontré mardi à Moscou le président russe Vladimir Poutine.", '
                                        '"published_at": "2024-07-10"}\n{oops\n', encoding="utf-8")
    result = runner.invoke(app, ["extract", str(tmp_path), "--format", "jsonl"])
    assert result.exit_code == 0
    rows = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert [r["article_id"] for r in rows] == ["ok"]


def test_normalize_dates_reads_tsv():
    result = runner.invoke(app, ["normalize-dates"], input="2024-07-09\thier\n2024-07-09\tla coopération\n")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == ["hier\t2024-07-08", "la coopération\t"]


def test_geocode_jsonl():
    result = runner.invoke(app, ["geocode", "Pékin", "Astana", "--format", "jsonl"])
    assert result.exit_code == 0
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["geonames_id"], r["country_fips"]) for r in rows] == [("1816670", "CH"), ("1526273", "KZ")]


def test_seed_article_comes_out_right(tmp_path):
    seed_dir = shared_path("seed")
    (seed,) = sorted(seed_dir.glob("*.txt"))
    article = tmp_path / "seed.txt"
    article.write_text("Date: 2024-07-09\n\n" + seed.read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "seed.parquet"
    result = runner.invoke(app, ["extract", str(article), "--out", str(out)])
    assert result.exit_code == 0, result.output
    rows = pq.read_table(out).to_pylist()
    meetings = [r for r in rows if r["event_root_code"] == "04"
                and {r["actor1_code"], r["actor2_code"]} == {"CHNGOV", "BLRGOV"}]
    beijing = [r for r in meetings if r["action_geo_feature_id"] == "1816670"]
    assert beijing, rows
    (first,) = beijing
    assert str(first["event_date"]) == "2024-07-08"
    assert first["action_geo_country_code"] == "CH"
    assert first["action_geo_type"] == 4
    assert first["action_geo_lat"] == pytest.approx(39.9, abs=0.1)
    assert first["action_geo_long"] == pytest.approx(116.4, abs=0.1)
    astana = [r for r in meetings if r["action_geo_feature_id"] == "1526273"]
    assert astana and astana[0]["action_geo_country_code"] == "KZ"
    from events.cameo import load_codebook

    codebook = load_codebook()
    for row in rows:
        assert row["event_code"] in codebook
        for n in (1, 2):
            assert row[f"actor{n}_name"] not in {"Route", "État", "Sud"}
            assert row[f"actor{n}_code"] and not row[f"actor{n}_code"].startswith(("ROU", "SUD"))


def test_an_article_whose_coding_fails_is_quarantined_and_the_others_go_on(tmp_path, fail_coding_of):
    fail_coding_of("PANNE")
    path = tmp_path / "two.jsonl"
    path.write_text(
        json.dumps({"id": "bad", "text": "PANNE. Le président kényan William Ruto a reçu lundi le président "
                    "somalien.", "published_at": "2024-07-09"}) + "\n"
        + json.dumps({"id": "good", "text": "Le président chinois Xi Jinping a reçu lundi à Pékin le président "
                      "brésilien Luiz Inácio Lula da Silva.", "published_at": "2024-07-09"}) + "\n",
        encoding="utf-8")
    result = runner.invoke(app, ["extract", str(path), "--format", "jsonl"])
    assert result.exit_code == 0
    rows = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert {r["article_id"] for r in rows} == {"good"}
    assert "coding_error" in result.stderr


def test_evaluate_errors_name_the_rule_of_each_spurious_event(tmp_path, monkeypatch):
    articles = tmp_path / "articles.jsonl"
    articles.write_text(json.dumps({"id": "a-1", "published_at": "2024-07-09", "text": (
        "Le président kényan William Ruto a rencontré lundi à Nairobi le président somalien Hassan Cheikh "
        "Mohamoud, puis a critiqué l'Éthiopie.")}, ensure_ascii=False) + "\n", encoding="utf-8")
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"id": "a-1", "events": [{
        "actor1": {"code": "KENGOV", "country": "KEN"}, "actor2": {"code": "SOMGOV", "country": "SOM"},
        "cameo": "040", "root": "04", "date": "2024-07-08", "symmetric": True, "trigger": "a rencontré"}]},
        ensure_ascii=False) + "\n", encoding="utf-8")
    spurious = {"article_id": "a-1", "actor1_code": "KENGOV", "actor1_country_code": "KEN",
                "actor1_text": "William Ruto", "actor2_code": "ETHGOV", "actor2_country_code": "ETH",
                "actor2_text": "l'Éthiopie", "event_code": "111", "event_root_code": "11",
                "event_date": dt.date(2024, 7, 8), "trigger": "critiqué", "rule_id": "11/critiquer.v@accuse:obj"}
    # the coder's output is given, so that the listing is what is tested
    monkeypatch.setattr("events.cli._extract_rows", lambda *_args, **_options: [spurious])
    result = runner.invoke(app, ["evaluate", "--articles", str(articles), "--gold", str(gold), "--errors"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert [line for line in lines if line.startswith("missed ")] == [
        "missed a-1 KENGOV→SOMGOV 040 2024-07-08 «a rencontré»"]
    (line,) = [line for line in lines if line.startswith("spurious ")]
    assert "KENGOV→ETHGOV 111 2024-07-08 «critiqué» rule 11/critiquer.v@accuse:obj" in line


@pytest.mark.parametrize(("command", "choices"), [
    (["extract", str(INBOX / "sample-txt-001.txt")], ("parquet", "jsonl", "table")),
    (["geocode", "Paris"], ("table", "jsonl")),
])
def test_an_unsupported_format_is_rejected_with_the_supported_ones(command, choices):
    result = runner.invoke(app, [*command, "--format", "csv"])
    assert result.exit_code == 2
    message = " ".join(result.output.split())  # the error box wraps long lines
    assert "'csv' is not one of" in message
    for choice in choices:
        assert f"'{choice}'" in message

