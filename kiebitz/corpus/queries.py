"""The analyst's queries over a store: quotes, events, actors, outlets, counts and stemmed search.

Every function takes an open SQLite connection of a store (`Store.connection`) and returns plain
rows (dicts) ready for a table, JSON or CSV. Quotes and events come as stories: one row per
statement cluster or event cluster, with how many mentions, articles and sources carried it.
"""

from __future__ import annotations

import os
import re
import sqlite3
import unicodedata
from typing import Any

from .text import fold, stem_text, stem_variants, stem_words, words


def _rows(cur: sqlite3.Cursor) -> list[dict[str, Any]]:
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row, strict=True)) for row in cur]


def corpus_counts(conn: sqlite3.Connection) -> dict[str, int]:
    """Duplicates, unique articles, sources and story clusters (duplicates counted once)."""
    q = conn.execute
    articles = q("SELECT count(*) FROM articles").fetchone()[0]
    duplicates = q("SELECT count(*) FROM corpus_duplicates").fetchone()[0]
    return {
        "unique_articles": articles - duplicates,
        "duplicates": duplicates,
        "sources": q("SELECT count(*) FROM corpus_outlet_totals WHERE source != ''").fetchone()[0],
        "statement_clusters": q("SELECT count(*) FROM corpus_statement_clusters").fetchone()[0],
        "event_clusters": q("SELECT count(*) FROM corpus_event_clusters").fetchone()[0],
    }


def _date_filters(since: str | None, until: str | None) -> tuple[list[str], list[Any]]:
    where, params = [], []
    if since:
        where.append("c.last_date >= ?")
        params.append(since)
    if until:
        where.append("c.first_date <= ?")
        params.append(until)
    return where, params


def quotes(
    conn: sqlite3.Connection,
    *,
    speaker: str | None = None,
    since: str | None = None,
    until: str | None = None,
    text: str | None = None,
    limit: int = 50,
) -> list[dict[str, Any]]:
    """Statements (one row per statement cluster), newest first; `speaker` matches the surname,
    `text` is a stemmed full-text query over what was said."""
    where, params = _date_filters(since, until)
    if speaker:
        from ..extract.actor_tables import typed_canonical

        # A body or group is keyed by its canonical name since store version 12 ("World Bank": "weltbank").
        keys = {(words(fold(t)) or [""])[-1] for t in (speaker, typed_canonical(speaker)) if t is not None}
        where.append(f"c.speaker_key IN ({','.join('?' * len(keys))})")
        params += sorted(keys)
    if text is not None:
        fts = stemmed_fts(text)
        if not fts:
            return []
        where.append(
            # A member's key is its statement's rowid, which is also the statement's row in the stemmed index.
            "c.id IN (SELECT m.cluster_id FROM corpus_statement_members m "
            "WHERE m.item IN (SELECT rowid FROM corpus_statements_stem WHERE corpus_statements_stem MATCH ?))"
        )
        params.append(fts)
    sql = f"""SELECT c.id, c.speaker, c.text, c.first_date, c.last_date, c.num_mentions AS mentions,
                     c.num_articles AS articles, c.num_sources AS sources,
                     (SELECT group_concat(DISTINCT m.source) FROM corpus_statement_members m
                      WHERE m.cluster_id = c.id) AS outlets,
                     (SELECT min(m.statement_id) FROM corpus_statement_members m
                      WHERE m.cluster_id = c.id AND m.duplicate = 0) AS statement_id
              FROM corpus_statement_clusters c
              {"WHERE " + " AND ".join(where) if where else ""}
              ORDER BY c.last_date DESC, c.num_sources DESC, c.id LIMIT ?"""
    return _rows(conn.execute(sql, [*params, limit]))


def _code_filter(role: str, code: str) -> tuple[str, list[Any]]:
    """Clusters with an actor of `role` whose code starts with `code` (RUS matches RUS and RUSGOV)."""
    folded = "_".join(words(fold(code)))
    # Correlated, so that the planner walks clusters by type or newest first and checks each cheaply.
    return (
        "EXISTS (SELECT 1 FROM corpus_event_cluster_codes k WHERE k.cluster_id = c.id AND k.role = ? "
        "AND ((k.code >= ? AND k.code < ?) OR k.code = ?))",
        [role, code.upper(), code.upper() + "\uffff", folded],
    )


