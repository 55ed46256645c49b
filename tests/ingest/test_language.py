"""Language identification on short and long German and English texts."""

from __future__ import annotations

import pytest

from kiebitz.ingest.language import detect, language
from kiebitz.model import Article

GERMAN = [
    "Der Minister sagte am Montag",
    "Russland lehnt Zugeständnisse ab",
    "Kiew fordert mehr Waffen",
    "Proteste in Paris",
    "Nato warnt vor Eskalation",
    "Scholz trifft Macron in Berlin",
    "Regierung kündigt neue Hilfe an",
    "Gespräche mit den USA unwahrscheinlich",
]
ENGLISH = [
    "The minister said on Monday",
    "Talks with Moscow unlikely",
    "Police arrest protesters",
    "Protests in Paris",
    "Rebels attack convoy near border",
    "Nato warns of escalation",
    "Scholz meets Macron",
    "Sanctions against Russia",
]


@pytest.mark.parametrize("text", GERMAN)
def test_short_german(text: str) -> None:
    assert detect(text)[0] == "de"


@pytest.mark.parametrize("text", ENGLISH)
def test_short_english(text: str) -> None:
    assert detect(text)[0] == "en"


def test_other_languages_returned_as_is() -> None:
    assert detect("Le président a déclaré que le gouvernement ne reculerait pas.")[0] == "fr"
    assert detect("El gobierno dijo que no habrá negociaciones con los rebeldes.")[0] == "es"


def test_confidence_range_and_empty() -> None:
    lang, conf = detect("Die Bundesregierung hat am Mittwoch neue Sanktionen gegen Russland beschlossen.")
    assert lang == "de" and 0.9 <= conf <= 1.0
    assert detect("12345 !!! ---") == (None, 0.0)


def test_component_respects_given_language() -> None:
    article = Article(id="x", text="The minister said on Monday that talks had failed.", language="de")
    assert language(article).language == "de"
    assert language(article.replace(language=None)).language == "en"
