from datetime import date

import pytest

from events.dates import find_dates, normalize_expression, timeml_value

REF = date(2024, 7, 9)  # a Tuesday


@pytest.mark.parametrize(("expression", "value"), [
    ("8 juillet 2024", "2024-07-08"),
    ("le 1er août 2023", "2023-08-01"),
    ("14/03/2024", "2024-03-14"),
    ("lundi", "2024-07-08"),
    ("mardi", "2024-07-09"),
    ("lundi dernier", "2024-07-08"),
    ("mardi dernier", "2024-07-02"),
    ("vendredi prochain", "2024-07-12"),
    ("hier", "2024-07-08"),
    ("hier soir", "2024-07-08"),
    ("avant-hier", "2024-07-07"),
    ("aujourd'hui", "2024-07-09"),
    ("il y a trois jours", "2024-07-06"),
    ("en juillet 2024", "2024-07"),
    ("début juillet", "2024-07"),
    ("la semaine dernière", "2024-W27"),
    ("le mois dernier", "2024-06"),
    ("l'an dernier", "2023"),
    ("le 6 mai dernier", "2024-05-06"),
    ("jeudi 12 septembre", "2024-09-12"),
])
def test_expressions_resolve_against_the_publication_date(expression, value):
    assert timeml_value(normalize_expression(expression, REF)) == value


def test_no_date_gives_empty_value():
    assert timeml_value(normalize_expression("la coopération bilatérale", REF)) == ""


def test_discourse_relative_days_use_the_anchor():
    (mention,) = find_dates("La veille, le président avait reçu", REF, anchor=date(2024, 7, 5))
    assert mention.resolved is not None and mention.resolved.value == date(2024, 7, 4)


def test_clock_times_are_not_read_as_dates():
    assert [m.text for m in find_dates("le 19 mai à 14 h 30", date(2024, 5, 25))] == ["19 mai"]
