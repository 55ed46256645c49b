"""The pipeline: named components, each a plain callable Article -> Article.

A component registers itself next to its code with ``@component("name")``; the pipeline imports
the module that declares a name only when that name is used, so ``kiebitz.ingest`` never pays for
loading language models.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Iterator, Sequence

from .errors import InputError, KiebitzError, PipelineError
from .model import Article, RawDocument

Component = Callable[[Article], Article]

_REGISTRY: dict[str, Component] = {}

# Where each component is declared (imported lazily on first use).
_MODULES: dict[str, str] = {
    "outlet": "kiebitz.ingest.outlets",
    "language": "kiebitz.ingest.language",
    "nlp": "kiebitz.nlp.components",
    "entities": "kiebitz.nlp.components",
    "actors": "kiebitz.extract.actors",
    "statements": "kiebitz.extract.statements",
    "events": "kiebitz.extract.events",
}

# The default order: cleaning happens while building the Article from a RawDocument.
DEFAULT_PIPELINE: tuple[str, ...] = (
    "outlet", "language", "nlp", "entities", "actors", "statements", "events",
)

BATCH = 16  # articles per chunk in Pipeline.process (batched language analysis)


def component(name: str) -> Callable[[Component], Component]:
    """Register a pipeline component under `name` (like spaCy's @Language.component)."""

    def register(func: Component) -> Component:
        _REGISTRY[name] = func
        return func

    return register


def declare(name: str, module: str, *, default: bool = True) -> None:
    """Tell the pipeline which module declares `name`; used by plug-ins."""
    global DEFAULT_PIPELINE
    _MODULES[name] = module
    if default and name not in DEFAULT_PIPELINE:
        DEFAULT_PIPELINE = (*DEFAULT_PIPELINE, name)


def get_component(name: str) -> Component:
    """Return the component registered as `name`, importing its module if needed."""
    if name not in _REGISTRY and name in _MODULES:
        importlib.import_module(_MODULES[name])
    try:
        return _REGISTRY[name]
    except KeyError:
        raise KiebitzError(f"unknown pipeline component: {name!r}") from None


class Pipeline:
    """Runs components in order over articles."""

    def __init__(self, names: Sequence[str] | None = None) -> None:
        self.names = tuple(DEFAULT_PIPELINE if names is None else names)
        self.components = [(n, get_component(n)) for n in self.names]

    def __call__(self, article: Article) -> Article:
        for name, func in self.components:
            try:
                article = func(article)
            except KiebitzError:
                raise
            except Exception as exc:  # one bad article must not stop a batch
                origin = article.source.path or article.source.url or article.id
                raise PipelineError(origin, name, f"{type(exc).__name__}: {exc}") from exc
        return article

    def process(
        self,
        docs: Iterable[RawDocument | InputError],
        *,
        published: str | None = None,
        language: str | None = None,
    ) -> Iterator[Article | KiebitzError]:
        """Clean and analyse documents; errors are yielded in place, never raised.

        Documents go through the components in chunks of `BATCH` (order kept), so that components with
        a ``batch`` attribute (the language pipelines: spaCy's ``nlp.pipe``) analyse many at once.
        """
        from .ingest.build import build_article

        chunk: list[Article | KiebitzError] = []
        for doc in docs:
            if isinstance(doc, KiebitzError):
                chunk.append(doc)
            else:
                try:
                    chunk.append(build_article(doc, published=published, language=language))
                except KiebitzError as exc:
                    chunk.append(exc)
            if len(chunk) >= BATCH:
                yield from self.run_many(chunk)
                chunk = []
        yield from self.run_many(chunk)

    def run_many(self, items: Sequence[Article | KiebitzError]) -> list[Article | KiebitzError]:
        """Run the components over many articles (errors pass through and come out in place).

        A component with a ``batch`` attribute (list of articles -> list of articles) gets all live
        articles at once; if that call fails, it runs article by article so the error lands on its article.
        """
        out: list[Article | KiebitzError] = list(items)
        for name, func in self.components:
            live = [k for k, item in enumerate(out) if isinstance(item, Article)]
            batch = getattr(func, "batch", None)
            if batch is not None and len(live) > 1:
                try:
                    for k, article in zip(live, batch([out[k] for k in live]), strict=True):
                        out[k] = article
                    continue
                except Exception:  # noqa: BLE001, S110 - redone one by one below, with per-article errors
                    pass
            for k in live:
                out[k] = self._run_one(name, func, out[k])  # type: ignore[arg-type]
        return out

    @staticmethod
    def _run_one(name: str, func: Component, article: Article) -> Article | KiebitzError:
        """One component on one article; an error becomes a KiebitzError in its place."""
        try:
            return func(article)
        except KiebitzError as exc:
            return exc
        except Exception as exc:  # one bad article must not stop a batch
            origin = article.source.path or article.source.url or article.id
            return PipelineError(origin, name, f"{type(exc).__name__}: {exc}")
