"""Statements: who said what. Direct, indirect (Konjunktiv I, dass/that clauses), mixed and reported speech.

The component walks the quote-aware sentences of an article (kiebitz.extract.quotes, kiebitz.extract.clauses):
each sentence is matched by the rules in kiebitz.extract.statement_rules; sentences without a cue continue the
last speaker (quotes, Konjunktiv I); speakers are resolved to actors in kiebitz.extract.speakers.
docs/statements.md lists the rules.
"""

from __future__ import annotations

from typing import Any

from ..model import Article, Statement
from ..nlp.lemmas import infixed_zu
from ..pipeline import component
from . import actors as actors_mod
from . import speakers
from .addresses import addressed
from .clauses import QUOTE_MARKS, Sentence, konjunktiv
from .cues import reported_lemmas
from .parsed_speech import framed_statement, parsed_statement, participle_statement, wonach_statement
from .quotes import Quote, find_quotes, sentences
from .statement_rules import (
    DEMONSTRATIVE,
    Found,
    afterword,
    colon_title,
    content_kind,
    coordinated,
    intro,
    match_cue,
    match_marker,
    opinion_holder,
    participle_cue,
    source_phrase,
)


def _statements(article: Article) -> tuple[Article, list[Found]]:
    text = article.text
    lang = article.language if article.language in ("de", "en") else "de"
    quotes = find_quotes(text)
    found: list[Found] = []
    prev: Found | None = None
    prev_sentence_had = False
    gap = 0  # sentences since the last statement
    pending = None  # speaker and cue of "X sagte:" waiting for its quote
    last_bare: tuple[int, int, list[Quote]] | None = None  # the previous sentence, if it had no statement
    doc = article.doc
    tags = _tags_by_offset(doc) if doc is not None and doc.has_annotation("TAG") else None
    for s, e in sentences(text, quotes):
        sent = Sentence(text, s, e, quotes, lang, tags)
        if len(sent.toks) < 3:
            prev_sentence_had, last_bare = False, None
            gap += 1
            continue
        opening = intro(sent)
        if opening is not None:
            pending, prev_sentence_had, last_bare = opening, False, None
            continue
        after = (afterword(sent) if last_bare is not None and last_bare[2]
                 and text[last_bare[1] - 1] in QUOTE_MARKS else None)
        if after is None and last_bare is not None and sent.toks[0].text.lower() in DEMONSTRATIVE:
            after = afterword(sent)  # "Die Steuern sollen sinken. Das kündigte der Minister an."
        if after is not None and last_bare is not None:
            hit = Found("", last_bare[0], last_bare[1], after[0], after[1], 0.7)
            sent = Sentence(text, last_bare[0], last_bare[1], quotes, lang, tags)
            if found and found[-1].start >= last_bare[0] and found[-1].cue is None:
                found.pop()  # the uncued quote before now has its own speaker
        else:
            hit = wonach_statement(sent, doc) or match_cue(sent)
            if hit is None or hit.kind == "reported" or _participle_hit(sent, hit):
                # "X rejected the plan, saying …": the participle's content, the main verb's subject
                hit = participle_statement(sent, doc) or hit
            if hit is None or hit.kind == "reported" or _content_after(sent, hit):
                # a clause the positional rules could not read, or content before the cue although a
                # "dass" clause follows it ("Carter, der … war, sagte Reportern, dass …")
                hit = parsed_statement(sent, doc) or hit
            hit = hit or match_marker(sent) or source_phrase(sent) or colon_title(sent, article) \
                or opinion_holder(sent, article)
        if hit is None and pending is not None and sent.quotes:
            hit = Found("", s, e, pending[0], pending[1], 0.8)
            pending = None
        mood = konjunktiv(sent, article.doc) if lang == "de" and hit is None else 0
        if hit is None and lang == "de" and not mood and _hearsay(sent):
            mood = 2  # "Er soll das Ziel gewesen sein": reportive "sollen" reports like Konjunktiv I
        if hit is None and (mood or sent.quotes):  # a subject with a reported clause, no known cue
            hit = framed_statement(sent, doc)
            mood = 0 if hit is not None else mood
        if hit is None and prev is not None and (gap <= 1 or mood == 2):
            long_quote = prev_sentence_had and any(q.words(text) >= 3 and q.start >= s - 1 for q in sent.quotes)
            if long_quote or mood and gap <= 3:
                # Konjunktiv I a little further on still reports, most likely the last speaker (less sure);
                # more than three sentences on, the last speaker is mostly wrong (Wikinews train): no speaker
                hit = Found("", s, e, None, None, 0.6 if gap <= 1 else 0.45,
                             speaker_id=prev.speaker_id)
                hit.speaker = prev.speaker
        if hit is None and mood == 2:  # Konjunktiv I is reported speech even when the speaker is not named
            hit = Found("", s, e, None, None, 0.35)
        if hit is None:
            standalone = [q for q in sent.quotes if q.words(text) >= 6]
            if standalone and (standalone[0].end - standalone[0].start) >= 0.6 * (e - s):
                hit = Found("", s, e, None, None, 0.3)
        if hit is None:
            prev_sentence_had, last_bare = False, (s, e, sent.quotes)
            gap += 1
            turn = speakers.turn(sent, article)
            if turn is not None:  # "Schmidt widersprach." — the next reported sentence is his
                article, prev = turn
                gap = 1
            elif (subject := speakers.subject_turn(sent, article)) is not None:
                (article, prev), gap = subject, 1
            continue
        kind, cs, ce = content_kind(text, hit.start, hit.end, sent.quotes)
        if hit.kind == "reported":
            kind = "reported"
        # An object-taking speech act read as indirect speech ("accused Washington of prolonging the war")
        # needs a clause; kind "reported" ("kritisierte die Pläne") is the statements gold's convention.
        if ce - cs < 3 or (kind != "reported" and _object_cue(article.doc, hit, lang)
                           and not reported_content(article.doc, cs, ce, sent.quotes)):
            prev_sentence_had, last_bare = False, None
            gap += 1
            continue
        hit.kind, hit.start, hit.end = kind, cs, ce
        if addressed(sent, hit.speaker):
            hit.speaker = None  # "Liebe Kolleginnen und Kollegen, …": the audience (or the orator), no third party
        article = speakers.resolve(article, hit, prev, gap, lang)
        found.append(hit)
        second = coordinated(sent, hit) if hit.cue is not None and hit.kind != "reported" else None
        if second is None and hit.cue is not None:
            second = _rest(sent, hit, doc)
            if second is not None:  # "Während A erklärte, …, räumte B ein, …": the rest has its own statement
                article = speakers.resolve(article, second, hit, 0, lang)
        if second is not None:  # "…, sagte X und fügte hinzu, …": a second statement of the same speaker
            second.kind, second.start, second.end = content_kind(text, second.start, second.end, sent.quotes)
            found.append(second)
        prev, prev_sentence_had, gap = (second or hit), True, 0
        last_bare = (sent.start, sent.end, sent.quotes) if hit.cue is None else None
    return article, found


