"""Benchmark: ingest generated articles (20% near-duplicates) into a store, then time the corpus queries.

    python bench/corpus.py [--n 100000] [--dup-rate 0.2] [--keep FILE]

Articles are generated text (kiebitz.corpus.variants.stream: copies are reposts with boilerplate,
edited, syndicated or shortened versions of earlier articles), built with `build_article` and the
pipeline ("outlet",) (no NLP), then given synthetic actors, one statement and one event each (a
copy keeps its original's, as an extractor would find the same), so that clustering, the totals
and the four queries work on realistic tables. Reports articles/second for build + store + dedup
+ stories, how many copies were found, the median and 95th percentile latency of each query, and
the store size per 1,000 articles.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import tempfile
import time
from pathlib import Path

from kiebitz.corpus import queries
from kiebitz.corpus.stories_eval import COUNTRIES, SPEAKERS, TYPES
from kiebitz.corpus.variants import TextGenerator, generated_sentences, stream
from kiebitz.model import Actor, Article, Event, Evidence, Outlet, RawDocument, Statement
from kiebitz.pipeline import Pipeline
from kiebitz.store import Store
from kiebitz.store.ingest import build_documents

OUTLETS = [f"news{i}.example" for i in range(200)]


def _extract(article: Article, rng: random.Random, quotes: list[str]) -> Article:
    """Synthetic actors, statement and event (what the extractors would add), drawn from small pools."""
    first, last = rng.choice(SPEAKERS)
    src, tgt = rng.sample(COUNTRIES, 2)
    quote = rng.choice(quotes)
    text = article.text + " " + quote
    start = len(article.text) + 1
    return article.replace(
        text=text,
        actors=(Actor("a1", f"{first} {last}", "person", country=src, code=src + "GOV"),
                Actor("a2", src, "state", country=src, code=src), Actor("a3", tgt, "state", country=tgt, code=tgt)),
        statements=(Statement("s1", "direct", quote, start, len(text), speaker="a1", speaker_text=last),),
        events=(Event("e1", rng.choice(TYPES), None, ("a2",), ("a3",), "asserted", Evidence(start, len(text))),),
    )


def _time(fn, runs: int = 30) -> tuple[float, float]:  # noqa: ANN001 - a callable of one run index
    """Median and 95th percentile milliseconds of `fn(i)` over `runs` calls (after one warm-up)."""
    fn(0)
    times = []
    for i in range(runs):
        t = time.perf_counter()
        fn(i)
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1]


def _queries(path: Path) -> None:
    """Time the four corpus queries (and a stemmed search) on the store at `path`."""
    day0 = dt.date(2023, 1, 1)
    with Store(path, readonly=True) as store:
        c = store.connection
        names = [last for _, last in SPEAKERS]
        late = (day0 + dt.timedelta(days=300)).isoformat()
        # Search words of the generated vocabulary, from frequent (rank 100) to rare (rank 20,000).
        vocab = TextGenerator(1).words
        probes = [vocab[r] for r in (100, 1000, 5000, 20_000)]
        timings = {
            "quotes --speaker NAME --since DATE": _time(
                lambda i: queries.quotes(c, speaker=names[i % len(names)], since=late)),
            "events --actor X --recipient Y --type T": _time(
                lambda i: queries.events(c, actor=COUNTRIES[i % 10], recipient=COUNTRIES[(i + 1) % 10],
                                         type=TYPES[i % len(TYPES)])),
            "actors": _time(lambda i: queries.actors(c)),
            "outlets": _time(lambda i: queries.outlets(c)),
            "search (stemmed) WORD, limit 20": _time(lambda i: queries.search(c, probes[i % len(probes)])),
        }
    for name, (median, p95) in timings.items():
        print(f"query {name:<42} median {median:7.2f} ms   p95 {p95:7.2f} ms")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="bench/corpus.py", description=__doc__)
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--dup-rate", type=float, default=0.2)
    ap.add_argument("--workers", type=int, default=0, help="build (read + clean) in this many processes; 0: inline")
    ap.add_argument("--keep", type=Path, help="write the store here instead of a temporary folder")
    ap.add_argument("--queries-only", type=Path, metavar="DB", help="only time the queries on an existing store")
    args = ap.parse_args(argv)
    if args.queries_only:
        _queries(args.queries_only)
        return 0

    rng = random.Random(42)
    quotes = [s for s in generated_sentences(3000, seed=9)]
    pipe = Pipeline(("outlet",))
    day0 = dt.date(2023, 1, 1)
    with tempfile.TemporaryDirectory() as tmp:
        path = args.keep or Path(tmp) / "bench.db"
        copies = 0
        with Store(path) as store, store.batch():
            start = time.perf_counter()
            originals: list[Article] = []
            t_gen = t_add = t_main = c_add = 0.0
            c_start = time.process_time()
            flags: dict[str, bool] = {}

            def raws():  # noqa: ANN202 - generated documents; the copy flag is kept aside by origin
                nonlocal t_gen
                t = time.perf_counter()
                for i, (title, text, is_copy) in enumerate(stream(args.n, args.dup_rate, seed=1)):
                    day = (day0 + dt.timedelta(days=i * 365 // max(args.n, 1))).isoformat()
                    flags[f"gen:{i}"] = is_copy
                    doc = RawDocument(origin=f"gen:{i}", text=text, title=f"{title} {i}", published=day,
                                      url=f"https://{rng.choice(OUTLETS)}/{i}")
                    t_gen += time.perf_counter() - t
                    yield doc
                    t = time.perf_counter()

            for raw, built in build_documents(raws(), workers=args.workers):
                t0 = time.perf_counter()
                assert isinstance(raw, RawDocument) and isinstance(built, Article), built
                article = pipe(built)
                article = article.replace(outlet=Outlet(name=None, domain=raw.url.split("/")[2]))
                if flags.pop(raw.origin) and originals:
                    # A copy carries what its original carried: same speaker, quote and event.
                    base = rng.choice(originals[-500:])
                    article = article.replace(actors=base.actors, statements=base.statements, events=base.events)
                    copies += 1
                else:
                    article = _extract(article, rng, quotes)
                    originals.append(article)
                    if len(originals) > 2000:
                        del originals[:1000]
                t1, c1 = time.perf_counter(), time.process_time()
                store.add(article)
                t_add += time.perf_counter() - t1
                c_add += time.process_time() - c1
                t_main += t1 - t0
            store.commit()
            elapsed = time.perf_counter() - start
            cpu = time.process_time() - c_start
            conn = store.connection
            counts = queries.corpus_counts(conn)
        rate = args.n / elapsed
        size = sum(p.stat().st_size for p in path.parent.glob(path.name + "*"))
        print(f"ingest+dedup+stories: {args.n} articles in {elapsed:.1f} s = {rate:,.0f} articles/s")
        print(f"  CPU time of this process: {cpu:.1f} s = {args.n / cpu:,.0f} articles per CPU second; "
              f"Store.add {c_add / args.n * 1000:.2f} ms CPU per article")
        print(f"  of which Store.add (store + dedup + stories, batched commits): {t_add:.1f} s, "
              f"outlet + synthetic extraction: {t_main:.1f} s, generating text: {t_gen:.1f} s, "
              f"build_article (read + clean; {args.workers or 'no'} worker processes) and waiting for it: "
              f"{elapsed - t_add - t_main - t_gen:.1f} s")
        print(f"generated copies: {copies}; found duplicates: {counts['duplicates']}; "
              f"event clusters {counts['event_clusters']}, statement clusters {counts['statement_clusters']}")
        print(f"store: {size / 1e6:.1f} MB = {size / 1e3 / (args.n / 1000):,.0f} kB per 1,000 articles")

        _queries(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
