"""Read-only queries behind the web pages, over an open store connection.

Actors are stored per article (`article_id:item_id`); across articles one actor is its *key*
(`kiebitz.corpus.indexer.actor_key`: `state:RUS`, `person:sergei rjabkow`). An in-memory index
from keys to the stored (kind, name, country, code) variants is built once and rebuilt only when
another connection commits (PRAGMA data_version), so pages can go from a key to indexed lookups
by name.
"""

from __future__ import annotations

import contextlib
import csv
import json
import sqlite3
import threading
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from ..corpus.indexer import actor_key, actor_key_of, key_country
from ..corpus.text import fold, words
from ..model import Article
from ..paths import DATA_DIR

MAX_COUNT = 1_000  # counts above this are reported as "1000+" (bounded cost)
DYAD_LIMIT = 10_000  # events read for a dyad chart


def _rows(cur: sqlite3.Cursor) -> list[dict[str, Any]]:
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row, strict=True)) for row in cur]


@lru_cache(maxsize=1)
def quad_classes() -> dict[str, tuple[str, str]]:
    """PLOVER type -> (quad class, cooperation|conflict), from kiebitz/data/web/quad_classes.tsv."""
    out: dict[str, tuple[str, str]] = {}
    with open(DATA_DIR / "web" / "quad_classes.tsv", encoding="utf-8") as fh:
        for row in csv.reader((line for line in fh if not line.startswith("#")), delimiter="\t"):
            if len(row) >= 3:
                out[row[0]] = (row[1], row[2])
    return out


def quad_of(event_type: str) -> tuple[str, str]:
    """The quad class and side of a PLOVER type; unknown types are 'other'."""
    return quad_classes().get(event_type, ("other", "other"))


def store_version(conn: sqlite3.Connection) -> int:
    """Changes whenever an article is added (articles are only ever appended; O(1)): a cache key
    shared by every connection (PRAGMA data_version is per connection)."""
    return conn.execute("SELECT coalesce(max(rowid), 0) FROM articles").fetchone()[0]


# -- the actor index ------------------------------------------------------------------------------


@dataclass
class ActorEntry:
    """One actor across the corpus: its key and the stored variants that fold to it."""

    key: str
    kind: str
    name: str  # the most frequent stored name
    names: frozenset[str] = frozenset()  # replaced, never mutated: readers may hold it
    country: str | None = None
    code: str | None = None
    mentions: int = 0
    variants: dict[str, int] = field(default_factory=dict)
    totals: dict[str, int] | None = None  # statements/events (corpus totals), read on first use