# Verb tags that make a content a clause: finite verbs, modals, German zu-infinitives.
_CLAUSE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD", "VVFIN", "VAFIN", "VMFIN", "VVIZU", "PTKZU", "VVIMP"})


def _object_cue(doc: Any, hit: Found, lang: str) -> bool:
    """Whether the cue is a speech-act verb that takes what it is about as object ("kritisierte", "accused")."""
    if hit.cue is None or doc is None:
        return False
    span = doc.char_span(hit.cue[0], hit.cue[1], alignment_mode="expand")
    lemmas = reported_lemmas(lang)
    return span is not None and any(t.lemma_.lower() in lemmas or t.lower_ in lemmas for t in span)


def reported_content(doc: Any, start: int, end: int, quotes: list[Quote]) -> bool:
    """Whether a statement's content is something said: a quote or a clause, not a bare object.

    "Der Kreml kritisierte den Besuch scharf", "accused Washington of prolonging the war", "refused to
    condemn the invasion" name what was criticised, not what was said: no statement (the speech act
    itself is an event). A finite verb coordinated with the cue ("called for a ceasefire and urged")
    belongs to the frame, not to the content.
    """
    if any(q.start < end and q.end > start for q in quotes):
        return True
    span = doc.char_span(start, end, alignment_mode="expand") if doc is not None else None
    if span is None or not any(t.tag_ for t in span):
        return True  # no tags to judge by
    before = doc[span.start - 1] if span.start > 0 else None
    if span[0].lower_ in _COMPLEMENTIZERS or before is not None and before.lower_ in _COMPLEMENTIZERS:
        return True  # "…, dass/daß/ob …": a complement clause, however its verb is tagged
    for t in span:
        if t.tag_ in _CLAUSE_TAGS and not (t.dep_ == "conj" and not (start <= t.head.idx < end)):
            return True
        if t.tag_ == "VVINF" and infixed_zu(t.text):
            return True  # "dies wahrzunehmen": a zu-infinitive with "zu" inside, tagged as a plain infinitive
        if t.tag_[:2] in ("VV", "VA", "VM") and t.dep_ not in ("acl", "acl:relcl") and any(
                c.dep_ == "nsubj" and c.tag_ not in ("PRELS", "PRELAT") and start <= c.idx < end for c in t.children):
            return True  # a verb with its own subject in the content is finite (an infinitive has none);
            # a relative clause ("…, die die Bilder zeigen") in an object does not make it a clause
    return False


