"""Query parameters: one declared, bounded spec per page, used both to validate and for OpenAPI."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ..model import MODALITIES

MAX_PARAM_LENGTH = 200
MAX_PARAMS = 20
PER_PAGE = 25
MAX_PAGE = 400  # deepest page: bounded OFFSET cost

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class BadRequest(Exception):
    """A bad query parameter: becomes a 400 with the JSON error shape."""

    def __init__(self, message: str, param: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.param = param


@dataclass(frozen=True)
class Param:
    """One query parameter: its type and bounds."""

    name: str
    kind: str  # text | int | date | choice
    description: str
    choices: tuple[str, ...] = ()
    minimum: int = 1
    maximum: int = MAX_PAGE
    default: Any = None
    pattern: str | None = None

    def parse(self, raw: str) -> Any:
        """The value of one raw string, or BadRequest."""
        if len(raw) > MAX_PARAM_LENGTH:
            raise BadRequest(f"parameter {self.name!r} is longer than {MAX_PARAM_LENGTH} characters", self.name)
        if _CONTROL.search(raw):
            raise BadRequest(f"parameter {self.name!r} contains control characters", self.name)
        raw = raw.strip()
        if raw == "":
            return self.default
        if self.kind == "int":
            if not raw.isdigit() or len(raw) > 9:
                raise BadRequest(f"parameter {self.name!r} must be a whole number", self.name)
            value = int(raw)
            if not self.minimum <= value <= self.maximum:
                raise BadRequest(
                    f"parameter {self.name!r} must be between {self.minimum} and {self.maximum}", self.name
                )
            return value
        if self.kind == "date":
            if not _DATE.match(raw):
                raise BadRequest(f"parameter {self.name!r} must be a date: YYYY, YYYY-MM or YYYY-MM-DD", self.name)
            return raw
        if self.kind == "choice":
            if raw not in self.choices:
                raise BadRequest(f"parameter {self.name!r} must be one of: {', '.join(self.choices)}", self.name)
            return raw
        if self.pattern and not re.fullmatch(self.pattern, raw):
            raise BadRequest(f"parameter {self.name!r} has a bad format", self.name)
        return raw

    def openapi(self) -> dict[str, Any]:
        """The OpenAPI parameter object."""
        schema: dict[str, Any]
        if self.kind == "int":
            schema = {"type": "integer", "minimum": self.minimum, "maximum": self.maximum}
        elif self.kind == "choice":
            schema = {"type": "string", "enum": list(self.choices)}
        elif self.kind == "date":
            schema = {"type": "string", "pattern": _DATE.pattern}
        else:
            schema = {"type": "string", "maxLength": MAX_PARAM_LENGTH}
            if self.pattern:
                schema["pattern"] = f"^{self.pattern}$"
        if self.default is not None:
            schema["default"] = self.default
        return {"name": self.name, "in": "query", "required": False, "description": self.description,
                "schema": schema}


PAGE = Param("page", "int", "Result page (1-based).", default=1)
SINCE = Param("since", "date", "Only from this date on (YYYY, YYYY-MM or YYYY-MM-DD).")
UNTIL = Param("until", "date", "Only up to this date (inclusive).")
OUTLET = Param("outlet", "text", "Outlet name or domain.")
ACTOR = Param("actor", "text", "Actor key (state:RUS, person:sergei rjabkow) or a name.")
RECIPIENT = Param("recipient", "text", "Recipient key or name.")

SPECS: dict[str, tuple[Param, ...]] = {
    "home": (),
    "article": (),
    "actor": (SINCE, UNTIL, OUTLET, PAGE),
    "dyad": (SINCE, UNTIL, Param("by", "choice", "Chart periods.", choices=("week", "month"), default="month")),
    "search": (
        Param("q", "text", "Words, \"phrases\", prefix*, OR (full text over articles and statements)."),
        Param("in", "choice", "What to search.", choices=("articles", "statements"), default="articles"),
        PAGE,
    ),
    "events": (
        Param("type", "text", "PLOVER event type, e.g. SANCTION.", pattern=r"[A-Za-z_]{2,20}"),
        ACTOR, RECIPIENT, SINCE, UNTIL,
        Param("modality", "choice", "Modality.", choices=MODALITIES),
        Param("claimed", "choice", "Asserted by the outlet, or claimed by a speaker.",
              choices=("asserted", "claimed")),
        OUTLET,
        Param("language", "text", "Article language (ISO 639-1).", pattern=r"[a-z]{2,3}"),
        PAGE,
    ),
}


def parse(page: str, query: Any) -> dict[str, Any]:
    """Validate a request's query parameters against the page's spec (unknown names are errors)."""
    spec = {p.name: p for p in SPECS[page]}
    items = list(query.multi_items())
    if len(items) > MAX_PARAMS:
        raise BadRequest(f"too many parameters (at most {MAX_PARAMS})")
    out: dict[str, Any] = {name: p.default for name, p in spec.items()}
    seen: set[str] = set()
    for name, raw in items:
        if name not in spec:
            raise BadRequest(f"unknown parameter {name[:40]!r}", name[:40])
        if name in seen:
            raise BadRequest(f"parameter {name!r} given more than once", name)
        seen.add(name)
        out[name] = spec[name].parse(raw)
    return out