class ActorIndex:
    """Actor key -> stored variants. Actor rows are only ever appended, so an added article costs
    one scan of the new rows, not a rebuild."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._version: int | None = None
        self._last_rowid = 0
        self.entries: dict[str, ActorEntry] = {}
        self.by_name: dict[str, frozenset[str]] = {}  # folded name -> keys (for names typed by hand)

    def get(self, conn: sqlite3.Connection) -> dict[str, ActorEntry]:
        """The index for the store as `conn` sees it now."""
        version = store_version(conn)
        with self._lock:
            if version != self._version:
                self._update(conn)
                self._version = version
            return self.entries

    def _update(self, conn: sqlite3.Connection) -> None:
        top = conn.execute("SELECT coalesce(max(rowid), 0) FROM actors").fetchone()[0]
        rows = conn.execute(
            """SELECT kind, name, country, code, canonical, count(*) FROM actors WHERE rowid > ? AND rowid <= ?
               GROUP BY kind, name, country, code, canonical""",
            (self._last_rowid, top),
        )
        entries = self.entries
        for kind, name, country, code, canonical, n in rows:
            key = actor_key(kind, name, code, country, canonical)
            entry = entries.get(key)
            if entry is None:
                entry = entries[key] = ActorEntry(key, kind, name, country=country, code=code)
            if name not in entry.names:
                entry.names = entry.names | {name}
                folded = " ".join(words(fold(name)))
                self.by_name[folded] = self.by_name.get(folded, frozenset()) | {key}  # readers may hold the old
            if canonical:  # the name in the other language finds it too ("Weltbank" for "World Bank")
                folded = " ".join(words(fold(canonical)))
                if key not in self.by_name.get(folded, ()):
                    self.by_name[folded] = self.by_name.get(folded, frozenset()) | {key}
            entry.mentions += n
            entry.totals = None
            entry.country = entry.country or country
            entry.code = entry.code or code
            entry.variants[name] = entry.variants.get(name, 0) + n
            if entry.variants[name] > entry.variants.get(entry.name, 0):
                entry.name = name
        self._last_rowid = top


def actor_filter(entry: ActorEntry, alias: str = "a") -> tuple[str, list[Any]]:
    """SQL matching the stored actors (rows of `actors AS alias`) of one key."""
    names = sorted(entry.names)
    sql = f"{alias}.kind = ? AND {alias}.name IN ({','.join('?' * len(names))})"
    params: list[Any] = [entry.kind, *names]
    if entry.key.startswith("state:"):
        sql += f" AND coalesce({alias}.country, {alias}.code) = ?"
        params.append(entry.key.split(":", 1)[1])
    elif (scope := key_country(entry.key)) == "?":  # an office of no known country
        sql += f" AND {alias}.country IS NULL"
    elif scope:  # a group, organisation or office of one country
        sql += f" AND {alias}.country = ?"
        params.append(scope)
    return sql, params


def key_of(row: dict[str, Any], prefix: str = "") -> str:
    """The actor key of a row with kind/name/code/country columns (optionally prefixed)."""
    return actor_key(row[prefix + "kind"], row[prefix + "name"], row[prefix + "code"], row[prefix + "country"],
                     row.get(prefix + "canonical"))


# -- home -----------------------------------------------------------------------------------------


def home(conn: sqlite3.Connection, stats: dict[str, Any], pairs: list[dict[str, Any]]) -> dict[str, Any]:
    """What is in the store: counts, time series, latest articles, top speakers and pairs."""
    q = conn.execute
    per_month = _rows(q(
        """SELECT substr(published, 1, 7) AS month, count(*) AS articles FROM articles
           WHERE published IS NOT NULL GROUP BY month ORDER BY month"""
    ))
    events_month = _rows(q(
        """SELECT substr(date, 1, 7) AS month, type, count(*) AS events FROM events
           WHERE date IS NOT NULL GROUP BY month, type ORDER BY month"""
    ))
    for row in events_month:
        row["quad"] = quad_of(row["type"])[0]
    latest = _rows(q(
        """SELECT id, title, published, language, outlet_name AS outlet FROM articles
           ORDER BY published DESC, rowid DESC LIMIT 15"""
    ))
    speakers = _rows(q(
        """SELECT key, name, kind, country, statements, articles FROM corpus_actor_totals
           WHERE statements > 0 ORDER BY statements DESC, name LIMIT 15"""
    ))
    return {
        "stats": stats,
        "articles_per_month": per_month,
        "events_per_month": events_month,
        "latest": latest,
        "top_speakers": speakers,
        "top_pairs": pairs,
    }


# -- articles -------------------------------------------------------------------------------------


def duplicates(conn: sqlite3.Connection, article_id: str) -> dict[str, Any]:
    """The article this one copies (if any) and the stored copies of it."""
    orig = _rows(conn.execute(
        """SELECT d.original_id AS id, d.similarity, d.method, a.title, a.outlet_name AS outlet, a.published
           FROM corpus_duplicates d JOIN articles a ON a.id = d.original_id WHERE d.article_id = ?""",
        (article_id,),
    ))
    copies = _rows(conn.execute(
        """SELECT d.article_id AS id, d.similarity, d.method, a.title, a.outlet_name AS outlet, a.published
           FROM corpus_duplicates d JOIN articles a ON a.id = d.article_id WHERE d.original_id = ?
           ORDER BY a.published, a.rowid LIMIT 100""",
        (article_id,),
    ))
    return {"original": orig[0] if orig else None, "copies": copies}


def article_actor_keys(article: Article) -> dict[str, str]:
    """Actor item id -> actor key, for the links of an article page."""
    return {a.id: actor_key_of(a) for a in article.actors}


# -- actors ---------------------------------------------------------------------------------------


def _date_outlet(since: str | None, until: str | None, outlet: str | None, col: str = "ar") -> tuple[str, list]:
    where, params = [], []
    if since:
        where.append(f"{col}.published >= ?")
        params.append(since)
    if until:
        where.append(f"{col}.published <= ?")
        params.append(until + "\uffff")
    if outlet:
        where.append(f"({col}.outlet_name = ? OR {col}.outlet_domain = ?)")
        params += [outlet, outlet]
    return "".join(" AND " + w for w in where), params


COUNT_BUDGET = 0.05  # seconds a count may take; past it the total is reported as unknown
RANK_BUDGET = 0.12  # seconds relevance ranking may take; past it results come newest first
PROGRESS_STEP = 20_000  # SQLite VM instructions between two looks at the clock


class OverBudget(Exception):
    """A query ran out of its time budget (SQLite interrupted it)."""


@contextlib.contextmanager
def budget(conn: sqlite3.Connection, seconds: float) -> Iterator[None]:
    """Interrupt queries on `conn` that run longer than `seconds` (raises OverBudget)."""
    deadline = time.perf_counter() + seconds
    conn.set_progress_handler(lambda: int(time.perf_counter() > deadline), PROGRESS_STEP)
    try:
        yield
    except sqlite3.OperationalError as exc:
        if "interrupt" in str(exc):
            raise OverBudget from exc
        raise
    finally:
        conn.set_progress_handler(None, 0)


def bounded_count(conn: sqlite3.Connection, sql: str, params: Iterable[Any]) -> int | None:
    """count(*) of a query, stopping at MAX_COUNT + 1 matches or after COUNT_BUDGET seconds (None).

    A count of rare matches may have to read the whole table; the page does not wait for it.
    """
    try:
        with budget(conn, COUNT_BUDGET):
            return conn.execute(f"SELECT count(*) FROM ({sql} LIMIT {MAX_COUNT + 1})", list(params)).fetchone()[0]
    except OverBudget:
        return None


def newest_matches(conn: sqlite3.Connection, fts: str, limit: int, offset: int) -> list[dict[str, Any]]:
    """Articles matching an FTS query over `articles_fts` (kiebitz.corpus.queries.article_fts), newest
    stored first (no ranking: cheap for any count)."""
    return _rows(conn.execute(
        """SELECT a.id, a.title, a.published, a.language, a.outlet_name AS outlet, a.text
           FROM articles_fts s JOIN articles a ON a.rowid = s.rowid
           WHERE articles_fts MATCH ? ORDER BY s.rowid DESC LIMIT ? OFFSET ?""",
        (fts, limit, offset),
    ))


def _newest_first(conn: sqlite3.Connection, table: str, matches: int, limit: int) -> bool:
    """Whether scanning `table` newest-first beats collecting every match.

    Newest-first reads about limit * rows / matches rows before the page is full; collecting reads
    every match. (Tables are append-only, so max(rowid) is their size, in O(1).)
    """
    rows = conn.execute(f"SELECT coalesce(max(rowid), 0) FROM {table}").fetchone()[0]
    return matches > 0 and matches * matches > limit * rows


def totals(conn: sqlite3.Connection, entry: ActorEntry) -> dict[str, int]:
    """How many statements and events an actor has (the corpus running totals; cached per entry)."""
    if entry.totals is None:
        row = conn.execute("SELECT statements, events FROM corpus_actor_totals WHERE key = ?", (entry.key,)).fetchone()
        # Without totals (a store indexed before them) fall back to the number of mentions.
        entry.totals = {"statements": row[0], "events": row[1]} if row else {
            "statements": entry.mentions, "events": entry.mentions}
    return entry.totals


def event_member(
    conn: sqlite3.Connection, entry: ActorEntry, role: str | None, alias: str = "e", limit: int = 25,
) -> tuple[str, list[Any]]:
    """SQL true for events (`events AS alias`) where the actor has `role` (None: any role), in the
    form that is cheaper for a page of `limit` newest events."""
    cond, params = actor_filter(entry, "m")
    role_sql = " AND ea.role = ?" if role else ""
    role_params = [role] if role else []
    if _newest_first(conn, "events", totals(conn, entry)["events"], limit):
        return (f"""EXISTS (SELECT 1 FROM event_actors ea JOIN actors m ON m.rowid = ea.actor
                    WHERE ea.event = {alias}.rowid{role_sql} AND {cond})""", [*role_params, *params])
    return (f"""{alias}.rowid IN (SELECT ea.event FROM actors m JOIN event_actors ea ON ea.actor = m.rowid{role_sql}
                WHERE {cond})""", [*role_params, *params])


def actor_statements(
    conn: sqlite3.Connection, entry: ActorEntry, *, since: str | None, until: str | None,
    outlet: str | None, limit: int, offset: int,
) -> tuple[list[dict[str, Any]], int | None]:
    """An actor's statements, newest first, with the total (bounded)."""
    cond, params = actor_filter(entry)
    extra, p2 = _date_outlet(since, until, outlet)
    n = totals(conn, entry)["statements"]
    if n == 0:
        return [], 0
    names = sorted(entry.names)
    by_name = f"s.speaker_name IN ({','.join('?' * len(names))})"
    # CROSS JOIN fixes the loop order: newest articles first for a frequent speaker, else its statements.
    if _newest_first(conn, "articles", n, limit + offset):
        source = "articles ar CROSS JOIN statements s ON s.article = ar.rowid JOIN actors a ON a.rowid = s.speaker"
    else:
        source = "statements s CROSS JOIN actors a ON a.rowid = s.speaker JOIN articles ar ON ar.rowid = s.article"
    cond = f"{by_name} AND {cond}"
    params = [*names, *params]
    rows = _rows(conn.execute(
        f"""SELECT s.id, s.article_id, s.kind, s.text, s.cue, s.confidence, s.speaker_text,
                   ar.title, ar.published, ar.outlet_name AS outlet
            FROM {source} WHERE {cond}{extra}
            ORDER BY ar.published DESC LIMIT ? OFFSET ?""",
        [*params, *p2, limit, offset],
    ))
    join = " JOIN articles ar ON ar.rowid = s.article" if extra else ""  # only filters need the article
    count_sql = f"SELECT 1 FROM statements s CROSS JOIN actors a ON a.rowid = s.speaker{join} WHERE {cond}{extra}"
    return rows, bounded_count(conn, count_sql, [*params, *p2])


