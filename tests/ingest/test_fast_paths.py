"""The cleaning fast paths give exactly what the general code gives (normalisation, line spaces, the needle screen)."""

from __future__ import annotations

import random
import unicodedata

from kiebitz.ingest import clean as C
from kiebitz.ingest.decode import _INVISIBLE, normalize_text
from kiebitz.ingest.screen import screen

PIECES = ["Wort", "Sanktionen", "Außenminister", "übermorgen", " ", "  ", "\t", "\u00a0", "\u2009", "\u202f",
          "\ufeff", "\u00ad", "\u200b", "\u2060", "\r\n", "\r", "\n", "\u2028", "e\u0301", ".", "„", "“", "Foto: dpa",
          "Symbolbild", "picture-alliance", "Quelle", "ſ", "İ", "ı"]


def _texts(n: int = 3000, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(PIECES) for _ in range(rng.randint(0, 12))) for _ in range(n)]


def test_normalize_text_deletes_what_the_translation_table_deleted() -> None:
    for text in _texts():
        old = text.translate(_INVISIBLE).replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
        assert normalize_text(text) == unicodedata.normalize("NFC", old)


def test_line_spaces_fast_path_equals_the_substitution() -> None:
    for text in _texts():
        for line in text.split("\n"):
            assert C._norm_line(line) == C._SPACES.sub(" ", line).strip()


def test_needle_union_answers_as_every_needle_did() -> None:
    scr = C._screen()
    assert scr.needles is not None
    every = set().union(*(needles for needles, _ in scr.wild if needles))
    kept = set(scr.needles)
    assert kept < every  # needles containing another were left out of the union
    for text in [*_texts(), *(f"x {w} y" for w in every)]:
        lowered = text.lower()
        assert any(w in lowered for w in scr.needles) == any(w in lowered for w in every)


def test_screen_still_never_hides_a_matching_rule() -> None:
    rules = C.rules()
    scr = screen(rules)
    for text in [*_texts(), "Foto: dpa", "Symbolbild", "Folgen Sie uns", "Teilen"]:
        line = text.strip()
        if any(r.pattern.fullmatch(line) for r in rules):
            assert scr.may_match(line)


def test_paragraph_lines_equal_each_line_normalised_with_or_without_spaces_to_collapse() -> None:
    fast = 0
    for text in [*_texts(), "Zeile eins \n\n Zeile zwei.", " Eins\nZwei \n"]:
        norm = normalize_text(text)
        fast += "  " not in norm and not any(ch in norm for ch in C._OTHER_SPACES)
        expected = [line for line in (C._SPACES.sub(" ", x).strip() for x in norm.split("\n")) if line]
        assert [line for block in C._paragraphs(text) for line in block] == expected, repr(text)
    assert fast > 100  # the whole-text shortcut was taken often
