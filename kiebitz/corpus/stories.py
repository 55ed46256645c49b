"""Stories: the same event reported by many articles, the same statement quoted by many outlets.

Event clusters (after GDELT's NumMentions/NumArticles/NumSources): events with the same PLOVER type,
the same actor codes and the same recipient codes, dated within `EVENT_WINDOW` days of the cluster's
dates, are one event. Actor codes are the actors' countries (the first three letters
of a CAMEO-style code), else their codes, else their folded names. Statement clusters: statements
by the same speaker (folded surname) within `STATEMENT_WINDOW` days whose word bigrams mostly overlap (containment: a partial quote of a longer
statement is the same statement) are one statement.

Counting: mentions and articles count only originals (a copy of an article is counted once, with
its original); sources count every outlet that carried the story, copies included (a syndicated
copy in another outlet is one more outlet reporting it).
"""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import lru_cache

from ..model import Actor, Article, Event, Statement
from .quote_index import QuoteIndex
from .text import fold, words

EVENT_WINDOW = 3  # days
STATEMENT_WINDOW = 14  # days
QUOTE_CONTAINMENT = 0.6


_COUNTRY_CODE = re.compile(r"[A-Z]{3}")


def actor_code(actor: Actor | None, fallback: str) -> str:
    """The code an actor is clustered by: its country (RUSGOV -> RUS), else its code, else its folded name.

    Reports of one event name the same side differently ("Russland", "der Kreml", "Moskau"), so
    clustering works at country level; the full codes are kept for queries.
    """
    if actor is None:
        return fold(fallback)
    if actor.country:
        return actor.country
    if actor.code:
        return actor.code[:3] if _COUNTRY_CODE.match(actor.code) else actor.code
    return "_".join(words(fold(actor.canonical or actor.name))) or fold(fallback)  # one name across languages


def full_codes(article: Article, ids: tuple[str, ...]) -> set[str]:
    """Every code under which the event's actors can be found: cluster codes plus full CAMEO codes."""
    actors = {a.id: a for a in article.actors}
    out = {actor_code(actors.get(a), a) for a in ids}
    out |= {actors[a].code for a in ids if a in actors and actors[a].code}
    return out


def event_codes(article: Article, event: Event) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Sorted distinct actor and recipient codes of an event (country level)."""
    actors = {a.id: a for a in article.actors}
    src = tuple(sorted({actor_code(actors.get(a), a) for a in event.actor}))
    tgt = tuple(sorted({actor_code(actors.get(a), a) for a in event.recipient}))
    return src, tgt


def event_day(article: Article, event: Event) -> str | None:
    """The day an event is placed on: its own date at day precision, else the article's date."""
    if event.date and len(event.date) == 10:
        return event.date
    return article.published


def speaker_key(article: Article, statement: Statement) -> tuple[str, str | None]:
    """(folded surname, display name) of a statement's speaker; ('', None) when unknown."""
    name = ident = None
    if statement.speaker:
        actor = next((a for a in article.actors if a.id == statement.speaker), None)
        if actor is not None:
            name = actor.name
            # A body or group by its name across languages: the "World Bank" and the "Weltbank" are one speaker.
            ident = actor.canonical if actor.kind != "person" else None
    name = name or statement.speaker_text
    tokens = words(fold(ident or name)) if name else []
    return (tokens[-1] if tokens else ""), name


@lru_cache(maxsize=50_000)
def bigrams(text: str) -> frozenset[str]:
    """Folded word bigrams of a quote (its single words when shorter than two).

    Cached: every new statement is compared with the texts of the clusters sharing a bigram.
    """
    tokens = words(fold(text))
    if len(tokens) < 2:
        return frozenset(tokens)
    return frozenset(f"{a} {b}" for a, b in zip(tokens, tokens[1:], strict=False))


