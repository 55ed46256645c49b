"""Arguments that only the discourse gives: a rejection aimed at whoever made the accusation or demand before."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from ..model import Article, Event
from ..paths import DATA_DIR

# Articles that make a response noun point back ("die Vorwürfe", "diese Forderung", "the accusations").
_POINTING = {"der", "die", "den", "das", "diese", "diesen", "dieser", "dieses", "the", "these", "this", "that", "those"}
# How far back (characters) the reported speech act may lie: about three sentences of wire copy.
_REACH = 600


@lru_cache(maxsize=2)
def response_nouns(lang: str) -> dict[str, frozenset[str]]:
    """Response noun -> the event types it refers back to (response_nouns.tsv)."""
    out: dict[str, frozenset[str]] = {}
    for line in (DATA_DIR / "events" / "response_nouns.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            word, row_lang, types = line.split("\t")
            if row_lang == lang:
                out[word] = frozenset(types.split("|"))
    return out


def _referred_types(text: str, lang: str) -> frozenset[str]:
    """The types of speech act a clause's response noun points back to (none without one)."""
    nouns = response_nouns(lang)
    words = re.findall(r"\w+", text)
    for k, w in enumerate(words):
        if w in nouns and (w == "dies" or k > 0 and words[k - 1].lower() in _POINTING):
            return nouns[w]
    return frozenset()


def rejected_authors(article: Article, evs: list[Event], lang: str) -> list[Event]:
    """A REJECT without a target whose clause rejects "die Vorwürfe", "die Kritik", "dies": the target is the
    actor of the last such speech act before it, preferably one aimed at the rejecting side, never the
    rejecting side itself ("Moskau wies die Vorwürfe zurück" after "Berlin macht Russland verantwortlich")."""
    country = {a.id: a.country or a.code or a.id for a in article.actors}
    out = []
    for ev in evs:
        types = _referred_types(article.text[ev.evidence.start:ev.evidence.end], lang) \
            if ev.type == "REJECT" and not ev.recipient else frozenset()
        if types:
            own = {country.get(a) for a in ev.actor}
            earlier = [e for e in evs if e.type in types and e.actor and e.evidence.start < ev.evidence.start
                       and not own & {country.get(a) for a in e.actor}]
            # one aimed at the rejecting side, however far back (often the lead); else a recent one
            aimed = [e for e in earlier if own & {country.get(a) for a in e.recipient}]
            source = aimed[-1:] or [e for e in earlier if e.evidence.start > ev.evidence.start - _REACH][-1:]
            if source:
                ev = replace(ev, recipient=source[0].actor)
        out.append(ev)
    return out
