"""Actor names in the article's language; the canonical name keeps one identity across languages."""

from __future__ import annotations

import re

from kiebitz.extract.actor_tables import _rows, canonical_of, lexicon, named
from kiebitz.extract.actors import actors
from kiebitz.model import Article

EN = ("The World Bank said on Monday it would cut loans. The US State Department and the police in Berlin "
      "declined to comment. The European Central Bank raised rates. The United Nations urged calm, "
      "while protesters and Kurds gathered outside.")
DE = ("Die Weltbank kündigte am Montag an, Kredite zu kürzen. Das US-Außenministerium und die Polizei in Berlin "
      "wollten sich nicht äußern. Die Europäische Zentralbank erhöhte die Zinsen. Die Vereinten Nationen riefen "
      "zur Ruhe auf, während Demonstranten und Kurden sich versammelten.")


def _names(text: str, lang: str) -> dict[str, str | None]:
    art = actors(Article(id="t", text=text, language=lang))
    return {a.name: a.canonical for a in art.actors}


def test_english_article_names_institutions_in_english() -> None:
    names = _names(EN, "en")
    assert names["World Bank"] == "Weltbank"
    assert names["US State Department"] == "US-Außenministerium"
    assert names["police"] == "Polizei"
    assert names["European Central Bank"] == "EZB"
    assert names["United Nations"] == "UN"
    assert names["protesters"] == "Demonstranten" and names["Kurds"] == "Kurden"
    assert names["Germany"] is None  # states were always named in the article's language
    assert not {"Weltbank", "US-Außenministerium", "Polizei", "EZB", "UN"} & set(names)


def test_german_article_keeps_german_names_without_canonical() -> None:
    names = _names(DE, "de")
    for name in ("Weltbank", "US-Außenministerium", "Polizei", "EZB", "UN", "Demonstranten", "Kurden"):
        assert name in names and names[name] is None, name


def test_canonical_is_the_other_languages_identity() -> None:
    en = {a.canonical or a.name for a in actors(Article(id="e", text=EN, language="en")).actors}
    de = {a.canonical or a.name for a in actors(Article(id="d", text=DE, language="de")).actors}
    assert en - {"Germany"} == de - {"Deutschland"}
    assert named("Weltbank", "en") == ("World Bank", "Weltbank")
    assert named("World Bank", "en") == ("World Bank", "Weltbank")
    assert named("Weltbank", "de") == ("Weltbank", None)
    assert named("NATO", "en") == ("NATO", None)  # no row: the canonical is the name in every language
    assert canonical_of("World Bank") == "Weltbank" and canonical_of("Weltbank") is None


def test_english_table_names_are_english() -> None:
    # Every institution, group and people an English article can name gets an English (or language-neutral)
    # name: no German spelling, no German compound such as "EU-Kommission".
    german = re.compile(r"[äöüß]|-(?:Kommission|Kongress|Senat|Staaten)$|\b(?:Polizei|Liga|Bank der)\b")
    bad = sorted({info.name for info in lexicon("en").values() if info.kind != "state" and german.search(info.name)})
    assert bad == []


def test_names_table_points_at_known_canonicals() -> None:
    known = {r[2] for r in _rows("institutions.tsv")} | {r[2] for r in _rows("groups.tsv")}
    known |= {r[2] for r in _rows("people.tsv")} | {r[0] for r in _rows("ethnic_groups.tsv")}
    rows = _rows("names.tsv")
    assert all(len(r) == 3 and r[1] in ("de", "en") for r in rows)
    assert [r[0] for r in rows if r[0] not in known] == []
    # One display name per canonical and language, and no display name shared by two canonicals.
    assert len({(r[0], r[1]) for r in rows}) == len(rows)
    assert len({(r[1], r[2]) for r in rows}) == len(rows)
