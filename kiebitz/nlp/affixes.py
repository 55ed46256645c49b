"""The tokenizer's affix searches, answered at once for words of letters only.

spaCy's tokenizer runs three large regular expressions (prefixes, suffixes, infixes) over every
whitespace-separated chunk it has not cached: ~6 µs per word in Python's ``re`` (suffix and infix patterns
are tried at every position), ~8% of the German pipeline's time on unseen news. No affix pattern of spaCy's
German or English defaults can match a string of letters only: each alternative consumes a punctuation
mark, a symbol or a currency sign, or needs a digit or a symbol beside it (units such as "km" only after a
digit). ``install`` proves that for the tokenizer's actual patterns (``letters_never_match``, a walk over
the parsed pattern) and only then wraps the searches, so a letters-only chunk, ~80% of news words, gets "no
affix" without running the regex: the same tokens, less time. Patterns it cannot prove keep their plain
searches.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from typing import Any

try:  # the parser behind `re` (Python 3.11+); without it the searches stay as they are
    from re import _constants as _C
    from re import _parser as _P
except ImportError:  # pragma: no cover - other Python versions
    _P = _C = None


class LettersSkip:
    """A regex search method that answers `empty` for strings of letters only, else calls the regex."""

    __slots__ = ("__self__", "_search", "_empty")

    def __init__(self, method: Callable[[str], Any], empty: Any) -> None:
        # spaCy serialises a tokenizer's searches as `method.__self__.pattern`: keep the compiled pattern there
        self.__self__ = method.__self__
        self._search = method
        self._empty = empty

    def __call__(self, string: str) -> Any:
        return self._empty if string.isalpha() else self._search(string)


@cache
def _range_has_letter(lo: int, hi: int) -> bool:
    """Whether a code point range holds a letter (str.isalpha)."""
    return any(chr(i).isalpha() for i in range(lo, hi + 1))


def _set_has_letter(items: list[tuple[Any, Any]]) -> bool:
    """Whether a character set ([...]) can match a letter; negated sets and categories (\\w) count as yes."""
    for op, av in items:
        if op is _C.LITERAL and chr(av).isalpha():
            return True
        if op is _C.RANGE and _range_has_letter(*av):
            return True
        if op not in (_C.LITERAL, _C.RANGE):  # NEGATE, CATEGORY, ...: assume it can
            return True
    return False


def _can_match_letters(items: Any) -> bool:
    """Whether this sequence can match inside a string of letters only (an empty match counts): every
    consuming atom must take a letter and every look-around must see letters (or nothing) there."""
    for op, av in items:
        if op is _C.LITERAL:
            if not chr(av).isalpha():
                return False
        elif op is _C.IN:
            if not _set_has_letter(av):
                return False
        elif op is _C.AT or op is _C.ASSERT_NOT:
            continue  # anchors and negative look-arounds only restrict: assume they pass
        elif op is _C.ASSERT:
            # a look-behind or look-ahead whose content cannot be letters fails in a letters-only string
            # (at the string's ends it sees nothing and fails anyway)
            if not _can_match_letters(av[1]):
                return False
        elif op is _C.SUBPATTERN:
            if not _can_match_letters(av[3]):
                return False
        elif op is _C.BRANCH:
            if not any(_can_match_letters(b) for b in av[1]):
                return False
        elif op in (_C.MAX_REPEAT, _C.MIN_REPEAT):
            lo, _hi, item = av
            if lo > 0 and not _can_match_letters(item):
                return False
        else:  # any other construct (., back-references, ...): assume it matches letters
            return True
    return True  # every part can: a letters-only match, or an empty one, is possible


def letters_never_match(pattern: str) -> bool:
    """True if the regex `pattern` matches no part of any string of letters only, not even an empty part."""
    if _P is None:
        return False
    try:
        return not _can_match_letters(_P.parse(pattern))
    except Exception:  # an unknown construct of another Python version: do not claim anything
        return False


def install(tokenizer: Any) -> bool:
    """Wrap the tokenizer's prefix, suffix and infix searches with the letters-only shortcut when their
    patterns provably never match letters; returns whether it did."""
    searches = [tokenizer.prefix_search, tokenizer.suffix_search, tokenizer.infix_finditer]
    if any(s is None or isinstance(s, LettersSkip) or not isinstance(getattr(s, "__self__", None), re.Pattern)
           for s in searches):
        return False
    if not all(letters_never_match(s.__self__.pattern) for s in searches):
        return False
    tokenizer.prefix_search = LettersSkip(searches[0], None)
    tokenizer.suffix_search = LettersSkip(searches[1], None)
    tokenizer.infix_finditer = LettersSkip(searches[2], ())
    return True