def containment(a: AbstractSet[str], b: AbstractSet[str]) -> float:
    """|A ∩ B| / min(|A|, |B|): 1.0 when one quote is part of the other."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


@lru_cache(maxsize=8192)  # the same few hundred days and two windows, for every event and statement
def _shift(day: str, days: int) -> str:
    return (dt.date.fromisoformat(day) + dt.timedelta(days=days)).isoformat()


def _valid_day(day: str | None) -> str | None:
    if not day:
        return None
    try:
        return dt.date.fromisoformat(day[:10]).isoformat()
    except ValueError:
        return None


@dataclass(frozen=True)
class ArticleContext:
    """What clustering needs to know about the article being added."""

    article: Article
    source: str | None  # outlet name or domain
    duplicate: bool  # a copy of an earlier article


def _window_clause(day: str | None, window: int) -> tuple[str, list[object]]:
    if day is None:
        return "first_date IS NULL", []
    return "last_date >= ? AND first_date <= ?", [_shift(day, -window), _shift(day, window)]


def _join(conn: sqlite3.Connection, table: str, members: str, key_column: str, item: tuple[int, str], cluster: int,
          ctx: ArticleContext, day: str | None) -> None:
    """Add one member to a cluster and update its counts in place (no recount: clusters can be large)."""
    q = conn.execute
    aid, source, dup = ctx.article.id, ctx.source, int(ctx.duplicate)
    cur = q(
        f"INSERT OR IGNORE INTO {members} (item, {key_column}, cluster_id, article_id, source, duplicate) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        (*item, cluster, aid, source, dup),
    )
    if cur.rowcount == 0:
        return
    # Whether the cluster had this article (as an original) or this source before: asked in the UPDATE
    # itself, of the members other than the one just added (two statements per member instead of three).
    q(
        f"""UPDATE {table} SET num_mentions = num_mentions + 1 - :dup,
               num_articles = num_articles + CASE WHEN :dup THEN 0 WHEN EXISTS (SELECT 1 FROM {members}
                   WHERE cluster_id = :cluster AND article_id = :aid AND duplicate = 0 AND item != :item)
                   THEN 0 ELSE 1 END,
               num_sources = num_sources + CASE WHEN :source IS NULL THEN 0 WHEN EXISTS (SELECT 1 FROM {members}
                   WHERE cluster_id = :cluster AND source = :source AND item != :item) THEN 0 ELSE 1 END,
               first_date = CASE WHEN :day IS NULL THEN first_date WHEN first_date IS NULL OR :day < first_date
                                 THEN :day ELSE first_date END,
               last_date = CASE WHEN :day IS NULL THEN last_date WHEN last_date IS NULL OR :day > last_date
                                THEN :day ELSE last_date END
            WHERE id = :cluster""",
        {"dup": dup, "cluster": cluster, "aid": aid, "item": item[0], "source": source, "day": day},
    )


def _first_counts(ctx: ArticleContext) -> tuple[int, int, int]:
    """(mentions, articles, sources) of a new cluster with this article's item as its only member."""
    dup = int(ctx.duplicate)
    return 1 - dup, 1 - dup, int(ctx.source is not None)


def _first_member(conn: sqlite3.Connection, table: str, members: str, key_column: str, item: tuple[int, str],
                  cluster: int, ctx: ArticleContext) -> None:
    """The first member of a cluster just created with `_first_counts` (no lookups: it has no members yet).

    `item`: the item's rowid (the member's key) and its text id.
    """
    cur = conn.execute(
        f"INSERT OR IGNORE INTO {members} (item, {key_column}, cluster_id, article_id, source, duplicate) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        (*item, cluster, ctx.article.id, ctx.source, int(ctx.duplicate)),
    )
    if cur.rowcount == 0:  # the item is a member elsewhere already: the new cluster counts nothing
        conn.execute(f"UPDATE {table} SET num_mentions = 0, num_articles = 0, num_sources = 0 WHERE id = ?",
                     (cluster,))


class KnownCodes:
    """Rows of `corpus_event_cluster_codes` that are stored (or written in the open transaction), for one connection.

    An event joining a cluster mostly brings codes the cluster has (the same countries): those rows
    are not written again (each INSERT OR IGNORE with its foreign-key check cost ~0.02 ms per
    article). Only rows known to be in the store are held: the owner calls `clear` when its
    transaction rolls back, `sync` after taking the write lock (another connection may have
    changed the table); at `MAX` rows it starts again.
    """

    MAX = 1_000_000

    def __init__(self) -> None:
        self.rows: set[tuple[int, str, str]] = set()
        self._version: int | None = None

    def clear(self) -> None:
        self.rows.clear()

    def sync(self, conn: sqlite3.Connection) -> None:
        """Forget everything if another connection committed since (call after taking the write lock)."""
        version = conn.execute("PRAGMA data_version").fetchone()[0]
        if version != self._version:
            self.rows.clear()
            self._version = version

    def written(self, rows: list[tuple[int, str, str]]) -> None:
        """These rows are in the store now."""
        if len(self.rows) + len(rows) > self.MAX:
            self.rows.clear()
        self.rows.update(rows)


