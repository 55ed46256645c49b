"""Statement detection in one sentence: cue clauses, source markers, reported speech acts, intros, afterwords.

Content-first ("<content>, sagte X"), speaker-first ("X sagte, <content>"), V2 ("Am Montag sagte X, …"),
markers ("laut X", "X zufolge", "according to X"), speech acts whose object is the content ("sprach von
einem „Skandal“"), "X sagte:" introductions, "Das sagte X." afterwords and headline "Name: „…“".
The speaker *span* comes from kiebitz.extract.speaker_spans; resolving it to an actor is kiebitz.extract.speakers.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Article
from . import actors as actors_mod
from .clauses import (
    AUX,
    EXPLETIVE,
    IMPERSONAL,
    KONJ_I,
    KONJ_II,
    QUOTE_MARKS,
    SOURCE_PREPS,
    STOP_MARKS,
    Sentence,
    after_clause,
)
from .cues import Cue, markers, reported_lemmas, source_nouns
from .quotes import Quote
from .speaker_spans import apposition_speaker, english_subject, relative_speaker, relative_subject


@dataclass
class Found:
    kind: str
    start: int
    end: int
    speaker: tuple[int, int] | None
    cue: tuple[int, int, str] | None
    confidence: float
    speaker_id: str | None = None
    refers: tuple[int, int] | None = None  # the antecedent of a relative-pronoun speaker ("…, der sagte")


def content_kind(text: str, start: int, end: int, quotes: list[Quote]) -> tuple[str, int, int]:
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

# Konjunktiv I forms that make a clause reported ("Der Arzt habe angegeben, …, sagte der Sprecher").
KONJ_I_FORMS = KONJ_I - KONJ_II

# Conjunctions that open a fronted adverbial clause ("Als er antrat, hat er … mitgeteilt").
SUBORDINATORS = {"als", "wenn", "weil", "nachdem", "obwohl", "bevor", "falls", "sobald", "seit", "seitdem",
                 "indem", "sofern", "da", "während"}

# Adverbs that attribute a sentence to the source named before ("Demnach sind acht Menschen gestorben").
ANAPHORIC_SOURCES = {"demnach", "demzufolge"}
PASSIVE_AUX = {"wird", "wurde", "werden", "wurden", "worden", "is", "was", "were", "been"}


def _quote_before(sent: Sentence, i: int) -> bool:
    """A quote right before the cue is its content, not a quoted name ("In der „Bild“ schreibt Papier, …")."""
    quote = next((q for q in sent.quotes if q.end == sent.toks[i - 1].end), None)
    return quote is None or sent.lang == "en" or quote.words(sent.text) >= 4 or (
        sent.text[quote.inner_end - 1:quote.inner_end] in ",.!?")


_COORDINATED = frozenset({"and", "but", "while", "whereas", "or"})

# Tags of a word that opens an adverbial (a preposition or adverb; STTS and Penn).
_ADVERBIAL_TAGS = frozenset({"IN", "RB", "APPR", "APPRART", "ADV"})


def match_cue(sent: Sentence) -> Found | None:
    """Rules 1-3 for one sentence."""
    toks = sent.toks
    reported: Found | None = None
    for i, cue, part in _closing_first(sent, sent.cues()):
        cue_span = (toks[i].start, toks[i].end, toks[i].text + (f" {toks[part].text}" if part else ""))
        prev = toks[i - 1].text if i else ""
        so = prev.lower() == "so" and i >= 3 and toks[i - 2].text == "," and not sent.quoted[i - 1] \
            and not (i + 1 < len(toks) and toks[i + 1].text.lower() in {"man", "es"})  # ", so fragt man sich"
        if so:  # "<content>, so sagte X" / "A, so meint X, sei B": "so" between comma and cue
            prev = ","
        if reported is None and cue.lemma in reported_lemmas(sent.lang):
            reported = _reported(sent, i, part, cue_span, " " not in cue.lemma)
        impersonal = toks[i].text.lower() in IMPERSONAL and i + 1 < len(toks) and toks[i + 1].text == "es"
        # 1. content first: "<content>, sagte X" / "“…,” said X" / "…“ sagte X"
        comma_at = i - 2 if so else i - 1
        # "The minister, who arrived on Monday, said …": the relative clause is the subject's, not content
        subject = relative_subject(sent, i) if prev == "," and not so else None
        if i >= 2 and (prev == "," or prev in QUOTE_MARKS and _quote_before(sent, i)) \
                and sent.clause_like(0, comma_at) and subject is None:
            sp = sent.np_after(i + (1 if part == i + 1 else 0))
            if impersonal:  # "„…“, heißt es in der Erklärung des Ministeriums" / "…, hieß es."
                sp = sent.np_after(i + 2) if i + 2 < len(toks) and toks[i + 2].text in SOURCE_PREPS else None
            after = next((n for n, t in enumerate(toks) if sp and t.start >= sp[1]), None)
            if so and sp is not None and after is not None and toks[after].text == "," and len(toks) - after > 3:
                return Found("", sent.start, sent.end, sp, cue_span, 0.75)  # "A, so meint X, sei B"
            if sp is not None or impersonal:
                cut = toks[comma_at].start if prev == "," else toks[i - 1].end
                return Found("", sent.start, cut, sp, cue_span, 0.85 if sp else 0.6)
        # 1d. auxiliary first: "„…“, hat die Ministerin am Montag gesagt." / "…, soll der General gesagt haben."
        inverted = _inverted_aux(sent, i, cue.lemma)
        if inverted is not None:
            comma, sp = inverted
            cut = toks[comma].start if toks[comma].text == "," else toks[comma].end
            return Found("", sent.start, cut, sp, cue_span, 0.8)
        # 1c. parenthetical cue: "Die Regierung, sagte Rjabkow, werde nicht nachgeben."
        if i >= 2 and prev == "," and not sent.clause_like(0, comma_at):
            sp = sent.np_after(i + (1 if part == i + 1 else 0))
            after = next((n for n, t in enumerate(toks) if sp and t.start >= sp[1]), None)
            if sp is not None and after is not None and toks[after].text == "," and len(toks) - after > 3:
                return Found("", sent.start, sent.end, sp, cue_span, 0.75)
        # 1b. "<content>, X said." / "…, wie X sagte"
        comma = max((n for n in range(i) if toks[n].text == "," and not sent.quoted[n]
                     or sent.quoted[n] and (n + 1 >= len(toks) or not sent.quoted[n + 1])), default=None)
        if comma is not None and comma >= 2 and not (sent.lang == "en" and toks[comma + 1].text.lower() in _COORDINATED):
            # ("India sent planes, and China pledged aid": a coordinated clause, no frame of what came before)
            wie = toks[comma + 1].text.lower() in {"wie", "as"}
            start_tok = comma + 1 + int(wie)
            # "…, wie der Verband am Donnerstag mitteilte": the speaker follows "wie", adverbials may follow it
            sp = sent.np_after(comma + 1) if wie and i - comma <= 10 else sent.np_before(i, start_tok)
            # up to a coordinated second verb: "“…,” Smith said and added that …"
            # ... or to a participle cue: "…, Mahama said, adding that …" (its own statement: coordinated)
            upto = next((n for n in range(i + 1, len(toks) - 1) if toks[n].text.lower() in {"and", "und"}
                         and sent.is_verb(n + 1) or participle_cue(sent, n + 1)), len(toks))
            rest = [t for t in toks[i + 1:upto] if t.text not in STOP_MARKS]
            finite_after = any(sent.is_verb(n) and not sent.quoted[n] for n in range(i + 1, upto))
            heisst = toks[i].text.lower() in IMPERSONAL
            if wie and heisst and i + 1 < len(toks) and toks[i + 1].text == "es":
                prep = next((n for n in range(i + 2, min(i + 4, len(toks))) if toks[n].text in SOURCE_PREPS), None)
                sp = sent.np_after(prep) if prep is not None else None  # "…, wie heißt es in der Erklärung"
            elif wie and heisst:
                prep = next((n for n in range(comma + 2, i) if toks[n].text in SOURCE_PREPS | {"auf"}), None)
                sp = sent.np_after(prep) if prep is not None else None  # "…, wie es auf der Konferenz hieß"
            # An adverbial after the cue ("said on Monday during a visit to Accra") may be long: it holds no verb.
            adverbial = bool(rest) and sent.tags is not None and (sent.tags[i + 1] or "") in _ADVERBIAL_TAGS
            if (sp is not None or wie and heisst) and ((len(rest) <= 6 or adverbial) and not finite_after or wie) \
                    and sent.clause_like(0, comma):
                cut = toks[comma].start if toks[comma].text == "," else toks[comma].end
                after = max(i, part or i) + 1
                if wie and after < len(toks) - 3 and toks[after].text == "," and sent.lang == "de":
                    cut = sent.end  # parenthetical "A, wie X mitteilte, sei B": the whole sentence
                return Found("", sent.start, cut, sp, cue_span, 0.8 if sp else 0.6)
        # 0. "Wie die Polizei mitteilte, wurde niemand verletzt." / "As the police said, …"
        end = max(i, part or i)  # "Wie Steve Marshall, Sprecher der UN, in Bangkok mitteilte, …" (commas allowed)
        if toks[0].text.lower() in {"wie", "as"} and end + 2 < len(toks) and toks[end + 1].text == "," \
                and i <= 16 and all(t.text not in STOP_MARKS - {","} for t in toks[1:i]):
            sp = sent.np_after(0)
            if sp is not None and sp[1] <= toks[i].start:
                return Found("", toks[end + 2].start, sent.end, sp, cue_span, 0.8)
        # 2. speaker first (also "X hat am Montag gesagt, ..." with an auxiliary in second position)
        sp = sent.np_before(i) or apposition_speaker(sent, i) or relative_speaker(sent, i) or subject or (
            english_subject(sent, i) if sent.lang == "en" else None)
        if sp is None:
            aux = next((n for n in range(1, i) if toks[n].text in AUX and not sent.quoted[n]), None)
            passive = aux is not None and toks[aux].text.lower() in PASSIVE_AUX and sent.tags is not None \
                and sent.tags[i] == "VVPP" and cue.lemma != "zitieren"  # "X wird zitiert": X spoke
            if aux is not None and all(t.text not in STOP_MARKS for t in toks[aux:i]):
                sp = sent.np_before(aux)
                if passive and sp is not None and sent.text[sp[0]:sp[1]].lower() not in EXPLETIVE:
                    sp = None  # a passive subject is no speaker; "Es wird erwartet, dass …" stays (no speaker)
        if sp is None and i >= 3 and prev.lower() in {"und", "and"}:  # "X wies … zurück und erklärte, …"
            verb = next((n for n in range(1, i - 1) if sent.is_verb(n)), None)
            if verb is not None and all(t.text not in STOP_MARKS for t in toks[verb:i]):
                sp = sent.np_before(verb)
        if sp is not None:
            content = after_clause(sent, i, part)
            if content is not None:
                return Found("", content[0], content[1], sp, cue_span, 0.8)
        # 3. "Am Montag sagte Rjabkow, …" / "Dazu sagte er: „…“" / "In der Erklärung hieß es, …" (German V2)
        if i >= 1 and sent.lang == "de" and all(t.text not in STOP_MARKS for t in toks[:i]):
            sp = sent.np_after(i)
            if impersonal:
                sp = sent.np_after(0) if toks[0].text.lower() in SOURCE_PREPS else None
                content = after_clause(sent, i + 1, None)
                if content is not None:
                    return Found("", content[0], content[1], sp, cue_span, 0.7 if sp else 0.5)
            if sp is not None:
                k = next((n for n, t in enumerate(toks) if t.start >= sp[1]), len(toks))
                content = after_clause(sent, k - 1, None)
                if content is not None:
                    return Found("", content[0], content[1], sp, cue_span, 0.7)
        # 3b. "Dazu kann ich nur sagen: …" / "Unabhängig davon hat Hulot angekündigt, dass …"
        aux = next((n for n in range(1, i) if toks[n].text in AUX and not sent.quoted[n]), None)
        if aux is not None and all(t.text not in STOP_MARKS for t in toks[:aux]):
            sp = sent.np_after(aux)
            content = after_clause(sent, i, part) if sp is not None else None
            if content is not None:
                return Found("", content[0], content[1], sp, cue_span, 0.65)
    return reported

def _final_cue(sent: Sentence, i: int, part: int | None) -> bool:
    """A cue after a comma whose clause closes the sentence with no verb of its own after it ("<content>,
    sagte ein Sprecher des Gerichts."): the attribution of everything before it."""
    toks = sent.toks
    if sent.lang == "en" and sent.tags is not None and not sent.quoted[i]:
        # English order: "<content>, a State Department spokesman said (in Washington)."
        comma = next((n for n in range(i - 1, max(0, i - 9), -1) if toks[n].text == ","), None)
        if comma is not None and comma >= 2 and comma < i - 1 and not any(
                sent.is_verb(n) or sent.quoted[n] for n in range(comma + 1, i)):
            return not any(sent.is_verb(n) or toks[n].text in {":", ";", ","} or sent.quoted[n]
                           for n in range(i + 1, len(toks)) if n != part)
    if i < 2 or sent.quoted[i] or toks[i - 1].text != "," or sent.tags is None:
        return False
    return not any(sent.is_verb(n) or toks[n].text in {":", ";"} or sent.quoted[n]
                   for n in range(i + 1, len(toks)) if n != part)


def _closing_first(sent: Sentence, cues: list[tuple[int, Cue, int | None]]) -> list[tuple[int, Cue, int | None]]:
    """Cues in order, but a closing attribution first: in "Der Angeklagte habe die Tat gestanden, sagte ein
    Sprecher" the earlier cue ("gestanden") is part of the content of the last one."""
    final = [c for c in cues if _final_cue(sent, c[0], c[2])]
    if not final or final[0] is cues[0]:
        return cues
    if sent.lang == "en":
        # English marks no reported mood: a closing "…, a spokesman said." frames the whole sentence
        # ("The US welcomed the ruling and called on …, a State Department spokesman said").
        return final[:1] + [c for c in cues if c is not final[0]]
    # Only when what comes before is reported (Konjunktiv I): "Der Minister kündigte an, die Steuern zu
    # senken, forderte Änderungen" is two acts of the minister, not a content of "Änderungen".
    toks = sent.toks
    if not any(not sent.quoted[n] and (toks[n].text in KONJ_I_FORMS or _konjunktiv_i_tagged(sent, n))
               for n in range(final[0][0])):
        return cues
    return final[:1] + [c for c in cues if c is not final[0]]


def _konjunktiv_i_tagged(sent: Sentence, n: int) -> bool:
    """A finite verb with the Konjunktiv I ending "-e" (not the past "-te"): "plane", "erwarte", "gebe"."""
    w = sent.toks[n].text
    return sent.tags is not None and (sent.tags[n] or "") in ("VVFIN", "VAFIN", "VMFIN") and w.endswith("e") \
        and not w.endswith("te") and w[:1].islower()


def _inverted_aux(sent: Sentence, i: int, lemma: str) -> tuple[int, tuple[int, int]] | None:
    """Content first with the auxiliary before the speaker: "<content>, hat X gesagt" / "…, soll X gesagt
    haben": (index of the comma or closing quote mark, speaker span)."""
    toks = sent.toks
    if sent.lang != "de" or sent.tags is None or not (sent.tags[i] or "").endswith(("PP", "INF")):
        return None
    aux = next((n for n in range(i - 1, 0, -1) if toks[n].text in AUX and not sent.quoted[n]), None)
    if aux is None or aux < 2 or i - aux > 10:
        return None
    comma = aux - 1
    if not (toks[comma].text == "," or toks[comma].text in QUOTE_MARKS and _quote_before(sent, aux)):
        return None
    if toks[aux].text.lower() in PASSIVE_AUX and lemma != "zitieren":
        return None  # "…, wurde gesagt": a passive has no speaker there
    rest = [t.text for t in toks[i + 1:] if t.text not in STOP_MARKS | QUOTE_MARKS]
    if any(w not in {"haben", "sein", "worden"} for w in rest) or not sent.clause_like(0, comma):
        return None
    if not sent.quoted[0] and (sent.tags[0] == "KOUS" or toks[0].text.lower() in SUBORDINATORS):
        return None  # "Als er den Job antrat, hat er … mitgeteilt": a fronted adverbial clause, no content
    sp = sent.np_after(aux)
    if sp is None or sp[1] > toks[i].start:
        return None
    return comma, sp


def participle_cue(sent: Sentence, k: int) -> bool:
    """An English cue participle after a comma ("…, he said, adding that …", "…, saying …")."""
    toks = sent.toks
    return (sent.lang == "en" and 0 < k < len(toks) and toks[k - 1].text == "," and toks[k].text.endswith("ing")
            and any(i == k for i, _c, _p in sent.cues()))


def coordinated(sent: Sentence, hit: Found) -> Found | None:
    """A second cue joined by "und"/"and" after the first ("sagte X und fügte hinzu, …"); trims the first."""
    toks = sent.toks
    first_cue = hit.cue[0] if hit.cue else -1
    for i, _cue, part in sent.cues():
        if toks[i].start <= first_cue or i < 2 or (toks[i - 1].text.lower() not in {"und", "and"}
                                                   and not participle_cue(sent, i)):
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
        return Found("", content[0], content[1], hit.speaker, cue_span, 0.75, speaker_id=hit.speaker_id)
    return None


def _reported(sent: Sentence, i: int, part: int | None, cue_span: tuple[int, int, str],
              separable: bool = True) -> Found | None:
    """A speech act with its object as content: "Die Opposition sprach von einem „Skandal“"."""
    toks = sent.toks
    sp = sent.np_before(i) or apposition_speaker(sent, i)
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
    # The statement runs to the end of the sentence ("kritisierte die Pläne als unsozial, weil …"); the
    # speaker and the verb stay outside, so an event coded from the verb is the speech act itself, no claim.
    last = len(toks)
    while last > stop and toks[last - 1].text in STOP_MARKS:
        last -= 1
    if sent.lang == "de":
        # "verurteilte die Strafmaßnahmen und kündigte Gegenmaßnahmen an": a coordinated finite verb
        # is the speaker's next act, not part of what was criticised.
        last = next((n for n in range(k + 1, last) if _coordinated_finite(sent, n)), last)
        if part is not None and part == last - 1 and last - 1 > k:
            last -= 1  # "wies die Vorwürfe zurück": the particle is the verb's, not what was rejected
    return Found("reported", toks[k].start, toks[last - 1].end, sp, cue_span, 0.5)


def _coordinated_finite(sent: Sentence, n: int) -> bool:
    """A coordinator at n directly followed by a finite verb (by tag, or a form only ever a finite verb)."""
    from .frames import finite_only

    toks = sent.toks
    if n + 1 >= len(toks) or sent.quoted[n] or toks[n].text not in {"und", "oder", "aber", "sowie"}:
        return False
    tag = sent.tags[n + 1] if sent.tags is not None and len(sent.tags) == len(toks) else ""
    return (tag or "").endswith("FIN") or toks[n + 1].text in finite_only()


def match_marker(sent: Sentence) -> Found | None:
    """Rule 4: laut X, X zufolge, nach Angaben von X, ", so X", according to X."""
    toks, text = sent.toks, sent.text
    lows = [t.text.lower() for t in toks]
    present = set(lows)
    for kind, words in markers(sent.lang):
        parts = words.lower().split()
        if parts[0] not in present:
            continue  # most markers do not occur at all: skip the scan
        for i in range(len(toks) - len(parts)):
            if sent.quoted[i] or lows[i:i + len(parts)] != parts:
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
                    k = next((n for n, t in enumerate(toks) if t.start >= sp[1]), len(toks))
                    while k < len(toks) and toks[k].text not in STOP_MARKS and k - i < 12:
                        k += 1  # "so Obama weiter in einem Interview"
                    if k < len(toks) - 3 and toks[k].text in {",", "–", "—"}:
                        end = sent.end  # parenthetical: "Sein Rivale, so Obama, würde …" — the whole sentence
                    return Found("", sent.start, end, sp, (toks[i].start, toks[last].end, words), 0.75)
                k = next((n for n, t in enumerate(toks) if t.start >= sp[1]), len(toks))
                start = toks[k + 1].start if k < len(toks) and toks[k].text == "," and k + 1 < len(toks) else (
                    toks[k].start if k < len(toks) else sent.end)
                if i > 0:  # marker inside the sentence: the whole sentence is the content
                    start = sent.start
                return Found("", start, sent.end, sp, (toks[i].start, toks[last].end, words), 0.7)
            # post: "X zufolge"
            j = i
            while j > 0 and toks[j - 1].text not in STOP_MARKS and i - j < 6:
                j -= 1
            if j < i:
                sp = (toks[j].start, toks[i - 1].end)
                start = sent.start if j > 0 else toks[i + 1].start
                _ = text
                return Found("", start, sent.end, sp, (toks[i].start, toks[i].end, words), 0.7)
    return None


def source_phrase(sent: Sentence) -> Found | None:
    """"Nach ersten Angaben der Polizei …", "…, nach Ansicht des Ministers, …": the noun phrase is the source.
    "Demnach …" refers back to the source just named; the word itself stands for it."""
    toks, nouns = sent.toks, source_nouns(sent.lang)
    # postposed: "Seiner Meinung nach …", "Ihrer Ansicht nach …"
    post = next((k for k in range(1, min(4, len(toks) - 3)) if toks[k].text.lower() == "nach" and not sent.quoted[k]
                 and toks[k - 1].text[:1].isupper() and toks[k - 1].text.lower().endswith(nouns)), None)
    if post is not None:
        return Found("", toks[post + 1].start, sent.end, (toks[0].start, toks[post - 1].end),
                     (toks[post].start, toks[post].end, toks[post].text), 0.6)
    back = next((k for k in range(min(3, len(toks))) if toks[k].text.lower() in ANAPHORIC_SOURCES
                 and not sent.quoted[k]), None)
    if back is not None and len(toks) - back > 4:
        start = toks[back + 1].start if back == 0 else sent.start
        return Found("", start, sent.end, (toks[back].start, toks[back].end), (toks[back].start, toks[back].end,
                                                                              toks[back].text), 0.55)
    if not nouns:
        return None
    for i, t in enumerate(toks[:-2]):
        if t.text.lower() != "nach" or sent.quoted[i]:
            continue
        head = next((k for k in range(i + 1, min(i + 5, len(toks))) if toks[k].text[:1].isupper()
                     and toks[k].text.lower().endswith(nouns)), None)
        if head is None or any(x.text in STOP_MARKS for x in toks[i + 1:head]):
            continue
        end = head
        if head + 1 < len(toks) and toks[head + 1].text.lower() in {"des", "der", "von", "vom", "eines", "einer"}:
            sp = sent.np_after(head)
            if sp is not None:
                end = next((n for n, x in enumerate(toks) if x.end >= sp[1]), head)
        sp = (toks[i + 1].start, toks[end].end)
        marker = (t.start, t.end, t.text)
        if i > 0:  # inside the sentence: the whole sentence is the content
            return Found("", sent.start, sent.end, sp, marker, 0.65)
        k = end + 1 + int(end + 1 < len(toks) and toks[end + 1].text == ",")
        if k < len(toks):
            return Found("", toks[k].start, sent.end, sp, marker, 0.65)
    return None


def intro(sent: Sentence) -> tuple[tuple[int, int], tuple[int, int, str]] | None:
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


def afterword(sent: Sentence) -> tuple[tuple[int, int], tuple[int, int, str]] | None:
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
        if sp is None and i + 1 < len(toks) and toks[i + 1].text.lower() in {"aus", "in", "von", "vom"}:
            sp = sent.np_after(i + 1)  # "Das geht aus einer Mitteilung des Ministeriums hervor."
        if sp is not None:
            return sp, (toks[i].start, toks[i].end, toks[i].text + (f" {toks[part].text}" if part else ""))
    return None


def opinion_holder(sent: Sentence, article: Article) -> Found | None:
    """"Für den Minister ist die Lage „alarmierend“": a quoted judgement of a known person or body."""
    toks = sent.toks
    if not toks or toks[0].text not in {"Für", "For"} or not sent.quotes:
        return None
    sp = sent.np_after(0)
    if sp is None or actors_mod.resolve_span(article, *sp) is None or not any(q.start >= sp[1] for q in sent.quotes):
        return None
    return Found("", sent.start, sent.end, sp, (toks[0].start, toks[0].end, toks[0].text), 0.5)


def colon_title(sent: Sentence, article: Article) -> Found | None:
    """Headline style "Peskow: „Washington muss aufhören“" — a known actor, a colon, a quote."""
    toks = sent.toks
    colon = next((n for n, t in enumerate(toks[:5]) if t.text == ":"), None)
    if colon is None or colon == 0 or not any(q.start >= toks[colon].end for q in sent.quotes):
        return None
    sp = sent.np_before(colon)
    if sp is None or actors_mod.resolve_span(article, *sp) is None:
        return None
    return Found("", toks[colon].end, sent.end, sp, (toks[colon].start, toks[colon].end, ":"), 0.6)
