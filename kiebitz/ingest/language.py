"""Language identification: py3langid restricted to news languages, backed by a stop-word vote.

py3langid is unsure on a handful of words ("Proteste in Paris" looks Italian to it); function
words settle German and English there. An explicit language (``--language``, JSON Lines
``language``) is never overridden.
"""

from __future__ import annotations

import copy
import re
from functools import lru_cache
from typing import Any

from ..model import Article
from ..paths import DATA_DIR
from ..pipeline import component

STOPWORDS_TSV = DATA_DIR / "language" / "stopwords.tsv"

# Languages py3langid may answer with: German and English first, plus the languages news in our
# scope is often quoted or mirrored in. Anything else would be a misfire on short text.
LANGUAGES = ("de", "en", "fr", "es", "it", "nl", "pt", "pl", "cs", "da", "sv", "no", "ru", "uk", "tr", "ar", "zh", "ja")
FOCUS = ("de", "en")
SURE = 0.9  # py3langid probability above which its answer stands alone
SAMPLE_CHARS = 2000  # enough text to decide; keeps long articles cheap
_WORD = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=1)
def _identifiers() -> tuple[Any, Any]:
    """Two py3langid models: one over LANGUAGES, one over German and English only."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    wide = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    # set_languages slices the full model kept inside, so a shallow copy shares the loaded arrays.
    focus = copy.copy(wide)
    wide.set_languages(list(LANGUAGES))
    focus.set_languages(list(FOCUS))
    return wide, focus


@lru_cache(maxsize=1)
def stopwords() -> dict[str, frozenset[str]]:
    """Function words per language from the data file."""
    out: dict[str, frozenset[str]] = {}
    for line in STOPWORDS_TSV.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            lang, words = line.split("\t", 1)
            out[lang.strip()] = frozenset(words.split())
    return out


def stopword_votes(text: str) -> dict[str, int]:
    """How many function words of each language occur in `text` (tokens, case-insensitive)."""
    tokens = [t.casefold() for t in _WORD.findall(text)]
    return {lang: sum(1 for t in tokens if t in words) for lang, words in stopwords().items()}


def detect(text: str) -> tuple[str | None, float]:
    """(ISO 639-1 code, confidence) for `text`; (None, 0.0) if it has no letters."""
    sample = text[:SAMPLE_CHARS]
    if not _WORD.search(sample):
        return None, 0.0
    wide, focus = _identifiers()
    lang, prob = wide.classify(sample)
    prob = float(prob)
    if prob >= SURE:
        return lang, round(prob, 4)
    votes = stopword_votes(sample)
    ranked = sorted(votes.items(), key=lambda kv: kv[1], reverse=True)
    (top, hits), runner_up = ranked[0], ranked[1][1] if len(ranked) > 1 else 0
    if hits > runner_up:
        margin = hits - runner_up
        vote_conf = min(0.95, 0.6 + 0.1 * margin)
        return (top, round(max(prob, vote_conf), 4)) if top == lang else (top, round(vote_conf, 4))
    # No function word decides: ask the German/English-only model, the languages kiebitz is for.
    flang, fprob = focus.classify(sample)
    fconf = round(float(fprob) * 0.8, 4)  # discounted: the two-language model always answers de or en
    if lang not in FOCUS and prob < 0.5:
        return flang, fconf
    if flang == lang:
        return lang, max(round(prob, 4), fconf)
    return lang, round(prob, 4)


@component("language")
def language(article: Article) -> Article:
    """Set `article.language` unless it was given."""
    if article.language:
        return article
    lang, _ = detect(f"{article.title or ''}\n{article.text}")
    return article.replace(language=lang)
