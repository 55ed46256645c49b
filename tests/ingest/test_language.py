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


def test_evaluate_runs_on_a_small_data_folder(tmp_path, capsys) -> None:
    from kiebitz.ingest.evaluate import main

    (tmp_path / "ud-de").mkdir()
    (tmp_path / "ud-de" / "de_gsd-ud-test.conllu").write_text(
        "# text = Der Minister sagte am Montag nichts.\n1\tDer\n\n", encoding="utf-8")
    (tmp_path / "quotes-en-polnear").mkdir()
    (tmp_path / "quotes-en-polnear" / "dev.jsonl").write_text(
        '{"text": "The minister said on Monday that talks failed.\\n\\nShare this story"}\n', encoding="utf-8")
    assert main(["--data", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "de UD sentences" in out and "acc=1.000" in out
    assert "removed=   1" in out and "[share prompt] Share this story" in out