EVENT_COLUMNS = """e.id, e.article_id, e.type, e.mode, e.modality, e.date, e.date_precision, e.trigger,
    e.confidence, e.location_name, e.location_country, e.lat, e.lon, e.claimed_by_id, e.statement_id,
    e.evidence_start, e.evidence_end, ar.title, ar.published, ar.outlet_name AS outlet, ar.language,
    e.rowid AS _event, e.claimed_by AS _claimant"""  # the last two for annotate_events, which removes them


def actor_events(
    conn: sqlite3.Connection, entry: ActorEntry, role: str, *, since: str | None, until: str | None,
    outlet: str | None, limit: int,
) -> tuple[list[dict[str, Any]], int | None]:
    """Events where the actor has `role` (actor|recipient), newest first, with the total (bounded)."""
    if totals(conn, entry)["events"] == 0:
        return [], 0
    member, params = event_member(conn, entry, role)
    extra, p2 = _event_dates(since, until)
    extra2, p3 = _date_outlet(None, None, outlet)
    rows = _rows(conn.execute(
        f"""SELECT {EVENT_COLUMNS} FROM events e JOIN articles ar ON ar.rowid = e.article
            WHERE {member}{extra}{extra2} ORDER BY e.date DESC LIMIT ?""",
        [*params, *p2, *p3, limit],
    ))
    annotate_events(conn, rows)
    cond, cp = actor_filter(entry, "m")
    joins = ""
    if extra or extra2:  # only filters need the event and its article
        joins = " JOIN events e ON e.rowid = ea.event" + (" JOIN articles ar ON ar.rowid = e.article" if extra2 else "")
    count_sql = f"""SELECT DISTINCT ea.event FROM actors m CROSS JOIN event_actors ea
                    ON ea.actor = m.rowid AND ea.role = ?{joins} WHERE {cond}{extra}{extra2}"""
    return rows, bounded_count(conn, count_sql, [role, *cp, *p2, *p3])


