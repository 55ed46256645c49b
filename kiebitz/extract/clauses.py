"""Sentences for statement rules: tokens with quote and tag information, speaker noun phrases, mood."""

from __future__ import annotations

import re

from .cues import Cue, verb_cues, verb_forms
from .person_mentions import tokens
from .quotes import ABBREVIATIONS, Quote

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
# Adverbials between a cue and the speaker after it ("sagte am Freitag der Sprecher", "sagte heute der
# Minister"): skipped before the speaker phrase; a time noun after "am" ("am Abend", "am Freitag").
# Only time adverbs: after a connective ("…, forderte aber Änderungen") the noun is mostly an object.
ADVERBS_BEFORE_SPEAKER = {"heute", "gestern", "später", "nun", "bereits", "inzwischen", "nochmals", "erneut",
                          "zuvor", "damals", "jetzt"}
TIME_NOUNS = {"abend", "morgen", "mittag", "nachmittag", "vormittag", "wochenende", "rande", "sonntagabend",
              "montagabend", "dienstagabend", "mittwochabend", "donnerstagabend", "freitagabend", "samstagabend"}
NEVER_CUES = {"meine", "meinem", "meiner", "meines"}
AMBIGUOUS_FORMS = {"meinen", "schreibe", "zeigen", "sprechen", "klagen", "hoffen", "rechnen",
                   "state", "note", "report", "stress", "point", "points", "ask", "recall", "think", "thought",
                   "claim", "warn", "find", "found", "finds", "agree", "agreed", "agrees", "expected", "signaled", "signalled"}
KONJ_I = {"sei", "seien", "seiest", "habe", "werde", "könne", "müsse", "solle", "wolle", "dürfe", "möge",
          "gebe", "wisse", "liege", "stehe", "gehe", "komme", "bleibe", "brauche", "lasse", "sehe", "halte",
          "gelte", "fehle", "plane", "arbeite", "bestehe", "erwarte", "handle", "hätten", "hätte",
          "wäre", "wären", "würde", "würden", "könnten", "könnte", "müssten", "sollten", "dürften", "gäbe"}
# Auxiliaries and modals between a sentence-initial speaker and a participle/infinitive cue
# ("Rjabkow hat am Montag gesagt, ...", "Ryabkov has said that ...").
AUX = {"hat", "haben", "hatte", "hatten", "habe", "ist", "sind", "war", "waren", "wird", "werden", "wurde",
       "wurden", "würde", "würden", "soll", "sollen", "sollte", "will", "wollen", "wollte", "kann", "können",
       "konnte", "muss", "müssen", "musste", "ließ", "ließen", "lässt", "has", "have", "had", "was", "were", "is",
       "are", "would", "could", "should", "did", "does", "do", "may", "might"}
# Tags allowed inside a speaker noun phrase, and tags that can end one (STTS for German, PTB for English).
NP_TAGS = {
    "de": ({"ART", "ADJA", "NN", "NE", "PPER", "PIS", "CARD", "TRUNC", "PPOSAT", "PDAT", "PIAT", "FM", "XY",
            "$(", "PDS", "PRF"},
           {"NN", "NE", "PPER", "PIS", "FM", "PDS", "XY"}),
    "en": ({"DT", "JJ", "JJR", "JJS", "NN", "NNS", "NNP", "NNPS", "PRP", "CD", "POS", "HYPH", "PRP$", "NFP",
            "VBN", "VBG"},
           {"NN", "NNS", "NNP", "NNPS", "PRP"}),
}
# "Es wurde gesagt, ..." / "It was said": the statement has no speaker.
EXPLETIVE = {"es", "it"}
IMPERSONAL = {"heißt", "hieß", "hieße"}  # "heißt es in der Erklärung"
SOURCE_PREPS = {"in", "im", "aus", "bei", "von"}
KONJ_II = {"würde", "würden", "würdest", "wäre", "wären", "hätte", "hätten", "könnte", "könnten", "müsste",
           "müssten", "sollte", "sollten", "dürfte", "dürften", "möchte", "möchten", "wollte", "wollten", "gäbe",
           "käme", "kämen", "ginge", "gingen", "stünde", "stünden", "bräuchte", "wüsste", "ließe", "täte"}
