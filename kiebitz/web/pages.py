"""The data of each page (what the JSON twin returns; the HTML templates render the same dicts)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..corpus import queries as corpus_queries
from ..corpus.text import fold, words
from ..model import Article
from ..store import Store
from ..store.query import to_fts
from . import queries
from .pairs import top_pairs
from .params import MAX_PAGE, PER_PAGE
from .queries import ActorEntry, ActorIndex, quad_of

_OPEN, _CLOSE = "\x02", "\x03"  # snippet markers, never in stored text after cleaning


class NotFound(Exception):
    """No such article or actor: a 404 with the JSON error shape."""


def _pages(total: int | None, page: int, shown: int) -> dict[str, Any]:
    """Paging facts; `total` None means counting took too long (at least what is shown so far)."""
    if total is None:
        seen = (page - 1) * PER_PAGE + shown
        return {"page": page, "per_page": PER_PAGE, "total": None, "total_is_lower_bound": True,
                "at_least": seen, "pages": None, "has_next": shown == PER_PAGE and page < MAX_PAGE}
    more = total > queries.MAX_COUNT
    last = max(1, -(-min(total, queries.MAX_COUNT) // PER_PAGE))
    return {"page": page, "per_page": PER_PAGE, "total": min(total, queries.MAX_COUNT), "total_is_lower_bound": more,
            "at_least": min(total, queries.MAX_COUNT), "pages": last,
            "has_next": page < last or (more and page < MAX_PAGE)}


def _snippet_parts(snippet: str) -> list[dict[str, Any]]:
    """Split a marked snippet into plain and highlighted parts (rendered escaped by the template)."""
    parts, hit, buf = [], False, ""
    for ch in snippet:
        if ch in (_OPEN, _CLOSE):
            if buf:
                parts.append({"text": buf, "hit": hit})
            buf, hit = "", ch == _OPEN
        else:
            buf += ch
    if buf:
        parts.append({"text": buf, "hit": hit})
    return parts


def _plain_snippet(text: str, query: str, width: int = 200) -> list[dict[str, Any]]:
    """A window of `text` around the first word starting like a query word (folded), that word marked."""
    import re

    stems = [w[: max(4, len(w) - 2)] for w in words(fold(query.replace("*", " "))) if w != "or"]
    for m in re.finditer(r"\w+", text):
        if stems and any(fold(m.group(0)).startswith(st) for st in stems):
            start = max(0, m.start() - width // 2)
            end = min(len(text), m.end() + width // 2)
            return [x for x in ({"text": ("…" if start else "") + text[start:m.start()], "hit": False},
                                {"text": m.group(0), "hit": True},
                                {"text": text[m.end():end] + ("…" if end < len(text) else ""), "hit": False})
                    if x["text"]]
    return [{"text": text[:width], "hit": False}]


# -- home -----------------------------------------------------------------------------------------


def home(store: Store, actors: ActorIndex, pairs: dict[tuple[str, str], list[Any]]) -> dict[str, Any]:
    """Counts, time series, latest articles, top speakers and the most active pairs."""
    names = actors.entries
    top = [{"actor": a, "actor_name": names[a].name if a in names else a, "recipient": b,
            "recipient_name": names[b].name if b in names else b, "events": n}
           for a, b, n in top_pairs(pairs)]
    return queries.home(store.connection, store.stats(), top)


# -- article --------------------------------------------------------------------------------------


@dataclass
class Segment:
    """A run of text covered by the same annotations."""

    text: str
    classes: list[str] = field(default_factory=list)
    anns: list[str] = field(default_factory=list)


def _spans(article: Article) -> list[tuple[int, int, str, str]]:
    """(start, end, annotation id, css classes) for every highlightable item with valid offsets."""
    n = len(article.text)
    out: list[tuple[int, int, str, str]] = []

    def add(start: int | None, end: int | None, ann: str, css: str) -> None:
        if start is not None and end is not None and 0 <= start < end <= n:
            out.append((start, end, ann, css))

    for i, e in enumerate(article.entities):
        add(e.start, e.end, f"ent-{i}", f"ent ent-{e.label}")
    for i, s in enumerate(article.statements):
        add(s.start, s.end, f"st-{i}", f"st st-{s.kind}")
        add(s.speaker_start, s.speaker_end, f"sp-{i}", "spk")
        add(s.cue_start, s.cue_end, f"cue-{i}", "cue")
    for i, v in enumerate(article.events):
        quad = quad_of(v.type)[0].replace(" ", "-")
        add(v.evidence.start, v.evidence.end, f"ev-{i}", f"ev q-{quad}")
        add(v.evidence.trigger_start, v.evidence.trigger_end, f"trg-{i}", "trg")
    return out


def segments(text: str, spans: list[tuple[int, int, str, str]]) -> list[Segment]:
    """Cut the text at every span boundary; each piece lists the annotations covering it."""
    cuts = sorted({0, len(text), *(s for s, _, _, _ in spans), *(e for _, e, _, _ in spans)})
    out = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        seg = Segment(text[a:b])
        for s, e, ann, css in spans:
            if s <= a and b <= e:
                seg.anns.append(ann)
                seg.classes.extend(css.split())
        out.append(seg)
    return out


def article(store: Store, article_id: str) -> dict[str, Any]:
    """The record, its duplicates and actor keys; `_view` holds what only the HTML needs."""
    art = store.get(article_id)
    if art is None:
        found = store.find_ids(article_id, limit=2) if len(article_id) >= 4 else []
        if len(found) == 1:
            art = store.get(found[0])
        if art is None:
            raise NotFound(f"no article {article_id[:80]!r}")
    keys = queries.article_actor_keys(art)
    record = art.to_dict()
    for ev in record["events"]:
        ev["quad"], ev["side"] = quad_of(ev["type"])
    data = {
        "article": record,
        "actor_keys": keys,
        "duplicates": queries.duplicates(store.connection, art.id),
    }
    actors = {a.id: a for a in art.actors}
    anns: dict[str, dict[str, Any]] = {}

    def who(aid: str | None) -> dict[str, Any] | None:
        if aid is None:
            return None
        a = actors.get(aid)
        return {"id": aid, "name": a.name if a else aid, "key": keys.get(aid)}

    for i, e in enumerate(art.entities):
        anns[f"ent-{i}"] = {"what": "entity", "label": e.label, "text": e.text, "start": e.start, "end": e.end,
                            "actor": who(e.actor), "confidence": e.confidence}
    for i, s in enumerate(art.statements):
        anns[f"st-{i}"] = {"what": "statement", "id": s.id, "kind": s.kind, "text": s.text, "start": s.start,
                           "end": s.end, "speaker": who(s.speaker), "speaker_text": s.speaker_text,
                           "cue": s.cue, "confidence": s.confidence}
        anns[f"sp-{i}"] = {"what": "speaker", "of": f"st-{i}"}
        anns[f"cue-{i}"] = {"what": "cue", "of": f"st-{i}"}
    for i, v in enumerate(art.events):
        anns[f"ev-{i}"] = {
            "what": "event", "id": v.id, "type": v.type, "mode": v.mode, "quad": quad_of(v.type)[0],
            "modality": v.modality, "actor": [who(x) for x in v.actor], "recipient": [who(x) for x in v.recipient],
            "claimed_by": who(v.claimed_by), "date": v.date, "date_precision": v.date_precision,
            "location": v.location.name if v.location else None, "confidence": v.confidence,
            "trigger": v.trigger, "start": v.evidence.start, "end": v.evidence.end,
        }
        anns[f"trg-{i}"] = {"what": "trigger", "of": f"ev-{i}"}
    by_kind: dict[str, list[tuple[int, Any]]] = {}
    for i, s in enumerate(art.statements):
        by_kind.setdefault(s.kind, []).append((i, s))
    by_type: dict[str, list[tuple[int, Any]]] = {}
    for i, v in enumerate(art.events):
        by_type.setdefault(v.type, []).append((i, v))
    data["_view"] = {
        "segments": segments(art.text, _spans(art)),
        "annotations": anns,
        "statements_by_kind": sorted(by_kind.items()),
        "events_by_type": sorted(by_type.items()),
        "actors": actors,
        "akeys": keys,
    }
    return data


# -- actors ---------------------------------------------------------------------------------------


def resolve(index: ActorIndex, value: str) -> ActorEntry | None:
    """An actor by key, else a state by its three-letter code, else by name (folded; the most
    mentioned actor of that name)."""
    entries = index.entries
    if value in entries:
        return entries[value]
    if len(value) == 3 and value.isalpha() and f"state:{value.upper()}" in entries:
        return entries[f"state:{value.upper()}"]
    folded = " ".join(words(fold(value)))
    hits = [entries[k] for k in index.by_name.get(folded, ()) if k in entries]
    if not hits:  # a name in the other language: "World Bank" in a store of German articles
        from ..extract.actor_tables import typed_canonical

        canonical = typed_canonical(value)
        folded = " ".join(words(fold(canonical))) if canonical else ""
        hits = [entries[k] for k in index.by_name.get(folded, ()) if k in entries]
    return max(hits, key=lambda e: (e.mentions, e.key)) if hits else None


def _entry(index: ActorIndex, key: str) -> ActorEntry:
    entry = resolve(index, key)
    if entry is None:
        raise NotFound(f"no actor {key[:80]!r}")
    return entry


def _describe(entry: ActorEntry) -> dict[str, Any]:
    return {"key": entry.key, "name": entry.name, "kind": entry.kind, "country": entry.country,
            "code": entry.code, "mentions": entry.mentions}


def actor(
    store: Store, index: ActorIndex, pairs: dict[tuple[str, str], list[Any]], key: str, p: dict[str, Any],
) -> dict[str, Any]:
    """An actor's statements (filtered, paged), events as actor and recipient, roles and aliases."""
    entry = _entry(index, key)
    conn = store.connection
    f = {"since": p["since"], "until": p["until"], "outlet": p["outlet"]}
    statements, total = queries.actor_statements(conn, entry, **f, limit=PER_PAGE,
                                                 offset=(p["page"] - 1) * PER_PAGE)
    as_actor, n_actor = queries.actor_events(conn, entry, "actor", **f, limit=PER_PAGE)
    as_recipient, n_recipient = queries.actor_events(conn, entry, "recipient", **f, limit=PER_PAGE)
    return {
        "actor": _describe(entry),
        "filters": f,
        "profile": queries.actor_profile(conn, entry),
        "statements": statements,
        "statements_paging": _pages(total, p["page"], len(statements)),
        "events_as_actor": as_actor,
        "events_as_actor_total": n_actor,
        "events_as_recipient": as_recipient,
        "events_as_recipient_total": n_recipient,
        "counterparts": queries.counterparts(pairs, index.entries, entry),
    }


