"""Statements: who said what. Direct, indirect (Konjunktiv I, dass/that clauses) and mixed quotes with a speaker.

Rules over quote-aware sentences (kiebitz.extract.quotes) and the cue tables in kiebitz/data/statements:
  1. content first: "<content>, sagte <speaker>" / "“…,” said X" / "<content>, X said" / "…, wie X sagte";
  2. speaker first: "<speaker> sagte (am Montag), (dass) <content>" / "X said (that) <content>" / "X sagte: „…“";
  3. other first constituent: "Am Montag sagte <speaker>, <content>";
  4. source markers: "laut X", "X zufolge", "nach Angaben von X", ", so X", "according to X";
  5. continuation: a sentence with no cue that quotes or stays in Konjunktiv I right after a statement
     belongs to the same speaker.
Speakers are resolved to actors with kiebitz.extract.actors.resolve_span (names, roles, pronouns, metonymy).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Article, Statement
from ..pipeline import component
from . import actors as actors_mod
from .actors import _Tok, tokens
from .cues import Cue, markers, verb_forms
from .quotes import ABBREVIATIONS, Quote, find_quotes, sentences

QUOTE_MARKS = set("„“”\"»«‚‘’‹›")
DET = {"de": {"der", "die", "das", "des", "dem", "den", "ein", "eine", "eines", "einem", "einen", "einer",
              "dieser", "diese", "dieses"},
       "en": {"the", "a", "an", "this", "that", "its", "his", "her", "their"}}
PRON = {"de": {"er", "sie", "man", "ich", "wir"}, "en": {"he", "she", "they", "i", "we", "it"}}
# Words that end a speaker phrase after the cue ("sagte Rjabkow am Montag", "said Ryabkov on Monday").
TEMPORAL = {"montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag", "monday",
            "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "heute", "gestern", "morgen",
            "letzten", "letzte", "vergangenen", "vergangene", "diesen", "diese", "kommenden", "nächsten",
            "yesterday", "today", "last", "this", "earlier", "later"}
LEADING = {"und", "aber", "doch", "auch", "zudem", "dabei", "so", "nun", "jedoch", "and", "but", "also", "yet", "however"}
AMBIGUOUS_FORMS = {"meine", "meinen", "meinem", "schreibe", "zeigen", "sprechen", "klagen", "hoffen", "rechnen",
                   "state", "note", "report", "stress", "point", "points", "ask", "recall", "think", "thought",
                   "claim", "warn"}
KONJ_I = {"sei", "seien", "seiest", "habe", "werde", "könne", "müsse", "solle", "wolle", "dürfe", "möge",
          "gebe", "wisse", "liege", "stehe", "gehe", "komme", "bleibe", "brauche", "lasse", "sehe", "halte",
          "gelte", "fehle", "plane", "arbeite", "bestehe", "erwarte", "handle", "hätten", "hätte",
          "wäre", "wären", "würde", "würden", "könnten", "könnte", "müssten", "sollten", "dürften", "gäbe"}
# Auxiliaries and modals between a sentence-initial speaker and a participle/infinitive cue
# ("Rjabkow hat am Montag gesagt, ...", "Ryabkov has said that ...").
AUX = {"hat", "haben", "hatte", "hatten", "habe", "ist", "sind", "war", "waren", "wird", "werden", "wurde",
       "wurden", "würde", "würden", "soll", "sollen", "sollte", "will", "wollen", "wollte", "kann", "können",
       "konnte", "muss", "müssen", "musste", "ließ", "ließen", "lässt", "has", "have", "had", "was", "were", "is",
       "are", "will", "would", "could", "should", "did", "does", "do", "may", "might"}
STOP_MARKS = {",", ".", ";", ":", "!", "?", "(", ")", "–", "—"}


@dataclass
class _Found:
    kind: str
    start: int
    end: int
    speaker: tuple[int, int] | None
    cue: tuple[int, int, str] | None
    confidence: float
    speaker_id: str | None = None


def _content_kind(text: str, start: int, end: int, quotes: list[Quote]) -> tuple[str, int, int]:
    """direct / mixed / indirect for a content span, and the span to report (inside the marks for direct)."""
    while end > start and (text[end - 1] in ".,;:!? \n" or text[end - 1] in "–—"):
        end -= 1
    while start < end and text[start] in " ,:\n":
        start += 1
    inside = [q for q in quotes if q.start >= start - 1 and q.end <= end + 2]
    if not inside:
        return "indirect", start, end
    covered = sum(q.end - q.start for q in inside)
    if covered >= 0.85 * (end - start):
        return "direct", inside[0].inner_start, inside[-1].inner_end
    return "mixed", start, end


class _Sentence:
    """One sentence with its tokens (outside quotes marked) and cue candidates."""

    def __init__(self, text: str, start: int, end: int, quotes: list[Quote], lang: str) -> None:
        self.text, self.start, self.end, self.lang = text, start, end, lang
        self.quotes = [q for q in quotes if q.start < end and q.end > start]
        self.toks = tokens(text, start, end)
        self.quoted = [any(q.start <= t.start < q.end for q in self.quotes) for t in self.toks]

    def cues(self) -> list[tuple[int, Cue, int | None]]:
        """(token index, cue, particle token index) for cue verbs outside quotes."""
        forms = verb_forms(self.lang)
        out = []
        for i, t in enumerate(self.toks):
            low = t.text.lower()
            if self.quoted[i] or low not in forms or low in AMBIGUOUS_FORMS and not self._cue_context(i):
                continue
            if t.text[:1].isupper() and i > 0 and self.toks[i - 1].text not in QUOTE_MARKS | {",", ":"}:
                continue  # a capitalised noun ("Frage", "Bericht"), not the verb
            cue = forms[low]
            part = None
            if cue.particle:
                parts = cue.particle.split()
                for k in range(i + 1, len(self.toks)):
                    if not self.quoted[k] and self.toks[k].text == parts[-1]:
                        part = k
                        break
                if part is None and self.lang == "de":
                    continue
            out.append((i, cue, part))
        return out

    def _cue_context(self, i: int) -> bool:
        """Ambiguous forms count only next to a comma, colon or quote."""
        nxt = self.toks[i + 1].text if i + 1 < len(self.toks) else ""
        prev = self.toks[i - 1].text if i else ""
        return nxt in {",", ":", "that", "dass"} or prev in {","} | QUOTE_MARKS

    def np_after(self, i: int) -> tuple[int, int] | None:
        """Speaker phrase right after token i ("sagte der russische Außenminister Lawrow am Montag")."""
        toks, lang = self.toks, self.lang
        k = i + 1
        if k < len(toks) and toks[k].text.lower() in PRON[lang]:
            return toks[k].start, toks[k].end
        last = None
        while k < len(toks) and k - i <= 9 and not self.quoted[k]:
            w = toks[k].text
            low = w.lower()
            if w in STOP_MARKS or low in TEMPORAL or w in QUOTE_MARKS:
                break
            if lang == "de":
                ok = (low in DET[lang] or w[:1].isupper() or w == "-" or re.search(r"(e|en|er|es|em)$", w)
                      and w[:1].islower())
                if low in {"des", "der", "von"} and last is not None:
                    ok = True
                if w[:1].islower() and low not in DET[lang] and low not in {"des", "der", "von"}:
                    if not re.search(r"(e|en|er|es|em)$", w) or low in {"gegenüber", "gestern", "heute",
                                                                           "zufolge", "weiter", "zudem"}:
                        break
            else:
                ok = low not in {"on", "in", "at", "to", "that", "during", "after", "before", "while", "from",
                                 "for", "with", "as", "when", "about", "and", "but", "because", "who", "which",
                                 "told", "reporters", "journalists"}
            if not ok:
                break
            if w[:1].isupper() or (lang == "en" and low not in DET[lang]):
                last = k
            k += 1
        if last is None:
            return None
        first = i + 1
        return toks[first].start, toks[last].end

    def np_before(self, i: int, start_tok: int = 0) -> tuple[int, int] | None:
        """Speaker phrase filling the tokens start_tok..i-1 ("Kremlsprecher Dmitri Peskow sagte")."""
        toks, lang = self.toks, self.lang
        j = start_tok
        while j < i and toks[j].text.lower() in LEADING:
            j += 1
        if j >= i or i - j > 10:
            return None
        span = toks[j:i]
        if any(self.quoted[j + n] or t.text in STOP_MARKS and not (
                t.text == "." and n and span[n - 1].text in ABBREVIATIONS) for n, t in enumerate(span)):
            return None
        if len(span) == 1 and span[0].text.lower() in PRON[lang]:
            return span[0].start, span[0].end
        if lang == "de":
            if any(t.text[:1].islower() and t.text.lower() not in DET[lang] | {"des", "der", "von", "-"}
                   and not re.search(r"(e|en|er|es|em)$", t.text) for t in span):
                return None
        elif any(t.text.lower() in {"on", "in", "at", "for", "after", "when", "if", "while", "because"} | AUX
                 for t in span):
            return None
        if not (span[-1].text[:1].isupper() or lang == "en"):
            return None
        return span[0].start, span[-1].end


def _after_clause(sent: _Sentence, i: int, part: int | None) -> tuple[int, int] | None:
    """The content after a speaker-first cue: after the next comma/colon (German) or after the verb/that."""
    toks = sent.toks
    k = max(i, part or i) + 1
    if sent.lang == "en":
        for n in range(k, min(k + 3, len(toks))):
            if toks[n].text.lower() == "that" or n == k and toks[n].text in {",", ":"}:
                k = n + 1
                break
        if k >= len(toks) or toks[k].text.lower() in {"reporters", "journalists"}:
            return None
        return toks[k].start, sent.end
    while k < len(toks) and toks[k].text not in {",", ":"} and toks[k].text not in QUOTE_MARKS:
        k += 1
        if k - i > 8:
            return None
    if k >= len(toks):
        return None
    if toks[k].text in {",", ":"}:
        k += 1
    if k < len(toks) and toks[k].text.lower() in {"dass", "ob"}:
        k += 1
    if k >= len(toks):
        return None
    return toks[k].start, sent.end


def _match_cue(sent: _Sentence) -> _Found | None:
    """Rules 1-3 for one sentence."""
    toks = sent.toks
    for i, _cue, part in sent.cues():
        cue_span = (toks[i].start, toks[i].end, toks[i].text + (f" {toks[part].text}" if part else ""))
        prev = toks[i - 1].text if i else ""
        # 1. content first: "<content>, sagte X" / "“…,” said X" / "…“ sagte X"
        if i >= 2 and (prev == "," or prev in QUOTE_MARKS):
            sp = sent.np_after(i + (1 if part == i + 1 else 0))
            if sp is not None:
                cut = toks[i - 1].start if prev == "," else toks[i - 1].end
                return _Found("", sent.start, cut, sp, cue_span, 0.85)
        # 1b. "<content>, X said." / "…, wie X sagte"
        comma = max((n for n in range(i) if toks[n].text == "," and not sent.quoted[n]
                     or sent.quoted[n] and (n + 1 >= len(toks) or not sent.quoted[n + 1])), default=None)
        if comma is not None and comma >= 2:
            start_tok = comma + 1 + (1 if toks[comma + 1].text.lower() in {"wie", "as"} else 0)
            sp = sent.np_before(i, start_tok)
            rest = [t for t in toks[i + 1:] if t.text not in STOP_MARKS]
            if sp is not None and (len(rest) <= 6 or toks[comma + 1].text.lower() in {"wie", "as"}):
                cut = toks[comma].start if toks[comma].text == "," else toks[comma].end
                return _Found("", sent.start, cut, sp, cue_span, 0.8)
        # 2. speaker first (also "X hat am Montag gesagt, ..." with an auxiliary in second position)
        sp = sent.np_before(i)
        if sp is None and i >= 4 and toks[i - 1].text == ",":  # "Rebecca Stone, the bank's governor, said"
            c1 = next((n for n in range(i - 2, 0, -1) if toks[n].text == ","), None)
            if c1 is not None and i - c1 <= 9:
                sp = sent.np_before(c1)
        if sp is None:
            aux = next((n for n in range(1, i) if toks[n].text in AUX and not sent.quoted[n]), None)
            if aux is not None and all(t.text not in STOP_MARKS for t in toks[aux:i]):
                sp = sent.np_before(aux)
        if sp is not None:
            content = _after_clause(sent, i, part)
            if content is not None:
                return _Found("", content[0], content[1], sp, cue_span, 0.8)
        # 3. "Am Montag sagte Rjabkow, …" / "Dazu sagte er: „…“"
        if i >= 1 and all(t.text not in STOP_MARKS for t in toks[:i]):
            sp = sent.np_after(i)
            if sp is not None:
                k = next((n for n, t in enumerate(toks) if t.start >= sp[1]), len(toks))
                content = _after_clause(sent, k - 1, None)
                if content is not None:
                    return _Found("", content[0], content[1], sp, cue_span, 0.7)
    return None


def _match_marker(sent: _Sentence) -> _Found | None:
    """Rule 4: laut X, X zufolge, nach Angaben von X, ", so X", according to X."""
    toks, text = sent.toks, sent.text
    for kind, words in markers(sent.lang):
        parts = words.split()
        for i in range(len(toks) - len(parts)):
            if sent.quoted[i] or [t.text.lower() for t in toks[i:i + len(parts)]] != parts:
                continue
            last = i + len(parts) - 1
            if kind == "so" and not (i >= 1 and toks[i - 1].text == ","):
                continue
            if kind in ("pre", "so"):
                sp = sent.np_after(last)
                if sp is None:
                    continue
                if kind == "so" or (i >= 1 and toks[i - 1].text == ","):
                    end = toks[i - 1].start if i >= 1 and toks[i - 1].text == "," else toks[i].start
                    return _Found("", sent.start, end, sp, (toks[i].start, toks[last].end, words), 0.75)
                k = next((n for n, t in enumerate(toks) if t.start >= sp[1]), len(toks))
                start = toks[k + 1].start if k < len(toks) and toks[k].text == "," and k + 1 < len(toks) else (
                    toks[k].start if k < len(toks) else sent.end)
                if i > 0:  # marker inside the sentence: the whole sentence is the content
                    start = sent.start
                return _Found("", start, sent.end, sp, (toks[i].start, toks[last].end, words), 0.7)
            # post: "X zufolge"
            j = i
            while j > 0 and toks[j - 1].text not in STOP_MARKS and i - j < 6:
                j -= 1
            if j < i:
                sp = (toks[j].start, toks[i - 1].end)
                start = sent.start if j > 0 else toks[i + 1].start
                _ = text
                return _Found("", start, sent.end, sp, (toks[i].start, toks[i].end, words), 0.7)
    return None


def _konjunktiv(sent: _Sentence, doc: object | None) -> bool:
    """Whether the sentence reports in the subjunctive (morph Mood=Sub when parsed, else a form list)."""
    if doc is not None and getattr(doc, "has_annotation", lambda _: False)("MORPH"):
        span = doc.char_span(sent.start, sent.end, alignment_mode="expand")
        if span is not None:
            return any("Sub" in t.morph.get("Mood") and t.pos_ in ("AUX", "VERB") for t in span)
    return any(not sent.quoted[n] and t.text in KONJ_I for n, t in enumerate(sent.toks))


def _statements(article: Article) -> list[_Found]:
    text = article.text
    lang = article.language if article.language in ("de", "en") else "de"
    quotes = find_quotes(text)
    found: list[_Found] = []
    prev: _Found | None = None
    prev_sentence_had = False
    gap = 0  # sentences since the last statement
    for s, e in sentences(text, quotes):
        sent = _Sentence(text, s, e, quotes, lang)
        if len(sent.toks) < 3:
            prev_sentence_had = False
            gap += 1
            continue
        hit = _match_cue(sent) or _match_marker(sent)
        if hit is None and prev is not None and gap <= 1:
            long_quote = prev_sentence_had and any(q.words(text) >= 3 and q.start >= s - 1 for q in sent.quotes)
            if long_quote or (lang == "de" and _konjunktiv(sent, article.doc)):
                hit = _Found("", s, e, None, None, 0.6, speaker_id=prev.speaker_id)
                hit.speaker = prev.speaker
        if hit is None:
            standalone = [q for q in sent.quotes if q.words(text) >= 6]
            if standalone and (standalone[0].end - standalone[0].start) >= 0.6 * (e - s):
                hit = _Found("", s, e, None, None, 0.3)
        if hit is None:
            prev_sentence_had = False
            gap += 1
            continue
        kind, cs, ce = _content_kind(text, hit.start, hit.end, sent.quotes)
        if ce - cs < 3:
            prev_sentence_had = False
            gap += 1
            continue
        hit.kind, hit.start, hit.end = kind, cs, ce
        if hit.speaker is not None and hit.speaker_id is None and hit.cue is not None:
            hit.speaker_id = actors_mod.resolve_span(article, *hit.speaker)
        found.append(hit)
        prev, prev_sentence_had, gap = hit, True, 0
    return found


@component("statements")
def statements(article: Article) -> Article:
    """Fill `article.statements` (S1, S2, ...)."""
    if not article.actors and article.text:
        article = actors_mod.actors(article)
    out = []
    for n, f in enumerate(_statements(article), 1):
        sp = f.speaker
        out.append(Statement(
            id=f"S{n}", kind=f.kind, text=article.text[f.start:f.end], start=f.start, end=f.end,
            speaker=f.speaker_id, speaker_text=article.text[sp[0]:sp[1]] if sp else None,
            speaker_start=sp[0] if sp else None, speaker_end=sp[1] if sp else None,
            cue=f.cue[2] if f.cue else None, cue_start=f.cue[0] if f.cue else None,
            cue_end=f.cue[1] if f.cue else None, confidence=f.confidence))
    return article.replace(statements=tuple(out))


__all__ = ["statements", "_Tok"]
