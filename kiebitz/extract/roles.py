"""Event arguments and modality: who acts on whom in a trigger's clause, and how it is asserted.

Helpers of the events component (events.py): the actor is the subject or agent, the recipient the
objects and prepositional targets of the trigger's clause, with the conventions for speech acts,
relative clauses, sources ("according to"), conditions, passives and compound names; the modality
(negated / hypothetical / future / asserted) comes from cue words of the clause.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Article
from .frames import (
    AGENT_DEPS,
    OBJ_DEPS,
    PASSIVE_SUBJ_DEPS,
    SUBJ_DEPS,
    Mention,
    Sentence,
)
from .plover import VERBAL_TYPES, Match, Tok, cues

# Responses to a proposal or demand: its author ("calls by X") is their target.
_RESPONSE_TYPES = frozenset({"REJECT", "AGREE", "CONCEDE"})
# Complaints: what they are about ("over", "about") is their target, not their addressee.
_GRIEVANCE_TYPES = frozenset({"ACCUSE", "PROTEST"})
# Types whose place never stands for their target: protesters are coded by where they protest.
_NO_PLACE_TARGET = frozenset({"PROTEST"})


@dataclass
class Roles:
    """Arguments found for one trigger."""

    actor: tuple[str, ...]
    recipient: tuple[str, ...]
    source: str  # subject / agent / inherited / speaker / none


def _lang(article: Article) -> str:
    return "en" if (article.language or "de").startswith("en") else "de"


def _prep_before(s: Sentence, m: Mention, lang: str) -> str | None:
    """The kind of preposition governing a mention (recipient / agent / other), if any."""
    c = cues(lang)
    i = m.first - 1
    for _ in range(4):
        if i < 0:
            return None
        t = s.toks[i]
        if t.dep == "quantmod" or (t.lower == "to" and i > 0 and s.toks[i - 1].lower == "up"):
            return None  # "up to 1,000 ethnic Turks": a quantity, not a preposition
        if t.lower in c.get("approx", ()) and i + 1 < m.first and (s.toks[i + 1].pos == "NUM" or s.toks[i + 1].text.isdigit()) \
                and not _exact_count(s, i + 1, m.first, c):
            return None  # "About 200 supporters", "rund 500 Demonstranten": an approximate number
        if t.lower in c["prep_recipient"]:
            return "recipient"
        if t.lower in c.get("prep_addressee", ()) and any(x.forms & c.get("addressee_verb", frozenset()) for x in s.toks):
            return "recipient"  # "entschuldigte sich bei der Demokratischen Republik Kongo": whom one apologises to
        if t.lower in c["prep_agent"]:
            return "agent" if t.lower in c.get("strict_agent", ()) else "agent:weak"
        if t.lower == "of" and i > 0 and s.toks[i - 1].lower in c.get("target_noun", ()):
            return "recipient"  # "in defiance of Chinese authorities", "in protest of the ban"
        if t.lower in c["prep_other"]:
            if t.lower == "of" and i > 0 and (s.toks[i - 1].lower in c.get("quantity", ()) or s.toks[i - 1].pos == "NUM"):
                return None  # "dozens of protesters": a quantity, not a preposition
            if i > 0 and t.lower in ("in", "im", "of") and s.toks[i - 1].lower in c.get("seat_noun", ()):
                return None  # "die Regierung in Kiew", "the government in Kabul": the body of that place
            return "other:" + t.lower
        skippable = t.lower in c["determiner"] or t.lower in c.get("place_noun", ()) or t.pos in ("DET", "ADJ", "NUM") or (
            not s.has_pos and t.text[:1].islower() and t.text.isalpha()
        ) or (lang == "en" and _is_role_tok(t, lang))  # "supporters of former President Ahmed Ben Bella"
        if not skippable:
            return None
        i -= 1
    return None


def _exact_count(s: Sentence, i: int, end: int, c: dict[str, frozenset[str]]) -> bool:
    """A small spelled-out number ("over two Israeli air raids") is a count, not an approximation
    ("about 200", "over two hundred", "rund zwei Dutzend")."""
    nxt = s.toks[i + 1] if i + 1 < end else None
    return s.toks[i].lower in c.get("small_number", ()) and not (nxt is not None and (
        nxt.pos == "NUM" or nxt.lower in c.get("quantity", ())))


def _genitive_agent(s: Sentence, m: Mention, match: Match, lang: str) -> bool:
    """A mention right after a trigger noun ("Anfrage Washingtons") or before it ("Washington's request")."""
    c = cues(lang)
    last = max(match.tokens)
    anchor = s.toks[match.anchor]
    nounish = anchor.pos in ("NOUN", "PROPN") or (not s.has_pos and anchor.text[:1].isupper() and lang == "de")
    if nounish and m.first > last:
        between = s.toks[last + 1 : m.first]
        if len(between) <= 2 and all(t.lower in c.get("genitive_article", ()) or t.pos == "ADJ" for t in between):
            return True
    if lang == "en" and m.last + 1 < len(s.toks) and s.toks[m.last + 1].lower in ("'s", "’s"):
        return 0 < min(match.tokens) - m.last <= 4
    return lang == "en" and s.toks[m.last].lower.endswith(("'s", "’s")) and 0 < min(match.tokens) - m.last <= 3


def _dep_role(s: Sentence, m: Mention) -> str | None:
    """Role from the parse: the dependency of the mention's head token (following conjunctions)."""
    if not s.has_dep:
        return None
    idx = range(m.first, m.last + 1)
    heads = [i for i in idx if s.toks[i].head not in idx]
    if not heads:
        return None
    t = s.toks[heads[0]]
    for _ in range(3):
        # "Three US servicemen were killed": a modifier takes the role of the noun it modifies.
        if t.dep in ("compound", "amod") and 0 <= t.head < len(s.toks) and s.toks[t.head].pos in ("NOUN", "PROPN"):
            t = s.toks[t.head]
            continue
        if t.dep in ("conj", "cj") and 0 <= t.head < len(s.toks):
            t = s.toks[t.head]
            continue
        if t.dep == "pobj" and 0 <= t.head < len(s.toks) and s.toks[t.head].dep == "agent":
            return "agent"
        break
    if t.dep in AGENT_DEPS:
        return "agent"
    if t.dep in PASSIVE_SUBJ_DEPS:
        return "object"
    if t.dep in SUBJ_DEPS:
        return "subject"
    if t.dep in OBJ_DEPS:
        return "object"
    return None


