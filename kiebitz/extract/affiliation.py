"""Affiliation from context: the country of an event argument that the text names without one.

News names a domestic office holder or group without its country when the sentence already says
which country it is about: "President Yoweri Museveni has banned Ugandan opposition candidates",
"Judge Alejandro Rivera opened investigations against Chilean officials", "the Hutu rebel group ...
Burundi's government". PLOVER/CAMEO code such actors by that country (UGAGOV, CHLJUD). We do the
same, from the text only (no world knowledge): an argument of an event whose actor has no country
and no organisation code takes the country of the nearest state, body or place named in the same
sentence. Only office holders (a title that gives a sector: President, Judge, Minister ...) and
named groups/organisations are affected; an untitled person keeps no country.
"""

from __future__ import annotations

from dataclasses import replace

from ..model import Actor, Article, Event
from .frames import Sentence
from .places import find_places

# Organisation codes that are not states (their members have no country of their own).
_TRANSNATIONAL = ("IGO", "NGO", "MNC")


def _uncoded(a: Actor) -> bool:
    """An actor the tables gave no country and no organisation code."""
    if a.country or (a.code and a.code[:3] in _TRANSNATIONAL) or (a.sector or "") in _TRANSNATIONAL:
        return False
    if a.kind == "person":
        return bool(a.sector)  # an office holder; an untitled name keeps no country
    return a.kind in ("organization", "group")


def _anchors(s: Sentence, article: Article, lang: str, by_id: dict[str, Actor]) -> list[tuple[int, str]]:
    """Positions of the countries named in a sentence: coded actors' mentions and geocoded places."""
    out = []
    for m in s.mentions:
        for aid in m.actors:
            a = by_id.get(aid)
            if a is not None and a.country:
                out.append((m.start, a.country))
    for loc in find_places(article.text, lang, s.start, s.end):
        if loc.country and loc.start is not None:
            out.append((loc.start, loc.country))
    return out


def context_countries(article: Article, evs: list[Event], sentences: list[Sentence], lang: str) -> Article:
    """Give uncoded office holders and groups among the events' arguments a country from their sentence."""
    by_id = {a.id: a for a in article.actors}
    todo = {aid for ev in evs for aid in (*ev.actor, *ev.recipient) if aid in by_id and _uncoded(by_id[aid])}
    if not todo:
        return article
    found: dict[str, str] = {}
    for s in sentences:
        here = [(m, aid) for m in s.mentions for aid in m.actors if aid in todo and aid not in found]
        if not here:
            continue
        anchors = _anchors(s, article, lang, by_id)
        for m, aid in here:
            if anchors and aid not in found:
                found[aid] = min(anchors, key=lambda p: abs(p[0] - m.start))[1]
    if not found:
        return article
    actors = []
    for a in article.actors:
        iso3 = found.get(a.id)
        if iso3 is None:
            actors.append(a)
            continue
        actors.append(replace(a, country=iso3, code=f"{iso3}{a.sector or ''}"))
    return article.replace(actors=tuple(actors))
