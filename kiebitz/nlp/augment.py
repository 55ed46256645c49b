"""Mention replacement: extra NER training sentences with names swapped for other names of the same label.

A copy of a GermEval training sentence whose PER/ORG/LOC/OTH mentions (outer layer) are each replaced by a
mention drawn uniformly from the distinct mentions of that label: the names of the NER *training* part itself
and, for LOC and ORG, the gazetteer's names (countries, places, institutions). The context stays real text;
the names vary, so the NER learns more from the context and the shape of a name than from memorised names
(Dai & Adel 2020, "An Analysis of Simple Data Augmentation for Named Entity Recognition": mention
replacement). Derived and part labels (LOCderiv "russische", ...) are never replaced: they are inflected
words, not names. Never fed from the held-out GermEval part, the NER development part, SmartData or Wikinews.
"""

from __future__ import annotations

import random

from .corpora import Sentence
from .gazetteer import name_table

REPLACEABLE = ("PER", "ORG", "LOC", "OTH")  # GermEval's outer labels; OTH is kiebitz's MISC


def mentions(sentence: Sentence) -> list[tuple[int, int, str]]:
    """(start, end, label) of the outer-layer entities of a GermEval sentence (IOB)."""
    out: list[tuple[int, int, str]] = []
    for i, tag in enumerate(sentence.ents):
        if tag.startswith("B-") or (tag.startswith("I-") and (not out or out[-1][1] != i or out[-1][2] != tag[2:])):
            out.append((i, i + 1, tag[2:]))
        elif tag.startswith("I-"):
            start, _end, label = out[-1]
            out[-1] = (start, i + 1, label)
    return out


def mention_pool(sentences: list[Sentence], gazetteer: bool = True) -> dict[str, list[tuple[str, ...]]]:
    """Distinct mentions per replaceable label: those of `sentences`, plus the gazetteer's LOC and ORG names."""
    pool: dict[str, set[tuple[str, ...]]] = {label: set() for label in REPLACEABLE}
    for s in sentences:
        for start, end, label in mentions(s):
            if label in pool:
                pool[label].add(tuple(s.words[start:end]))
    if gazetteer:
        for name, (label, _iso3) in name_table("de").items():
            if label in pool:
                pool[label].add(tuple(name.split()))
    return {label: sorted(names) for label, names in pool.items()}


def replace_mentions(sentences: list[Sentence], copies: int, seed: int,
                     pool: dict[str, list[tuple[str, ...]]] | None = None) -> list[Sentence]:
    """`copies` rounds of copies of every sentence with a replaceable mention, each mention replaced by a
    random one of its label (words and IOB labels only; the caller adds tags)."""
    pool = pool if pool is not None else mention_pool(sentences)
    rng = random.Random(seed)
    out: list[Sentence] = []
    for _round in range(copies):
        for s in sentences:
            spans = [m for m in mentions(s) if m[2] in REPLACEABLE and pool.get(m[2])]
            if not spans:
                continue
            words: list[str] = []
            ents: list[str] = []
            pos = 0
            for start, end, label in spans:
                words += s.words[pos:start]
                ents += s.ents[pos:start]
                new = rng.choice(pool[label])
                words += new
                ents += [f"B-{label}"] + [f"I-{label}"] * (len(new) - 1)
                pos = end
            words += s.words[pos:]
            ents += s.ents[pos:]
            out.append(Sentence(words=list(words), spaces=[True] * len(words), ents=ents))
    return out
