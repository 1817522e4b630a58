"""The SQL files under sql/: DDL, views, loads and analysis queries, run on a fresh DuckDB database."""

from __future__ import annotations

import csv
import datetime as dt
import re
import shutil
from pathlib import Path

import duckdb
import pytest

from events.schema import EVENT_COLUMNS, events_table

ROOT = Path(__file__).resolve().parents[2]
SQL = ROOT / "sql"
SHARED = Path(__file__).resolve().parents[3] / "shared"
GDELT_HEADER_CSV = SHARED / "reference/cameo/gdelt/GDELT_2.0_Events_Column_Labels_Header_Row_Sep2016.csv"

# GDELT 2.0 Events: the 61 column names, in order (public documentation of the GDELT Event Codebook).
GDELT_2_COLUMNS = [
    "GLOBALEVENTID",
    "SQLDATE",
    "MonthYear",
    "Year",
    "FractionDate",
    "Actor1Code",
    "Actor1Name",
    "Actor1CountryCode",
    "Actor1KnownGroupCode",
    "Actor1EthnicCode",
    "Actor1Religion1Code",
    "Actor1Religion2Code",
    "Actor1Type1Code",
    "Actor1Type2Code",
    "Actor1Type3Code",
    "Actor2Code",
    "Actor2Name",
    "Actor2CountryCode",
    "Actor2KnownGroupCode",
    "Actor2EthnicCode",
    "Actor2Religion1Code",
    "Actor2Religion2Code",
    "Actor2Type1Code",
    "Actor2Type2Code",
    "Actor2Type3Code",
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    "Actor1Geo_Type",
    "Actor1Geo_FullName",
    "Actor1Geo_CountryCode",
    "Actor1Geo_ADM1Code",
    "Actor1Geo_ADM2Code",
    "Actor1Geo_Lat",
    "Actor1Geo_Long",
    "Actor1Geo_FeatureID",
    "Actor2Geo_Type",
    "Actor2Geo_FullName",
    "Actor2Geo_CountryCode",
    "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code",
    "Actor2Geo_Lat",
    "Actor2Geo_Long",
    "Actor2Geo_FeatureID",
    "ActionGeo_Type",
    "ActionGeo_FullName",
    "ActionGeo_CountryCode",
    "ActionGeo_ADM1Code",
    "ActionGeo_ADM2Code",
    "ActionGeo_Lat",
    "ActionGeo_Long",
    "ActionGeo_FeatureID",
    "DATEADDED",
    "SOURCEURL",
]

ARTICLES_COLUMNS = [
    "article_id",
    "source_file",
    "line_no",
    "url",
    "title",
    "published_at",
    "pub_date",
    "source_name",
    "lang",
    "text",
    "text_hash",
    "extra",
    "n_events",
    "date_added",
    "date_source",
    "partition_date",
]
REJECTS_COLUMNS = [
    "reject_id",
    "source_file",
    "line_no",
    "article_id",
    "reason",
    "detail",
    "raw",
    "date_added",
]
SCHEMA_VERSION_COLUMNS = ["version", "applied_at", "description"]

# Sample values for the $parameters of sql/analysis/*.sql and sql/load/*.sql.
SAMPLE_PARAMS: dict[str, object] = {"km": 50, "lat": 39.9, "lon": 116.4, "article_ids": ["nobody"],
                                    "as_of": dt.date(2023, 4, 7), "days": 7}

MEETING_ID = 7_311_094_482_113_552_001
CRITICISM_ID = 2_204_558_190_003_771_002

BEIJING = {
    "type": 4,
    "fullname": "Beijing, Beijing, China",
    "country_code": "CH",
    "country_iso2": "CN",
    "adm1_code": "CH22",
    "lat": 39.9075,
    "long": 116.39723,
    "feature_id": "1816670",
    "text": "Pékin",
}
PARIS = {
    "type": 4,
    "fullname": "Paris, Île-de-France, France",
    "country_code": "FR",
    "country_iso2": "FR",
    "adm1_code": "FRA8",
    "lat": 48.85341,
    "long": 2.3488,
    "feature_id": "2988507",
    "text": "Paris",
}


def _geo(prefix: str, place: dict[str, object]) -> dict[str, object]:
    return {f"{prefix}_geo_{key}": value for key, value in place.items()}


