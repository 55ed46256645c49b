"""Cleaning: title (kept once, split into headline/outlet/section), boilerplate lines, paragraphs.

Boilerplate patterns live in ``kiebitz/data/boilerplate/<lang>.tsv``. All languages' rules are
applied to every article: cleaning runs before language identification, and a whole-line match
of "Folgen Sie RT weiter" or "Share this story" is unambiguous in any language.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from operator import itemgetter
from pathlib import Path

from ..model import Removed
from ..paths import DATA_DIR
from .decode import normalize_text
from .screen import Screen, screen

BOILERPLATE_DIR = DATA_DIR / "boilerplate"

# Lines longer than this are running text, never boilerplate.
MAX_BOILERPLATE_CHARS = 400
# A first line may be a headline if it is at most this long and is a paragraph of its own.
MAX_TITLE_CHARS = 200
MAX_TITLE_WORDS = 25
MIN_TITLE_WORDS = 3  # a one- or two-word first line is a dateline or kicker ("BERLIN", "Ukraine-Krieg")
TITLE_REPEAT_WINDOW = 4
MAX_KICKER_WORDS = 3  # "International", "Ukraine-Krieg", "Exklusiv" above or below a known title  # a title repeated this many paragraphs into the body is still a duplicate

# Title separators: "Headline – Outlet Section", "Headline | Outlet", "Headline - Outlet".
_SEPARATOR = re.compile(r"\s+[–—|-]\s+")
_SPACES = re.compile(r"[ \t\u00a0\u2009\u202f]+")
_OTHER_SPACES = ("\t", "\u00a0", "\u2009", "\u202f")  # what `_SPACES` matches besides " "
_SENTENCE_END = re.compile(r"[.,;:]$")
_LINE = itemgetter(1)  # the line of a (number, line) pair


@dataclass(frozen=True)
class Rule:
    """One boilerplate rule from a data file."""

    pattern: re.Pattern[str]
    reason: str
    brand: bool
    source: str


@dataclass(frozen=True)
class Cleaned:
    """The result of cleaning one document."""

    title: str | None
    outlet: str | None  # outlet name from the title suffix (registry name)
    section: str | None
    text: str
    removed: tuple[Removed, ...]


def load_rules(folder: Path = BOILERPLATE_DIR) -> tuple[Rule, ...]:
    """All boilerplate rules, German and English files first, then any other language file."""
    files = sorted(folder.glob("*.tsv"), key=lambda p: (p.stem not in ("de", "en"), p.stem))
    rules: list[Rule] = []
    for path in files:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip() or line.startswith("#"):
                continue
            parts = line.split("\t")
            if len(parts) < 2:
                raise ValueError(f"{path}:{number}: expected PATTERN<TAB>REASON[<TAB>brand]")
            try:
                pattern = re.compile(parts[0], re.IGNORECASE)
            except re.error as exc:
                raise ValueError(f"{path}:{number}: bad pattern: {exc}") from None
            brand = len(parts) > 2 and parts[2].strip() == "brand"
            rules.append(Rule(pattern, parts[1].strip(), brand, f"{path.name}:{number}"))
    return tuple(rules)


@lru_cache(maxsize=1)
def rules() -> tuple[Rule, ...]:
    """The shipped boilerplate rules (cached)."""
    return load_rules()


@lru_cache(maxsize=1)
def _screen() -> Screen:
    """The fast no-match test for the shipped rules (kiebitz/ingest/screen.py)."""
    return screen(rules())


@lru_cache(maxsize=1)
def brand_reasons() -> frozenset[str]:
    """Reasons whose removed lines name the publishing outlet (share, follow, copyright...)."""
    return frozenset(r.reason for r in rules() if r.brand)


def boilerplate_reason(line: str) -> str | None:
    """The reason `line` is boilerplate, or None if it is article text."""
    text = line.strip()
    if not text or len(text) > MAX_BOILERPLATE_CHARS:
        return None
    if not _screen().may_match(text):
        return None
    return _rule_reason(text)


def _rule_reason(text: str) -> str | None:
    """The reason of the first boilerplate rule that matches the whole (stripped) line, else None."""
    for rule in rules():
        if rule.pattern.fullmatch(text):
            return rule.reason
    return None


def split_title(title: str, known: Iterable[str] = ()) -> tuple[str, str | None, str | None]:
    """Split "Headline – Outlet Section" into (headline, outlet, section).

    The outlet must start the last segment and be in the outlet registry or among `known`
    (names the input itself gives, such as a JSON Lines `outlet` or the page's site name).
    """
    from .outlets import registry

    title = _norm_line(title)
    separators = list(_SEPARATOR.finditer(title))
    if not separators:
        return title, None, None
    last = separators[-1]  # the outlet is named in the last segment
    head, tail = title[: last.start()].strip(), title[last.end():].strip()
    if not head:
        return title, None, None
    for name in sorted((k.strip() for k in known if k and k.strip()), key=len, reverse=True):
        if tail.casefold() == name.casefold() or tail.casefold().startswith(name.casefold() + " "):
            return head, name, tail[len(name):].strip(" :,|–—-") or None
    found = registry().title_prefix(tail)
    if found is None:
        return title, None, None
    entry, section = found
    return head, entry.name, (section or None)


def _norm_line(line: str) -> str:
    if "  " not in line and not any(map(line.__contains__, _OTHER_SPACES)):
        return line.strip()  # single spaces only: the substitution would change nothing (most lines)
    return _SPACES.sub(" ", line).strip()


def _same(a: str, b: str) -> bool:
    return _norm_line(a).casefold() == _norm_line(b).casefold()


def _paragraphs(text: str) -> list[list[str]]:
    """Blocks of lines; blank lines separate paragraphs, or every line is one if there are none."""
    text = normalize_text(text)
    if "  " in text or any(map(text.__contains__, _OTHER_SPACES)):
        lines = [_norm_line(line) for line in text.split("\n")]
    else:  # no line has spaces to collapse: `_norm_line` would only strip each (most documents)
        lines = list(map(str.strip, text.split("\n")))
    while lines and not lines[-1]:
        lines.pop()
    while lines and not lines[0]:
        lines.pop(0)
    if "" not in lines:
        return [[line] for line in lines]
    blocks: list[list[str]] = [[]]
    for line in lines:
        if line:
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    return [b for b in blocks if b]


def _looks_like_headline(block: list[str], rest: list) -> bool:
    """A lone short first line without closing sentence punctuation, followed by more text."""
    if len(block) != 1 or not rest:
        return False
    line = block[0]
    return (len(line) <= MAX_TITLE_CHARS and MIN_TITLE_WORDS <= len(line.split()) <= MAX_TITLE_WORDS
            and not _SENTENCE_END.search(line))


def _is_kicker(line: str) -> bool:
    """A label of at most three words without sentence punctuation."""
    return len(line.split()) <= MAX_KICKER_WORDS and not re.search(r"[.!?:;,\"“”„«»]", line)


def clean(text: str, *, title: str | None = None, known_outlets: Iterable[str] = ()) -> Cleaned:
    """Clean one document's text: boilerplate lines out (with reasons), title kept once, paragraphs kept."""
    removed: list[tuple[int, Removed]] = []  # (line number, line) so `removed` keeps document order
    blocks: list[list[tuple[int, str]]] = []
    number = 0
    may_match = _screen().may_match
    for block in _paragraphs(text):
        kept = []
        for line in block:
            number += 1
            # `boilerplate_reason`'s first tests inline (the lines are stripped and not empty): most
            # lines end here without a call per line, and the rules run only after them.
            reason = _rule_reason(line) if len(line) <= MAX_BOILERPLATE_CHARS and may_match(line) else None
            if reason:
                removed.append((number, Removed(line, reason)))
            else:
                kept.append((number, line))
        if kept:
            blocks.append(kept)

    headline = _norm_line(normalize_text(title)) if title and title.strip() else None
    if blocks and headline is None:
        first = blocks[0][0][1]
        repeated = any(_same(first, b[0][1]) for b in blocks[1:TITLE_REPEAT_WINDOW])
        if repeated or _looks_like_headline([line for _, line in blocks[0]], blocks[1:]):
            headline = first
    outlet = section = None
    if headline:
        short, outlet, section = split_title(headline, known_outlets)
        # Drop lines near the top that repeat the title (with or without its outlet suffix). The
        # lines are normalised already (`_paragraphs`; `_norm_line` changes a normalised line no
        # more), so each compares by its case-folded self: `_same` without normalising the title
        # again for every line.
        titles = {_norm_line(headline).casefold(), _norm_line(short).casefold()}
        for block in blocks[:TITLE_REPEAT_WINDOW]:
            block[:] = [(n, line) for n, line in block if line.casefold() not in titles]
        blocks = [b for b in blocks if b]
        headline = short
        # With a title known, short label lines before the first paragraph are kickers, not text.
        while len(blocks) > 1 and len(blocks[0]) == 1 and _is_kicker(blocks[0][0][1]):
            n, line = blocks.pop(0)[0]
            removed.append((n, Removed(line, "kicker")))
    body = "\n\n".join(["\n".join(map(_LINE, block)) for block in blocks])
    ordered = tuple(r for _, r in sorted(removed, key=lambda item: item[0]))
    return Cleaned(title=headline, outlet=outlet, section=section, text=body, removed=ordered)
