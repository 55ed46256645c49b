"""RawDocument -> Article: HTML main text (trafilatura), cleaning, dates, content id."""

from __future__ import annotations

import datetime as dt
import email.utils
import hashlib
import re
import unicodedata
import warnings
from dataclasses import dataclass, replace

from ..errors import InputError
from ..model import Article, Outlet, RawDocument, Source
from .clean import clean, split_title

_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_ISO_PREFIX = re.compile(r"(\d{4}-\d{2}-\d{2})(?:$|[T ]\d{2}:\d{2})")
_DE_DATE = re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b")
# Month names of timestamp lines ("13. Mai 2024", "August 22, 2024", "17 November 2023").
_MONTHS = {
    name: number
    for number, names in enumerate(
        ("januar jänner january jan", "februar february feb", "märz march mar mär", "april apr",
         "mai may", "juni june jun", "juli july jul", "august aug", "september sept sep",
         "oktober october okt oct", "november nov", "dezember december dez dec"),
        start=1,
    )
    for name in names.split()
}
_MONTH_NAME = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DAY_MONTH_YEAR = re.compile(rf"\b(\d{{1,2}})\.?\s*({_MONTH_NAME})\.?\s+(\d{{4}})\b", re.I)
_MONTH_DAY_YEAR = re.compile(rf"\b({_MONTH_NAME})\.?\s+(\d{{1,2}}),?\s+(\d{{4}})\b", re.I)
_LANGUAGE = re.compile(r"[A-Za-z]{2,3}")
_PAGE_TITLE = re.compile(r"<title[^>]*>(.*?)</title\s*>", re.I | re.S)


@dataclass(frozen=True)
class Extracted:
    """What trafilatura found in an HTML page."""

    text: str
    title: str | None = None
    date: str | None = None
    url: str | None = None
    sitename: str | None = None
    page_title: str | None = None  # the <title> element, often "Headline – Outlet Section"


def extract_html(html: str, url: str | None, origin: str) -> Extracted:
    """The main text and metadata of an HTML page; InputError if it has no text."""
    import trafilatura
    from trafilatura.settings import set_date_params

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # lxml FutureWarnings from inside trafilatura
        try:
            # No extensive date search: it takes any date mentioned in the body for the page's date.
            doc = trafilatura.bare_extraction(
                html, url=url, with_metadata=True, include_comments=False, deduplicate=False,
                date_extraction_params=set_date_params(False),
            )
        except Exception as exc:  # trafilatura raises assorted errors on broken markup
            raise InputError(origin, f"broken HTML: {type(exc).__name__}: {exc}") from None
        text = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
        if not text:
            # Very short pages fall below trafilatura's main-text threshold: take all visible text.
            try:
                _, text, _ = trafilatura.baseline(html)
            except Exception:
                text = ""
    if not text or not text.strip():
        raise InputError(origin, "broken HTML: no article text found")
    hostname = getattr(doc, "hostname", None) if doc is not None else None
    sitename = getattr(doc, "sitename", None) if doc is not None else None
    return Extracted(
        text=text,
        title=(getattr(doc, "title", None) or None) if doc is not None else None,
        date=(getattr(doc, "date", None) or None) if doc is not None else None,
        url=(getattr(doc, "url", None) or None) if doc is not None else None,
        # trafilatura falls back to the host name; only a real site name is a hint.
        sitename=sitename if sitename and sitename != hostname else None,
        page_title=_page_title(html),
    )


def _page_title(html: str) -> str | None:
    import html as htmllib

    match = _PAGE_TITLE.search(html[:200_000])
    if not match:
        return None
    return " ".join(htmllib.unescape(match.group(1)).split()) or None


def content_id(title: str | None, text: str) -> str:
    """Stable id: the first 16 hex digits of sha256 over the NFC title and cleaned text."""
    payload = unicodedata.normalize("NFC", (title or "") + "\n\n" + text)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:16]


def parse_date(value: str) -> str | None:
    """ISO YYYY-MM-DD of a valid date (a datetime's date part is accepted), else None."""
    match = _ISO_PREFIX.match(value.strip())
    if not match:
        return None
    try:
        return dt.date.fromisoformat(match.group(1)).isoformat()
    except ValueError:
        return None


