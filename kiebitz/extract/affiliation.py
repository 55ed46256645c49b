"""Event arguments coded from context: the country of an argument the text names without one.

Persons: a country only from what is attached to the mention (the actor tables: adjective,
genitive, prefix, a title of one country in national_roles.tsv), an apposition with a coded body, or,
for a spokesperson, the body named in the sentence before ("Russia's foreign ministry accused ...
Spokeswoman Maria Zakharova said"), or, for a national or domestic office (president, minister,
judge, general, mayor ...), the one country its sentence names when that is not a state the person
acts on ("President Yoweri Museveni has banned Ugandan opposition candidates" UGA); otherwise none.
The nearest of several countries is often an argument of the verb ("Bundeskanzler Scholz hat der
Ukraine ... zugesagt" is no Ukrainian act).
Groups and organisations without a country (named groups, "Demonstranten", "police") take a
demonym right before them, else the nearest state, body or place of their sentence, else (people
and police) that of the last of up to three sentences before that names one. A named organisation
the tables do not know ("Ford cut 3,000 jobs in Germany") takes no country from the places of its
sentence unless its name is that of a domestic political or state body ("... Party"; placed_by_context).

Ethnic groups: a people named as an ethnic group ("ethnic Albanians", "Albanians of southern
Serbia") is coded by the country it lives in when the sentence names one (SRB), as PLOVER/CAMEO
code minorities; the event gets a group actor of that country in place of the people's own.

Domestic targets: a protest or coercion with no named target is aimed at the actor's own country
(its government, its people), the PLOVER/CAMEO convention.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..model import Actor, Article, Event
from .actor_tables import Role, role_of
from .frames import Mention, Sentence
from .places import find_places
from .plover import cues

_NO_ROLE = Role("", None, ())
# Sector codes the tables give bodies of people without a country ("Polizei" -> COP).
_PEOPLE_SECTORS = frozenset({"COP", "MIL", "CVL", "OPP", "REB", "EDU"})

# Organisation codes that are not states (their members have no country of their own).
_TRANSNATIONAL = ("IGO", "NGO", "MNC", "IMG")


def placed_by_context(a: Actor, lang: str) -> bool:
    """Whether an uncoded actor may take the country of the places its sentence or article names.

    Groups of people, police and state bodies without a country act where they are ("Police arrested
    20 protesters in Warsaw"). A named organisation the tables do not know does not: "Ford cut 3,000
    jobs in Germany" says where the event happens, not whose company Ford is; a wrong country is worse
    than none. Only names of domestic political or state bodies ("... Party", "... Front",
    domestic_org_nouns.tsv) are placed (the GSR codes parties and movements by their country).
    """
    if a.kind != "organization" or a.sector or a.code:
        return True
    from .actor_tables import domestic_org

    return any(domestic_org(name, lang) for name in (a.name, *a.aliases))


def _uncoded(a: Actor) -> bool:
    """An actor the tables gave no country and no organisation code."""
    if a.country or (a.code and a.code[:3] in _TRANSNATIONAL) or (a.sector or "") in _TRANSNATIONAL:
        return False
    if a.kind == "person":
        return bool(a.sector)  # an office holder; an untitled name keeps no country
    return a.kind in ("organization", "group")


def _anchors(s: Sentence, article: Article, lang: str, by_id: dict[str, Actor],
             targets: bool = True, acted_on: frozenset[str] = frozenset()) -> list[tuple[int, str]]:
    """Positions of the countries named in a sentence: coded actors' mentions and geocoded places.

    `targets=False` leaves out countries named after a preposition of a target ("Sanktionen gegen
    Russland", "talks with China", "die Grenze zu Belarus"): such a country is what a body acts on, not
    where the body is; nor is an actor the events only act on (`acted_on`: "forderte Moskau zu einer
    Erklärung auf", which German rules read without a parse). A target named by a demonym ("against 28
    Chilean government officials") stays: a country's own people are a domestic target of its office holders
    and bodies."""
    from .actor_tables import adjectives

    adj = adjectives(lang)
    out = []
    for m in s.mentions:
        if not targets and s.toks[m.first].text not in adj and (_is_target(s, m, lang)
                                                                or m.actors and set(m.actors) <= acted_on):
            continue
        for aid in m.actors:
            a = by_id.get(aid)
            if a is not None and a.country and a.kind != "person":
                # Another person's nationality says nothing about this one ("President X welcomed
                # South African leader Y"); states, bodies, groups and places do.
                out.append((m.start, a.country))
    firsts = {t.start: i for i, t in enumerate(s.toks)}
    for loc in find_places(article.text, lang, s.start, s.end):
        if loc.country and loc.start is not None:
            i = firsts.get(loc.start)
            if not targets and i is not None and _is_target(s, Mention(i, i, ()), lang):
                continue
            out.append((loc.start, loc.country))
    return out


def _from_alliance(s: Sentence, m: Mention, by_id: dict[str, Actor]) -> str | None:
    """The IGO code of "aus/from [14] Nato-Staaten" right after a group of people, if any."""
    k = m.last + 1
    if k >= len(s.toks) or s.toks[k].lower not in ("aus", "from"):
        return None
    k += 1
    while k < len(s.toks) and (s.toks[k].tag in ("CARD", "ART", "PIAT", "PIDAT", "ADJA", "CD", "DT", "JJ") or s.toks[k].text.isdigit()):
        k += 1
    nxt = next((x for x in s.mentions if x.first == k), None)
    codes = [by_id[a].code for a in nxt.actors if a in by_id] if nxt is not None else []
    return next((c for c in codes if c and c.startswith("IGO")), None)


def _is_target(s: Sentence, m: Mention, lang: str) -> bool:
    """Whether a mention stands after a preposition that marks a target ("gegen", "against", "zu", "with") or is
    the object of a verb ("forderte Moskau zu einer Erklärung auf", "warned Iran")."""
    from .frames import OBJ_DEPS
    from .roles import _prep_before

    if s.has_dep:
        span = range(m.first, m.last + 1)
        head = next((s.toks[i] for i in span if s.toks[i].head not in span), None)
        if head is not None and head.dep in OBJ_DEPS:
            return True
    return _prep_before(s, m, lang) == "recipient"


def _is_role(tok_text: str, lang: str) -> bool:
    from .roles import _is_role as is_role

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


def _adjective_before(s: Sentence, m: Mention, lang: str) -> str | None:
    """The country of a demonym adjective right before a mention ("Rwandan rebels", "polnische Polizei")."""
    from .actor_tables import adjectives

    table = adjectives(lang)
    words = [t.text for t in s.toks[max(0, m.first - 2) : m.first]]
    if len(words) == 2 and (iso3 := table.get(" ".join(words))):
        return iso3
    return table.get(words[-1]) if words else None


def _spokesperson(a: Actor, lang: str) -> bool:
    """Whether one of the person's roles speaks for a body ("Sprecherin", "spokeswoman")."""
    return any("spokesperson" in (role_of(r, lang) or _NO_ROLE).classes for r in a.roles)


def _previous_body(sentences: list[Sentence], n: int, by_id: dict[str, Actor]) -> Actor | None:
    """The first coded state or body named in the sentence before sentence n (the speaker's organisation)."""
    if n == 0:
        return None
    for m in sentences[n - 1].mentions:
        for aid in m.actors:
            a = by_id.get(aid)
            if a is not None and a.kind != "person" and (a.country or (a.code or "")[:3] in _TRANSNATIONAL):
                return a
    return None


# Possessive determiners whose antecedent may be a body ("Its leader, X", "sein Chef X"): the singular ones
# name an organisation or state, the plural or feminine ones also a group.
_POSSESSIVE_BODY = {"its": ("organization", "state"), "their": ("organization", "state", "group"),
                    "sein": ("organization", "state"), "seine": ("organization", "state"),
                    "seiner": ("organization", "state"), "seinem": ("organization", "state"),
                    "seinen": ("organization", "state"), "dessen": ("organization", "state"),
                    "ihr": ("organization", "state", "group"), "ihre": ("organization", "state", "group"),
                    "ihrer": ("organization", "state", "group"), "ihrem": ("organization", "state", "group"),
                    "ihren": ("organization", "state", "group"), "deren": ("organization", "state", "group")}


def _possessive_body(sentences: list[Sentence], n: int, m: Mention, by_id: dict[str, Actor],
                     lang: str) -> Actor | None:
    """The coded body a possessive title before a person refers back to ("The union called a strike. Its
    leader, X, said": the union's): the last state, organisation or group named before the possessive,
    in its sentence or the one before, when no person is named after it (then the possessive may be his)."""
    s = sentences[n]
    k = m.first - 1
    if k >= 0 and s.toks[k].text == ",":
        k -= 1
    if k < 1 or not _is_role(s.toks[k].text, lang):
        return None
    j = k - 1
    if j >= 0 and s.toks[j].tag in ("ADJA", "JJ"):  # "Its new leader"
        j -= 1
    kinds = _POSSESSIVE_BODY.get(s.toks[j].lower) if j >= 0 else None
    if kinds is None:
        return None
    for back in range(n, max(-1, n - 2), -1):
        for x in reversed(sentences[back].mentions):
            if back == n and x.first >= j:
                continue
            for aid in x.actors:
                a = by_id.get(aid)
                if a is None:
                    continue
                if a.kind == "person":
                    return None
                if a.kind in kinds:
                    return a  # coded now or by its own context below (context_countries)
    return None


def _portfolio_keys(a: Actor, lang: str) -> set[str]:
    """Lower-case words that name the ministry of a minister's portfolio ("Außenministerin" -> "außenministeri",
    "Interior Minister" -> "interior ministry", "ministry of interior"), plus the fixed names of
    portfolio_bodies.tsv ("Auswärtiges Amt", "Foreign Office")."""
    from .actor_tables import portfolio_bodies

    keys: set[str] = set()
    for r in a.roles:
        low = r.lower()
        if lang == "de" and (hit := re.fullmatch(r"(?:\w+-)?(\w{3,}?)minister(?:in|innen|s)?", low)):
            keys.add(hit.group(1) + "ministeri")  # Außenministerium, -ministeriums
        words = low.split()
        if lang == "en" and len(words) >= 2 and words[-1] in ("minister", "secretary"):
            keys |= {f"{words[-2]} ministry", f"ministry of {words[-2]}", f"ministry of the {words[-2]}"}
        role = role_of(r, lang)
        for cls in role.classes if role else ():
            keys |= portfolio_bodies(lang).get(cls, set())
    return keys


def _portfolio_body(a: Actor, sentences: list[Sentence], n: int, m: Mention, article: Article,
                    by_id: dict[str, Actor], lang: str) -> Actor | None:
    """The coded ministry of the minister's own portfolio named up to the mention, when the article names one
    country's only: "Das litauische Außenministerium hat … einbestellt. Außenminister Budrys verurteilte …"
    (LTU, although Russia is named as often: the article's dominant country would guess nothing)."""
    keys = _portfolio_keys(a, lang)
    if not keys:
        return None
    found: dict[str, Actor] = {}
    for k in range(n + 1):
        for x in sentences[k].mentions:
            if k == n and x.first >= m.first:
                break
            text = article.text[x.start:x.end].lower()
            # ... or a place the ministry is seated in ("Das Handelsministerium in Nairobi": the mention is
            # "Nairobi", coded as Kenya's ministry)
            seat = article.text[max(sentences[k].start, x.start - 40):x.start].lower()
            if not any(key in text or re.search(re.escape(key) + r"\w*\s+(?:in|im)\s+$", seat) for key in keys):
                continue
            for aid in x.actors:
                b = by_id.get(aid)
                if b is not None and b.kind != "person" and b.country:
                    found[b.country] = b
                elif b is not None and b.kind != "person" and not b.code and (
                        anchors := _anchors(sentences[k], article, lang, by_id, targets=False)):
                    # A ministry the tables leave without a country is where its sentence places it,
                    # by the nearest country named ("Das Handelsministerium in Seoul reichte … ein").
                    iso3 = min(anchors, key=lambda p: abs(p[0] - x.start))[1]
                    found.setdefault(iso3, _state_of(article, iso3))
    return next(iter(found.values())) if len(found) == 1 else None


# Role classes of national offices: a head of state or government, minister or monarch acts for one
# state, and a sentence that names only one country (and not as the state they act on) names theirs.
# Judges, prosecutors, generals, legislators, governors and mayors are domestic offices of the same kind
# (not diplomats or envoys, who act abroad).
_NATIONAL_OFFICES = frozenset({"president", "headofgov", "minister", "monarch", "vicepresident", "judge", "prosecutor",
                               "general", "military", "legislator", "partyleader", "opposition", "governor", "mayor"})


def _national_office(a: Actor, lang: str) -> bool:
    """Whether one of the person's roles is a national office (president, head of government, minister)."""
    return any(set((role_of(r, lang) or _NO_ROLE).classes) & _NATIONAL_OFFICES for r in a.roles)


def _sole_country(s: Sentence, article: Article, lang: str, by_id: dict[str, Actor], evs: list[Event],
                  aid: str) -> str | None:
    """The one country a sentence names (states, bodies, groups, places), when it names exactly one.

    Not when that country is a state the office holder acts on ("Präsident X sagte der Ukraine Hilfe
    zu": the Ukraine is the recipient, not X's country) or a state acting on them.
    """
    countries = {c for _, c in _anchors(s, article, lang, by_id, targets=False)}
    if len(countries) != 1:
        return None
    iso3 = next(iter(countries))
    from .actor_tables import adjectives

    adj = adjectives(lang)
    # The states named by their name ("Ukraine"), not by an adjective ("Ugandan opposition").
    named = {a for m in s.mentions if s.toks[m.first].text not in adj for a in m.actors}
    for ev in evs:
        if aid in ev.actor and any(by_id[r].kind == "state" and by_id[r].country == iso3 and r in named
                                   for r in ev.recipient if r in by_id):
            return None
        if aid in ev.recipient and any(by_id[a].kind == "state" and by_id[a].country == iso3
                                       for a in ev.actor if a in by_id):
            return None  # "The German government welcomed President X's statement": a foreign head
    return iso3


# Sectors of state bodies that a later bare mention ("the army", "die Polizei", "the government") continues.
_BODY_SECTORS = frozenset({"MIL", "COP", "SPY", "GOV"})


def _same_body(sentences: list[Sentence], n: int, m: Mention, a: Actor, by_id: dict[str, Actor], lang: str,
               back: range) -> str | None:
    """The country of the last state body of the same sector named in the sentences `back` (n: before the
    mention) of a bare one ("Israeli forces struck targets in Khan Younis, the army said": ISR, not the
    place struck). A state's name is no GOV body ("die Grenze zu Russland" names no government): the
    mention must hold a body noun; nor is a target ("Sanktionen gegen Moskau")."""
    from .actor_tables import gov_noun_sector

    if a.kind == "person" or (a.sector or a.code) not in _BODY_SECTORS:
        return None
    sector = a.sector or a.code
    for k in back:
        for x in reversed(sentences[k].mentions):
            if (k == n and x.first >= m.first) or _is_target(sentences[k], x, lang):
                continue
            if sector == "GOV" and not any(gov_noun_sector(t.text, lang) == "GOV"
                                           for t in sentences[k].toks[x.first:x.last + 1]):
                continue
            for bid in x.actors:
                b = by_id.get(bid)
                if b is not None and b.id != a.id and b.country and b.kind != "person" and b.sector == sector \
                        and b.code and b.code.endswith(sector):
                    return b.country
    return None


def _state_of(article: Article, iso3: str) -> Actor:
    """A state actor for a country code (the article's own when it names the state)."""
    return next((a for a in article.actors if a.kind == "state" and a.country == iso3),
                Actor(id="", name=iso3, kind="state", country=iso3))


_VICTIM_TYPES = frozenset({"ASSAULT", "COERCE"})


def context_countries(article: Article, evs: list[Event], sentences: list[Sentence], lang: str) -> Article:
    """Give uncoded office holders and groups among the events' arguments a country from their context.

    A person's country comes only from what is attached to the mention (the tables: adjective,
    genitive, prefix, a national title), an apposition with a coded body, or, for a spokesperson
    first named without one, the body named in the sentence before ("Russia's foreign ministry
    accused ... Spokeswoman Maria Zakharova said"); never from another argument of the verb
    ("Bundeskanzler Scholz hat der Ukraine ... zugesagt"). Groups and organisations take the nearest
    country of their sentence.
    """
    by_id = {a.id: a for a in article.actors}
    args = {aid for ev in evs for aid in (*ev.actor, *ev.recipient, ev.claimed_by or "") if aid in by_id}
    # Any person named in apposition with a coded state or body takes its code; statement speakers too
    # ("Das kündigte Innenminister X in Warschau an. ... sagte X").
    speakers = {st.speaker for st in article.statements if st.speaker in by_id}
    persons = {aid for aid in args | speakers if by_id[aid].kind == "person" and not by_id[aid].country
               and not by_id[aid].code}
    coded: dict[str, Actor] = {}
    seen: set[str] = set()
    for n, s in enumerate(sentences):
        for m in s.mentions:
            for aid in set(m.actors) & persons:
                if aid not in coded and (body := _apposition(s, m, by_id, lang)) is not None:
                    coded[aid] = body
                elif aid not in coded and (body := _portfolio_body(by_id[aid], sentences, n, m, article, by_id,
                                                                   lang)) is not None:
                    coded[aid] = body
                elif aid not in coded and aid not in seen and _spokesperson(by_id[aid], lang) and (
                        body := _previous_body(sentences, n, by_id)) is not None:
                    coded[aid] = body  # at the spokesperson's first mention only
                elif aid not in coded and aid not in seen and _national_office(by_id[aid], lang) and (
                        iso3 := _sole_country(s, article, lang, by_id, evs, aid)):
                    coded[aid] = _state_of(article, iso3)
                seen.add(aid)
    if coded:
        article = article.replace(actors=tuple(
            replace(a, country=coded[a.id].country, code=coded[a.id].code if coded[a.id].kind != "state"
                    else f"{coded[a.id].country}{a.sector or ''}") if a.id in coded else a
            for a in article.actors))
        by_id = {a.id: a for a in article.actors}
    todo = {aid for aid in args if _uncoded(by_id[aid]) and by_id[aid].kind != "person"}
    if not todo:
        return article
    # The victims of an attack are where it happened ("Ukrainian drones killed three people ... in
    # Belgorod": RUS, not the attacker's country named closer to them).
    located = {r: ev.location.country for ev in evs if ev.type in _VICTIM_TYPES and ev.location
               and ev.location.country for r in ev.recipient}
    found: dict[str, str] = {}
    members: dict[str, str] = {}  # group id -> the code of the alliance it comes from
    acting = {aid for ev in evs for aid in ev.actor}
    acted_on = frozenset(aid for ev in evs for aid in ev.recipient if aid not in acting)
    for n, s in enumerate(sentences):
        here = [(m, aid) for m in s.mentions for aid in m.actors if aid in todo and aid not in found]
        if not here:
            continue
        anchors = _anchors(s, article, lang, by_id, targets=False)
        for m, aid in here:
            if by_id[aid].kind == "group" and aid not in members and (code := _from_alliance(s, m, by_id)):
                members[aid] = code  # "Soldaten aus 14 Nato-Staaten": the alliance's, not a country's
                found[aid] = ""
                continue
            if by_id[aid].kind == "group" and aid in located and not _adjective_before(s, m, lang):
                found[aid] = located[aid]
                continue
            if by_id[aid].sector == "ETH" and (iso3 := _residence(s, m, "", anchors, lang, True)):
                found[aid] = iso3  # a people: where it lives ("Kurdish positions in Syria")
                continue
            if aid not in found and (iso3 := _adjective_before(s, m, lang)):
                found[aid] = iso3  # "Rwandan rebels", "die polnische Polizei": attached to the mention
            if aid not in found and (iso3 := _same_body(sentences, n, m, by_id[aid], by_id, lang,
                                                         range(n, n - 1, -1))):
                found[aid] = iso3  # "Israeli forces struck targets in Khan Younis, the army said": ISR's
            if anchors and aid not in found and placed_by_context(by_id[aid], lang):
                found[aid] = min(anchors, key=lambda p: abs(p[0] - m.start))[1]
            elif aid not in found and (iso3 := _same_body(sentences, n, m, by_id[aid], by_id, lang,
                                                           range(n - 1, max(-1, n - 4), -1))):
                found[aid] = iso3  # "Die georgische Polizei nahm … fest. Die Polizei sagte …" (no place named)
            elif aid not in found and (by_id[aid].kind == "group" or by_id[aid].code in _PEOPLE_SECTORS):
                # "In Polen demonstrierten ... Die Polizei nahm 20 Personen fest": people and police
                # named without a place are where the last sentence naming one is (up to three back).
                for k in range(n - 1, max(-1, n - 4), -1):  # up to three sentences back
                    if before := _anchors(sentences[k], article, lang, by_id, targets=False, acted_on=acted_on):
                        found[aid] = min(before)[1]
                        break
    if not found:
        return article
    actors = []
    for a in article.actors:
        iso3 = found.get(a.id)
        if a.id in members:
            actors.append(replace(a, code=members[a.id]))
            continue
        if iso3 is None:
            actors.append(a)
            continue
        sector = a.code if a.code in _PEOPLE_SECTORS else a.sector  # "Polizei" (COP) in Georgia: GEOCOP
        actors.append(replace(a, country=iso3, code=f"{iso3}{sector or ''}"))
    return article.replace(actors=tuple(actors))


def possessive_titles(article: Article, evs: list[Event], sentences: list[Sentence], lang: str) -> Article:
    """Persons named with a possessive title ("The union called a strike. Its leader, X, warned ...") take the
    code of the body the possessive refers back to; run after context_countries and dominant_countries, which
    may code that body from its own context."""
    by_id = {a.id: a for a in article.actors}
    args = {aid for ev in evs for aid in (*ev.actor, *ev.recipient, ev.claimed_by or "") if aid in by_id}
    args |= {st.speaker for st in article.statements if st.speaker in by_id}
    persons = {aid for aid in args if by_id[aid].kind == "person" and not by_id[aid].country
               and not by_id[aid].code}
    found: dict[str, Actor] = {}
    for n, s in enumerate(sentences):
        for m in s.mentions:
            for aid in set(m.actors) & persons:
                if aid not in found and (body := _possessive_body(sentences, n, m, by_id, lang)) is not None \
                        and (body.country or (body.code or "")[:3] in _TRANSNATIONAL):
                    found[aid] = body
    if not found:
        return article
    return article.replace(actors=tuple(
        replace(a, country=found[a.id].country, code=found[a.id].code) if a.id in found else a
        for a in article.actors))


# Acts a government does to its own people (release, arrest, charge, punish): a person of its country
# is a target of its own.
_OWN_PEOPLE_TYPES = frozenset({"CONCEDE", "COERCE", "ACCUSE", "SANCTION"})


def distinct_arguments(article: Article, evs: list[Event]) -> list[Event]:
    """Collapse repeated codes in an argument list and drop recipients that are the actor itself.

    "Scholz hat der Ukraine ... zugesagt" must never become UKR -> UKR; a government arresting its
    own citizens has different codes (POLCOP -> POLCVL) and stays.
    """
    by_id = {a.id: a for a in article.actors}

    def key(aid: str) -> str:
        a = by_id.get(aid)
        if a is not None and a.sector == "ETH":
            return f"{a.code}:{a.name}"  # two peoples of one country (Igbo, Hausa: NGAETH) are no self-loop
        return (a.code or a.name) if a is not None else aid

    out = []
    for ev in evs:
        actor = tuple({key(a): a for a in reversed(ev.actor)}.values())[::-1]
        own = {key(a) for a in actor}
        # A person acted on by a body of their own country stays ("the South African government released
        # Nelson Mandela"), as in the roles.
        bodies = ev.type in _OWN_PEOPLE_TYPES and not any(by_id[a].kind == "person" for a in actor if a in by_id)
        recipient = tuple({key(a): a for a in reversed(ev.recipient) if key(a) not in own or (
            bodies and a in by_id and by_id[a].kind == "person")}.values())[::-1]
        if (actor, recipient) != (ev.actor, ev.recipient):
            ev = replace(ev, actor=actor, recipient=recipient)
        out.append(ev)
    return out


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


def _population(s: Sentence, m: Mention, lang: str) -> bool:
    """A demonym + population noun ("the Albanian population", "the Russian minority")."""
    nouns = cues(lang).get("population_noun", frozenset())
    return any(s.toks[i].lower in nouns for i in range(m.first, min(m.last + 2, len(s.toks))))


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
                place = ev.location.country if ev.location else None
                if iso3 is None and place and place != own and _population(s, m, lang):
                    # "ethnic cleansing in Montenegro against the Albanian population": a national
                    # population or minority where the event happens lives there.
                    iso3 = place
                if iso3 is None:
                    continue
                name = f"{by_id[aid].name} ({iso3})"
                new = next((a.id for a in actors if a.name == name), None)
                if new is None:
                    new = f"A{len(actors) + 1}"
                    canonical = by_id[aid].canonical
                    actors.append(Actor(id=new, name=name, kind="group", country=iso3, code=iso3,
                                        aliases=by_id[aid].aliases,
                                        canonical=f"{canonical} ({iso3})" if canonical else None))
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


def _country_actor(actors: list[Actor], iso3: str, sector: str | None, exclude: tuple[str, ...], lang: str) -> str:
    """The id of a country's government (sector) or people (no sector), added to `actors` if not there yet."""
    from .actor_tables import canonical_of, state_info

    code = f"{iso3}{sector}" if sector else iso3
    rid = next((a.id for a in actors if a.code == code and a.id not in exclude), None)
    if rid is not None:
        return rid
    name = state_info(iso3, lang).name
    population = f"{name} (population)"
    actor = Actor(id=f"A{len(actors) + 1}", name=name if sector else population,
                  kind="state" if sector else "group", country=iso3, sector=sector, code=code, aliases=(),
                  canonical=None if sector else canonical_of(population))
    actors.append(actor)
    return actor.id


def domestic_targets(article: Article, evs: list[Event], lang: str) -> tuple[Article, list[Event]]:
    """Give target-less PROTEST / COERCE events the actor's own country as recipient."""
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
        out.append(replace(ev, recipient=(_country_actor(actors, iso3, sector, ev.actor, lang),)))
    if len(actors) != len(article.actors):
        article = article.replace(actors=tuple(actors))
    return article, out


# Claimed events that may take the addressee of the speech act that frames them as their target.
ADDRESSEE_TYPES = frozenset({"AID", "SUPPORT", "COOPERATE", "CONCEDE", "RETREAT"})


def addressee_targets(article: Article, evs: list[Event]) -> list[Event]:
    """A claimed aid/support event without a target takes the addressee of its frame's speech act.

    "Biden promised Ukraine that the United States would keep sending weapons": the promise (AGREE,
    coded from the cue) has Ukraine as target; the weapons inside the claim go to the same addressee.
    """
    by_cue = {(ev.evidence.trigger_start, ev.statement): ev for ev in evs if ev.recipient}
    starts = {st.id: st.cue_start for st in article.statements}
    out = []
    for ev in evs:
        frame = by_cue.get((starts.get(ev.statement or ""), None)) if ev.statement else None
        if frame is not None and not ev.recipient and ev.type in ADDRESSEE_TYPES and frame.actor != ev.actor \
                and not set(frame.recipient) & set(ev.actor):
            ev = replace(ev, recipient=frame.recipient)
        out.append(ev)
    return out


def place_targets(article: Article, evs: list[Event], lang: str, types: frozenset[str]) -> tuple[Article, list[Event]]:
    """Give a target-less attack the country where it happened ("bombs exploded in Kabul" -> AFG population)."""
    actors = list(article.actors)
    out = []
    for ev in evs:
        iso3 = ev.location.country if ev.location else None
        if ev.type not in types or ev.recipient or not iso3:
            out.append(ev)
            continue
        out.append(replace(ev, recipient=(_country_actor(actors, iso3, None, ev.actor, lang),)))
    if len(actors) != len(article.actors):
        article = article.replace(actors=tuple(actors))
    return article, out
