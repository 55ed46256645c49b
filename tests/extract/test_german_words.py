"""German word senses (kiebitz/extract/german_words.py): the verb table they rest on."""

from __future__ import annotations

from kiebitz.extract.german_words import verb_lemmas


def test_particle_verbs_are_known_and_predicatives_are_not() -> None:
    # "stellt … bereit" joins to a verb; "erklärte sich bereit" has no verb "bereiterklären" and stays AGREE
    assert {"bereitstellen", "festhalten", "freilassen"} <= verb_lemmas()
    assert "bereiterklären" not in verb_lemmas()
