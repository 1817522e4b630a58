"""The learned check of coded events: features, deterministic training, the weights file, and its use."""

from __future__ import annotations

import pytest

from events.coding.learned import (
    EventModel,
    features,
    load_event_model,
    row_features,
    train,
    write_event_model,
)
from events.data_files import DataFileError

GOV_GOV = [("FRAGOV", "FRA", "GOV"), ("DEUGOV", "DEU", "GOV")]
COP_OPP = [("FRACOP", "FRA", "COP"), ("FRAOPP", "FRA", "OPP")]


def test_features_describe_the_rule_the_root_and_the_actors():
    feats = features("rencontrer.v.040@meet:subject>obj", "040", GOV_GOV)
    assert {"entry=rencontrer.v.040", "frame=meet", "way=subject>obj", "root=04", "role=GOV", "domestic=False",
            "pos=v"} <= set(feats)
    assert "domestic=True" in features("interpeller.v.173@police_act:implied>passive_subject", "173", COP_OPP)


def test_a_row_has_the_features_of_its_event():
    row = {"rule_id": "rencontrer.v.040@meet:subject>obj", "event_code": "040", "actor1_code": "DEUGOV",
           "actor1_country_code": "DEU", "actor1_type1_code": "GOV", "actor2_code": "FRAGOV",
           "actor2_country_code": "FRA", "actor2_type1_code": "GOV"}
    assert sorted(row_features(row)) == sorted(features(str(row["rule_id"]), "040", GOV_GOV))


def test_training_is_deterministic_and_learns_which_rules_are_right():
    good = features("rencontrer.v.040@meet:subject>obj", "040", GOV_GOV)
    bad = features("saluer.v.051@act_on:subject>linear", "051", GOV_GOV)
    examples = [(good, 1)] * 20 + [(bad, 0)] * 20 + [(good, 0)] * 2 + [(bad, 1)] * 2
    first, second = train(examples), train(examples)
    assert first == second
    assert first.probability(good) > 0.7 > 0.3 > first.probability(bad)


def test_the_weights_file_round_trips_and_a_bad_one_is_an_error(tmp_path):
    model = EventModel({"root=04": 1.25, "way=subject>linear": -0.5}, -0.1, 0.35)
    path = tmp_path / "event_model.tsv"
    write_event_model(model, path, ["trained for a test"])
    assert load_event_model(path) == model
    path.write_text("feature\tweight\nroot=04\tlots\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="is not a number"):
        load_event_model(path)
    path.write_text("feature\tweight\nroot=04\t1.0\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="__threshold__"):
        load_event_model(path)


def test_the_coder_drops_what_the_model_rejects_and_gives_the_rest_its_probability():
    import datetime as dt

    from events.coding import Coder
    from tests.unit.test_coding_rules import CASES, build_doc

    case = next(c for c in CASES if c.name == "frame-act_on")
    coder = Coder(event_model=False)
    doc = build_doc(case.parse)
    assert len(coder.code_doc(doc, dt.date(2024, 6, 3))) == 1
    coder.model = EventModel({"root=11": -5.0}, 0.0, 0.5)
    assert coder.code_doc(doc, dt.date(2024, 6, 3)) == []
    coder.model = EventModel({"root=11": 2.0}, 0.0, 0.5)
    [event] = coder.code_doc(doc, dt.date(2024, 6, 3))
    assert event.confidence == pytest.approx(0.881, abs=0.001)
