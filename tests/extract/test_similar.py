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
