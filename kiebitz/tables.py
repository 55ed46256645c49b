"""The export tables: one Article -> rows of `articles`, `actors`, `statements`, `events`.

The one place the tabular shape of kiebitz's data is defined: the exporter (`kiebitz export`) and
the scale-out runners write exactly these columns. `article_rows` is a pure function; `COLUMNS`
lists each table's columns with a type name, and `SCHEMAS` gives the same as pyarrow schemas
(pyarrow is imported on first use). Item ids are made store-wide as "article_id:item_id".
"""

from __future__ import annotations

from typing import Any

from .model import Actor, Article

TABLES = ("articles", "actors", "statements", "events")

# Type names: string, int32, float64, bool, list<string>.
COLUMNS: dict[str, list[tuple[str, str]]] = {
    "articles": [
        ("id", "string"), ("title", "string"), ("section", "string"), ("language", "string"),
        ("published", "string"), ("outlet_name", "string"), ("outlet_domain", "string"),
        ("outlet_country", "string"), ("outlet_state_affiliated", "bool"), ("outlet_typology", "string"),
        ("source_url", "string"), ("source_path", "string"), ("duplicate_of", "string"),
        ("n_statements", "int32"), ("n_events", "int32"), ("text", "string"),
    ],
    "actors": [
        ("id", "string"), ("article_id", "string"), ("actor_id", "string"), ("name", "string"),
        ("kind", "string"), ("country", "string"), ("sector", "string"), ("code", "string"),
        ("roles", "list<string>"), ("aliases", "list<string>"), ("canonical", "string"),
    ],
    "statements": [
        ("id", "string"), ("article_id", "string"), ("statement_id", "string"), ("kind", "string"),
        ("text", "string"), ("start", "int32"), ("end", "int32"), ("speaker_id", "string"),
        ("speaker_name", "string"), ("speaker_text", "string"), ("speaker_start", "int32"),
        ("speaker_end", "int32"), ("cue", "string"), ("cue_start", "int32"), ("cue_end", "int32"),
        ("confidence", "float64"), ("published", "string"),
    ],
    "events": [
        ("id", "string"), ("article_id", "string"), ("event_id", "string"), ("type", "string"),
        ("mode", "string"), ("modality", "string"), ("actor_ids", "list<string>"),
        ("recipient_ids", "list<string>"), ("actor_codes", "list<string>"), ("recipient_codes", "list<string>"),
        ("claimed_by_id", "string"), ("statement_id", "string"), ("date", "string"),
        ("date_precision", "string"), ("location_name", "string"), ("location_country", "string"),
        ("lat", "float64"), ("lon", "float64"), ("evidence_start", "int32"), ("evidence_end", "int32"),
        ("evidence_text", "string"), ("trigger", "string"), ("trigger_start", "int32"),
        ("trigger_end", "int32"), ("confidence", "float64"), ("published", "string"),
    ],
}


def _sid(article_id: str, item_id: str | None) -> str | None:
    return None if item_id is None else f"{article_id}:{item_id}"


def actor_code(actor: Actor | None) -> str | None:
    """An actor's code for event tables: its CAMEO-style code, else its country."""
    return None if actor is None else (actor.code or actor.country)


def article_rows(article: Article, *, duplicate_of: str | None = None) -> dict[str, list[dict[str, Any]]]:
    """The rows of every table for one article (`duplicate_of`: the original's id, known to a store)."""
    aid = article.id
    o = article.outlet
    actors = {a.id: a for a in article.actors}
    names = {a.id: a.name for a in article.actors}
    rows: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLES}
    rows["articles"].append({
        "id": aid, "title": article.title, "section": article.section, "language": article.language,
        "published": article.published, "outlet_name": o.name, "outlet_domain": o.domain,
        "outlet_country": o.country, "outlet_state_affiliated": o.state_affiliated,
        "outlet_typology": o.typology, "source_url": article.source.url, "source_path": article.source.path,
        "duplicate_of": duplicate_of, "n_statements": len(article.statements), "n_events": len(article.events),
        "text": article.text,
    })
    for a in article.actors:
        rows["actors"].append({
            "id": _sid(aid, a.id), "article_id": aid, "actor_id": a.id, "name": a.name, "kind": a.kind,
            "country": a.country, "sector": a.sector, "code": a.code, "roles": list(a.roles),
            "aliases": list(a.aliases), "canonical": a.canonical,
        })
    for s in article.statements:
        rows["statements"].append({
            "id": _sid(aid, s.id), "article_id": aid, "statement_id": s.id, "kind": s.kind, "text": s.text,
            "start": s.start, "end": s.end, "speaker_id": _sid(aid, s.speaker),
            "speaker_name": names.get(s.speaker) if s.speaker else None, "speaker_text": s.speaker_text,
            "speaker_start": s.speaker_start, "speaker_end": s.speaker_end, "cue": s.cue,
            "cue_start": s.cue_start, "cue_end": s.cue_end, "confidence": s.confidence,
            "published": article.published,
        })
    for e in article.events:
        loc, ev = e.location, e.evidence
        rows["events"].append({
            "id": _sid(aid, e.id), "article_id": aid, "event_id": e.id, "type": e.type, "mode": e.mode,
            "modality": e.modality, "actor_ids": [_sid(aid, x) for x in e.actor],
            "recipient_ids": [_sid(aid, x) for x in e.recipient],
            "actor_codes": [c for c in (actor_code(actors.get(x)) for x in e.actor) if c],
            "recipient_codes": [c for c in (actor_code(actors.get(x)) for x in e.recipient) if c],
            "claimed_by_id": _sid(aid, e.claimed_by), "statement_id": _sid(aid, e.statement), "date": e.date,
            "date_precision": e.date_precision, "location_name": loc.name if loc else None,
            "location_country": loc.country if loc else None, "lat": loc.lat if loc else None,
            "lon": loc.lon if loc else None, "evidence_start": ev.start, "evidence_end": ev.end,
            "evidence_text": article.text[ev.start : ev.end], "trigger": e.trigger,
            "trigger_start": ev.trigger_start, "trigger_end": ev.trigger_end, "confidence": e.confidence,
            "published": article.published,
        })
    return rows


def _arrow_type(name: str):  # noqa: ANN202 - a pyarrow DataType
    import pyarrow as pa

    simple = {"string": pa.string(), "int32": pa.int32(), "float64": pa.float64(), "bool": pa.bool_()}
    if name == "list<string>":
        return pa.list_(pa.string())
    return simple[name]


def arrow_schema(table: str):  # noqa: ANN201 - a pyarrow Schema
    """The pyarrow schema of one table."""
    import pyarrow as pa

    return pa.schema([pa.field(col, _arrow_type(t)) for col, t in COLUMNS[table]])


def __getattr__(name: str) -> Any:
    # SCHEMAS is built on first access so that importing kiebitz.tables never needs pyarrow.
    if name == "SCHEMAS":
        try:
            schemas = {t: arrow_schema(t) for t in TABLES}
        except ImportError:
            from .errors import OptionalDependencyError

            raise OptionalDependencyError("Arrow table schemas", "corpus") from None
        globals()["SCHEMAS"] = schemas
        return schemas
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
