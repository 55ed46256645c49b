"""Statements: who said what. Direct, indirect (Konjunktiv I, dass/that clauses), mixed and reported speech.

Rules over quote-aware sentences (kiebitz.extract.quotes, kiebitz.extract.clauses) and the cue tables in
kiebitz/data/statements: content-first and speaker-first cue clauses, source markers ("laut X", "according to
X"), reported speech acts, "X sagte:" introductions, "Das sagte X" afterwords, headline "Name: „…“", and
continuation (quotes and Konjunktiv after a statement belong to its speaker). docs/statements.md lists them.
Speakers are resolved to actors with kiebitz.extract.actors.ensure_actor (names, roles, pronouns, metonymy).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Article, Statement
from ..pipeline import component
from . import actors as actors_mod
from .clauses import (
    AUX,
    EXPLETIVE,
    IMPERSONAL,
    PRON,
    QUOTE_MARKS,
    SOURCE_PREPS,
    STOP_MARKS,
    Sentence,
    after_clause,
    konjunktiv,
)
from .cues import markers, reported_lemmas
from .quotes import Quote, find_quotes, sentences


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
        inner_end = inside[-1].inner_end
        while inner_end > inside[0].inner_start and text[inner_end - 1] in ",; ":
            inner_end -= 1  # “We do not see any basis,” said X
        return "direct", inside[0].inner_start, inner_end
    return "mixed", start, end


def _match_cue(sent: Sentence) -> _Found | None:
    """Rules 1-3 for one sentence."""
    toks = sent.toks
    reported: _Found | None = None
    for i, cue, part in sent.cues():
        cue_span = (toks[i].start, toks[i].end, toks[i].text + (f" {toks[part].text}" if part else ""))
        prev = toks[i - 1].text if i else ""
        if reported is None and cue.lemma in reported_lemmas(sent.lang):
            reported = _reported(sent, i, part, cue_span, " " not in cue.lemma)
        impersonal = toks[i].text.lower() in IMPERSONAL and i + 1 < len(toks) and toks[i + 1].text == "es"
        # 1. content first: "<content>, sagte X" / "“…,” said X" / "…“ sagte X"
        if i >= 2 and (prev == "," or prev in QUOTE_MARKS) and sent.clause_like(0, i - 1):
            sp = sent.np_after(i + (1 if part == i + 1 else 0))
            if impersonal:  # "„…“, heißt es in der Erklärung des Ministeriums" / "…, hieß es."
                sp = sent.np_after(i + 2) if i + 2 < len(toks) and toks[i + 2].text in SOURCE_PREPS else None
            if sp is not None or impersonal:
                cut = toks[i - 1].start if prev == "," else toks[i - 1].end
                return _Found("", sent.start, cut, sp, cue_span, 0.85 if sp else 0.6)
        # 1c. parenthetical cue: "Die Regierung, sagte Rjabkow, werde nicht nachgeben."
        if i >= 2 and prev == "," and not sent.clause_like(0, i - 1):
            sp = sent.np_after(i + (1 if part == i + 1 else 0))
            after = next((n for n, t in enumerate(toks) if sp and t.start >= sp[1]), None)
            if sp is not None and after is not None and toks[after].text == "," and len(toks) - after > 3:
                return _Found("", sent.start, sent.end, sp, cue_span, 0.75)
        # 1b. "<content>, X said." / "…, wie X sagte"
        comma = max((n for n in range(i) if toks[n].text == "," and not sent.quoted[n]
                     or sent.quoted[n] and (n + 1 >= len(toks) or not sent.quoted[n + 1])), default=None)
        if comma is not None and comma >= 2:
            wie = toks[comma + 1].text.lower() in {"wie", "as"}
            start_tok = comma + 1 + int(wie)
            # "…, wie der Verband am Donnerstag mitteilte": the speaker follows "wie", adverbials may follow it
            sp = sent.np_after(comma + 1) if wie and i - comma <= 10 else sent.np_before(i, start_tok)
            # up to a coordinated second verb: "“…,” Smith said and added that …"
            upto = next((n for n in range(i + 1, len(toks) - 1) if toks[n].text.lower() in {"and", "und"}
                         and sent.is_verb(n + 1)), len(toks))
            rest = [t for t in toks[i + 1:upto] if t.text not in STOP_MARKS]
            finite_after = any(sent.is_verb(n) and not sent.quoted[n] for n in range(i + 1, upto))
            if sp is not None and (len(rest) <= 6 and not finite_after or wie) and sent.clause_like(0, comma):
                cut = toks[comma].start if toks[comma].text == "," else toks[comma].end
                return _Found("", sent.start, cut, sp, cue_span, 0.8)
        # 0. "Wie die Polizei mitteilte, wurde niemand verletzt." / "As the police said, …"
        if toks[0].text.lower() in {"wie", "as"} and i + 2 < len(toks) and toks[(part or i) + 1].text == "," \
                and i <= 10 and all(t.text not in STOP_MARKS for t in toks[1:i]):
            sp = sent.np_after(0)
            if sp is not None and sp[1] <= toks[i].start:
                return _Found("", toks[(part or i) + 2].start, sent.end, sp, cue_span, 0.8)
        # 2. speaker first (also "X hat am Montag gesagt, ..." with an auxiliary in second position)
        sp = sent.np_before(i) or _apposition_speaker(sent, i) or _relative_speaker(sent, i) or (
            _english_subject(sent, i) if sent.lang == "en" else None)
        if sp is None:
            aux = next((n for n in range(1, i) if toks[n].text in AUX and not sent.quoted[n]), None)
            if aux is not None and all(t.text not in STOP_MARKS for t in toks[aux:i]):
                sp = sent.np_before(aux)
        if sp is None and i >= 3 and prev.lower() in {"und", "and"}:  # "X wies … zurück und erklärte, …"
            verb = next((n for n in range(1, i - 1) if sent.is_verb(n)), None)
            if verb is not None and all(t.text not in STOP_MARKS for t in toks[verb:i]):
                sp = sent.np_before(verb)
        if sp is not None:
            content = after_clause(sent, i, part)
            if content is not None:
                return _Found("", content[0], content[1], sp, cue_span, 0.8)
        # 3. "Am Montag sagte Rjabkow, …" / "Dazu sagte er: „…“" / "In der Erklärung hieß es, …" (German V2)
        if i >= 1 and sent.lang == "de" and all(t.text not in STOP_MARKS for t in toks[:i]):
            sp = sent.np_after(i)
            if impersonal:
                sp = sent.np_after(0) if toks[0].text.lower() in SOURCE_PREPS else None
                content = after_clause(sent, i + 1, None)
                if content is not None:
                    return _Found("", content[0], content[1], sp, cue_span, 0.7 if sp else 0.5)
            if sp is not None:
                k = next((n for n, t in enumerate(toks) if t.start >= sp[1]), len(toks))
                content = after_clause(sent, k - 1, None)
                if content is not None:
                    return _Found("", content[0], content[1], sp, cue_span, 0.7)
        # 3b. "Dazu kann ich nur sagen: …" / "Unabhängig davon hat Hulot angekündigt, dass …"
        aux = next((n for n in range(1, i) if toks[n].text in AUX and not sent.quoted[n]), None)
        if aux is not None and all(t.text not in STOP_MARKS for t in toks[:aux]):
            sp = sent.np_after(aux)
            content = after_clause(sent, i, part) if sp is not None else None
            if content is not None:
                return _Found("", content[0], content[1], sp, cue_span, 0.65)
    return reported


def _apposition_speaker(sent: Sentence, i: int) -> tuple[int, int] | None:
    """"Rebecca Stone, the bank's governor, said" / "Die Sprecherin der Stadt, Anna Berger, sagte": both parts."""
    toks = sent.toks
    if i < 4 or toks[i - 1].text != ",":
        return None
    c1 = next((n for n in range(i - 2, 0, -1) if toks[n].text == ","), None)
    if c1 is None or i - c1 > 9 or any(sent.quoted[c1:i]):
        return None
    sp = sent.np_before(c1)
    if sp is None:
        return None
    if _relative(sent, c1 + 1) or sent.tags is not None and (sent.tags[c1 + 1] or "") in ("VBG", "VBN"):
        return sp  # "Der Präsident, der am Montag eintraf, sagte" / "Clinton, speaking in Ohio, said": the head
    return sp[0], toks[i - 2].end


EN_ADVERBS = {"also", "then", "later", "again", "further", "previously", "once", "still", "now", "recently",
              "often", "never", "already", "too"}


def _english_subject(sent: Sentence, i: int) -> tuple[int, int] | None:
    """English subjects the plain phrase test misses: "He also said", "Sen. X (R-Ky.) said",
    "In a statement, the company said"."""
    toks = sent.toks
    k = i
    while k > 1 and (toks[k - 1].text.lower() in EN_ADVERBS or toks[k - 1].text.lower().endswith("ly")
                     and (sent.tags is None or (sent.tags[k - 1] or "").startswith("RB"))):
        k -= 1  # "He also said", "Smith repeatedly said"
    if k < i and (sp := sent.np_before(k)) is not None:
        return sp
    if k >= 3 and toks[k - 1].text == ")":  # "Sen. Mitch McConnell (R-Ky.) said"
        open_ = next((n for n in range(k - 2, 0, -1) if toks[n].text == "("), None)
        if open_ is not None and k - open_ <= 8 and (sp := sent.np_before(open_)) is not None:
            return sp
    comma = next((n for n in range(k - 1, 0, -1) if toks[n].text == ","), None)
    if comma is not None and k - comma >= 2 and not any(sent.quoted[:k]):
        # "In a statement, the company said" / "Speaking to reporters, Smith said"
        return sent.np_before(k, comma + 1)
    return None


RELATIVE = {"der", "die", "das", "den", "dem", "deren", "dessen", "denen", "who", "which", "that", "whose"}


def _relative(sent: Sentence, k: int) -> bool:
    """Whether toks[k] starts a relative clause ("…, der am Montag eintraf, …", "…, who …")."""
    toks = sent.toks
    if k >= len(toks) or toks[k].text.lower() not in RELATIVE:
        return False
    if sent.tags is not None and sent.tags[k]:
        # The trained German tagger often reads a relative "der" after a comma as a demonstrative
        # (PDS); after a comma the relative reading is by far the commoner one.
        after_comma = k > 0 and toks[k - 1].text == ","
        return sent.tags[k] in ("PRELS", "PRELAT", "WP", "WDT", "WP$") or (after_comma and sent.tags[k] == "PDS")
    nxt = toks[k + 1].text if k + 1 < len(toks) else ""
    return sent.lang == "en" or not (nxt[:1].isupper() or nxt.endswith(("e", "en", "er", "es", "em")))


def _relative_speaker(sent: Sentence, i: int) -> tuple[int, int] | None:
    """"…, erklärte Innenminister Seehofer, der sagte, …": the antecedent before "der" speaks."""
    toks = sent.toks
    if i < 3 or toks[i - 2].text != "," or not _relative(sent, i - 1):
        return None
    j = i - 3
    while j > 0 and i - 3 - j < 6 and not sent.quoted[j - 1] and (
            toks[j - 1].text[:1].isupper() or toks[j - 1].text.lower() in {"der", "die", "das", "des", "den",
                                                                            "dem", "von", "the", "of"}):
        j -= 1
    while j < i - 3 and toks[j].text.lower() in {"von", "of"}:
        j += 1  # "Kritik kam von Seehofer, der sagte": the phrase after the preposition
    if not toks[i - 3].text[:1].isupper() or sent.quoted[i - 3]:
        return None
    return sent.tagged_np(j, i - 3)


def _coordinated(sent: Sentence, hit: _Found) -> _Found | None:
    """A second cue joined by "und"/"and" after the first ("sagte X und fügte hinzu, …"); trims the first."""
    toks = sent.toks
    first_cue = hit.cue[0] if hit.cue else -1
    for i, _cue, part in sent.cues():
        if toks[i].start <= first_cue or i < 2 or toks[i - 1].text.lower() not in {"und", "and"}:
            continue
        if hit.speaker is not None and toks[i].start < hit.speaker[1]:
            continue
        after = max(i, part or i) + 1
        if sent.lang == "en" and (after >= len(toks) or toks[after].text.lower() not in {"that", ",", ":"}
                                  and toks[after].text not in QUOTE_MARKS):
            continue  # "and urged households to save energy": no content clause
        content = after_clause(sent, i, part)
        if content is None or content[1] - content[0] < 3:
            continue
        if hit.start < toks[i - 1].start < hit.end:  # "X sagte, er sei enttäuscht, und kündigte an, …"
            cut = i - 2 if toks[i - 2].text == "," else i - 1
            hit.end = toks[cut - 1].end if cut > 0 else hit.end
        elif toks[i].start < hit.end:
            continue
        cue_span = (toks[i].start, toks[i].end, toks[i].text + (f" {toks[part].text}" if part else ""))
        return _Found("", content[0], content[1], hit.speaker, cue_span, 0.75, speaker_id=hit.speaker_id)
    return None


def _reported(sent: Sentence, i: int, part: int | None, cue_span: tuple[int, int, str],
              separable: bool = True) -> _Found | None:
    """A speech act with its object as content: "Die Opposition sprach von einem „Skandal“"."""
    toks = sent.toks
    sp = sent.np_before(i) or _apposition_speaker(sent, i)
    k = i + 1
    if sp is None and i >= 1 and all(t.text not in STOP_MARKS for t in toks[:i]):
        sp = sent.np_after(i)  # "Am Montag kritisierte die Opposition die Pläne"
        if sp is not None:
            k = next((n for n, t in enumerate(toks) if t.start >= sp[1]), len(toks))
    if sp is None or sent.text[sp[0]:sp[1]].lower() in DEMONSTRATIVE | EXPLETIVE:
        return None  # "Das kündigte der Minister an": an afterword, not a speech act by "Das"
    if part is not None and part == k and sent.lang == "en":
        k += 1  # "called for talks"
    if k < len(toks) and toks[k].text == "sich" and part is None:
        return None  # "äußerte sich am Montag zu den Gesprächen": a topic, no content
    end = len(toks)
    while end > k and toks[end - 1].text in STOP_MARKS:
        end -= 1
    if part is not None and part > k and sent.lang == "de":
        if separable:
            end = part  # the separable particle closes the clause: "lehnte die Pläne ab"
        else:  # a fixed object starts the content: "übte scharfe Kritik an dem Vorhaben"
            k = part if sent.toks[part].text[:1].isupper() else part + 1
    stop = next((n for n in range(k, end) if toks[n].text in {",", ";", ":"} and not sent.quoted[n]), end)
    if stop - k < 2:
        return None
    return _Found("reported", toks[k].start, toks[stop - 1].end, sp, cue_span, 0.5)


def _match_marker(sent: Sentence) -> _Found | None:
    """Rule 4: laut X, X zufolge, nach Angaben von X, ", so X", according to X."""
    toks, text = sent.toks, sent.text
    for kind, words in markers(sent.lang):
        parts = words.split()
        for i in range(len(toks) - len(parts)):
            if sent.quoted[i] or [t.text.lower() for t in toks[i:i + len(parts)]] != [w.lower() for w in parts]:
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


def _intro(sent: Sentence) -> tuple[tuple[int, int], tuple[int, int, str]] | None:
    """A sentence that only introduces what follows: "Rjabkow sagte:" / "He told reporters:"."""
    toks = sent.toks
    if not toks or toks[-1].text != ":" or any(sent.quoted):
        return None
    for i, _cue, part in sent.cues():
        cue_span = (toks[i].start, toks[i].end, toks[i].text + (f" {toks[part].text}" if part else ""))
        sp = sent.np_before(i) or sent.np_after(i)
        if sp is not None:
            return sp, cue_span
    return None


DEMONSTRATIVE = {"das", "dies", "this", "that"}


def _afterword(sent: Sentence) -> tuple[tuple[int, int], tuple[int, int, str]] | None:
    """A sentence that attributes the one before: „Das sagte Rjabkow am Montag.“"""
    toks = sent.toks
    if len(toks) < 3:
        return None
    if toks[0].text.lower() not in {"das", "dies", "so", "this", "that"}:
        # "“We will win.” Trump said on Twitter.": a short sentence of speaker and cue only
        if len(toks) > 10 or any(t.text in {",", ":", ";"} for t in toks) or sent.quotes:
            return None
        for i, _cue, part in sent.cues():
            sp = sent.np_before(i)
            if sp is not None:
                return sp, (toks[i].start, toks[i].end, toks[i].text + (f" {toks[part].text}" if part else ""))
        return None
    for i, _cue, part in sent.cues():
        if i > 2:
            break
        sp = sent.np_after(i)
        if sp is not None:
            return sp, (toks[i].start, toks[i].end, toks[i].text + (f" {toks[part].text}" if part else ""))
    return None


def _colon_title(sent: Sentence, article: Article) -> _Found | None:
    """Headline style "Peskow: „Washington muss aufhören“" — a known actor, a colon, a quote."""
    toks = sent.toks
    colon = next((n for n, t in enumerate(toks[:5]) if t.text == ":"), None)
    if colon is None or colon == 0 or not any(q.start >= toks[colon].end for q in sent.quotes):
        return None
    sp = sent.np_before(colon)
    if sp is None or actors_mod.resolve_span(article, *sp) is None:
        return None
    return _Found("", toks[colon].end, sent.end, sp, (toks[colon].start, toks[colon].end, ":"), 0.6)


def _turn(sent: Sentence, article: Article) -> tuple[Article, _Found] | None:
    """A speech verb with a subject but no content ("Schmidt widersprach."): who speaks next."""
    for i, _cue, _part in sent.cues():
        sp = sent.np_before(i)
        if sp is not None and sent.text[sp[0]:sp[1]].lower() not in EXPLETIVE:
            article, speaker_id = actors_mod.ensure_actor(article, *sp)
            if speaker_id is not None:
                return article, _Found("", sent.start, sent.end, sp, None, 0.0, speaker_id=speaker_id)
    return None


def _statements(article: Article) -> tuple[Article, list[_Found]]:
    text = article.text
    lang = article.language if article.language in ("de", "en") else "de"
    quotes = find_quotes(text)
    found: list[_Found] = []
    prev: _Found | None = None
    prev_sentence_had = False
    gap = 0  # sentences since the last statement
    pending = None  # speaker and cue of "X sagte:" waiting for its quote
    last_bare: tuple[int, int, list[Quote]] | None = None  # the previous sentence, if it had no statement
    doc = article.doc
    tags = ({t.idx: t.tag_ for t in doc if not t.is_space} if doc is not None and doc.has_annotation("TAG")
            else None)
    for s, e in sentences(text, quotes):
        sent = Sentence(text, s, e, quotes, lang, tags)
        if len(sent.toks) < 3:
            prev_sentence_had, last_bare = False, None
            gap += 1
            continue
        intro = _intro(sent)
        if intro is not None:
            pending, prev_sentence_had, last_bare = intro, False, None
            continue
        after = (_afterword(sent) if last_bare is not None and last_bare[2]
                 and text[last_bare[1] - 1] in QUOTE_MARKS else None)
        if after is None and last_bare is not None and sent.toks[0].text.lower() in DEMONSTRATIVE:
            after = _afterword(sent)  # "Die Steuern sollen sinken. Das kündigte der Minister an."
        if after is not None and last_bare is not None:
            hit = _Found("", last_bare[0], last_bare[1], after[0], after[1], 0.7)
            sent = Sentence(text, last_bare[0], last_bare[1], quotes, lang, tags)
            if found and found[-1].start >= last_bare[0] and found[-1].cue is None:
                found.pop()  # the uncued quote before now has its own speaker
        else:
            hit = _match_cue(sent) or _match_marker(sent) or _colon_title(sent, article)
        if hit is None and pending is not None and sent.quotes:
            hit = _Found("", s, e, pending[0], pending[1], 0.8)
            pending = None
        mood = konjunktiv(sent, article.doc) if lang == "de" and hit is None else 0
        if hit is None and prev is not None and (gap <= 1 or mood == 2):
            long_quote = prev_sentence_had and any(q.words(text) >= 3 and q.start >= s - 1 for q in sent.quotes)
            if long_quote or mood:
                # Konjunktiv I further on still reports, most likely the last speaker (less sure)
                hit = _Found("", s, e, None, None, 0.6 if gap <= 1 else 0.45 if gap <= 3 else 0.35,
                             speaker_id=prev.speaker_id)
                hit.speaker = prev.speaker
        if hit is None and mood == 2:  # Konjunktiv I is reported speech even when the speaker is not named
            hit = _Found("", s, e, None, None, 0.35)
        if hit is None:
            standalone = [q for q in sent.quotes if q.words(text) >= 6]
            if standalone and (standalone[0].end - standalone[0].start) >= 0.6 * (e - s):
                hit = _Found("", s, e, None, None, 0.3)
        if hit is None:
            prev_sentence_had, last_bare = False, (s, e, sent.quotes)
            gap += 1
            turn = _turn(sent, article)
            if turn is not None:  # "Schmidt widersprach." — the next reported sentence is his
                article, prev = turn
                gap = 1
            continue
        kind, cs, ce = _content_kind(text, hit.start, hit.end, sent.quotes)
        if hit.kind == "reported":
            kind = "reported"
        if ce - cs < 3:
            prev_sentence_had, last_bare = False, None
            gap += 1
            continue
        hit.kind, hit.start, hit.end = kind, cs, ce
        if hit.speaker is not None and text[hit.speaker[0]:hit.speaker[1]].lower() in EXPLETIVE:
            hit.speaker = None  # "Es wurde gesagt, ...": no speaker
        if hit.speaker is not None and hit.speaker_id is None:
            said = text[hit.speaker[0]:hit.speaker[1]].lower()
            kinds = {a.id: a.kind for a in article.actors}
            plural = said == "sie" and hit.cue is not None and hit.cue[2].split()[0].endswith("n") \
                and not hit.cue[2].split()[0].endswith("t")  # "sagten sie", "sie erklärten": they
            if plural:
                hit.speaker_id = (prev.speaker_id if prev is not None and gap <= 1
                                  and kinds.get(prev.speaker_id or "") not in (None, "person")
                                  else actors_mod.resolve_plural(article, hit.speaker[0]))
            elif said in PRON[lang] - {"ich", "wir", "i", "we", "man"} and prev is not None and gap <= 1 \
                    and prev.speaker_id is not None and ((kinds.get(prev.speaker_id) == "person") != (said == "they")
                                                         or said == "sie") \
                    and actors_mod.pronoun_fits(article, prev.speaker_id, said):
                hit.speaker_id = prev.speaker_id  # "fügte er hinzu": the speaker of the last statement
            else:
                article, hit.speaker_id = actors_mod.ensure_actor(article, *hit.speaker)
        found.append(hit)
        second = _coordinated(sent, hit) if hit.cue is not None and hit.kind != "reported" else None
        if second is not None:  # "…, sagte X und fügte hinzu, …": a second statement of the same speaker
            second.kind, second.start, second.end = _content_kind(text, second.start, second.end, sent.quotes)
            found.append(second)
        prev, prev_sentence_had, gap = (second or hit), True, 0
        last_bare = (sent.start, sent.end, sent.quotes) if hit.cue is None else None
    return article, found


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
