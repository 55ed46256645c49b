"""Quote-aware sentence segmentation."""

from __future__ import annotations

import pytest
import spacy

from kiebitz.nlp.sentences import segment


def sents(lang: str, text: str) -> list[str]:
    doc = spacy.blank(lang)(text)
    out: list[str] = []
    for tok, start in zip(doc, segment(doc), strict=True):
        if start:
            out.append("")
        out[-1] += tok.text_with_ws
    return [s.strip() for s in out]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("„Das ist falsch“, sagte Müller. Dann ging er.", ["„Das ist falsch“, sagte Müller.", "Dann ging er."]),
        ("„Nein! Niemals“, rief sie. Gut.", ["„Nein!", "Niemals“, rief sie.", "Gut."]),
        ("Er betonte das. „Es geht nicht.“ Danach schwieg er.",
         ["Er betonte das.", "„Es geht nicht.“", "Danach schwieg er."]),
        ("»Wir bleiben«, sagte sie. »Immer!« Ende.", ["»Wir bleiben«, sagte sie.", "»Immer!«", "Ende."]),
        ("Er kam am 3. Oktober. F. Gary Gray blieb.", ["Er kam am 3. Oktober.", "F. Gary Gray blieb."]),
        ("Titel ohne Punkt\n\nDer Text beginnt.", ["Titel ohne Punkt", "Der Text beginnt."]),
        ('Er sagte: "Wir gehen." Sie blieb.', ['Er sagte: "Wir gehen."', "Sie blieb."]),
    ],
)
def test_german_quotes(text: str, expected: list[str]) -> None:
    assert sents("de", text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"We will not go," he said. "Never."', ['"We will not go," he said.', '"Never."']),
        ("“Is it true?” she asked. He nodded.", ["“Is it true?” she asked.", "He nodded."]),
    ],
)
def test_english_quotes(text: str, expected: list[str]) -> None:
    assert sents("en", text) == expected


def test_no_sentence_starts_with_closing_or_ends_with_opening(de) -> None:
    text = ("„Einseitige Zugeständnisse kommen nicht in Frage“, betonte der Minister. „Im Moment geht es "
            "nicht darum. Es geht um den Sinn.“ Die Regierung schwieg. »Nie!«, rief er.")
    for sent in de(text).sents:
        s = sent.text.strip()
        assert s[0] not in "“«”", s
        assert s[-1] not in "„»", s


def test_english_pipeline_keeps_quote_attribution(en) -> None:
    doc = en('"We reject these demands," the minister said on Monday. The talks ended.')
    assert [s.text.strip() for s in doc.sents] == [
        '"We reject these demands," the minister said on Monday.', "The talks ended."]


def test_partial_mode_leaves_open_cases_to_a_parser() -> None:
    doc = spacy.blank("en")('"We will go," he said. Then he left')
    starts = segment(doc, partial=True)
    assert starts[0] is True
    assert starts[1] is False  # right after the opening quote
    quote_close = next(t.i for t in doc if t.i > 0 and t.text == '"')
    assert starts[quote_close] is False
    assert starts[[t.text for t in doc].index("Then")] is True
    assert starts[[t.text for t in doc].index("left")] is None