def events(
    conn: sqlite3.Connection,
    *,
    actor: str | None = None,
    recipient: str | None = None,
    type: str | None = None,  # noqa: A002 - the PLOVER field's name
    since: str | None = None,
    until: str | None = None,
    limit: int = 50,
) -> list[dict[str, Any]]:
    """Events (one row per event cluster) with NumMentions/NumArticles/NumSources, newest first."""
    where, params = _date_filters(since, until)
    for role, code in (("actor", actor), ("recipient", recipient)):
        if code:
            clause, p = _code_filter(role, code)
            where.append(clause)
            params.extend(p)
    if type:
        where.append("c.type = ?")
        params.append(type.upper())
    # Clusters join reports at country level ("Russland", "der Kreml" -> RUS); the full codes of their
    # members (RUSGOV, GEOCOP -> GEOCVL) tell the sides apart.
    full = """(SELECT group_concat(code, ' ') FROM (SELECT DISTINCT a.code FROM corpus_event_members m
                JOIN event_actors ea ON ea.event = m.item AND ea.role = '{role}'
                JOIN actors a ON a.rowid = ea.actor
                WHERE m.cluster_id = c.id AND a.code IS NOT NULL ORDER BY a.code))"""
    sql = f"""SELECT c.id, c.type, c.actor_codes AS actors, c.recipient_codes AS recipients,
                     {full.format(role="actor")} AS actor_codes,
                     {full.format(role="recipient")} AS recipient_codes,
                     c.first_date, c.last_date, c.num_mentions AS mentions, c.num_articles AS articles,
                     c.num_sources AS sources,
                     (SELECT group_concat(DISTINCT m.source) FROM corpus_event_members m
                      WHERE m.cluster_id = c.id) AS outlets
              FROM corpus_event_clusters c
              {"WHERE " + " AND ".join(where) if where else ""}
              ORDER BY c.last_date DESC, c.num_mentions DESC, c.id LIMIT ?"""
    return _rows(conn.execute(sql, [*params, limit]))


def actors(
    conn: sqlite3.Connection, *, kind: str | None = None, name: str | None = None, limit: int = 100
) -> list[dict[str, Any]]:
    """Actors across the corpus (one per key: `state:RUS`, `role:DEU:aussenminister`, ...) with the articles,
    statements and events they appear in."""
    where, params = [], []
    if kind:
        where.append("kind = ?")
        params.append(kind)
    if name:
        from ..extract.actor_tables import typed_canonical

        # Organisations and groups are keyed by their canonical name: "World Bank" is `organization:weltbank`.
        typed = [name, *filter(None, [typed_canonical(name)])]
        where.append("(" + " OR ".join(["key LIKE ?"] * len(typed)) + ")")
        params += ["%" + " ".join(words(fold(t))) + "%" for t in typed]
    sql = f"""SELECT key, name, kind, code, country, articles, statements, events FROM corpus_actor_totals
              {"WHERE " + " AND ".join(where) if where else ""}
              ORDER BY articles DESC, name LIMIT ?"""
    return _rows(conn.execute(sql, [*params, limit]))


def outlets(conn: sqlite3.Connection, *, limit: int = 1000) -> list[dict[str, Any]]:
    """Outlets in the corpus with their (unique) articles and duplicates."""
    sql = """SELECT nullif(source, '') AS source, name, domain, country, state_affiliated, articles, duplicates,
                    first_published, last_published
             FROM corpus_outlet_totals ORDER BY articles DESC, source LIMIT ?"""
    return _rows(conn.execute(sql, (limit,)))


# -- stemmed full-text search -----------------------------------------------------------------

def _join_parts(parts: list[str]) -> str:
    """FTS5 query terms and "OR"s joined into one query: dangling ORs dropped, AND spelt out."""
    while parts and parts[-1] == "OR":
        parts.pop()
    while parts and parts[0] == "OR":
        parts.pop(0)
    # FTS5 accepts implicit AND only between phrases, not between parenthesised groups: spell it out.
    out: list[str] = []
    for part in parts:
        if out and part != "OR" and out[-1] != "OR":
            out.append("AND")
        out.append(part)
    return " ".join(out)


