import pytest

from events.places import (
    GEO_COUNTRY,
    GEO_US_CITY,
    GEO_US_STATE,
    GEO_WORLD_CITY,
    GEO_WORLD_STATE,
    load_gazetteer,
)


@pytest.fixture(scope="module")
def gazetteer():
    return load_gazetteer()


@pytest.mark.parametrize(("name", "geonames_id", "fips"), [
    ("Pékin", "1816670", "CH"),
    ("Astana", "1526273", "KZ"),
    ("Moscou", "524901", "RS"),
    ("Varsovie", "756135", "PL"),
    ("Londres", "2643743", "UK"),
    ("Bruxelles", "2800866", "BE"),
    ("Genève", "2660646", "SZ"),
    ("Le Caire", "360630", "EG"),
    ("Minsk", "625144", "BO"),
    ("Kiev", "703448", "UP"),
    ("Samarcande", "1216265", "UZ"),
    ("New Delhi", "1261481", "IN"),
    ("Nouvelle-Delhi", "1261481", "IN"),
])
def test_french_names_resolve_to_geonames(gazetteer, name, geonames_id, fips):
    place = gazetteer.lookup(name)
    assert place is not None
    assert (place.feature_id, place.country_code, place.geo_type) == (geonames_id, fips, GEO_WORLD_CITY)


def test_beijing_has_gdelt_fields(gazetteer):
    fields = gazetteer.lookup("Pékin").geo_fields("action_geo", "Pékin")
    assert fields["action_geo_country_iso2"] == "CN"
    assert fields["action_geo_lat"] == pytest.approx(39.9, abs=0.1)
    assert fields["action_geo_long"] == pytest.approx(116.4, abs=0.1)
    assert fields["action_geo_text"] == "Pékin"


def test_countries_are_type_1_with_fips(gazetteer):
    place = gazetteer.lookup("Biélorussie")
    assert (place.geo_type, place.country_code, place.country_iso2) == (GEO_COUNTRY, "BO", "BY")


def test_us_cities_are_type_3(gazetteer):
    assert gazetteer.lookup("Washington").geo_type == GEO_US_CITY


def test_unknown_name_gives_none(gazetteer):
    assert gazetteer.lookup("Zzyzxville-sur-Mer") is None


# --- capitals, context, GDELT fields, stoplist, cache, benchmark ------------------------------------------

@pytest.mark.parametrize(("name", "geonames_id"), [
    ("Riyad", "108410"), ("Téhéran", "112931"), ("Alger", "2507480"), ("Abou Dhabi", "292968"),
    ("Abu Dhabi", "292968"), ("Bogota", "3688689"), ("Hanoï", "1581130"), ("Hanoi", "1581130"),
    ("Séoul", "1835848"), ("Pekin", "1816670"), ("La Haye", "2747373"), ("Washington", "4140963"),
    ("Tripoli", "2210247"), ("Vienne", "2761369"), ("Santiago", "3871336"), ("Victoria", "241131"),
    ("Kingston", "3489854"), ("Georgetown", "3378644"), ("Cotonou", "2394819"), ("La Paz", "3911925"),
])
def test_capitals_and_seats_of_government_resolve(gazetteer, name, geonames_id):
    assert gazetteer.lookup(name).feature_id == geonames_id


def test_every_capital_of_the_countries_table_resolves(gazetteer):
    from events.countries import load_countries

    for country in load_countries().by_iso3.values():
        place = gazetteer.lookup(country.capitals[0], preposition="à")
        assert place is not None and place.feature_id == country.capital_geonames_id, country.iso3


