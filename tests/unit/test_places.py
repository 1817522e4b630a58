import pytest

from events.places import GEO_COUNTRY, GEO_US_CITY, GEO_WORLD_CITY, load_gazetteer


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
