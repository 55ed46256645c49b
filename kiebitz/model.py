"""The kiebitz record: frozen dataclasses for an analysed article (schema kiebitz.article/1).

Every offset (`start`, `end`) indexes into `Article.text`, the cleaned body, as Python string
indices (code points), end exclusive, like spaCy's ``Span.start_char``/``end_char``.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

SCHEMA = "kiebitz.article/1"

ENTITY_LABELS = ("PER", "ORG", "LOC", "MISC")
ACTOR_KINDS = ("person", "organization", "state", "group")
STATEMENT_KINDS = ("direct", "indirect", "mixed", "reported")
MODALITIES = ("asserted", "negated", "hypothetical", "future")
DATE_PRECISIONS = ("day", "week", "month", "year")


@dataclass(frozen=True)
class Source:
    """Where an article was read from."""

    path: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class Outlet:
    """The publishing outlet and how it was identified."""

    name: str | None = None
    domain: str | None = None
    country: str | None = None  # ISO 3166-1 alpha-3
    state_affiliated: bool | None = None
    typology: str | None = None  # State Media Matrix typology (SC, CaPe, ...)
    evidence: tuple[str, ...] = ()  # e.g. ("url", "title", "text")


@dataclass(frozen=True)
class Removed:
    """A line removed from the body during cleaning, with the reason."""

    text: str
    reason: str


@dataclass(frozen=True)
class Entity:
    """A named-entity mention."""

    id: str
    text: str
    label: str  # PER / ORG / LOC / MISC
    start: int
    end: int
    actor: str | None = None  # Actor.id
    confidence: float = 1.0


@dataclass(frozen=True)
class Actor:
    """A resolved actor: a person, organisation, state or group."""

    id: str
    name: str
    kind: str  # person / organization / state / group
    country: str | None = None  # ISO alpha-3
    sector: str | None = None  # GOV, MIL, OPP, MED, ...
    roles: tuple[str, ...] = ()
    code: str | None = None  # CAMEO-style, e.g. RUSGOV
    aliases: tuple[str, ...] = ()  # mentions seen in this article
    # The name across languages when it differs from `name` (which is in the article's language):
    # "Weltbank" for the "World Bank" of an English article; None when equal or unknown.
    canonical: str | None = None


@dataclass(frozen=True)
class Statement:
    """Who said what: one quote or reported statement."""

    id: str
    kind: str  # direct / indirect / mixed / reported
    text: str
    start: int
    end: int
    speaker: str | None = None  # Actor.id
    speaker_text: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    cue: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    confidence: float = 1.0


@dataclass(frozen=True)
class Location:
    """A geocoded place."""

    name: str
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True)
class Evidence:
    """Offsets of the text that supports a claim (sentence or clause)."""

    start: int
    end: int
    trigger_start: int | None = None
    trigger_end: int | None = None


@dataclass(frozen=True)
class Event:
    """Who did what to whom, when and where (PLOVER)."""

    id: str
    type: str  # PLOVER type, e.g. SANCTION
    mode: str | None
    actor: tuple[str, ...]  # Actor ids
    recipient: tuple[str, ...]
    modality: str  # asserted / negated / hypothetical / future
    evidence: Evidence
    confidence: float = 1.0
    claimed_by: str | None = None  # Actor.id
    statement: str | None = None  # Statement.id
    date: str | None = None  # ISO, truncated to precision: 2022-02, 2023-06-19
    date_precision: str | None = None
    location: Location | None = None
    trigger: str | None = None


@dataclass(frozen=True)
class Article:
    """One analysed article: the record every component fills."""

    id: str
    text: str
    source: Source = Source()
    title: str | None = None
    section: str | None = None
    language: str | None = None
    published: str | None = None
    outlet: Outlet = Outlet()
    removed: tuple[Removed, ...] = ()
    entities: tuple[Entity, ...] = ()
    actors: tuple[Actor, ...] = ()
    statements: tuple[Statement, ...] = ()
    events: tuple[Event, ...] = ()
    schema: str = SCHEMA
    # Linguistic analysis (a spaCy Doc over `text`); never serialised.
    doc: Any = field(default=None, compare=False, repr=False)

    def replace(self, **changes: Any) -> Article:
        """Return a copy with fields changed (the record is immutable)."""
        return dataclasses.replace(self, **changes)

    def to_dict(self) -> dict[str, Any]:
        """The JSON-ready record, fields in contract order."""
        return to_dict(self)


_ORDER = (
    "schema", "id", "source", "title", "section", "language", "published", "outlet",
    "text", "removed", "entities", "actors", "statements", "events",
)


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def to_dict(article: Article) -> dict[str, Any]:
    """Serialise an Article to plain JSON types (no `doc`)."""
    return {name: _plain(getattr(article, name)) for name in _ORDER}


def _build(cls: type, data: Any) -> Any:
    if data is None:
        return None
    kwargs = {}
    for f in dataclasses.fields(cls):
        if f.name not in data or f.name == "doc":
            continue
        kwargs[f.name] = data[f.name]
    return cls(**kwargs)


def from_dict(data: dict[str, Any]) -> Article:
    """Rebuild an Article from `to_dict` output."""
    events = []
    for e in data.get("events", []):
        e = dict(e)
        e["actor"] = tuple(e.get("actor", ()))
        e["recipient"] = tuple(e.get("recipient", ()))
        e["evidence"] = _build(Evidence, e["evidence"])
        e["location"] = _build(Location, e.get("location"))
        events.append(_build(Event, e))
    actors = []
    for a in data.get("actors", []):
        a = dict(a)
        a["roles"] = tuple(a.get("roles", ()))
        a["aliases"] = tuple(a.get("aliases", ()))
        actors.append(_build(Actor, a))
    outlet = dict(data.get("outlet") or {})
    outlet["evidence"] = tuple(outlet.get("evidence", ()))
    return Article(
        id=data["id"],
        text=data["text"],
        source=_build(Source, data.get("source") or {}),
        title=data.get("title"),
        section=data.get("section"),
        language=data.get("language"),
        published=data.get("published"),
        outlet=_build(Outlet, outlet),
        removed=tuple(_build(Removed, r) for r in data.get("removed", [])),
        entities=tuple(_build(Entity, x) for x in data.get("entities", [])),
        actors=tuple(actors),
        statements=tuple(_build(Statement, x) for x in data.get("statements", [])),
        events=tuple(events),
        schema=data.get("schema", SCHEMA),
    )


@dataclass(frozen=True)
class RawDocument:
    """One document as read, before cleaning: exactly one of `text`/`html` is set."""

    origin: str  # file path, "<stdin>", or "file.jsonl:LINE" for error messages
    text: str | None = None
    html: str | None = None
    path: str | None = None
    line: int | None = None  # line number inside a JSON Lines file
    id: str | None = None
    title: str | None = None
    url: str | None = None
    published: str | None = None
    language: str | None = None
    outlet: str | None = None