def _event_dates(since: str | None, until: str | None) -> tuple[str, list[Any]]:
    where, params = "", []
    if since:
        where += " AND e.date >= ?"
        params.append(since)
    if until:
        where += " AND e.date <= ?"
        params.append(until + "\uffff")
    return where, params


def actor_profile(conn: sqlite3.Connection, entry: ActorEntry, sample: int = 500) -> dict[str, Any]:
    """Roles, aliases, sectors and codes seen for an actor (from up to `sample` stored mentions)."""
    cond, params = actor_filter(entry)
    roles: dict[str, int] = {}
    aliases: dict[str, int] = {}
    sectors: dict[str, int] = {}
    for r_json, a_json, sector in conn.execute(
        f"SELECT a.roles, a.aliases, a.sector FROM actors a WHERE {cond} LIMIT ?", [*params, sample]
    ):
        for r in json.loads(r_json or "[]"):
            roles[r] = roles.get(r, 0) + 1
        for x in json.loads(a_json or "[]"):
            aliases[x] = aliases.get(x, 0) + 1
        if sector:
            sectors[sector] = sectors.get(sector, 0) + 1

    def top(d: dict[str, int]) -> list[dict[str, Any]]:
        return [{"value": k, "count": n} for k, n in sorted(d.items(), key=lambda kv: (-kv[1], kv[0]))[:30]]

    return {"roles": top(roles), "aliases": top(aliases), "sectors": top(sectors), "names": sorted(entry.names)[:30]}


