"""Turning what a user types into a safe FTS5 query.

The user's language is small: words (all must occur), "quoted phrases", a trailing * for a
prefix, and OR between two terms. Everything else (parentheses, NEAR, colons, unbalanced quotes,
stray operators) is taken literally, so no input can raise an FTS5 syntax error.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

MAX_TERMS = 64

# A quoted phrase (closing quote optional: an unbalanced quote runs to the end) or a bare word.
_TOKEN = re.compile(r'"([^"]*)"?|(\S+)')


def _has_token(text: str) -> bool:
    """True if FTS5's unicode61 tokenizer would find a token (letters or digits) in `text`."""
    return any(ch.isalnum() for ch in text)


def _quote(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def quote_term(text: str) -> str:
    """One FTS5 string term (double quotes doubled)."""
    return _quote(text)


def query_terms(query: str) -> Iterator[tuple[str, str, bool]]:
    """The user's terms in order: ("or", "", False), ("phrase", text, False) or ("word", text, prefix)."""
    # SQLite ends a string at NUL and cannot encode lone surrogates; neither carries words.
    query = "".join(" " if unicodedata.category(ch) in ("Cc", "Cs") else ch for ch in query)
    for match in _TOKEN.finditer(query):
        phrase, word = match.groups()
        if word == "OR":
            yield "or", "", False
        elif phrase is not None:
            yield "phrase", phrase, False
        else:
            yield "word", word.rstrip("*"), word.endswith("*")


def to_fts(query: str) -> str:
    """Translate a user query to FTS5 syntax; '' if nothing searchable is left."""
    parts: list[str] = []  # terms and "OR" markers
    for kind, text, prefix in query_terms(query):
        if kind == "or":
            if parts and parts[-1] != "OR":
                parts.append("OR")
            continue
        if _has_token(text):
            parts.append(_quote(text) + ("*" if prefix else ""))
        if sum(p != "OR" for p in parts) >= MAX_TERMS:
            break
    while parts and parts[-1] == "OR":
        parts.pop()
    return " ".join(parts)