def _groups(s: Sentence, ms: list[Mention], lang: str) -> list[list[Mention]]:
    """Coordinated mentions ("X und Y", "X, Y and Z") as one compound argument."""
    out: list[list[Mention]] = []
    coord = cues(lang).get("coordinator", frozenset()) | {",", "sowie"}
    for m in ms:
        if out:
            prev = out[-1][-1]
            between = s.toks[prev.last + 1 : m.first]
            # "Libyan leader Gaddafi and Bulgarian President Zhivkov": titles may stand between.
            if between and len(between) <= 4 and any(t.lower in coord for t in between) and all(
                t.lower in coord or t.lower in cues(lang)["determiner"] or t.pos in ("DET", "ADJ")
                or _is_role(t.text, lang) for t in between
            ) and (len(between) <= 3 or any(_is_role(t.text, lang) for t in between)):
                out[-1].append(m)
                continue
            if _between_pair(s, out[-1], between, lang):
                out[-1].append(m)
                continue
            if _comma_apposition(s, prev, m, between):
                # "The head of the UN mission, Lakhdar Brahimi, urged ...": a person's name set off by
                # commas after a phrase with a name is that phrase's apposition (one argument).
                ids = tuple(dict.fromkeys(prev.actors + m.actors))
                coded = tuple(a for a in ids if _code_of(s, a))
                out[-1][-1] = Mention(prev.first, m.last, coded or ids, prev.start, m.end)
                continue
            if [t.text for t in between] == ["("] and m.last + 1 < len(s.toks) and s.toks[m.last + 1].text == ")" \
                    and not any((_code_of(s, a) or "").endswith("GOV") for a in prev.actors):
                # "The Homeland Union (Conservatives)": a name in brackets after a party's or group's
                # name is its alias (not after a state: "Montenegro Municipality Association (AKK)" may
                # have left only the state of a longer name).
                ids = tuple(dict.fromkeys(prev.actors + m.actors))
                out[-1][-1] = Mention(prev.first, m.last, ids, prev.start, m.end)
                continue
            # "NATO-Generalsekretär Jens Stoltenberg": the title is the rest of the body's compound.
            # "den französischen Präsidenten Emmanuel Macron": the body's mention ends in the title.
            compound = not between and m.first == prev.last + 1 and (_is_role(
                s.toks[prev.last].text[prev.end - s.toks[prev.last].start:].lstrip("-"), lang)
                or (prev.last > prev.first and _is_role_tok(s.toks[prev.last], lang)))
            if compound or between and len(between) <= 4 and any(_is_role_tok(t, lang) for t in between) and (all(
                _is_role_tok(t, lang) or t.lower in ("'s", "’s", ",") or t.pos in ("ADJ", "DET")
                for t in between
            ) or _is_role_phrase([t.text for t in between], lang)):
                # An apposition: "Pakistan President Zia", "Lebanon's new President Hrawi" is one
                # argument; a person the tables give no country is coded by the state or body named
                # with it (the person alone would leave the argument without a code).
                ids = tuple(dict.fromkeys(prev.actors + m.actors))
                coded = tuple(a for a in ids if _code_of(s, a))
                out[-1][-1] = Mention(prev.first, m.last, coded or ids, prev.start, m.end)
                continue
        out.append([m])
    return out


def _between_pair(s: Sentence, group: list[Mention], between: list[Tok], lang: str) -> bool:
    """"between an Israeli peace movement and the PLO": the two sides after "between" are one
    compound argument, whatever head noun the first one has."""
    c = cues(lang)
    if len(group) != 1 or not between or len(between) > 5 or sum(t.lower in ("and", "und") for t in between) != 1:
        return False
    if any(t.pos in ("VERB", "AUX", "PUNCT") or t.text in ",;:" for t in between):
        return False
    i = group[0].first - 1
    while i >= 0 and (s.toks[i].lower in c["determiner"] or s.toks[i].pos in ("DET", "ADJ", "NUM")):
        i -= 1
    return i >= 0 and s.toks[i].lower in c.get("between", ())


def _comma_apposition(s: Sentence, prev: Mention, m: Mention, between: list[Tok]) -> bool:
    """", NAME," after a short noun phrase ending in a name ("the head of the UN mission, Lakhdar Brahimi,")."""
    if not between or between[-1].text != "," or len(between) > 3 or not set(m.actors) <= s.persons:
        return False
    if set(prev.actors) & s.persons or m.last + 1 >= len(s.toks) or s.toks[m.last + 1].text != ",":
        return False
    return all(t.pos in ("NOUN", "PROPN", "ADJ") for t in between[:-1]) and not any(
        t.text in (",", ";", ":") for t in between[:-1])


def _between_sides(s: Sentence, ms: list[Mention], lang: str) -> list[Mention]:
    """The two sides named after "between" ("talks between Israel and Syria"), else []."""
    ordered = sorted(dict.fromkeys(ms), key=lambda m: m.first)
    for g in _groups(s, ordered, lang):
        if len(g) == 2 and _between_pair(s, g[:1], s.toks[g[0].last + 1 : g[1].first], lang):
            return g
    return []


