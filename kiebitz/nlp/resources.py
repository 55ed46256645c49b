"""Data tables of the language pipelines, read once from `kiebitz/data/`."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data"


def _rows(path: Path, quoting: int = csv.QUOTE_MINIMAL) -> list[list[str]]:
    """Rows of a TSV file, skipping comments and blank lines."""
    with path.open(encoding="utf-8") as fh:
        return [row for row in csv.reader(fh, delimiter="\t", quoting=quoting) if row and not row[0].startswith("#")]


@cache
def stts_to_upos() -> dict[str, str]:
    """Default STTS -> UPOS mapping."""
    return {tag: upos for tag, upos in _rows(DATA / "nlp" / "stts_upos.tsv")}


@cache
def upos_by_tag() -> tuple[dict[str, dict[str, int]], dict[tuple[str, str], tuple[str, int, int]]]:
    """GSD's (STTS tag -> UPOS -> count) and (tag, lower-case word) -> (commonest UPOS, its count, the word's
    tokens under the tag) (`stts_upos_gsd.tsv`, built by ``python -m kiebitz.nlp.train upos-table``)."""
    pairs: dict[str, dict[str, int]] = {}
    words: dict[tuple[str, str], tuple[str, int, int]] = {}
    for tag, word, upos, count, total, *_source in _rows(DATA / "nlp" / "stts_upos_gsd.tsv", csv.QUOTE_NONE):  # words may be quotes
        if word == "*":
            pairs.setdefault(tag, {})[upos] = int(count)
        else:
            words[(tag, word)] = (upos, int(count), int(total))
    return pairs, words


@cache
def konjunktiv2() -> dict[str, tuple[str, str, str]]:
    """Konjunktiv II forms that differ from the indicative: form -> (lemma, person, number)."""
    return {form: (lemma, person, number) for form, lemma, person, number in _rows(DATA / "nlp" / "konjunktiv2.tsv")}


@dataclass(frozen=True)
class Country:
    """A country with its names and adjective stems in German and English."""

    iso3: str
    names_de: tuple[str, ...]
    adjectives_de: tuple[str, ...]
    names_en: tuple[str, ...]
    adjectives_en: tuple[str, ...]


@cache
def countries() -> tuple[Country, ...]:
    """Countries from gazetteers/countries.tsv."""
    out = []
    for iso3, names_de, adj_de, names_en, adj_en in _rows(DATA / "gazetteers" / "countries.tsv"):
        out.append(Country(iso3, tuple(names_de.split("|")), tuple(adj_de.split("|")),
                           tuple(names_en.split("|")), tuple(adj_en.split("|"))))
    return tuple(out)


@cache
def places() -> tuple[tuple[str, str | None, str, str], ...]:
    """(name, iso3 or None, kind, language) rows from gazetteers/places.tsv."""
    return tuple((n, None if c == "-" else c, k, lang) for n, c, k, lang in _rows(DATA / "gazetteers" / "places.tsv"))


@cache
def institutions() -> tuple[tuple[str, str, str | None, str], ...]:
    """(name, label, iso3 or None, language) rows from gazetteers/institutions.tsv."""
    return tuple((n, lab, None if c == "-" else c, lang)
                 for n, lab, c, lang in _rows(DATA / "gazetteers" / "institutions.tsv"))
