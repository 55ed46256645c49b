"""PLOVER type and mode classification: trigger lexicons (data files) matched against clause tokens."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..paths import DATA_DIR

PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
# Older PLOVER names (0.5b1 gold records) -> the current 16 types.
LEGACY_TYPES = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
# PLOVER codes refusals as REJECT: "will not agree/help/meet" is a rejection, with the refused
# thing as mode.
NEGATION_FLIP = {
    "AGREE": None, "CONSULT": "meet", "COOPERATE": "cooperate", "AID": "aid",
    "CONCEDE": "concede", "RETREAT": "retreat", "SUPPORT": "support",
}
# Types that are speech acts: when a speaker voices one without naming who acts, it is theirs.
VERBAL_TYPES = frozenset({"AGREE", "REJECT", "REQUEST", "ACCUSE", "THREATEN", "SUPPORT", "CONSULT"})

# Window (tokens) within which the parts of one pattern must occur around the anchor part.
WINDOW = 15


@dataclass
class Tok:
    """One token of a sentence with every form a trigger may match."""

    i: int
    text: str
    start: int
    end: int
    forms: set[str] = field(default_factory=set)
    pos: str = ""
    tag: str = ""
    dep: str = ""
    head: int = -1
    finite: bool | None = None
    clause: int = 0

    @property
    def lower(self) -> str:
        return self.text.lower()


@dataclass(frozen=True)
class Part:
    """One slot of a pattern: alternatives, each a word sequence with optional "*" wildcards."""

    alts: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Trigger:
    """A lexicon entry: pattern -> PLOVER type, mode and the role of the clause subject."""

    type: str
    mode: str | None
    role: str  # act / speaker
    parts: tuple[Part, ...]
    line: int


@dataclass(frozen=True)
class Match:
    """A trigger found in a sentence: tokens used, anchor token (the last part)."""

    trigger: Trigger
    tokens: tuple[int, ...]
    anchor: int
    verbal: bool = False  # a verb among the tokens (needs tags)
    similar: float = 0.0  # > 0: found by lexicon similarity (similar.py), not by a pattern


def _word_match(alt: str, form: str) -> bool:
    if alt.startswith("*") and alt.endswith("*") and len(alt) > 2:
        return alt[1:-1] in form
    if alt.endswith("*"):
        return form.startswith(alt[:-1])
    if alt.startswith("*"):
        return form.endswith(alt[1:])
    return form == alt


@lru_cache(maxsize=4)
def triggers(lang: str) -> tuple[Trigger, ...]:
    """The trigger lexicon for a language (German for "de", English otherwise)."""
    path = DATA_DIR / "events" / f"triggers_{'de' if lang == 'de' else 'en'}.tsv"
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        type_, mode, role, pattern = line.split("\t")
        if type_ not in PLOVER_TYPES:
            raise ValueError(f"{path}:{n}: unknown PLOVER type {type_!r}")
        parts = tuple(
            Part(tuple(tuple(a.split("_")) for a in chunk.split("|"))) for chunk in pattern.split()
        )
        out.append(Trigger(type_, mode or None, role, parts, n))
    return tuple(out)


@lru_cache(maxsize=4)
def cues(lang: str) -> dict[str, frozenset[str]]:
    """Cue word lists by kind (negation, conditional, future, prepositions, ...)."""
    path = DATA_DIR / "events" / f"cues_{'de' if lang == 'de' else 'en'}.tsv"
    table: dict[str, set[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            kind, word = line.split("\t")
            table.setdefault(kind, set()).add(word)
    return {k: frozenset(v) for k, v in table.items()}


def _alt_at(alt: tuple[str, ...], toks: list[Tok], i: int) -> bool:
    if i + len(alt) > len(toks):
        return False
    return all(any(_word_match(w.split("@")[0], f) for f in toks[i + k].forms) for k, w in enumerate(alt))


@dataclass(frozen=True)
class _Atoms:
    """All single-word alternatives of a lexicon, split by wildcard kind for fast lookup."""

    exact: frozenset[str]
    prefix: frozenset[str]
    suffix: frozenset[str]
    infix: tuple[str, ...]


@lru_cache(maxsize=4)
def _atoms(lang: str) -> _Atoms:
    words = {w.split("@")[0] for t in triggers(lang) for p in t.parts for a in p.alts for w in a}
    return _Atoms(
        exact=frozenset(w for w in words if "*" not in w),
        prefix=frozenset(w[:-1] for w in words if w.endswith("*") and not w.startswith("*")),
        suffix=frozenset(w[1:] for w in words if w.startswith("*") and not w.endswith("*")),
        infix=tuple(w[1:-1] for w in words if w.startswith("*") and w.endswith("*") and len(w) > 2),
    )


@lru_cache(maxsize=131072)  # word forms recur across sentences and articles
def _form_atoms(form: str, lang: str) -> frozenset[str]:
    """`_token_atoms` for a form of `lang`'s lexicon, cached."""
    return frozenset(_token_atoms(form, _atoms(lang)))


