"""Read, clean, analyse and store: the loop behind `kiebitz ingest`.

An article already in the store is recognised right after cleaning (its id is a content hash),
before the costly pipeline components run, so a rerun of an interrupted ingest is fast.
"""

from __future__ import annotations

import functools
import gc
import itertools
import multiprocessing
import os
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from ..corpus.indexer import Prepared, prepare
from ..errors import KiebitzError, PipelineError
from ..model import Article, RawDocument
from .db import Store
from .rows import article_row

Status = Literal["new", "stored", "failed"]


@dataclass(frozen=True)
class Outcome:
    """What happened to one input document."""

    status: Status  # new: stored now; stored: was already there; failed: see error
    article: Article | None = None
    error: KiebitzError | None = None


@dataclass
class IngestSummary:
    """Running totals of an ingest."""

    new: int = 0
    stored: int = 0
    failed: int = 0
    statements: int = 0  # in newly stored articles
    events: int = 0
    errors: list[KiebitzError] = field(default_factory=list)

    def add(self, outcome: Outcome) -> None:
        """Count one outcome."""
        if outcome.status == "failed":
            self.failed += 1
            if outcome.error is not None:
                self.errors.append(outcome.error)
        elif outcome.status == "stored":
            self.stored += 1
        else:
            self.new += 1
            if outcome.article is not None:
                self.statements += len(outcome.article.statements)
                self.events += len(outcome.article.events)

    @property
    def total(self) -> int:
        return self.new + self.stored + self.failed

    def line(self) -> str:
        """One human-readable summary line."""
        return (
            f"{self.total} documents: {self.new} new, {self.stored} already stored, {self.failed} failed; "
            f"{self.statements} statements, {self.events} events in the new articles"
        )


def _unexpected(origin: str, step: str, exc: Exception) -> KiebitzError:
    """Wrap a bug-level exception so that one bad document never stops the batch."""
    return PipelineError(origin, step, f"{type(exc).__name__}: {exc}")


Built = Article | KiebitzError


def _freeze(exc: KiebitzError) -> tuple[type, tuple, dict]:
    """An exception as plain parts: kiebitz errors take keyword-style arguments that pickle would lose."""
    return type(exc), exc.args, dict(vars(exc))


def _thaw(parts: tuple[type, tuple, dict]) -> KiebitzError:
    cls, args, attrs = parts
    exc = cls.__new__(cls)
    exc.args = args
    vars(exc).update(attrs)
    return exc


# Pipeline components that may run where documents are built (worker processes), before the
# writer asks "already stored?": they are cheap, load no models and depend on the article alone,
# so redoing them for a stored article on a rerun costs about as little as the build itself. The
# writer's share per article shrinks by their cost (the outlet component: ~0.4 ms at 100,000
# articles; docs/corpus.md). Costly components (nlp and after) stay in the writer, after the check.
BUILD_COMPONENTS = frozenset({"outlet", "language"})


