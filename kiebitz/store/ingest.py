"""Read, clean, analyse and store: the loop behind `kiebitz ingest`.

An article already in the store is recognised right after cleaning (its id is a content hash),
before the costly pipeline components run, so a rerun of an interrupted ingest is fast.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from ..errors import KiebitzError, PipelineError
from ..model import Article, RawDocument
from .db import Store

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


def ingest_documents(
    docs: Iterable[RawDocument | KiebitzError],
    store: Store,
    *,
    published: str | None = None,
    language: str | None = None,
    pipeline: Sequence[str] | None = None,
    batch_size: int = 500,
    batch_seconds: float = 1.0,
) -> Iterator[Outcome]:
    """Clean, analyse and store documents one by one; errors come out as outcomes, never raised.

    Articles are committed in batches (`Store.batch`: up to `batch_size` articles or
    `batch_seconds` seconds per transaction, each article in its own savepoint).
    """
    from ..ingest.build import build_article
    from ..pipeline import Pipeline

    pipe = Pipeline(None if pipeline is None else tuple(pipeline))
    # Many articles per transaction (a savepoint each): a kill loses at most the open batch,
    # which the rerun stores again, since it skips only committed ids.
    with store.batch(size=batch_size, seconds=batch_seconds):
        for doc in docs:
            if isinstance(doc, KiebitzError):
                yield Outcome("failed", error=doc)
                continue
            try:
                article = build_article(doc, published=published, language=language)
                if store.has(article.id):
                    yield Outcome("stored", article=article)
                    continue
                article = pipe(article)
                new = store.add(article)
            except KiebitzError as exc:
                yield Outcome("failed", error=exc)
                continue
            except Exception as exc:  # reported per document; the batch goes on
                yield Outcome("failed", error=_unexpected(doc.origin, "ingest", exc))
                continue
            yield Outcome("new" if new else "stored", article=article)


def ingest(
    paths: Iterable[str | Path],
    store: Store,
    *,
    published: str | None = None,
    language: str | None = None,
    pipeline: Sequence[str] | None = None,
) -> Iterator[Outcome]:
    """Read files, folders or "-" (stdin) and store every article; one Outcome per document."""
    from ..ingest.readers import read_paths

    yield from ingest_documents(
        read_paths(paths), store, published=published, language=language, pipeline=pipeline
    )
