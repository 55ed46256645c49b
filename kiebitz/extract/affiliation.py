"""Event arguments coded from context: the country of an argument the text names without one.

News names a domestic office holder or group without its country when the sentence already says
which country it is about: "President Yoweri Museveni has banned Ugandan opposition candidates",
"Judge Alejandro Rivera opened investigations against Chilean officials", "the Hutu rebel group ...
Burundi's government". PLOVER/CAMEO code such actors by that country (UGAGOV, CHLJUD). We do the
same, from the text only (no world knowledge): an argument of an event whose actor has no country
and no organisation code takes the country of the nearest state, body or place named in the same
sentence. Only office holders (a title that gives a sector: President, Judge, Minister ...) and
named groups/organisations are affected; an untitled person keeps no country.

Ethnic groups: a people named as an ethnic group ("ethnic Albanians", "Albanians of southern
Serbia") is coded by the country it lives in when the sentence names one (SRB), as PLOVER/CAMEO
code minorities; the event gets a group actor of that country in place of the people's own.

Domestic targets: a protest or coercion with no named target is aimed at the actor's own country
(its government, its people), the PLOVER/CAMEO convention.
"""

from __future__ import annotations

from dataclasses import replace

from ..model import Actor, Article, Event
from .frames import Mention, Sentence
from .places import find_places
from .plover import cues

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
            if a is not None and a.country and a.kind != "person":
                # Another person's nationality says nothing about this one ("President X welcomed
                # South African leader Y"); states, bodies, groups and places do.
                out.append((m.start, a.country))
    for loc in find_places(article.text, lang, s.start, s.end):
        if loc.country and loc.start is not None:
            out.append((loc.start, loc.country))
    return out


def _is_role(tok_text: str, lang: str) -> bool:
    from .events import _is_role as is_role

    return is_role(tok_text, lang)


def _apposition(s: Sentence, m: Mention, by_id: dict[str, Actor], lang: str) -> Actor | None:
    """The coded state or body a person is put in apposition with, by a title.

    "Kofi Annan, UN secretary-general," / "Salaheddine Sidhoum, Algeria's leading activist" (after
    the name) and "A member of the Syrian parliament, Mohammed Mamoun" (before it).
    """
    coded = [(x, by_id[a]) for x in s.mentions for a in x.actors
             if a in by_id and (by_id[a].country or (by_id[a].code or "")[:3] in _TRANSNATIONAL)]
    if m.last + 2 < len(s.toks) and s.toks[m.last + 1].text == ",":
        for x, a in coded:
            if m.last + 1 < x.first <= m.last + 3:
                tail = s.toks[x.last + 1 : x.last + 6]
                words = [t for t in tail if t.text not in (",", ".")]
                if any(_is_role(t.text, lang) for t in s.toks[x.first : x.last + 1]) or (
                        words and any(_is_role(t.text, lang) for t in words[:4])):
                    return a
    if m.first >= 2 and s.toks[m.first - 1].text == ",":
        for x, a in coded:
            last = s.toks[x.last]
            if x.last == m.first - 2 and x.last > x.first and last.text[:1].islower() or (
                    x.last == m.first - 2 and _is_role(last.text, lang)):
                return a
    return None


def context_countries(article: Article, evs: list[Event], sentences: list[Sentence], lang: str) -> Article:
    """Give uncoded office holders and groups among the events' arguments a country from their sentence."""
    by_id = {a.id: a for a in article.actors}
    args = {aid for ev in evs for aid in (*ev.actor, *ev.recipient) if aid in by_id}
    # Any person named in apposition with a coded state or body takes its code.
    persons = {aid for aid in args if by_id[aid].kind == "person" and not by_id[aid].country
               and not by_id[aid].code}
    coded: dict[str, Actor] = {}
    for s in sentences:
        for m in s.mentions:
            for aid in set(m.actors) & persons:
                if aid not in coded and (body := _apposition(s, m, by_id, lang)) is not None:
                    coded[aid] = body
    if coded:
        article = article.replace(actors=tuple(
            replace(a, country=coded[a.id].country, code=coded[a.id].code if coded[a.id].kind != "state"
                    else f"{coded[a.id].country}{a.sector or ''}") if a.id in coded else a
            for a in article.actors))
        by_id = {a.id: a for a in article.actors}
    todo = {aid for aid in args if _uncoded(by_id[aid])}
    if not todo:
        return article
    found: dict[str, str] = {}
    for s in sentences:
        here = [(m, aid) for m in s.mentions for aid in m.actors if aid in todo and aid not in found]
        if not here:
            continue
        anchors = _anchors(s, article, lang, by_id)
        for m, aid in here:
            if by_id[aid].sector == "ETH" and (iso3 := _residence(s, m, "", anchors, lang, True)):
                found[aid] = iso3  # a people: where it lives ("Kurdish positions in Syria")
                continue
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