def add_events(conn: sqlite3.Connection, ctx: ArticleContext, rowids: list[int],
               codes: KnownCodes | None = None) -> None:
    """Put each event of the article (stored under `rowids`, in order) into its event cluster (a new one if none fits).

    `codes`: the cluster code rows known to be stored (kept by the store across articles); only the others are written.
    """
    article = ctx.article
    for event, rowid in zip(article.events, rowids, strict=True):
        src, tgt = event_codes(article, event)
        key = f"{event.type}|{' '.join(src)}|{' '.join(tgt)}"
        day = _valid_day(event_day(article, event))
        clause, params = _window_clause(day, EVENT_WINDOW)
        row = conn.execute(
            f"SELECT id FROM corpus_event_clusters WHERE key = ? AND {clause} ORDER BY last_date DESC LIMIT 1",
            [key, *params],
        ).fetchone()
        if row is None:
            # A new cluster starts with this event's counts (the same as joining an empty cluster).
            cluster = conn.execute(
                "INSERT INTO corpus_event_clusters (key, type, actor_codes, recipient_codes, first_date, last_date,"
                " num_mentions, num_articles, num_sources) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (key, event.type, " ".join(src), " ".join(tgt), day, day, *_first_counts(ctx)),
            ).lastrowid
        else:
            cluster = row[0]
        rows = ([(cluster, "actor", c) for c in full_codes(article, event.actor)]
                + [(cluster, "recipient", c) for c in full_codes(article, event.recipient)])
        new = rows if codes is None or row is None else [r for r in rows if r not in codes.rows]
        if new:
            conn.executemany(
                "INSERT OR IGNORE INTO corpus_event_cluster_codes (cluster_id, role, code) VALUES (?, ?, ?)", new)
            if codes is not None:
                codes.written(new)
        args = ("corpus_event_clusters", "corpus_event_members", "event_id", (rowid, f"{article.id}:{event.id}"),
                cluster, ctx)
        if row is None:
            _first_member(conn, *args)
        else:
            _join(conn, *args, day)


def _statement_candidates(conn: sqlite3.Connection, skey: str, grams: frozenset[str], day: str | None,
                          quotes: QuoteIndex | None) -> list[tuple[int, str]]:
    """(id, text) of the speaker's clusters in the statement's window that can match, latest first.

    Every cluster with containment > 0 shares a bigram, so with `quotes` only those are read; else
    (or for a speaker too large to index) the whole window is scanned. The order (last date, then
    id, descending) decides between equally good clusters, as the speaker index's reverse scan did.
    """
    clause, params = _window_clause(day, STATEMENT_WINDOW)
    order = "ORDER BY last_date DESC, id DESC"
    ids = None
    if quotes is not None and grams:
        ids = quotes.candidates(conn, skey, grams, None if day is None else (params[0], params[1]))
    if ids is None:
        sql = f"SELECT id, text FROM corpus_statement_clusters WHERE speaker_key = ? AND {clause} {order}"
        return conn.execute(sql, [skey, *params]).fetchall()
    rows: list[tuple[int, str, str | None]] = []
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        rows += conn.execute(
            f"SELECT id, text, last_date FROM corpus_statement_clusters WHERE id IN ({','.join('?' * len(chunk))})"
            f" AND speaker_key = ? AND {clause}",
            [*chunk, skey, *params],
        ).fetchall()
    rows.sort(key=lambda r: (r[2] or "", r[0]), reverse=True)
    return [(cid, text) for cid, text, _ in rows]


def add_statements(conn: sqlite3.Connection, ctx: ArticleContext, rowids: list[int],
                   quotes: QuoteIndex | None = None) -> None:
    """Put each statement of the article (stored under `rowids`, in order) into its statement cluster (a new one if none fits).

    A statement joins the speaker's cluster within `STATEMENT_WINDOW` days with the highest bigram
    containment ≥ `QUOTE_CONTAINMENT` (the latest of equals). `quotes` (kept by the store across
    articles) finds the clusters sharing a bigram without reading the speaker's others.
    """
    article = ctx.article
    day = _valid_day(article.published)
    for statement, rowid in zip(article.statements, rowids, strict=True):
        skey, name = speaker_key(article, statement)
        grams = bigrams(statement.text)
        best: tuple[float, int, str] | None = None
        size = len(grams)
        for cid, text in _statement_candidates(conn, skey, grams, day, quotes) if size else ():
            # `containment(grams, other)`, inlined.
            other = bigrams(text)
            if not other:
                continue
            score = len(grams & other) / min(size, len(other))
            if score >= QUOTE_CONTAINMENT and (best is None or score > best[0]):
                best = (score, cid, text)
        if best is None:
            cluster = conn.execute(
                "INSERT INTO corpus_statement_clusters (speaker_key, speaker, text, first_date, last_date,"
                " num_mentions, num_articles, num_sources) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (skey, name, statement.text, day, day, *_first_counts(ctx)),
            ).lastrowid
            if quotes is not None:
                quotes.created(skey, cluster, grams, day)
        else:
            cluster = best[1]
            longer = len(statement.text) > len(best[2])
            if longer:  # keep the fullest wording as the cluster's text
                conn.execute("UPDATE corpus_statement_clusters SET text = ? WHERE id = ?", (statement.text, cluster))
            if quotes is not None:
                quotes.joined(skey, cluster, day, grams if longer else None)
        args = ("corpus_statement_clusters", "corpus_statement_members", "statement_id",
                (rowid, f"{article.id}:{statement.id}"), cluster, ctx)
        if best is None:
            _first_member(conn, *args)
        else:
            _join(conn, *args, day)