def dyad(
    store: Store, index: ActorIndex, pairs: dict[tuple[str, str], list[Any]], a: str, b: str, p: dict[str, Any],
) -> dict[str, Any]:
    """Events between two actors over time, counted per period, type and quad class."""
    ea, eb = _entry(index, a), _entry(index, b)
    light, events = queries.dyad_events(store.connection, pairs, ea, eb, since=p["since"], until=p["until"],
                                        detail=100)
    more = len(light) > queries.DYAD_LIMIT
    light = light[: queries.DYAD_LIMIT]
    series = queries.dyad_series(light, p["by"])
    quads: dict[str, dict[str, int]] = {}
    for _, _, etype, direction in light:
        q = quads.setdefault(direction, {})
        quad = quad_of(etype)[0]
        q[quad] = q.get(quad, 0) + 1
    return {"a": _describe(ea), "b": _describe(eb), "by": p["by"],
            "filters": {"since": p["since"], "until": p["until"]},
            "total": len(light), "total_is_lower_bound": more,
            "quad_counts": quads, "series": series, "events": events}


# -- search ---------------------------------------------------------------------------------------


def search(store: Store, p: dict[str, Any]) -> dict[str, Any]:
    """Full text over articles (stemmed) or statements, paged."""
    q, what, page = p["q"] or "", p["in"], p["page"]
    offset = (page - 1) * PER_PAGE
    hits: list[dict[str, Any]] = []
    total: int | None = 0
    ranked = True
    if q and what == "articles":
        conn = store.connection
        try:
            with queries.budget(conn, queries.COUNT_BUDGET):
                total = corpus_queries.count(conn, q)
        except queries.OverBudget:
            total = None
        try:
            with queries.budget(conn, queries.RANK_BUDGET):
                found = corpus_queries.search_hits(conn, q, limit=PER_PAGE, offset=offset, highlight=(_OPEN, _CLOSE))
            for h in found:
                d = h.to_dict()
                d["snippet_parts"] = _snippet_parts(d.pop("snippet"))
                d["snippet"] = "".join(x["text"] for x in d["snippet_parts"])
                hits.append(d)
        except queries.OverBudget:
            # Too many matches to rank in time (a very common word): newest first instead, said so.
            ranked = False
            for d in queries.newest_matches(conn, corpus_queries.article_fts(conn, q), PER_PAGE, offset):
                d["snippet_parts"] = _plain_snippet(d.pop("text"), q)
                d["snippet"] = "".join(x["text"] for x in d["snippet_parts"])
                d["score"] = None
                hits.append(d)
    elif q:
        total = queries.statement_count(store.connection, to_fts(q))
        for h in store.search_statements(q, limit=PER_PAGE, offset=offset, highlight=(_OPEN, _CLOSE)):
            d = h.to_dict()
            d["snippet_parts"] = _snippet_parts(d.pop("snippet"))
            d["snippet"] = "".join(x["text"] for x in d["snippet_parts"])
            hits.append(d)
    return {"q": q, "in": what, "ranked": ranked, "hits": hits, "paging": _pages(total, page, len(hits))}


def events(store: Store, index: ActorIndex, p: dict[str, Any]) -> dict[str, Any]:
    """Event search with filters, paged; an unknown actor or recipient matches nothing."""
    resolved: dict[str, ActorEntry | None] = {}
    unknown = []
    for role in ("actor", "recipient"):
        resolved[role] = resolve(index, p[role]) if p[role] else None
        if p[role] and resolved[role] is None:
            unknown.append(role)
    filters = {k: v for k, v in p.items() if k != "page"}
    if p["type"]:
        filters["type"] = p["type"] = p["type"].upper()
    rows, total = ([], 0) if unknown or any(
        v is not None and queries.totals(store.connection, v)["events"] == 0 for v in resolved.values()
    ) else queries.search_events(
        store.connection, type=p["type"], actor=resolved["actor"], recipient=resolved["recipient"],
        since=p["since"], until=p["until"], modality=p["modality"], claimed=p["claimed"],
        outlet=p["outlet"], language=p["language"], limit=PER_PAGE, offset=(p["page"] - 1) * PER_PAGE)
    return {"filters": filters, "unknown": unknown,
            "resolved": {k: _describe(v) if v else None for k, v in resolved.items()},
            "events": rows, "paging": _pages(total, p["page"], len(rows))}
