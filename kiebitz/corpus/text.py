"""Text normalisation shared by duplicate detection, clustering and stemmed search."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_WORD = re.compile(r"\w+", re.UNICODE)
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")

# Snowball stemmers per language; PyStemmer (C) when installed, else the identity (folding only).
_STEMMER_LANGS = {"de": "german", "en": "english"}


def fold(text: str) -> str:
    """Case-fold and strip diacritics (ß -> ss, ä -> a), as FTS5's remove_diacritics does."""
    if text.isascii():
        return text.lower()
    text = unicodedata.normalize("NFKD", text.casefold())
    # Only non-ASCII characters can be combining marks: filter those runs, not every character.
    return _NON_ASCII.sub(_drop_combining, text)


def _drop_combining(match: re.Match[str]) -> str:
    return "".join(ch for ch in match.group() if not unicodedata.combining(ch))


def words(text: str) -> list[str]:
    """Case-folded word tokens (letters and digits), punctuation and spacing ignored."""
    return _WORD.findall(text.casefold())


def shingles(tokens: list[str], k: int) -> list[bytes]:
    """Word k-shingles as bytes; a text shorter than k is one shingle."""
    if len(tokens) <= k:
        return [" ".join(tokens).encode("utf-8")] if tokens else []
    # k shifted views zipped, joined and encoded by C-level maps: half the time of a comprehension of slices.
    return list(map(str.encode, map(" ".join, zip(*(tokens[i:] for i in range(k)), strict=False))))


@lru_cache(maxsize=4)
def _stemmer(language: str):  # noqa: ANN202 - a PyStemmer object or None
    try:
        import Stemmer
    except ImportError:  # pragma: no cover - depends on installed extras
        return None
    return Stemmer.Stemmer(_STEMMER_LANGS[language], 50_000)


def stem_words(tokens: list[str], language: str | None) -> list[str]:
    """Stem case-folded tokens with the language's Snowball stemmer, then fold diacritics."""
    stemmer = _stemmer(language) if language in _STEMMER_LANGS else None
    if stemmer is not None:
        tokens = stemmer.stemWords(tokens)
    return [_fold_cached(t) for t in tokens]


@lru_cache(maxsize=200_000)
def _fold_cached(token: str) -> str:
    return fold(token)


def stem_text(text: str, language: str | None) -> str:
    """The stemmed, folded shadow of a text for the stemmed full-text index.

    Same as joining `stem_words`, but folds the joined text once: folding works character by
    character (diacritics never combine across a space), and one call is cheaper than one per token.
    """
    return stem_tokens(words(text), language)


def stem_tokens(tokens: list[str], language: str | None) -> str:
    """`stem_text` of a text's `words` (when the caller has them already)."""
    stemmer = _stemmer(language) if language in _STEMMER_LANGS else None
    if stemmer is not None:
        tokens = stemmer.stemWords(tokens)
    return fold(" ".join(tokens))


def stem_variants(word: str) -> frozenset[str]:
    """A query word's stems under every supported language (the query's language is unknown).

    Cached: a stemmed article search stems every indexed word in a range of the vocabulary.
    """
    return _stem_variants(word.casefold())


@lru_cache(maxsize=200_000)
def _stem_variants(token: str) -> frozenset[str]:
    return frozenset(stem_words([token], lang)[0] for lang in (*_STEMMER_LANGS, None))