def _code_of(s: Sentence, actor_id: str) -> str | None:
    """The CAMEO-style code of an actor ("Berlin" and "die Bundesregierung" are both DEUGOV)."""
    return s.codes.get(actor_id)


def _is_role(word: str, lang: str) -> bool:
    """A title or office noun from the actor tables ("President", "Außenminister")."""
    try:
        from .actor_tables import role_info
    except ImportError:  # no actor tables installed
        return False
    return (word[:1].isupper() or lang == "en") and word.isalpha() and role_info([word], lang) is not None


def _is_role_phrase(words: list[str], lang: str) -> bool:
    """A multi-word title from the actor tables ("Secretary of State")."""
    try:
        from .actor_tables import roles
    except ImportError:  # no actor tables installed
        return False
    return " ".join(words) in roles(lang)


def _is_role_tok(t: Tok, lang: str) -> bool:
    """A title token, inflected ones included ("den französischen Präsidenten")."""
    if _is_role(t.text, lang):
        return True
    if lang != "de" or not t.text[:1].isupper():
        return False
    forms = {f[:1].upper() + f[1:] for f in t.forms if f} | {t.text[:-n] for n in (1, 2) if len(t.text) > 4}
    return any(_is_role(f, lang) for f in forms)


def _ids(group: list[Mention]) -> tuple[str, ...]:
    seen: list[str] = []
    for m in group:
        for a in m.actors:
            if a not in seen:
                seen.append(a)
    return tuple(seen)