# Words that open a complement clause.
_COMPLEMENTIZERS = frozenset({"dass", "daß", "ob", "whether"})


def _rest(sent: Sentence, hit: Found, doc: object) -> Found | None:
    """A second statement in what follows the first one's content and speaker ("…: So sagte X: „…“")."""
    ends = [hit.end, hit.cue[1] if hit.cue else 0, hit.speaker[1] if hit.speaker else 0]
    start = max(ends)
    while start < sent.end and sent.text[start] in ",;:“”\"» ":
        start += 1
    if sent.end - start < 20:
        return None
    rest = Sentence(sent.text, start, sent.end, sent.quotes, sent.lang, None)
    rest.tags = [sent.tags[n] for n, t in enumerate(sent.toks) if t.start >= start] if sent.tags else None
    if rest.tags is not None and len(rest.tags) != len(rest.toks):
        return None
    second = match_cue(rest) or parsed_statement(rest, doc)
    if second is None or second.kind == "reported" or second.speaker is None:
        return None
    return second


def _hearsay(sent: Sentence) -> bool:
    """Reportive "sollen" with a perfect infinitive ("soll … gewesen sein", "sollen … verteilt haben")."""
    toks = sent.toks
    has_soll = any(t.text in {"soll", "sollen"} and not q for t, q in zip(toks, sent.quoted, strict=True))
    ends = [n for n, t in enumerate(toks) if t.text in {"haben", "sein"} and not sent.quoted[n]
            and n >= 1 and _participle(sent, n - 1) and (n + 1 == len(toks)
                                                                        or toks[n + 1].text in {",", ".", ";", "und"})]
    return has_soll and bool(ends)


def _participle(sent: Sentence, k: int) -> bool:
    """A past participle ("versteckt", "gewesen"): by tag when parsed, else by its "ge-" prefix."""
    if sent.tags is not None and sent.tags[k]:
        return sent.tags[k] in ("VVPP", "VAPP", "VMPP")
    return sent.toks[k].text.lower().startswith("ge")


def _participle_hit(sent: Sentence, hit: Found) -> bool:
    """Whether a hit's cue is an English participle after a comma ("…, saying …"), or its content holds one
    ("rejected the proposal, saying …" read as the content of "rejected")."""
    if hit.cue is None:
        return False
    toks = sent.toks
    return any(participle_cue(sent, k) and (toks[k].start == hit.cue[0] or hit.start <= toks[k].start < hit.end)
               for k, _c, _p in sent.cues())


def _content_after(sent: Sentence, hit: Found) -> bool:
    """Whether a content-first hit has a ", dass"/", ob" clause after its cue instead."""
    if hit.cue is None or hit.end > hit.cue[0]:
        return False
    toks = sent.toks
    return any(toks[n].start > hit.cue[0] and toks[n].text == "," and not sent.quoted[n]
               and toks[n + 1].text in {"dass", "ob"} for n in range(len(toks) - 1))


def _tags_by_offset(doc: Any) -> dict[int, str]:
    """Token start offset -> tag (spaces left out), from token columns (no Token objects: every token of every article)."""
    from spacy.attrs import IDX, IS_SPACE, TAG

    from ..nlp import columns

    return {idx: tag for idx, space, tag in zip(columns.ints(doc, IDX), columns.flags(doc, IS_SPACE),
                                                columns.strings(doc, TAG), strict=True) if not space}


@component("statements")
def statements(article: Article) -> Article:
    """Fill `article.statements` (S1, S2, ...)."""
    if not article.actors and article.text:
        article = actors_mod.actors(article)
    out = []
    article, found = _statements(article)
    for n, f in enumerate(found, 1):
        sp = f.speaker
        out.append(Statement(
            id=f"S{n}", kind=f.kind, text=article.text[f.start:f.end], start=f.start, end=f.end,
            speaker=f.speaker_id, speaker_text=article.text[sp[0]:sp[1]] if sp else None,
            speaker_start=sp[0] if sp else None, speaker_end=sp[1] if sp else None,
            cue=f.cue[2] if f.cue else None, cue_start=f.cue[0] if f.cue else None,
            cue_end=f.cue[1] if f.cue else None, confidence=f.confidence))
    return article.replace(statements=tuple(out))


__all__ = ["statements"]
