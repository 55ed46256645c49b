"""Offline geocoding of countries and cities, German and English names."""

from __future__ import annotations

from kiebitz.extract.places import find_places, geocode


def test_countries_in_german_and_english() -> None:
    assert geocode("Deutschland").country == "DEU"
    assert geocode("Ukraine").country == "UKR"
    assert geocode("Russlands").country == "RUS"  # genitive
    assert geocode("United States").country == "USA"


def test_cities_with_exonyms_and_coordinates() -> None:
    kyiv = geocode("Kiew")
    assert kyiv is not None and kyiv.country == "UKR" and kyiv.lat is not None
    assert 50 < kyiv.lat < 51 and 30 < kyiv.lon < 31
    assert geocode("Moskau").country == "RUS"
    assert geocode("München").country == "DEU"


def test_unknown_name() -> None:
    assert geocode("Schmalzbrotdorf") is None


def test_find_places_after_locative_preposition() -> None:
    text = "Moskau startete seine Militäroperation in der Ukraine."
    [loc] = find_places(text, "de")
    assert loc.country == "UKR" and text[loc.start : loc.end] == "Ukraine"


def test_only_places_with_a_preposition() -> None:
    # "Kiew" as the object of a verb is an actor, not where something happened.
    assert find_places("Washington versorgt Kiew mit Waffen.", "de") == []
    [loc] = find_places("Protests erupted in Paris on Sunday.", "en")
    assert loc.country == "FRA"


def test_country_adjective_is_no_place() -> None:
    # "Thai" is also an alternate name of a Malaysian city; after a preposition it is an adjective.
    assert find_places("Troops captured a stronghold on the Thai border.", "en") == []


def test_a_citys_own_name_beats_another_citys_alternate_name() -> None:
    from kiebitz.extract.places import geocode

    assert geocode("Islamabad").country == "PAK"  # also an old name of Chattogram (BGD), a bigger city
    assert geocode("Kiew").country == "UKR" and geocode("Moskau").country == "RUS"  # exonyms still work
