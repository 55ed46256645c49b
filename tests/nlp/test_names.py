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


def _person_doc(words: list[str], start: int, end: int) -> Doc:
    doc = Doc(spacy.blank("de").vocab, words=words)
    doc.ents = [Span(doc, start, end, label="PER")]  # the NER's whole name
    return doc


def test_a_given_name_inside_a_longer_person_name_does_not_cut_it() -> None:
    words = ["Damals", "reiste", "Friedrich", "Karl", "von", "Schönborn-Buchheim", "nach", "Wien", "."]
    doc = name_consistency(_person_doc(words, 2, 6))
    assert [e.text for e in doc.ents] == ["Friedrich Karl von Schönborn-Buchheim"]
    words = ["Damals", "spielte", "Johann", "Sebastian", "Bach", "die", "Orgel", "."]
    doc = name_consistency(_person_doc(words, 2, 5))
    assert [e.text for e in doc.ents] == ["Johann Sebastian Bach"]


def test_a_given_name_still_makes_a_person_without_the_ner() -> None:
    doc = Doc(spacy.blank("de").vocab, words=["Damals", "kam", "Sergej", "Rjabkow", "."])
    assert [(e.text, e.label_) for e in name_consistency(doc).ents] == [("Sergej Rjabkow", "PER")]
