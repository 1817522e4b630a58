"""Every query of sql/analysis/ and the gdelt_mentions view, on a warehouse with several articles per source,
several mentions per event (some in the same article), events over several days and months, undated events,
IGOs, a domestic event and an event without a place: each result is checked against the same figures computed
in Python from the fixture, row by row and in the query's order."""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pytest

from events.schema import events_table
from events.warehouse import apply_schema, read_sql

SQL = Path(__file__).resolve().parents[2] / "sql"
D = dt.date


@dataclass(frozen=True)
class Place:
    fullname: str
    country: str
    lat: float
    lon: float
    feature_id: str


BEIJING = Place("Beijing, Beijing, China", "CH", 39.9075, 116.39723, "1816670")
PARIS = Place("Paris, Île-de-France, France", "FR", 48.85341, 2.3488, "2988507")
KYIV = Place("Kyiv, Kyiv City, Ukraine", "UP", 50.45466, 30.5238, "703448")
BRUSSELS = Place("Brussels, Brussels Capital, Belgium", "BE", 50.85045, 4.34878, "2800866")

CAMEO = {"040": ("04", 1, 1.0), "042": ("04", 1, 1.9), "043": ("04", 1, 2.8), "070": ("07", 2, 7.0),
         "111": ("11", 3, -2.0), "190": ("19", 4, -10.0)}


@dataclass(frozen=True)
class Event:
    gid: int
    day: dt.date | None
    actor1: tuple[str, str, str | None]  # code, name, country
    actor2: tuple[str, str, str | None]
    code: str
    place: Place | None


EVENTS = [
    Event(101, D(2023, 4, 5), ("FRAGOV", "Emmanuel Macron", "FRA"), ("CHNGOV", "Xi Jinping", "CHN"), "042", BEIJING),
    Event(102, D(2023, 4, 6), ("CHNGOV", "Xi Jinping", "CHN"), ("FRAGOV", "Emmanuel Macron", "FRA"), "040", BEIJING),
    Event(103, D(2023, 4, 5), ("FRAGOV", "Catherine Colonna", "FRA"), ("RUS", "Russia", "RUS"), "111", PARIS),
    Event(104, D(2023, 5, 1), ("RUSMIL", "Russian army", "RUS"), ("UKR", "Ukraine", "UKR"), "190", KYIV),
    Event(105, D(2023, 5, 1), ("UKRGOV", "Volodymyr Zelensky", "UKR"), ("IGOEUREEC", "European Commission", None),
          "043", BRUSSELS),
    Event(106, D(2023, 5, 2), ("USAGOV", "Antony Blinken", "USA"), ("UKRGOV", "Volodymyr Zelensky", "UKR"), "070",
          None),
    Event(107, None, ("FRAGOV", "Emmanuel Macron", "FRA"), ("DEUGOV", "Olaf Scholz", "DEU"), "040", PARIS),
    Event(108, D(2023, 5, 2), ("FRAGOV", "Emmanuel Macron", "FRA"), ("FRAOPP", "Marine Le Pen", "FRA"), "111", PARIS),
    Event(109, D(2023, 5, 2), ("FRAGOV", "Emmanuel Macron", "FRA"), ("CHNGOV", "Xi Jinping", "CHN"), "043", PARIS),
]
BY_ID = {e.gid: e for e in EVENTS}

