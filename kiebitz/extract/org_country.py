"""The country of an organisation the actor tables do not know, read from its own phrase.

A demonym with descriptive nouns before it ("German carmaker Volkswagen", "der US-Konzern Ford"), a seat
("the Berlin-based Siemens", "das in München ansässige Unternehmen"), an apposition after it ("Volkswagen, the
German carmaker,"), or a place the NER took for an organisation. Never the places of its sentence (actors5,
docs/actors.md). Split from `actors.py`, which calls `attached_org_country` for ORG entities.
"""

from __future__ import annotations

import re

from ..model import Article
from .actor_tables import (
    DETERMINERS,
    country_word,
    gov_nouns,
    lexicon,
    lexicon_pattern,
    place_country,
    prefix_info,
    roles,
)

# "the Berlin-based Siemens", "das in München ansässige Unternehmen Siemens": the seat is the company's country.
_BASED = {"en": re.compile(r"([A-Z][\w.]*(?:\s[A-Z][\w.]*)?)-based\s+(?:[\w-]+\s+){0,2}$"),
          "de": re.compile(r"\bin\s+([A-Z][\w.]*(?:\s[A-Z][\w.]*)?)\s+ansässigen?\s+(?:[\w-]+\s+){0,2}$")}
_DESCRIPTOR_POS = frozenset({"NOUN", "ADJ"})
_LOCATIVE = {"en": frozenset({"in", "at", "near", "outside"}), "de": frozenset({"in", "im", "bei", "nahe"})}


def _descriptor_country(toks: list, lang: str) -> str | None:
    """The country of "demonym + common nouns" (parse tokens, in order) ending right before a name.

    "German carmaker", "Russian energy giant", "der deutsche Autobauer", "der US-Konzern": the nouns
    describe the organisation, the demonym gives its country. The words must all be common nouns or
    adjectives: "a German court fined Ford" stops at the verb.
    """
    nouns = 0
    for k in range(len(toks) - 1, max(-1, len(toks) - 5), -1):
        t = toks[k]
        iso = country_word(t.text, lang)
        if iso is not None:
            return iso if nouns or k == len(toks) - 1 else None
        head = t.text.rpartition("-")[0]
        found = prefix_info(head, lang) if t.pos_ == "NOUN" and head else None
        if found is not None and found.kind == "state" and found.country:
            return found.country  # "der US-Konzern Ford"
        if t.pos_ not in _DESCRIPTOR_POS or t.text in gov_nouns(lang) or t.text in roles(lang) \
                or t.text in lexicon(lang):
            return None
        nouns += t.pos_ == "NOUN"
    return None


def attached_org_country(article: Article, start: int, end: int, lang: str) -> str | None:
    """The country attached to an organisation the tables do not know, from its own phrase only.

    A demonym with descriptive nouns right before it ("German carmaker Volkswagen"), a seat ("the
    Berlin-based Siemens"), or an apposition after it ("Volkswagen, the German carmaker,"). Never the
    places of its sentence: "Ford cut 3,000 jobs in Germany" leaves Ford without a country.
    """
    text = article.text
    iso = place_country(text[start:end], lang)
    if iso is not None:
        # A place the NER took for an organisation: after a locative preposition ("was thwarted in
        # Khanty-Mansiysk") or with its country in the same sentence ("opposition parties in Nepal ...
        # shut down Khatmandu"). A company named like a town elsewhere ("Orange") stays without one.
        prep = re.search(r"(?<![\w-])(\w+)\s+$", text[max(0, start - 12): start])
        if prep is not None and prep.group(1).lower() in _LOCATIVE[lang]:
            return iso
        left = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start)) + 1
        right = min(x for x in (text.find(". ", end), text.find("\n", end), len(text)) if x >= 0)
        if any(lexicon(lang)[m.group(0)].kind == "state" and lexicon(lang)[m.group(0)].country == iso
               for m in lexicon_pattern(lang).finditer(text, left, right)):
            return iso
    based = _BASED[lang].search(text, max(0, start - 80), start)
    if based is not None and "\n" not in based.group(0):
        place = based.group(1)
        iso = place_country(place, lang) or place_country(place.split()[-1], lang)  # "The Berlin-based"
        if iso:
            return iso
    doc = article.doc
    if doc is None:
        return None
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    if span.end < len(doc) and doc[span.end].pos_ in ("NOUN", "PROPN") and not doc[span.end].is_punct:
        return None  # "a Ukrainian Ford plant": the name modifies another noun
    before = [t for t in doc[max(span.sent.start, span.start - 4): span.start]]
    if before and before[-1].text.lower() not in DETERMINERS[lang]:
        iso = _descriptor_country(before, lang)
        if iso:
            return iso
    # Apposition: "Volkswagen, the German carmaker," / "Volkswagen, der deutsche Autobauer,".
    after = list(doc[span.end: min(span.sent.end, span.end + 7)])
    if len(after) >= 4 and after[0].text == "," and after[1].text.lower() in DETERMINERS[lang]:
        for k in range(3, len(after)):
            if after[k].text in {",", ".", ")", ";"}:
                return _descriptor_country(after[2:k], lang) if k > 3 else None
    return None
