from datetime import date
from pathlib import Path

import pytest

from events.timebank import load_timebank, run_timebank_benchmark, value_matches

SHARED = Path(__file__).resolve().parents[3] / "shared"
TIMEBANK = SHARED / "corpora" / "fr_timebank" / "Data"


@pytest.mark.parametrize(("predicted", "gold", "expected"), [
    ("1999-05-18", "1999-05-18", True),
    ("1999-05-18", "1999-05-18TEV", True),  # the date part counts
    ("1999-05-18", "1999-05-18T10:00", True),
    ("1999-05-17", "1999-05-18", False),
    ("1999-05", "1999-05-18", False),  # coarser than the gold: wrong
    ("1999-W20", "1999-05-18", False),
    ("2003-W05", "2003-W05", True),
    ("2003-02-01", "2003-W05-WE", True),  # a day inside the gold week
    ("2003-02-03", "2003-W05", False),  # the next Monday is week 6
    ("1999-06", "1999-06", True),
    ("1999-06-30", "1999-06", True),
    ("1999-W26", "1999-06", False),
    ("1999", "1999", True),
    ("1999-07-07", "1999", True),
    ("1999-W01", "1999", True),
    ("1998", "1999", False),
    ("", "1999", False),
])
def test_value_matches_at_the_gold_granularity(predicted, gold, expected):
    assert value_matches(predicted, gold) is expected


TML = """<?xml version='1.0' encoding='UTF-8'?>
<TimeML>
<DOCID>2002-09-13-0001</DOCID>
<DCT><TIMEX3 functionInDocument="CREATION_TIME" tid="t1" type="DATE" value="2002-09-13" /></DCT>
<TEXT>
Il est arrivé <TIMEX3 anchorTimeID="t1" temporalFunction="true" tid="t2" type="DATE"
value="2002-09-11">mercredi</TIMEX3>
à <TIMEX3 tid="t3" type="TIME" value="2002-09-11T14:00">14 h</TIMEX3>, reparti
<TIMEX3 anchorTimeID="t2" temporalFunction="true" tid="t4" type="DATE" value="2002-09-12">le lendemain</TIMEX3>
<TIMEX3 tid="t5" type="TIME" value="2002-09-12T10:00">à 10 h jeudi</TIMEX3>, pour
<TIMEX3 tid="t6" type="DURATION" value="P2D">deux jours</TIMEX3> ; il reviendra
<TIMEX3 tid="t7" type="DATE" value="2003">en 2003</TIMEX3>,
<TIMEX3 tid="t8" type="DATE" value="2002-SU">cet été</TIMEX3>,
<TIMEX3 tid="t9" type="TIME" value="PRESENT_REF">maintenant</TIMEX3>, <TIMEX3 tid="t10" type="DATE"
value="196X">les années 60</TIMEX3>, <TIMEX3 anchorTimeID="t1" tid="t11" type="DATE" value="2002-W37">cette
semaine</TIMEX3>.
</TEXT>
</TimeML>
"""


def test_load_timebank_keeps_absolute_and_creation_time_anchored_dates(tmp_path):
    (tmp_path / "2002-09-13-0001.tml").write_text(TML, encoding="utf-8")
    cases = load_timebank(tmp_path)
    assert [(c.text, c.gold) for c in cases] == [
        ("mercredi", "2002-09-11"),
        ("à 10 h jeudi", "2002-09-12T10:00"),
        ("en 2003", "2003"),
        ("cette semaine", "2002-W37"),
    ]
    assert {c.reference for c in cases} == {date(2002, 9, 13)}
    assert [c.granularity for c in cases] == ["day", "day", "year", "week"]


def test_benchmark_on_a_small_file(tmp_path):
    (tmp_path / "2002-09-13-0001.tml").write_text(TML, encoding="utf-8")
    report = run_timebank_benchmark(tmp_path, repeat=1)
    assert report["expressions"] == 4
    assert report["correct"] == 4


def test_french_timebank_accuracy():
    if not TIMEBANK.is_dir():
        pytest.skip(f"French TimeBank not available at {TIMEBANK}")
    report = run_timebank_benchmark(TIMEBANK, repeat=1)
    assert report["expressions"] >= 250
    accuracy = report["accuracy"]
    assert isinstance(accuracy, float) and accuracy >= 0.90
    baseline = report["dateparser_only_accuracy"]
    assert isinstance(baseline, float) and baseline < accuracy
