"""The article's dominant country, for office holders and bodies the text names without a country.

"Premierministerin Kristen Michal", "the prime minister", "Police", "Die Opposition": a generic title or
body with no country attached (no adjective, genitive, of-phrase or apposition; see affiliation.py) is
coded by the country the article is about — but only when one country clearly dominates the article's
country mentions (states, capitals, bodies, demonym groups and places, the title line included): at
least three mentions and more than twice as many as any other country. In an article about two countries
("Litauen bestellt russischen Botschafter ein") nothing is guessed. Measured on the unseen development
set (docs/events.md, "Generic titles").
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from ..model import Actor, Article, Event
from . import actor_tables
from .affiliation import _PEOPLE_SECTORS, _anchors, _uncoded, placed_by_context
from .frames import Sentence

MIN_MENTIONS = 3
MIN_RATIO = 2.0
MIN_ACTS = 2  # events or statements of the acting country (acting_country)


def dominant_country(article: Article, sentences: list[Sentence], lang: str) -> str | None:
    """The country that dominates the article's country mentions, or None when none clearly does."""
    by_id = {a.id: a for a in article.actors}
    counts: Counter[str] = Counter()
    adjectives = actor_tables.adjectives(lang)
    for s in sentences:
        counts.update(iso3 for _, iso3 in _anchors(s, article, lang, by_id, targets=False))
        # Country adjectives outside actor mentions ("der estnische Verteidigungsminister").
        inside = {i for m in s.mentions for i in range(m.first, m.last + 1)}
        counts.update(iso3 for t in s.toks if t.i not in inside and (iso3 := adjectives.get(t.text)))
    return _clear_leader(counts, MIN_MENTIONS)


def _clear_leader(counts: Counter[str], minimum: int) -> str | None:
    """The most counted country, if counted at least `minimum` times and more than MIN_RATIO times the next."""
    ranked = counts.most_common(2)
    if not ranked:
        return None
    top, n1 = ranked[0]
    n2 = ranked[1][1] if len(ranked) > 1 else 0
    return top if n1 >= minimum and n1 > MIN_RATIO * n2 else None


def acting_country(article: Article, evs: list[Event]) -> str | None:
    """The country whose actors do most of what the article reports (event actors, statement speakers),
    when one clearly does: an article about two countries is often about one acting on the other
    ("Litauen bestellt russischen Botschafter ein": Lithuania summons, protests, condemns; Russia is named
    as often but only as the target), and an untitled office holder there is the acting country's."""
    by_id = {a.id: a for a in article.actors}
    counts: Counter[str] = Counter()
    for ids in [ev.actor for ev in evs] + [(st.speaker,) for st in article.statements if st.speaker]:
        counts.update({by_id[aid].country for aid in ids if aid in by_id and by_id[aid].country})
    return _clear_leader(counts, MIN_ACTS)


# Roles that speak to or for other countries: a foreign minister or envoy in an article about another
# country is often that other country's ("Außenminister Budrys" in an article dominated by Russia).
_OUTWARD = frozenset({"diplomat", "spokesperson", "secretarygeneral", "negotiator", "expert", "journalist",
                      "witness", "lawyer", "coach"})


def _classes(a: Actor, lang: str) -> set[str]:
    """The role classes of a person's titles (roles.tsv)."""
    table = actor_tables.roles(lang)
    out: set[str] = set()
    for r in a.roles:
        role = actor_tables.role_of(r, lang)
        if role is None and " " in r:  # "stellvertretender Außenminister": the head noun's role
            last = r.split()[-1]
            role = table.get(last) or table.get(last[:1].upper() + last[1:])
        if role is not None:
            out.update(role.classes)
    return out


def _generic(a: Actor, lang: str) -> bool:
    """A domestic office holder, body or group of people the tables and the context left without a country."""
    if a.kind == "person":
        return _uncoded(a) and not a.code and not (_classes(a, lang) & _OUTWARD)
    return _uncoded(a) and placed_by_context(a, lang)  # not a company because the article is about Germany


def dominant_countries(article: Article, evs: list[Event], sentences: list[Sentence], lang: str) -> Article:
    """Code the uncoded office holders and bodies among the events' arguments and the statements' speakers
    by the article's dominant country, if there is one."""
    by_id = {a.id: a for a in article.actors}
    args = {aid for ev in evs for aid in (*ev.actor, *ev.recipient, ev.claimed_by or "") if aid in by_id}
    args |= {st.speaker for st in article.statements if st.speaker in by_id}  # "the prime minister said"
    todo = {aid for aid in args if _generic(by_id[aid], lang)}
    if not todo:
        return article
    iso3 = dominant_country(article, sentences, lang) or acting_country(article, evs)
    if iso3 is None:
        return article
    actors = []
    for a in article.actors:
        if a.id not in todo:
            actors.append(a)
            continue
        sector = a.code if a.code in _PEOPLE_SECTORS else a.sector  # "Polizei" (COP): GBRCOP
        actors.append(replace(a, country=iso3, code=f"{iso3}{sector or ''}"))
    return article.replace(actors=tuple(actors))
