"""The letters-only shortcut of the tokenizer's affix searches: proven, exhaustive and identical."""

from __future__ import annotations

import re

import pytest
import spacy

from kiebitz.nlp import affixes

LETTERS = [chr(i) for i in range(0x110000) if chr(i).isalpha()]


@pytest.fixture(scope="module", params=["de", "en"])
def plain(request: pytest.FixtureRequest) -> spacy.language.Language:
    return spacy.blank(request.param)


def test_spacy_affix_patterns_are_proven_letter_free(plain: spacy.language.Language) -> None:
    tok = plain.tokenizer
    for search in (tok.prefix_search, tok.suffix_search, tok.infix_finditer):
        assert affixes.letters_never_match(search.__self__.pattern)


@pytest.mark.parametrize("pattern", [
    "km$",                    # letters alone
    "(?<=[a-z])(?=[A-Z])",    # zero width between letters (camel case)
    "[^,]", r"\w+", "x*", ".",
    "[\u00a6-\u00b0]",        # a symbol range that holds "ª", a letter
    "(?:'s|s)$",              # one alternative of letters
])
def test_patterns_that_can_match_letters_are_not_claimed(pattern: str) -> None:
    assert not affixes.letters_never_match(pattern)


@pytest.mark.parametrize("pattern", ["(?<=[0-9])km$", r"\.$", r"(?<=[a-z])\.(?=[A-Z])", "(?:'s|’s)$", "[¦©®°]"])
def test_patterns_that_need_a_non_letter_are_claimed(pattern: str) -> None:
    assert affixes.letters_never_match(pattern)


def test_every_unicode_letter_gets_no_affix(plain: spacy.language.Language) -> None:
    """The proof checked by brute force: no letter of Unicode is a prefix, suffix or infix."""
    tok = plain.tokenizer
    for probe in ("", "a", "A", "ä"):
        assert not list(tok.infix_finditer(probe.join(LETTERS)))
    assert not any(tok.prefix_search(c + "ab") or tok.suffix_search("ab" + c) for c in LETTERS)


def test_install_wraps_and_tokenizes_identically(plain: spacy.language.Language) -> None:
    wrapped = spacy.blank(plain.lang)
    assert affixes.install(wrapped.tokenizer)
    assert isinstance(wrapped.tokenizer.suffix_search, affixes.LettersSkip)
    assert not affixes.install(wrapped.tokenizer)  # already wrapped
    texts = ["„Verhandlungen seien unmöglich“, sagte Rjabkow (RIA) am 3.10.2024 in Moskau.",
             "Peter's 3km-Lauf kostete US$5, d.h. 10 % mehr – oder? Ja!!! :-) #tag @user e.g. U.S.A.",
             "Die NATO-Staaten (u.a. die USA) … hatten 2,5 Mrd. € zugesagt; »nein«, sagte er."]
    for text in texts:
        assert [t.text_with_ws for t in wrapped(text)] == [t.text_with_ws for t in plain(text)]
    # spaCy still serialises the tokenizer (it reads the compiled patterns through `__self__`)
    again = spacy.blank(plain.lang)
    again.tokenizer.from_bytes(wrapped.tokenizer.to_bytes())
    assert [t.text for t in again(texts[1])] == [t.text for t in plain(texts[1])]


def test_unprovable_patterns_keep_their_searches() -> None:
    nlp = spacy.blank("de")
    nlp.tokenizer.suffix_search = re.compile("(?:s|,)$").search  # "s" is a letter: no proof
    assert not affixes.install(nlp.tokenizer)
    assert not isinstance(nlp.tokenizer.prefix_search, affixes.LettersSkip)
    assert [t.text for t in nlp("Haus")] == ["Hau", "s"]  # the plain search still splits letters


def test_built_pipelines_use_the_shortcut() -> None:
    from kiebitz.nlp.build import build_german_baseline

    assert isinstance(build_german_baseline().tokenizer.infix_finditer, affixes.LettersSkip)
