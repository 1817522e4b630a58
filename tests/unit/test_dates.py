from datetime import date

import pytest

from events.dates import ResolvedDate, find_dates, normalize_expression, timeml_value

REF = date(2024, 7, 9)  # a Tuesday


def value(expression: str, reference: date | None = REF) -> str:
    return timeml_value(normalize_expression(expression, reference))


def texts(sentence: str, reference: date | None = REF, anchor: date | None = None) -> list[str]:
    return [m.text for m in find_dates(sentence, reference, anchor)]


@pytest.mark.parametrize(("expression", "expected"), [
    ("8 juillet 2024", "2024-07-08"),
    ("le 1er août 2023", "2023-08-01"),
    ("le premier mars 2022", "2022-03-01"),
    ("14/03/2024", "2024-03-14"),
    ("14/03/24", "2024-03-14"),
    ("14.03.2024", "2024-03-14"),
    ("2024-03-14", "2024-03-14"),
    ("jeudi 12 septembre 2024", "2024-09-12"),
    ("le 10 novembre 93", "1993-11-10"),
    ("en juillet 2024", "2024-07"),
    ("octobre 98", "1998-10"),
    ("en 1998", "1998"),
    ("l'année 2001", "2001"),
    ("d'ici 2026", "2026"),
    ("1975", "1975"),
    ("97", "1997"),
    ("le jour de Noël 2023", "2023-12-25"),
])
def test_absolute_dates(expression, expected):
    assert value(expression) == expected


@pytest.mark.parametrize(("expression", "expected"), [
    ("le 1er août", "2024-08-01"),  # three weeks ahead: nearer than last year's
    ("le 2 juillet", "2024-07-02"),
    ("le 30 janvier", "2024-01-30"),  # nearer last January than next
    ("le 15 février", "2024-02-15"),
    ("jeudi 12 septembre", "2024-09-12"),  # the year whose calendar matches
    ("le 6 mai dernier", "2024-05-06"),
    ("le 20 juillet dernier", "2023-07-20"),  # "dernier": strictly before the publication
    ("le 3 juin prochain", "2025-06-03"),  # "prochain": strictly after
    ("août", "2024-08"),
    ("en novembre", "2023-11"),
    ("septembre dernier", "2023-09"),
    ("juin prochain", "2025-06"),
    ("mai et juin derniers", "2024-05"),
    ("jeudi 4", "2024-07-04"),  # a day number with its weekday: this month's Thursday the 4th
    ("le 19", "2024-07-19"),
])
def test_dates_without_a_year_take_the_sensible_year(expression, expected):
    assert value(expression) == expected


@pytest.mark.parametrize(("expression", "expected"), [
    ("hier", "2024-07-08"),
    ("avant-hier", "2024-07-07"),
    ("aujourd'hui", "2024-07-09"),
    ("aujourd’hui", "2024-07-09"),
    ("demain", "2024-07-10"),
    ("après-demain", "2024-07-11"),
    ("lundi", "2024-07-08"),
    ("mardi", "2024-07-09"),
    ("vendredi", "2024-07-05"),  # four days back at most
    ("jeudi", "2024-07-11"),  # five days back is too far: the coming Thursday
    ("ce mercredi", "2024-07-10"),
    ("lundi dernier", "2024-07-08"),
    ("mardi dernier", "2024-07-02"),
    ("dimanche passé", "2024-07-07"),
    ("vendredi prochain", "2024-07-12"),
    ("mardi prochain", "2024-07-16"),
    ("mercredi de la semaine dernière", "2024-07-03"),
    ("d'ici vendredi", "2024-07-12"),
    ("la semaine dernière", "2024-W27"),
    ("cette semaine", "2024-W28"),
    ("la semaine prochaine", "2024-W29"),
    ("le mois dernier", "2024-06"),
    ("ce mois-ci", "2024-07"),
    ("le mois prochain", "2024-08"),
    ("l'an dernier", "2023"),
    ("l'année passée", "2023"),
    ("cette année", "2024"),
    ("l'an prochain", "2025"),
    ("ce week-end", "2024-W27"),  # read on a Tuesday: the weekend just past
    ("le week-end prochain", "2024-W28"),
    ("il y a trois jours", "2024-07-06"),
    ("il y a deux semaines", "2024-W26"),
    ("il y a six mois", "2024-01"),
    ("il y a 25 ans", "1999"),
    ("dans deux jours", "2024-07-11"),
    ("dans un mois", "2024-08"),
    ("désormais", "2024-07-09"),
])
def test_expressions_relative_to_the_publication_date(expression, expected):
    assert value(expression) == expected


