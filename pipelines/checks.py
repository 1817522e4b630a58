"""Asset checks on the warehouse tables (blocking where a bad table must not reach the exports).

Each check holds the ``duckdb_write`` pool like the steps that write: DuckDB lets one process open the file,
even read-only, so a check of one day must not run while another day's run loads.

The coder's accuracy on the gold sample is not checked here, on every run, but by its own asset
(pipelines.quality).
"""


import dagster as dg
from dagster_duckdb import DuckDBResource

from events.actors import load_lexicon
from events.cameo import load_codebook
from events.countries import load_countries
from pipelines.resources import open_warehouse

MAX_REJECT_RATIO = 0.5


def _scalar(duckdb: DuckDBResource, sql: str, params: dict[str, object] | None = None) -> int:
    with open_warehouse(duckdb, read_only=True) as con:
        row = con.execute(sql, params or {}).fetchone()
    return int(row[0]) if row and row[0] is not None else 0


@dg.asset_check(asset="articles", pool="duckdb_write", description="Every article has an id and text; ids are unique.")
def articles_have_ids(duckdb: DuckDBResource) -> dg.AssetCheckResult:
    bad = _scalar(duckdb, "SELECT count(*) FROM articles WHERE article_id IS NULL OR length(text) = 0")
    return dg.AssetCheckResult(passed=bad == 0, metadata={"bad_rows": bad})


@dg.asset_check(asset="event_mentions", blocking=True, pool="duckdb_write",
                description="Every mention has a CAMEO code from the project's codebook.")
def mentions_have_valid_cameo(duckdb: DuckDBResource) -> dg.AssetCheckResult:
    codes = sorted(load_codebook())
    bad = _scalar(duckdb, "SELECT count(*) FROM event_mentions WHERE NOT list_contains($codes, event_code)",
                  {"codes": codes})
    return dg.AssetCheckResult(passed=bad == 0, metadata={"invalid_codes": bad})


@dg.asset_check(
    asset="events",
    blocking=True,
    pool="duckdb_write",
    description="No duplicate global_event_id; lat/long in range; no date after publication except intents.",
)
def events_are_consistent(duckdb: DuckDBResource) -> dg.AssetCheckResult:
    duplicates = _scalar(duckdb, "SELECT count(*) - count(DISTINCT global_event_id) FROM events")
    bad_geo = _scalar(duckdb, "SELECT count(*) FROM events "
                              "WHERE abs(action_geo_lat) > 90 OR abs(action_geo_long) > 180")
    future = _scalar(duckdb, """
        SELECT count(*) FROM event_mentions m JOIN articles a USING (article_id)
        WHERE m.event_date > a.pub_date AND m.event_root_code <> '03'""")
    passed = duplicates == 0 and bad_geo == 0 and future == 0
    return dg.AssetCheckResult(passed=passed, metadata={
        "duplicate_ids": duplicates, "bad_lat_long": bad_geo, "dated_after_publication": future})


@dg.asset_check(asset="rejects", pool="duckdb_write",
                description=f"Rejected inputs stay under {MAX_REJECT_RATIO:.0%} of all inputs.")
def rejects_ratio(duckdb: DuckDBResource) -> dg.AssetCheckResult:
    rejects = _scalar(duckdb, "SELECT count(*) FROM rejects")
    articles = _scalar(duckdb, "SELECT count(*) FROM articles")
    ratio = rejects / (rejects + articles) if rejects + articles else 0.0
    return dg.AssetCheckResult(passed=ratio <= MAX_REJECT_RATIO,
                               severity=dg.AssetCheckSeverity.WARN,
                               metadata={"rejects": rejects, "articles": articles, "ratio": round(ratio, 3)})


def known_actor_code(code: str | None, countries: set[str], groups: set[str]) -> bool:
    """A CAMEO actor code the project can emit: country (+ role), IGO code, or a listed armed group or party."""
    if not code:
        return False
    return code.startswith("IGO") or code[:3] in countries or code in groups


@dg.asset_check(asset="events", blocking=True, pool="duckdb_write",
                description="Every actor code is a known country (+ CAMEO role), IGO or listed group code.")
def events_have_known_actors(duckdb: DuckDBResource) -> dg.AssetCheckResult:
    countries = set(load_countries().by_iso3)
    groups = {row["code"] for row in load_lexicon().terms()}
    with open_warehouse(duckdb, read_only=True) as con:
        codes = {r[0] for r in con.execute(
            "SELECT actor1_code FROM events UNION SELECT actor2_code FROM events").fetchall()}
    unknown = sorted(str(c) for c in codes if not known_actor_code(c, countries, groups))
    return dg.AssetCheckResult(passed=not unknown, metadata={"unknown_actor_codes": unknown[:50],
                                                              "actor_codes": len(codes)})
