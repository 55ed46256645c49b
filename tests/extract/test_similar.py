"""Lexical generalisation: verbs no trigger pattern knows, coded by similarity to the lexicon."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest

from kiebitz.extract import similar
from kiebitz.model import Article
from tests.extract.helpers import analyse_text


@pytest.fixture(scope="session")
def analyse() -> Callable[[str], Article]:
    return lambda text: analyse_text(text, "en")


def test_shipped_vectors_match_the_lexicon() -> None:
    # Edit triggers_en.tsv -> rebuild with `python -m kiebitz.extract.similar en` (make models).
    data = np.load(similar._path("en"))
    assert str(data["hash"]) == similar._lexicon_hash("en")
    assert data["vectors"].shape == (len(similar.lexicon_phrases("en")), 512)
    table = similar._verb_table("en")  # empty when stale
    assert len(table) > 5000 and table["incarcerate"] is not None and table["say"] is not None


def test_table_and_encoder_agree() -> None:
    for verb in ("incarcerate", "thwart", "annex"):
        assert similar.nearest(verb, "en") == pytest.approx(
            similar._vote(similar._sims(similar._embed(verb), verb, "en"), "en"), abs=0.01)


def test_lexicon_phrases_join_pattern_parts() -> None:
    phrases = {p for p, _ in similar.lexicon_phrases("en")}
    assert "imprisoned" in phrases and "withdraw" in phrases
    assert not any("*" in p for p in phrases)


def test_unknown_verb_is_coded_by_its_nearest_lexicon_verb(analyse) -> None:
    art = analyse("Vietnam incarcerated three Chinese fishermen.")
    [ev] = [e for e in art.events if e.trigger == "incarcerated"]
    assert ev.type == "COERCE"
    assert ev.confidence < 0.5  # a guess ranks below a pattern


def test_pattern_events_take_precedence(analyse) -> None:
    art = analyse("Poland rebuked Germany.")
    assert [(e.type, e.trigger) for e in art.events] == [("ACCUSE", "rebuked")]
    assert art.events[0].confidence >= 0.6


def test_speech_and_light_verbs_are_no_events(analyse) -> None:
    art = analyse("The French minister said that the weather was fine.")
    assert art.events == ()


def test_german_vectors_and_verb_table_match_the_lexicon() -> None:
    data = np.load(similar._path("de"))
    assert str(data["hash"]) == similar._lexicon_hash("de")
    table = similar._verb_table("de")  # empty when stale: rebuild with `python -m kiebitz.extract.similar de`
    assert len(table) > 2000
    assert ("zustimmen", 0) in similar.lexicon_phrases("de")  # German phrases are lemmas ("zugestimmt")


def test_german_unknown_verb_is_coded_from_the_table_only() -> None:
    art = analyse_text("Israelische Truppen riegelten am Montag die Stadt Dschenin ab.", "de")
    assert [e.type for e in art.events] == ["COERCE"]
    assert art.events[0].confidence < 0.5  # a similarity guess ranks below any pattern
    art = analyse_text("Polen sagte am Montag, es erhalte einen Brief.", "de")
    assert art.events == ()
    # A verb outside the table is not embedded at run time in German (speed): no guess.
    assert similar.nearest("zzquatschen", "de") is None


@pytest.mark.parametrize("text", [
    "Ford cut 3,000 jobs in Germany on Monday, the company said.",
    "The European Central Bank raised rates again.",
    "Toyota raised prices in Japan by 5 percent.",
    "The German government lowered taxes.",
    "France hiked fuel taxes.",
    "3,000 jobs were cut by Ford.",
    "Toyota raised prices.",
    "The Bundesbank slashed its growth forecast for Germany.",
])
def test_economic_acts_are_no_events(analyse, text: str) -> None:
    # "cut" lies next to an attack, "raised" next to support: the object, an economic quantity, says otherwise.
    assert analyse(text).events == ()


@pytest.mark.parametrize("text", [
    "Die Europäische Zentralbank senkte am Donnerstag die Zinsen.",
    "Siemens strich 500 Stellen in Bayern.",
    "BMW baute 2000 Arbeitsplätze in Bayern ab.",
    "Die Regierung baute die Leitzinsen um 0,5 Prozentpunkte ab.",
])
def test_german_economic_acts_are_no_events(text: str) -> None:
    assert analyse_text(text, "de").events == ()


def test_economic_words_leave_political_objects_out() -> None:
    assert similar._economic_words("de")[1] and "zins" in similar._economic_words("de")[1]
    assert "jobs" in similar._economic_words("en")[0] and "troops" not in similar._economic_words("en")[0]
    # Political objects that share the verbs stay out of the list ("cut aid", "Grenze", "Einsatz").
    words, heads = similar._economic_words("de")
    assert not any("truppeneinsatz".endswith(h) or "staatsgrenze".endswith(h) or "granate".endswith(h) for h in heads)


def test_unseen_verb_with_a_political_object_still_codes(analyse) -> None:
    # "pummeled" is in no pattern; its object is a place, not a quantity.
    art = analyse("Russian jets pummeled the Syrian city of Idlib.")
    assert [e.type for e in art.events if e.trigger == "pummeled"] == ["ASSAULT"]
    assert art.events[0].confidence < 0.5


def test_german_unseen_verb_with_a_political_object_still_codes() -> None:
    art = analyse_text("Die Polizei misshandelte in Bernau mehrere Vietnamesen.", "de")
    assert [e.type for e in art.events] == ["ASSAULT"]
    assert art.events[0].confidence < 0.5


def test_a_guess_needs_a_political_argument(analyse) -> None:
    # "provides" lies next to an offer (AGREE), but a reviewer's praise of a masseur is no interaction between
    # political actors: a similarity guess without a state, body or coded group among its arguments is dropped.
    assert analyse("Harlan provides great service.").events == ()


def test_german_guess_needs_a_political_argument() -> None:
    # "abbauen" -> RETREAT by similarity; a private person clearing a shed is no political act.
    assert analyse_text("Peter Müller baute am Montag den Schuppen ab.", "de").events == ()
