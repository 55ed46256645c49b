"""German lemmas: distilled HanTa table, ending rules for unseen words, HanTa only for unseen verbs."""

from __future__ import annotations

from kiebitz.nlp import lemmas
from kiebitz.nlp.lemmas import distilled_table, lemmatize, rule_lemma


def test_distilled_table_ships_identity_forms() -> None:
    table = distilled_table()
    assert len(table) > 30_000
    assert table.get("Jahr\tNN") == "Jahr"  # identity forms are stored, so they never reach HanTa


def test_ending_rules_for_unseen_nouns_and_adjectives() -> None:
    assert rule_lemma("Kiebitzverhandlungen", "NN") == "Kiebitzverhandlung"
    assert rule_lemma("Kiebitzsprechern", "NN") == "Kiebitzsprecher"
    assert rule_lemma("kiebitzartigen", "ADJA") == "kiebitzartig"


def test_participles_lose_their_ge() -> None:
    assert rule_lemma("eingedrückt", "VVPP") == "eindrücken"
    assert rule_lemma("zurückgefordert", "VVPP") == "zurückfordern"


def test_unseen_verbs_ask_hanta(monkeypatch) -> None:
    calls = []

    def fake(form: str, tag: str) -> str:
        calls.append((form, tag))
        return "streifen"

    monkeypatch.setattr(lemmas, "hanta_lemma", fake)
    assert lemmatize("zerstreiftete", "VVFIN") == "streifen"  # a verb: HanTa, never the ending rule
    assert lemmatize("Kiebitzverhandlungen", "NN") == "Kiebitzverhandlung" and len(calls) == 1


def test_names_and_numbers_keep_their_spelling() -> None:
    assert lemmatize("NATO", "NN") == "NATO" and lemmatize("Rjabkows", "NE") == "Rjabkows"
