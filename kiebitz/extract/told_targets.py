"""Targets from the story told before: an event whose target its sentence leaves to the text before it.

Two patterns of news prose, each a pass over the assembled events (events.py):
- a reaction to an event told before, named by a definite event noun ("China condemned the vote", "the
  United States welcomed the ruling", "regretted the veto"), is aimed at the actor of the last asserted
  event told before it (by another country);
- aid without a named receiver ("India sent two planes carrying tents and food") goes to the country the
  sentence before names (the one in need: "aid flights landed in Myanmar").
Nothing is invented: with no such event or country the target stays empty.
"""

from __future__ import annotations

from dataclasses import replace

from ..model import Actor, Article, Event
from .affiliation import _anchors, _country_actor
from .frames import Sentence
from .plover import cues

REACTION_TYPES = frozenset({"ACCUSE", "REJECT", "SUPPORT"})
AID_TYPES = frozenset({"AID"})
_DEFINITE = frozenset({"the", "this", "these", "those", "such"})


def _countries(ids: tuple[str, ...], by_id: dict[str, Actor]) -> set[str]:
    """Country (else id) of each actor."""
    return {by_id[i].country or i for i in ids if i in by_id}


def _about_told_event(article: Article, start: int | None, nouns: frozenset[str]) -> bool:
    """Whether the trigger at `start` is, or governs as its object, a definite event noun ("the vote")."""
    doc = article.doc
    if doc is None or start is None:
        return False
    tok = next((t for t in doc if t.idx == start), None)
    if tok is None:
        return False
    # the trigger, its object, or the object of the verb it completes ("called the expulsions a hostile step")
    heads = [tok, tok.head, tok.head.head]
    for noun in (tok, *(c for h in heads for c in h.children if c.dep_ in ("dobj", "obj"))):
        if noun.pos_ == "NOUN" and noun.lemma_.lower() in nouns and any(
                c.dep_ == "det" and c.lower_ in _DEFINITE for c in noun.children):
            return True
    return False


def reaction_targets(article: Article, evs: list[Event], lang: str) -> list[Event]:
    """A target-less reaction to a definite event noun takes the actor of the last earlier event by another country."""
    nouns = cues(lang).get("event_noun", frozenset())
    if not nouns or article.doc is None:
        return evs
    by_id = {a.id: a for a in article.actors}
    out: list[Event] = []
    for ev in evs:
        if ev.type in REACTION_TYPES and not ev.recipient and _about_told_event(article, ev.evidence.trigger_start, nouns):
            own = _countries(ev.actor, by_id)
            start = ev.evidence.trigger_start or 0
            # what is reacted to happened: a hypothetical or announced event is no antecedent
            told = next((p for p in reversed(out) if (p.evidence.trigger_start or 0) < start and p.actor
                         and p.modality == "asserted" and not _countries(p.actor, by_id) & own), None)
            if told is not None:
                ev = replace(ev, recipient=told.actor)
        out.append(ev)
    return out


def aid_targets(article: Article, evs: list[Event], sentences: list[Sentence], lang: str
                ) -> tuple[Article, list[Event]]:
    """Target-less aid goes to the last country of the sentence before that is not the giver's."""
    by_id = {a.id: a for a in article.actors}
    actors = list(article.actors)
    out = []
    for ev in evs:
        start = ev.evidence.trigger_start
        n = next((k for k, s in enumerate(sentences) if start is not None and s.start <= start < s.end), None)
        if ev.type not in AID_TYPES or ev.recipient or not n:
            out.append(ev)
            continue
        own = _countries(ev.actor, by_id)
        named = [iso3 for _pos, iso3 in sorted(_anchors(sentences[n - 1], article, lang, by_id)) if iso3 not in own]
        if not named:
            out.append(ev)
            continue
        iso3 = named[-1]
        state = next((a.id for a in actors if a.kind == "state" and a.country == iso3), None)
        out.append(replace(ev, recipient=(state or _country_actor(actors, iso3, "GOV", ev.actor, lang),)))
    if len(actors) != len(article.actors):
        article = article.replace(actors=tuple(actors))
    return article, out