STOP_MARKS = {",", ".", ";", ":", "!", "?", "(", ")", "–", "—"}
class Sentence:
    """One sentence with its tokens (outside quotes marked) and cue candidates."""

    def __init__(self, text: str, start: int, end: int, quotes: list[Quote], lang: str,
                 tags: dict[int, str] | None = None) -> None:
        self.text, self.start, self.end, self.lang = text, start, end, lang
        self.quotes = [q for q in quotes if q.start < end and q.end > start]
        self.toks = _join_decimals(tokens(text, start, end))
        self.quoted = [any(q.start <= t.start < q.end for q in self.quotes) for t in self.toks]
        # Part-of-speech tags (STTS/PTB) of the tokens when the article was parsed by kiebitz.nlp.
        self.tags = [tags.get(t.start) for t in self.toks] if tags else None
        if self.tags is not None and lang == "de":
            from .frames import finite_only  # lazy: frames imports the event side

            # "Das kündigte der Minister an": the tagger reads some finite verbs as adjectives (as in frames)
            table = finite_only()
            self.tags = ["VVFIN" if tag in ("ADJA", "ADJD", "ADV", "NN", "NE") and t.text.islower() and t.text in table
                         else tag for t, tag in zip(self.toks, self.tags, strict=True)]

    def is_verb(self, k: int) -> bool:
        """A finite verb (tags when parsed, else the cue and auxiliary lists)."""
        if self.tags is not None:
            return (self.tags[k] or "").startswith(("VVFIN", "VAFIN", "VMFIN", "VBD", "VBZ", "VBP", "MD"))
        return self.toks[k].text in AUX or self.toks[k].text.lower() in verb_forms(self.lang)

    def clause_like(self, first: int, stop: int) -> bool:
        """Whether toks[first:stop] can be reported content: a quote or a verb, not just a name."""
        if any(self.quoted[first:stop]):
            return True
        if self.tags is None:
            return stop - first >= 4
        if self.lang == "en":  # a finite verb: "speaking at a rally" is no content
            return any((t or "").startswith(("VBD", "VBZ", "VBP", "MD")) for t in self.tags[first:stop])
        # a participle alone is an adverbial ("Professionell produziert, berichten die beiden …"), no clause
        return any((t or "").startswith("V") and not (t or "").endswith("PP") for t in self.tags[first:stop])

    def tagged_np(self, first: int, last: int, attributes: bool = False) -> tuple[int, int] | None:
        """With tags: trim toks[first..last] to a noun phrase ending in a noun, name or pronoun.

        `attributes`: prepositional attributes after the head belong to it ("Beatrice Fihn von der
        Internationalen Kampagne zur Abschaffung von Atomwaffen"); used for a whole first constituent.
        """
        if self.tags is None:
            return self.toks[first].start, self.toks[last].end
        ok, heads = NP_TAGS[self.lang]
        end = None
        for k in range(first, last + 1):
            tag = self.tags[k]
            if tag is None:  # inside a parser token ("Dr." is one token there, two here)
                continue
            if k > first and self.toks[k].text[:1].isupper() and self.toks[k].text.isalpha() \
                    or _name_like(self.toks[k].text):
                tag = "NE" if self.lang == "de" else "NNP"  # names the tagger read as words ("Petra Lang")
            elif self.lang == "de" and numeric_noun(self.toks[k].text):
                tag = "NN"  # "der 47-Jährige": a nominalised adjective the tagger may read as ADJA
            inner = self.toks[k].text.lower() in {"von", "of", "for", "des", "der"} or (
                attributes and tag in ("APPR", "APPRART", "IN"))
            if tag not in ok and not (inner and end is not None):
                if k == first:
                    return None
                break
            if tag in heads:
                end = k
        if end is None:
            return None
        return self.toks[first].start, self.toks[end].end

    def cues(self) -> list[tuple[int, Cue, int | None]]:
        """(token index, cue, particle token index) for cue verbs outside quotes."""
        forms, every = verb_forms(self.lang), verb_cues(self.lang)
        out = []
        for i, t in enumerate(self.toks):
            low = t.text.lower()
            if self.quoted[i] or low not in forms or low in AMBIGUOUS_FORMS and not self._cue_context(i):
                continue
            if low in NEVER_CUES or (self.tags is not None and not (self.tags[i] or "V").startswith("V")):
                continue  # "meine Damen", a noun or adjective with a verb's spelling
            if t.text[:1].isupper() and i > 0 and self.toks[i - 1].text not in QUOTE_MARKS | {",", ":"}:
                continue  # a capitalised noun ("Frage", "Bericht"), not the verb
            # A form of several verbs ("gab": zugeben, bekanntgeben): the one whose particle is there,
            # else the one without a particle.
            best: tuple[Cue, int | None] | None = None
            for cue in every[low]:
                if not cue.particle:
                    best = best or (cue, None)
                    continue
                part = next((k for k in range(i + 1, len(self.toks)) if not self.quoted[k]
                             and self.toks[k].text == cue.particle.split()[-1]
                             and (" " in cue.lemma or not cue.lemma.startswith(cue.particle)
                                  or self._clause_end(k + 1))), None)
                if part is None and i > 0 and self.toks[i - 1].text == cue.particle and cue.particle.isalpha() \
                        and len(cue.particle) > 4 and self._clause_end(i + 1):
                    part = i - 1  # verb-final, written apart: "wie der Verband am Montag bekannt gab,"
                if part is not None and (best is None or best[1] is None):
                    best = (cue, part)
            if best is not None:
                out.append((i, best[0], best[1]))
        return out

    def _clause_end(self, k: int) -> bool:
        """Whether a separable particle before toks[k] closes its clause ("forderte sie auf, …"), unlike a
        preposition ("fordern, dass der Ausstieg auf 2030 …")."""
        return k >= len(self.toks) or self.toks[k].text in STOP_MARKS | QUOTE_MARKS | {"und", "oder", "dass"}

    def _cue_context(self, i: int) -> bool:
        """Ambiguous forms count only next to a comma, colon or quote."""
        nxt = self.toks[i + 1].text if i + 1 < len(self.toks) else ""
        prev = self.toks[i - 1].text if i else ""
        return nxt in {",", ":", "that", "dass"} or prev in {","} | QUOTE_MARKS

    def np_after(self, i: int) -> tuple[int, int] | None:
        """Speaker phrase right after token i ("sagte der russische Außenminister Lawrow am Montag")."""
        toks, lang = self.toks, self.lang
        k = i + 1
        if lang == "de":
            k = self._skip_adverbials(k)
        if k < len(toks) and toks[k].text.lower() in PRON[lang] | EXPLETIVE:
            return toks[k].start, toks[k].end
        first, last = k, None
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
                named = _name_like(w)  # "el-Baradei", "t-online.de"
                if w[:1].islower() and low not in DET[lang] and low not in {"des", "der", "von"} and not named:
                    if not re.search(r"(e|en|er|es|em)$", w) or low in {"gegenüber", "gestern", "heute",
                                                                           "zufolge", "weiter", "zudem"}:
                        break
                ok = ok or named or numeric_noun(w)
            else:
                ok = low not in {"on", "in", "at", "to", "that", "during", "after", "before", "while", "from",
                                 "with", "as", "when", "about", "and", "but", "because", "who", "which",
                                 "told", "reporters", "journalists", "said", "says", "added"}
                if low in {"for", "of"}:  # "a spokesman for the company", but not "said for years"
                    ok = last is not None and k + 1 < len(toks) and toks[k + 1].text.lower() in DET[lang] | {
                        "the"} | {t.text.lower() for t in toks[k + 1:k + 2] if t.text[:1].isupper()}
            if not ok:
                break
            if w[:1].isupper() or _name_like(w) or numeric_noun(w) or (lang == "en" and low not in DET[lang]):
                last = k
            elif lang == "de" and k > first and toks[k - 1].text.lower() in DET[lang] and low not in DET[lang] \
                    and (k + 1 >= len(toks) or toks[k + 1].text in STOP_MARKS):
                # a pronoun-like head after an article closing the clause: "meinte ein anderer." (any tag)
                return toks[k - 1].start, toks[k].end
            k += 1
        if last is None:
            return None
        return self.tagged_np(first, last)

    def _skip_adverbials(self, k: int) -> int:
        """The first token after adverbials that may stand between a German cue and its speaker: "heute",
        "am Freitag", "am Abend" (at most two; only when a speaker phrase can follow)."""
        toks = self.toks
        start = k
        for _ in range(2):
            if k >= len(toks) or self.quoted[k]:
                break
            low = toks[k].text.lower()
            if low in ADVERBS_BEFORE_SPEAKER:
                k += 1
            elif low == "am" and k + 1 < len(toks) and (toks[k + 1].text.lower() in TEMPORAL | TIME_NOUNS):
                k += 2 + int(toks[k + 1].text.lower() == "rande" and k + 3 < len(toks)
                             and toks[k + 2].text.lower() in {"des", "der"}) * 2  # "am Rande der Messe"
            else:
                break
        if k == start or k >= len(toks):
            return start
        nxt = toks[k].text
        return k if (nxt.lower() in DET[self.lang] | PRON[self.lang] or nxt[:1].isupper() or numeric_noun(nxt)) \
            and not self.quoted[k] else start

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
                t.text == "." and n and _abbreviation(span[n - 1].text)) for n, t in enumerate(span)):
            return None
        if len(span) == 1 and span[0].text.lower() in PRON[lang] | EXPLETIVE:
            return span[0].start, span[0].end
        if self.tags is not None and lang == "de" and len(span) > 1 and self.tags[i - 1] == "ADV":
            i -= 1  # "Die Armeeleitung hingegen sprach", "Der Minister selbst sagte": the adverb is no part
            span = toks[j:i]
        if lang == "de":
            if (self.tags is None or span[0].text[:1].islower()) and any(t.text[:1].islower() and t.text.lower() not in DET[lang] | {"des", "der", "von", "-"}
                   and not re.search(r"(e|en|er|es|em)$", t.text) for t in span):
                return None
        elif any(t.text.lower() in {"on", "in", "at", "after", "when", "if", "while", "because"} | AUX
                 or n == 0 and t.text.lower() in {"for", "of"} for n, t in enumerate(span)):
            return None
        if not (span[-1].text[:1].isupper() or lang == "en" or numeric_noun(span[-1].text)):
            return None
        found = self.tagged_np(j, i - 1, attributes=True)
        if found is not None and self.tags is not None and found[1] != span[-1].end:
            return None  # the whole first constituent must be the speaker
        return found