@pytest.mark.parametrize(("name", "context", "geonames_id"), [
    ("Tripoli", {"LY"}, "2210247"),
    ("Tripoli", {"LB"}, "266826"),
    ("Vienne", {"AT"}, "2761369"),
    ("Vienne", {"FR", "FR-84"}, "2969284"),
    ("Vienne", {"FR"}, "2761369"),  # France named (as in most French articles) is not enough against a capital
    ("Vienne", {"FR", "AT"}, "2761369"),
    ("Valence", set(), "2509954"),
    ("Valence", {"FR"}, "2971053"),
    ("Saint-Louis", {"SN"}, "2246452"),
    ("Saint-Louis", {"US", "US-MO"}, "4407066"),
    ("Alexandrie", {"US"}, "4744091"),
    ("Alexandrie", set(), "361058"),
    ("Hyderabad", {"PK"}, "1176734"),
    ("Hyderabad", set(), "1269843"),
    ("Naples", {"US", "US-FL"}, "4165565"),
    ("Paris", {"US"}, "2988507"),  # the United States named: still France's capital
    ("Paris", {"US", "US-TX"}, "4717560"),
    ("Santiago", {"ES"}, "3109642"),
    ("Santiago", {"DO"}, "3492914"),
    ("London", {"CA"}, "6058560"),
    ("Londres", {"CA"}, "2643743"),
    ("Saint-Denis", set(), "2980916"),
    ("Saint-Denis", {"RE"}, "935264"),
])
def test_context_breaks_ties(gazetteer, name, context, geonames_id):
    assert gazetteer.lookup(name, context_countries=context).feature_id == geonames_id


def test_context_accepts_any_iterable(gazetteer):
    assert gazetteer.lookup("Tripoli", context_countries=["LB"]).feature_id == "266826"
    assert gazetteer.lookup("Tripoli", context_countries=iter(["LB"])).feature_id == "266826"


def test_context_never_changes_a_unique_name(gazetteer):
    assert gazetteer.lookup("Pékin", context_countries={"US"}).feature_id == "1816670"  # not Pekin, Illinois
    assert gazetteer.lookup("Moscou", context_countries={"US"}).feature_id == "524901"


def test_candidates_are_ranked_with_context(gazetteer):
    ids = [p.feature_id for p in gazetteer.candidates("Tripoli", context_countries={"LB"})]
    assert ids[:2] == ["266826", "2210247"]
    assert gazetteer.candidates("Zzyzxville-sur-Mer") == []


def test_country_names_beat_cities_but_not_after_a():
    gazetteer = load_gazetteer()
    assert gazetteer.lookup("Luxembourg").geo_type == GEO_COUNTRY
    assert gazetteer.lookup("Luxembourg", preposition="au").geo_type == GEO_COUNTRY
    assert gazetteer.lookup("Luxembourg", preposition="à").feature_id == "2960316"
    assert gazetteer.lookup("Koweït", preposition="à").feature_id == "285787"
    assert gazetteer.lookup("Grenade", preposition="à").feature_id == "2517117"
    assert gazetteer.lookup("Chypre", preposition="à").geo_type == GEO_COUNTRY  # no city of that name


@pytest.mark.parametrize(("text", "name", "expected"), [
    ("Des heurts ont éclaté à Tripoli, dans le nord du Liban.", "Tripoli", {"LB"}),
    ("Le Premier ministre libanais s'est rendu à Tripoli.", "Tripoli", {"LB"}),
    ("Tripoli, à trois heures de route de Beyrouth.", "Tripoli", {"LB", "LB-04"}),  # not Libya (Tripoli)
    ("Tripoli, à trois heures de route de Beyrouth.", None, set()),  # capitals only count with a name
    ("L'ouragan a frappé Naples, en Floride.", "Naples", {"US", "US-FL"}),
    ("À Vienne, au sud de Lyon.", "Vienne", {"FR", "FR-84"}),
    ("La réunion s'est tenue à huis clos.", None, set()),  # "la réunion" is a meeting, not La Réunion
    ("Le préfet de La Réunion est arrivé.", None, {"RE", "RE-RE"}),  # GeoNames' Réunion is a country with one ADM1
    ("Les Émirats arabes unis et la Côte d'Ivoire ont signé.", None, {"AE", "CI"}),
])
def test_context_countries_from_text(text, name, expected):
    from events.places import context_countries_from_text

    assert context_countries_from_text(text, name) == expected