def _roles(
    s: Sentence, match: Match, lang: str, speaker: str | None, prev_actor: tuple[str, ...],
    bounds: tuple[int, int] | None = None, governed: bool = False, clause: int | None = None,
) -> Roles:
    clause = s.toks[match.anchor].clause if clause is None else clause
    ms = [m for m in s.mentions if s.toks[m.first].clause == clause and not (set(range(m.first, m.last + 1)) & set(match.tokens))]
    ms = [m for m in ms if not _source_mention(s, m, lang)]
    # "The US Congress": a name that only qualifies the next one (a compound) is part of it.
    ms = [m for m in ms if not _qualifies_next(s, m)]
    # "die Regierung in Washington": when the body is itself a mention, its seat is part of it, no argument.
    ms = [m for m in ms if not _seat_of(s, m, ms, lang)]
    if bounds is not None:
        # In a claim only what the claim names are arguments, not the speaker in its frame.
        ms = [m for m in ms if bounds[0] <= m.start and m.end <= bounds[1]]
    agents: list[Mention] = []
    bare: list[Mention] = []
    targets: list[Mention] = []
    places: list[tuple[Mention, str]] = []
    qualifiers: list[Mention] = []  # names inside the subject phrase: its actor or nothing
    passive = _passive(s, clause, lang)
    nominal = _nominal(s, match)
    # A name inside the trigger word is its agent: "EU-Sanktionen", "US-Waffenlieferungen".
    inside = [m for m in s.mentions for i in match.tokens
              if s.toks[i].start <= m.start and m.end < s.toks[i].end]
    # "Russian drones struck": a name whose head noun is the trigger, when nothing before it acts.
    lead = [m for m in s.mentions for i in match.tokens
            if m.start < s.toks[i].start and s.toks[i].end <= m.end and s.toks[m.first].clause == clause]
    for m in ms:
        prep = _prep_before(s, m, lang)
        dep = _dep_role(s, m)
        if prep in ("agent", "agent:weak") and nominal and m.first > match.anchor and not _attached_to(s, m, match):
            prep = "other:by"  # "negotiations on a pullback from Lebanon": the phrase belongs to another noun
        if dep == "object" and _subject_of_other_passive(s, m, match):
            dep = None  # "Serb forces were engaged in ethnic cleansing": the subject of the event
        if dep == "object" and m.first < match.anchor and s.toks[match.anchor].lower in cues(lang).get("stative", ()):
            dep = None  # "Israel is opposed to ...": a state, its subject is the one who holds it
        if prep == "agent" and not (passive or nominal) and m.first > match.anchor:
            prep = "other:by"  # "rejected calls by Kofi Annan": the by-phrase belongs to the noun
        if dep == "agent" and match.verbal and m.first > match.anchor and not _attached_to(s, m, match):
            # "Sudan rejected a plan drafted by Egypt": the agent of a participle inside the object is not
            # the trigger's
            dep, prep = None, "other:by"
        if prep == "agent:weak" and match.trigger.type == "RETREAT" and s.toks[m.first - 1].lower in ("from", "aus"):
            prep = "other:from"  # "the withdrawal of forces from Panama": where they leave, not who leaves
        if prep == "agent:weak" and not (passive or nominal):
            # "forderte von Deutschland": in an active clause "von"/"from" marks the addressee.
            prep = "recipient"
        elif prep == "agent:weak":
            prep = "agent"
        if prep == "agent" or dep == "agent" or (prep is None and _genitive_agent(s, m, match, lang)):
            agents.append(m)
        elif prep == "recipient":
            targets.append(m)
        elif prep == "other:of" and m.first < match.anchor and _in_subject(s, m, match):
            bare.append(m)  # "Leaders of the opposition coalition agreed": the subject's body
            qualifiers.append(m)
        elif prep == "other:of" and m.first > min(match.tokens) and _of_object(s, m, match):
            targets.append(m)  # "demanded the withdrawal of Serbian forces": whom the object concerns
        elif prep is not None and prep.startswith("other:"):
            places.append((m, prep))
        elif dep == "object":
            targets.append(m)
        else:
            bare.append(m)
    subjects = [m for m in bare if not _in_apposition(s, m, match)]
    if subjects:
        # "The EU's foreign policy chief, Kaja Kallas, expressed solidarity with Warsaw", "Ireland and France,
        # the biggest exporters to China, urged Brussels": a name in the subject's apposition is no target.
        inner = [m for m in (*bare, *targets) if m.first > subjects[0].last and _in_apposition(s, m, match)]
        bare = [m for m in bare if m not in inner]
        targets = [m for m in targets if m not in inner]
    if passive and not agents:
        # "has been accused of misusing funds, much of it embezzled, by Haitian officials": the
        # by-agent of a passive may follow a parenthetical clause.
        later = [m for m in s.mentions if s.toks[m.first].clause > clause and m.first > match.anchor
                 and _prep_before(s, m, lang) == "agent"]
        agents = later[:1]
    if not agents and (antecedent := _antecedent(s, clause, lang, min(match.tokens))):
        # "police detained protesters who rallied", "Menschen, die demonstrierten": the relative
        # clause's event is the antecedent's; the names before it belong to the main clause.
        agents = [antecedent]
        bare = [b for b in bare if b.first > antecedent.last]
    if inside and not agents:
        agents = inside
    de_passive = passive and lang == "de" and match.verbal and not match.similar \
        and any(s.toks[i].tag == "VVPP" for i in match.tokens)
    if lead and not agents and not de_passive and not [b for b in bare if b.first < lead[0].first]:
        agents = lead
    elif lead and agents != lead or lead and de_passive:
        # "Deutschland wies vier russische Diplomaten aus": a group named around the trigger's
        # object noun, with someone else acting, is the target.
        targets += [m for m in lead if m not in targets]
    if de_passive and not agents:
        # "Der russische Botschafter sei einbestellt worden": the subject of a German passive is acted
        # upon; the actor is only ever a von/durch phrase (the German parse, which would say so, is unused)
        targets += [m for m in bare if m not in targets]
        bare = []
    if nominal and not agents and governed:
        # "Polen verurteilten den Angriff auf die Ukraine": the clause's subject belongs to the
        # verb; a noun event it governs needs its own agent.
        return Roles((), (), "none")
    if nominal and not agents and not _instrument(s, match):
        # A bare noun event ("die Lieferung von Waffen ... die USA") takes its actor from before it;
        # names after the noun are its targets, not its agents.
        targets += [m for m in bare if m.first > match.anchor]
        bare = [m for m in bare if m.first < match.anchor]
    bare_groups = _groups(s, bare, lang)
    if match.trigger.role == "speaker":
        if not speaker:
            return Roles((), (), "none")
        # "the US must be ready to mediate between Israelis and Palestinians": the one the speaker
        # demands something of is the subject of "must", not every name of the claim.
        rec = bare_groups[0] if bare_groups else targets
        return Roles((speaker,), _ids(rec), "speaker")
    if qualifiers and bare_groups:
        # "Druze inhabitants of the Syrian Golan Heights threatened": a name inside the subject
        # phrase qualifies the subject; it is no target.
        bare_groups = [g for g in bare_groups if not (set(g) & set(qualifiers)) or g is bare_groups[0]]
    if agents:
        actor, source, rest = _ids(_groups(s, agents, lang)[0]), "agent", [m for g in bare_groups for m in g]
    elif speaker and bare_groups and bare_groups[0][0].first > min(match.tokens) and _pronoun_subject(s, match, lang):
        # "The PLO said it would not accept Israel's conditions": the pronoun subject before the
        # verb is the speaker; the names after it are objects.
        actor, source, rest = (speaker,), "speaker", [m for g in bare_groups for m in g]
    elif bare_groups and not _shared_subject(s, clause, lang):
        actor, source, rest = _ids(bare_groups[0]), "subject", [m for g in bare_groups[1:] for m in g]
    elif prev_actor and _continues(s, clause, lang):
        actor, source, rest = prev_actor, "inherited", [m for g in bare_groups for m in g]
    elif match.trigger.type == "PROTEST" and places:
        # Protesters are coded by where they protest ("Demonstrators in Baghdad" -> IRQ).
        actor, source, rest = _ids([places[0][0]]), "place", [m for g in bare_groups for m in g]
    elif passive and match.verbal and targets and places:
        # "Three US servicemen were killed outside the Iraqi city of Basra": an attack whose
        # attacker is not named is coded by where it happened (the PLOVER/GSR convention).
        actor, source, rest = _ids([places[0][0]]), "place", []
    elif speaker and match.trigger.type in VERBAL_TYPES and not _nominal_subject(s, match) \
            and not (nominal and _own_genitive(s, match, lang)):
        # (not "Yellen said the firms had urged Moscow …": the firms, whoever they are, urged; nor "die
        # Warnungen der Meteorologen seien ignoriert worden": the noun names its own speaker)
        actor, source, rest = (speaker,), "speaker", [m for g in bare_groups for m in g]
    elif speaker and _pronoun_subject(s, match, lang):
        # "Japan said it had halted aid": the pronoun subject of a claim is its speaker.
        actor, source, rest = (speaker,), "speaker", [m for g in bare_groups for m in g]
    elif nominal and (sides := _between_sides(s, targets, lang)):
        # "Talks between Israel and Syria resumed": the two sides of a noun event are its parties
        # (reciprocal: each is the other's actor and target).
        actor, source, rest = _ids([sides[0]]), "between", sides[1:]
        targets = []
    elif speaker and _zu_infinitive(s, clause, lang) and not _object_control(s, clause, lang):
        # "Estland hat angekündigt, Soldaten an die Grenze zu verlegen": an infinitive has no subject
        # of its own; the one who announces or promises it is the one who acts.
        actor, source, rest = (speaker,), "speaker", [m for g in bare_groups for m in g]
    else:
        return Roles((), (), "none")
    authors = [m for m, p in places if p == "other:by" and m.first > match.anchor]
    if authors and match.trigger.type in _GRIEVANCE_TYPES:
        # "investigating alleged war crimes by Croatian extremists against Serb civilians":
        # the author of the condemned act is the accused, not its victim; so for a protest
        # ("demonstrations against human rights violations by the Israeli military").
        targets = authors[:1]
        rest = [m for m in rest if m.first > authors[0].first]
    grievance = [m for m, p in places if p in ("other:over", "other:about")]
    if grievance and match.trigger.type in _GRIEVANCE_TYPES:
        # "complained to the United Nations over Israeli air raids": the target is whom the
        # complaint is about, not whom it is addressed to.
        targets = grievance[:1]
        rest = [m for m in rest if m.first > grievance[0].first]
    if rest:
        # "den Beitritt Schwedens zur NATO", "Waffenlieferungen der USA an Taiwan": a phrase after
        # the object belongs to the object's noun, not to the event.
        first_obj = min(m.first for m in rest)
        targets = [m for m in targets if m.first < first_obj]
    rec = rest + targets
    own = {(_code_of(s, a) or "")[:3] for a in actor} - {""}
    if match.trigger.type in _OWN_FORCES_TYPES and own:
        # "India put its troops on high alert along the border with Pakistan": the forces an actor
        # mobilises or withdraws are its own, not the target.
        rec = [m for m in rec if not {(_code_of(s, a) or "")[:3] for a in m.actors} <= own]
    if match.trigger.type in _FORCES_GIVEN_TYPES:
        # ... and troops offered, sent or contributed are what is given ("ready to contribute
        # 4,000 troops to a force in Liberia").
        rec = [m for m in rec if not _forces_noun(s, m, lang)]
    withdrawn_from = [m for m, p in places if p in ("other:aus", "other:from", "agent:from")]
    if match.trigger.type == "RETREAT" and withdrawn_from:
        rec = withdrawn_from[:1]  # "withdrawing its troops from Lebanon under a UN resolution"
    if len(rec) > 1:
        # "den französischen Präsidenten Emmanuel Macron": an apposition among the targets is one argument.
        ordered = sorted(dict.fromkeys(rec), key=lambda m: m.first)
        # Only the first (compound) target is the event's: later names belong to other phrases
        # ("agreed to US mediation in talks with the Palestinians").
        rec = _groups(s, ordered, lang)[0]
    rec = [m for m in rec if not set(m.actors) <= set(actor)]  # "APEC ... (APEC)": the actor again
    if not rec and match.trigger.type in _RESPONSE_TYPES:
        # "rejected calls by Kofi Annan", "accepted a proposal by Egypt": the author of what is
        # answered is the target.
        rec = [m for m, p in places if p == "other:by"]
    if not rec and _place_target(match):
        # "deployed warships near Taiwan", "massed troops along the border": the place is the target too
        rec = [m for m, p in places if p in ("other:in", "other:im", "other:near", "other:along")]
    if not rec and match.trigger.type == "RETREAT":
        rec = [m for m, p in places if p in ("other:aus", "other:from", "agent:from")]
    codes = {_code_of(s, a) for a in actor} - {None}
    # A recipient with the actor's code is the actor named again ("APEC ... (APEC)"), unless it is a
    # person acted on by a body ("accused Aristide ... by Haitian government officials").
    recipient = tuple(a for a in _ids(rec) if a not in actor and (
        _code_of(s, a) is None or _code_of(s, a) not in codes or (a in s.persons and not set(actor) & s.persons)))
    if (not recipient and passive and source == "agent" and match.verbal and prev_actor and not bare
            and s.toks[min(match.tokens)].clause > 0 and not set(prev_actor) & set(actor)):
        # "The United States, which sent no delegation, was criticised by African ministers": the passive's
        # subject stands before the parenthetical clause; it is the target.
        recipient = tuple(prev_actor)
    return Roles(actor, recipient, source)