# article id -> (source, publication date, URL)
ARTICLES = {
    "a1": ("Agence A", D(2023, 4, 5), "https://www.agence-a.example/a1"),
    "a2": ("Agence A", D(2023, 4, 6), "https://www.agence-a.example/a2"),
    "a3": ("Agence A", D(2023, 5, 2), "https://www.agence-a.example/a3"),
    "b1": ("Journal B", D(2023, 4, 6), "http://journal-b.example:8080/b1?x=1"),
    "b2": ("Journal B", D(2023, 5, 2), "https://journal-b.example/b2"),
    "u1": (None, D(2023, 4, 6), None),
    "u2": (None, D(2023, 5, 2), "https://blog.example/u2"),
    "c1": ("Radio C", D(2023, 5, 2), "https://radio-c.example/c1"),  # reports no event
}
# (article, event, sentence index, confidence); the same event twice in one article is two mentions
MENTIONS = [
    ("a1", 101, 0, 0.9), ("a1", 101, 3, 0.7), ("a1", 103, 5, 0.8),
    ("a2", 101, 1, 0.6), ("a2", 102, 0, 0.9),
    ("b1", 101, 2, 0.8), ("b1", 103, 1, 0.5), ("b1", 107, 4, 0.9),
    ("u1", 102, 2, 0.7), ("u1", 103, 0, 0.6),
    ("a3", 104, 0, 0.9), ("a3", 105, 2, 0.8), ("a3", 105, 6, 0.85),
    ("b2", 104, 1, 0.7), ("b2", 106, 0, 0.9), ("b2", 109, 3, 0.95),
    ("u2", 104, 3, 0.4), ("u2", 108, 1, 0.75), ("u2", 105, 0, 0.6), ("u2", 109, 2, 0.5),
]
LOADED = dt.datetime(2023, 5, 3, 8, 0, 0)


def _text(article: str) -> str:
    return f"Texte de l'article {article}. " * (3 + len(article))


def _row(article: str, gid: int, sentence_index: int, confidence: float) -> dict[str, Any]:
    event = BY_ID[gid]
    source, _pub, url = ARTICLES[article]
    root, quad, goldstein = CAMEO[event.code]
    row: dict[str, Any] = {
        "global_event_id": gid, "article_id": article, "event_date": event.day,
        "date_precision": "day" if event.day else None,
        "sql_date": int(event.day.strftime("%Y%m%d")) if event.day else None,
        "event_code": event.code, "event_base_code": event.code, "event_root_code": root, "quad_class": quad,
        "goldstein_scale": goldstein, "is_root_event": sentence_index == 0,
        "num_mentions": 1, "num_sources": 1, "num_articles": 1,
        # the second actor is written in the sentence only in even sentences (InRawText)
        "sentence": f"{event.actor1[1]} et {event.actor2[1] if sentence_index % 2 == 0 else 'lui'}.",
        "sentence_index": sentence_index, "trigger": "a rencontré", "actor1_char_offset": 10 * sentence_index,
        "actor2_char_offset": 10 * sentence_index + 5, "action_char_offset": 10 * sentence_index + 3,
        "confidence": confidence, "rule_id": f"{event.code}/test", "source_url": url, "source_name": source,
        "date_added": LOADED + dt.timedelta(minutes=list(ARTICLES).index(article)),
    }
    for n, (code, name, country) in ((1, event.actor1), (2, event.actor2)):
        row |= {f"actor{n}_code": code, f"actor{n}_name": name, f"actor{n}_country_code": country,
                f"actor{n}_text": name}
    if event.place is not None:
        place = event.place
        row |= {"action_geo_type": 4, "action_geo_fullname": place.fullname, "action_geo_country_code": place.country,
                "action_geo_lat": place.lat, "action_geo_long": place.lon, "action_geo_feature_id": place.feature_id}
    return row


@pytest.fixture(scope="module")
def con(tmp_path_factory: pytest.TempPathFactory) -> duckdb.DuckDBPyConnection:
    connection = duckdb.connect(str(tmp_path_factory.mktemp("analysis") / "events.duckdb"))
    apply_schema(connection)
    connection.register("m", events_table([_row(*mention) for mention in MENTIONS]))
    connection.execute("INSERT INTO event_mentions SELECT * FROM m")
    connection.register("a", pa.Table.from_pylist([
        {"article_id": a, "source_name": s, "pub_date": p, "url": u, "text": _text(a), "text_hash": a, "lang": "fr"}
        for a, (s, p, u) in ARTICLES.items()]))
    connection.execute("INSERT INTO articles BY NAME SELECT * FROM a")
    connection.execute("BEGIN")
    connection.execute(read_sql("load/rebuild_events.sql"))
    connection.execute("COMMIT")
    yield connection
    connection.close()


# ---- the fixture's truth, computed in Python -----------------------------------------------------------------

def mentions_of(gid: int) -> list[tuple[str, int, int, float]]:
    return [m for m in MENTIONS if m[1] == gid]


def num_mentions(gid: int) -> int:
    return len(mentions_of(gid))


