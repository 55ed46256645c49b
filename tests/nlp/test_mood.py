"""German mood: Konjunktiv I/II recognised, indicative-identical forms not."""

from __future__ import annotations

import pytest


def mood(nlp, text: str, word: str) -> list[str]:
    doc = nlp(text)
    tok = next(t for t in doc if t.text == word)
    return tok.morph.get("Mood")


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Verhandlungen seien unmöglich, sagte der Minister.", "seien"),
        ("Das Land werde nicht zustimmen, sagte ein Diplomat.", "werde"),
        ("Der Diplomat sagte, die Regierung habe einen Brief erhalten.", "habe"),
        ("Er sagte, man solle aufhören.", "solle"),
        ("Die Ministerin betonte, das Land sei offen für Gespräche.", "sei"),
        ("Er fügte hinzu, dass die Regierung noch darüber nachdenke.", "nachdenke"),
        ("Sie sagte, man könne nichts tun.", "könne"),
        ("Er meinte, es gebe keine Alternative.", "gebe"),
        ("Die Partei erklärte, sie müsse handeln.", "müsse"),
        ("Die Bank erklärte, sie wolle wachsen.", "wolle"),
        ("Der Präsident sagte, die Truppen würden bleiben.", "würden"),
        ("Er sagte, das wäre ein Fehler.", "wäre"),
    ],
)
def test_konjunktiv(de, text: str, word: str) -> None:
    assert mood(de, text, word) == ["Sub"]


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("„Ich glaube nicht, dass das stimmt“, sagte er.", "glaube"),
        ("Ich habe das nicht gesagt.", "habe"),
        ("Das habe ich nicht gesagt.", "habe"),
        ("Die Regierung sagte am Montag nichts.", "sagte"),
        ("Sie haben einen Brief erhalten.", "haben"),
        ("Der Minister ist in Berlin.", "ist"),
    ],
)
def test_indicative(de, text: str, word: str) -> None:
    assert mood(de, text, word) == ["Ind"]


def test_lemmas_and_tags(de) -> None:
    doc = de("Die Gespräche wurden ausgesetzt.")
    assert [t.lemma_ for t in doc][:2] == ["der", "Gespräch"]
    assert doc[1].pos_ == "NOUN"
    assert doc[3].morph.get("VerbForm") == ["Part"]
