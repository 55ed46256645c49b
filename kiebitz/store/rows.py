"""Turning an Article into table rows (the write side of the store)."""

from __future__ import annotations

import dataclasses
import functools
import json
import sqlite3
import time
from datetime import UTC, datetime
from typing import Any, NamedTuple

from ..corpus.ftsrows import FTS_SQL, FtsRows, write_fts
from ..model import _ORDER, Article, from_dict

__all__ = ["FTS_SQL", "FtsRows", "write_fts"]



def stable_id(article_id: str, item_id: str | None) -> str | None:
    """The store-wide id of an item: item ids are only unique inside their article."""
    return None if item_id is None else f"{article_id}:{item_id}"


# Field names per dataclass (False: not a dataclass), so serialising skips dataclasses.fields().
_FIELDS: dict[type, tuple[str, ...] | bool] = {}


def _plain(value: Any) -> Any:
    """`kiebitz.model`'s plain-JSON conversion, with the field names looked up once per class."""
    cls = type(value)
    names = _FIELDS.get(cls)
    if names is None:
        names = dataclasses.is_dataclass(cls) and tuple(f.name for f in dataclasses.fields(cls))
        _FIELDS[cls] = names
    if names is not False:
        return {n: _plain(getattr(value, n)) for n in names}  # type: ignore[union-attr]
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def to_record(article: Article) -> dict[str, Any]:
    """The same as `article.to_dict()` (tested equal), faster: the writer calls it once per article."""
    return {name: _plain(getattr(article, name)) for name in _ORDER}


def _fields(value: Any) -> dict[str, Any]:
    """A dataclass's fields, one level deep: json's encoder calls this for each dataclass it meets."""
    cls = type(value)
    names = _FIELDS.get(cls)
    if names is None:
        names = dataclasses.is_dataclass(cls) and tuple(f.name for f in dataclasses.fields(cls))
        _FIELDS[cls] = names
    if names is False:
        raise TypeError(f"Object of type {cls.__name__} is not JSON serializable")
    return {n: getattr(value, n) for n in names}  # type: ignore[union-attr]


# The same text as `_json(_plain(value))`: json's C encoder walks the lists and tuples itself and
# asks `_fields` for the dataclasses, instead of a Python copy of the whole record first (the
# writer serialises each article's record once: ~0.25 ms per article that way; docs/corpus.md).
_ENCODE = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), default=_fields).encode


# json's own string encoder (C) for ensure_ascii=False: what `_ENCODE` writes for each string.
_STRING = json.encoder.encode_basestring


def _json(value: object) -> str:
    """Compact JSON; one encoder for every call (json.dumps with options builds a new one each time).

    A list of strings (roles, aliases, evidence, actor ids: ~10 per article) is joined here, the
    same text without the encoder's setup per call.
    """
    if type(value) is list:
        try:  # the string encoder refuses anything but a string: then the general encoder decides
            return "[" + ",".join(map(_STRING, value)) + "]"
        except TypeError:
            pass
    return _ENCODE(value)


try:  # orjson (the corpus extra) walks the record's dataclasses in C: ~9 µs instead of ~75 µs per article
    import orjson

    def _fast(value: object) -> str | None:
        """`_ENCODE(value)` by orjson (the same text for these records), None where orjson refuses."""
        try:
            return orjson.dumps(value).decode()
        except TypeError:  # orjson.JSONEncodeError: e.g. an int beyond 64 bits
            return None
except ImportError:  # pragma: no cover - depends on installed extras
    def _fast(value: object) -> str | None:
        return None


def record_json(article: Article, record: dict | None = None) -> str:
    """The record as stored: everything but the text, which lives once, in `articles.text`.

    With orjson installed the text is orjson's, which equals json's for every string, int, list
    and dataclass; floats are written as their shortest form like json's (only exponents differ:
    `1e-5`, json `1e-05`; the same value when read), and a non-finite float (json's invalid `NaN`)
    becomes `null`.
    """
    if record is None:
        plain = {name: getattr(article, name) for name in _ORDER if name != "text"}
        fast = _fast(plain)
        return _ENCODE(plain) if fast is None else fast
    record = dict(record)
    del record["text"]
    return _json(record)


