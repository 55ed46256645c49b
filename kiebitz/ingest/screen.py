"""A fast "can any boilerplate rule match this line?" test in front of the ordered rule loop.

Most lines are article text that no rule matches; trying ~90 rules one by one cost ~0.1 ms per line,
mostly in the few rules that start with a wildcard (".{0,160}\\bfoto:..."), which the regex engine
tries at every position. The screen answers with one `fullmatch` of all other rules as one
alternation, and for the wildcard rules with substring checks for words they cannot match without
(taken from the parsed pattern). It only ever says "no" when no rule matches, so the first matching
rule (the reason) is still found by the ordered loop: cleaning gives exactly what it gave before.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

try:  # CPython's regex parser (Python 3.11+ names)
    from re import _constants as _C
    from re import _parser as _re_parser
except ImportError:  # pragma: no cover - another Python implementation: no screen
    _re_parser = None


class _Rule(Protocol):
    pattern: re.Pattern[str]


def _needles(seq: object) -> set[str] | None:
    """Strings of which every match of a parsed pattern contains one (lower-cased), or None if unknown."""
    found: list[set[str]] = []
    run: list[str] = []

    def flush() -> None:
        if run:
            found.append({"".join(run)})
            run.clear()

    for op, av in seq:  # type: ignore[attr-defined]
        if op is _C.LITERAL:
            run.append(chr(av))
            continue
        flush()
        words: set[str] | None = None
        if op is _C.SUBPATTERN:
            _, add, remove, sub = av
            if not (add | remove) & re.IGNORECASE:  # a case-sensitive part would need other checks
                words = _needles(sub)
        elif op is _C.BRANCH:
            parts = [_needles(branch) for branch in av[1]]
            if parts and all(parts):
                words = set().union(*parts)  # type: ignore[arg-type]
        elif op in (_C.MAX_REPEAT, _C.MIN_REPEAT, _C.POSSESSIVE_REPEAT) and av[0] >= 1:
            words = _needles(av[2])
        if words:
            found.append(words)
    flush()
    if not found:
        return None
    best = max(found, key=lambda w: (min(len(x) for x in w), -len(w)))
    return {w.lower() for w in best}


def _leading_wildcard(seq: object) -> bool:
    """True if a pattern starts with `.{m,n}` or a lookaround: costly for fullmatch on every line."""
    data = seq.data  # type: ignore[attr-defined]
    if not data:
        return False
    op, av = data[0]
    if op in (_C.ASSERT, _C.ASSERT_NOT):
        return True
    return op in (_C.MAX_REPEAT, _C.MIN_REPEAT) and bool(av[2].data) and av[2].data[0][0] is _C.ANY


_WIDE_RANGE = 256  # a character class range wider than this counts as "any first character"


def _firsts(seq: object, odd: frozenset[str]) -> tuple[set[str] | None, bool]:
    """(Lower-cased characters a match of a parsed pattern can start with, or None if any; whether it can be empty).

    Only used for lines whose first character is ASCII and not odd: a non-ASCII pattern character
    that could match one (an odd letter such as the Kelvin sign, or one lowering to ASCII) makes it None.
    """
    out: set[str] = set()
    for op, av in seq:  # type: ignore[attr-defined]
        chars: set[str] | None
        nullable = False
        if op is _C.LITERAL:
            chars = _lowered({chr(av)}, odd)
        elif op is _C.IN:
            chars = _class_chars(av, odd)
        elif op is _C.SUBPATTERN:
            chars, nullable = _firsts(av[3], odd)
        elif op is _C.BRANCH:
            chars, nullable = set(), False
            for branch in av[1]:
                got, empty = _firsts(branch, odd)
                if got is None:
                    return None, False
                chars |= got
                nullable = nullable or empty
        elif op in (_C.MAX_REPEAT, _C.MIN_REPEAT, _C.POSSESSIVE_REPEAT):
            chars, empty = _firsts(av[2], odd)
            nullable = av[0] == 0 or empty
        elif op in (_C.AT, _C.ASSERT, _C.ASSERT_NOT):
            chars, nullable = set(), True  # zero-width: the next item gives the first character
        else:
            return None, False
        if chars is None:
            return None, False
        out |= chars
        if not nullable:
            return out, False
    return out, True


def _lowered(chars: set[str], odd: frozenset[str]) -> set[str] | None:
    """The characters lower-cased; None if a non-ASCII one could match an ASCII line character."""
    out = set()
    for ch in chars:
        low = ch.lower()
        if not ch.isascii() and (ch in odd or len(low) != 1 or low.isascii()):
            return None
        out.add(low)
    return out


def _class_chars(items: list, odd: frozenset[str]) -> set[str] | None:
    """The characters of a parsed character class `[...]`, or None (negated, categories, wide ranges)."""
    chars: set[str] = set()
    for op, av in items:
        if op is _C.LITERAL:
            chars.add(chr(av))
        elif op is _C.RANGE and av[1] - av[0] <= _WIDE_RANGE:
            chars.update(map(chr, range(av[0], av[1] + 1)))
        elif op is _C.CATEGORY and av is _C.CATEGORY_DIGIT:
            chars.update("0123456789")  # the only digits an ASCII first character can be
        else:
            return None
    return _lowered(chars, odd)


@dataclass(frozen=True)
class Screen:
    """One alternation of the plain rules, and needle words for each wildcard rule."""

    plain: re.Pattern[str] | None
    wild: tuple[tuple[frozenset[str] | None, re.Pattern[str]], ...]
    # Every needle of the wildcard rules, when every wildcard rule has needles: a line without any
    # cannot match one. Tested with `in` one by one (C substring search): ~20% cheaper than one
    # regex alternation of them, which tries each needle at every position.
    needles: tuple[str, ...] | None
    # Non-ASCII letters that case-insensitive regex matching treats as equal to another letter in
    # ways str.lower() does not ("ſ" matches "s", "ı" matches "i", "İ" lowers to two characters):
    # lines containing one skip the needle shortcut, and needles containing one are not used.
    odd: frozenset[str]
    # For a line starting with an ASCII character (not odd): the alternation of only those plain
    # rules that can start with it (or whose first character is not known), None if there are none.
    # One alternation of ~80 rules cost ~7 µs per line, mostly trying branches that fail at once.
    first: dict[str, re.Pattern[str] | None] = field(default_factory=dict)

    def may_match(self, text: str) -> bool:
        """False only if no rule can fullmatch `text` (a stripped line)."""
        plain = self.first.get(text[:1], self.plain)
        if plain is not None and plain.fullmatch(text):
            return True
        if not self.wild:
            return False
        lowered = text.lower()
        exact = text.isascii() or (len(lowered) == len(text) and self.odd.isdisjoint(text))
        if exact and self.needles is not None and not any(map(lowered.__contains__, self.needles)):
            return False
        for needles, pattern in self.wild:
            if exact and needles is not None and not any(map(lowered.__contains__, needles)):
                continue
            if pattern.fullmatch(text):
                return True
        return False


def screen(rules: Sequence[_Rule]) -> Screen:
    """The screen for a sequence of rules (build it once: parsing and compiling cost ~0.1 s)."""
    if _re_parser is None:
        return Screen(None, tuple((None, r.pattern) for r in rules), None, frozenset())
    odd = _odd_characters()
    plain: list[str] = []
    starts: list[set[str] | None] = []
    wild: list[tuple[frozenset[str] | None, re.Pattern[str]]] = []
    for rule in rules:
        pattern = rule.pattern
        parsed = _re_parser.parse(pattern.pattern, pattern.flags)
        if _leading_wildcard(parsed):
            # Needles only for rules that ignore case as a whole (the shipped rules all do).
            needles = _needles(parsed) if pattern.flags & re.IGNORECASE else None
            if needles is not None and any(not odd.isdisjoint(n) for n in needles):
                needles = None  # a needle "ı" would also be matched by a line's "i"
            wild.append((None if needles is None else frozenset(needles), pattern))
        elif pattern.flags == rules[0].pattern.flags:
            plain.append(f"(?:{pattern.pattern})")
            chars, nullable = _firsts(parsed, odd)
            starts.append(None if nullable else chars)
        else:
            wild.append((None, pattern))
    flags = rules[0].pattern.flags if rules else 0
    union = None
    if wild and all(needles for needles, _ in wild):
        every = set().union(*(needles for needles, _ in wild))  # type: ignore[misc]
        # A needle that contains another needle is found whenever that one is: searching without it
        # answers the same (the union only says whether any needle occurs) with fewer alternatives.
        every = {w for w in every if not any(o != w and o in w for o in every)}
        union = tuple(sorted(every, key=len, reverse=True))  # on lower-cased text, case-sensitive
    return Screen(re.compile("|".join(plain), flags) if plain else None, tuple(wild), union, odd,
                  _by_first(plain, starts, flags, odd))


def _by_first(plain: list[str], starts: list[set[str] | None], flags: int,
              odd: frozenset[str]) -> dict[str, re.Pattern[str] | None]:
    """Each ASCII character (not odd) -> the alternation of the plain rules a line starting with it may match."""
    compiled: dict[tuple[int, ...], re.Pattern[str] | None] = {}
    out: dict[str, re.Pattern[str] | None] = {}
    for code in range(128):
        ch = chr(code)
        if ch in odd:
            continue
        which = tuple(i for i, chars in enumerate(starts) if chars is None or ch.lower() in chars)
        if which not in compiled:
            compiled[which] = re.compile("|".join(plain[i] for i in which), flags) if which else None
        out[ch] = compiled[which]
    return out


def _odd_characters() -> frozenset[str]:
    """Letters the regex engine matches case-insensitively beyond str.lower() (re._casefix), and "İ"."""
    try:
        from re._casefix import _EXTRA_CASES as extra
    except ImportError:  # pragma: no cover - unknown internals: every non-ASCII line takes the slow path
        return _ALL
    odd = {chr(c) for key, values in extra.items() for c in (key, *values) if c > 127}
    odd.add("\u0130")  # lowers to two characters ("i" + combining dot)
    return frozenset(odd)


class _Everything(frozenset):
    """A set that contains every character (so `isdisjoint` is always False)."""

    def isdisjoint(self, other: object) -> bool:  # noqa: ARG002 - everything intersects
        return False


_ALL = _Everything()
