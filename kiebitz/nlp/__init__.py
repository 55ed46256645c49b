"""Language pipelines for German and English: sentences, tokens, tags, lemmas, morphology, entities.

``load(lang)`` returns a cached spaCy ``Language``; the token attribute contract is in docs/nlp.md.
The pipeline components ``nlp`` and ``entities`` live in ``kiebitz.nlp.components``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc

from ..errors import KiebitzError

LANGUAGES = ("de", "en")
FALLBACK = "en"  # languages without a pipeline are tokenised and tagged with the English one


def resolve(lang: str | None) -> str:
    """Map an article language to a pipeline language ("de", "en"); unknown -> English, none -> German."""
    if not lang:
        return "de"
    lang = lang.lower().split("-")[0].split("_")[0]
    if lang in LANGUAGES:
        return lang
    if lang in {"deu", "ger", "gsw", "bar", "nds", "lb", "ltz"}:  # German varieties tokenise fine as German
        return "de"
    return FALLBACK


@cache
def load(lang: str) -> Language:
    """The analysis pipeline for `lang` ("de" or "en"), built once per process."""
    if lang not in LANGUAGES:
        raise KiebitzError(f"no language pipeline for {lang!r} (available: {', '.join(LANGUAGES)})")
    from .build import build_pipeline

    return build_pipeline(lang)


def doc_text(doc: Doc) -> str:
    """``doc.text``, computed once per doc: spaCy joins every token on each access."""
    text = doc.user_data.get("kiebitz_text")
    if text is None:
        text = doc.user_data["kiebitz_text"] = doc.text
    return text


def pipe(texts: Iterable[str], lang: str, batch_size: int = 32) -> Iterator[Doc]:
    """Analyse many texts of one language with batching (faster than one call per text)."""
    yield from load(resolve(lang)).pipe(texts, batch_size=batch_size)


__all__ = ["LANGUAGES", "doc_text", "load", "pipe", "resolve"]
