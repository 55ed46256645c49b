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
