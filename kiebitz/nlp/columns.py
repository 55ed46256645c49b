"""Per-token columns of a Doc as plain Python lists, for the rule components' hot loops.

``for tok in doc`` creates a Token object per token (about 1 µs each, several passes per doc); one
``doc.to_array`` call per column and list indexing do the same work without them.
"""

from __future__ import annotations

from typing import Any
from weakref import WeakKeyDictionary

import numpy
from spacy.attrs import HEAD, ORTH, SENT_START
from spacy.tokens import Doc


class _StringMemo(dict):
    """String hash -> string. spaCy's hashes are a function of the string alone (the same in every vocab), so
    one table serves all pipelines; a dict look-up is cheaper than StringStore's. Misses are read from the
    store last given to `string_table`; bounded: cleared when full."""

    store: Any = None

    def __missing__(self, key: int) -> str:
        if len(self) > _MAX_STRINGS:
            self.clear()
        value = self[key] = self.store[key]
        return value


_MAX_STRINGS = 200_000
_STRINGS = _StringMemo()


def string_table(store: Any) -> dict[int, str]:
    """The shared hash -> string memo, reading misses from `store` (a doc's ``vocab.strings``)."""
    _STRINGS.store = store
    return _STRINGS


def strings(doc: Doc, attr: int) -> list[str]:
    """The string value of a hashed attribute (ORTH, TAG, DEP, LEMMA, ENT_TYPE, MORPH ...) of every token."""
    if not len(doc):
        return []
    table = string_table(doc.vocab.strings)
    return [table[h] for h in doc.to_array(attr).tolist()]


# Doc -> its token texts: the texts of a doc's tokens never change (only retokenizing changes the token count,
# which invalidates the entry), and most rule components need them. Entries go with their Doc.
_TEXTS: WeakKeyDictionary[Doc, list[str]] = WeakKeyDictionary()


def texts(doc: Doc) -> list[str]:
    """Every token's text (shared between components: do not modify the list)."""
    got = _TEXTS.get(doc)
    if got is None or len(got) != len(doc):
        got = _TEXTS[doc] = strings(doc, ORTH)
    return got


def flags(doc: Doc, attr: int) -> list[bool]:
    """A boolean attribute (IS_SPACE, IS_PUNCT, IS_ALPHA, SPACY ...) of every token."""
    if not len(doc):
        return []
    return doc.to_array(attr).astype(bool).tolist()


def ints(doc: Doc, attr: int) -> list[int]:
    """An integer attribute (SENT_START, POS, IDX ...) of every token, signed."""
    if not len(doc):
        return []
    return doc.to_array(attr).astype(numpy.int64).tolist()


def heads(doc: Doc) -> list[int]:
    """The absolute head index of every token (a root is its own head)."""
    if not len(doc):
        return []
    return (doc.to_array(HEAD).astype(numpy.int64) + numpy.arange(len(doc), dtype=numpy.int64)).tolist()


def sentence_bounds(doc: Doc) -> list[tuple[int, int]]:
    """(start, end) of each sentence, as ``doc.sents`` gives them (which raises without sentence annotation)."""
    n = len(doc)
    if not n or "sents" in doc.user_hooks or not doc.has_annotation("SENT_START"):
        return [(s.start, s.end) for s in doc.sents]  # hooks, or no annotation: spaCy's answer (or error)
    starts = doc.to_array(SENT_START).astype(numpy.int64)
    cuts = [0, *(numpy.flatnonzero(starts[1:] == 1) + 1).tolist(), n]
    return list(zip(cuts[:-1], cuts[1:], strict=True))