def _speech_act_roles(article: Article, s: Sentence, match: Match, roles: Roles, clause: int) -> Roles:
    """The speaker of a statement whose cue is the trigger acts ("forderte er die EU auf, …", "warf X vor").

    The statements component resolved the speaker (pronouns included: "er" is the last person who
    spoke); the names of the frame clause are the addressees, else the first other actor the
    content names ("Sollte Deutschland … liefern, werde Moskau reagieren, drohte Lawrow" -> DEU).
    """
    words = {s.toks[i].start for i in match.tokens}
    st = next((x for x in article.statements if x.cue_start is not None and x.speaker
               and any(x.cue_start <= w < (x.cue_end or x.cue_start) for w in words)), None)
    if st is None or st.speaker_start is None or match.trigger.type not in VERBAL_TYPES:
        return roles
    span = range(st.speaker_start, st.speaker_end or st.speaker_start + 1)
    same = st.speaker in roles.actor or any(m.start in span for m in s.mentions if set(m.actors) & set(roles.actor))
    if same:
        actor = roles.actor  # the speaker's own mention is the subject found
        rec = roles.recipient
    else:
        cs, ce = _clause_span(s, clause)
        pronoun = (st.speaker_text or "").lower() in _PRONOUNS.get(_lang(article), ())
        if not (pronoun or cs <= st.speaker_start < ce):
            return roles
        actor = (st.speaker,)
        rec = tuple(dict.fromkeys(roles.actor + roles.recipient))
    own = {s.codes.get(a) for a in actor} - {None}
    rec = tuple(a for a in rec if a not in actor and s.codes.get(a) not in own)
    if not rec:
        inside = [m for m in s.mentions if st.start <= m.start and m.end <= st.end]
        rec = next((m.actors for m in inside if all(s.codes.get(a) not in own for a in m.actors)
                    and not set(m.actors) & set(actor)), ())
    return Roles(actor, tuple(rec), roles.source if same else "speaker")