def load_article(record: str, text: str) -> Article:
    """Rebuild an Article from its stored record and text."""
    return from_dict({**json.loads(record), "text": text})


def article_row(article: Article) -> tuple:
    """The article's `articles` row without `ingested_at`: what depends on the article alone.

    Made where documents are built (`kiebitz.store.ingest`, in the worker processes) when the
    writer stores the article as built, so that the writer does not encode the record again.
    """
    outlet = article.outlet
    state = None if outlet.state_affiliated is None else int(bool(outlet.state_affiliated))
    return (
        article.id, article.title, article.section, article.language, article.published,
        outlet.name, outlet.domain, outlet.country, state, outlet.typology,
        _json(list(outlet.evidence)), article.source.path, article.source.url, article.text,
        _json(article.removed), record_json(article), article.schema,
    )


_STAMP: list = [None, ""]  # (the second, its text): one datetime per second instead of per article


def _now() -> str:
    """`datetime.now(UTC).isoformat(timespec="seconds")`, made once per second."""
    second = int(time.time())
    if second != _STAMP[0]:
        _STAMP[0], _STAMP[1] = second, datetime.fromtimestamp(second, UTC).isoformat(timespec="seconds")
    return _STAMP[1]


_ARTICLE_SQL = """INSERT OR IGNORE INTO articles (
               id, title, section, language, published,
               outlet_name, outlet_domain, outlet_country, outlet_state_affiliated, outlet_typology,
               outlet_evidence, source_path, source_url, text, removed, record, schema, ingested_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"""


def insert_article(conn: sqlite3.Connection, article: Article, fts: FtsRows | None = None,
                   row: tuple | None = None) -> int | None:
    """Insert the article row and its full-text entry; its rowid, or None if the id is already stored.

    With `fts`, the full-text row is collected there for `write_fts` instead of inserted now. `row`:
    `article_row(article)`, if made already.
    """
    if row is None:
        row = article_row(article)
    cur = conn.execute(_ARTICLE_SQL, (*row, _now()))
    if cur.rowcount == 0:
        return None
    text_row = (cur.lastrowid, article.title or "", article.text)
    if fts is None:
        conn.execute(FTS_SQL["articles_fts"], text_row)
    else:
        fts.add("articles_fts", text_row)
    return cur.lastrowid


class ItemRowids(NamedTuple):
    """The rowids of an article's statements and events as stored, in the article's order."""

    statements: list[int]
    events: list[int]


_ACTORS_SQL = """INSERT INTO actors (id, article_id, item_id, name, kind, country, sector, roles, code, aliases,
                   article, canonical) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"""
_STATEMENT_SQL = """INSERT INTO statements (id, article_id, item_id, kind, text, start, "end", speaker_id,
                      speaker_name, speaker_text, speaker_start, speaker_end, cue, cue_start, cue_end, confidence,
                      article, speaker) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"""
_EVENTS_SQL = """INSERT INTO events (id, article_id, item_id, type, mode, modality, actor_ids, recipient_ids,
                   claimed_by_id, statement_id, date, date_precision, location_name, location_country, lat, lon,
                   evidence_start, evidence_end, trigger_start, trigger_end, trigger, confidence, article, claimed_by)
                 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"""
_EVENT_ACTORS_SQL = "INSERT INTO event_actors (event, role, position, actor, event_id, actor_id) VALUES (?, ?, ?, ?, ?, ?)"


@functools.lru_cache(maxsize=64)
def _values(sql: str, n: int) -> str:
    """`sql` (an INSERT with one VALUES group) with `n` VALUES groups."""
    head, _, group = sql.rpartition("VALUES")
    return f"{head}VALUES {', '.join([group.strip()] * n)}"


def _appended(conn: sqlite3.Connection, sql: str, rows: list[tuple]) -> list[int]:
    """Insert rows into a table keyed by rowid; their rowids, in order.

    A few rows go in as one statement with as many VALUES groups (one round trip, and its
    `lastrowid` gives them all: one statement appends its rows one after another).
    """
    if len(rows) == 1:
        return [conn.execute(sql, rows[0]).lastrowid]
    if len(rows) <= 32:
        last = conn.execute(_values(sql, len(rows)), [v for row in rows for v in row]).lastrowid
    else:
        conn.executemany(sql, rows)
        last = conn.execute("SELECT last_insert_rowid()").fetchone()[0]
    return list(range(last - len(rows) + 1, last + 1))