def split_pipeline(names: Sequence[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(the leading components that run where documents are built, the rest, run by the writer)."""
    k = 0
    while k < len(names) and names[k] in BUILD_COMPONENTS:
        k += 1
    return tuple(names[:k]), tuple(names[k:])


@functools.lru_cache(maxsize=4)
def _pipeline(names: tuple[str, ...]):  # noqa: ANN202 - a Pipeline (imported lazily)
    """The build step's pipeline, made once per process."""
    from ..pipeline import Pipeline

    return Pipeline(names)


# A caller's own step for each built document, run where documents are built (after the build
# step's components, before preparing): `finish(document, article) -> article`. A module-level
# function (worker processes receive it pickled, by name).
Finish = Callable[[RawDocument, Article], Article]


def _build_one(doc: RawDocument, published: str | None, language: str | None,
               pipeline: tuple[str, ...] = (), finish: Finish | None = None,
               rows: bool = False) -> tuple[Built, Prepared | None]:
    """Build one document, run the build step's components, and prepare its index data (None if that fails).

    `rows`: also make the article's `articles` row (`kiebitz.store.rows.article_row`: its record
    JSON), for a writer that stores the article as built.
    """
    from ..ingest.build import build_article

    try:
        article = build_article(doc, published=published, language=language)
        if pipeline:
            article = _pipeline(pipeline)(article)
        if finish is not None:
            article = finish(doc, article)
    except KiebitzError as exc:
        return exc, None
    except Exception as exc:  # reported per document; the batch goes on
        return _unexpected(doc.origin, "ingest", exc), None
    try:
        prepared = prepare(article)
        if rows:
            prepared = Prepared(prepared.title, prepared.text, prepared.signature, prepared.keys,
                                article_row(article), article)
        return article, prepared
    except Exception:  # the writer computes it again and reports what fails there
        return article, None


def _worker_start() -> None:
    """In a new build process: exempt everything inherited from the writer from garbage collection.

    A forked worker starts with a copy of the writer's heap (the indexes, and in the benchmark the
    whole input); without this every full collection in the worker walks all of it (and touches
    each page, which copy-on-write then duplicates). Python's documented recipe for fork (gc.freeze).
    """
    gc.freeze()


def _build_chunk(chunk: list[RawDocument], published: str | None, language: str | None,
                 pipeline: tuple[str, ...] = (), finish: Finish | None = None, rows: bool = False) -> list:
    """Build a chunk of documents in a worker process; errors come back as plain parts."""
    out: list = []
    for doc in chunk:
        built, prepared = _build_one(doc, published, language, pipeline, finish, rows)
        out.append(("error", _freeze(built), None) if isinstance(built, KiebitzError) else ("ok", built, prepared))
    return out


# Bulk ingest commits this many articles (or this many seconds' worth) per transaction. Large
# batches matter as the store grows: ids are content hashes, so a batch's rows land on random
# pages of every index, and a commit writes each page it touched once; with 500 articles per batch
# a 10,000-article store spent twice as long committing as with 5,000 (docs/corpus.md), and at
# 100,000 a 5,000-article batch already touches most pages of those indexes, so more articles per
# commit write about as many pages; 20,000 per batch halved the 100k benchmark's throughput on the
# quiet machine (docs/corpus.md: the writer's pages no longer fit its cache). The time bound is what a crash can cost: at most the open
# batch, ≤ 10 s of work (not marked as stored, so the next run stores it again).
BATCH_SIZE = 5000
BATCH_SECONDS = 10.0

# Documents per task sent to a build process. Each task costs the writer's process (its pool threads
# send the documents and receive the results) a fixed share beside the per-document pickling: with
# 32 per task the writer spent ~0.13 ms CPU per article on it, with 128 ~0.09 ms (docs/corpus.md,
# corpus12). Read ahead: at most 4 tasks per process.
CHUNK = 128

# With `workers=None`: documents built in the writer's process before worker processes start.
AUTO_INLINE = 200


def auto_workers() -> int:
    """Build processes for a large ingest: one per core beyond the writer's, at most 4 (0 on one core)."""
    return max(0, min(4, (os.cpu_count() or 1) - 1))


def _inline(docs: Iterable[RawDocument | KiebitzError], published: str | None, language: str | None,
            pipeline: tuple[str, ...], finish: Finish | None = None,
            rows: bool = False) -> Iterator[tuple[RawDocument | KiebitzError, Built, Prepared | None]]:
    for doc in docs:
        if isinstance(doc, KiebitzError):
            yield doc, doc, None
        else:
            yield doc, *_build_one(doc, published, language, pipeline, finish, rows)


def build_documents(
    docs: Iterable[RawDocument | KiebitzError],
    *,
    published: str | None = None,
    language: str | None = None,
    workers: int | None = 0,
    chunk: int = CHUNK,
    pipeline: Sequence[str] = (),
    finish: Finish | None = None,
    rows: bool = False,
) -> Iterator[tuple[RawDocument | KiebitzError, Built, Prepared | None]]:
    """(document, built article or error, prepared index data) for each document, in input order.

    Building reads and cleans a document and runs the `pipeline` components on it (meant for
    `BUILD_COMPONENTS`: cheap, no models; a failing one makes the document's error); preparing computes what the corpus index needs of the
    text alone (`kiebitz.corpus.indexer.prepare`: MinHash signature, LSH band keys, stems), so
    that the writer (`Store.add(article, prepared)`) only looks up and writes. `workers` > 0 does
    both in that many processes (the caller stays the only writer); at most a few chunks per
    worker are read ahead, so memory stays bounded. `workers=None` chooses: the first
    `AUTO_INLINE` documents are built in this process (a small input never starts processes),
    the rest by `auto_workers()` processes (none on a single core). `finish(document, article)`:
    the caller's own step for each article, after the components (a module-level function).
    `rows`: also make each article's `articles` row with its record JSON (`Prepared.row`), which
    `Store.add` uses when it stores that very article (a writer that runs no components of its own).
    """
    docs = iter(docs)
    pipeline = tuple(pipeline)
    if workers is None:
        yield from _inline(itertools.islice(docs, AUTO_INLINE), published, language, pipeline, finish, rows)
        workers = auto_workers()
    if workers <= 0:
        yield from _inline(docs, published, language, pipeline, finish, rows)
        return
    first = next(docs, None)  # no processes for nothing
    if first is None:
        return
    docs = itertools.chain([first], docs)
    method = "fork" if sys.platform.startswith("linux") else "spawn"
    extra = (published, language, pipeline, finish, rows)  # `_build_chunk`'s arguments after the chunk
    pending: deque = deque()  # (documents, async result or None for a pass-through error)
    buf: list[RawDocument] = []

    def ready() -> Iterator[tuple[RawDocument | KiebitzError, Built, Prepared | None]]:
        items, result = pending.popleft()
        if result is None:
            yield items[0], items[0], None
            return
        for doc, (kind, value, prepared) in zip(items, result.get(), strict=True):
            yield doc, (_thaw(value) if kind == "error" else value), prepared

    with multiprocessing.get_context(method).Pool(workers, initializer=_worker_start) as pool:
        for doc in docs:
            if isinstance(doc, KiebitzError):
                if buf:
                    pending.append((buf, pool.apply_async(_build_chunk, (buf, *extra))))
                    buf = []
                pending.append(([doc], None))
            else:
                buf.append(doc)
                if len(buf) >= chunk:
                    pending.append((buf, pool.apply_async(_build_chunk, (buf, *extra))))
                    buf = []
            while len(pending) > 4 * workers:
                yield from ready()
        if buf:
            pending.append((buf, pool.apply_async(_build_chunk, (buf, *extra))))
        while pending:
            yield from ready()


def ingest_documents(
    docs: Iterable[RawDocument | KiebitzError],
    store: Store,
    *,
    published: str | None = None,
    language: str | None = None,
    pipeline: Sequence[str] | None = None,
    batch_size: int = BATCH_SIZE,
    batch_seconds: float = BATCH_SECONDS,
    workers: int | None = 0,
) -> Iterator[Outcome]:
    """Clean, analyse and store documents one by one; errors come out as outcomes, never raised.

    Articles are committed in batches (`Store.batch`: up to `batch_size` articles or
    `batch_seconds` seconds per transaction, each article all or nothing). `workers` > 0 (or
    None: automatic) reads, cleans and prepares in worker processes (`build_documents`; documents
    are then read ahead, so callers that track the current document, like the feed and WARC
    crawlers, keep 0).
    """
    from ..pipeline import Pipeline

    # The cheap leading components run where documents are built (in the workers, off the writer);
    # the rest after the "already stored?" check, so a rerun does not redo them.
    early, rest = split_pipeline(Pipeline(None if pipeline is None else tuple(pipeline)).names)
    pipe = Pipeline(rest)
    # With no components left for the writer it stores the articles as built: their rows (record
    # JSON) are made where they are built, too.
    built = build_documents(docs, published=published, language=language, workers=workers, pipeline=early,
                            rows=not rest)
    # Many articles per transaction: a kill loses at most the open batch, which the rerun stores
    # again, since it skips only committed ids.
    with store.batch(size=batch_size, seconds=batch_seconds):
        for doc, article, prepared in built:
            if isinstance(article, KiebitzError):
                yield Outcome("failed", error=article)
                continue
            try:
                if store.has(article.id):
                    yield Outcome("stored", article=article)
                    continue
                article = pipe(article)
                new = store.add(article, prepared)
            except KiebitzError as exc:
                yield Outcome("failed", error=exc)
                continue
            except Exception as exc:  # reported per document; the batch goes on
                origin = doc.origin if isinstance(doc, RawDocument) else str(doc)
                yield Outcome("failed", error=_unexpected(origin, "ingest", exc))
                continue
            yield Outcome("new" if new else "stored", article=article)


def ingest(
    paths: Iterable[str | Path],
    store: Store,
    *,
    published: str | None = None,
    language: str | None = None,
    pipeline: Sequence[str] | None = None,
    workers: int | None = None,
) -> Iterator[Outcome]:
    """Read files, folders or "-" (stdin) and store every article; one Outcome per document.

    `workers=None` (the default, what `kiebitz ingest` does): after the first documents, reading,
    cleaning and preparing run in `auto_workers()` processes while this process writes.
    """
    from ..ingest.readers import read_paths

    yield from ingest_documents(
        read_paths(paths), store, published=published, language=language, pipeline=pipeline, workers=workers
    )
