"""The boilerplate screen never says "no" to a line that a rule matches."""

from __future__ import annotations

import re
from dataclasses import dataclass

from kiebitz.ingest.clean import boilerplate_reason, rules
from kiebitz.ingest.screen import screen

LINES = [
    "Foto: dpa", "Photo: Reuters/John Doe", "Berlin, 12. Mai 2024 (Symbolbild)", "(Getty Images)",
    "Die Meinung des Autors muss nicht die Meinung der Redaktion widerspiegeln.",
    "Views expressed here do not necessarily reflect those of the editors.",
    "Teilen auf Facebook", "Folgen Sie uns auf Telegram", "Quelllink", "Share this article",
    "Der Kanzler sagte am Montag in Berlin, man werde die Sanktionen verlängern.",
    "The minister said the talks had failed.", "Bild: picture alliance / dpa",
    # Characters that match other letters case-insensitively in regexes but not under str.lower():
    "PHOTO: ſomeone", "İmago images", "Foto: İstanbul", "Vıdeo: x", "µ-photo: k",
    "Fotoſ: test", "FOTO: Reuters", "Credit: AP Photo/Jane Roe",
]


def _any(rule_list, line: str) -> bool:
    return any(r.pattern.fullmatch(line) for r in rule_list)


def test_screen_agrees_with_the_rules() -> None:
    s = screen(rules())
    for line in LINES:
        assert s.may_match(line) == _any(rules(), line), line


def test_odd_characters_take_the_slow_path() -> None:
    @dataclass(frozen=True)
    class R:
        pattern: re.Pattern[str]

    # "ſ" (long s) matches "s" case-insensitively; a needle test on str.lower() would miss it.
    rule = R(re.compile(r".{0,40}\bsource:\s*\w+", re.IGNORECASE))
    s = screen((rule,))
    assert rule.pattern.fullmatch("the ſource: x")
    assert s.may_match("the ſource: x")
    assert s.may_match("İt source: y")
    assert not s.may_match("no such line here")


def test_reasons_unchanged() -> None:
    assert boilerplate_reason("Foto: dpa") is not None
    assert boilerplate_reason("The minister said the talks had failed.") is None


def test_first_character_alternations_keep_every_rule_that_can_start_so() -> None:
    @dataclass(frozen=True)
    class R:
        pattern: re.Pattern[str]

    made = [R(re.compile(p, re.IGNORECASE)) for p in (
        "\u212aelvin scale",          # Kelvin sign: matches "k" case-insensitively (odd: any first character)
        r"(?:ab)?cd",                # an optional first part: "a" or "c"
        r"[^x]oo",                   # a negated class: any first character
        r"\d+ min(?:uten)? lesezeit",  # digits
        r"(?-i:[A-Z])\w+ reports",    # a case-sensitive class: its letters in either case (a superset)
        r"\bnote",                   # a zero-width assertion first
        r"(?:\w+,\s*)?heute",        # a word character first: any
    )]
    s = screen(made)
    lines = ["kelvin scale", "KELVIN SCALE", "cd", "abcd", "ABCD", "zoo", "1oo", "12 min lesezeit",
             "Reuters reports", "note", "Berlin, heute", "heute", "bcd", "xoo", "min lesezeit",
             "reuters reports", "Note", "ändern", "Ünote", "ſcd"]
    for line in lines:
        assert s.may_match(line) == _any(made, line), line
    assert "k" in s.first and s.first["c"] is not None


def test_screen_agrees_with_the_rules_whatever_the_first_letter() -> None:
    s = screen(rules())
    for line in LINES + ["Zum Newsletter anmelden", "Lesen Sie auch: Mehr", "© 2024 dpa", "(c) AFP",
                         "12.05.2024", "Montag, 13. Mai 2024", "dpa/AFP", "(dpa)", "Anzeige", "Sponsored",
                         "By Jane Roe and John Doe", "Stand: 19.06.2023, 10:00 Uhr", "3 min read"]:
        for variant in (line, line.lower(), line.upper(), line[:1].swapcase() + line[1:]):
            assert s.may_match(variant) == _any(rules(), variant), variant
