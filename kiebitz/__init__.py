"""kiebitz: who said what, and who did what to whom, when and where, in German and English news."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from .errors import KiebitzError
from .model import Article

__version__ = "0.1.0"
__all__ = ["Article", "KiebitzError", "analyze", "analyze_text", "iter_analyze"]


def iter_analyze(
    paths: Iterable[str | Path],
    *,
    published: str | None = None,
    language: str | None = None,
    pipeline: Iterable[str] | None = None,
) -> Iterator[Article | KiebitzError]:
    """Read, clean and analyse files/folders ("-" is standard input); errors are yielded in place."""
    from .ingest.readers import read_paths
    from .pipeline import Pipeline

    pipe = Pipeline(None if pipeline is None else tuple(pipeline))
    yield from pipe.process(read_paths(paths), published=published, language=language)


def analyze(
    paths: Iterable[str | Path] | str | Path,
    *,
    published: str | None = None,
    language: str | None = None,
) -> list[Article]:
    """Analyse files or folders and return the articles; raises the first error if any."""
    if isinstance(paths, (str, Path)):
        paths = [paths]
    out: list[Article] = []
    for item in iter_analyze(paths, published=published, language=language):
        if isinstance(item, KiebitzError):
            raise item
        out.append(item)
    return out


def analyze_text(
    text: str,
    *,
    title: str | None = None,
    url: str | None = None,
    published: str | None = None,
    language: str | None = None,
) -> Article:
    """Analyse one article given as a string."""
    from .model import RawDocument
    from .pipeline import Pipeline

    raw = RawDocument(origin="<text>", text=text, title=title, url=url)
    result = next(Pipeline().process([raw], published=published, language=language))
    if isinstance(result, KiebitzError):
        raise result
    return result