def num_articles(gid: int) -> int:
    return len({m[0] for m in mentions_of(gid)})


def num_sources(gid: int) -> int:
    return len({ARTICLES[m[0]][0] or m[0] for m in mentions_of(gid)})


def root(event: Event) -> str:
    return CAMEO[event.code][0]


def month(day: dt.date) -> dt.date:
    return day.replace(day=1)


def party(actor: tuple[str, str, str | None]) -> str:
    return actor[2] or actor[0]


def _query(con: duckdb.DuckDBPyConnection, name: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    cursor = con.execute((SQL / "analysis" / f"{name}.sql").read_text(encoding="utf-8"), params or {})
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _approx(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{k: pytest.approx(v, abs=1e-3) if isinstance(v, float) else v for k, v in row.items()} for row in rows]


def test_the_fixture_has_what_the_queries_must_add_up() -> None:
    per_source = defaultdict(set)
    for article, (source, _day, _url) in ARTICLES.items():
        per_source[source].add(article)
    assert max(len(a) for a in per_source.values()) >= 3  # several articles per source
    assert max(num_mentions(e.gid) for e in EVENTS) >= 3 and max(num_articles(e.gid) for e in EVENTS) >= 3
    assert len({(m[0], m[1]) for m in MENTIONS}) < len(MENTIONS)  # an article mentions an event twice
    assert len({e.day for e in EVENTS if e.day}) >= 4 and len({month(e.day) for e in EVENTS if e.day}) == 2


def test_events_by_source(con: duckdb.DuckDBPyConnection) -> None:
    expected = []
    for source in sorted({s or "(unknown)" for s, _d, _u in ARTICLES.values()}):
        articles = {a for a, (s, _d, _u) in ARTICLES.items() if (s or "(unknown)") == source}
        mentions = [m for m in MENTIONS if m[0] in articles]
        events = {m[1] for m in mentions}
        exclusive = {g for g in events if num_sources(g) == 1}
        expected.append({"source": source, "n_articles": len(articles),
                         "n_articles_with_events": len({m[0] for m in mentions}), "n_mentions": len(mentions),
                         "n_events": len(events), "n_exclusive_events": len(exclusive),
                         "exclusive_share": round(len(exclusive) / len(events), 3) if events else None})
    expected.sort(key=lambda r: (-r["n_events"], r["source"]))
    assert _query(con, "events_by_source") == _approx(expected)
    agence = next(r for r in expected if r["source"] == "Agence A")
    assert (agence["n_articles"], agence["n_mentions"]) == (3, 8)  # not 3 x 8


def test_meetings_per_day(con: duckdb.DuckDBPyConnection) -> None:
    groups: dict[tuple[Any, ...], list[Event]] = defaultdict(list)
    for e in EVENTS:
        if root(e) == "04":
            key = (e.day, e.actor1[1], e.actor1[0], e.actor2[1], e.actor2[0], e.place and e.place.fullname,
                   e.place and e.place.country)
            groups[key].append(e)
    expected = [{"event_date": k[0], "actor1_name": k[1], "actor1_code": k[2], "actor2_name": k[3],
                 "actor2_code": k[4], "place": k[5], "place_country_code": k[6], "n_events": len(v),
                 "event_codes": ",".join(sorted({e.code for e in v})),
                 "num_mentions": sum(num_mentions(e.gid) for e in v),
                 "num_articles": sum(num_articles(e.gid) for e in v)} for k, v in groups.items()]
    expected.sort(key=lambda r: (r["event_date"] is None, r["event_date"] or D.min, -r["num_articles"],
                                 r["actor1_name"], r["actor2_name"], r["place"] or ""))
    assert _query(con, "meetings_per_day") == expected


def test_meetings_by_dyad_month(con: duckdb.DuckDBPyConnection) -> None:
    groups: dict[tuple[Any, ...], list[Event]] = defaultdict(list)
    for e in EVENTS:
        if root(e) == "04" and e.day and party(e.actor1) != party(e.actor2):
            a, b = sorted((party(e.actor1), party(e.actor2)))
            groups[(month(e.day), a, b)].append(e)
    expected = [{"month": k[0], "country_a": k[1], "country_b": k[2], "n_meetings": len(v),
                 "n_places": len({e.place.feature_id for e in v if e.place}),
                 "n_reports": sum(num_articles(e.gid) for e in v)} for k, v in groups.items()]
    expected.sort(key=lambda r: (r["month"], -r["n_meetings"], r["country_a"], r["country_b"]))
    assert _query(con, "meetings_by_dyad_month") == expected
    assert any("IGOEUREEC" in (r["country_a"], r["country_b"]) for r in expected)  # an IGO is a party by its code


def test_first_meeting(con: duckdb.DuckDBPyConnection) -> None:
    pairs: dict[tuple[str, str], list[Event]] = defaultdict(list)
    for e in EVENTS:
        if root(e) == "04" and e.day and e.actor1[0] != e.actor2[0]:
            pairs[tuple(sorted((e.actor1[0], e.actor2[0])))].append(e)  # type: ignore[index]
    expected = []
    for (a, b), meetings in pairs.items():
        first = min(meetings, key=lambda e: (e.day, e.gid))
        expected.append({"actor_a": a, "actor_b": b, "first_met": first.day,
                         "first_place": first.place.fullname if first.place else None,
                         "first_event_code": first.code, "n_meetings": len(meetings),
                         "last_met": max(e.day for e in meetings if e.day)})
    expected.sort(key=lambda r: (r["first_met"], r["actor_a"], r["actor_b"]))
    assert _query(con, "first_meeting") == expected
    assert next(r for r in expected if r["actor_b"] == "FRAGOV")["n_meetings"] == 3


def test_dyad_counts(con: duckdb.DuckDBPyConnection) -> None:
    groups: dict[tuple[str, str, str], list[Event]] = defaultdict(list)
    for e in EVENTS:
        if e.actor1[2] and e.actor2[2]:
            a, b = sorted((e.actor1[2], e.actor2[2]))
            groups[(a, b, root(e))].append(e)
    dyad_events: dict[tuple[str, str], int] = defaultdict(int)
    dyad_meetings: dict[tuple[str, str], int] = defaultdict(int)
    for (a, b, r), v in groups.items():
        dyad_events[(a, b)] += len(v)
        dyad_meetings[(a, b)] += len(v) if r == "04" else 0
    expected = [{"country_a": a, "country_b": b, "event_root_code": r, "n_events": len(v),
                 "num_mentions": sum(num_mentions(e.gid) for e in v), "dyad_events": dyad_events[(a, b)],
                 "dyad_meetings": dyad_meetings[(a, b)]} for (a, b, r), v in groups.items()]
    expected.sort(key=lambda r: (-r["n_events"], -r["dyad_events"], r["country_a"], r["country_b"],
                                 r["event_root_code"]))
    assert _query(con, "dyad_counts") == expected


def test_most_active_actors(con: duckdb.DuckDBPyConnection) -> None:
    roles: dict[tuple[str, str], dict[str, Any]] = {}
    for e in EVENTS:
        for n, actor in ((1, e.actor1), (2, e.actor2)):
            entry = roles.setdefault((actor[0], actor[1]), {"country": actor[2], "events": set(), "as1": set(),
                                                            "as2": set(), "meetings": set(), "days": []})
            entry["events"].add(e.gid)
            entry[f"as{n}"].add(e.gid)
            if root(e) == "04":
                entry["meetings"].add(e.gid)
            if e.day:
                entry["days"].append(e.day)
    expected = [{"actor_code": code, "actor_name": name, "actor_country_code": v["country"],
                 "n_events": len(v["events"]), "n_as_actor1": len(v["as1"]), "n_as_actor2": len(v["as2"]),
                 "n_meetings": len(v["meetings"]), "first_event_date": min(v["days"], default=None),
                 "last_event_date": max(v["days"], default=None)} for (code, name), v in roles.items()]
    expected.sort(key=lambda r: (-r["n_events"], r["actor_name"], r["actor_code"]))
    assert _query(con, "most_active_actors") == expected[:100]


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


def test_events_near_place(con: duckdb.DuckDBPyConnection) -> None:
    params = {"lat": 48.85, "lon": 2.35, "km": 500}
    expected = []
    for e in EVENTS:
        if e.place is None:
            continue
        distance = _km(params["lat"], params["lon"], e.place.lat, e.place.lon)
        if distance <= params["km"]:
            expected.append({"global_event_id": e.gid, "event_date": e.day, "actor1_name": e.actor1[1],
                             "actor2_name": e.actor2[1], "event_code": e.code,
                             "action_geo_fullname": e.place.fullname, "action_geo_country_code": e.place.country,
                             "action_geo_lat": e.place.lat, "action_geo_long": e.place.lon,
                             "distance_km": round(distance, 1), "num_articles": num_articles(e.gid),
                             "source_url": None})
    expected.sort(key=lambda r: (r["distance_km"], r["event_date"] is None, r["event_date"] or D.min,
                                 r["global_event_id"]))
    rows = _query(con, "events_near_place", params)
    for row in rows:  # the representative mention's URL: checked to be one of the event's articles'
        gid = row["global_event_id"]
        assert row.pop("source_url") in {ARTICLES[m[0]][2] for m in mentions_of(gid)}
    assert rows == _approx([{k: v for k, v in r.items() if k != "source_url"} for r in expected])
    assert {r["action_geo_fullname"] for r in expected} == {PARIS.fullname, BRUSSELS.fullname}


def test_goldstein_by_dyad_month(con: duckdb.DuckDBPyConnection) -> None:
    groups: dict[tuple[Any, ...], list[Event]] = defaultdict(list)
    for e in EVENTS:
        if e.actor1[2] and e.actor2[2] and e.day:
            groups[(month(e.day), e.actor1[2], e.actor2[2])].append(e)
    expected = []
    for (m, c1, c2), v in groups.items():
        scores = [CAMEO[e.code][2] for e in v]
        weights = [num_mentions(e.gid) for e in v]
        expected.append({"month": m, "actor1_country_code": c1, "actor2_country_code": c2, "n_events": len(v),
                         "mean_goldstein": round(sum(scores) / len(scores), 2),
                         "mean_goldstein_weighted": round(sum(s * w for s, w in zip(scores, weights, strict=True))
                                                          / sum(weights), 2),
                         "min_goldstein": min(scores), "max_goldstein": max(scores)})
    expected.sort(key=lambda r: (r["month"], r["actor1_country_code"], r["actor2_country_code"]))
    assert _query(con, "goldstein_by_dyad_month") == _approx(expected)


def test_conflict_cooperation_ratio(con: duckdb.DuckDBPyConnection) -> None:
    involvement = {(e.gid, country, CAMEO[e.code][1]) for e in EVENTS for country in (e.actor1[2], e.actor2[2])
                   if country}
    expected = []
    for country in sorted({c for _g, c, _q in involvement}):
        quads = [q for _g, c, q in involvement if c == country]
        counts = {q: quads.count(q) for q in (1, 2, 3, 4)}
        cooperation = counts[1] + counts[2]
        expected.append({"country_code": country, "n_events": len(quads), "n_verbal_cooperation": counts[1],
                         "n_material_cooperation": counts[2], "n_verbal_conflict": counts[3],
                         "n_material_conflict": counts[4],
                         "conflict_cooperation_ratio": round((counts[3] + counts[4]) / cooperation, 3)
                         if cooperation else None})
    expected.sort(key=lambda r: (-r["n_events"], r["country_code"]))
    assert _query(con, "conflict_cooperation_ratio") == _approx(expected)
    assert next(r for r in expected if r["country_code"] == "FRA")["n_events"] == 6  # the domestic event once


def test_new_dyads(con: duckdb.DuckDBPyConnection) -> None:
    params = {"as_of": D(2023, 5, 2), "days": 7}
    start = params["as_of"] - dt.timedelta(days=params["days"] - 1)
    dyads: dict[tuple[str, str], list[Event]] = defaultdict(list)
    for e in EVENTS:
        if e.day and party(e.actor1) != party(e.actor2):
            dyads[tuple(sorted((party(e.actor1), party(e.actor2))))].append(e)  # type: ignore[index]
    expected = []
    for (a, b), v in dyads.items():
        first = min(v, key=lambda e: (e.day, e.gid))
        if first.day and start <= first.day <= params["as_of"]:
            expected.append({"party_a": a, "party_b": b, "first_date": first.day, "first_event_code": first.code,
                             "n_events_in_window": sum(1 for e in v if e.day and start <= e.day <= params["as_of"])})
    expected.sort(key=lambda r: (r["first_date"], r["party_a"], r["party_b"]))
    assert _query(con, "new_dyads", params) == expected
    assert expected and all(r["party_a"] != "CHN" for r in expected)  # France and China met in April


def test_every_analysis_query_is_checked_here() -> None:
    checked = {name[len("test_"):] for name in globals() if name.startswith("test_")}
    assert {path.stem for path in (SQL / "analysis").glob("*.sql")} <= checked


# ---- gdelt_mentions --------------------------------------------------------------------------------------------

GDELT_MENTIONS = [
    ("GLOBALEVENTID", "BIGINT"), ("EventTimeDate", "BIGINT"), ("MentionTimeDate", "BIGINT"),
    ("MentionType", "INTEGER"), ("MentionSourceName", "VARCHAR"), ("MentionIdentifier", "VARCHAR"),
    ("SentenceID", "INTEGER"), ("Actor1CharOffset", "INTEGER"), ("Actor2CharOffset", "INTEGER"),
    ("ActionCharOffset", "INTEGER"), ("InRawText", "INTEGER"), ("Confidence", "INTEGER"),
    ("MentionDocLen", "INTEGER"), ("MentionDocTone", "DOUBLE"), ("MentionDocTranslationInfo", "VARCHAR"),
    ("Extras", "VARCHAR"),
]
MENTIONS_HEADER = (Path(__file__).resolve().parents[3] / "shared" / "reference" / "cameo" / "gdelt"
                   / "GDELT_2.0_eventMentions_Column_Labels_Header_Row_Sep2016.tsv")


def test_gdelt_mentions_has_gdelts_columns_and_types(con: duckdb.DuckDBPyConnection) -> None:
    columns = con.execute("SELECT column_name, data_type FROM duckdb_columns() WHERE table_name = 'gdelt_mentions' "
                          "ORDER BY column_index").fetchall()
    assert columns == GDELT_MENTIONS
    if MENTIONS_HEADER.is_file():
        names = [line.split("\t")[1] for line in MENTIONS_HEADER.read_text(encoding="utf-8").splitlines()[1:] if line]
        assert names == [name for name, _type in GDELT_MENTIONS]


def _stamp(moment: dt.datetime) -> int:
    return int(moment.strftime("%Y%m%d%H%M%S"))


def test_gdelt_mentions_values(con: duckdb.DuckDBPyConnection) -> None:
    first_seen: dict[int, dt.datetime] = {}
    for article, gid, _s, _c in MENTIONS:
        added = _row(article, gid, 0, 0)["date_added"]
        first_seen[gid] = min(first_seen.get(gid, added), added)

    def host(url: str) -> str:
        return re.sub(r"^www\.", "", re.split(r"[/:?#]", url.split("://", 1)[1])[0])

    expected = []
    for article, gid, sentence_index, confidence in MENTIONS:
        row = _row(article, gid, sentence_index, confidence)
        source, _day, url = ARTICLES[article]
        expected.append((gid, _stamp(first_seen[gid]), _stamp(row["date_added"]), 1 if url else 2,
                         host(url) if url else source, url or article, sentence_index + 1,
                         row["actor1_char_offset"], row["actor2_char_offset"], row["action_char_offset"],
                         1 if sentence_index % 2 == 0 else 0, round(confidence * 100), len(_text(article)), None,
                         "srclc:fra", None))
    rows = con.execute("SELECT * FROM gdelt_mentions").fetchall()
    assert sorted(rows, key=lambda r: (r[0], r[5], r[6])) == sorted(expected, key=lambda r: (r[0], r[5], r[6]))
    # every mention joins its event in gdelt_events, whose NumMentions counts them
    counts = dict(con.execute("SELECT m.GLOBALEVENTID, count(*) = any_value(e.NumMentions) FROM gdelt_mentions m "
                              "JOIN gdelt_events e USING (GLOBALEVENTID) GROUP BY ALL").fetchall())
    assert counts == {e.gid: True for e in EVENTS}