def test_fips_country_codes(gazetteer):
    assert {name: gazetteer.lookup(name).country_code
            for name in ("Pékin", "Minsk", "Berlin", "Moscou", "Londres", "Kiev")} == {
        "Pékin": "CH", "Minsk": "BO", "Berlin": "GM", "Moscou": "RS", "Londres": "UK", "Kiev": "UP"}


def test_type_1_country_uses_the_centroid(gazetteer):
    from events.countries import load_countries

    china = load_countries().get("CHN")
    place = gazetteer.lookup("Chine")
    assert (place.geo_type, place.country_code, place.adm1_code) == (GEO_COUNTRY, "CH", None)
    assert (place.lat, place.lon) == (china.lat, china.lon)
    assert gazetteer.country_place(china) == place
    assert place.geo_fields("actor1_geo", "Chine")["actor1_geo_lat"] == china.lat


def test_adm1_code_is_fips_country_plus_geonames_admin1(gazetteer):
    beijing = gazetteer.lookup("Pékin")
    assert (beijing.admin1, beijing.adm1_code) == ("22", "CH22")
    assert gazetteer.lookup("Minsk").adm1_code.startswith("BO")
    houston = gazetteer.lookup("Houston")
    assert (houston.geo_type, houston.adm1_code) == (GEO_US_CITY, "USTX")
    assert houston.fullname == "Houston, Texas, United States"
    assert gazetteer.lookup("Pékin").fullname == "Beijing, China"


def test_regions_and_us_states(gazetteer):
    crimea = gazetteer.lookup("Crimée")
    assert (crimea.geo_type, crimea.country_code) == (GEO_WORLD_STATE, "UP")
    texas = gazetteer.lookup("Texas")
    assert (texas.geo_type, texas.adm1_code, texas.country_code) == (GEO_US_STATE, "USTX", "US")
    assert gazetteer.lookup("Floride").adm1_code == "USFL"
    assert gazetteer.lookup("Géorgie").geo_type == GEO_COUNTRY  # the country, not the state


@pytest.mark.parametrize("word", ["la", "le", "Le", "les", "de", "des", "en", "au", "est", "nord", "union", "EAU",
                                  "Selon", "Seul", "Lundi", "Golfe", "Salon", "Tour"])
def test_french_function_words_are_never_places(gazetteer, word):
    assert gazetteer.lookup(word) is None


def test_cache_round_trip_gives_the_same_answers(tmp_path, monkeypatch):
    from events.places import Gazetteer

    monkeypatch.setenv("EVENTS_CACHE_DIR", str(tmp_path))
    built = Gazetteer()
    assert list(tmp_path.glob("gazetteer-*.marshal"))
    cached = Gazetteer()
    for name, context in [("Tripoli", {"LB"}), ("Vienne", set()), ("Texas", set()), ("Chine", set())]:
        assert built.lookup(name, context_countries=context) == cached.lookup(name, context_countries=context)


def test_unwritable_or_broken_cache_falls_back_to_building(tmp_path, monkeypatch):
    from events import places

    monkeypatch.setenv("EVENTS_CACHE_DIR", str(tmp_path))
    path = places._cache_file(15000)
    path.write_bytes(b"not a marshal file")
    assert places.Gazetteer().lookup("Pékin").feature_id == "1816670"


def test_places_benchmark_reaches_its_targets():
    from events.places_bench import TARGET_AMBIGUOUS, TARGET_CAPITALS, run_places_benchmark

    report = run_places_benchmark()
    assert report["capitals"] >= 193 and report["ambiguous"] >= 20
    assert report["capitals_accuracy"] >= TARGET_CAPITALS, report["failures"]
    assert report["ambiguous_accuracy"] >= TARGET_AMBIGUOUS, report["failures"]
    assert report["lookups_per_second"] >= 50_000
    assert report["gazetteer_mb"] < 300
    if "news_skipped" not in report:  # the targets on real news (WiNER-fr), both splits together
        from events.places_bench import TARGET_NEWS_CITY_ID, TARGET_NEWS_COUNTRY, TARGET_NEWS_REGION_ID

        assert report["news_all_country_accuracy"] >= TARGET_NEWS_COUNTRY
        assert report["news_city_geonames_accuracy"] >= TARGET_NEWS_CITY_ID
        assert report["news_regions_geonames_accuracy"] >= TARGET_NEWS_REGION_ID


