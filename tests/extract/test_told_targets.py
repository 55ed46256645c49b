"""Targets from the story told before (kiebitz/extract/told_targets.py): hand-made cases."""

from __future__ import annotations

from kiebitz.model import Article, Event
from tests.extract.helpers import analyse_text, codes


def _one(article: Article, type_: str) -> Event:
    found = [e for e in article.events if e.type == type_]
    assert len(found) == 1, [(e.type, e.trigger) for e in article.events]
    return found[0]


def test_a_reaction_to_a_definite_event_noun_targets_its_actor() -> None:
    art = analyse_text("The Lithuanian parliament voted on Monday to ban imports from Belarus. Minsk condemned "
                       "the decision.", "en")
    assert codes(art, _one(art, "ACCUSE").recipient) == {"LTU"}


def test_the_antecedent_is_by_another_country_and_happened() -> None:
    art = analyse_text("Chile imposed sanctions on Peru on Monday. Peru said it would retaliate against Chile. "
                       "Argentina welcomed the sanctions.", "en")
    assert codes(art, _one(art, "SUPPORT").recipient) == {"CHL"}


def test_a_reaction_to_an_indefinite_noun_gets_no_antecedent() -> None:
    art = analyse_text("Chile imposed sanctions on Peru on Monday. Argentina condemned violence.", "en")
    assert _one(art, "ACCUSE").recipient == ()


def test_aid_without_a_receiver_goes_to_the_country_of_the_sentence_before() -> None:
    art = analyse_text("A cyclone destroyed thousands of homes in Mozambique last week. Portugal sent two planes "
                       "carrying tents and medicine.", "en")
    assert codes(art, _one(art, "AID").recipient) == {"MOZ"}
    art = analyse_text("Portugal sent two planes carrying tents and medicine.", "en")
    assert _one(art, "AID").recipient == ()


def test_calling_a_told_event_hostile_accuses_its_actor() -> None:
    art = analyse_text("Estonia expelled two Russian diplomats on Monday. The Kremlin called the expulsions a "
                       "hostile step.", "en")
    ev = _one(art, "ACCUSE")
    assert codes(art, ev.actor) == {"RUS"} and codes(art, ev.recipient) == {"EST"}
