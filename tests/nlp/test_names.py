"""Name consistency on hand-built German parses (no model): an apposition to an office is a person."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc, Span

from kiebitz.nlp.names import name_consistency

WORDS = ["Der", "Bürgermeister", "von", "Ankara", ",", "Mansur", "Yavaş", ",", "kritisierte", "das", "Verbot", "."]
HEADS = [1, 8, 3, 1, 5, 1, 5, 1, 8, 10, 8, 8]
DEPS = ["det", "nsubj", "case", "nmod", "punct", "appos", "flat", "punct", "ROOT", "det", "obj", "punct"]


def _doc(head_noun: str = "Bürgermeister") -> Doc:
    words = [head_noun if w == "Bürgermeister" else w for w in WORDS]
    doc = Doc(spacy.blank("de").vocab, words=words, heads=HEADS, deps=DEPS)
    doc.ents = [Span(doc, 3, 4, label="LOC"), Span(doc, 6, 7, label="ORG")]  # the NER's misreading
    return doc


def test_a_name_in_apposition_to_an_office_is_a_person() -> None:
    doc = name_consistency(_doc())
    assert [(e.text, e.label_) for e in doc.ents] == [("Ankara", "LOC"), ("Mansur Yavaş", "PER")]


def test_an_apposition_to_a_noun_that_is_no_office_keeps_its_label() -> None:
    doc = name_consistency(_doc("Bahnhof"))
    assert ("Yavaş", "ORG") in [(e.text, e.label_) for e in doc.ents]
