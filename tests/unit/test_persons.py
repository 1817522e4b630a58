"""The dated people of data/actors/*.tsv, every file of every region: each row is well formed and found by its own
name with its own code on a day of its office, and no person's office is listed twice; per country, the head of state,
the head of government and the foreign minister follow one another from 1990 (or the state's independence) to today
without overlaps or gaps; every country has a head of state and, where the office exists, a head of government on
four sample days from 1995 to 2024.

What the facts allow is listed with its reason: collective offices, acting holders (whose French title says "par
intérim"), offices that do not exist or stood vacant, and the periods whose holders the tables do not list yet.
No statistical model is loaded.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from itertools import pairwise

import pytest

from events.actors import Person, load_lexicon, parse_office_date, person_actor
from events.countries import load_countries
from events.data_files import DATA_DIR, Row, read_rows
from events.text import fold

TIMELINE_FROM = date(1990, 1, 1)
SAMPLE_DATES = (date(1995, 1, 1), date(2005, 1, 1), date(2016, 6, 1), date(2024, 1, 1))
# The tables hold what was known when they were written: an office whose last known holder left after this day
# may have a successor they do not name yet (the timeline check does not follow it to today).
TABLES_UNTIL = date(2025, 5, 1)
TIMELINE_OFFICES = ("head_of_state", "head_of_government", "foreign_minister")
MAX_OVERLAP = timedelta(days=31)  # a hand-over, or a month-precise date
MAX_GAP = timedelta(days=180)  # a caretaker nobody names, a government being formed

COLUMNS = ("name", "aliases", "country", "code", "role", "office", "office_fr", "start", "end")
# CAMEO role codes a person may hold
ROLES = {"GOV", "MIL", "OPP", "PTY", "ELI", "REB", "LEG", "JUD", "SPY", "COP", "INS", "SEP", "UAF", "BUS", "CVL", "EDU",
         "HRI", "LAB", "MED", "REL", "CRM", "IGO", "NGO"}
OFFICES = {"head_of_state", "head_of_government", "foreign_minister", "defence_minister", "interior_minister",
           "minister", "official", "party_leader", "opposition_leader", "military", "spokesperson",
           "security_adviser", "igo_leader", "other"}
GENERIC_OFFICES = {"minister", "official", "party_leader", "opposition_leader", "military", "other"}

# Offices held by several people at once, from a day on: their holders overlap by design (gaps are still checked).
COLLECTIVE = {
    ("AND", "head_of_state"): (date.min, "two co-princes: the French president and the bishop of Urgell"),
    ("SMR", "head_of_state"): (date.min, "two captains regent for six months"),
    ("BIH", "head_of_state"): (date.min, "three members of the presidency (Bosniak, Croat, Serb), the chair rotating"),
    ("NIC", "head_of_state"): (date(2025, 2, 18), "co-presidents Daniel Ortega and Rosario Murillo"),
    ("LBY", "head_of_government"): (date(2014, 3, 11), "rival governments in Tripoli and in the east"),
}

# States born after 1990-01-01: nothing is required before this day (earlier rows, for a republic of a federation or
# a self-proclaimed state, may exist).
INDEPENDENCE = {
    "NAM": date(1990, 3, 21), "YEM": date(1990, 5, 22), "LTU": date(1990, 3, 11), "GEO": date(1991, 4, 9),
    "SVN": date(1991, 6, 25), "HRV": date(1991, 6, 25), "EST": date(1991, 8, 20), "LVA": date(1991, 8, 21),
    "UKR": date(1991, 8, 24), "BLR": date(1991, 8, 25), "MDA": date(1991, 8, 27), "AZE": date(1991, 8, 30),
    "KGZ": date(1991, 8, 31), "UZB": date(1991, 8, 31), "MKD": date(1991, 9, 8), "TJK": date(1991, 9, 9),
    "ARM": date(1991, 9, 21), "TKM": date(1991, 10, 27), "KAZ": date(1991, 12, 16), "RUS": date(1991, 12, 25),
    "BIH": date(1992, 3, 3), "CZE": date(1993, 1, 1), "SVK": date(1993, 1, 1), "ERI": date(1993, 5, 24),
    "PLW": date(1994, 10, 1), "TLS": date(2002, 5, 20), "MNE": date(2006, 6, 3), "SRB": date(2006, 6, 5),
    "XKX": date(2008, 2, 17), "SSD": date(2011, 7, 9),
}

# Periods without a holder of the office, (first day, last day), None for open ends: the office does not exist
# (the president heads the government, the monarch is his own prime minister), is vacant, or there was no state.
NO_HEAD_OF_GOVERNMENT = "head_of_government"
ALWAYS = ((None, None),)
VACANT: dict[tuple[str, str], tuple[tuple[date | None, date | None], ...]] = {
    # presidential republics: the president heads the government
    **{(iso3, NO_HEAD_OF_GOVERNMENT): ALWAYS for iso3 in (
        "USA", "MEX", "GTM", "HND", "SLV", "NIC", "CRI", "PAN", "DOM", "COL", "VEN", "ECU", "BOL", "BRA", "PRY",
        "URY", "CHL", "ARG", "SUR", "CYP", "IDN", "PHL", "MDV", "TKM", "NGA", "GHA", "BWA", "ZMB", "MWI", "ZAF",
        "LBR", "SLE", "GMB", "ERI", "SYC", "SSD", "KIR", "NRU", "MHL", "FSM", "PLW",
        # the president heads the government; short-lived prime ministers (Benin 1990-91, 1996-98, 2011-13,
        # 2015-16; Comoros until 2002) need no successor
        "BEN", "COM",
        # the Federal Council governs collegially; San Marino's government has no head
        "CHE", "SMR",
        # the monarch is his own prime minister
        "BRN", "OMN")},
    ("CUB", NO_HEAD_OF_GOVERNMENT): ((None, date(2019, 12, 20)),),  # the head of state presided the government
    ("TUR", NO_HEAD_OF_GOVERNMENT): ((date(2018, 7, 9), None),),  # office abolished
    ("SAU", NO_HEAD_OF_GOVERNMENT): ((None, date(2022, 9, 26)),),  # the king was prime minister
    ("QAT", NO_HEAD_OF_GOVERNMENT): ((None, date(1996, 10, 28)),),  # the emir was prime minister
    ("IRQ", NO_HEAD_OF_GOVERNMENT): ((date(1994, 5, 29), date(2004, 6, 27)),),  # Saddam Hussein, then occupation
    ("IRN", NO_HEAD_OF_GOVERNMENT): ((date(1989, 8, 3), None),),  # office abolished
    ("BTN", NO_HEAD_OF_GOVERNMENT): ((None, date(1998, 7, 7)),),  # the king headed the government
    ("PSE", NO_HEAD_OF_GOVERNMENT): ((None, date(2003, 4, 29)),),  # office created in 2003
    ("MMR", NO_HEAD_OF_GOVERNMENT): ((date(2011, 3, 30), date(2016, 4, 5)),),  # presidential system
    ("KEN", NO_HEAD_OF_GOVERNMENT): ((None, date(2008, 4, 16)), (date(2013, 4, 9), None)),  # PM 2008-2013 only
    ("ZWE", NO_HEAD_OF_GOVERNMENT): ((None, date(2009, 2, 10)), (date(2013, 9, 10), None)),  # PM 2009-2013 only
    ("AGO", NO_HEAD_OF_GOVERNMENT): ((None, date(1991, 7, 27)), (date(1999, 1, 29), date(2002, 12, 5)),
                                     (date(2010, 2, 5), None)),
    ("BDI", NO_HEAD_OF_GOVERNMENT): ((date(1998, 6, 12), date(2020, 6, 22)),),
    ("TCD", NO_HEAD_OF_GOVERNMENT): ((None, date(1991, 5, 7)), (date(2018, 5, 4), date(2021, 4, 25))),
    ("COG", NO_HEAD_OF_GOVERNMENT): ((date(1997, 10, 15), date(2005, 1, 6)), (date(2009, 9, 15), date(2016, 4, 22))),
    ("COD", NO_HEAD_OF_GOVERNMENT): ((date(1997, 5, 17), date(2007, 2, 24)),),
    ("SDN", NO_HEAD_OF_GOVERNMENT): ((date(1989, 6, 30), date(2017, 2, 28)),),
    ("SEN", NO_HEAD_OF_GOVERNMENT): ((None, date(1991, 4, 7)), (date(2019, 5, 14), date(2022, 9, 16))),
    ("MLI", NO_HEAD_OF_GOVERNMENT): ((None, date(1991, 4, 1)),),
    ("CIV", NO_HEAD_OF_GOVERNMENT): ((None, date(1990, 11, 6)),),
    # vacancies of the head of state's office
    ("LBN", "head_of_state"): ((date(2007, 11, 24), date(2008, 5, 24)), (date(2014, 5, 25), date(2016, 10, 30)),
                               (date(2022, 10, 31), date(2025, 1, 8))),
    # Haiti: no prime minister before February 1991, none confirmed after Rosny Smarth resigned (1997-1999)
    ("HTI", NO_HEAD_OF_GOVERNMENT): ((None, date(1991, 2, 12)), (date(1997, 10, 21), date(1999, 3, 25))),
    # no state (Somalia's civil war), or an occupation authority
    **{("SOM", office): ((date(1991, 1, 27), date(2000, 8, 26)),) for office in TIMELINE_OFFICES},
    **{("IRQ", office): ((date(2003, 4, 9), date(2004, 6, 27)),) for office in ("head_of_state",)},
    # Asia, Africa and Oceania
    # civil war without a prime minister; after the Taliban government fell, a presidential republic
    ("AFG", NO_HEAD_OF_GOVERNMENT): ((date(1992, 8, 16), date(1993, 3, 16)), (date(2001, 11, 14), date(2021, 9, 6))),
    # no prime minister 1987-1992
    ("BFA", NO_HEAD_OF_GOVERNMENT): ((None, date(1992, 6, 15)),),
    # no prime minister before 1991
    ("CAF", NO_HEAD_OF_GOVERNMENT): ((None, date(1991, 3, 14)),),
    # office abolished 1984-1991
    ("CMR", NO_HEAD_OF_GOVERNMENT): ((None, date(1991, 4, 25)),),
    # no prime minister before 1996; vacant after Fall resigned and after Diallo was dismissed
    ("GIN", NO_HEAD_OF_GOVERNMENT): (
        (None, date(1996, 7, 8)),
        (date(2004, 5, 1), date(2004, 12, 8)),
        (date(2006, 4, 6), date(2007, 2, 28)),
    ),
    # office abolished 1984-1991
    ("GNB", NO_HEAD_OF_GOVERNMENT): ((None, date(1991, 12, 26)),),
    # office created in 1991
    ("RWA", NO_HEAD_OF_GOVERNMENT): ((None, date(1991, 10, 11)),),
    # the Transitional National Government named its first prime minister in October 2000
    ("SOM", NO_HEAD_OF_GOVERNMENT): ((date(1991, 1, 27), date(2000, 10, 7)),),
    # office abolished (constitutional declaration of 2025)
    ("SYR", NO_HEAD_OF_GOVERNMENT): ((date(2025, 3, 30), None),),
    # office created in 1991
    ("TGO", NO_HEAD_OF_GOVERNMENT): ((None, date(1991, 8, 26)),),
}


# Periods whose holders the tables do not list (the facts were not at hand when they were compiled): neither gaps
# nor coverage are checked there. Every entry is a known gap of the data, to be filled.
NOT_LISTED: dict[tuple[str, str], tuple[tuple[date | None, date | None], ...]] = {
    ("SMR", "head_of_state"): ((None, date(2019, 9, 30)),),  # captains regent, two every six months
    ("SMR", "foreign_minister"): ((date(2002, 7, 1), date(2003, 11, 30)),),
    ("AND", "foreign_minister"): ((None, date(1997, 1, 31)), (date(2009, 6, 5), date(2011, 5, 11))),
    ("MCO", "foreign_minister"): ((None, date(2018, 12, 31)),),
    ("HTI", "foreign_minister"): ((None, date(1993, 8, 29)),),  # transitional and coup governments
    ("HND", "foreign_minister"): ((None, date(2002, 1, 26)),),
    # foreign ministers of the smaller Caribbean states in the 1990s and 2000s
    ("TTO", "foreign_minister"): ((None, date(1995, 10, 31)),),
    ("BHS", "foreign_minister"): ((None, date(1992, 8, 20)),),
    ("BRB", "foreign_minister"): ((None, date(1994, 9, 6)),),
    ("ATG", "foreign_minister"): ((None, date(2014, 5, 31)),),
    ("DMA", "foreign_minister"): ((None, date(2014, 11, 30)),),
    ("GRD", "foreign_minister"): ((None, date(2019, 12, 31)),),
    ("KNA", "foreign_minister"): ((None, date(2015, 1, 31)),),
    ("LCA", "foreign_minister"): ((None, date(2011, 11, 30)),),
    ("VCT", "foreign_minister"): ((None, date(2001, 3, 28)),),
    ("GUY", "foreign_minister"): ((date(1991, 1, 1), date(1992, 9, 30)),),
    ("SUR", "foreign_minister"): ((None, date(1991, 8, 31)),),
    # Asia, Africa and Oceania: foreign ministers of these periods are not in the tables
    ("AFG", "foreign_minister"): ((date(1992, 4, 29), date(1993, 3, 16)),),
    ("BDI", "foreign_minister"): ((None, date(2005, 8, 29)),),
    ("BEN", "foreign_minister"): ((None, date(1991, 3, 31)),),
    ("CAF", "foreign_minister"): ((None, date(2016, 4, 10)),),
    ("CIV", "foreign_minister"): ((date(1999, 12, 25), date(2000, 10, 26)),),
    ("COD", "foreign_minister"): ((None, date(1997, 5, 21)),),
    ("COG", "foreign_minister"): ((None, date(1997, 11, 1)),),
    ("COM", "foreign_minister"): (
        (None, date(1999, 4, 30)),
        (date(2005, 8, 1), date(2006, 5, 31)),
        (date(2011, 1, 1), date(2017, 10, 31)),
    ),
    ("DJI", "foreign_minister"): ((date(1993, 3, 1), date(1995, 5, 31)),),
    ("FJI", "foreign_minister"): ((None, date(2000, 6, 30)), (date(2007, 1, 1), date(2009, 8, 31))),
    ("FSM", "foreign_minister"): ((None, date(2007, 4, 30)),),
    ("GAB", "foreign_minister"): ((date(1994, 4, 1), date(1994, 11, 1)),),
    ("GIN", "foreign_minister"): ((None, date(2002, 5, 31)), (date(2004, 2, 24), date(2009, 1, 18))),
    ("GMB", "foreign_minister"): ((None, date(2017, 1, 31)),),
    ("GNB", "foreign_minister"): ((None, date(2020, 2, 29)),),
    ("GNQ", "foreign_minister"): ((None, date(1993, 11, 30)), (date(2025, 1, 1), None)),
    ("LBR", "foreign_minister"): ((None, date(1997, 8, 1)),),
    ("LSO", "foreign_minister"): ((None, date(2015, 3, 29)),),
    ("MDG", "foreign_minister"): (
        (None, date(1993, 7, 31)),
        (date(1996, 6, 1), date(1998, 6, 30)),
        (date(2009, 3, 18), date(2014, 12, 31)),
        (date(2017, 5, 1), date(2019, 1, 23)),
    ),
    ("MHL", "foreign_minister"): ((None, date(2020, 1, 12)),),
    ("MUS", "foreign_minister"): ((None, date(1991, 9, 14)), (date(1993, 8, 19), date(1995, 12, 29))),
    ("MWI", "foreign_minister"): ((None, date(2006, 5, 31)),),
    ("NER", "foreign_minister"): ((None, date(1995, 2, 24)),),
    ("NRU", "foreign_minister"): ((None, date(2013, 6, 10)),),
    ("PLW", "foreign_minister"): ((date(1994, 10, 1), date(2016, 12, 31)),),
    ("PNG", "foreign_minister"): ((None, date(2002, 8, 4)),),
    ("SLB", "foreign_minister"): ((None, date(2014, 12, 11)),),
    ("SLE", "foreign_minister"): ((None, date(1996, 3, 31)), (date(1997, 5, 26), date(1998, 3, 9))),
    ("SOM", "foreign_minister"): ((None, date(2012, 11, 3)),),
    ("STP", "foreign_minister"): ((None, date(2014, 11, 28)), (date(2020, 11, 1), None)),
    ("SWZ", "foreign_minister"): ((None, date(2008, 10, 31)),),
    ("TCD", "foreign_minister"): ((date(1990, 12, 2), date(1997, 4, 30)),),
    ("TGO", "foreign_minister"): ((None, date(1998, 5, 31)), (date(2000, 8, 30), date(2003, 5, 31))),
    ("TON", "foreign_minister"): ((date(2024, 12, 25), None),),
    ("TUV", "foreign_minister"): ((None, date(2013, 8, 4)),),
    ("VUT", "foreign_minister"): ((None, date(2016, 2, 10)), (date(2025, 2, 12), None)),
    ("ZMB", "foreign_minister"): ((None, date(2007, 9, 30)),),
}


def _rows() -> list[Row]:
    return [row for path in sorted((DATA_DIR / "actors").glob("*.tsv")) for row in read_rows(path, columns=COLUMNS)]


ROWS = _rows()
COUNTRIES = sorted(load_countries().by_iso3)


def _start(row: Row) -> date:
    day = parse_office_date(row["start"])
    assert day is not None, f"{row.where}: no start date"
    return day


def _end(row: Row) -> date | None:
    return parse_office_date(row["end"], end=True)


def _vacant(iso3: str, office: str, day: date) -> bool:
    if day < INDEPENDENCE.get(iso3, date.min):
        return True
    return any((first is None or first <= day) and (last is None or day <= last)
               for first, last in (*VACANT.get((iso3, office), ()), *NOT_LISTED.get((iso3, office), ())))


def _parses(value: str) -> bool:
    """A start date the timeline can use (a malformed one fails test_every_row_is_well_formed instead)."""
    try:
        return parse_office_date(value) is not None
    except ValueError:
        return False


def _by_country_and_office() -> dict[tuple[str, str], list[Row]]:
    grouped: dict[tuple[str, str], list[Row]] = defaultdict(list)
    for row in ROWS:
        if row["office"] in TIMELINE_OFFICES and _parses(row["start"]):
            grouped[(row["country"], row["office"])].append(row)
    return grouped


HOLDERS = _by_country_and_office()


def _holders(iso3: str, office: str) -> list[Row]:
    return sorted(HOLDERS.get((iso3, office), ()), key=lambda row: (_start(row), _end(row) or date.max))


def _in_office(row: Row, day: date) -> bool:
    end = _end(row)
    return _start(row) <= day and (end is None or day <= end)


def test_every_row_is_well_formed():
    bad = []
    for row in ROWS:
        problems = []
        if not row["name"] or not row["office"] or not row["role"]:
            problems.append("empty name, office or role")
        if row["role"] not in ROLES:
            problems.append(f"role {row['role']!r}")
        if row["office"] not in OFFICES:
            problems.append(f"office {row['office']!r}")
        if row["role"] != "IGO" and row["code"] != row["country"] + row["role"]:
            problems.append(f"code {row['code']!r} is not country + role")
        if row["country"] and row["country"] not in load_countries().by_iso3:
            problems.append(f"unknown country {row['country']!r}")
        try:
            start, end = parse_office_date(row["start"]), _end(row)
        except ValueError as exc:
            problems.append(f"date: {exc}")
        else:
            if start is None:
                problems.append("no start date")
            elif end is not None and end < start:
                problems.append("ends before it starts")
        if problems:
            bad.append(f"{row.where} {row['name']}: {'; '.join(problems)}")
    assert not bad, "\n".join(bad[:40])


def test_no_person_row_is_duplicated():
    """One row per person, office and term: the same person's rows for one office never overlap (a generic office,
    'minister' or 'other', counts as one office per French title)."""
    by_person: dict[tuple[str, str, str, str], list[Row]] = defaultdict(list)
    for row in ROWS:
        title = row["office_fr"] if row["office"] in GENERIC_OFFICES else ""
        by_person[(fold(row["name"]), row["country"], row["office"], title)].append(row)
    bad = []
    for rows in by_person.values():
        rows.sort(key=_start)
        for before, after in pairwise(rows):
            end = _end(before)
            if end is None or end > _start(after):
                bad.append(f"{before.where} and {after.where}: {before['name']} ({before['office']}) twice")
    assert not bad, "\n".join(bad[:40])


def _bounds(value: str) -> tuple[date, date]:
    """The earliest and the latest day a date written YYYY, YYYY-MM or YYYY-MM-DD may mean."""
    parts = [int(part) for part in value.split("-")]
    if len(parts) == 3:
        return date(*parts), date(*parts)
    if len(parts) == 2:
        following = date(parts[0] + parts[1] // 12, parts[1] % 12 + 1, 1)
        return date(parts[0], parts[1], 1), following - timedelta(days=1)
    return date(parts[0], 1, 1), date(parts[0], 12, 31)


def _acting(row: Row) -> bool:
    """An acting holder may serve inside another's term (a suspended, impeached or ill president)."""
    return "intérim" in row["office_fr"] or "interim" in row["office_fr"]