def counterparts(
    pairs: dict[tuple[str, str], list[Any]], names: dict[str, ActorEntry], entry: ActorEntry, limit: int = 15,
) -> list[dict[str, Any]]:
    """The actors this one most often acts on or is acted on by (from the pair index)."""
    out: dict[str, dict[str, Any]] = {}
    for (a, b), events in list(pairs.items()):  # one C-level copy: the index may grow meanwhile
        if entry.key not in (a, b):
            continue
        other, mine = (b, "as_actor") if a == entry.key else (a, "as_recipient")
        c = out.setdefault(other, {"key": other, "name": names[other].name if other in names else other,
                                   "as_actor": 0, "as_recipient": 0})
        c[mine] += len(events)
    return sorted(out.values(), key=lambda c: (-(c["as_actor"] + c["as_recipient"]), c["key"]))[:limit]


def annotate_events(conn: sqlite3.Connection, rows: list[dict[str, Any]]) -> None:
    """Add actor/recipient names and keys, the claimant and the quad class to event rows (selected with
    EVENT_COLUMNS; their rowid columns are removed)."""
    if not rows:
        return
    ids = [r.pop("_event") for r in rows]
    marks = ",".join("?" * len(ids))
    people: dict[int, dict[str, list]] = {i: {"actor": [], "recipient": []} for i in ids}
    for ev, role, kind, name, code, country, canonical in conn.execute(
        f"""SELECT ea.event, ea.role, a.kind, a.name, a.code, a.country, a.canonical FROM event_actors ea
            JOIN actors a ON a.rowid = ea.actor WHERE ea.event IN ({marks}) ORDER BY ea.position""",
        ids,
    ):
        people[ev][role].append({"key": actor_key(kind, name, code, country, canonical), "name": name})
    claimants = [r.pop("_claimant") for r in rows]
    found = {c for c in claimants if c is not None}
    names: dict[int, dict[str, str]] = {}
    if found:
        for rowid, kind, name, code, country, canonical in conn.execute(
            f"""SELECT rowid, kind, name, code, country, canonical FROM actors
                WHERE rowid IN ({','.join('?' * len(found))})""",
            list(found),
        ):
            names[rowid] = {"key": actor_key(kind, name, code, country, canonical), "name": name}
    for r, i, c in zip(rows, ids, claimants, strict=True):
        r["actors"] = people[i]["actor"]
        r["recipients"] = people[i]["recipient"]
        r["claimed_by"] = names.get(c) if r.get("claimed_by_id") else None
        r["quad"], r["side"] = quad_of(r["type"])


# -- dyads ----------------------------------------------------------------------------------------


def dyad_events(
    conn: sqlite3.Connection, pairs: dict[tuple[str, str], list[Any]], a: ActorEntry, b: ActorEntry, *,
    since: str | None, until: str | None, detail: int,
) -> tuple[list[tuple[str, str, str, str]], list[dict[str, Any]]]:
    """Events with A acting on B or B acting on A: light rows (day, id, type, direction), newest first,
    at most DYAD_LIMIT + 1 (dated by the event, else the article), and the newest `detail` in full."""
    light: list[tuple[str, str, str, str]] = []
    end = until + "\uffff" if until else None
    for direction, pair in (("a_to_b", (a.key, b.key)), ("b_to_a", (b.key, a.key))):
        for ev in pairs.get(pair, ()):
            day = ev.date or ev.published or ""
            if (since and day < since) or (end and day > end):
                continue
            light.append((day, ev.id, ev.type, direction))
    light.sort(reverse=True)
    light = light[: DYAD_LIMIT + 1]
    direction = {r[1]: r[3] for r in light[:detail]}
    rowids = {ev.id: ev.rowid for pair in ((a.key, b.key), (b.key, a.key)) for ev in pairs.get(pair, ())
              if ev.id in direction}
    rows: list[dict[str, Any]] = []
    if direction:
        marks = ",".join("?" * len(rowids))
        rows = _rows(conn.execute(
            f"""SELECT {EVENT_COLUMNS} FROM events e JOIN articles ar ON ar.rowid = e.article
                WHERE e.rowid IN ({marks})""", list(rowids.values())))
        rows.sort(key=lambda r: (r["date"] or r["published"] or "", r["id"]), reverse=True)
        annotate_events(conn, rows)
        for r in rows:
            r["direction"] = direction[r["id"]]
    return light, rows