def _antecedent(s: Sentence, clause: int, lang: str, first: int) -> Mention | None:
    """The mention a relative clause before token `first` is about: the one ending right before its pronoun."""
    rel = cues(lang).get("relative", frozenset())
    pron = [t for t in s.toks[:first] if t.lower in rel and t.i > 0 and (t.clause == clause or t.clause == clause - 1)]
    if not pron:
        return None
    t = pron[-1]
    comma = s.toks[t.i - 1].text == ","
    if lang == "de" and not comma:
        return None  # "die" without a comma before it is an article
    if lang == "en" and t.lower == "that" and not (t.i + 1 < len(s.toks) and s.toks[t.i + 1].pos in ("VERB", "AUX")):
        return None  # "said that ...": a complementiser
    end = t.i - (2 if comma else 1)
    return next((m for m in s.mentions if m.last == end), None)


def _source_mention(s: Sentence, m: Mention, lang: str) -> bool:
    """A mention naming the source of the report ("nach Angaben der Behörden", "according to police")."""
    c = cues(lang)
    words = c.get("source_word", frozenset())
    before = [t.lower for t in s.toks[max(0, m.first - 4) : m.first]]
    if any(w in words for w in before[-4:]) and all(
            w in words or w in c["determiner"] or w in ("nach", "to", "by", "der", "des", "von") for w in
            before[next(i for i, w in enumerate(before) if w in words):]):
        return True
    after = s.toks[m.last + 1].lower if m.last + 1 < len(s.toks) else ""
    return after == "zufolge"


def _condition_subject(s: Sentence, clause: int, actor: tuple[str, ...], lang: str) -> tuple[str, ...]:
    """The first name in a following "unless/if" clause, before its verb (its subject), if any."""
    c = cues(lang)
    for nxt in (clause + 1, clause + 2):
        toks = s.clause_toks(nxt)
        if toks and toks[0].text in ",;":
            toks = toks[1:]  # "…, falls Moskau …"
        if not toks or toks[0].lower not in c.get("conditional", ()):
            continue
        verb = next((t.i for t in toks if t.pos in ("VERB", "AUX")), toks[-1].i)
        for m in s.mentions:
            if s.toks[m.first].clause == nxt and m.first < verb and not set(m.actors) & set(actor):
                return m.actors
        return ()
    return ()


def _np_head(s: Sentence, m: Mention) -> Tok | None:
    """The head noun of the phrase a mention sits in ("U.N." in "U.N. weapons inspectors" -> inspectors)."""
    idx = range(m.first, m.last + 1)
    heads = [i for i in idx if s.toks[i].head not in idx]
    t = s.toks[heads[0]] if heads else None
    for _ in range(3):
        if t is None or t.dep not in ("compound", "amod") or not 0 <= t.head < len(s.toks):
            break
        if s.toks[t.head].pos not in ("NOUN", "PROPN") or t.head < t.i:
            break
        t = s.toks[t.head]
    return t


def _of_noun(s: Sentence, t: Tok | None) -> Tok | None:
    """The noun an "of" phrase headed by `t` completes ("the X" in "Members of the X" -> Members), if any."""
    if t is None or t.dep != "pobj" or not 0 <= t.head < len(s.toks):
        return None
    prep = s.toks[t.head]
    if prep.lower != "of" or not 0 <= prep.head < len(s.toks):
        return None
    return s.toks[prep.head]


def _in_apposition(s: Sentence, m: Mention, match: Match) -> bool:
    """A mention before the trigger inside an apposition (parsed "appos"), or the apposition itself."""
    if not s.has_dep or m.last >= min(match.tokens):
        return False
    t, steps = m.last, 0
    while 0 <= t < len(s.toks) and steps < 6 and t not in match.tokens:
        if s.toks[t].dep == "appos":
            return True
        t, steps = s.toks[t].head, steps + 1
    return False


def _in_subject(s: Sentence, m: Mention, match: Match) -> bool:
    """A mention after "of" inside the trigger verb's subject ("Members of the X investigated")."""
    if not s.has_dep:
        return False
    t = _np_head(s, m)
    for _ in range(2):  # pobj -> "of" -> the subject noun (one nested "of" allowed)
        t = _of_noun(s, t)
        if t is None:
            return False
        if t.dep in SUBJ_DEPS:
            return t.head in match.tokens
    return False


def _of_object(s: Sentence, m: Mention, match: Match) -> bool:
    """A mention after "of" that completes the trigger verb's direct object ("a meeting of the Security Council")."""
    if not s.has_dep or not match.verbal:
        return False
    obj = _of_noun(s, _np_head(s, m))
    return obj is not None and obj.dep in OBJ_DEPS and obj.head in match.tokens


def _qualifies_next(s: Sentence, m: Mention) -> bool:
    """A mention that is a compound modifier of the mention right after it ("US Congress", "Iraqi army")."""
    if not s.has_dep or (m.first != m.last and s.toks[m.last].pos != "PROPN"):
        return False  # "Ivory Coast rebels": a multi-word name qualifies by its last word
    nxt = next((n for n in s.mentions if 0 < n.first - m.last <= 3), None)
    if m.first != m.last and nxt is not None and set(nxt.actors) & s.persons:
        return False  # "Arab League Secretary General X": the title joins body and person (one argument)
    t = s.toks[m.last]
    # Follow the compound chain: "NATO-member Norway" (NATO -> member -> Norway).
    for _ in range(3):
        if nxt is None or t.dep != "compound" or not 0 <= t.head < len(s.toks):
            return False
        if nxt.first <= t.head <= nxt.last:
            return True
        t = s.toks[t.head]
    return False