# --- names as written, divisions, small towns, qualifiers, bad input, the real-news benchmark ----------------

@pytest.mark.parametrize(("name", "geonames_id"), [
    ("le Mali", "2453866"), ("l'Égypte", "357994"), ("les Pays-Bas", "2750405"), ("le Texas", "4736286"),
    ("la Floride", "4155751"), ("Dordogne", "3021042"), ("Lombardie", "3174618"), ("Andalousie", "2593109"),
    ("Saône-et-Loire", "2976082"), ("Moissac", "2993586"), ("Feyzin", "3018544"), ("Hirson", "3013258"),
    ("Bormes-les-Mimosas", "3031532"), ("la province de Kandahar", "1138335"), ("Kandahar", "1138336"),
    ("Donetsk", "709717"), ("oblast de Donetsk", "709716"), ("Paris", "2988507"), ("Bavière", "2951839"),
    ("Moissac (Tarn-et-Garonne)", "2993586"), ("Londres (Ontario)", "6058560"), ("Valence (Drôme)", "2971053"),
    ("Paris, Texas", "4717560"), ("RDC", "203312"),
])
def test_names_as_news_writes_them(gazetteer, name, geonames_id):
    assert gazetteer.lookup(name).feature_id == geonames_id


def test_divisions_have_gdelt_fields(gazetteer):
    dordogne = gazetteer.lookup("Dordogne")
    assert (dordogne.kind, dordogne.adm1_code, dordogne.country_code) == ("adm2", "FR75", "FR")
    assert gazetteer.lookup("Moissac").fullname == "Moissac, Occitanie, France"
    assert gazetteer.lookup("Moissac").adm1_code == "FR76"


def test_normalizer_and_bad_input():
    from events.places import geocode_row, load_gazetteer, normalize_place_name

    written = normalize_place_name("Moissac (Tarn-et-Garonne)")
    assert written.keys[0] == "moissac" and written.qualifier == "Tarn-et-Garonne"
    assert normalize_place_name("la province de Kandahar").hint == "admin"
    gazetteer = load_gazetteer()
    assert geocode_row(gazetteer, "")["error"] == "empty name"
    assert "too long" in geocode_row(gazetteer, "x" * 10_000)["error"]
    assert "control character" in geocode_row(gazetteer, "Pa\x00ris")["error"]
    assert geocode_row(gazetteer, 42)["error"] == "name must be text"
    assert gazetteer.lookup("") is None and gazetteer.lookup("x" * 10_000) is None
    row = geocode_row(gazetteer, "Vienne", "Un accident à Châtellerault (Vienne), hier.")
    assert row["geonames_id"] == "2969280"


def test_news_benchmark_reads_the_corpus_or_skips(monkeypatch, tmp_path):
    from events import places_bench

    monkeypatch.setattr(places_bench, "winer_dir", lambda: None)
    assert "news_skipped" in places_bench.run_news_benchmark()
    assert len(places_bench.load_news_cases()) >= 500


# --- French forms of divisions, spellings, short and long town names, events geocode's fallbacks --------------

def test_compass_divisions_have_french_forms(gazetteer):
    from events.places import compass_names_fr

    assert compass_names_fr("South Kalimantan")[:2] == ["Kalimantan du Sud", "Kalimantan méridional"]
    assert compass_names_fr("Central Java") == ["Java du Centre", "Java central", "Java centrale"]
    assert compass_names_fr("Northern Province") == [] and compass_names_fr("Kalimantan") == []
    assert gazetteer.lookup("Kalimantan du Sud").feature_id == "1641899"
    assert gazetteer.lookup("Java oriental").feature_id == "1642668"


