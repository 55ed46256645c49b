"""Date phrases in German and English news, resolved against the publication date.

Only phrases that name a time are resolved ("am Montag", "letzten Monat", "im Februar 2022",
"last week", "yesterday", "3. März 2023"); anything else stays unknown (None). A weekday without a
date is the last such day on or before the publication date for past events, the next one on or
after it for future events. Weeks are ISO weeks ("2023-W25").
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from ..paths import DATA_DIR

_PUB_FORMATS = ("%Y-%m-%d", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S")


@dataclass(frozen=True)
class DatePhrase:
    """A date expression found in text, with its resolution (None when unknown)."""

    start: int
    end: int
    text: str
    date: str | None
    precision: str | None


@dataclass(frozen=True)
class _Vocab:
    weekday: dict[str, int]
    month: dict[str, int]
    day: dict[str, int]
    prev: dict[str, int]
    unit: dict[str, str]
    regex: re.Pattern[str]
    forward: frozenset[str] = frozenset()  # "für Samstag", "until Sunday": a time ahead


def parse_published(published: str | None) -> dt.date | None:
    """The publication date as a date (first 10 characters of an ISO string), or None."""
    if not published:
        return None
    try:
        return dt.date.fromisoformat(published[:10])
    except ValueError:
        return None


def _alt(words: object) -> str:
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))  # type: ignore[attr-defined]


@lru_cache(maxsize=4)
def _vocab(lang: str) -> _Vocab:
    lang = "de" if lang == "de" else "en"
    tables: dict[str, dict[str, str]] = {k: {} for k in ("weekday", "month", "day", "prev", "unit", "forward")}
    path = DATA_DIR / "events" / f"time_{lang}.tsv"
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        kind, word, value = line.split("\t")
        tables[kind][word] = value
    wd, mo, dy, pv, un = (tables[k] for k in ("weekday", "month", "day", "prev", "unit"))
    d = r"(?P<d>[0-3]?\d)"
    y = r"(?P<y>(?:19|20)\d\d)"
    m = rf"(?P<m>{_alt(mo)})"
    if lang == "de":
        patterns = [
            r"(?P<iso>(?:19|20)\d\d-[01]\d-[0-3]\d)",
            r"(?P<nd>[0-3]?\d)\.(?P<nm>[01]?\d)\.(?P<ny>(?:19|20)\d\d)",
            rf"(?:(?:am|vom|seit|bis)\s+)?(?:(?P<wd0>{_alt(wd)}),?\s+(?:den\s+)?)?{d}\.\s*{m}(?:\s+{y})?",
            rf"(?:(?:im|seit|bis|ab|anfang|mitte|ende)\s+)?{m}(?:\s+{y})",
            rf"(?:im|seit|bis|ab|anfang|mitte|ende)\s+{m}",
            rf"(?:(?:im\s+jahre?|seit|bis|anfang|mitte|ende|im)\s+){y}",
            rf"(?P<pv>{_alt(pv)})\s+(?P<un>{_alt(un)}|{_alt(wd)})",
            r"(?:am|übers|über\s+das)\s+(?P<we>wochenende)",
            rf"(?:im\s+)?(?P<pm>{_alt(pv)})\s+{m}",
            rf"(?:(?:am|seit|bis|ab|vom)\s+)?(?P<wd>{_alt(wd)})(?:abend|morgen|nachmittag|vormittag|nacht)?",
            rf"(?P<dy>{_alt(dy)})",
        ]
    else:
        patterns = [
            r"(?P<iso>(?:19|20)\d\d-[01]\d-[0-3]\d)",
            rf"(?:(?:on|since|until)\s+)?(?:(?P<wd0>{_alt(wd)}),?\s+)?{m}\s+{d}(?:st|nd|rd|th)?(?:,?\s+{y})?",
            rf"(?:(?:on|since|until)\s+)?{d}(?:st|nd|rd|th)?\s+(?:of\s+)?{m}(?:,?\s+{y})?",
            rf"(?:(?:in|since|until|by|early|mid|late)\s+)?{m},?\s+{y}",
            rf"(?:in|since|until|early|late)\s+{m}",
            rf"(?:in|since|until|by)\s+{y}",
            rf"(?P<pv>{_alt(pv)})\s+(?P<un>{_alt(un)}|{_alt(wd)})",
            r"(?:over|at|on|during)\s+the\s+(?P<we>weekend)",
            rf"(?P<pm>{_alt(pv)})\s+{m}",
            rf"(?:(?:on|since|until|by)\s+)?(?P<wd>{_alt(wd)})(?:\s+(?:morning|evening|night|afternoon))?",
            rf"(?P<dy>{_alt(dy)})",
        ]
    # Each alternative gets a numbered wrapper so group names stay unique.
    parts = []
    for i, p in enumerate(patterns):
        p = re.sub(r"\(\?P<(\w+)>", lambda mt, i=i: f"(?P<{mt.group(1)}_{i}>", p)
        parts.append(f"(?P<alt_{i}>{p})")
    regex = re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)", re.IGNORECASE)
    return _Vocab(
        weekday={k: int(v) for k, v in wd.items()},
        month={k: int(v) for k, v in mo.items()},
        day={k: int(v) for k, v in dy.items()},
        prev={k: int(v) for k, v in pv.items()},
        unit=dict(un),
        regex=regex,
        forward=frozenset(tables["forward"]),
    )


def _groups(match: re.Match[str]) -> dict[str, str]:
    """Named groups of the matching alternative, suffixes stripped."""
    out = {}
    for name, value in match.groupdict().items():
        if value is not None and not name.startswith("alt_"):
            out[name.rsplit("_", 1)[0]] = value.lower()
    return out


def _month_year(month: int, pub: dt.date, future: bool) -> int:
    """Year of a month named without one: the latest not after publication (past) or next (future)."""
    if future:
        return pub.year if month >= pub.month else pub.year + 1
    return pub.year if month <= pub.month else pub.year - 1


def _shift_month(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def _week(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def _weekend(pub: dt.date, off: int) -> str:
    """ISO week of a weekend: this (the last one begun by publication), last (-1) or next (+1)."""
    saturday = pub - dt.timedelta(days=(pub.weekday() - 5) % 7)
    if off < 0 and pub.weekday() >= 5:
        saturday -= dt.timedelta(days=7)  # "last weekend" said on a weekend is the one before
    elif off > 0:
        saturday += dt.timedelta(days=7)
    return _week(saturday)


def _resolve(g: dict[str, str], v: _Vocab, pub: dt.date | None, future: bool) -> tuple[str | None, str | None]:
    if "iso" in g:
        return g["iso"], "day"
    if "nd" in g:
        try:
            return dt.date(int(g["ny"]), int(g["nm"]), int(g["nd"])).isoformat(), "day"
        except ValueError:
            return None, None
    if "m" in g:
        month = v.month[g["m"]]
        ahead = future if "pm" not in g else v.prev[g["pm"]] > 0
        year = int(g["y"]) if "y" in g else (_month_year(month, pub, ahead) if pub else None)
        if "pm" in g and pub and v.prev[g["pm"]] < 0 and month == pub.month and year == pub.year:
            year -= 1  # "last June" written in June is a year ago
        if year is None:
            return None, None
        if "d" in g:
            try:
                return dt.date(year, month, int(g["d"])).isoformat(), "day"
            except ValueError:
                return None, None
        return f"{year:04d}-{month:02d}", "month"
    if "y" in g:
        return g["y"], "year"
    if pub is None:
        return None, None
    if "we" in g or "pv" in g and v.unit.get(g["un"]) == "weekend":
        return _weekend(pub, v.prev[g["pv"]] if "pv" in g else (1 if future else 0)), "week"
    if "pv" in g:
        off, unit = v.prev[g["pv"]], g["un"]
        if unit in v.weekday:
            target = v.weekday[unit]
            delta = (pub.weekday() - target) % 7
            base = pub - dt.timedelta(days=delta)
            if off < 0:
                base -= dt.timedelta(days=7) if delta == 0 else dt.timedelta(0)
            elif off > 0:
                base += dt.timedelta(days=7)
            return base.isoformat(), "day"
        kind = v.unit[unit]
        if kind == "week":
            return _week(pub + dt.timedelta(weeks=off)), "week"
        if kind == "month":
            return _shift_month(pub, off).isoformat()[:7], "month"
        return str(pub.year + off), "year"
    if "wd" in g:
        target = v.weekday[g["wd"]]
        if future:
            return (pub + dt.timedelta(days=(target - pub.weekday()) % 7)).isoformat(), "day"
        return (pub - dt.timedelta(days=(pub.weekday() - target) % 7)).isoformat(), "day"
    if "dy" in g:
        return (pub + dt.timedelta(days=v.day[g["dy"]])).isoformat(), "day"
    return None, None


def find_dates(
    text: str,
    lang: str,
    published: str | None,
    *,
    start: int = 0,
    end: int | None = None,
    future: bool = False,
) -> list[DatePhrase]:
    """Date phrases in text[start:end], each resolved (date None when it cannot be resolved)."""
    return list(_find_dates(text, lang, published, start, len(text) if end is None else end, future))


@lru_cache(maxsize=4096)  # the same sentence is searched for frames, each of its events and statements
def _find_dates(text: str, lang: str, published: str | None, start: int, end: int,
                future: bool) -> tuple[DatePhrase, ...]:
    """`find_dates` with a resolved end, as an immutable, cacheable result."""
    v = _vocab(lang)
    pub = parse_published(published)
    out = []
    for match in v.regex.finditer(text, start, end):
        g = _groups(match)
        # German "morgen" after a weekday or "heute" is a time of day, and bare "morgen" is often
        # a noun ("am Morgen"); only the adverb between spaces counts.
        if g.get("dy") == "morgen" and text[max(0, match.start() - 3) : match.start()].lower().strip() == "am":
            continue
        if lang != "de" and g.get("m") == "may" and "y" not in g and "d" not in g:
            continue  # the modal verb "may"
        if text[match.end() : match.end() + 2] in ("'s", "’s"):
            continue  # "after Sunday's earthquake": the weekday names another event, not this one's date
        before = re.findall(r"\w+", text[max(0, match.start() - 12) : match.start()])
        first = match.group(0).split()[0].lower()  # the preposition may be part of the phrase ("bis Sonntag")
        ahead = future or first in v.forward or bool(before and before[-1].lower() in v.forward)
        date, precision = _resolve(g, v, pub, ahead)
        out.append(DatePhrase(match.start(), match.end(), match.group(0), date, precision))
    return tuple(out)


def resolve_phrase(phrase: str, lang: str, published: str | None, *, future: bool = False) -> tuple[str | None, str | None]:
    """Resolve one phrase such as "letzten Monat"; (None, None) when it names no date."""
    found = find_dates(phrase, lang, published, future=future)
    if not found:
        return None, None
    return found[0].date, found[0].precision
