"""Benchmark: ingest generated articles (20% near-duplicates) into a store, then time the corpus queries.

    python bench/corpus.py [--n 100000] [--dup-rate 0.2] [--keep FILE]

Articles are generated text (kiebitz.corpus.variants.stream: copies are reposts with boilerplate,
edited, syndicated or shortened versions of earlier articles), built with `build_article` and the
pipeline ("outlet",) (no NLP), then given synthetic actors, one statement and one event each (a
copy keeps its original's, as an extractor would find the same), so that clustering, the totals
and the four queries work on realistic tables; since corpus12 that extraction (`finish`) runs where
documents are built (the build worker processes), with the articles' rows (`rows=True`), and the
writer stores the articles as built (`--extract-in-writer`: the extraction in the writer, as before). Reports articles/second for build + store + dedup
+ stories, how many copies were found, the median and 95th percentile latency of each query, and
the store size per 1,000 articles.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import os
import random
import resource
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from kiebitz.corpus import queries
from kiebitz.corpus.stories_eval import COUNTRIES, SPEAKERS, TYPES
from kiebitz.corpus.variants import TextGenerator, generated_sentences, stream
from kiebitz.model import Actor, Article, Event, Evidence, Outlet, RawDocument, Statement
from kiebitz.store import Store

OUTLETS = [f"news{i}.example" for i in range(200)]


@dataclass(frozen=True)
class Extraction:
    """What the extractors would find in one article: a speaker, a quote, an event between two countries."""

    first: str
    last: str
    src: str
    tgt: str
    quote: str
    type: str


def _extract(article: Article, x: Extraction) -> Article:
    """The synthetic actors, statement and event of `x` added to an article (the quote is in its text)."""
    start = article.text.rfind(x.quote)
    text = article.text
    if start < 0:  # cleaning changed the quote's line: append it, as the extractors' offsets need it
        text = article.text + " " + x.quote
        start = len(article.text) + 1
    end = start + len(x.quote)
    return article.replace(
        text=text,
        actors=(Actor("a1", f"{x.first} {x.last}", "person", country=x.src, code=x.src + "GOV"),
                Actor("a2", x.src, "state", country=x.src, code=x.src), Actor("a3", x.tgt, "state", country=x.tgt,
                                                                                code=x.tgt)),
        statements=(Statement("s1", "direct", x.quote, start, end, speaker="a1", speaker_text=x.last),),
        events=(Event("e1", x.type, None, ("a2",), ("a3",), "asserted", Evidence(start, end)),),
    )


# origin -> what the extractors would find in that document: filled before the build processes
# start (they are forked, so they have it), read by `finish` where the documents are built.
_FOUND: dict[str, Extraction] = {}


def finish(raw: RawDocument, article: Article) -> Article:
    """The benchmark's stand-in for the extractors, where documents are built (`build_documents(finish=...)`).

    The outlet by the URL's domain, then the synthetic actors, statement and event of `_FOUND`.
    Extraction (the NLP components) never needs the store, so it runs before the writer: the
    writer stores the articles as built, and `kiebitz ingest` does the same with every component
    it runs in the build step (`kiebitz.store.ingest.BUILD_COMPONENTS`).
    """
    return _extract(finish_outlet(raw, article), _FOUND[raw.origin])


def finish_outlet(raw: RawDocument, article: Article) -> Article:
    """`--no-extract`: only the outlet by the URL's domain (no items, so no stories): ingest + dedup alone."""
    return article.replace(outlet=Outlet(name=None, domain=(raw.url or "").split("/")[2]))


