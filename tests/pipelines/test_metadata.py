"""What the Dagster catalog shows: each table's columns with their comments, the partition's rows beside the
table's, code versions that follow the code, the day's picture inline with its labels inside the frame."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from events import pictures
from events.warehouse import table_schemas
from pipelines import versions
from pipelines.definitions import defs
from tests.pipelines.conftest import RIYADH_DAY, World

TABLES = ("articles", "event_mentions", "events", "rejects")


def _spec(key: str) -> dg.AssetSpec:
    return next(spec for spec in defs.resolve_all_asset_specs() if spec.key.to_user_string() == key)


def test_the_catalog_shows_every_tables_columns_with_their_comments() -> None:
    ddl = table_schemas(TABLES)
    for table in TABLES:
        schema = _spec(table).metadata["dagster/column_schema"]
        assert isinstance(schema, dg.TableSchema)
        assert [(c.name, c.type) for c in schema.columns] == [(n, t) for n, t, _ in ddl[table]]
        assert all(c.description for c in schema.columns), table
        assert _spec(table).metadata["dagster/table_name"] == f"events.main.{table}"
    published = next(c for c in _spec("articles").metadata["dagster/column_schema"].columns
                     if c.name == "published_at")
    assert "UTC" in published.description  # what is stored, not "as given"


def test_every_asset_has_a_code_version_that_follows_its_own_files(tmp_path, monkeypatch) -> None:
    specs = {spec.key.to_user_string(): spec for spec in defs.resolve_all_asset_specs()}
    assert all(spec.code_version for spec in specs.values()), {k: s.code_version for k, s in specs.items()}
    assert specs["coded_events"].code_version == versions.CODED_EVENTS
    assert specs["events"].code_version == specs["articles"].code_version == versions.WAREHOUSE_TABLES
    # a change to a data file the coder reads changes the coder's version, not the warehouse tables'
    library = tmp_path / "events"
    shutil.copytree(versions.LIBRARY, library, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(versions, "LIBRARY", library)
    before_coder = versions.digest(versions.library(*versions.CODER))
    before_tables = versions.digest(versions.library(*versions.WAREHOUSE))
    with (library / "data" / "words_fr.tsv").open("a", encoding="utf-8") as handle:
        handle.write("# one more comment line\n")
    assert versions.digest(versions.library(*versions.CODER)) != before_coder
    assert versions.digest(versions.library(*versions.WAREHOUSE)) == before_tables


def test_every_library_module_is_part_of_an_assets_version_or_of_none_on_purpose() -> None:
    listed = {*versions.CODER, *versions.WAREHOUSE, *versions.PICTURE, *versions.ACCURACY,
              *versions.NOT_IN_ANY_ASSET}
    for path in versions.LIBRARY.iterdir():
        if path.suffix == ".py" or (path.is_dir() and path.name != "__pycache__"):
            assert path.name in listed, f"{path.name}: add it to an asset's files in pipelines/versions.py"


def test_a_days_materialisation_counts_the_partitions_rows_and_the_tables(world: World) -> None:
    assert world.materialize("2024-05-14").success
    result = world.materialize(RIYADH_DAY)
    assert result.success
    found = {m.asset_key.to_user_string(): m.metadata for m in result.asset_materializations_for_node(
        "warehouse_tables")}
    with duckdb.connect(str(world.db), read_only=True) as con:
        day_mentions = con.execute("SELECT count(*), count(DISTINCT global_event_id) FROM event_mentions m "
                                   "JOIN articles a USING (article_id) WHERE a.partition_date = $d",
                                   {"d": dt.date.fromisoformat(RIYADH_DAY)}).fetchone()
        totals = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}
    assert found["articles"]["dagster/partition_row_count"].value == 1
    assert found["articles"]["dagster/row_count"].value == totals["articles"] == 2
    assert found["event_mentions"]["dagster/partition_row_count"].value == day_mentions[0]
    assert found["events"]["dagster/partition_row_count"].value == day_mentions[1]
    assert found["event_mentions"]["dagster/row_count"].value == totals["event_mentions"] > day_mentions[0]
    assert found["events"]["dagster/row_count"].value == totals["events"]


def test_the_picture_shows_inline_in_the_ui(world: World, tmp_path) -> None:
    with dg.DagsterInstance.local_temp(str(tmp_path)) as instance:  # a local compute log manager
        result = world.materialize(RIYADH_DAY, instance=instance)
        assert result.success
        [picture] = result.asset_materializations_for_node("who_met_whom_picture")
        markdown = picture.metadata["picture"].value
        # the UI shows Markdown inline only under 1,000 characters: a short image link the webserver serves
        assert len(markdown) < 1000
        url = markdown[markdown.index("(") + 1:-1]
        assert url == f"/logs/events/pictures/who_met_whom_{RIYADH_DAY}/png"
        served = Path(instance.compute_log_manager.get_captured_local_path(
            ["events", "pictures", f"who_met_whom_{RIYADH_DAY}"], "png"))
        exported = world.exports / "pictures" / f"who_met_whom_{RIYADH_DAY}.png"
        assert served.read_bytes()[:8] == exported.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        width = int.from_bytes(served.read_bytes()[16:20], "big")  # the PNG header's width
        assert (width, int.from_bytes(exported.read_bytes()[16:20], "big")) == (520, 900)


LONG = "Organisation des Nations unies pour l'éducation, la science et la culture"


@pytest.mark.parametrize(("actors", "inches"), [(2, 9.0), (5, 9.0), (12, 9.0), (5, 5.2), (12, 5.2)])
def test_the_pictures_labels_stay_inside_the_frame(actors: int, inches: float) -> None:
    names = [(f"C{n:02d}GOV", f"{LONG} {n}" if n % 2 else f"Ministre {n}") for n in range(actors)]
    meetings = [{"actor1_code": a[0], "actor1_name": a[1], "actor2_code": b[0], "actor2_name": b[1]}
                for i, a in enumerate(names) for b in names[i + 1:]]
    figure = pictures.meetings_network_figure(meetings, title="Who met whom — articles of 2024-10-10", inches=inches)
    figure.canvas.draw()
    frame = figure.bbox
    texts = [t for t in figure.findobj(lambda artist: hasattr(artist, "get_text")) if t.get_text()]
    assert len(texts) >= actors + 2  # the labels, the title, the caption
    for text in texts:
        box = text.get_window_extent()
        assert frame.x0 <= box.x0 and box.x1 <= frame.x1 and frame.y0 <= box.y0 and box.y1 <= frame.y1, (
            text.get_text(), box, frame)
    assert any(t.get_text().startswith("C01GOV\nOrganisation") for t in texts)
