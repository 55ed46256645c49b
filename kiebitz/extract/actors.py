"""Actors: group entity and table mentions into persons, states, organisations and groups; resolve spans.

The component runs after "entities": PER entities (and role + name patterns, so it also works without
NER) become persons, with roles, country and sector from the words in front of the name ("der
stellvertretende russische Außenminister Sergej Rjabkow") or an apposition after it; country names,
capitals and seats of government become state actors (metonymy: "Moskau", "der Kreml" -> Russia's
government, code RUSGOV); institutions and groups come from the tables in kiebitz/data/actors.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from dataclasses import dataclass
from functools import lru_cache

from ..model import Actor, Article, Entity
from ..pipeline import component
from .actor_tables import (
    DETERMINERS,
    ActorInfo,
    _country_in,
    actor_for_mention,
    adjectives,
    body_anaphors,
    compound_heads,
    country_before,
    country_word,
    document_name,
    domestic_org,
    ethnic_groups,
    ethnic_pattern,
    gov_nouns,
    known_person,
    level_words,
    lexicon,
    lexicon_pattern,
    named,
    named_after_country,
    national_body,
    org_country,
    outlet_country,
    place_country,
    prefix_info,
    role_info,
    role_of,
    state_info,
)
from .org_country import attached_org_country
from .person_mentions import PRONOUNS, find_person_mentions


@dataclass
class _Draft:
    """An actor being collected."""

    key: str
    info: ActorInfo
    first: int
    aliases: list[str]
    roles: list[str]


_DOC_TAIL = {"en": r"\s+(?:on|of)\s+(?:the\s+)?", "de": r"\s+(?:über|zur|zum)\s+(?:die\s+|den\s+)?"}
# The head noun right after a name, past a bracketed gloss: "Umma (Nation) party", "Likud-Partei".
_HEAD_AFTER = re.compile(r"(?:\s*\([^()\n]{1,40}\))?[\s-]([\w]+)")


def _surname(name: str) -> str:
    return re.sub(r"(?<=\w)(s|'s|’s)$", "", name.split()[-1]) if name.split() else name


def _collect(article: Article, lang: str) -> list[_Draft]:
    text = article.text
    drafts: dict[str, _Draft] = {}
    spans: list[tuple[int, int]] = []  # text covered by the mentions found so far

    def add(key: str, info: ActorInfo, start: int, alias: str, role: str | None = None) -> None:
        spans.append((start, start + len(alias)))
        d = drafts.get(key)
        if d is None:
            d = drafts[key] = _Draft(key, info, start, [], [])
        d.first = min(d.first, start)
        if alias not in d.aliases:
            d.aliases.append(alias)
        if role and role not in d.roles:
            d.roles.append(role)
        if info.country and not d.info.country:
            d.info = ActorInfo(**{**d.info.__dict__, "country": info.country})
        if info.code and not d.info.code and not d.info.country:
            d.info = ActorInfo(**{**d.info.__dict__, "code": info.code})
        if info.sector and not d.info.sector:
            d.info = ActorInfo(**{**d.info.__dict__, "sector": info.sector})

    persons = find_person_mentions(article, lang)
    surnames: dict[str, str] = {}
    parts: dict[str, set[str]] = {}  # words of a longer name before its last -> keys ("Wang Yi": "Wang")
    # "Jimmy Cherizier, known as Barbecue": the second name is the first person's (a nickname or alias).
    called = {m.group(1): n1 for _s1, e1, n1, _r1, _i1 in persons if (m := _AKA.match(text, e1))}
    for s, _e, name, role, info in sorted(persons, key=lambda p: -len(p[2].split())):
        sur = _surname(name)
        key = surnames.get(sur) or f"per:{sur}"
        words = name.split()
        if name in called and _surname(called[name]) in surnames:
            key = surnames[_surname(called[name])]
        elif len(words) <= 2 and sur not in surnames and len(parts.get(name, ())) == 1:
            # "Wang Yi … Wang wies zurück", "Luiz Inacio Lula da Silva … Lula told reporters", "Andrés Manuel
            # López Obrador … López Obrador": a family name written first, a name used alone, a double surname
            # is that person, if only one longer name holds it.
            key = next(iter(parts[name]))
        elif len(words) > 1:
            for n in range(1, len(words)):
                for i in range(len(words) - n + 1):
                    part = " ".join(words[i:i + n])
                    if i + n < len(words) or n > 1:  # the last word alone is the surname rule above
                        if words[i][:1].isupper():
                            parts.setdefault(part, set()).add(key)
        surnames.setdefault(sur, key)
        pinfo = ActorInfo(name=name, kind="person", country=info.country if info else None,
                          sector=info.sector if info else None, code=info.code if info else None)
        if pinfo.country is None and (info is None or not info.code):
            # A well-known person the text names without a country ("President Francois Mitterrand").
            known = known_person(name)
            if known is not None:
                pinfo = ActorInfo(name=name, kind="person", country=known.country,
                                  sector=pinfo.sector or known.sector, code=known.code)
        add(key, pinfo, s, name, role)
        if len(name.split()) > len(drafts[key].info.name.split()):
            drafts[key].info = ActorInfo(**{**drafts[key].info.__dict__, "name": name})
    for sur, key in surnames.items():  # later surname-only mentions, also genitive ("Rjabkows")
        for m in re.finditer(rf"(?<![\w-]){re.escape(sur)}(s|'s|’s)?(?![\w])", text):
            add(key, drafts[key].info, m.start(), m.group(0))
    gov = _gov_phrases(text, lang)
    for m in lexicon_pattern(lang).finditer(text):
        info = lexicon(lang)[m.group(0)]
        if named_after_country(text, m.start(), lang):
            continue  # "a Democrat from New Mexico" names no Mexico
        if info.kind in ("group", "organization") and not info.country and (not info.code or len(info.code) == 3) \
                and any(g.start() < m.start() < g.end() for g in gov):
            # "Rwandan rebels" is Rwanda's rebels (below), not a second, country-less group; "die polnische
            # Polizei" is Poland's police (POLCOP), not also a "Polizei" of no country (a sector code only).
            continue
        near = country_before(text, m.start(), lang)
        if near is None:  # a longer name that states its country: "the Indian National Congress"
            ent = next((e for e in article.entities if e.label == "ORG" and e.start < m.start() and m.end() <= e.end
                        and (iso := org_country(e.text, lang))), None)
            near = (ent.start, iso, ent.text.split()[0] in adjectives(lang)) if ent is not None else None
        body = national_body(info, near[1], lang, near[2]) if near else None
        if body is not None:  # "the German Foreign Office": the country named wins over the table's default
            add(f"{body.kind}:{body.code or body.name}", body, near[0], text[near[0]:m.end()])
            continue
        if not info.country and info.code and len(info.code) == 3 and (
                same := [g for g in gov if g.end() <= m.start() and g.group(0).split()[-1].lower() == m.group(0).lower()]
        ) and not _names_country(text[same[-1].end():m.start()], lang):
            # "Die polnische Polizei nahm … fest. Die Polizei sagte …": a later bare mention of a body
            # is the one last named with its country (unless another country or place is named between).
            body = actor_for_mention(same[-1].group(0), lang)
            if body is not None and body.kind != "person":
                add(f"{body.kind}:{body.code or body.name}", body, m.start(), m.group(0))
                continue
        add(f"{info.kind}:{info.code or info.name}", info, m.start(), m.group(0))
    pattern = ethnic_pattern(lang)
    for m in pattern.finditer(text) if pattern else ():
        # A people without a state (coded by where it lives, from context: affiliation.py).
        name, canonical = named(ethnic_groups(lang)[m.group(0)], lang)
        add(f"group:{name}", ActorInfo(name=name, kind="group", sector="ETH", canonical=canonical),
            m.start(), m.group(0))
    for m in gov:
        info = actor_for_mention(m.group(0), lang)
        if info is not None and info.kind != "person":
            add(f"{info.kind}:{info.code or info.name}", info, m.start(), m.group(0))
    last_org: tuple[str, int] | None = None  # (key, end) of the last organisation added
    documents: list[tuple[int, int]] = []  # names of documents and agreements, with their acronyms
    for ent in article.entities:  # organisations the tables do not know
        if ent.label != "ORG":
            continue
        if last_org is not None and re.fullmatch(r"\s*\(", text[last_org[1]:ent.start]) \
                and text[ent.end:ent.end + 1] == ")":
            add(last_org[0], drafts[last_org[0]].info, ent.start, ent.text)  # "(AKK)", a gloss "Umma (Nation)"
            continue
        if any(a <= ent.start and ent.end <= b for a, b in spans):
            continue  # part of a mention found above ("Ukraine's [defence ministry]", a person's name)
        # A document's acronym or subject: "Memorandum of Understanding (MOU) on Cessation of Hostilities".
        before = next((e for e in article.entities if re.fullmatch(r"\s*\(", text[e.end:ent.start])
                       or any(e.start <= a and b <= ent.start and re.fullmatch(_DOC_TAIL[lang], text[b:ent.start])
                              for a, b in documents)), None)
        if document_name(ent.text, lang) or (before is not None and (document_name(before.text, lang)
                                                                      or before.start in {a for a, _ in documents})):
            last_org = None  # a text, not an actor
            skip_until = text.find(")", ent.end) if re.match(r"\s*\(", text[ent.end:]) else ent.end
            documents.append((ent.start if before is None else before.start, max(skip_until + 1, ent.end)))
            spans.append(documents[-1])
            continue
        known = actor_for_mention(ent.text, lang)
        if known is not None and not _state_named_org(ent.text, known, lang):
            continue
        if lang == "de" and ent.text[:1].islower():
            continue  # "der europäischen Sanktionen": a German name starts with a capital, an adjective phrase does not
        country = (org_country(ent.text, lang) or outlet_country(ent.text)
                   or attached_org_country(article, ent.start, ent.end, lang))
        add(f"organization:{ent.text}", ActorInfo(name=ent.text, kind="organization", country=country),
            ent.start, ent.text)
        head = _HEAD_AFTER.match(text, ent.end)
        if head is not None and domestic_org(head.group(1), lang):
            # "the Umma (Nation) party": the noun after the name says what it is (affiliation reads aliases)
            drafts[f"organization:{ent.text}"].aliases.append(text[ent.start:head.end()])
        last_org = (f"organization:{ent.text}", ent.end)
    return sorted(drafts.values(), key=lambda d: d.first)


def _state_named_org(name: str, known: ActorInfo, lang: str) -> bool:
    """An organisation named after its country ("Montenegro Municipality Association"), not the state itself.

    The table found only the state at the start of the name; the rest is no state body ("Russia's
    government" is the state).
    """
    words = name.split()
    if known.kind != "state" or len(words) < 2 or name in lexicon(lang) or not words[-1][:1].isupper():
        return False
    for n in (2, 1):
        head = " ".join(words[:n])
        rest = " ".join(words[n:])
        info = lexicon(lang).get(head)
        if info is not None and info.kind == "state" and rest:
            return rest not in gov_nouns(lang) and rest not in lexicon(lang) and not role_info(rest.split(), lang) \
                and not lexicon_pattern(lang).search(rest)
    return False


@lru_cache(maxsize=4)
def _gov_patterns(lang: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Word + state body, and two words + state body (the body nouns longest first)."""
    nouns = "|".join(re.escape(n) for n in sorted(gov_nouns(lang), key=len, reverse=True))
    if lang == "de":  # German compounds with a body noun as their head: "Übergangsregierung", "Bundespolizei"
        nouns += "|" + "|".join(rf"[A-ZÄÖÜ]\w{{2,}}{re.escape(h)}" for h, _ in compound_heads(lang))
    # The first word may be a possessive: "Ukraine's defence ministry".
    return (re.compile(rf"(?<![\w-])(?:[\w.]+(?:['’]s)?\s+|[\w.]+-)(?:{nouns})(?![\w])"),
            re.compile(rf"(?<![\w-])[\w.]+\s+[\w.]+\s+(?:{nouns})(?![\w])"))


def _gov_phrases(text: str, lang: str) -> list[re.Match[str]]:
    """Country + state body: "russische Regierung", "US-Armee", "Russlands Militär", "Russian military"."""
    pat, two = _gov_patterns(lang)
    # Two-word demonyms first: "South African government", "Sri Lankan army".
    # ... and a country with a level word: "the Nigerian federal government".
    out = [m for m in two.finditer(text) if " ".join(m.group(0).split()[:2]) in adjectives(lang)
           or (m.group(0).split()[1] in level_words(lang) and country_word(m.group(0).split()[0], lang))]
    for m in pat.finditer(text):
        if any(o.start() <= m.start() < o.end() for o in out):
            continue
        first = re.split(r"[\s-]", m.group(0))[0]
        if first.endswith(("'s", "’s")):
            first = first[:-2]
        if first in adjectives(lang) or prefix_info(first, lang) or first.rstrip("s") in lexicon(lang):
            out.append(m)
    return out


def _names_country(text: str, lang: str) -> bool:
    """Whether a stretch of text names a country: a demonym, a state, or a known place ("in Armenien")."""
    words = re.findall(r"[\w'’.-]+", text)
    return bool(_country_in(words, lang)) or any(w[:1].isupper() and place_country(w, lang) for w in words)


def _code(info: ActorInfo) -> str | None:
    if info.code:
        return info.code
    if info.kind == "person" and info.country:
        return f"{info.country}{info.sector or ''}"
    return None


@component("actors")
def actors(article: Article) -> Article:
    """Fill `article.actors` (A1, A2, ... by first mention) and link `Entity.actor`."""
    lang = article.language if article.language in ("de", "en") else "de"
    drafts = _collect(article, lang)
    result: list[Actor] = []
    for n, d in enumerate(drafts, 1):
        info = d.info
        result.append(Actor(id=f"A{n}", name=info.name, kind=info.kind, country=info.country,
                            sector=info.sector, roles=tuple(d.roles), code=_code(info), aliases=tuple(d.aliases),
                            canonical=info.canonical if info.kind != "person" else None))
    article = article.replace(actors=tuple(result))
    linked: list[Entity] = []
    for ent in article.entities:
        linked.append(ent if ent.actor else dataclasses.replace(ent, actor=_span_actor(article, ent.start, ent.end)))
    return article.replace(entities=tuple(linked))


def mentions(article: Article) -> list[tuple[int, int, str]]:
    """Every occurrence of an actor's alias in the text: (start, end, actor id), in text order."""
    return list(_mentions(article.text, article.actors))


@lru_cache(maxsize=64)
def _mentions(text: str, actor_list: tuple[Actor, ...]) -> tuple[tuple[int, int, str], ...]:
    """Cached alias scan (resolve_span is called once per speaker and subject)."""
    found: list[tuple[int, int, str]] = []
    for actor in actor_list:
        if not actor.aliases:
            continue
        alt = "|".join(re.escape(a) for a in sorted(actor.aliases, key=len, reverse=True))
        for m in re.finditer(rf"(?<![\w-])(?:{alt})(?![\w])", text):
            found.append((m.start(), m.end(), actor.id))
    return tuple(sorted(found))


_AKA = re.compile(r",?\s*(?:known as|also known as|called|nicknamed|alias|genannt|auch bekannt als)\s+[„\"“]?"
                  r"([A-ZÄÖÜ][\w'’-]+(?:\s[A-ZÄÖÜ][\w'’-]+)?)")
_SEAT_AFTER = re.compile(r"\s+(?:in|im|at)\s+([A-ZÄÖÜ][\w-]+)")


def _span_actor(article: Article, start: int, end: int) -> str | None:
    """The actor of the last (head) alias mention inside [start, end), persons first."""
    found = _mentions(article.text, article.actors)
    inside = []
    for k in range(bisect.bisect_left(found, (start,)), len(found)):  # mentions are sorted by start
        m = found[k]
        if m[0] >= end:
            break
        if m[1] <= end:
            inside.append(m)
    if not inside:
        # The entity is part of a longer mention: "Foreign Office" in "the German federal Foreign Office".
        k = bisect.bisect_right(found, (start, float("inf")))
        return next((m[2] for m in reversed(found[max(0, k - 8):k]) if m[0] <= start and end <= m[1]), None)
    kinds = {a.id: a.kind for a in article.actors}
    persons = [m for m in inside if kinds.get(m[2]) == "person"]
    if not persons and len(inside) > 1 and article.language in ("en", "de"):
        # "Russia's embassy in Bucharest", "die russische Botschaft in Paris": a place after "in"/"at" is where
        # the head sits, not the head
        seat = re.search(r"\s(?:in|at|im|bei)\s", article.text[start:end])
        by_id = {a.id: a for a in article.actors}
        if seat and (heads := [m for m in inside if m[1] <= start + seat.start() and (
                kinds.get(m[2]) == "state" or (by_id[m[2]].code or "")[:3] in ("IGO", "NGO"))]):
            return heads[-1][2]
    return (persons or inside)[-1][2]


def _compatible(actor: Actor, info: ActorInfo, lang: str) -> bool:
    """Whether a role description ("Diplomat") fits an actor's roles ("stellvertretender Außenminister")."""
    if actor.kind != "person" or not info.classes:
        return False
    if info.country and info.country != actor.country:
        # "der Außenminister Frankreichs" is not the country-less "Die Außenminister" named before
        return False
    wanted = info.classes[0]
    for role in actor.roles:
        got = role_info(role.split(), lang)
        if got is not None and wanted in got.classes:
            return True
    return False


FEMALE_PRON = {"sie", "ihr", "she", "her"}
MALE_PRON = {"er", "ihm", "ihn", "he", "him"}
FEMALE_TITLES = {"frau", "mrs", "ms", "miss", "madame"}
MALE_TITLES = {"herr", "mr", "monsieur", "sir"}
# German role nouns ending in "-in" that are not feminine forms.
NOT_FEMININE = {"admin", "kremlin", "berlin", "medizin", "disziplin", "vitamin", "termin"}


@lru_cache(maxsize=1)
def _first_names() -> dict[str, str]:
    """First name -> "f"/"m" (kiebitz/data/statements/first_names.tsv)."""
    from importlib import resources

    text = resources.files("kiebitz.data").joinpath("statements", "first_names.tsv").read_text(encoding="utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]
    return {r[0]: r[1].strip() for r in rows if len(r) == 2}


def gender(article: Article, actor: Actor) -> str | None:
    """"f", "m" or None for a person: first name, feminine role noun ("Ministerin"), title ("Frau X", "Mr X")."""
    if actor.kind != "person":
        return None
    names = _first_names()
    for alias in (actor.name, *actor.aliases):
        first = alias.split()[0] if alias.split() else ""
        if first in names and len(alias.split()) > 1:
            return names[first]
    for role in actor.roles:
        head = role.split()[-1].lower() if role.split() else ""
        if head.endswith(("woman", "women")) or head.endswith("in") and len(head) > 5 and head not in NOT_FEMININE \
                and head.endswith(("erin", "entin", "antin", "istin", "onin", "tin", "nin", "rin", "fin", "gin")):
            return "f"
    text = article.text
    for alias in actor.aliases:
        for m in re.finditer(rf"(\w+)\.? {re.escape(alias)}(?!\w)", text):
            title = m.group(1).lower()
            if title in FEMALE_TITLES:
                return "f"
            if title in MALE_TITLES:
                return "m"
    return None


def pronoun_fits(article: Article, actor_id: str | None, pronoun: str) -> bool:
    """Whether a personal pronoun can refer to the actor (gender, when known)."""
    actor = next((a for a in article.actors if a.id == actor_id), None)
    if actor is None or actor.kind != "person":
        return True
    g = gender(article, actor)
    low = pronoun.lower()
    return not (g == "m" and low in FEMALE_PRON - {"ihr"} or g == "f" and low in MALE_PRON)


def _last_group(article: Article, before: list[tuple[int, int, str]]) -> str | None:
    """The last organisation, group or state mentioned before ("they", plural "sie sagten")."""
    kinds = {a.id: a.kind for a in article.actors}
    groups = [m for m in before if kinds.get(m[2]) != "person"]
    return groups[-1][2] if groups else None


def resolve_plural(article: Article, start: int) -> str | None:
    """A plural pronoun at `start` ("sie erklärten"): the last non-person actor mentioned before."""
    return _last_group(article, [m for m in mentions(article) if m[1] <= start])


def _body_anaphors(lang: str) -> frozenset[str]:
    """Nouns standing for the international body named last before ("the bloc", "the alliance")."""
    from .plover import cues

    return cues(lang).get("body_anaphor", frozenset())


def resolve_span(article: Article, start: int, end: int) -> str | None:
    """Actor id for a text span (a subject noun phrase, a speaker): names, table mentions, roles, pronouns."""
    lang = article.language if article.language in ("de", "en") else "de"
    described = _described_person(article, start, end, lang)
    if described is not None:
        return described
    found = _span_actor(article, start, end)
    if found:
        return found
    span = article.text[start:end].strip()
    words = span.split()
    if not words:
        return None
    before = [m for m in mentions(article) if m[1] <= start]
    kinds = {a.id: a for a in article.actors}
    if words[0].lower() == "the" and words[-1].lower() in _body_anaphors(lang):
        # "the bloc said": the international body named last before (as for events, frames._body_anaphors)
        bodies = [m for m in before if (kinds[m[2]].code or "").startswith("IGO")]
        return bodies[-1][2] if bodies else None
    if len(words) == 2 and words[0].lower() in {"der", "die", "das", "des", "the"} and words[1] in body_anaphors(lang):
        # "die Organisation", "the agency": the last body (not a person or state) named before
        bodies = [m for m in before if kinds[m[2]].kind == "organization"]
        known = [m for m in bodies if kinds[m[2]].code]  # a body the tables know before a name the NER guessed
        return (known or bodies)[-1][2] if bodies else None
    if len(words) == 1 and words[0].lower() in {"they", "them"}:
        return _last_group(article, before)
    if len(words) == 1 and words[0].lower() in PRONOUNS[lang]:
        people = [m for m in before if kinds[m[2]].kind == "person"]
        fitting = [m for m in people if pronoun_fits(article, m[2], words[0])]
        if fitting:
            return fitting[-1][2]
        if people and words[0].lower() not in {"sie", "they"}:
            return people[-1][2]
        if words[0].lower() in {"sie", "they"} and before:
            return before[-1][2]
        return None
    info = actor_for_mention(span, lang)
    if info is None:
        return None
    if info.kind != "person":
        for actor in article.actors:
            if (info.code and actor.code == info.code) or actor.name == info.name:
                return actor.id
        return None
    candidates = [a for a in article.actors if _compatible(a, info, lang)]
    head = words[-1].lower()
    if lang == "de" and head.endswith(("in", "innen")) and head not in NOT_FEMININE:
        candidates = [a for a in candidates if gender(article, a) != "m"]  # "die Ministerin"
    elif lang == "en" and head.endswith("woman"):
        candidates = [a for a in candidates if gender(article, a) != "m"]
    if not candidates:
        return None
    definite = words[0].lower() in {"der", "die", "das", "the", "dieser", "diese", "this"}
    if definite:  # "der Diplomat": the last compatible person mentioned before
        for m in reversed(before):
            if kinds[m[2]] in candidates:
                return m[2]
        if lang == "en":
            return None  # "the official said": never a person named only after it
    elif lang == "en" and words[0].lower() in {"a", "an"} and not info.country:
        # "according to a senior administration official": an English wire report's unnamed source is
        # someone else than the people it names (a German "ein hochrangiger Diplomat" often introduces one).
        return None
    # "ein hochrangiger Diplomat": introduced before the name; the most prominent compatible person.
    # An indefinite description that names a nationality ("a Russian official") adds a fact: it
    # may only be a person known to have it, never one whose country the text does not give.
    if info.country:
        candidates = [a for a in candidates if a.country == info.country]
        if not candidates:
            return None
    counts = {a.id: sum(1 for m in mentions(article) if m[2] == a.id) for a in candidates}
    return max(candidates, key=lambda a: (counts[a.id], -int(a.id[1:]))).id


def _described_person(article: Article, start: int, end: int, lang: str) -> str | None:
    """"der SPD-Politiker", "die Grünen-Politikerin": a party-and-role description of the last person named
    before, not the party; a state prefix ("der Kreml-Sprecher") keeps only persons of that state or none."""
    words = article.text[start:end].split()
    if len(words) > 2 and words[2].lower() in {"dem", "der", "den", "einem", "einer"}:
        words = words[:2]  # "sagte der CSU-Politiker dem Sender ntv": the addressee is no part of the speaker
    if lang != "de" or len(words) != 2 or words[0].lower() not in {"der", "die"} or "-" not in words[1]:
        return None
    prefix, _, head = words[1].rpartition("-")
    role = role_of(head, lang)
    if role is None or not {"politician", "spokesperson", "head"} & set(role.classes):
        return None
    state = prefix_info(prefix, lang)
    country = state.country if state is not None and state.kind == "state" else None
    female = head.endswith("in")
    kinds = {a.id: a for a in article.actors}
    for m in reversed([m for m in mentions(article) if m[1] <= start]):
        actor = kinds[m[2]]
        if actor.kind != "person" or country and actor.country not in (None, country):
            continue
        if gender(article, actor) != ("m" if female else "f"):
            return actor.id
    return None


def describe(text: str, lang: str) -> ActorInfo | None:
    """Alias of `actor_for_mention` that also knows bare countries by ISO code (for callers with codes)."""
    if re.fullmatch(r"[A-Z]{3}", text):
        return state_info(text, lang)
    return actor_for_mention(text, lang)


__all__ = ["ActorInfo", "actor_for_mention", "actors", "describe", "mentions", "resolve_span"]


def ensure_actor(article: Article, start: int, end: int) -> tuple[Article, str | None]:
    """Resolve a span, or add an actor the tables describe ("ein Polizeisprecher", "die Opposition")."""
    found = resolve_span(article, start, end)
    if found is not None:
        return article, found
    lang = article.language if article.language in ("de", "en") else "de"
    span = article.text[start:end].strip()
    words = [w for w in span.split() if w.lower() not in DETERMINERS[lang]]
    if not words or span.lower() in PRONOUNS[lang]:
        return article, None
    info = actor_for_mention(span, lang)
    if info is None:
        nouns = gov_nouns(lang)  # a state body without a country: "die Opposition", "the army", "the foreign ministry"
        head = next((h for h in (" ".join(words[-2:]), words[-1]) if h in nouns), None)
        if head is None:
            return article, None
        info = ActorInfo(name=head, kind="group", sector=nouns[head])
        seat = _SEAT_AFTER.match(article.text, end)
        if seat and (iso3 := place_country(seat.group(1), lang)):
            # "teilte das Außenministerium in Paris mit": the body of the country whose seat follows
            info = state_info(iso3, lang, nouns[head])
    name = " ".join(words) if info.kind == "person" else info.name
    for actor in article.actors:
        if actor.name == name and actor.kind == info.kind:
            return article, actor.id
    actor = Actor(id=f"A{len(article.actors) + 1}", name=name, kind=info.kind, country=info.country,
                  sector=info.sector, roles=(info.role,) if info.role else (), code=_code(info),
                  aliases=(span,), canonical=info.canonical if info.kind != "person" else None)
    return article.replace(actors=(*article.actors, actor)), actor.id
