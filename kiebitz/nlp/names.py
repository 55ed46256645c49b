"""Baseline person-name finder for German: runs of proper-noun tags outside known names, and later
short mentions of the same person ("Sergej Rjabkow" ... "Rjabkow"). The trained NER replaces it."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans


@Language.component("kiebitz_names")
def names_component(doc: Doc) -> Doc:
    """Add PER entities for runs of >= 2 NE-tagged capitalised tokens and their later surnames."""
    ents = list(doc.ents)
    taken = {i for e in ents for i in range(e.start, e.end)}
    new: list[Span] = []
    surnames: set[str] = set()
    i = 0
    while i < len(doc):
        j = i
        while j < len(doc) and doc[j].tag_ == "NE" and doc[j].text[:1].isupper() and j not in taken:
            j += 1
        if j - i >= 2:
            new.append(Span(doc, i, j, label="PER"))
            surnames.add(doc[j - 1].text)
            i = j
        else:
            i += 1
    for tok in doc:
        if tok.text in surnames and tok.i not in taken:
            new.append(Span(doc, tok.i, tok.i + 1, label="PER"))
    doc.ents = filter_spans(ents + new)
    return doc
