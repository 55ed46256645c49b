"""German lemmas: distilled HanTa table, ending rules for unseen words, HanTa's answer only for unseen verbs."""

from __future__ import annotations

import pytest

from kiebitz.nlp import lemmas
from kiebitz.nlp.german import hanta
from kiebitz.nlp.lemmas import (
    _answer,
    distilled_table,
    fast_lemma,
    fast_tagger,
    hanta_lemma,
    lemmatize,
    rule_lemma,
)

# Made-up and rare forms (unseen by every table): the fast path must answer exactly as HanTa does.
UNSEEN = ["zerstreiftete", "kiebitzte", "angekiebitzt", "umgekiebitzt", "wegzukiebitzen", "durchgeklickt",
          "launcht", "gepostet", "Weitersurfen", "untestiert", "zusammengestoßen", "müsst", "Doha", "a", "ab",
          "Kiebitzverhandlungen", "hinterherzutelefonieren", "überkiebitzt", "geupdatet", "downgeloadet"]


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

    monkeypatch.setattr(lemmas, "fast_lemma", fake)
    assert lemmatize("zerstreiftete", "VVFIN") == "streifen"  # a verb: HanTa, never the ending rule
    assert lemmatize("Kiebitzverhandlungen", "NN") == "Kiebitzverhandlung" and len(calls) == 1


def test_names_and_numbers_keep_their_spelling() -> None:
    assert lemmatize("NATO", "NN") == "NATO" and lemmatize("Rjabkows", "NE") == "Rjabkows"


@pytest.mark.parametrize("tag", ["VVFIN", "VVPP", "VVINF", "NN", "ADJA", "VV(FIN)", "ART"])
def test_fast_tagger_answers_as_hanta(tag: str) -> None:
    for form in UNSEEN:
        assert _answer(fast_tagger(), form, tag) == hanta_lemma(form, tag), form


def test_fast_tagger_scores_are_hantas_to_the_bit() -> None:
    slow, fast = hanta(), fast_tagger()
    for form in UNSEEN:
        word = form.lower()
        assert fast.analyze_forward(word) == slow.analyze_forward(word)
        tag = fast.analyze_forward(word)[0][0]
        assert fast.analyze_viterbi(word, -tag) == slow.analyze_viterbi(word, -tag)


def test_fast_tagger_reproduces_the_distilled_table() -> None:
    items = sorted(distilled_table().items())[::97]  # ~600 of HanTa's own answers, every tag
    assert len(items) > 500
    wrong = [(key, lemma) for key, lemma in items if _answer(fast_tagger(), *key.split("\t")) != lemma]
    assert not wrong


def test_verb_forms_reuse_answers_under_tags_hanta_ignores(monkeypatch) -> None:
    table = distilled_table()
    forms = [key.split("\t")[0] for key in sorted(table) if key.endswith("\tADJA")]
    forms = [f for f in forms if f"{f}\tVVFIN" not in table][:20]
    expected = {form: table[f"{form}\tADJA"] for form in forms}
    monkeypatch.setattr(lemmas, "fast_tagger", lambda: pytest.fail("the distilled answer was not used"))
    fast_lemma.cache_clear()
    try:
        assert {form: fast_lemma(form, "VVFIN") for form in forms} == expected
    finally:
        fast_lemma.cache_clear()
    assert {form: hanta_lemma(form, "VVFIN") for form in forms[:5]} == {f: expected[f] for f in forms[:5]}


def _verb_rows() -> list[tuple[str, str]]:
    """(form, lemma) rows of the shipped verb table."""
    import gzip

    with gzip.open(lemmas.VERBS, "rt", encoding="utf-8") as fh:
        return [(form, lemma or form) for form, lemma in (line.rstrip("\n").split("\t") for line in fh)]


def test_verb_table_holds_hantas_answers() -> None:
    rows = _verb_rows()
    assert len(rows) > 100_000
    sample = rows[::401]
    assert {form: hanta_lemma(form, "VVPP") for form, _ in sample} == dict(sample)


def test_generated_verb_forms_never_reach_the_tagger(monkeypatch) -> None:
    rows = dict(_verb_rows())
    forms = ["gesagt", "sagte", "angesagt", "einzureichen", "eingereicht"]
    assert all(form in rows or form in lemmas._untagged() for form in forms)
    monkeypatch.setattr(lemmas, "fast_tagger", lambda: pytest.fail("the verb table was not used"))
    fast_lemma.cache_clear()
    try:
        assert [fast_lemma(form, "VVFIN") for form in forms] == [hanta_lemma(form, "VVFIN") for form in forms]
        assert fast_lemma("angesagt", "VVFIN") == "ansagen"
    finally:
        fast_lemma.cache_clear()
