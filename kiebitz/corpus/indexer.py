"""Index a newly stored article for the corpus: duplicates, stemmed search, stories.

Runs inside the store's per-article transaction (`Store.add`), so an article and its corpus rows
are committed together and a crash never leaves one without the other.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from functools import lru_cache

from ..errors import OptionalDependencyError, StoreError
from ..model import Actor, Article
from . import dedup
from .ftsrows import FtsRows, write_fts
from .lsh import BandIndex
from .quote_index import QuoteIndex
from .stories import ArticleContext, KnownCodes, add_events, add_statements
from .text import fold, stem_text, words


@lru_cache(maxsize=1)
def _deduper() -> dedup.Deduper | None:
    """One Deduper (its permutations are costly to build), None without the corpus extra (datasketch)."""
    try:
        return dedup.Deduper(dedup.MemoryIndex())
    except OptionalDependencyError:
        return None


@dataclass(frozen=True)
class Prepared:
    """What indexing needs of an article's title, text and language alone.

    Made by `prepare` where the article is built (the ingest's worker processes), so that the single
    writer only looks up and writes. Used only if the article still has this title and text when
    stored (a pipeline component may change them); else recomputed. (No stems since schema step
    CORPUS_V3: the article text has one full-text index, `articles_fts`, and a stemmed query is
    expanded to the indexed words with its stems: `kiebitz.corpus.queries.article_fts`.)
    """

    title: str | None
    text: str
    signature: dedup.Signature | None  # None without the corpus extra (datasketch)
    keys: tuple[int, ...]
    # The article's `articles` row (`kiebitz.store.rows.article_row`) and the article it was made of:
    # used only if the writer stores that very article (the same object; pickling a worker's results
    # keeps that), else made again.
    row: tuple | None = field(default=None, compare=False, repr=False)
    of: Article | None = field(default=None, compare=False, repr=False)


def prepare(article: Article) -> Prepared:
    """The text-only part of indexing an article: MinHash signature and LSH band keys."""
    d = _deduper()
    sig = keys = None
    if d is not None:
        sig = d.signer.sign_tokens(words(article.text))
        keys = tuple(d.band_keys(sig.values))
    return Prepared(article.title, article.text, sig, keys or ())


def _usable(prepared: Prepared | None, article: Article) -> Prepared:
    """`prepared` if it was made from this article's text and title; else made now."""
    if prepared is None or prepared.text != article.text or prepared.title != article.title:
        return prepare(article)
    return prepared


def new_bands() -> BandIndex | None:
    """An empty LSH band index for a connection (filled from the store when first used); None without datasketch."""
    d = _deduper()
    return None if d is None else d.new_bands()


def check_settings(conn: sqlite3.Connection) -> None:
    """Record the dedup settings (a new store) or check them (StoreError if they differ)."""
    d = _deduper()
    if d is not None:
        _check_settings(conn, d)


def _check_settings(conn: sqlite3.Connection, d: dedup.Deduper) -> None:
    """Record the dedup settings once; signatures made with other settings are not comparable."""
    want = {"shingle": str(d.signer.shingle), "num_perm": str(d.signer.num_perm), "scheme": dedup.SCHEME,
            "bands": f"{d.bands}x{d.rows}"}
    have = dict(conn.execute("SELECT name, value FROM corpus_meta").fetchall())
    if not have:
        conn.executemany("INSERT INTO corpus_meta (name, value) VALUES (?, ?)", list(want.items()))
    elif any(have.get(k) != v for k, v in want.items()):
        raise StoreError(f"the store's duplicate index was built with {have}, this kiebitz uses {want}")


def source_of(article: Article) -> str | None:
    """The outlet an article counts for as a source: its domain, else its name."""
    return article.outlet.domain or article.outlet.name


def index_article(conn: sqlite3.Connection, article: Article, rowid: int | None = None,
                  fts: FtsRows | None = None, prepared: Prepared | None = None,
                  statement_rowids: list[int] | None = None, checked: bool = False,
                  quotes: QuoteIndex | None = None, bands: BandIndex | None = None,
                  event_rowids: list[int] | None = None, codes: KnownCodes | None = None) -> dedup.Match | None:
    """Add one stored article to the duplicate index, the statements' stemmed FTS and the clusters.

    With `fts`, the stemmed full-text rows are collected there (the caller writes them last).
    `prepared` (from `prepare`) saves the text-only work; `statement_rowids` are the rowids of
    the article's statements in order, `event_rowids` of its events (else looked up). `checked`: the caller has run
    `check_settings` on this connection (the store does so when it opens). `quotes`: the
    connection's statement-cluster index, kept across articles (else the speaker's window is scanned).
    `bands`: the connection's LSH band index (`new_bands`), kept across articles; without it one
    is built from the stored signatures for this call. `codes`: the event cluster code rows the
    connection knows are stored (`stories.KnownCodes`; the caller clears it on rollback). With `fts`, the caller adds the band keys
    of `fts.dedup` to `bands` after COMMIT (`dedup.commit_bands`).
    """
    own = fts is None
    fts = FtsRows() if fts is None else fts
    if rowid is None:
        rowid = conn.execute("SELECT rowid FROM articles WHERE id = ?", (article.id,)).fetchone()[0]
    d = _deduper()
    prep = _usable(prepared, article)
    match = None
    if d is not None and prep.signature is not None:
        if not checked:
            _check_settings(conn, d)
        sig, keys = prep.signature, list(prep.keys)
        bands = d.new_bands() if bands is None else bands
        d.index = dedup.SqliteIndex(conn, bands, fts)
        match = d.find(sig, keys)
        d.index.put(rowid, sig, keys, match)

    if statement_rowids is None or len(statement_rowids) != len(article.statements):
        statement_rowids = _rowids(conn, "statements", article, rowid, article.statements)
    if event_rowids is None or len(event_rowids) != len(article.events):
        event_rowids = _rowids(conn, "events", article, rowid, article.events)
    for r, s in zip(statement_rowids, article.statements, strict=True):
        fts.add("corpus_statements_stem", (r, stem_text(s.text, article.language)))
    ctx = ArticleContext(article, source_of(article), match is not None)
    add_events(conn, ctx, event_rowids, codes)
    add_statements(conn, ctx, statement_rowids, quotes)
    if fts.totals is None:
        fts.totals = Totals()
    update_totals(conn, article, match is not None, fts.totals)  # type: ignore[arg-type]
    if own:  # the caller's transaction: the band keys count from now on, as the rows written now
        pending = fts.dedup
        write_fts(conn, fts)
        if bands is not None:
            dedup.commit_bands(bands, pending)
    return match


def _rowids(conn: sqlite3.Connection, table: str, article: Article, rowid: int, items: tuple) -> list[int]:
    """The rowids of an article's stored statements or events, in the article's order (looked up by id)."""
    if not items:
        return []
    # By the article's rowid (indexed since store version 11; the text ids have no index).
    found = dict(conn.execute(f"SELECT id, rowid FROM {table} WHERE article = ?", (rowid,)).fetchall())
    return [found[f"{article.id}:{item.id}"] for item in items]


@lru_cache(maxsize=65536)  # the same few thousand actors recur in every batch
def actor_key(kind: str, name: str, code: str | None, country: str | None, canonical: str | None = None) -> str:
    """One actor across articles: a state by its country (or code), anyone else by kind and folded name.

    Organisations and groups go by their name across languages (`Actor.canonical`, else the canonical
    names.tsv gives the name, for records written before the field): the "World Bank" of an English
    article and the "Weltbank" of a German one are one actor, `organization:weltbank`.

    Groups and organisations with a country keep it in the key: "Menschen" protesting in Poland and in
    Chad, or the police of Georgia and of Poland, are different actors; a person stays one by name. A
    person known only by an office ("der Außenminister", "officials", "the finance minister") is that
    office of its country (`role:DEU:außenminister`), or of an unknown one (`role:?:...`), never one
    person with every other article's unnamed minister.
    """
    if kind == "state" and (country or code):
        return f"state:{country or code}"
    if kind in ("group", "organization"):
        name = canonical or _canonical_of(name) or name
    folded = " ".join(words(fold(name)))
    if kind in ("group", "organization") and country:
        return f"{kind}:{country}:{folded}"
    if kind == "person" and _unnamed_role(name):
        return f"role:{country or '?'}:{folded}"
    return f"{kind}:{folded}"


def actor_key_of(actor: Actor) -> str:
    """`actor_key` of an Actor."""
    return actor_key(actor.kind, actor.name, actor.code, actor.country, actor.canonical)


def _canonical_of(name: str) -> str | None:
    """The canonical of a display name from the actor tables (names.tsv), else None."""
    from ..extract.actor_tables import canonical_of

    return canonical_of(name)


def key_country(key: str) -> str | None:
    """The country a scoped key keeps ("group:POL:menschen" -> POL; "role:?:..." -> "?"), else None."""
    kind, _, rest = key.partition(":")
    if kind == "state" or kind not in ("group", "organization", "role"):
        return None
    scope, sep, _name = rest.partition(":")
    return scope if sep else None


@lru_cache(maxsize=65536)
def _unnamed_role(name: str) -> bool:
    """Whether a person's name is only an office: its last word is a role noun (or a German compound of one)."""
    from ..extract.actor_tables import split_role

    last = name.split()[-1] if name.split() else ""
    if not last or not last.isalpha():
        return False
    if last.lower() in _role_words():
        return True
    return last[:1].isupper() and split_role(last, "de") is not None


@lru_cache(maxsize=1)
def _role_words() -> frozenset[str]:
    """Every role noun of the role table, German and English, lower-cased."""
    from ..extract.actor_tables import roles

    return frozenset(w.lower() for lang in ("de", "en") for w in roles(lang))


_OUTLET_TOTALS = """INSERT INTO corpus_outlet_totals (source, name, domain, country, state_affiliated, articles,
                                             duplicates, first_published, last_published)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT(source) DO UPDATE SET
               articles = articles + excluded.articles, duplicates = duplicates + excluded.duplicates,
               name = coalesce(name, excluded.name), country = coalesce(country, excluded.country),
               state_affiliated = coalesce(state_affiliated, excluded.state_affiliated),
               first_published = min(coalesce(first_published, excluded.first_published),
                                      coalesce(excluded.first_published, first_published)),
               last_published = max(coalesce(last_published, excluded.last_published),
                                    coalesce(excluded.last_published, last_published))"""
_ACTOR_TOTALS = """INSERT INTO corpus_actor_totals (key, name, kind, code, country, articles, statements, events)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT(key) DO UPDATE SET articles = articles + excluded.articles,
               statements = statements + excluded.statements, events = events + excluded.events,
               code = coalesce(code, excluded.code), country = coalesce(country, excluded.country)"""


def _first(a: str | None, b: str | None, pick: type[min] | type[max]) -> str | None:
    """min or max of two optional dates, ignoring a missing one (as the SQL upsert does)."""
    return b if a is None else a if b is None else pick(a, b)


class Totals:
    """Outlet and actor totals of a transaction, added up in memory and written as one upsert per outlet or actor.

    Writing the sums gives the same rows as one upsert per article in order: counts add up, the
    first non-empty name, code and country win (the upsert's `coalesce`), dates take min and max.
    """

    def __init__(self) -> None:
        # source -> [name, domain, country, state, articles, duplicates, first, last]
        self.outlets: dict[str, list] = {}
        # key -> [name, kind, code, country, articles, statements, events]
        self.actors: dict[str, list] = {}

    def outlet(self, row: tuple) -> None:
        """One article's outlet row (the upsert's values)."""
        source, name, domain, country, state, articles, duplicates, first, last = row
        have = self.outlets.get(source)
        if have is None:
            self.outlets[source] = [name, domain, country, state, articles, duplicates, first, last]
            return
        have[0] = name if have[0] is None else have[0]
        have[2] = country if have[2] is None else have[2]
        have[3] = state if have[3] is None else have[3]
        have[4] += articles
        have[5] += duplicates
        have[6] = _first(have[6], first, min)
        have[7] = _first(have[7], last, max)

    def actor(self, row: tuple) -> None:
        """One article's actor row (the upsert's values)."""
        key, name, kind, code, country, articles, statements, events = row
        have = self.actors.get(key)
        if have is None:
            self.actors[key] = [name, kind, code, country, articles, statements, events]
            return
        have[2] = code if have[2] is None else have[2]
        have[3] = country if have[3] is None else have[3]
        have[4] += articles
        have[5] += statements
        have[6] += events

    def write(self, conn: sqlite3.Connection) -> None:
        """Upsert the sums (and forget them)."""
        if self.outlets:
            conn.executemany(_OUTLET_TOTALS, [(k, *v) for k, v in self.outlets.items()])
        if self.actors:
            conn.executemany(_ACTOR_TOTALS, [(k, *v) for k, v in self.actors.items()])
        self.outlets, self.actors = {}, {}


def update_totals(conn: sqlite3.Connection, article: Article, duplicate: bool, totals: Totals | None = None) -> None:
    """Bump the outlet and actor running totals for one stored article (in `totals` if given, else in SQL now)."""
    o = article.outlet
    state = None if o.state_affiliated is None else int(bool(o.state_affiliated))
    day = article.published
    outlet = (source_of(article) or "", o.name, o.domain, o.country, state, int(not duplicate), int(duplicate), day, day)
    if totals is not None:
        totals.outlet(outlet)
    else:
        conn.execute(_OUTLET_TOTALS, outlet)
    if duplicate or not article.actors:
        return
    rows = actor_rows(article)
    if totals is not None:
        for row in rows:
            totals.actor(row)
    else:
        conn.executemany(_ACTOR_TOTALS, rows)


def actor_rows(article: Article) -> list[tuple]:
    """One article's actor totals rows: (key, name, kind, code, country, articles, statements, events)."""
    keys = {a.id: actor_key_of(a) for a in article.actors}
    counts: dict[str, list[int]] = {}
    for a in article.actors:
        counts.setdefault(keys[a.id], [1, 0, 0])
    for s in article.statements:
        if s.speaker in keys:
            counts[keys[s.speaker]][1] += 1
    for e in article.events:
        for k in {keys[x] for x in (*e.actor, *e.recipient) if x in keys}:
            counts[k][2] += 1
    first = {keys[a.id]: a for a in reversed(article.actors)}
    return [(k, first[k].name, first[k].kind, first[k].code, first[k].country, *c) for k, c in counts.items()]
