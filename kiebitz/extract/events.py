"""Events: who did what to whom, when and where, coded in PLOVER (component "events").

Per sentence: trigger lexicon matches (plover.py) give type and mode; the anchor's clause gives the
arguments (actor = subject or agent, recipient = objects and prepositional targets), the modality
(negated / hypothetical / future / asserted, with PLOVER's refusal convention), the date phrase
(time.py) and the place (places.py). Events inside a statement are claims: they point at the
statement and its speaker, and a speech act with no named actor is the speaker's.
"""

from __future__ import annotations

from dataclasses import replace

from ..model import Article, Event, Evidence, Location, Statement
from ..pipeline import component
from .affiliation import (
    addressee_targets,
    context_countries,
    distinct_arguments,
    domestic_targets,
    ethnic_residence,
    place_targets,
    possessive_titles,
)
from .discourse import rejected_authors
from .dominant import dominant_countries
from .frames import (
    Sentence,
    build_sentences,
    complete_actors,
)
from .modality import _condition_clause, clause_modality, fronted_condition
from .places import find_places, geocode
from .plover import NEGATION_FLIP, VERBAL_TYPES, Match, Tok, cues, find_triggers
from .roles import (
    _FRAME_TYPES,
    _attributive,
    _clause_span,
    _condition_subject,
    _continues,
    _depends_on,
    _frames,
    _ids,
    _lang,
    _nominal,
    _prep_before,
    _roles,
    _speech_act_roles,
    _zu_infinitive,
)
from .similar import similar_matches
from .time import find_dates
from .told_targets import aid_targets, reaction_targets

# Attacks whose place, geocoded, is their target when no target is named (affiliation.place_targets).
_PLACE_TARGET_TYPES = frozenset({"ASSAULT", "RETREAT"})

# Languages whose uncovered main verbs are coded by lexicon similarity (similar.py).
SIMILARITY_LANGS = {"en", "de"}

def _statement_for(article: Article, pos: int) -> Statement | None:
    for st in article.statements:
        if st.start <= pos < st.end:
            return st
    return None


def _statement_date(article: Article, st: Statement, sentences: list[Sentence], lang: str) -> tuple[str | None, str | None]:
    """The date phrase of a statement's frame ("sagte X am Montag"): the sentence minus the quote."""
    for s in sentences:
        if s.end <= st.start and not (s.start <= (st.speaker_start or -1) < s.end):
            continue
        if s.start >= st.end and not (s.start <= (st.cue_start or -1) < s.end):
            continue
        for d in find_dates(article.text, lang, article.published, start=s.start, end=s.end):
            if (d.end <= st.start or d.start >= st.end) and d.date:
                return d.date, d.precision
    return None, None



def _named_protesters(s: Sentence, match: Match, actor: tuple[str, ...]) -> bool:
    """A protest noun that names the protesters themselves ("police fired tear gas at demonstrators"): their
    protest is theirs; coded with someone else as actor it is no event (the act on them is)."""
    if len(match.tokens) != 1 or match.trigger.type != "PROTEST":
        return False
    i = match.anchor
    return any(m.first <= i <= m.last and not set(m.actors) & set(actor) for m in s.mentions)


_EMBEDDING_DEPS = frozenset({"acl", "relcl", "pcomp", "advcl"})


def _embedded(s: Sentence, match: Match, start: int) -> bool:
    """Whether the English word at `start` lies inside a participle or gerund phrase that is not the event's:
    a date there ("released soldiers captured during fighting in 2023", "accusing them of organising an
    attack last year") dates that phrase, not the event."""
    if not s.has_dep:
        return False
    t = next((k for k, tok in enumerate(s.toks) if tok.start <= start < tok.end), None)
    steps = 0
    while t is not None and 0 <= t < len(s.toks) and steps < 8 and t not in match.tokens:
        if s.toks[t].dep in _EMBEDDING_DEPS and s.toks[t].pos == "VERB" and s.toks[t].tag in ("VBN", "VBG"):
            return True
        nxt = s.toks[t].head
        t, steps = (None if nxt == t else nxt), steps + 1
    return False


def _object_pronoun(s: Sentence, match: Match) -> int | None:
    """The index of a personal pronoun that is the trigger verb's direct object ("accusing them of ...")."""
    if not s.has_dep:
        return None
    return next((t.i for t in s.toks if t.lower in ("them", "him", "her") and t.dep in ("dobj", "obj")
                 and t.head in match.tokens), None)