def _meeting(
    article_id: str,
    source: str,
    sentence_index: int,
    confidence: float,
    root: bool,
    added: dt.datetime,
    sentence: str,
    rule_id: str,
) -> dict[str, object]:
    return {
        "global_event_id": MEETING_ID,
        "article_id": article_id,
        "event_date": dt.date(2023, 4, 6),
        "date_precision": "day",
        "sql_date": 20230406,
        "actor1_code": "FRAGOV",
        "actor1_name": "Emmanuel Macron",
        "actor1_country_code": "FRA",
        "actor1_type1_code": "GOV",
        "actor1_text": "Emmanuel Macron",
        "actor2_code": "CHNGOV",
        "actor2_name": "Xi Jinping",
        "actor2_country_code": "CHN",
        "actor2_type1_code": "GOV",
        "actor2_text": "Xi Jinping",
        "event_code": "042",
        "event_base_code": "042",
        "event_root_code": "04",
        "quad_class": 1,
        "goldstein_scale": 1.9,
        "plover_type": "CONSULT",
        "is_root_event": root,
        **_geo("action", BEIJING),
        "num_mentions": 1,
        "num_sources": 1,
        "num_articles": 1,
        "sentence": sentence,
        "sentence_index": sentence_index,
        "trigger": "rencontré",
        "actor1_char_offset": 0,
        "actor2_char_offset": 30,
        "action_char_offset": 20,
        "confidence": confidence,
        "rule_id": rule_id,
        "source_url": f"https://example.org/{article_id}",
        "source_name": source,
        "date_added": added,
    }


MENTIONS = [
    _meeting(
        "lemonde-2023-04-06-001",
        "Le Monde",
        0,
        0.8,
        True,
        dt.datetime(2023, 4, 6, 9, 15, 0),
        "Emmanuel Macron a rencontré Xi Jinping jeudi à Pékin.",
        "04/rencontrer.v@meet:obj",
    ),
    _meeting(
        "lemonde-2023-04-06-001",
        "Le Monde",
        3,
        0.9,
        False,
        dt.datetime(2023, 4, 6, 9, 15, 0),
        "Le président français s'est entretenu avec Xi Jinping au Palais du peuple.",
        "04/s_entretenir.v@meet:avec",
    ),
    _meeting(
        "figaro-2023-04-06-014",
        "Le Figaro",
        1,
        0.9,
        False,
        dt.datetime(2023, 4, 6, 11, 40, 5),
        "À Pékin, Emmanuel Macron a été reçu par Xi Jinping.",
        "04/recevoir.v@host:passive",
    ),
    {
        "global_event_id": CRITICISM_ID,
        "article_id": "figaro-2023-04-06-014",
        "event_date": dt.date(2023, 4, 5),
        "date_precision": "day",
        "sql_date": 20230405,
        "actor1_code": "FRAGOV",
        "actor1_name": "Catherine Colonna",
        "actor1_country_code": "FRA",
        "actor1_type1_code": "GOV",
        "actor1_text": "la ministre des Affaires étrangères",
        "actor2_code": "RUS",
        "actor2_name": "Russia",
        "actor2_country_code": "RUS",
        "actor2_text": "la Russie",
        "event_code": "111",
        "event_base_code": "111",
        "event_root_code": "11",
        "quad_class": 3,
        "goldstein_scale": -2.0,
        "plover_type": "ACCUSE",
        "is_root_event": False,
        **_geo("action", PARIS),
        "num_mentions": 1,
        "num_sources": 1,
        "num_articles": 1,
        "sentence": "À Paris, la ministre des Affaires étrangères a condamné la Russie.",
        "sentence_index": 5,
        "trigger": "condamné",
        "actor1_char_offset": 9,
        "actor2_char_offset": 55,
        "action_char_offset": 45,
        "confidence": 0.7,
        "rule_id": "11/condamner.v@accuse:obj",
        "source_url": "https://example.org/figaro-2023-04-06-014",
        "source_name": "Le Figaro",
        "date_added": dt.datetime(2023, 4, 6, 11, 40, 5),
    },
]


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def _run_files(con: duckdb.DuckDBPyConnection, pattern: str) -> list[Path]:
    paths = sorted(SQL.glob(pattern))
    for path in paths:
        con.execute(_read(path))
    return paths


def _params(sql: str) -> dict[str, object]:
    code = "\n".join(line for line in sql.splitlines() if not line.lstrip().startswith("--"))
    return {name: SAMPLE_PARAMS[name] for name in sorted(set(re.findall(r"\$(\w+)", code)))}