@pytest.mark.parametrize(("reference", "expected"), [
    (date(2024, 7, 8), "2024-W27"),  # Monday: the weekend just past
    (date(2024, 7, 10), "2024-W28"),  # Wednesday: the coming one
    (date(2024, 7, 13), "2024-W28"),  # Saturday: this one
    (date(2024, 7, 14), "2024-W28"),  # Sunday: this one
])
def test_ce_week_end_depends_on_the_day_of_publication(reference, expected):
    assert value("ce week-end", reference) == expected


@pytest.mark.parametrize(("expression", "expected"), [
    ("hier soir", "2024-07-08"),
    ("hier matin", "2024-07-08"),
    ("hier en début d'après-midi", "2024-07-08"),
    ("mardi matin", "2024-07-09"),
    ("lundi soir", "2024-07-08"),
    ("dimanche en fin de journée", "2024-07-07"),
    ("demain dans la matinée", "2024-07-10"),
    ("ce soir", "2024-07-09"),
    ("cet après-midi", "2024-07-09"),
    ("le 8 juillet au soir", "2024-07-08"),
])
def test_parts_of_the_day_give_the_day(expression, expected):
    assert value(expression) == expected


@pytest.mark.parametrize(("expression", "expected", "flag"), [
    ("début juillet", "2024-07", "early"),
    ("mi-juin", "2024-06", "mid"),
    ("fin mai", "2024-05", "late"),
    ("fin septembre 2000", "2000-09", "late"),
    ("au début du mois de mars", "2024-03", "early"),
    ("courant juin", "2024-06", None),
    ("fin 2002", "2002", "late"),
    ("mi-2025", "2025", "mid"),
    ("la fin de l'année", "2024", "late"),
    ("la fin de l'année dernière", "2023", "late"),
    ("au début du mois", "2024-07", "early"),
    ("depuis le début de l'année 2016", "2016", "early"),
])
def test_debut_mi_fin_give_the_period_with_a_flag(expression, expected, flag):
    resolved = normalize_expression(expression, REF)
    assert timeml_value(resolved) == expected
    assert resolved is not None and resolved.flag == flag


@pytest.mark.parametrize(("sentence", "expected"), [
    ("La veille, le ministre avait reçu son homologue.", date(2024, 7, 4)),
    ("Le lendemain, les deux délégations se sont retrouvées à Genève.", date(2024, 7, 6)),
    ("Le surlendemain, rien n'avait changé.", date(2024, 7, 7)),
    ("Le lendemain matin, il a quitté la capitale.", date(2024, 7, 6)),
    ("Le même jour, l'ambassadeur a été convoqué.", date(2024, 7, 5)),
    ("Deux jours plus tard, le sommet s'ouvrait.", date(2024, 7, 7)),
    ("Trois jours plus tôt, l'accord avait été paraphé.", date(2024, 7, 2)),
])
def test_discourse_relative_days_use_the_anchor(sentence, expected):
    (mention,) = find_dates(sentence, REF, anchor=date(2024, 7, 5))
    assert mention.resolved is not None and mention.resolved.value == expected


def test_discourse_relative_days_fall_back_on_the_publication_date():
    (mention,) = find_dates("La veille, le ministre avait reçu son homologue.", REF)
    assert mention.resolved == ResolvedDate(date(2024, 7, 8), "day")


@pytest.mark.parametrize(("sentence", "event_day", "timeml"), [
    ("Des drones ont été abattus dans la nuit de lundi à mardi au-dessus de la frontière.",
     date(2024, 7, 9), "2024-07-08"),
    ("Le cessez-le-feu a été rompu dans la nuit du 5 au 6 juillet.", date(2024, 7, 6), "2024-07-05"),
])
def test_nights_are_dated_on_the_second_day_and_anchored_on_the_first_in_timeml(sentence, event_day, timeml):
    (mention,) = find_dates(sentence, REF)
    assert mention.kind == "night"
    assert mention.resolved is not None and mention.resolved.value == event_day
    assert timeml_value(mention.resolved) == timeml


