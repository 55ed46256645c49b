"""Sentence frames for event coding: tokens with lemma forms, clauses, actor mentions and their roles.

Works on a spaCy Doc when the nlp component has run (sentences, tags, lemmas, and the dependency
parse when there is one) and falls back to regex tokens with simplemma lemmas otherwise.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..model import Article
from .plover import Tok, cues, regex_tokens

_CLAUSE_PUNCT = frozenset(",;:()–—")
_SENT_SPLIT = re.compile(r"(?<=[.!?…])[\"“”»«]?\s+(?=[„\"»«A-ZÄÖÜ0-9])|\n+")
_VERB_POS = frozenset({"VERB", "AUX"})
SUBJ_DEPS = frozenset({"sb", "nsubj", "csubj", "ep"})
PASSIVE_SUBJ_DEPS = frozenset({"nsubj:pass", "nsubjpass", "sbp_subj"})
OBJ_DEPS = frozenset({"oa", "da", "obj", "iobj", "dobj", "dative", "oa2", "og"})
AGENT_DEPS = frozenset({"sbp", "obl:agent", "agent"})


@dataclass(frozen=True)
class Mention:
    """Where an actor is named in a sentence: token range [first, last] and the actor ids."""

    first: int
    last: int
    actors: tuple[str, ...]
    start: int = 0
    end: int = 0


@dataclass
class Sentence:
    """A sentence as tokens, with clause boundaries and actor mentions."""

    start: int
    end: int
    toks: list[Tok]
    mentions: list[Mention]
    has_dep: bool
    has_pos: bool

    def clause_toks(self, clause: int) -> list[Tok]:
        return [t for t in self.toks if t.clause == clause]


@lru_cache(maxsize=1)
def _simplemma() -> Any:
    import simplemma

    return simplemma


def _lemma(word: str, lang: str) -> str:
    try:
        return _simplemma().lemmatize(word, lang=lang).lower()
    except Exception:  # unknown language or odd input: the word itself
        return word.lower()


def sentence_spans(article: Article) -> list[tuple[int, int, Any]]:
    """Sentence (start, end, spaCy span or None) over article.text."""
    doc = article.doc
    if doc is not None and getattr(doc, "text", None) == article.text:
        return [(s.start_char, s.end_char, s) for s in doc.sents]
    spans, pos = [], 0
    for m in _SENT_SPLIT.finditer(article.text):
        spans.append((pos, m.start() if m.start() > pos else m.end(), None))
        pos = m.end()
    spans.append((pos, len(article.text), None))
    return [(s, e, None) for s, e, _ in spans if article.text[s:e].strip()]


def _tokens(article: Article, start: int, end: int, span: Any, lang: str) -> tuple[list[Tok], bool, bool]:
    toks: list[Tok] = []
    if span is not None:
        doc = span.doc
        has_dep = doc.has_annotation("DEP")
        has_pos = doc.has_annotation("POS") or doc.has_annotation("TAG")
        for t in span:
            if t.is_space:
                continue
            forms = {t.text.lower(), t.lemma_.lower() if t.lemma_ else t.text.lower()}
            verb_form = t.morph.get("VerbForm") if has_pos else []
            toks.append(Tok(
                i=len(toks), text=t.text, start=t.idx, end=t.idx + len(t.text), forms=forms,
                pos=t.pos_, tag=t.tag_, dep=t.dep_ if has_dep else "",
                head=(t.head.i - span.start) if has_dep else -1,
                finite=("Fin" in verb_form) if verb_form else None,
            ))
        # Head indices must follow the removal of space tokens.
        if has_dep:
            index = {t.i - span.start: n for n, t in enumerate(x for x in span if not x.is_space)}
            for tok in toks:
                tok.head = index.get(tok.head, -1)
    else:
        has_dep = has_pos = False
        for n, (text, s, e) in enumerate(regex_tokens(article.text, start, end)):
            toks.append(Tok(i=n, text=text, start=s, end=e, forms={text.lower(), _lemma(text, lang)}))
    return toks, has_dep, has_pos


def _is_verb(tok: Tok, has_pos: bool) -> bool:
    if has_pos:
        return tok.pos in _VERB_POS
    return False


def _clauses(toks: list[Tok], lang: str, has_pos: bool) -> None:
    """Assign clause numbers: split at clause punctuation and at coordinators between two verbs."""
    c = cues(lang)
    bounds = [0]
    for t in toks:
        if t.text in _CLAUSE_PUNCT:
            bounds.append(t.i)
    if has_pos:
        for t in toks:
            if t.lower in c.get("coordinator", ()):
                left = max(b for b in bounds if b <= t.i)
                right = min([b for b in bounds if b > t.i] + [len(toks)])
                if any(_is_verb(x, True) for x in toks[left:t.i]) and any(
                    _is_verb(x, True) for x in toks[t.i + 1 : right]
                ):
                    bounds.append(t.i)
    bounds = sorted(set(bounds))
    segments = [(b, e) for b, e in zip(bounds, bounds[1:] + [len(toks)], strict=True) if e > b]
    # A segment without a verb (an enumerated name, an apposition) joins the next one.
    merged: list[list[int]] = []
    carry: list[int] = []
    for b, e in segments:
        idx = carry + list(range(b, e))
        seg = toks[b:e]
        verbless = not any(_is_verb(x, True) for x in seg) if has_pos else (e - b) <= 3
        if verbless and (b, e) != segments[-1]:
            carry = idx
            continue
        merged.append(idx)
        carry = []
    if carry:
        merged.append(carry)
    for n, idx in enumerate(merged):
        for i in idx:
            toks[i].clause = n


def _particles(toks: list[Tok], lang: str, has_pos: bool) -> None:
    """Join German separable particles to their verb ("setzte ... aus" -> "aussetzen")."""
    if lang != "de":
        return
    parts = cues(lang).get("particle", frozenset())
    for t in toks:
        m = re.match(r"^(" + "|".join(sorted(parts, key=len, reverse=True)) + r")zu(\w{3,})$", t.lower)
        if m:
            t.forms.add(m.group(1) + m.group(2))
    for t in toks:
        is_part = t.tag == "PTKVZ" or t.dep in ("svp", "compound:prt")
        if not has_pos:
            nxt = toks[t.i + 1] if t.i + 1 < len(toks) else None
            is_part = t.lower in parts and (nxt is None or not nxt.text[0].isalnum())
        if not is_part:
            continue
        if t.head >= 0 and t.dep:
            targets = [toks[t.head]]
        elif has_pos:
            targets = [x for x in toks[: t.i] if x.clause == t.clause and x.pos in _VERB_POS][-1:]
        else:
            targets = [x for x in toks[max(0, t.i - 10) : t.i] if x.clause == t.clause]
        for v in targets:
            v.forms.update({t.lower + f for f in list(v.forms)})


def _mentions(article: Article, toks: list[Tok], spans: list[tuple[int, int, tuple[str, ...]]]) -> list[Mention]:
    out = []
    for s, e, actors in spans:
        idx = [t.i for t in toks if t.start < e and t.end > s]
        if idx:
            out.append(Mention(idx[0], idx[-1], actors, s, e))
    return out


def actor_spans(article: Article) -> list[tuple[int, int, tuple[str, ...]]]:
    """Character spans naming actors: linked entities plus every alias of a known actor."""
    spans: dict[tuple[int, int], tuple[str, ...]] = {}
    for ent in article.entities:
        if ent.actor:
            spans[(ent.start, ent.end)] = (ent.actor,)
    for actor in article.actors:
        for alias in {*actor.aliases, actor.name}:
            if not alias or len(alias) < 2:
                continue
            # A genitive "-s" belongs to the name ("Anfrage Washingtons").
            for m in re.finditer(r"(?<![\w-])" + re.escape(alias) + r"(?:s|'s|’s)?(?!\w)", article.text):
                spans.setdefault((m.start(), m.end()), (actor.id,))
    # Country adjectives ("die amerikanischen Kollegen") stand for that country's state actor.
    doc = article.doc
    if doc is not None and "derived" in getattr(doc, "spans", {}):
        states = {a.country: a.id for a in article.actors if a.kind == "state" and a.country}
        for span in doc.spans["derived"]:
            if span.kb_id_ in states:
                spans.setdefault((span.start_char, span.end_char), (states[span.kb_id_],))
    # Drop spans nested in longer ones ("Moskau" inside "Moskauer Regierung" is the same actor).
    ordered = sorted(spans.items(), key=lambda kv: (kv[0][0], -(kv[0][1] - kv[0][0])))
    kept: list[tuple[int, int, tuple[str, ...]]] = []
    for (s, e), ids in ordered:
        if kept and s < kept[-1][1]:
            continue
        kept.append((s, e, ids))
    return kept


def build_sentences(article: Article, lang: str) -> list[Sentence]:
    """Every sentence of the article as a frame-ready token list."""
    spans = actor_spans(article)
    out = []
    for start, end, span in sentence_spans(article):
        toks, has_dep, has_pos = _tokens(article, start, end, span, lang)
        if not toks:
            continue
        _clauses(toks, lang, has_pos)
        _particles(toks, lang, has_pos)
        local = [(s, e, a) for s, e, a in spans if s < end and e > start]
        out.append(Sentence(start, end, toks, _mentions(article, toks, local), has_dep, has_pos))
    return out