def _check_unique(table: str, items: list) -> None:
    """Item ids are unique in their article (so store-wide): what the old text primary keys enforced."""
    if len(items) > 1 and len({i.id for i in items}) != len(items):
        raise sqlite3.IntegrityError(f"UNIQUE constraint failed: {table}.id")


def insert_items(
    conn: sqlite3.Connection, article: Article, fts: FtsRows | None = None, article_rowid: int | None = None,
) -> ItemRowids:
    """Insert entities, actors, statements and events of an article (ids made store-wide).

    Items refer to their article and to each other by rowid (store version 11) as well as by text id.
    With `fts`, the statements' full-text rows are collected there for `write_fts`. Returns the
    statements' and events' rowids, in order.
    """
    aid = article.id
    if article_rowid is None:
        article_rowid = conn.execute("SELECT rowid FROM articles WHERE id = ?", (aid,)).fetchone()[0]

    def sid(item_id: str | None) -> str | None:
        return stable_id(aid, item_id)

    _check_unique("actors", article.actors)
    _check_unique("statements", article.statements)
    _check_unique("events", article.events)
    names = {a.id: a.name for a in article.actors}
    actor_rowids: dict[str, int] = {}
    if article.actors:
        rowids = _appended(conn, _ACTORS_SQL, [
            (sid(a.id), aid, a.id, a.name, a.kind, a.country, a.sector, _json(list(a.roles)), a.code,
             _json(list(a.aliases)), article_rowid, a.canonical)
            for a in article.actors
        ])
        actor_rowids = {a.id: rowid for a, rowid in zip(article.actors, rowids, strict=True)}
    if article.entities:
        conn.executemany(
            "INSERT INTO entities VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (sid(e.id), aid, e.id, e.text, e.label, e.start, e.end, sid(e.actor), e.confidence)
                for e in article.entities
            ],
        )
    statement_rowids = []
    for s in article.statements:
        cur = conn.execute(
            _STATEMENT_SQL,
            (
                sid(s.id), aid, s.id, s.kind, s.text, s.start, s.end, sid(s.speaker),
                names.get(s.speaker) if s.speaker else None, s.speaker_text, s.speaker_start,
                s.speaker_end, s.cue, s.cue_start, s.cue_end, s.confidence,
                article_rowid, actor_rowids.get(s.speaker) if s.speaker else None,
            ),
        )
        statement_rowids.append(cur.lastrowid)
        if fts is None:
            conn.execute(FTS_SQL["statements_fts"], (cur.lastrowid, s.text))
        else:
            fts.add("statements_fts", (cur.lastrowid, s.text))
    if not article.events:
        return ItemRowids(statement_rowids, [])
    # All events of the article in one statement, then all their actor rows (nothing reads them in between).
    events = []
    for e in article.events:
        loc = e.location
        ev = e.evidence
        events.append((
            sid(e.id), aid, e.id, e.type, e.mode, e.modality,
            _json([sid(a) for a in e.actor]), _json([sid(a) for a in e.recipient]),
            sid(e.claimed_by), sid(e.statement), e.date, e.date_precision,
            loc.name if loc else None, loc.country if loc else None,
            loc.lat if loc else None, loc.lon if loc else None,
            ev.start, ev.end, ev.trigger_start, ev.trigger_end, e.trigger, e.confidence,
            article_rowid, actor_rowids.get(e.claimed_by) if e.claimed_by else None,
        ))
    event_rowids = _appended(conn, _EVENTS_SQL, events)
    roles = []
    for e, rowid, row in zip(article.events, event_rowids, events, strict=True):
        eid = row[0]
        roles += [(rowid, "actor", i, actor_rowids.get(a), eid, sid(a)) for i, a in enumerate(e.actor)]
        roles += [(rowid, "recipient", i, actor_rowids.get(a), eid, sid(a)) for i, a in enumerate(e.recipient)]
    if roles:
        conn.executemany(_EVENT_ACTORS_SQL, roles)
    return ItemRowids(statement_rowids, event_rowids)