def test_short_and_long_names_of_towns(gazetteer):
    assert gazetteer.lookup("Rio").feature_id == "3451190"  # GeoNames gives "Rio" as Rio de Janeiro's short name
    assert gazetteer.lookup("Clermont").feature_id == "3024635"
    assert gazetteer.lookup("Valence-d'Agen").feature_id == "2971054"  # small town, longer usual name


def test_pendjab_follows_the_country_named(gazetteer):
    assert gazetteer.lookup("Pendjab", context_countries={"PK"}).feature_id == "1167710"
    assert gazetteer.lookup("Pendjab", context_countries={"IN"}).feature_id == "1259223"


def test_spelling_key_merges_transliterations():
    from events.places import spelling_key

    assert spelling_key("racca") == spelling_key("ar raqqah") == spelling_key("raqqa")
    assert spelling_key("mossoul") == spelling_key("mosul")
    assert spelling_key("hawija") == spelling_key("al hawijah")
    assert spelling_key("paris") != spelling_key("parme")


def test_variants_only_when_asked(gazetteer):
    assert gazetteer.lookup("Racca") is None  # the pipeline never guesses a spelling
    assert gazetteer.lookup("Racca", context_countries={"SY"}, variants=True).feature_id == "172955"
    assert gazetteer.lookup("Nord") is None and gazetteer.lookup("Cher") is None
    assert gazetteer.lookup("Nord", context_countries={"FR", "FR-32"}, variants=True).feature_id == "2990129"


@pytest.mark.parametrize(("name", "context", "geonames_id", "country", "match"), [
    # the article the context writes before the name belongs to it
    ("Thuile", "Les skieurs se retrouvent chaque hiver à la station de la Thuile.", "3175062", "IT", "name"),
    ("Turbie", "Un bouchon s'est formé au péage de La Turbie.", "3006089", "FR", "name"),
    # "le Panama" is the country, not its province
    ("Panama", "L'équipe joue ce soir contre le Panama.", "3703430", "PA", "name"),
    # a spelling of its own, with its country named
    ("Racca", "L'armée syrienne avance vers Racca depuis l'ouest.", "172955", "SY", "variant"),
    # unknown names: the area the context names nearest
    ("Zzyzxville", "Un incendie a détruit une grange à Zzyzxville (Savoie) dans la nuit.", "2975517", "FR",
     "context"),
    ("Zzyzxville", "Le maire de Zzyzxville (2B) a démissionné.", "3013793", "FR", "context"),
    ("Zzyzxville", "Des combats ont eu lieu près de Zzyzxville, dans le nord de la Syrie.", "163843", "SY",
     "context"),
    ("Zzyzxville chilienne", "Il vivait en Zzyzxville chilienne depuis vingt ans.", "3895114", "CL", "context"),
])
def test_geocode_rows_of_news_mentions(gazetteer, name, context, geonames_id, country, match):
    from events.places import geocode_row

    row = geocode_row(gazetteer, name, context)
    assert (row["geonames_id"], row["country_iso2"], row["match"]) == (geonames_id, country, match)


def test_geocode_row_without_context_or_answer(gazetteer):
    from events.places import geocode_row

    assert geocode_row(gazetteer, "Zzyzxville")["match"] is None
    assert geocode_row(gazetteer, "Pékin")["match"] == "name"
    assert geocode_row(gazetteer, "Nord", "Alerte orange dans le Pas-de-Calais, la Somme et le Nord.")[
        "geonames_id"] == "2990129"


def test_a_determiner_is_dropped_only_as_a_word(gazetteer):
    """« le Mali » is Mali, but « LaLiga » (the Spanish football league) is no « Liga » (Riga's alternate name)."""
    from events.places import normalize_place_name

    assert normalize_place_name("le Mali").keys == ("le mali", "mali")
    assert normalize_place_name("LaLiga").keys == ("laliga",)
    assert gazetteer.lookup("LaLiga") is None