def _seat_of(s: Sentence, m: Mention, ms: list[Mention], lang: str) -> bool:
    """A place right after "<seat noun> in" whose seat noun ends another mention ("Regierung in Kiew")."""
    i = m.first - 1
    return (i >= 1 and s.toks[i].lower in ("in", "im", "of") and s.toks[i - 1].lower in cues(lang).get("seat_noun", ())
            and any(o.last == i - 1 for o in ms))


def _place_target(match: Match) -> bool:
    """Whether the event's place may stand for its target when nothing else is named."""
    return match.trigger.type not in _NO_PLACE_TARGET


# Types whose object is the actor's own forces (mobilised, withdrawn), never its target.
_OWN_FORCES_TYPES = frozenset({"MOBILIZE", "RETREAT"})
_FORCES_GIVEN_TYPES = frozenset({"MOBILIZE", "RETREAT", "AGREE", "AID"})

def _forces_noun(s: Sentence, m: Mention, lang: str) -> bool:
    """A mention of troops or police named without a country ("its troops", "soldiers")."""
    from .actor_tables import lexicon

    info = lexicon(lang).get(" ".join(t.text for t in s.toks[m.first: m.last + 1]))
    return info is not None and not info.country and info.sector in ("MIL", "COP")


# Verbs whose complement is not a fact: refusals, demands, threats, promises.
_FRAME_TYPES = frozenset({"AGREE", "REJECT", "REQUEST", "THREATEN", "ACCUSE"})
_FRAME_REACH = 12


def _frames(s: Sentence, matches: list[Match]) -> dict[int, str]:
    """Anchor -> type of the frame trigger whose complement holds it ("refused [to lift the curfew]")."""
    heads = [m for m in matches if (m.verbal or s.toks[m.anchor].pos == "ADJ" or _predicative(s, m) is not None)
             and m.trigger.role == "act" and m.trigger.type in _FRAME_TYPES and not _in_condition(s, m)]
    out: dict[int, str] = {}
    for m in matches:
        if m in heads:
            continue
        for h in heads:
            # "ready to host a meeting": the frame ends at its adjective when its noun follows the complement.
            end = max(h.tokens) if h.verbal or _predicative(s, h) is None else _predicative(s, h)
            if 0 < m.anchor - end <= _FRAME_REACH and m.anchor not in h.tokens:
                out[m.anchor] = h.trigger.type
                break
    return out


def _in_condition(s: Sentence, m: Match) -> bool:
    """A trigger inside a clause that opens with a condition ("Sollte Belgrad die Gespräche abbrechen, …"):
    it frames nothing in the main clause that follows."""
    toks = [t for t in s.clause_toks(s.toks[m.anchor].clause) if t.text not in ",;"]
    opening = cues("de").get("conditional_initial", frozenset()) | cues("en").get("conditional_initial", frozenset())
    return bool(toks) and toks[0].lower in opening


def _predicative(s: Sentence, m: Match) -> int | None:
    """The predicative adjective of a verbless pattern ("ready ... meeting", "willing ... talks"), if any."""
    return next((i for i in m.tokens if s.toks[i].pos == "ADJ" and s.toks[i].dep == "acomp"), None)


def _depends_on(s: Sentence, i: int, heads: tuple[int, ...]) -> bool:
    """Token i hangs (within four steps up the parse) from one of the tokens `heads`."""
    for _ in range(4):
        i = s.toks[i].head
        if i < 0 or i >= len(s.toks):
            return False
        if i in heads:
            return True
        if s.toks[i].head == i:
            return False
    return False


def _attributive(s: Sentence, t: Tok, lang: str = "en") -> bool:
    """A participle or adjective between a determiner and its noun ("the occupied territories").

    A hedge ("alleged", "suspected": `hedge` cues) modifying a noun after it is attributive with or
    without a determiner ("hand over alleged bombers", "the alleged human rights violations"): it
    names nobody's accusation.
    """
    if t.lower in cues(lang).get("hedge", ()) and t.i < t.head < len(s.toks) and s.toks[t.head].pos in ("NOUN", "PROPN"):
        return True
    if t.i == 0 or t.i + 1 >= len(s.toks) or s.toks[t.i - 1].pos != "DET":
        return False
    return (t.pos == "ADJ" or t.tag in ("VBN", "ADJA")) and s.toks[t.i + 1].pos in ("NOUN", "PROPN")


# German "man" in a claim is the speaking institution ("werde man Sanktionen verhängen, teilte die EU mit").
_PRONOUNS = {"en": frozenset({"it", "he", "she", "they", "we"}), "de": frozenset({"er", "sie", "wir", "man"})}


def _zu_infinitive(s: Sentence, clause: int, lang: str) -> bool:
    """A German infinitive clause with "zu" and no finite verb ("…, die Truppen abzuziehen")."""
    if lang != "de" or not s.has_pos:
        return False
    toks = s.clause_toks(clause)
    if any(t.tag.endswith("FIN") for t in toks):
        return False
    return any(t.tag == "VVIZU" or (t.lower == "zu" and t.tag == "PTKZU") for t in toks)


def _object_control(s: Sentence, clause: int, lang: str) -> bool:
    """The clause before names a request to someone ("forderte Russland auf, … abzuziehen"): the infinitive is theirs."""
    words = cues(lang).get("object_control", frozenset())
    return any(t.forms & words for t in s.clause_toks(clause - 1)) if clause else False