def _token_atoms(form: str, atoms: _Atoms) -> set[str]:
    """The lexicon words (with their wildcards) a token form matches."""
    out = set()
    if form in atoms.exact:
        out.add(form)
    for i in range(1, len(form) + 1):
        if form[:i] in atoms.prefix:
            out.add(form[:i] + "*")
        if form[-i:] in atoms.suffix:
            out.add("*" + form[-i:])
    for x in atoms.infix:
        if x in form:
            out.add("*" + x + "*")
    return out


def _index(toks: list[Tok], lang: str) -> dict[str, list[int]]:
    """Lexicon word -> indices of the tokens it matches."""
    index: dict[str, list[int]] = {}
    for t in toks:
        found: set[str] = set()
        for form in t.forms:
            found |= _form_atoms(form, lang)
        for a in found:
            index.setdefault(a, []).append(t.i)
    return index


@lru_cache(maxsize=4)
def _needs(lang: str) -> tuple[tuple[frozenset[str], ...], ...]:
    """Per trigger, per part: the lexicon words one of which must occur (a fast pre-check)."""
    return tuple(
        tuple(frozenset(a[0].partition("@")[0] for a in part.alts) for part in trig.parts)
        for trig in triggers(lang)
    )


@lru_cache(maxsize=4)
def _by_word(lang: str) -> dict[str, tuple[int, ...]]:
    """Lexicon word -> the triggers (by position) whose first part it can fill: only those can match."""
    out: dict[str, list[int]] = {}
    for n, needs in enumerate(_needs(lang)):
        for word in needs[0]:
            out.setdefault(word, []).append(n)
    return {w: tuple(ns) for w, ns in out.items()}


def _part_hits(part: Part, toks: list[Tok], index: dict[str, list[int]]) -> list[int]:
    hits: set[int] = set()
    for alt in part.alts:
        word, _, pos = alt[0].partition("@")
        for i in index.get(word, ()):
            # "strike@N": only the noun (a strike), not the verb (drones struck).
            if pos == "N" and toks[i].pos and toks[i].pos not in ("NOUN", "PROPN"):
                continue
            # "back@V": only the verb (they back the plan), not the particle (handed back).
            if pos == "V" and toks[i].pos and toks[i].pos not in ("VERB", "AUX"):
                continue
            if len(alt) == 1 or _alt_at(alt, toks, i):
                hits.add(i)
    return sorted(hits)


def find_triggers(toks: list[Tok], lang: str, reported: bool = False) -> list[Match]:
    """Trigger matches in one sentence; overlapping matches resolved in favour of longer patterns.

    `reported`: the sentence holds a statement, so speaker acts ("Moskau müsse abziehen": a demand,
    not a withdrawal) are matched, and first.
    """
    found: list[Match] = []
    cache: dict[Part, list[int]] = {}
    index = _index(toks, lang)
    present = set(index)
    by_word, all_triggers, all_needs = _by_word(lang), triggers(lang), _needs(lang)
    candidates = sorted({n for word in present for n in by_word.get(word, ())})
    for n in candidates:
        trig, needs = all_triggers[n], all_needs[n]
        if trig.role == "speaker" and not reported:
            continue
        if any(present.isdisjoint(words) for words in needs):
            continue  # some part has no candidate word in this sentence
        hits = []
        for part in trig.parts:
            if part not in cache:
                cache[part] = _part_hits(part, toks, index)
            if not cache[part]:
                break
            hits.append(cache[part])
        else:
            for anchor in hits[-1]:
                used = [anchor]
                for other in hits[:-1]:
                    near = [i for i in other if i not in used and abs(i - anchor) <= WINDOW]
                    if not near:
                        break
                    used.append(min(near, key=lambda i: abs(i - anchor)))
                else:
                    # A participle modifying a noun ("a closure imposed after ...") makes no verb event.
                    verbal = any(toks[i].pos in ("VERB", "AUX") and not (toks[i].dep == "acl" and toks[i].tag == "VBN")
                                 for i in used)
                    found.append(Match(trig, tuple(sorted(used)), anchor, verbal))
    # Longest pattern first, then one with a verb ("Sanktionen verhängt" over "Sanktionen gegen"),
    # then lexicon order, then the tightest instance of a pattern ("released soldiers ..., and Armenia handed
    # over servicemen": "handed over" goes with "servicemen", not the earlier "soldiers"); a token serves one trigger.
    found.sort(key=lambda m: (-len(m.trigger.parts), m.trigger.role != "speaker", not m.verbal, m.trigger.line,
                              m.tokens[-1] - m.tokens[0], m.anchor))
    taken: set[int] = set()
    kept = []
    for m in found:
        if taken.isdisjoint(m.tokens):
            kept.append(m)
            taken.update(m.tokens)
    return sorted(kept, key=lambda m: m.anchor)


_WORD = re.compile(r"\w+(?:[-'’.]\w+)*|[^\w\s]", re.UNICODE)


def regex_tokens(text: str, start: int, end: int) -> list[tuple[str, int, int]]:
    """Fallback tokenizer (no spaCy): words and punctuation with offsets."""
    return [(m.group(0), m.start(), m.end()) for m in _WORD.finditer(text, start, end)]