def stemmed_fts(query: str) -> str:
    """A user query (words, "phrases", prefix*, OR) as FTS5 over stems: each word matches any of its stems."""
    # Imported here: kiebitz.store imports this module, so a top-level import would be circular.
    from ..store.query import MAX_TERMS, query_terms, quote_term

    parts: list[str] = []
    for kind, text, prefix in query_terms(query):
        if kind == "or":
            if parts and parts[-1] != "OR":
                parts.append("OR")
            continue
        if kind == "phrase":
            variants = {stem_text(text, lang) for lang in ("de", "en", None)} - {""}
            if variants:
                parts.append("(" + " OR ".join(quote_term(v) for v in sorted(variants)) + ")")
        else:
            for token in words(text):
                if prefix:
                    parts.append(quote_term(fold(token)) + "*")
                else:
                    parts.append("(" + " OR ".join(quote_term(v) for v in sorted(stem_variants(token))) + ")")
        # The same bound as the plain search: a pasted page must not become a huge query.
        if sum(p != "OR" for p in parts) >= MAX_TERMS:
            break
    return _join_parts(parts)


# FTS5's unicode61 tokens: runs of letters and digits ("_" separates, unlike \w).
_FTS_WORD = re.compile(r"[^\W_]+")
# Candidate words read from the vocabulary per query word at most (a very short stem matches many).
MAX_VOCAB = 10_000
# Phrases: at most this many combinations of the words' indexed forms (else the words as typed).
MAX_PHRASES = 64


def fts_form(token: str) -> str:
    """A word as `articles_fts` (unicode61, remove_diacritics 2) stores it: lower case, no accents, ß kept."""
    token = token.lower()
    if token.isascii():
        return token
    return unicodedata.normalize("NFC", "".join(
        ch for ch in unicodedata.normalize("NFD", token) if not unicodedata.combining(ch)))


def _successor(prefix: str) -> str:
    """The smallest string after every string starting with `prefix`."""
    return prefix[:-1] + chr(ord(prefix[-1]) + 1)


def _sharp_s(prefix: str) -> set[str]:
    """`prefix` and its spellings with ß for ss (folding made ß into ss; the index kept ß)."""
    out = {prefix, prefix.replace("ss", "ß")}
    if prefix.endswith("s") and not prefix.endswith("ss"):
        out.add(prefix[:-1].replace("ss", "ß") + "ß")
    return out


def _indexed_forms(conn: sqlite3.Connection, token: str) -> list[str]:
    """The words of `articles_fts` whose stem (German, English or folded) is one of `token`'s stems.

    Snowball stems drop endings and may change the last letter (English y -> i, "hoping" -> "hope"),
    so such a word starts with the common prefix of the stems and the word less one letter: that
    range of the index's vocabulary is read and each word in it stemmed. A prefix shorter than three
    letters is not cut ("hohem" -> "hoh"; "spies" then misses "spy"); under two letters only the
    word's own forms are looked up.
    """
    variants = stem_variants(token)
    own = {fts_form(token), *variants}
    common = os.path.commonprefix(sorted(variants))
    cut = common[: min(len(v) for v in variants) - 1]
    prefix = cut if len(cut) >= 3 else common
    found: set[str] = set()
    if len(prefix) >= 2:
        for p in _sharp_s(prefix):
            rows = conn.execute("SELECT term FROM corpus_articles_vocab WHERE term >= ? AND term < ? LIMIT ?",
                                (p, _successor(p), MAX_VOCAB))
            found.update(t for (t,) in rows if t in own or stem_variants(t) & variants)
    else:
        marks = ",".join("?" * len(own))
        rows = conn.execute(f"SELECT term FROM corpus_articles_vocab WHERE term IN ({marks})", sorted(own))
        found.update(t for (t,) in rows)
    return sorted(found) or [fts_form(token)]


def article_fts(conn: sqlite3.Connection, query: str) -> str:
    """A user query (words, "phrases", prefix*, OR) as FTS5 over `articles_fts`: each word matches
    every indexed word sharing one of its stems (German, English or folded), so "Sanktion" finds
    "Sanktionen"; a phrase matches any combination of its words' forms in order; prefix* as typed."""
    # Imported here: kiebitz.store imports this module, so a top-level import would be circular.
    from ..store.query import MAX_TERMS, query_terms, quote_term

    forms: dict[str, list[str]] = {}

    def expand(token: str) -> list[str]:
        if token not in forms:
            forms[token] = _indexed_forms(conn, token)
        return forms[token]

    parts: list[str] = []
    for kind, text, prefix in query_terms(query):
        if kind == "or":
            if parts and parts[-1] != "OR":
                parts.append("OR")
            continue
        tokens = _FTS_WORD.findall(text.casefold())
        if kind == "phrase":
            if tokens:
                combos = [[]]
                for token in tokens:
                    combos = [c + [f] for c in combos for f in expand(token)]
                    if len(combos) > MAX_PHRASES:
                        combos = [[fts_form(t) for t in tokens]]
                        break
                parts.append("(" + " OR ".join(quote_term(" ".join(c)) for c in combos) + ")")
        else:
            for i, token in enumerate(tokens):
                if prefix and i == len(tokens) - 1:
                    parts.append(quote_term(fts_form(token)) + "*")
                else:
                    parts.append("(" + " OR ".join(quote_term(f) for f in expand(token)) + ")")
        # The same bound as the plain search: a pasted page must not become a huge query.
        if sum(p != "OR" for p in parts) >= MAX_TERMS:
            break
    return _join_parts(parts)


