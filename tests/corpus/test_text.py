"""Text normalisation: the fast paths give what the per-character, per-token definitions give."""

from __future__ import annotations

import unicodedata

import pytest

from kiebitz.corpus.text import fold, stem_text, stem_words, words

TEXTS = [
    "Die Sanktionen gegen Russland wurden verlängert.", "Straße Äpfel Œuvre ﬁnance naïve café",
    "aͺb ſchön İstanbul ǅemal ½ x² Ĳssel ﬀ ǈ", "Ἀθῆναι ΐ ς Σ", "e\u0301\u0327x \u0301a", "plain ascii text",
    "Вашингтон ввёл санкции", "",
]


def _fold_by_character(text: str) -> str:
    if text.isascii():
        return text.lower()
    text = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in text if not unicodedata.combining(ch))


@pytest.mark.parametrize("text", TEXTS)
def test_fold_matches_the_character_definition(text: str) -> None:
    assert fold(text) == _fold_by_character(text)


@pytest.mark.parametrize("language", ["de", "en", None])
def test_stem_text_is_the_joined_stem_words(language: str | None) -> None:
    for text in TEXTS:
        assert stem_text(text, language) == " ".join(stem_words(words(text), language))


def test_stemming_still_folds() -> None:
    assert stem_text("Sanktionen", "de") == stem_text("sanktion", "de")
    assert "strasse" in stem_text("Straße", None)


def test_shingles_are_the_joined_runs_of_k_words():
    from kiebitz.corpus.text import shingles

    tokens = ["die", "größte", "frage", "bleibt", "offen"]
    assert shingles(tokens, 2) == [b"die gr\xc3\xb6\xc3\x9fte", "größte frage".encode(), b"frage bleibt", b"bleibt offen"]
    assert shingles(tokens, 3)[-1] == b"frage bleibt offen" and len(shingles(tokens, 3)) == 3
    assert shingles(tokens, 1) == [t.encode() for t in tokens]
    assert shingles(tokens[:2], 2) == [b"die gr\xc3\xb6\xc3\x9fte"]  # no longer than k: one shingle
    assert shingles(tokens[:1], 3) == [b"die"] and shingles([], 2) == []