def _nominal_subject(s: Sentence, match: Match) -> bool:
    """The trigger's clause has a noun subject of its own before the trigger that names no actor ("the firms")."""
    if not s.has_dep:
        return False
    clause = s.toks[match.anchor].clause
    first = min(match.tokens)
    inside = {i for m in s.mentions for i in range(m.first, m.last + 1)}
    return any(t.i < first and t.pos in ("NOUN", "PROPN") and t.dep in SUBJ_DEPS and t.i not in inside
               for t in s.clause_toks(clause))


def _pronoun_subject(s: Sentence, match: Match, lang: str) -> bool:
    """The trigger's clause has a personal pronoun as subject before the trigger ("... said it would allow")."""
    clause = s.toks[match.anchor].clause
    first = min(match.tokens)
    for t in s.clause_toks(clause):
        if t.i >= first:
            break
        if t.lower in _PRONOUNS.get(lang, ()) and (not s.has_dep or t.dep in SUBJ_DEPS or t.dep in PASSIVE_SUBJ_DEPS):
            return True
    return False


def _attached_to(s: Sentence, m: Mention, match: Match) -> bool:
    """Whether the preposition before a mention hangs from the trigger (true when there is no parse)."""
    if not s.has_dep:
        return True
    idx = range(m.first, m.last + 1)
    heads = [i for i in idx if s.toks[i].head not in idx]
    prep = s.toks[heads[0]].head if heads else -1
    if not 0 <= prep < len(s.toks) or s.toks[prep].pos != "ADP":
        return True
    return s.toks[prep].head in match.tokens


def _subject_of_other_passive(s: Sentence, m: Mention, match: Match) -> bool:
    """The mention is the passive subject of a verb that is not part of the trigger."""
    idx = range(m.first, m.last + 1)
    heads = [i for i in idx if s.toks[i].head not in idx]
    if not heads or s.toks[heads[0]].dep not in PASSIVE_SUBJ_DEPS:
        return False
    return s.toks[heads[0]].head not in match.tokens


def _own_genitive(s: Sentence, match: Match, lang: str) -> bool:
    """A noun event followed by a genitive phrase of its own ("die Warnungen der Meteorologen")."""
    nxt = max(match.tokens) + 1
    arts = cues(lang).get("genitive_article", frozenset())
    return nxt + 1 < len(s.toks) and s.toks[nxt].lower in arts and s.toks[nxt + 1].tag in ("NN", "ADJA", "NE")


def _instrument(s: Sentence, match: Match) -> bool:
    """A noun event in a fronted instrument phrase ("Mit Warnstreiks hat die Gewerkschaft …", "With airstrikes,
    Israel …"): the subject after the verb is its actor."""
    first = min(match.tokens)
    k = first - 1
    while k >= 0 and s.toks[k].tag in ("ADJA", "ART", "CARD", "PIAT", "JJ", "DT", "CD"):
        k -= 1
    return k >= 0 and s.toks[k].lower in ("mit", "with") and not any(
        t.pos in ("VERB", "AUX") for t in s.toks[:k])


def _passive(s: Sentence, clause: int, lang: str) -> bool:
    """A passive clause: a passive auxiliary ("wurde", "was") with a participle."""
    toks = s.clause_toks(clause)
    aux = cues(lang).get("passive_aux", frozenset())
    if not any(t.lower in aux for t in toks):
        return False
    return any(t.tag in ("VVPP", "VBN") for t in toks) if s.has_pos else True


def _nominal(s: Sentence, match: Match) -> bool:
    """Whether a trigger is a noun phrase only (no verb among its tokens); needs tags."""
    if not s.has_pos:
        return False
    # "ready to host a meeting": a predicative adjective of the pattern is its predicate.
    return not any(s.toks[i].pos in ("VERB", "AUX") or (s.toks[i].pos == "ADJ" and s.toks[i].dep == "acomp")
                   for i in match.tokens) and s.toks[match.anchor].pos == "NOUN"


def _continues(s: Sentence, clause: int, lang: str) -> bool:
    """Whether a clause continues the previous one (starts with a coordinator or has no finite verb)."""
    toks = s.clause_toks(clause)
    if not toks or clause == 0:
        return False
    first = toks[1] if toks[0].text in ",;" and len(toks) > 1 else toks[0]
    return first.lower in cues(lang).get("coordinator", ()) or _shared_subject(s, clause, lang)


def _shared_subject(s: Sentence, clause: int, lang: str) -> bool:
    """A coordinated clause without a finite verb shares the subject of the one before."""
    if clause == 0 or not s.has_pos:
        return False
    toks = s.clause_toks(clause)
    first = toks[1] if toks and toks[0].text in ",;" and len(toks) > 1 else (toks[0] if toks else None)
    finite = [t for t in toks if t.finite or t.tag.endswith("FIN") or t.tag in ("VBD", "VBZ", "VBP")]
    if first is not None and lang == "en" and first.tag == "VBG" and toks[0].text == "," and not finite:
        return True  # "…, accusing the island of provocations": a participle adjunct shares the subject
    if first is None or first.lower not in cues(lang).get("coordinator", ()):
        return False
    if not finite:
        return True
    # "verurteilte den Angriff und forderte Moskau auf": a finite verb right after the coordinator
    # has the first clause's subject; the names after it are its objects.
    nxt = s.toks[first.i + 1] if first.i + 1 < len(s.toks) else None
    return lang == "de" and nxt is not None and nxt is finite[0] and nxt.tag.endswith("FIN")


def _clause_span(s: Sentence, clause: int) -> tuple[int, int]:
    toks = [t for t in s.clause_toks(clause) if t.text not in (",", ";", ":")]
    toks = toks or s.clause_toks(clause)
    return toks[0].start, toks[-1].end