def _snippet(text: str, query: str, language: str | None = None, width: int = 160,
             highlight: tuple[str, str] = ("", "")) -> str:
    """A window of `text` around the first word whose stem matches a query word, matches highlighted."""
    wanted: set[str] = set()
    for token in words(query.replace("*", "")):
        wanted |= stem_variants(token)
    found = list(re.finditer(r"\w+", text))
    tokens = [m.group(0).casefold() for m in found]
    # Stem the text once, in its own language (the index did the same); folded forms catch the rest.
    stems = stem_words(tokens, language)
    folded = stem_words(tokens, None)
    hits = [m for m, s, f in zip(found, stems, folded, strict=True) if s in wanted or f in wanted]
    if not hits:
        return text[:width].replace("\n", " ")
    start = max(0, hits[0].start() - width // 2)
    end = min(len(text), hits[0].end() + width // 2)
    out, pos = [], start
    for m in hits:
        if m.start() < start or m.end() > end:
            continue
        out += [text[pos : m.start()], highlight[0], m.group(0), highlight[1]]
        pos = m.end()
    out.append(text[pos:end])
    body = "".join(out).replace("\n", " ")
    return ("…" if start else "") + body + ("…" if end < len(text) else "")


def count(conn: sqlite3.Connection, query: str) -> int:
    """How many articles match a query by stems."""
    fts = article_fts(conn, query)
    if not fts:
        return 0
    return conn.execute("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?", (fts,)).fetchone()[0]


def search_hits(
    conn: sqlite3.Connection, query: str, *, limit: int = 20, offset: int = 0,
    highlight: tuple[str, str] = ("[", "]"),
) -> list[Any]:
    """Stemmed search results as the store's SearchHit records (for `kiebitz search`)."""
    from ..store import SearchHit

    return [
        SearchHit(r["id"], r["title"], r["published"], r["language"], r["outlet"],
                  _snippet(r["text"], query, r["language"], highlight=highlight), r["score"])
        for r in _search_rows(conn, query, limit, offset)
    ]


def _search_rows(conn: sqlite3.Connection, query: str, limit: int, offset: int) -> list[dict[str, Any]]:
    fts = article_fts(conn, query)
    if not fts:
        return []
    rows = conn.execute(
        """SELECT a.id, a.title, a.published, a.language, a.outlet_name AS outlet, a.text,
                  bm25(articles_fts, 5.0, 1.0) AS score,
                  (SELECT original_id FROM corpus_duplicates d WHERE d.article_id = a.id) AS duplicate_of
           FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid
           WHERE articles_fts MATCH ? ORDER BY score, a.rowid LIMIT ? OFFSET ?""",
        (fts, max(0, limit), max(0, offset)),
    )
    return _rows(rows)


def search(conn: sqlite3.Connection, query: str, *, limit: int = 20, offset: int = 0) -> list[dict[str, Any]]:
    """Articles matching a query by stems (Sanktionen finds Sanktion), best first."""
    out = _search_rows(conn, query, limit, offset)
    for row in out:
        row["snippet"] = _snippet(row.pop("text"), query, row["language"])
    return out


def search_statements(conn: sqlite3.Connection, query: str, *, limit: int = 20) -> list[dict[str, Any]]:
    """Statements matching a query by stems, best first."""
    fts = stemmed_fts(query)
    if not fts:
        return []
    rows = conn.execute(
        """SELECT s.id, s.article_id, s.kind, coalesce(s.speaker_name, s.speaker_text) AS speaker, s.text,
                  bm25(corpus_statements_stem) AS score
           FROM corpus_statements_stem JOIN statements s ON s.rowid = corpus_statements_stem.rowid
           WHERE corpus_statements_stem MATCH ? ORDER BY score, s.rowid LIMIT ?""",
        (fts, max(0, limit)),
    )
    return _rows(rows)
