"""Baseline person-name finder for German: runs of proper-noun tags outside known names, and later
short mentions of the same person ("Sergej Rjabkow" ... "Rjabkow"). The trained NER replaces it."""

from __future__ import annotations

from functools import cache

from spacy.attrs import DEP, IS_ALPHA, SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from . import columns
from .columns import flags, ints, strings


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


@cache
def first_names() -> frozenset[str]:
    """Given names: the hand list plus the list derived from GermEval at training time."""
    from .resources import DATA

    names: set[str] = set()
    for fname in ("first_names.txt", "first_names_germeval.txt"):
        path = DATA / "gazetteers" / fname
        if path.exists():
            names.update(x.strip() for x in path.read_text(encoding="utf-8").splitlines()
                         if x.strip() and not x.startswith("#"))
    return frozenset(names)


def _given_name_spans(doc: Doc, person: str, known: set[int], texts: list[str]) -> list[Span]:
    """A given name followed by capitalised name tokens is a person ("Sergej Rjabkow", "Joe Biden")."""
    names = first_names()
    n = len(texts)
    hits = [i for i, text in enumerate(texts) if text in names and i + 1 < n]
    if not hits:
        return []
    alpha, sent_start = flags(doc, IS_ALPHA), ints(doc, SENT_START)
    out = []
    for i in hits:
        end = i + 1
        # sent_start <= 0: Token.is_sent_start is False or unknown
        while (end < n and end - i <= 2 and texts[end][:1].isupper() and alpha[end]
               and end not in known and sent_start[end] <= 0):
            end += 1
        if end > i + 1:
            out.append(Span(doc, i, end, label=person))
    return out


@cache
def person_roles() -> frozenset[str]:
    """Offices held by persons (Präsident, Bürgermeister, …), from the actor tables' roles file."""
    from .resources import DATA

    lines = (DATA / "actors" / "roles.tsv").read_text(encoding="utf-8").splitlines()
    return frozenset(x.split("\t")[0] for x in lines if x.strip() and not x.startswith("#"))


def _appositive_names(doc: Doc, person: str, known: set[int], texts: list[str]) -> list[Span]:
    """A capitalised name set off by commas after an office ("Der Bürgermeister von Ankara, Mansur Yavaş,")
    is the office holder, whatever label the NER gave it: an apposition to a person's office is a person."""
    deps = strings(doc, DEP)
    if "appos" not in deps:
        return []
    roles = person_roles()
    heads = columns.heads(doc)
    n = len(texts)
    out = []
    for i, dep in enumerate(deps):
        if dep != "appos" or texts[heads[i]] not in roles or i < 1 or texts[i - 1] != ",":
            continue
        end = i + 1
        while end < n and deps[end] == "flat" and heads[end] == i:
            end += 1
        span = doc[i:end]
        if len(span) >= 2 and all(t.text[:1].isupper() and t.is_alpha for t in span) \
                and not any(t.i in known for t in span) and (end == n or doc[end].is_punct):
            out.append(Span(doc, i, end, label=person))
    return out


def _is_name_token(tok) -> bool:  # noqa: ANN001 - spaCy Token
    return tok.pos_ == "PROPN" or tok.tag_ in ("NE", "NNP", "FM") or (tok.text[:1].isupper() and tok.tag_ != "NN")


@Language.component("kiebitz_name_consistency")
def name_consistency(doc: Doc) -> Doc:
    """Document-level name consistency after the NER.

    A role noun glued to a name is trimmed ("Kremlsprecher Dmitri Peskow" -> "Dmitri Peskow"), and
    every later mention of a person's surname ("Rjabkow", genitive "Rjabkows") is a PER entity too,
    whatever the sentence-level NER said.
    """
    doc_ents = doc.ents
    person = "PERSON" if any(e.label_ == "PERSON" for e in doc_ents) else "PER"  # English model: PERSON
    # Given-name spans override what they overlap (except gazetteer names, which end a name).
    known = {i for e in doc_ents if e.kb_id_ or e.ent_id_ for i in range(e.start, e.end)}
    texts = columns.texts(doc)
    # The given-name list is German ("Urban", "Rafael" over "Urban Development", "San Rafael"); English
    # given names come from kiebitz_en_entities with the English list, before this component.
    given = (_given_name_spans(doc, person, known, texts) + _appositive_names(doc, person, known, texts)
             if doc.lang_ != "en" else [])
    # The NER's longer person name stands: a given name inside it does not cut it short
    # ("Johann Sebastian Bach", "Friedrich Karl von Schönborn-Buchheim").
    persons = [(e.start, e.end) for e in doc_ents if e.label_ == person]
    given = filter_spans([sp for sp in given if not any(a <= sp.start and sp.end <= b for a, b in persons)])
    covered = {i for sp in given for i in range(sp.start, sp.end)}
    base = [e for e in doc_ents if not any(i in covered for i in range(e.start, e.end))]
    # Adjacent person entities are one name ("Dmitri" + "Peskow").
    merged: list[Span] = []
    for e in sorted(base + given, key=lambda x: x.start):
        if merged and merged[-1].label_ == person == e.label_ and merged[-1].end == e.start:
            merged[-1] = Span(doc, merged[-1].start, e.end, label=person)
        else:
            merged.append(e)
    ents: list[Span] = []
    for ent in merged:
        if ent.label_ == person and len(ent) > 1:
            start = ent.start
            while start < ent.end - 1 and doc[start].tag_ == "NN" and doc[start].text not in first_names() and all(_is_name_token(t) for t in doc[start + 1:ent.end]):
                start += 1
            ent = Span(doc, start, ent.end, label=person)
        ents.append(ent)
    surnames = {e[-1].text for e in ents if e.label_ == person and len(e) > 1 and e[-1].text[:1].isupper()}
    if surnames:
        forms = surnames | {s + "s" for s in surnames if not s.endswith(("s", "x", "z"))}
        multi = {i for e in ents if len(e) > 1 for i in range(e.start, e.end)}
        out = []
        for e in ents:
            if len(e) == 1 and e.text in forms and e.label_ != person:
                e = Span(doc, e.start, e.end, label=person)
            out.append(e)
        taken = {i for e in out for i in range(e.start, e.end)}
        for i, text in enumerate(texts):
            if text in forms and i not in taken and i not in multi:
                out.append(Span(doc, i, i + 1, label=person))
        ents = out
    doc.set_ents(filter_spans(ents))  # as doc.ents = ..., without copying every span first
    return doc
