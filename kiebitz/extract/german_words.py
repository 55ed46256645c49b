"""German word senses the trigger lexicon cannot express: separable particles the tagger misreads,
attributive participles, "festhalten an" (HanTa's verb table, kiebitz/data/nlp/de_lemmas_hanta.tsv.gz)."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from .plover import Tok, cues

if TYPE_CHECKING:
    from .frames import Mention


@lru_cache(maxsize=1)
def _hanta_verbs() -> tuple[frozenset[str], frozenset[str]]:
    """German full-verb lemmas and past participles of the shipped HanTa table."""
    import gzip

    from ..paths import DATA_DIR

    path = DATA_DIR / "nlp" / "de_lemmas_hanta.tsv.gz"
    if not path.exists():
        return frozenset(), frozenset()
    lemmas: set[str] = set()
    participles: set[str] = set()
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            row = line.rstrip("\n").split("\t")
            if len(row) == 3 and row[1].startswith("VV"):
                lemmas.add(row[2].lower())
                if row[1] == "VVPP":
                    participles.add(row[0].lower())
    return frozenset(lemmas), frozenset(participles)


def verb_lemmas() -> frozenset[str]:
    """Lemmas of German full verbs ("bereitstellen", "festhalten")."""
    return _hanta_verbs()[0]


def stray_particle(toks: list[Tok], t: Tok, parts: frozenset[str]) -> bool:
    """A particle the tagger read as an adjective or adverb: "stellt ... Geld bereit" is "bereitstellen".

    Only at the end of its clause, after a finite full verb that forms a known verb with it, so the
    predicative "ist bereit" and "erklärte sich bereit" (no verb "bereiterklären") stay adjectives.
    """
    if t.lower not in parts or t.tag not in ("ADJD", "ADV"):
        return False
    nxt = toks[t.i + 1] if t.i + 1 < len(toks) else None
    if nxt is not None and nxt.text[:1].isalnum() and nxt.clause == t.clause:
        return False
    verbs = [x for x in toks[: t.i] if x.clause == t.clause and x.tag == "VVFIN"]
    known = verb_lemmas()
    return bool(verbs) and any(t.lower + f in known for f in verbs[-1].forms)


def mask_attributive_participles(toks: list[Tok]) -> None:
    """Blank a participle before its noun: "inhaftierte Blogger" presupposes an arrest, and the bloggers
    are its target, never its actor; the event itself is reported elsewhere or not at all."""
    participles = _hanta_verbs()[1]
    if not any((t.tag or "").startswith("V") for t in toks):
        return  # "Die Ukraine beschlagnahmte Vermögen": with no other verb the "participle" is the verb
    for t in toks[:-1]:
        # "unerwünscht", "ungeklärt": adjectives the table also lists as participles
        if t.tag == "ADJA" and toks[t.i + 1].tag in ("NN", "NE") and not t.lower.startswith("un") \
                and any(f in participles for f in t.forms):
            t.forms = {"<attribute>"}


def mask_adherence(toks: list[Tok], mentions: list[Mention]) -> None:
    """Blank "festhalten" where it means holding on to something ("hält an den Zöllen fest", "daran festhält").

    It detains someone only in a passive or with a held person: a mention outside a prepositional phrase
    besides the subject, or "ihn" ("hielt den Reporter am Flughafen fest").
    """
    table = cues("de")
    verbs, marks, passive = (table.get(k, frozenset()) for k in ("adhere_verb", "adhere_mark", "passive_aux"))
    for t in toks:
        if t.forms.isdisjoint(verbs):
            continue
        clause = [x for x in toks if x.clause == t.clause]
        words = {x.lower for x in clause}
        if words & passive or "ihn" in words or words.isdisjoint(marks):
            continue
        held = [m for m in mentions if toks[m.first].clause == t.clause and not _in_phrase(toks, m.first)]
        if len(held) <= 1 or words & {"daran", "dran"}:
            t.forms = {"<marker>"}


def _in_phrase(toks: list[Tok], first: int) -> bool:
    """Whether a mention starting at `first` follows a preposition (past articles, adjectives, numbers)."""
    i = first - 1
    while i >= 0 and toks[i].tag in ("ART", "ADJA", "PPOSAT", "CARD", "PIAT", "PDAT"):
        i -= 1
    return i >= 0 and toks[i].tag in ("APPR", "APPRART")
