"""The OpenAPI 3.1 document of the JSON API, built from the same parameter specs that validate requests."""

from __future__ import annotations

from typing import Any

from .. import __version__
from .params import SPECS

ERROR = {
    "type": "object",
    "required": ["error"],
    "properties": {"error": {
        "type": "object",
        "required": ["status", "code", "message"],
        "properties": {
            "status": {"type": "integer", "description": "The HTTP status."},
            "code": {"type": "string", "enum": ["bad_request", "not_found", "method_not_allowed",
                                                "internal_error", "error"]},
            "message": {"type": "string"},
            "param": {"type": ["string", "null"], "description": "The offending query parameter, if any."},
        },
    }},
}

# (JSON path, page spec, summary, path parameters, response schema name)
ENDPOINTS: list[tuple[str, str, str, list[str], str]] = [
    ("/index.json", "home", "What is in the store: counts, series, latest articles, top speakers and pairs.",
     [], "Home"),
    ("/article/{id}.json", "article", "One article: its record (entities, actors, statements, events), "
     "actor keys and duplicates.", ["id"], "ArticlePage"),
    ("/actor/{key}.json", "actor", "One actor across articles: statements, events as actor and recipient, "
     "roles, aliases, counterparts.", ["key"], "ActorPage"),
    ("/dyad/{a}/{b}.json", "dyad", "Events between two actors over time, per period, type and quad class.",
     ["a", "b"], "DyadPage"),
    ("/search.json", "search", "Full-text search over articles (stemmed) or statements.", [], "SearchPage"),
    ("/events.json", "events", "Event search with filters.", [], "EventsPage"),
]

_PATH_DOC = {
    "id": "Article id (or a unique prefix of at least 4 characters).",
    "key": "Actor key: `state:RUS`, `person:sergei rjabkow` (kind and folded name), or a name.",
    "a": "First actor key.",
    "b": "Second actor key.",
}


def _object(*required: str) -> dict[str, Any]:
    return {"type": "object", "required": list(required), "additionalProperties": True}


SCHEMAS: dict[str, Any] = {
    "Error": ERROR,
    "Home": _object("stats", "articles_per_month", "events_per_month", "latest", "top_speakers", "top_pairs"),
    "ArticlePage": {**_object("article", "actor_keys", "duplicates"), "properties": {
        "article": {"type": "object", "description": "The kiebitz.article/1 record (docs/record.md); each "
                    "event also carries its PLOVER quad class."},
        "actor_keys": {"type": "object", "additionalProperties": {"type": "string"}},
        "duplicates": _object("original", "copies"),
    }},
    "ActorPage": _object("actor", "profile", "statements", "statements_paging", "events_as_actor",
                         "events_as_recipient", "counterparts"),
    "DyadPage": _object("a", "b", "series", "events", "quad_counts", "total"),
    "SearchPage": _object("q", "in", "hits", "paging"),
    "EventsPage": _object("filters", "events", "paging"),
}


def _responses(schema: str) -> dict[str, Any]:
    err = {"description": "Error", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
    return {
        "200": {"description": "OK", "content": {"application/json": {
            "schema": {"$ref": f"#/components/schemas/{schema}"}}}},
        "400": {**err, "description": "Bad parameter"},
        "404": {**err, "description": "Not found"},
    }


def document() -> dict[str, Any]:
    """The OpenAPI document served at /api/openapi.json."""
    paths: dict[str, Any] = {}
    for path, page, summary, path_params, schema in ENDPOINTS:
        params = [{"name": n, "in": "path", "required": True, "description": _PATH_DOC[n],
                   "schema": {"type": "string", "maxLength": 200}} for n in path_params]
        params += [p.openapi() for p in SPECS[page]]
        paths[path] = {"get": {"operationId": page, "summary": summary, "parameters": params,
                               "responses": _responses(schema)}}
    return {
        "openapi": "3.1.0",
        "info": {"title": "kiebitz", "version": __version__,
                 "description": "Read-only JSON API of `kiebitz serve`. Every HTML page has a JSON twin: the "
                 "same URL with `.json` (the home page: `/index.json`), or the page URL with "
                 "`Accept: application/json`. Every error has the one shape `Error`."},
        "paths": paths,
        "components": {"schemas": SCHEMAS},
    }