_DEFINITE = frozenset({"the", "this", "these", "those", "such"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "nsubj:pass"})


def _told_before(s: Sentence, match: Match, lang: str, c: dict[str, frozenset[str]]) -> bool:
    """An English definite event noun without an agent of its own that is a subject ("the agreement would
    save lives") or what a reaction verb is about ("called the expulsions ...", "commented on the
    accusations"): it refers to an event already told, whose actor is not this clause's subject."""
    if lang != "en" or not s.has_dep or not _nominal(s, match):
        return False
    first = min(match.tokens)
    k = first - 1
    while k >= 0 and s.toks[k].pos in ("ADJ", "ADV", "PUNCT", "NOUN", "PROPN") and first - k <= 3:
        k -= 1  # "the recent expulsions", "the 'illegal' sanctions"
    if k < 0 or s.toks[k].lower not in _DEFINITE:
        return False
    noun = s.toks[match.anchor]
    if noun.dep in _SUBJECT_DEPS:
        return True
    head = noun.head
    while 0 <= head < len(s.toks) and s.toks[head].pos == "ADP":
        head = s.toks[head].head  # "commented on the accusations"
    if not 0 <= head < len(s.toks) or s.toks[head].pos != "VERB":
        return False
    return bool(s.toks[head].forms & c.get("reaction_verb", frozenset()))