def _columns(con: duckdb.DuckDBPyConnection, table: str) -> list[tuple[str, str]]:
    return con.execute(
        "SELECT column_name, data_type FROM duckdb_columns() WHERE table_name = $t ORDER BY column_index",
        {"t": table},
    ).fetchall()


def _names(con: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    return [name for name, _ in _columns(con, table)]


def _rebuild(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("BEGIN")
    con.execute(_read(SQL / "load/rebuild_events.sql"))
    con.execute("COMMIT")


def _query(con: duckdb.DuckDBPyConnection, sql: str, params: dict[str, object] | None = None) -> list[dict]:
    cur = con.execute(sql, params or {})
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]


@pytest.fixture(scope="module")
def schema_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database built once by running sql/ddl/*.sql then sql/views/*.sql, in name order."""
    path = tmp_path_factory.mktemp("schema") / "events.duckdb"
    connection = duckdb.connect(str(path))
    assert _run_files(connection, "ddl/*.sql"), "no DDL files found"
    assert _run_files(connection, "views/*.sql"), "no view files found"
    connection.close()
    return path


@pytest.fixture
def con(schema_db: Path, tmp_path: Path) -> duckdb.DuckDBPyConnection:
    """A fresh copy of the schema database in tmp_path, for one test."""
    path = tmp_path / "events.duckdb"
    shutil.copyfile(schema_db, path)
    connection = duckdb.connect(str(path))
    yield connection
    connection.close()


@pytest.fixture
def loaded(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    tbl = events_table(MENTIONS)
    con.register("tbl", tbl)
    con.execute("INSERT INTO event_mentions SELECT * FROM tbl")
    con.unregister("tbl")
    for article_id, source in (("lemonde-2023-04-06-001", "Le Monde"), ("figaro-2023-04-06-014", "Le Figaro"),
                               ("liberation-2023-04-06-002", "Libération")):
        con.execute("INSERT INTO articles (article_id, pub_date, source_name, text, text_hash) "
                    "VALUES ($id, DATE '2023-04-06', $source, 'texte', $id)", {"id": article_id, "source": source})
    _rebuild(con)
    return con


def test_every_sql_file_starts_with_a_comment() -> None:
    paths = sorted(SQL.rglob("*.sql"))
    assert len(paths) >= 15
    for path in paths:
        assert _read(path).startswith("--"), f"{path} has no leading comment"


def test_ddl_is_idempotent_and_creates_the_tables(con: duckdb.DuckDBPyConnection) -> None:
    _run_files(con, "ddl/*.sql")
    _run_files(con, "views/*.sql")
    tables = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
    assert tables == {"schema_version", "articles", "event_mentions", "events", "rejects", "dimension_sources",
                      "cameo_event_codes", "actors", "places"}
    views = {r[0] for r in con.execute("SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall()}
    assert {"gdelt_events", "who_met_whom"} <= views


def test_table_columns(con: duckdb.DuckDBPyConnection) -> None:
    assert _names(con, "event_mentions") == EVENT_COLUMNS
    assert _names(con, "events") == EVENT_COLUMNS
    assert _columns(con, "events") == _columns(con, "event_mentions")
    assert _names(con, "articles") == ARTICLES_COLUMNS
    assert _names(con, "rejects") == REJECTS_COLUMNS
    assert _names(con, "schema_version") == SCHEMA_VERSION_COLUMNS
    types = dict(_columns(con, "event_mentions"))
    assert types["global_event_id"] == "BIGINT"
    assert types["event_date"] == "DATE"
    assert types["sql_date"] == "INTEGER"
    assert types["goldstein_scale"] == "DOUBLE"
    assert types["is_root_event"] == "BOOLEAN"
    assert types["date_added"] == "TIMESTAMP"
    assert types["rule_id"] == "VARCHAR"
    assert EVENT_COLUMNS.index("rule_id") == EVENT_COLUMNS.index("confidence") + 1
    assert dict(_columns(con, "articles"))["extra"] == "JSON"


def test_every_table_and_column_has_a_comment(con: duckdb.DuckDBPyConnection) -> None:
    missing_tables = con.execute("SELECT table_name FROM duckdb_tables() WHERE comment IS NULL").fetchall()
    assert missing_tables == []
    missing = con.execute(
        "SELECT table_name, column_name FROM duckdb_columns() "
        "WHERE table_name IN (SELECT table_name FROM duckdb_tables()) AND coalesce(comment, '') = ''"
    ).fetchall()
    assert missing == []


def test_constraints(con: duckdb.DuckDBPyConnection) -> None:
    row = {**MENTIONS[0]}
    con.register("tbl", events_table([row, row]))
    with pytest.raises(duckdb.ConstraintException):
        con.execute("INSERT INTO event_mentions SELECT * FROM tbl")
    con.register("tbl", events_table([{**row, "event_code": None}]))
    with pytest.raises(duckdb.ConstraintException):
        con.execute("INSERT INTO event_mentions SELECT * FROM tbl")
    with pytest.raises(duckdb.ConstraintException):
        con.execute("INSERT INTO articles (article_id, text) VALUES ('a', 'texte')")  # text_hash NOT NULL
    con.execute("INSERT INTO schema_version (version, description) VALUES (1, 'initial')")
    assert con.execute("SELECT applied_at IS NOT NULL FROM schema_version").fetchone() == (True,)


def test_gdelt_view_columns(con: duckdb.DuckDBPyConnection) -> None:
    names = _names(con, "gdelt_events")
    assert len(GDELT_2_COLUMNS) == 61
    assert names == GDELT_2_COLUMNS  # the project's own provenance columns (rule_id...) stay out of it
    types = dict(_columns(con, "gdelt_events"))
    assert types["GLOBALEVENTID"] == "BIGINT"
    assert types["FractionDate"] == "DOUBLE"
    assert types["IsRootEvent"] == "INTEGER"
    assert types["DATEADDED"] == "BIGINT"
    assert types["Actor1EthnicCode"] == "VARCHAR"
    assert types["ActionGeo_ADM2Code"] == "VARCHAR"


def test_gdelt_names_match_the_reference_csv() -> None:
    if not GDELT_HEADER_CSV.is_file():
        pytest.skip(f"{GDELT_HEADER_CSV} not available")
    with GDELT_HEADER_CSV.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    assert [r[0] for r in rows[1:] if r] == GDELT_2_COLUMNS


def test_rebuild_events(loaded: duckdb.DuckDBPyConnection) -> None:
    con = loaded
    assert con.execute("SELECT count(*) FROM event_mentions").fetchone() == (4,)
    events = {r["global_event_id"]: r for r in _query(con, "SELECT * FROM events")}
    assert set(events) == {MEETING_ID, CRITICISM_ID}
    meeting = events[MEETING_ID]
    assert (meeting["num_mentions"], meeting["num_articles"], meeting["num_sources"]) == (3, 2, 2)
    # confidence tie (0.9) between figaro and lemonde sentence 3: the smallest article_id wins
    assert meeting["article_id"] == "figaro-2023-04-06-014"
    assert meeting["sentence"].startswith("À Pékin")
    assert meeting["rule_id"] == "04/recevoir.v@host:passive"  # like trigger and confidence, from that mention
    assert meeting["is_root_event"] is True
    assert meeting["date_added"] == dt.datetime(2023, 4, 6, 9, 15, 0)
    assert meeting["event_date"] == dt.date(2023, 4, 6)
    assert isinstance(meeting["goldstein_scale"], float)
    criticism = events[CRITICISM_ID]
    assert (criticism["num_mentions"], criticism["num_articles"], criticism["num_sources"]) == (1, 1, 1)
    assert criticism["rule_id"] == "11/condamner.v@accuse:obj"
    assert criticism["is_root_event"] is False
    types = dict(_columns(con, "events"))
    assert (types["event_date"], types["goldstein_scale"], types["num_mentions"]) == (
        "DATE",
        "DOUBLE",
        "INTEGER",
    )
    # rebuilding again, inside a transaction, gives the same rows (no duplicate-key error)
    before = con.execute("SELECT * FROM events ORDER BY global_event_id").fetchall()
    _rebuild(con)
    assert con.execute("SELECT * FROM events ORDER BY global_event_id").fetchall() == before


def test_gdelt_view_values(loaded: duckdb.DuckDBPyConnection) -> None:
    row = _query(loaded, "SELECT * FROM gdelt_events WHERE GLOBALEVENTID = $id", {"id": MEETING_ID})[0]
    assert row["SQLDATE"] == 20230406
    assert row["MonthYear"] == 202304
    assert row["Year"] == 2023
    assert row["FractionDate"] == pytest.approx(2023.3452, abs=1e-9)  # round(2023 + (4*30 + 6) / 365, 4)
    assert row["IsRootEvent"] == 1
    assert row["EventCode"] == "042" and row["EventRootCode"] == "04"
    assert row["NumMentions"] == 3 and row["NumArticles"] == 2 and row["NumSources"] == 2
    assert row["ActionGeo_CountryCode"] == "CH"
    assert row["ActionGeo_FeatureID"] == "1816670"
    assert row["DATEADDED"] == 20230406091500
    assert row["SOURCEURL"] == "https://example.org/figaro-2023-04-06-014"
    assert row["Actor1Religion1Code"] is None


def test_who_met_whom(loaded: duckdb.DuckDBPyConnection) -> None:
    rows = _query(loaded, "SELECT * FROM who_met_whom")
    assert len(rows) == 1
    assert rows[0]["actor1_name"] == "Emmanuel Macron" and rows[0]["actor2_country_code"] == "CHN"
    expected = {
        "event_date",
        "actor1_code",
        "actor1_name",
        "actor1_country_code",
        "actor2_code",
        "actor2_name",
        "actor2_country_code",
        "event_code",
        "action_geo_fullname",
        "action_geo_country_code",
        "action_geo_lat",
        "action_geo_long",
        "num_mentions",
        "num_articles",
        "sentence",
        "source_url",
    }
    assert expected <= set(rows[0])


def test_delete_article_mentions(loaded: duckdb.DuckDBPyConnection) -> None:
    con = loaded
    sql = _read(SQL / "load/delete_article_mentions.sql")
    assert set(_params(sql)) == {"article_ids"}
    con.execute(sql, {"article_ids": []})
    assert con.execute("SELECT count(*) FROM event_mentions").fetchone() == (4,)
    con.execute(sql, {"article_ids": ["figaro-2023-04-06-014", "not-loaded"]})
    assert con.execute("SELECT DISTINCT article_id FROM event_mentions").fetchall() == [
        ("lemonde-2023-04-06-001",)
    ]
    _rebuild(con)
    rows = con.execute(
        "SELECT global_event_id, num_mentions, num_articles, num_sources FROM events"
    ).fetchall()
    assert rows == [(MEETING_ID, 2, 1, 1)]


def _analysis(con: duckdb.DuckDBPyConnection, name: str) -> list[dict]:
    sql = _read(SQL / "analysis" / f"{name}.sql")
    return _query(con, sql, _params(sql))


def test_every_analysis_query_runs_and_is_documented(loaded: duckdb.DuckDBPyConnection) -> None:
    paths = sorted((SQL / "analysis").glob("*.sql"))
    assert {p.stem for p in paths} >= {
        "meetings_per_day",
        "dyad_counts",
        "events_near_place",
        "most_active_actors",
        "goldstein_by_dyad_month",
        "conflict_cooperation_ratio",
        "meetings_by_dyad_month",
        "first_meeting",
        "events_by_source",
        "new_dyads",
    }
    for path in paths:
        sql = _read(path)
        header = "\n".join(line for line in sql.splitlines() if line.startswith("--"))
        assert "Parameters:" in header, path
        assert ".read sql/analysis/" in header or "con.execute(" in header, path
        assert _analysis(loaded, path.stem), f"{path.name} returned no rows"


def test_meetings_per_day(loaded: duckdb.DuckDBPyConnection) -> None:
    rows = _analysis(loaded, "meetings_per_day")
    assert len(rows) == 1
    row = rows[0]
    assert row["event_date"] == dt.date(2023, 4, 6)
    assert (row["actor1_code"], row["actor1_name"]) == ("FRAGOV", "Emmanuel Macron")
    assert (row["actor2_code"], row["actor2_name"]) == ("CHNGOV", "Xi Jinping")
    assert row["place"] == "Beijing, Beijing, China"
    assert row["n_events"] == 1 and row["num_articles"] == 2


def test_dyad_counts(loaded: duckdb.DuckDBPyConnection) -> None:
    rows = _analysis(loaded, "dyad_counts")
    got = {(r["country_a"], r["country_b"], r["event_root_code"]): r for r in rows}
    assert set(got) == {("CHN", "FRA", "04"), ("FRA", "RUS", "11")}
    assert got["CHN", "FRA", "04"]["n_events"] == 1
    assert got["CHN", "FRA", "04"]["dyad_meetings"] == 1
    assert got["FRA", "RUS", "11"]["dyad_meetings"] == 0


def test_events_near_place(loaded: duckdb.DuckDBPyConnection) -> None:
    sql = _read(SQL / "analysis/events_near_place.sql")
    assert set(_params(sql)) == {"km", "lat", "lon"}
    rows = _query(loaded, sql, {"km": 50, "lat": 39.9, "lon": 116.4})
    assert [r["global_event_id"] for r in rows] == [MEETING_ID]
    assert rows[0]["distance_km"] < 5
    # Paris is about 8,200 km from Beijing: in range at 9,000 km, after the meeting
    rows = _query(loaded, sql, {"km": 9000, "lat": 39.9, "lon": 116.4})
    assert [r["global_event_id"] for r in rows] == [MEETING_ID, CRITICISM_ID]
    assert 8000 < rows[1]["distance_km"] < 8400
    assert _query(loaded, sql, {"km": 50, "lat": 0.0, "lon": 0.0}) == []


def test_other_analysis_queries(loaded: duckdb.DuckDBPyConnection) -> None:
    actors = {r["actor_name"]: r for r in _analysis(loaded, "most_active_actors")}
    assert actors["Emmanuel Macron"]["n_events"] == 1 and actors["Russia"]["n_as_actor2"] == 1
    goldstein = {
        (r["actor1_country_code"], r["actor2_country_code"]): r
        for r in _analysis(loaded, "goldstein_by_dyad_month")
    }
    assert goldstein["FRA", "RUS"]["mean_goldstein"] == pytest.approx(-2.0)
    assert goldstein["FRA", "CHN"]["month"] == dt.date(2023, 4, 1)
    ratio = {r["country_code"]: r for r in _analysis(loaded, "conflict_cooperation_ratio")}
    assert ratio["FRA"]["n_events"] == 2
    assert (ratio["FRA"]["n_verbal_cooperation"], ratio["FRA"]["n_verbal_conflict"]) == (1, 1)
    assert ratio["FRA"]["conflict_cooperation_ratio"] == pytest.approx(1.0)
    assert ratio["RUS"]["conflict_cooperation_ratio"] is None


def test_meetings_by_dyad_month_and_first_meeting(loaded: duckdb.DuckDBPyConnection) -> None:
    rows = _analysis(loaded, "meetings_by_dyad_month")
    assert [(r["month"], r["country_a"], r["country_b"], r["n_meetings"]) for r in rows] == [
        (dt.date(2023, 4, 1), "CHN", "FRA", 1)]
    assert rows[0]["n_reports"] == 2
    (first,) = _analysis(loaded, "first_meeting")
    assert (first["actor_a"], first["actor_b"], first["first_met"]) == ("CHNGOV", "FRAGOV", dt.date(2023, 4, 6))
    assert first["first_place"] == "Beijing, Beijing, China" and first["n_meetings"] == 1


def test_events_by_source(loaded: duckdb.DuckDBPyConnection) -> None:
    rows = {r["source"]: r for r in _analysis(loaded, "events_by_source")}
    figaro = rows["Le Figaro"]
    assert (figaro["n_articles"], figaro["n_mentions"], figaro["n_events"]) == (1, 2, 2)
    # the criticism is a Figaro exclusive, the meeting was reported by both sources
    assert rows["Le Figaro"]["exclusive_share"] == pytest.approx(0.5)
    assert rows["Le Monde"]["exclusive_share"] == pytest.approx(0.0)
    assert rows["Libération"]["n_events"] == 0 and rows["Libération"]["n_articles"] == 1


def test_new_dyads(loaded: duckdb.DuckDBPyConnection) -> None:
    sql = _read(SQL / "analysis/new_dyads.sql")
    rows = _query(loaded, sql, {"as_of": dt.date(2023, 4, 7), "days": 7})
    assert [(r["party_a"], r["party_b"], r["first_date"]) for r in rows] == [
        ("FRA", "RUS", dt.date(2023, 4, 5)), ("CHN", "FRA", dt.date(2023, 4, 6))]
    # a week later, nothing is new; a window ending the day before the meeting sees only the criticism
    assert _query(loaded, sql, {"as_of": dt.date(2023, 4, 14), "days": 7}) == []
    assert [r["party_a"] for r in _query(loaded, sql, {"as_of": dt.date(2023, 4, 5), "days": 1})] == ["FRA"]