def numeric_noun(word: str) -> bool:
    """A noun written with a number: "47-Jährige", "21-Jähriger", "3:0-Sieger" (capital after the hyphen)."""
    return bool(re.fullmatch(r"\d[\d.,:]*-[A-ZÄÖÜ][\w-]*", word))


def _name_like(word: str) -> bool:
    """A lower-case name: "el-Baradei", "t-online.de", "ndr.de" (an inner capital or a web domain)."""
    return word[:1].islower() and (bool(re.search(r"-[A-ZÄÖÜ]", word)) or bool(re.fullmatch(r"[\w-]+\.(de|com|org|net|at|ch|eu)", word)))


def _join_decimals(toks: list) -> list:
    """One token for a decimal number ("2,2 Milliarden"): its comma is no clause boundary."""
    out: list = []
    for t in toks:
        if (len(out) >= 2 and out[-1].text == "," and out[-1].start == out[-2].end and t.start == out[-1].end
                and out[-2].text[-1:].isdigit() and t.text[:1].isdigit()):
            comma = out.pop()
            first = out.pop()
            out.append(type(t)(first.text + comma.text + t.text, first.start, t.end))
            continue
        out.append(t)
    return out


def after_clause(sent: Sentence, i: int, part: int | None) -> tuple[int, int] | None:
    """The content after a speaker-first cue: after the next comma/colon (German) or after the verb/that."""
    toks = sent.toks
    k = max(i, part or i) + 1
    if sent.lang == "en":
        for n in range(k, min(k + 6, len(toks))):
            if toks[n].text.lower() == "that" or toks[n].text in {":"} or n == k and toks[n].text == ",":
                k = n + 1
                break
        if k >= len(toks) or toks[k].text.lower() in {"reporters", "journalists"}:
            return None
        return toks[k].start, sent.end
    first, steps = k, 0
    while k < len(toks) and toks[k].text not in {",", ":"}:
        if toks[k].text in QUOTE_MARKS:
            quote = next((q for q in sent.quotes if q.start == toks[k].start), None)
            if k == first or (quote is not None and quote.words(sent.text) >= 3):
                break  # the quote is the content: "sagte „…“"
            if quote is not None:  # a quoted name or word inside the clause: "sagte der „Bild“-Zeitung"
                while k < len(toks) and toks[k].start < quote.end:
                    k += 1
                continue
        k += 1
        steps += 1
        if steps > 8:
            return None
    if k >= len(toks):
        return None
    comma = toks[k].text == ","
    if toks[k].text in {",", ":"}:
        k += 1
    if k < len(toks) and toks[k].text.lower() in {"dass", "ob"}:
        k += 1
    if k >= len(toks):
        return None
    if not comma:  # after a colon anything is content, also a question ("Ich frage Sie: Ist das richtig?")
        return toks[k].start, sent.end
    # After a cue at the end of a fronted clause the main clause starts with its finite verb ("Nachdem ich
    # mich informieren konnte, lief alles …", "…, die an X glaubten, betrachteten …"), or a coordinator
    # continues the sentence ("drohen Geldstrafen, und …"): no reported content there.
    if not sent.quoted[k] and (toks[k].text.lower() in {"und", "oder", "aber", "sondern", "denn"}
                               or sent.tags is not None and sent.tags[k] in ("VVFIN", "VAFIN", "VMFIN")):
        return None
    if _relative_clause(sent, k):
        return None
    return toks[k].start, sent.end


