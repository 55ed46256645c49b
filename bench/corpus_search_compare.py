"""Stemmed article search of two kiebitz trees on the same German/English articles: which hits differ.

    .venv/bin/python bench/corpus_search_compare.py dump --tree DIR --db FILE --out HITS.json
    .venv/bin/python bench/corpus_search_compare.py diff OLD.json NEW.json
    .venv/bin/python bench/corpus_search_compare.py time --tree DIR --db BENCH.db

`dump` builds a store at FILE (if it does not exist) with the kiebitz package in DIR (default: this
checkout) from the UD treebank sentences in ../shared/data (German GSD + PUD, English EWT; 12
consecutive sentences per article, language set, as `kiebitz.corpus.dedup_eval` reads them), then
runs 400 random words of the texts and 60 random two-word phrases through the tree's stemmed
search (`kiebitz.corpus.queries._search_rows`, every hit) and writes {query: [article ids]}. `diff`
compares two dumps: identical hit sets, hits of the old found again, hits only the new finds.
`time` times the tree's stemmed search (limit 20, with snippets) on a store of bench/corpus.py
(`--keep`) for the benchmark's four probe words (median of 5 after one warm-up).
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import sys
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


def _sentences(lang: str) -> list[str]:
    out: list[str] = []
    for path in sorted((DATA / f"ud-{lang}").glob("*.conllu*")):
        with (gzip.open if path.suffix == ".gz" else open)(path, "rt", encoding="utf-8") as fh:
            out.extend(line[9:].strip() for line in fh if line.startswith("# text = "))
    return [s for s in out if len(s.split()) >= 4]


def dump(tree: Path | None, db: Path, out: Path) -> None:
    if tree:
        sys.path.insert(0, str(tree.resolve()))
    from kiebitz.corpus import queries as q
    from kiebitz.model import Article, Outlet, Source
    from kiebitz.store import Store

    docs = []
    for lang in ("de", "en"):
        sents = _sentences(lang)
        docs += [(lang, " ".join(sents[i:i + 12])) for i in range(0, min(len(sents), 12000), 12)]
    if not db.exists():
        with Store(db) as store, store.batch(5000, 60):
            for i, (lang, text) in enumerate(docs):
                store.add(Article(id=f"{i:016x}", text=text, title=text[:40], language=lang, published="2024-01-01",
                                  outlet=Outlet(name="x", domain="x.example"),
                                  source=Source(url=f"https://x.example/{i}")))
    rng = random.Random(3)
    vocab = sorted({w for _, t in docs for w in re.findall(r"[^\W\d_]{4,}", t)})
    probes = rng.sample(vocab, 400)
    for _, text in rng.sample(docs, 60):
        ws = re.findall(r"[^\W\d_]{3,}", text)
        j = rng.randrange(len(ws) - 1)
        probes.append(f'"{ws[j]} {ws[j + 1]}"')
    with Store(db, readonly=True) as store:
        hits = {p: sorted(r["id"] for r in q._search_rows(store.connection, p, 1_000_000, 0)) for p in probes}
    out.write_text(json.dumps(hits))
    print(f"{len(docs)} articles, {len(hits)} queries -> {out}")


def diff(old_path: Path, new_path: Path) -> None:
    old, new = json.loads(old_path.read_text()), json.loads(new_path.read_text())
    groups = {"words": [k for k in old if not k.startswith('"')], "phrases": [k for k in old if k.startswith('"')]}
    for name, keys in groups.items():
        same = sum(old[k] == new[k] for k in keys)
        a, b = sum(len(old[k]) for k in keys), sum(len(new[k]) for k in keys)
        both = sum(len(set(old[k]) & set(new[k])) for k in keys)
        print(f"{name}: {len(keys)} queries, {same} identical hit sets; hits old {a:,}, new {b:,}, "
              f"old found again {both:,}, only new {b - both:,}")
    print("differing:", [(k, len(old[k]), len(new[k])) for k in old if old[k] != new[k]][:30])


def time_search(tree: Path | None, db: Path) -> None:
    import sqlite3
    import statistics
    import time

    if tree:
        sys.path.insert(0, str(tree.resolve()))
    from kiebitz.corpus import queries as q
    from kiebitz.corpus.variants import TextGenerator

    conn = sqlite3.connect(f"file:{db.resolve()}?mode=ro", uri=True)
    vocab = TextGenerator(1).words
    for rank in (100, 1000, 5000, 20_000):  # the probes of bench/corpus.py
        word = vocab[rank]
        q.search(conn, word)
        times = []
        for _ in range(5):
            t = time.perf_counter()
            q.search(conn, word)
            times.append(1000 * (time.perf_counter() - t))
        print(f"{word:12} matches {q.count(conn, word):6}  search median {statistics.median(times):7.1f} ms")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="bench/corpus_search_compare.py", description=__doc__)
    sub = ap.add_subparsers(dest="cmd", required=True)
    d = sub.add_parser("dump")
    d.add_argument("--tree", type=Path)
    d.add_argument("--db", type=Path, required=True)
    d.add_argument("--out", type=Path, required=True)
    c = sub.add_parser("diff")
    c.add_argument("old", type=Path)
    c.add_argument("new", type=Path)
    t = sub.add_parser("time")
    t.add_argument("--tree", type=Path)
    t.add_argument("--db", type=Path, required=True)
    args = ap.parse_args(argv)
    if args.cmd == "dump":
        dump(args.tree, args.db, args.out)
    elif args.cmd == "time":
        time_search(args.tree, args.db)
    else:
        diff(args.old, args.new)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