def building(docs: list[RawDocument], found: list[Extraction], workers: int | None,
             in_writer: bool = False, step: Callable[[RawDocument, Article], Article] | None = None,
             ) -> tuple[Iterator, bool]:
    """(the build step's results for `docs`, whether the writer must still run `finish`).

    `finish` runs where documents are built, and their rows are made there (`rows=True`), unless
    `in_writer` or the kiebitz tree measured is older than `build_documents(finish=...)` (then the
    writer runs it, as before 2026-11-30: corpus12).
    """
    from kiebitz.store.ingest import build_documents

    _FOUND.update((d.origin, x) for d, x in zip(docs, found, strict=True))
    if not in_writer:
        try:
            return build_documents(docs, workers=workers, pipeline=("outlet",), finish=step or finish,
                                   rows=True), False
        except TypeError:  # an older tree
            pass
    return build_documents(docs, workers=workers, pipeline=("outlet",)), True


def generate(n: int, dup_rate: float, days: int = 365) -> tuple[list[RawDocument], list[Extraction], list[bool]]:
    """The benchmark's input: `n` documents with what the extractors would find in each, and copy flags.

    An original gets a speaker, a quote (appended to its text, where an extractor would find it) and
    an event drawn from small pools; a copy carries what one of the 500 latest originals carried
    (the same speaker, quote and event), as extractors would find the same in a copy. The dates
    spread over `days` days in order.
    """
    rng = random.Random(42)
    quotes = generated_sentences(3000, seed=9)
    day0 = dt.date(2023, 1, 1)
    docs: list[RawDocument] = []
    found: list[Extraction] = []
    flags: list[bool] = []
    originals: list[Extraction] = []
    for i, (title, text, is_copy) in enumerate(stream(n, dup_rate, seed=1)):
        day = (day0 + dt.timedelta(days=i * days // max(n, 1))).isoformat()
        if is_copy and originals:
            x = rng.choice(originals[-500:])
            text = text + " " + x.quote
        else:
            first, last = rng.choice(SPEAKERS)
            src, tgt = rng.sample(COUNTRIES, 2)
            x = Extraction(first, last, src, tgt, rng.choice(quotes), rng.choice(TYPES))
            originals.append(x)
            if len(originals) > 2000:
                del originals[:1000]
            text = text + " " + x.quote
        docs.append(RawDocument(origin=f"gen:{i}", text=text, title=f"{title} {i}", published=day,
                                url=f"https://{rng.choice(OUTLETS)}/{i}"))
        found.append(x)
        flags.append(is_copy)
    return docs, found, flags


def _workers(n: int | None) -> str:
    from kiebitz.store.ingest import auto_workers

    if n is None:
        return f"automatic: {auto_workers()} worker processes after the first documents"
    return f"{n} worker processes" if n else "inline, no worker processes"


def _children_cpu() -> float:
    """User + system CPU seconds of ended child processes (the build workers, once their pool is closed)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


class GcClock:
    """Collections of Python's cyclic garbage collector in this process and their wall time, by generation."""

    def __init__(self) -> None:
        self.count = [0, 0, 0]
        self.seconds = [0.0, 0.0, 0.0]
        self._start = 0.0

    def __call__(self, phase: str, info: dict) -> None:
        if phase == "start":
            self._start = time.perf_counter()
        else:
            self.count[info["generation"]] += 1
            self.seconds[info["generation"]] += time.perf_counter() - self._start

    def line(self) -> str:
        return ", ".join(f"gen{g} {self.count[g]} in {self.seconds[g]:.2f} s" for g in range(3))


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
    # Imported here: generate() and _extract() also serve bench/corpus_cpu.py with older kiebitz trees.
    from kiebitz.store.ingest import BATCH_SECONDS, BATCH_SIZE

    ap = argparse.ArgumentParser(prog="bench/corpus.py", description=__doc__)
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--dup-rate", type=float, default=0.2)
    ap.add_argument("--workers", type=int, default=None,
                    help="build + prepare (read, clean, signature, stems) in this many processes; 0: inline; "
                         "default: as `kiebitz ingest` (kiebitz.store.ingest.auto_workers after the first documents)")
    ap.add_argument("--batch-size", type=int, default=BATCH_SIZE, help="articles per transaction (Store.batch)")
    ap.add_argument("--batch-seconds", type=float, default=BATCH_SECONDS, help="seconds per transaction at most")
    ap.add_argument("--extract-in-writer", action="store_true",
                    help="run the synthetic extraction in the writer's process (as before corpus12), not where "
                         "documents are built")
    ap.add_argument("--no-extract", action="store_true",
                    help="no synthetic actors, statements, events (so no stories): ingest + dedup alone")
    ap.add_argument("--keep", type=Path, help="write the store here instead of a temporary folder")
    ap.add_argument("--queries-only", type=Path, metavar="DB", help="only time the queries on an existing store")
    args = ap.parse_args(argv)
    if args.queries_only:
        _queries(args.queries_only)
        return 0

    t = time.perf_counter()
    docs, found, flags = generate(args.n, args.dup_rate)
    t_gen = time.perf_counter() - t
    load = os.getloadavg()
    with tempfile.TemporaryDirectory() as tmp:
        path = args.keep or Path(tmp) / "bench.db"
        with Store(path) as store, store.batch(size=args.batch_size, seconds=args.batch_seconds):
            start = time.perf_counter()
            t_add = t_main = 0.0
            # CPU clocks only here: per article they cost ~0.5 ms each on the sandboxed machine (a syscall).
            c_start = time.process_time()
            clock = GcClock()
            gc.callbacks.append(clock)
            children_start = _children_cpu()
            # The outlet component and the synthetic extraction run in the build step (the workers), as
            # `kiebitz ingest` runs its build-step components there (`--extract-in-writer`: in this process).
            step = finish_outlet if args.no_extract else finish
            built_docs, in_writer = building(docs, found, args.workers, args.extract_in_writer, step)
            for raw, built, prepared in built_docs:
                t0 = time.perf_counter()
                assert isinstance(raw, RawDocument) and isinstance(built, Article), built
                article = step(raw, built) if in_writer else built
                t1 = time.perf_counter()
                store.add(article, prepared)
                t_add += time.perf_counter() - t1
                t_main += t1 - t0
            store.commit()
            elapsed = time.perf_counter() - start
            cpu = time.process_time() - c_start
            gc.callbacks.remove(clock)
            workers_cpu = _children_cpu() - children_start
            conn = store.connection
            counts = queries.corpus_counts(conn)
        copies = sum(flags)
        rate = args.n / elapsed
        size = sum(p.stat().st_size for p in path.parent.glob(path.name + "*"))
        what = "ingest+dedup" if args.no_extract else "ingest+dedup+stories"
        print(f"{what}: {args.n} articles in {elapsed:.1f} s = {rate:,.0f} articles/s (wall)")
        print(f"  CPU time of this (the writer) process: {cpu:.1f} s = {cpu / args.n * 1000:.2f} ms per article = "
              f"{args.n / cpu:,.0f} articles per CPU second; of the worker processes: {workers_cpu:.1f} s = "
              f"{workers_cpu / args.n * 1000:.2f} ms per article")
        print(f"  load average (1 min) before / after: {load[0]:.1f} / {os.getloadavg()[0]:.1f} "
              f"on {os.cpu_count()} cores")
        print(f"  of which Store.add (store + dedup + stories, batched commits): {t_add:.1f} s, "
              f"synthetic extraction{' (in the writer)' if in_writer else ' (in the build step)'}: {t_main:.1f} s, "
              f"build_article + outlet + prepare (read, clean, outlet, signature, stems; {_workers(args.workers)}) "
              f"and waiting for it: {elapsed - t_add - t_main:.1f} s")
        print(f"  garbage collections in this process while timed: {clock.line()}")
        print(f"  (generating the {args.n} input documents beforehand, not timed above: {t_gen:.1f} s)")
        print(f"generated copies: {copies}; found duplicates: {counts['duplicates']}; "
              f"event clusters {counts['event_clusters']}, statement clusters {counts['statement_clusters']}")
        print(f"store: {size / 1e6:.1f} MB = {size / 1e3 / (args.n / 1000):,.0f} kB per 1,000 articles")

        _queries(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