def parse_document_date(value: str) -> str | None:
    """A document's own date: ISO date/datetime, RFC 2822 (feeds: "Mon, 19 Jun 2023 10:00:00 GMT"), 19.06.2023."""
    date = parse_date(value)
    if date:
        return date
    try:
        return email.utils.parsedate_to_datetime(value.strip()).date().isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    match = _DE_DATE.fullmatch(value.strip())
    if match:
        day, month, year = (int(g) for g in match.groups())
        try:
            return dt.date(year, month, day).isoformat()
        except ValueError:
            return None
    return None


def _error(raw: RawDocument, problem: str) -> InputError:
    if raw.line is not None and raw.path is not None:
        return InputError(raw.path, problem, raw.line)
    return InputError(raw.origin, problem)


def _date_in_lines(lines: list[str]) -> str | None:
    """The first date written in timestamp lines ("Stand: 19.06.2023", "13. Mai 2024", "2023-06-19")."""
    for line in lines:
        found = [parse_date(m.group(0)) for m in _ISO_DATE.finditer(line)]
        for pattern, order in ((_DE_DATE, "dmy"), (_DAY_MONTH_YEAR, "dmy"), (_MONTH_DAY_YEAR, "mdy")):
            for match in pattern.finditer(line):
                parts = dict(zip(order, match.groups(), strict=True))
                month = parts["m"]
                number = int(month) if month.isdigit() else _MONTHS[month.lower()]
                try:
                    found.append(dt.date(int(parts["y"]), number, int(parts["d"])).isoformat())
                except ValueError:
                    continue
        for date in found:
            if date:
                return date
    return None


def _language(value: str | None) -> str | None:
    """"de", "DE", "de-DE", "de_AT" -> "de"; None if it is no language code."""
    if not value:
        return None
    primary = re.split(r"[-_]", value.strip())[0]
    return primary.lower() if _LANGUAGE.fullmatch(primary) else None


def _same_outlet(a: str, b: str) -> bool:
    from .outlets import registry

    reg = registry()
    entry = reg.by_name(a)
    return a.casefold() == b.casefold() or (entry is not None and entry is reg.by_name(b))


def build_article(raw: RawDocument, *, published: str | None = None, language: str | None = None) -> Article:
    """Extract (HTML), clean and date one document; `published`/`language` override the document's own."""
    title, url, doc_date, hint = raw.title, raw.url, raw.published, raw.outlet
    page_title = None
    if raw.html is not None:
        extracted = extract_html(raw.html, raw.url, raw.origin)
        text = extracted.text
        title = title or extracted.title
        url = url or extracted.url
        doc_date = doc_date or extracted.date
        hint = hint or extracted.sitename
        page_title = extracted.page_title
    else:
        text = raw.text or ""
    known = (hint,) if hint else ()
    cleaned = clean(text, title=title, known_outlets=known)
    if page_title and not cleaned.outlet:
        # The page's <title> may name outlet and section even when the headline (<h1>) does not.
        _, page_outlet, page_section = split_title(page_title, known)
        if page_outlet:
            cleaned = replace(cleaned, outlet=page_outlet, section=cleaned.section or page_section)
    if not cleaned.text.strip():
        raise _error(raw, "no article text left after cleaning")

    if published is not None:
        date = parse_date(published) if len(published.strip()) == 10 else None
        if date is None:
            raise _error(raw, f"invalid --published date {published!r}: expected YYYY-MM-DD")
    elif doc_date:
        date = parse_document_date(doc_date)
        if date is None:
            raise _error(raw, f"invalid published date {doc_date!r}: expected YYYY-MM-DD (or an ISO/RFC 2822 date-time)")
    else:
        date = _date_in_lines([r.text for r in cleaned.removed if r.reason == "timestamp"])

    lang = _language(language)
    if language is not None and lang is None:
        raise _error(raw, f"invalid language {language!r}: expected a code such as de or en")
    if lang is None and raw.language:
        lang = _language(raw.language)

    evidence = tuple(k for k, v in (("title", cleaned.outlet), ("given", hint)) if v)
    if cleaned.outlet and hint and not _same_outlet(cleaned.outlet, hint):
        evidence = ("given",)  # the caller's word beats our reading of the title
    outlet = Outlet(name=hint or cleaned.outlet, evidence=evidence) if evidence else Outlet()

    return Article(
        id=content_id(cleaned.title, cleaned.text),
        text=cleaned.text,
        source=Source(path=raw.path, url=url),
        title=cleaned.title,
        section=cleaned.section,
        language=lang,
        published=date,
        outlet=outlet,
        removed=cleaned.removed,
    )