@pytest.mark.parametrize("iso3", COUNTRIES)
def test_office_holders_follow_one_another(iso3: str):
    """From 1990 (or independence) to today: no overlap of more than a month, no gap of more than six months.
    A date known to the month or the year only counts as any day of it. An office whose last known holder left
    after ``TABLES_UNTIL`` may have a successor the tables do not know yet."""
    begin = max(TIMELINE_FROM, INDEPENDENCE.get(iso3, date.min))
    until = date.today()
    problems = []

    def gap(after: date, before: date) -> bool:
        return before - after > MAX_GAP and not all(
            _vacant(iso3, office, after + timedelta(days=n)) for n in range(1, (before - after).days, 30))

    for office in TIMELINE_OFFICES:
        holders = sorted(((row, *_bounds(row["start"]), *(_bounds(row["end"]) if row["end"] else (None, None)))
                          for row in _holders(iso3, office)), key=lambda item: item[1])
        holders = [item for item in holders if item[4] is None or item[4] >= begin]
        collective_from = COLLECTIVE.get((iso3, office), (date.max, ""))[0]
        # latest day covered so far (any reading of the dates), and the latest end of a regular holder
        covered, covered_by = begin - timedelta(days=1), None
        held_until, held_by = date.min, None
        for row, start_lo, start_hi, end_lo, end_hi in holders:
            overlap = held_until - start_hi > MAX_OVERLAP and start_lo < collective_from and not _acting(row)
            if held_by is not None and overlap:
                problems.append(f"{office}: {row.where} {row['name']} starts {row['start']} while "
                                f"{held_by.where} {held_by['name']} holds it until {held_by['end'] or 'today'}")
            if covered is not None and gap(covered, start_lo):
                problems.append(f"{office}: nobody from {covered} to {row.where} {row['name']} ({row['start']})")
            if covered is not None and (end_hi is None or end_hi > covered):
                covered, covered_by = end_hi, row
            if not _acting(row) and (end_lo is None or end_lo > held_until):
                held_until, held_by = (end_lo or date.max), row
        if covered is not None and covered < TABLES_UNTIL and gap(covered, until):
            problems.append(f"{office}: nobody since {covered}"
                            + (f" ({covered_by.where} {covered_by['name']})" if covered_by else ""))
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("iso3", COUNTRIES)
def test_every_country_has_its_leaders_on_sample_days(iso3: str):
    missing = []
    for day in SAMPLE_DATES:
        for office in ("head_of_state", "head_of_government"):
            if _vacant(iso3, office, day):
                continue
            if not any(_in_office(row, day) for row in _holders(iso3, office)):
                missing.append(f"{office} on {day}")
    assert not missing, f"{iso3}: " + ", ".join(missing)


