"""Forms of address: the audience a speech turns to ("Liebe Kolleginnen und Kollegen, …", "Herr Präsident,
ich …") is never a speaker.

Read from the words of the sentence, not from the parse: a model may call the address a subject, an oblique
or a dependant of anything. The orator's "ich" (and the audience's "Sie") after an address stay speakers:
GePaDe's gold names them as the source ("Liebe Kolleginnen und Kollegen, darf ich um Aufmerksamkeit bitten":
source "ich").
"""

from __future__ import annotations

import re

from .clauses import QUOTE_MARKS, Sentence
from .cues import vocatives

# Pronouns of the orator and the audience in an addressed sentence ("Sie" only capitalised mid-sentence).
_PERSONAL = {"de": {"ich", "wir", "du", "ihr"}, "en": {"i", "we", "you"}}
_POLITE = {"de": {"Sie"}, "en": set()}
# Tags of the words of a bare form of address ("Herr Präsident", "Frau Kollegin", "Kolleginnen und Kollegen",
# "Mr. Speaker"): nouns, names, adjectives, conjunctions, possessives — no article, verb or preposition.
_ADDRESS_TAGS = {"de": {"NN", "NE", "ADJA", "KON", "PPOSAT", "TRUNC", "$("},
                 "en": {"NN", "NNS", "NNP", "NNPS", "JJ", "CC", "PRP$", "HYPH"}}
_NOUN_TAGS = {"NN", "NE", "NNS", "NNP", "NNPS"}
_MAX_WORDS = 6


def address_span(sent: Sentence) -> tuple[int, int] | None:
    """Character span of a form of address opening the sentence and closed by "," or "!", else None:
    an opener from vocatives.tsv ("Liebe …", "Meine Damen und Herren"), or a short noun phrase without article
    or verb followed by a clause that speaks in the first or second person ("Herr Präsident, ich …")."""
    toks = sent.toks
    first = 0
    while first < len(toks) and toks[first].text in QUOTE_MARKS:
        first += 1
    close = next((k for k in range(first, min(len(toks), first + _MAX_WORDS + 2)) if toks[k].text in (",", "!")),
                 None)
    if close is None or close == first:
        return None
    span = (toks[first].start, toks[close - 1].end)
    phrase = sent.text[span[0]:span[1]]
    for opener in vocatives(sent.lang):
        if phrase.startswith(opener) and phrase[len(opener):len(opener) + 1] in ("", " "):
            return span
    if sent.tags is None or close - first > _MAX_WORDS:
        return None
    tags = sent.tags[first:close]
    if any(t not in _ADDRESS_TAGS.get(sent.lang, set()) for t in tags) or not any(t in _NOUN_TAGS for t in tags):
        return None
    after = toks[close + 1:close + 3]  # "Herr Präsident, ich …", "Frau Ministerin, darf ich …"
    return span if any(_person(t.text, sent.lang) for t in after) else None


def _person(word: str, lang: str) -> bool:
    """A first- or second-person pronoun (the orator or the audience)."""
    return word.lower() in _PERSONAL.get(lang, set()) or word in _POLITE.get(lang, set())


def addressed(sent: Sentence, speaker: tuple[int, int] | None) -> bool:
    """Whether a speaker phrase is a form of address: it overlaps the address opening the sentence, or it
    starts with an opener and is closed by "," or "!" ("…, liebe Kolleginnen und Kollegen, …")."""
    if speaker is None:
        return False
    text = sent.text
    phrase = text[speaker[0]:speaker[1]]
    for opener in vocatives(sent.lang):
        if phrase.startswith(opener) and phrase[len(opener):len(opener) + 1] in ("", " ", ",", "!") \
                and re.search(r"[,!]", text[speaker[0]:speaker[1] + 3]) is not None:
            return True
    span = address_span(sent)
    if span is None:
        return False
    return speaker[0] < span[1] and span[0] < speaker[1]