def _relative_clause(sent: Sentence, k: int) -> bool:
    """A relative clause from toks[k] ("…, die als Nachkommen bezeichnet werden"): a relative pronoun and the
    verbs at the clause end; "das ist falsch" (verb second, a demonstrative the tagger may read as
    relative) is content."""
    toks, tags = sent.toks, sent.tags
    if tags is None or sent.quoted[k] or tags[k] not in ("PRELS", "PRELAT"):
        return False
    n = next((n for n in range(k + 1, len(toks)) if (tags[n] or "").startswith("V") or toks[n].text in STOP_MARKS),
             None)
    if n is None or n == k + 1 or not (tags[n] or "").startswith("V"):
        return False
    while n + 1 < len(toks) and (tags[n + 1] or "").startswith("V"):
        n += 1  # the verb cluster: "bezeichnet werden"
    return n + 1 == len(toks) or toks[n + 1].text in STOP_MARKS


def konjunktiv(sent: Sentence, doc: object | None) -> int:
    """2 if the sentence has a Konjunktiv I verb outside quotes (reported speech), 1 for Konjunktiv II only, 0 else."""
    verbs: list[str] = []
    if doc is not None and getattr(doc, "has_annotation", lambda _: False)("MORPH"):
        span = doc.char_span(sent.start, sent.end, alignment_mode="expand")
        if span is not None:
            verbs = [t.text for t in span if "Sub" in t.morph.get("Mood") and t.pos_ in ("AUX", "VERB")
                     and not any(q.start <= t.idx < q.end for q in sent.quotes)]
    else:
        verbs = [t.text for n, t in enumerate(sent.toks) if not sent.quoted[n] and t.text in KONJ_I]
    if any(v.lower() not in KONJ_II and not v.lower().endswith(("te", "ten")) for v in verbs):
        return 2
    return 1 if verbs else 0


def _abbreviation(word: str) -> bool:
    """Whether a following full stop belongs to the word ("Dr.", "U.S.", "z. B.")."""
    return word in ABBREVIATIONS or bool(re.fullmatch(r"[A-Z](\.[A-Z])+|[A-Z]", word))
