"""CPU per article of build + outlet + store on the benchmark's input, inline, for any kiebitz tree.

    .venv/bin/python bench/corpus_cpu.py [--n 3000] [--tree DIR] [--onto STORE] [--writer|--build] [--profile FILE]

Runs the loop of bench/corpus.py (same generated input, same synthetic extraction) in one process
without worker processes, against the kiebitz package in DIR (default: this checkout), so that
older code can be measured the same way, e.g. `git archive ee4aedf kiebitz | tar -x -C /tmp/old`,
then `--tree /tmp/old`. CPU time counts what the machine's other jobs do not: on a shared machine
it compares code better than articles per second. `--onto STORE` copies a store that
bench/corpus.py made (`--keep`) and adds `--n` more articles to the copy, dated after its own
(the generator's input for stored + n articles, of which the last n), to measure the writer at
that size; `--writer` builds and prepares everything before the clock starts, so that only the
writer's share is timed (as with build worker processes; the outlet component runs in the build
step where the tree's ingest runs it there); `--profile FILE` writes a cProfile of
the timed loop. Batches as `kiebitz ingest` makes them (`kiebitz.store.ingest.BATCH_SIZE`) where
the tree has that setting.
"""

from __future__ import annotations

import argparse
import cProfile
import shutil
import sqlite3
import sys
import tempfile
import time
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="bench/corpus_cpu.py", description=__doc__)
    ap.add_argument("--n", type=int, default=3000)
    ap.add_argument("--tree", type=Path, help="a folder holding the kiebitz package to measure")
    ap.add_argument("--days", type=int, default=365, help="the generated dates spread over this many days")
    ap.add_argument("--keep", type=Path, help="write the store here (a new file) instead of a temporary folder")
    ap.add_argument("--onto", type=Path, help="add the articles to a copy of this store (made by bench/corpus.py)")
    ap.add_argument("--profile", type=Path, help="write a cProfile of the timed loop here")
    ap.add_argument("--writer", action="store_true",
                    help="build and prepare every article before the clock starts: time only the writer "
                         "(synthetic extraction + Store.add; older trees: + outlet), as with build worker processes")
    ap.add_argument("--build", action="store_true",
                    help="time only the build workers' share (build_article + outlet + prepare, in this process) "
                         "and print a digest of what they return (the same digest: the same output)")
    ap.add_argument("--extract-in-writer", action="store_true",
                    help="the synthetic extraction in the timed writer loop (as before corpus12; older trees always)")
    ap.add_argument("--batch-size", type=int, help="articles per transaction (default: the tree's ingest setting)")
    ap.add_argument("--batch-seconds", type=float, help="seconds per transaction at most (default: the tree's)")
    args = ap.parse_args(argv)
    if args.tree:
        sys.path.insert(0, str(args.tree.resolve()))
    sys.path.insert(1, str(Path(__file__).resolve().parent))
    import corpus as bench  # bench/corpus.py: generate() and _extract()

    import kiebitz
    from kiebitz.model import Outlet
    from kiebitz.pipeline import Pipeline
    from kiebitz.store import Store
    from kiebitz.store.ingest import build_documents

    stored = 0
    if args.onto:
        with sqlite3.connect(args.onto) as conn:
            stored = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    docs, found, _ = bench.generate(stored + args.n, 0.2, args.days)
    docs, found = docs[stored:], found[stored:]
    pipe = Pipeline(("outlet",))
    # The ingest's batch settings where the tree has them (older trees: the Store.batch defaults).
    try:
        from kiebitz.store.ingest import BATCH_SECONDS, BATCH_SIZE
        batch = {"size": BATCH_SIZE, "seconds": BATCH_SECONDS}
    except ImportError:
        batch = {}
    if args.batch_size:
        batch["size"] = args.batch_size
    if args.batch_seconds:
        batch["seconds"] = args.batch_seconds
    if args.build:
        return _build_only(docs, found, build_documents, bench, args.extract_in_writer, args.profile)
    index = {d.origin: i for i, d in enumerate(docs)}
    with tempfile.TemporaryDirectory() as tmp:
        path = args.keep or Path(tmp) / "cpu.db"
        if args.onto:
            shutil.copyfile(args.onto, path)
        Store(path).close()  # imports and the dedup parameters, not timed
        # The outlet component and the synthetic extraction run where documents are built, as
        # bench/corpus.py runs them (in the build workers), where the tree can (`--extract-in-writer`
        # and older trees: the extraction in the writer; the oldest: the outlet component too).
        in_writer = True
        try:
            build_documents([], pipeline=("outlet",))
            early, pipe = {"pipeline": ("outlet",)}, Pipeline(())
            if not args.extract_in_writer:
                build_documents([], finish=bench.finish, rows=True)
                early, in_writer = {**early, "finish": bench.finish, "rows": True}, False
        except TypeError:
            pass
        bench._FOUND.update((d.origin, x) for d, x in zip(docs, found, strict=True))
        built = list(build_documents(docs, workers=0, **early)) if args.writer else None
        prof = cProfile.Profile(time.process_time) if args.profile else None  # CPU time: the load does not count
        wall, cpu = time.perf_counter(), time.process_time()
        if prof:
            prof.enable()
        with Store(path) as store, store.batch(**batch):
            for item in built if built is not None else build_documents(docs, workers=0, **early):
                raw, article = item[0], item[1]
                if in_writer:
                    article = pipe(article).replace(outlet=Outlet(name=None, domain=raw.url.split("/")[2]))
                    article = bench._extract(article, found[index[raw.origin]])
                store.add(article, *item[2:])  # older trees yield no prepared data
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        if prof:
            prof.disable()
            prof.dump_stats(args.profile)
    onto = f" onto {stored:,} stored" if args.onto else ""
    what = "writer only (built beforehand)" if args.writer else "inline"
    print(f"{Path(kiebitz.__file__).parent}: {args.n} articles{onto} {what}, CPU {cpu / args.n * 1000:.2f} ms per "
          f"article ({args.n / cpu:,.0f} per CPU second), wall {args.n / wall:,.0f} articles/s")
    return 0


