"""Discourse arguments (kiebitz/extract/discourse.py) on small hand-made articles."""

from __future__ import annotations

from kiebitz.extract.discourse import response_nouns
from kiebitz.model import Article, Event
from tests.extract.helpers import analyse_text, codes


def _rejection(article: Article) -> Event:
    found = [e for e in article.events if e.type == "REJECT"]
    assert len(found) == 1, [(e.type, e.trigger) for e in article.events]
    return found[0]


def test_rejected_accusations_are_aimed_at_the_accuser() -> None:
    art = analyse_text("Die Regierung in Tiflis warf Moskau am Montag Spionage vor. Ein Sprecher des Ministeriums "
                       "sagte, man prüfe weitere Schritte. Der Kreml wies die Vorwürfe zurück.", "de")
    assert codes(art, _rejection(art).recipient) == {"GEO"}


def test_a_rejected_demand_is_aimed_at_who_made_it() -> None:
    art = analyse_text("Der dänische Regierungschef forderte Norwegen auf, die Fangquoten zu senken. "
                       "Die Regierung in Oslo lehnte dies ab.", "de")
    assert codes(art, _rejection(art).recipient) == {"DNK"}
    art = analyse_text("Mexico urged the United States to lift the tariffs. Washington rejected the demand.", "en")
    assert codes(art, _rejection(art).recipient) == {"MEX"}


def test_a_rejection_without_a_response_noun_keeps_no_target() -> None:
    art = analyse_text("Die Regierung in Tiflis warf Moskau Spionage vor. Der Kreml lehnte eine Stellungnahme ab.", "de")
    assert _rejection(art).recipient == ()


def test_response_nouns_are_read_per_language() -> None:
    assert "ACCUSE" in response_nouns("de")["Vorwürfe"] and "REQUEST" in response_nouns("en")["demands"]