@pytest.mark.parametrize(("expression", "expected"), [
    ("à Pâques", "2024-03-31"),
    ("la Toussaint", "2024-11-01"),
    ("à Noël", "2024-12-25"),
    ("le lundi de Pentecôte", "2024-05-20"),
    ("cette fête de l'Ascension", "2024-05-09"),
    ("Noël dernier", "2023-12-25"),
    ("Pâques 2025", "2025-04-20"),
    ("la Saint-Sylvestre", "2024-12-31"),  # nearer than last year's
])
def test_holidays(expression, expected):
    assert value(expression) == expected


@pytest.mark.parametrize("sentence", [
    "Les Noël Mamère et autres élus écologistes ont signé la tribune.",
    "Un navire a été repéré au large de l'île de Pâques.",
    "Le marché de Noël de Strasbourg a rouvert ses portes.",
])
def test_holiday_names_that_are_not_dates(sentence):
    assert texts(sentence) == []


@pytest.mark.parametrize(("expression", "expected"), [
    ("à 15 h 30", ""),
    ("vers 9 h", ""),
    ("à midi", ""),
    ("le 19 mai à 14 h", "2024-05-19"),
    ("le 19 mai à 14 h 30", "2024-05-19"),
    ("hier à 10 h", "2024-07-08"),
    ("vers 15 h 30, hier", "2024-07-08"),
    ("4 h mardi", "2024-07-09"),
])
def test_clock_times_are_not_read_as_dates(expression, expected):
    assert value(expression) == expected


def test_clock_times_stay_out_of_the_date_span():
    assert texts("La réunion s'est ouverte le 19 mai à 14 h 30 au siège de l'ONU.", date(2024, 5, 25)) == ["19 mai"]
    assert texts("Le vote a eu lieu le 19 mai 14 h 30.", date(2024, 5, 25)) == ["19 mai"]
    assert texts("Le train est parti à 15 h 30 de Lyon.") == []


@pytest.mark.parametrize("sentence", [
    "Les sept ministres se sont réunis à Bruxelles.",
    "Il a rappelé que sept pays avaient voté contre.",
    "La sonde doit se poser sur Mars au plus tôt.",
    "En Mars, la gravité est plus faible.",
    "Le président a présenté sa stratégie et sa méthode.",
    "Sa visite a été reportée sans date.",
    "Plus de 2000 personnes ont manifesté de 1500 à 2000 euros près.",
    "Les lundis et les jeudis, le marché se tient place Stanislas.",
    "La coopération bilatérale reste au cœur des discussions.",
])
def test_running_text_false_positives(sentence):
    assert texts(sentence) == []


def test_year_after_de_only_as_a_date():
    assert texts("Le dernier recensement datait de 1998, selon l'office.") == ["de 1998"]
    assert texts("Le programme a couru de 1998 à 2002.") == ["de 1998"]
    assert texts("Une manifestation de 2000 personnes a eu lieu.") == []


@pytest.mark.parametrize("expression", [
    "la coopération bilatérale", "ici", "la soirée", "sept", "sa", "", "31 février", "lundi 31", "Noël Mamère",
])
def test_no_date_gives_empty_value(expression):
    assert value(expression) == ""


def test_mentions_in_a_sentence_are_ordered_and_do_not_overlap():
    sentence = ("Arrivé lundi soir à Pékin, le président avait rencontré le 2 juillet son homologue, "
                "avant le sommet prévu fin juillet.")
    mentions = find_dates(sentence, REF)
    assert [(m.text, m.kind) for m in mentions] == [
        ("lundi soir", "weekday"), ("2 juillet", "day_month"), ("fin juillet", "fuzzy_month")]
    assert [timeml_value(m.resolved) for m in mentions] == ["2024-07-08", "2024-07-02", "2024-07"]
    assert all(sentence[m.start:m.end] == m.text for m in mentions)


def test_ranges_and_lists_give_their_first_day():
    assert value("du 19 au 23 juillet") == "2024-07-19"
    assert value("les 6 et 13 avril prochains") == "2025-04-06"


def test_weekday_with_full_date_is_one_mention():
    (mention,) = find_dates("Le sommet s'ouvrira le jeudi 12 septembre à Astana.", REF)
    assert mention.text == "jeudi 12 septembre" and mention.kind == "day_month"


def test_without_a_publication_date_only_absolute_dates_resolve():
    assert value("8 juillet 2024", None) == "2024-07-08"
    assert value("hier", None) == ""
    assert value("le 8 juillet", None) == ""


def test_results_are_cached_per_expression_and_reference():
    normalize_expression.cache_clear()
    value("hier")
    value("hier")
    info = normalize_expression.cache_info()
    assert info.hits >= 1 and info.misses >= 1