def period_of(date: str | None, by: str) -> str | None:
    """The week (ISO Monday, YYYY-MM-DD) or month (YYYY-MM-01) of an ISO date; None if too coarse."""
    import datetime as dt

    if not date:
        return None
    if by == "month":
        return date[:7] + "-01" if len(date) >= 7 else None
    if len(date) < 10:
        return None
    try:
        day = dt.date.fromisoformat(date[:10])
    except ValueError:
        return None
    return (day - dt.timedelta(days=day.weekday())).isoformat()


def dyad_series(light: list[tuple[str, str, str, str]], by: str) -> list[dict[str, Any]]:
    """Counts per period, direction, type and quad class, from dyad_events' light rows."""
    per_day: dict[tuple[str, str, str], int] = {}
    for day, _, etype, direction in light:
        k = (day, direction, etype)
        per_day[k] = per_day.get(k, 0) + 1
    periods: dict[str, str | None] = {}
    counts: dict[tuple[str, str, str], int] = {}
    for (day, direction, etype), n in per_day.items():
        if day not in periods:
            periods[day] = period_of(day, by)
        p = periods[day]
        if p is not None:
            counts[(p, direction, etype)] = counts.get((p, direction, etype), 0) + n
    return [{"period": p, "direction": d, "type": t, "quad": quad_of(t)[0], "side": quad_of(t)[1], "events": n}
            for (p, d, t), n in sorted(counts.items())]


# -- event search ---------------------------------------------------------------------------------


def search_events(
    conn: sqlite3.Connection, *, type: str | None, actor: ActorEntry | None,  # noqa: A002
    recipient: ActorEntry | None, since: str | None, until: str | None, modality: str | None,
    claimed: str | None, outlet: str | None, language: str | None, limit: int, offset: int,
) -> tuple[list[dict[str, Any]], int | None]:
    """Events matching the filters, newest first, with the total (bounded)."""
    where, params = ["1"], []
    if type:
        where.append("e.type = ?")
        params.append(type)
    for role, entry in (("actor", actor), ("recipient", recipient)):
        if entry is not None:
            member, p = event_member(conn, entry, role)
            where.append(member)
            params += p
    if since:
        where.append("e.date >= ?")
        params.append(since)
    if until:
        where.append("e.date <= ?")
        params.append(until + "\uffff")
    if modality:
        where.append("e.modality = ?")
        params.append(modality)
    if claimed == "asserted":
        where.append("e.claimed_by_id IS NULL")
    elif claimed == "claimed":
        where.append("e.claimed_by_id IS NOT NULL")
    if outlet:
        where.append("(ar.outlet_name = ? OR ar.outlet_domain = ?)")
        params += [outlet, outlet]
    if language:
        where.append("ar.language = ?")
        params.append(language)
    base = f"FROM events e JOIN articles ar ON ar.rowid = e.article WHERE {' AND '.join(where)}"
    rows = _rows(conn.execute(
        f"SELECT {EVENT_COLUMNS} {base} ORDER BY e.date DESC LIMIT ? OFFSET ?",
        [*params, limit, offset],
    ))
    annotate_events(conn, rows)
    return rows, bounded_count(conn, f"SELECT 1 {base}", params)


def statement_count(conn: sqlite3.Connection, fts: str) -> int | None:
    """How many statements match an FTS5 query (bounded)."""
    if not fts:
        return 0
    return bounded_count(conn, "SELECT 1 FROM statements_fts WHERE statements_fts MATCH ?", [fts])