def _lookup_name(row: Row) -> str:
    """The row's name, or for a one-word name that is also someone's first name (not used alone, by design: the
    pope 'François' beside François Bayrou) its first alias of several words."""
    lexicon = load_lexicon()
    if lexicon.persons(row["name"]) or " " in fold(row["name"]):
        return row["name"]
    aliases = [alias for alias in row["aliases"].split("|") if " " in fold(alias)]
    return aliases[0] if aliases else row["name"]


def test_every_row_is_found_by_its_name_with_its_own_code():
    """On a day of the office, the row's name gives the row's code; when the same name holds several offices that
    day (the British monarch in each Commonwealth realm, the French president as co-prince of Andorra), one of
    theirs."""
    lexicon = load_lexicon()
    bad = []
    for row in ROWS:
        name = _lookup_name(row)
        persons = tuple(lexicon.persons(name))
        start, end = _start(row), _end(row) or date.today()
        day = start + (end - start) / 2
        own = Person(name=row["name"], country=row["country"] or None, code=row["code"], role=row["role"],
                     office=row["office"], start=start, end=_end(row))
        if own not in persons:
            bad.append(f"{row.where} {row['name']}: not found by {name!r}")
            continue
        actor = person_actor(persons, day)
        same_day = {p.code for p in persons if p.in_office(day) and fold(p.name) == fold(row["name"])}
        expected = {row["code"]} if same_day == {row["code"]} else same_day
        if actor.code not in expected:
            bad.append(f"{row.where} {row['name']} on {day}: {actor.code}, expected {' or '.join(sorted(expected))}")
    assert not bad, "\n".join(bad[:40])


def test_an_office_taken_later_never_codes_an_earlier_article():
    """Dilma Rousseff the day after leaving Brazil's presidency (2016) is a former president, not the head of the
    BRICS bank she became in 2023; before any office in the tables, the first one's country."""
    from datetime import date

    from events.actors import load_lexicon, person_actor

    persons = tuple(load_lexicon().persons("Dilma Rousseff"))
    assert person_actor(persons, date(2016, 9, 1)).code == "BRAELI"
    assert person_actor(persons, date(2024, 9, 1)).code == "IGOBRC"
    assert person_actor(persons, date(2005, 9, 1)).code == "BRAELI"
