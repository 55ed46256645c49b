"""Write the web app's JSON pages for a store to a folder, to compare two code versions with `diff -r`.

    .venv/bin/python bench/corpus_web_outputs.py STORE OUT_DIR [--budgets]

Run it from outside the checkout with PYTHONPATH=TREE to use another kiebitz tree (the current
folder comes first on sys.path). Pages: home, the 12 actors with most articles (their statements
and events, a second page, a date and an outlet filter), the dyads between the top four actors,
event searches (by actor, recipient, type, claimed/asserted, outlet, language, dates), searches
over articles and statements, and the first and last articles. Timing fields are dropped.
Counts and relevance ranking have time budgets (`kiebitz.web.queries.COUNT_BUDGET`, `RANK_BUDGET`):
past them a total is reported as unknown and results come newest first, so faster code can give
other pages. Without `--budgets` both are set to 60 s, so that the pages depend on the data only.
"""

from __future__ import annotations

import json
import sqlite3
import sys
from pathlib import Path
from urllib.parse import quote


def _urls(db: str) -> list[str]:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    keys = [r[0] for r in conn.execute("SELECT key FROM corpus_actor_totals ORDER BY articles DESC, key LIMIT 12")]
    outlet = conn.execute("SELECT source FROM corpus_outlet_totals ORDER BY articles DESC LIMIT 1").fetchone()[0]
    first = conn.execute("SELECT min(published) FROM articles").fetchone()[0] or "2020-01-01"
    word = conn.execute("SELECT text FROM articles LIMIT 1").fetchone()[0].split()[3].strip(".,")
    ids = [r[0] for r in conn.execute("SELECT id FROM articles WHERE rowid IN "
                                       "((SELECT min(rowid) FROM articles), (SELECT max(rowid) FROM articles))")]
    types = [r[0] for r in conn.execute("SELECT type FROM events GROUP BY type ORDER BY count(*) DESC LIMIT 2")]
    conn.close()
    since = first[:7]
    urls = ["/index.json"]
    for k in keys:
        a = quote(k, safe="")
        urls += [f"/actor/{a}.json", f"/actor/{a}.json?page=2", f"/actor/{a}.json?since={since}",
                 f"/actor/{a}.json?outlet={quote(outlet)}", f"/events.json?actor={a}", f"/events.json?recipient={a}"]
    for a in keys[:4]:
        for b in keys[:4]:
            if a != b:
                urls += [f"/dyad/{quote(a, safe='')}/{quote(b, safe='')}.json",
                         f"/dyad/{quote(a, safe='')}/{quote(b, safe='')}.json?by=week&since={since}"]
    if len(keys) > 1:
        urls.append(f"/events.json?actor={quote(keys[0], safe='')}&recipient={quote(keys[1], safe='')}")
    for t in types:
        urls += [f"/events.json?type={t}", f"/events.json?type={t}&claimed=asserted&page=2"]
    urls += ["/events.json", "/events.json?claimed=claimed", f"/events.json?outlet={quote(outlet)}",
             "/events.json?language=de", f"/events.json?since={since}",
             f"/search.json?q={quote(word)}", f"/search.json?q={quote(word)}&in=statements",
             f"/search.json?q={quote(word)}&page=2"]
    urls += [f"/article/{i}.json" for i in ids]
    return urls


def _strip(value: object) -> object:
    """Drop fields that measure time."""
    if isinstance(value, dict):
        return {k: _strip(v) for k, v in value.items() if not k.endswith(("_ms", "elapsed"))}
    if isinstance(value, list):
        return [_strip(v) for v in value]
    return value


def main(argv: list[str] | None = None) -> int:
    args = argv or sys.argv[1:]
    db, out = args[:2]
    from starlette.testclient import TestClient

    from kiebitz.web import create_app, queries

    if "--budgets" not in args:
        queries.COUNT_BUDGET = queries.RANK_BUDGET = 60.0

    Path(out).mkdir(parents=True, exist_ok=True)
    with TestClient(create_app(db), raise_server_exceptions=True) as client:
        client.get("/index.json")  # the pair index fills in the background: wait for it
        for n, url in enumerate(_urls(db)):
            r = client.get(url)
            body = _strip(r.json()) if r.headers.get("content-type", "").startswith("application/json") else r.text
            Path(out, f"{n:03d}.json").write_text(
                json.dumps({"url": url, "status": r.status_code, "body": body}, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