@component("events")
def events(article: Article) -> Article:
    """Fill `article.events` (E1, E2, ... in text order)."""
    lang = _lang(article)
    article, extra = complete_actors(article, lang)
    guessed: set[int] = set()  # trigger offsets of the events found by similarity
    # Actors political by themselves, before the context passes lend every name the article's country: a state,
    # a code or a sector ("the authorities": GOV with no country yet) other than civilians (CVL, "people"), the
    # catch-all of ordinary persons.
    political = {a.id for a in article.actors if a.country or a.code or a.sector not in (None, "", "CVL")}
    sentences = build_sentences(article, lang, extra)
    found: dict[tuple, Event] = {}
    order: list[tuple] = []
    c = cues(lang)
    for sn, s in enumerate(sentences):
        clause_actor: dict[int, tuple[str, ...]] = {}
        frame_conf: dict[str, float] = {}  # type -> confidence of the verbal frame events so far
        clause_date: dict[int, tuple[str | None, str | None]] = {}
        reported = any(st.start < s.end and st.end > s.start for st in article.statements)
        matches = find_triggers(s.toks, lang, reported)
        if s.has_pos and lang in SIMILARITY_LANGS:
            # A main verb no pattern knows is coded by its nearest lexicon phrases (lower confidence).
            matches = sorted(matches + similar_matches(s, matches, lang, c.get("no_event_verb", frozenset())),
                             key=lambda m: m.anchor)
        frames = _frames(s, matches)
        for match in matches:
            anchor: Tok = s.toks[match.anchor]
            if len(match.tokens) == 1 and _attributive(s, anchor, lang):
                continue  # an attributive participle ("the occupied West Bank") names no event
            st = _statement_for(article, anchor.start)
            if st is not None and any(s.toks[i].start == st.cue_start for i in match.tokens):
                st = None  # "recalled its envoy": the pattern's verb is the cue, the event is no claim's content
            if st is not None and s.has_pos and match.trigger.role != "speaker" and not any(
                    t.pos in ("VERB", "AUX") for t in s.toks if st.start <= t.start < st.end):
                # "Ecuador declared a state of emergency", "kündigte Gegenmaßnahmen an": a content without
                # a verb is the object of the speaker's own act, not a claim about someone else's.
                st = None
            if match.trigger.role == "speaker" and st is None:
                continue
            clause = anchor.clause
            modality, negated, volitional = clause_modality(s, match, lang, st is not None)
            prev = clause_actor.get(clause - 1, ()) or _bare_subject(s, clause - 1, lang)
            # Only a verb that is an event itself governs a noun event: a similarity guess or a speaker
            # pattern outside a statement does not ("declared a state of emergency").
            governed = any(m is not match and m.verbal and not m.similar and s.toks[m.anchor].clause == anchor.clause
                           and not (m.trigger.role == "speaker" and st is None)
                           and (not s.has_dep or _depends_on(s, match.anchor, m.tokens)) for m in matches)
            head = s.toks[min(match.tokens)].clause
            if head != clause and s.toks[min(match.tokens)].pos == "VERB":
                # "Jakarta forced the UN refugee agency, UNHCR, out": an apposition split the pattern;
                # the clause of its verb holds the arguments.
                clause, prev = head, clause_actor.get(head - 1, ())
            roles = _roles(s, match, lang, st.speaker if st else None, prev, (st.start, st.end) if st else None,
                           governed, clause)
            if roles.source in ("subject", "inherited", "speaker") and _told_before(s, match, lang, c):
                continue  # "called the expulsions a Russophobic step": the expulsions were told before
            if roles.source == "agent" and _nominal(s, match) and modality in ("hypothetical", "future"):
                modality = "asserted"  # "ob es auf eine Anfrage Washingtons reagiere": the request happened
            if modality == "hypothetical" and match.trigger.role == "speaker":
                continue  # "ob es reagieren solle" is a question, not a demand
            roles = _speech_act_roles(article, s, match, roles, clause)
            if roles.source == "speaker" and modality == "asserted" and _zu_infinitive(s, clause, lang):
                modality = "future"  # "kündigte an, die Truppen abzuziehen": announced, not done
            if anchor.dep == "acl" and anchor.tag == "VBN" and roles.source != "agent":
                continue  # "companies accused of helping Russia": a reduced relative, whose actor is unnamed
            if not roles.actor or _named_protesters(s, match, roles.actor):
                continue
            clause_actor.setdefault(clause, roles.actor)
            if not roles.recipient and roles.source == "agent" and _nominal(s, match) and match.trigger.type in VERBAL_TYPES:
                # "Moskau denkt nach, ob es auf eine Anfrage Washingtons reagiert": the addressee
                # of a request or offer is the subject that responds to it.
                before = [m for m in s.mentions if m.last < match.anchor and _prep_before(s, m, lang) is None
                          and not set(m.actors) & set(roles.actor)]
                if before:
                    roles.recipient = _ids([before[-1]])
            if not roles.recipient and lang == "en" and (pron := _object_pronoun(s, match)) is not None:
                # "expelled four Russian diplomats, accusing them of ...": the pronoun object is the
                # last other name before it in the sentence
                before = [m for m in s.mentions if m.last < pron and not set(m.actors) & set(roles.actor)]
                if before:
                    roles.recipient = tuple(before[-1].actors)
            if match.trigger.type == "THREATEN" and not roles.recipient:
                # "threatened a general strike unless Israel rescinded ...": whom a conditional
                # threat is aimed at is the subject of its condition.
                roles.recipient = _condition_subject(s, clause, roles.actor, lang)
            type_, mode = match.trigger.type, match.trigger.mode
            if negated and type_ in NEGATION_FLIP and (type_ == "AGREE" or volitional):
                type_, mode = "REJECT", NEGATION_FLIP[match.trigger.type] or mode
                modality = "asserted" if modality == "negated" else modality
            if modality == "future" and type_ in FUTURE_AS:
                # PLOVER codes the announcement: a coercive measure to come is a threat ("will extend
                # the curfew"), a concession to come a promise ("will allow the refugees to return").
                type_, mode = FUTURE_AS[type_]
                modality = "asserted"
            if (modality == "hypothetical" and type_ in CONDITIONAL_AS and match.verbal and frames.get(match.anchor) is None
                    and roles.source in ("subject", "agent", "speaker")
                    and (any(_condition_clause(s, i, c) for i in match.tokens)
                         or lang == "de" and fronted_condition(s, clause, c) is not None)):
                # "The EC may halt mediation efforts if cooperation founders": a coercive measure made
                # conditional on the target's behaviour is a threat (PLOVER THREATEN), not a sanction.
                type_, mode = CONDITIONAL_AS[type_]
                modality = "asserted"
            if type_ == "THREATEN" and match.trigger.type != "THREATEN" and not roles.recipient:
                # "Moskau werde Maßnahmen ergreifen, falls Nato-Truppen …": a measure announced or made
                # conditional became a threat, aimed like one at the subject of its condition
                roles.recipient = _condition_subject(s, clause, roles.actor, lang)
                if not roles.recipient and lang == "de" and (k := fronted_condition(s, clause, c)) is not None:
                    # "Sollten die Offiziere nicht …, werde man …": the first name of the fronted condition
                    roles.recipient = next((m.actors for m in s.mentions if s.toks[m.first].clause == k
                                            and not set(m.actors) & set(roles.actor)), ())
            cs, ce = _clause_span(s, clause)
            date, precision = None, None
            # In a claim only the claim's own date phrases date the event: "promised on Tuesday that the
            # US would keep sending weapons" dates the promise, not the deliveries.
            ds, de = (max(cs, st.start), min(ce, st.end)) if st is not None else (cs, ce)
            if modality == "future" and lang == "en" and any(
                    s.toks[i].dep == "acl" and s.toks[i].tag == "VBN" for i in match.tokens):
                modality = "asserted"  # "will give 200 million under an agreement signed on Thursday": done
            ahead = modality == "future" or _scheduled(s, clause, c)
            for d in find_dates(article.text, lang, article.published, start=ds, end=de, future=ahead):
                if d.date and not _embedded(s, match, d.start):
                    date, precision = d.date, d.precision
                    break
            if date is None and _continues(s, clause, lang):
                date, precision = clause_date.get(clause - 1, (None, None))
            if date is None and st is not None and modality not in ("future", "hypothetical"):
                # the frame's date ("sagte X am Montag") is when it was said: a past claim happened by
                # then, a future or hypothetical one has no date of its own
                date, precision = _statement_date(article, st, sentences, lang)
            clause_date.setdefault(clause, (date, precision))
            places = find_places(article.text, lang, cs, ce)
            if not places and type_ == "RETREAT":
                places = find_places(article.text, lang, cs, ce, origin=True)  # "pulled out of Kherson"
            if not places and type_ == "ASSAULT":
                places = _struck_places(article, anchor.end, ce)  # "Russian missiles struck Kharkiv"
            if not places and type_ in _PLACE_TARGET_TYPES:
                # "killed 23 people ... when they blew themselves up in Tel Aviv": an attack's
                # place may be named in the adverbial clause that follows it.
                for nxt in range(clause + 1, clause + 3):
                    toks = s.clause_toks(nxt)
                    if not toks or toks[0].lower not in c.get("adverbial", ()):
                        break
                    places = find_places(article.text, lang, *_clause_span(s, nxt))
                    if places:
                        break
            conf = 0.5 + 0.05 * min(len(match.trigger.parts) - 1, 2) + (0.1 if match.verbal else 0.0)
            conf += {"agent": 0.1, "subject": 0.1, "speaker": 0.05, "inherited": 0.0}.get(roles.source, 0.0)
            conf -= 0.05 if not roles.recipient else 0.0
            conf -= 0.25 if match.similar else 0.0  # a guess from similarity ranks below any pattern
            conf -= 0.1 if _nominal(s, match) else 0.0  # a noun event is mostly background
            before = s.toks[min(match.tokens) - 1].lower if min(match.tokens) > 0 else ""
            if before in c.get("purpose", ()) and any(m.anchor < match.anchor for m in matches):
                conf -= 0.1  # "went on hunger strike to protest ...": the purpose is not the main event
            frame = frames.get(match.anchor)
            if frame is not None:
                # The content of a refusal, demand, threat or promise ("refused to lift the
                # curfew") did not happen; the frame is the event, the content its mode.
                conf -= 0.2 if match.verbal else 0.1
                if frame in frame_conf:
                    # ... and ranks below its frame, even one found by similarity ("pressuring
                    # workers to cancel the strike").
                    conf = min(conf, frame_conf[frame] - 0.05)
                if match.verbal and modality in ("asserted", "future") and frame != "ACCUSE":
                    # (what someone is accused of is the accuser's claim, kept as asserted)
                    modality = "future" if frame == "AGREE" else "hypothetical"
            first = s.clause_toks(clause)[0].lower if s.clause_toks(clause) else ""
            conf -= 0.05 if first in c.get("subordinator", ()) or clause > 0 else 0.0
            # One event per sentence, type and actor: "wirft Russland vor, Kriegsverbrechen ..." once.
            key = (sn, type_, roles.actor)
            if (roles.source == "inherited" and match.verbal and roles.recipient and key in found
                    and set(found[key].recipient) != set(roles.recipient)):
                # "begrüßte die Einigung und dankte Katar und Ägypten": a coordinated verb with another
                # addressee is an event of its own, even of the same type and actor.
                key = (sn, type_, roles.actor, clause)
            ev = Event(
                id="", type=type_, mode=mode, actor=roles.actor, recipient=roles.recipient,
                modality=modality,
                evidence=Evidence(cs, ce, anchor.start, anchor.end),
                confidence=round(max(0.1, min(0.95, conf)), 2),
                claimed_by=st.speaker if st else None, statement=st.id if st else None,
                date=date, date_precision=precision, location=places[0] if places else None,
                trigger=" ".join(s.toks[i].text for i in match.tokens),
            )
            if match.verbal and type_ == match.trigger.type and type_ in _FRAME_TYPES:
                frame_conf[type_] = max(frame_conf.get(type_, 0.0), ev.confidence)
            if match.similar:
                # A guess has no pattern's evidence that the act is political: it is kept only with a political
                # actor among its arguments ("Harlan provides great service" goes), judged after the passes below.
                guessed.add(anchor.start)
            if key not in found:
                order.append(key)
                found[key] = ev
            elif ev.confidence > found[key].confidence:
                found[key] = ev
    evs = [found[k] for k in order]
    article = context_countries(article, evs, sentences, lang)
    article = dominant_countries(article, evs, sentences, lang)
    article = possessive_titles(article, evs, sentences, lang)
    article, evs = ethnic_residence(article, evs, sentences, lang)
    article, evs = domestic_targets(article, evs, lang)
    article, evs = place_targets(article, evs, lang, _PLACE_TARGET_TYPES)
    article, evs = aid_targets(article, evs, sentences, lang)
    evs = addressee_targets(article, evs)
    evs = distinct_arguments(article, reaction_targets(article, rejected_authors(article, evs, lang), lang))
    political |= {a.id for a in article.actors if a.kind == "state"}  # a target the passes added ("in Kherson")
    evs = [ev for ev in evs if ev.evidence.trigger_start not in guessed or (set(ev.actor) | set(ev.recipient)) & political]
    result = tuple(ev.__class__(**{**ev.__dict__, "id": f"E{n}"}) for n, ev in enumerate(evs, 1))
    return article.replace(events=result)