def _build_only(docs: list, found: list, build_documents, bench, in_writer: bool,  # noqa: ANN001
                profile: Path | None = None) -> int:
    """The build step alone, as a worker process runs it, with a digest of its results.

    Where the tree can (and not `in_writer`): with the synthetic extraction and the articles' rows,
    as bench/corpus.py builds them. `profile`: a CPU-time cProfile of the timed build written there.
    The digest covers the built article, the band keys, the exact hash, the MinHash values and the row.
    """
    import hashlib
    import pickle

    import kiebitz

    bench._FOUND.update((d.origin, x) for d, x in zip(docs, found, strict=True))
    extra: dict = {}
    if not in_writer:
        try:
            build_documents([], finish=bench.finish, rows=True)
            extra = {"finish": bench.finish, "rows": True}
        except TypeError:
            pass
    list(build_documents(docs[:100], workers=0, pipeline=("outlet",), **extra))  # imports, tables, registry
    prof = cProfile.Profile(time.process_time) if profile else None
    cpu = time.process_time()
    if prof:
        prof.enable()
    out = list(build_documents(docs, workers=0, pipeline=("outlet",), **extra))
    cpu = time.process_time() - cpu
    if prof:
        prof.disable()
        prof.dump_stats(profile)
    digest, full = hashlib.sha256(), hashlib.sha256()
    for _raw, built, prepared in out:
        digest.update(pickle.dumps((built.to_dict(), prepared.keys, prepared.signature.exact)))
        full.update(pickle.dumps((built.to_dict(), prepared.keys, prepared.signature.exact,
                                  prepared.signature.values.tobytes(), getattr(prepared, "row", None))))
    what = "with the synthetic extraction and rows" if extra else "without the extraction"
    print(f"{Path(kiebitz.__file__).parent}: {len(docs)} articles built (worker's share, {what}), CPU "
          f"{cpu / len(docs) * 1000:.3f} ms per article, digest {digest.hexdigest()[:16]} "
          f"(with MinHash values and rows {full.hexdigest()[:16]})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
