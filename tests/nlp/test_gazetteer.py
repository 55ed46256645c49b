"""Gazetteer: names, genitives, compound parts, country adjectives."""

from __future__ import annotations

import spacy

from kiebitz.nlp.gazetteer import adjective_table, compound_parts, name_table


def test_names_and_genitives() -> None:
    table = name_table("de")
    assert table["Moskau"] == ("LOC", "RUS")
    assert table["Russlands"] == ("LOC", "RUS")
    assert table["Kreml"] == ("ORG", "RUS")
    assert table["NATO"][0] == "ORG"
    assert "USAs" not in table  # no genitive -s on acronyms
    assert name_table("en")["Moscow"] == ("LOC", "RUS")


def test_adjectives() -> None:
    de = adjective_table("de")
    assert de["russische"] == "RUS" and de["amerikanischen"] == "USA" and de["Ukrainische"] == "UKR"
    assert "Russland" not in de
    assert adjective_table("en")["Russian"] == "RUS"


def test_compound_parts() -> None:
    doc = spacy.blank("de")("Die NATO-Staaten und der US-Präsident trafen sich.")
    parts = [(doc.text[s:e], label) for s, e, label, _iso3 in compound_parts(doc, "de")]
    assert parts == [("NATO", "ORG"), ("US", "LOC")]


def test_derived_spans(de) -> None:
    doc = de("Der russische Außenminister traf den ukrainischen Präsidenten.")
    assert [(s.text, s.kb_id_) for s in doc.spans["derived"]] == [("russische", "RUS"), ("ukrainischen", "UKR")]
    assert doc[1]._.country == "RUS"
    assert not any(e.text == "russische" for e in doc.ents)
