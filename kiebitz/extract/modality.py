"""Modality of an event: asserted, negated, hypothetical or future, from cue words of the trigger's clause.

PLOVER's refusal convention (a negated agreement is a REJECT) is applied by the events component;
this module only reads the clause: conditions ("if", "sollte"), questions, negation, future and
volition, leaving out a clausal complement of the trigger ("promised that X would ...").
"""

from __future__ import annotations

from .frames import Sentence
from .plover import Match, cues


def _complement_tokens(s: Sentence, anchor: int) -> set[int]:
    """Tokens of a clausal complement of the trigger: "promised Ukraine that the US would keep ..."

    Its "would" is the content's modality, not the promise's; English complements without a comma
    stay in the trigger's clause, so the parse tells where they start.
    """
    if not s.has_dep:
        return set()
    out = {t.i for t in s.toks if t.head == anchor and t.dep == "ccomp" and t.i > anchor}
    grew = bool(out)
    while grew:
        more = {t.i for t in s.toks if t.head in out and t.i not in out and t.i != t.head}
        grew = bool(more)
        out |= more
    return out


def _condition_clause(s: Sentence, anchor: int, c: dict) -> bool:
    """Whether an adverbial clause of the trigger's verb opens with a condition ("if", "unless", "falls").

    A threat is conditional by nature ("threatened sanctions unless ..."), so callers skip THREATEN.
    """
    if not s.has_dep:
        return False
    marks = c.get("condition_mark", frozenset())
    clauses = {t.i for t in s.toks if t.head == anchor and t.dep == "advcl"}
    return any(t.head in clauses and t.dep == "mark" and t.lower in marks for t in s.toks)


def fronted_condition(s: Sentence, clause: int, c: dict) -> int | None:
    """The clause of a German condition fronted before the trigger's main clause ("Sollten die Offiziere
    nicht …, werde man Sanktionen verhängen", "Falls Teheran …, wird Paris reagieren"), or None.

    German has no parse here: the condition opens an earlier clause of the sentence with a conditional
    word, and the trigger's clause starts with its finite verb (the main clause after a fronted clause).
    """
    toks = [t for t in s.clause_toks(clause) if t.text not in ",;"]
    if not toks or not (toks[0].tag or "").startswith("V") or not (toks[0].tag or "").endswith("FIN"):
        return None
    initial = c.get("conditional_initial", frozenset())
    for k in range(clause - 1, -1, -1):
        first = [t for t in s.clause_toks(k) if t.text not in ",;"]
        if first and first[0].lower in initial:
            return k
    return None


def _attributive(s: Sentence, i: int) -> bool:
    """A word that modifies the next noun ("a planned march", "die geplante Reform") or is one ("the plan")."""
    t = s.toks[i]
    nxt = s.toks[i + 1] if i + 1 < len(s.toks) else None
    return t.dep == "amod" or t.tag == "ADJA" or t.pos == "NOUN" or (
        t.tag in ("VBN", "JJ") and nxt is not None and nxt.pos in ("NOUN", "PROPN") and i > 0
        and s.toks[i - 1].pos == "DET")


def _done(s: Sentence, match: Match) -> bool:
    """A trigger verb in the past or perfect ("announced that it has called off the strike"): an
    announcement of something done, not of something to come."""
    for i in match.tokens:
        t = s.toks[i]
        if t.tag == "VBD" or (t.tag == "VBN" and any(
                x.lower in ("has", "have", "had") for x in s.toks[max(0, i - 3):i])):
            return True
    return False


def clause_modality(s: Sentence, match: Match, lang: str, in_statement: bool) -> tuple[str, bool, bool]:
    """(modality, negated, volitional) for a trigger from cue words in its clause and sentence."""
    c = cues(lang)
    clause = s.toks[match.anchor].clause
    inner = _complement_tokens(s, match.anchor)
    toks = [t for t in s.clause_toks(clause) if t.i not in match.tokens and t.i not in inner]
    words = [t.lower for t in toks]
    first_word = next((t.lower for t in s.toks if t.text[0].isalnum()), "")
    hypothetical = first_word in c["conditional_initial"]
    if toks and (toks[0].lower in c["interrogative"] or (len(toks) > 1 and toks[0].text == "," and toks[1].lower in c["interrogative"])):
        hypothetical = True
    for t in toks:
        if t.lower in c["conditional"] and not (in_statement and t.lower in c.get("report_future", ())) and not (
                t.text[:1].isupper() and t.i > 0 and lang == "en"):
            # (a capitalised "May" inside a sentence is the month: "from 1 May")
            hypothetical = True
    if match.trigger.type != "THREATEN" and _condition_clause(s, match.anchor, c):
        hypothetical = True  # "Japan would send aid if the government asked": a condition after the verb
    negated = False
    for t in toks:
        nxt = s.toks[t.i + 1].lower if t.i + 1 < len(s.toks) else ""
        if (t.lower in c["negation"] or t.lower.endswith("n't")) and nxt not in c.get("not_negation", ()):
            negated = True
    # "banned a planned march": an attributive participle or adjective dates its noun, not the clause.
    done = _done(s, match) if lang == "en" else False
    future = any(t.lower in c["future"] and not _attributive(s, t.i) and not (done and t.tag in ("VBD", "VBN"))
                 for t in toks) or (in_statement and any(w in c.get("report_future", ()) for w in words))
    if future and lang == "de" and any(w.startswith("werd") or w in ("wird", "wirst") for w in words):
        # "werden" + participle is the passive, not the future.
        if any(t.tag == "VVPP" for t in toks) and not any(t.tag.endswith("INF") for t in toks):
            future = any(w in c["future"] and not w.startswith(("werd", "wird")) for w in words)
    volitional = future or any(w in c.get("volition", ()) for w in words)
    if hypothetical:
        return "hypothetical", negated, volitional
    if negated:
        return "negated", True, volitional
    return ("future" if future else "asserted"), False, volitional