def _struck_places(article: Article, start: int, end: int) -> list[Location]:
    """Cities named after an attack's trigger in its clause, not as any actor ("struck Kharkiv",
    "beschossen Charkiw"): the attack's place (geocoded; states are actors, not places here)."""
    out = []
    for ent in article.entities:
        if ent.label == "LOC" and ent.actor is None and start <= ent.start and ent.end <= end:
            loc = geocode(ent.text)
            if loc is not None and loc.country and len(loc.country) == 3:
                out.append(replace(loc, name=ent.text, start=ent.start, end=ent.end))
    return out


def _bare_subject(s: Sentence, clause: int, lang: str) -> tuple[str, ...]:
    """The first name without a preposition in a clause that coded no event ("Hunderte Menschen
    versammelten sich …"), for a coordinated verb after it ("… und forderten den Rücktritt")."""
    if clause < 0:
        return ()
    for m in s.mentions:
        if s.toks[m.first].clause == clause and _prep_before(s, m, lang) is None:
            return tuple(m.actors)
    return ()


def _scheduled(s: Sentence, clause: int, c: dict[str, frozenset[str]]) -> bool:
    """A clause that puts its event ahead without a future tense ("soll am Sonntag in Kraft treten",
    "talks are due to resume on Saturday"); not the hearsay "soll … gesagt haben"."""
    toks = s.clause_toks(clause)
    if not any(t.lower in c.get("date_ahead", ()) for t in toks):
        return False
    return not any(t.tag == "VAINF" and t.lower in ("haben", "sein") for t in toks)


# Announced future events PLOVER codes as the announcement itself (type, mode).
FUTURE_AS = {"COERCE": ("THREATEN", "restrict"), "CONCEDE": ("AGREE", None)}
# Conditional coercive measures ("may halt aid if ...") PLOVER codes as threats (type, mode).
CONDITIONAL_AS = {"SANCTION": ("THREATEN", None), "COERCE": ("THREATEN", "restrict"), "ASSAULT": ("THREATEN", "violence")}