def _residence(s: Sentence, m: Mention, own: str, anchors: list[tuple[int, str]], lang: str,
               stateless: bool = False) -> str | None:
    """The country an ethnic group lives in: "ethnic X ... in/of <country>" or "X of/in <country>"."""
    c = cues(lang)
    if stateless and m.first > 0:
        from .actor_tables import adjectives

        # "Turkish Kurds", "irakische Kurden": the people of that country.
        adj = adjectives(lang).get(s.toks[m.first - 1].text)
        if adj:
            return adj
    before = {s.toks[i].lower for i in range(max(0, m.first - 2), m.last + 1)}
    after = s.toks[m.last + 1 : m.last + 5]
    if stateless and len(after) > 1 and after[1].lower in c.get("residence_prep", ()) and after[0].pos in ("NOUN", "PROPN"):
        after = after[1:]  # "kurdische Stellungen in Syrien": the people's positions, villages, ...
    if after and after[0].lower in c.get("residence_prep", ()):
        # "Albanians of southern Serbia": the next country named within a few words.
        limit = after[-1].end
        near = [p for p in anchors if m.end < p[0] <= limit and p[1] != own]
        if near:
            return min(near)[1]
    if before & c.get("ethnic", frozenset()):
        others = [p for p in anchors if p[1] != own]
        if others:
            return min(others, key=lambda p: abs(p[0] - m.start))[1]
    return None


def ethnic_residence(article: Article, evs: list[Event], sentences: list[Sentence], lang: str
                     ) -> tuple[Article, list[Event]]:
    """Code an ethnic group among an event's arguments by the country it lives in (see module doc)."""
    by_id = {a.id: a for a in article.actors}
    groups = {a.id for a in article.actors if a.kind == "group" and a.country}
    if not groups or not any(set(ev.actor + ev.recipient) & groups for ev in evs):
        return article, evs
    actors = list(article.actors)
    out = []
    anchors: dict[int, list[tuple[int, str]]] = {}  # per sentence start
    for ev in evs:
        ids = set(ev.actor + ev.recipient) & groups
        s = next((x for x in sentences if x.start <= ev.evidence.start < x.end), None) if ids else None
        swap: dict[str, str] = {}
        for m in s.mentions if s is not None else ():
            for aid in set(m.actors) & ids:
                own = by_id[aid].country or ""
                if s.start not in anchors:
                    anchors[s.start] = _anchors(s, article, lang, by_id)
                iso3 = _residence(s, m, own, anchors[s.start], lang)
                if iso3 is None:
                    continue
                name = f"{by_id[aid].name} ({iso3})"
                new = next((a.id for a in actors if a.name == name), None)
                if new is None:
                    new = f"A{len(actors) + 1}"
                    actors.append(Actor(id=new, name=name, kind="group", country=iso3, code=iso3,
                                        aliases=by_id[aid].aliases))
                swap[aid] = new
        if swap:
            ev = replace(ev, actor=tuple(swap.get(a, a) for a in ev.actor),
                         recipient=tuple(dict.fromkeys(swap.get(a, a) for a in ev.recipient)))
        out.append(ev)
    if len(actors) != len(article.actors):
        article = article.replace(actors=tuple(actors))
    return article, out


# Protests and coercion (arrests, bans, curfews) with no named target are domestic: PLOVER/CAMEO
# code the target as the actor's own country (its government for a protest, its people for coercion).
DOMESTIC_TYPES = {"PROTEST": "GOV", "COERCE": None}


def domestic_targets(article: Article, evs: list[Event], lang: str) -> tuple[Article, list[Event]]:
    """Give target-less PROTEST / COERCE events the actor's own country as recipient."""
    try:
        from .actor_tables import state_info
    except ImportError:  # the actors component is not installed
        return article, evs
    by_id = {a.id: a for a in article.actors}
    actors = list(article.actors)
    out = []
    for ev in evs:
        countries = {by_id[a].country for a in ev.actor if a in by_id and by_id[a].country}
        kind = "COERCE" if (ev.type, ev.mode) == ("THREATEN", "restrict") else ev.type  # threatened coercion
        if kind not in DOMESTIC_TYPES or ev.recipient or len(countries) != 1:
            out.append(ev)
            continue
        iso3 = countries.pop()
        sector = DOMESTIC_TYPES[kind]
        code = f"{iso3}{sector}" if sector else iso3
        rid = next((a.id for a in actors if a.code == code and a.id not in ev.actor), None)
        if rid is None:
            info = state_info(iso3, lang) if sector else None
            name = info.name if info else f"{state_info(iso3, lang).name} (population)"
            actor = Actor(id=f"A{len(actors) + 1}", name=name, kind="state" if sector else "group",
                          country=iso3, sector=sector, code=code, aliases=())
            actors.append(actor)
            rid = actor.id
        out.append(replace(ev, recipient=(rid,)))
    if len(actors) != len(article.actors):
        article = article.replace(actors=tuple(actors))
    return article, out


def place_targets(article: Article, evs: list[Event], lang: str, types: frozenset[str]) -> tuple[Article, list[Event]]:
    """Give a target-less attack the country where it happened ("bombs exploded in Kabul" -> AFG population)."""
    try:
        from .actor_tables import state_info
    except ImportError:  # the actors component is not installed
        return article, evs
    actors = list(article.actors)
    out = []
    for ev in evs:
        iso3 = ev.location.country if ev.location else None
        if ev.type not in types or ev.recipient or not iso3:
            out.append(ev)
            continue
        rid = next((a.id for a in actors if a.code == iso3 and a.id not in ev.actor), None)
        if rid is None:
            actor = Actor(id=f"A{len(actors) + 1}", name=f"{state_info(iso3, lang).name} (population)",
                          kind="group", country=iso3, sector=None, code=iso3, aliases=())
            actors.append(actor)
            rid = actor.id
        out.append(replace(ev, recipient=(rid,)))
    if len(actors) != len(article.actors):
        article = article.replace(actors=tuple(actors))
    return article, out
