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
        """Clean and analyse documents; errors are yielded in place, never raised."""
        from .ingest.build import build_article

        for doc in docs:
            if isinstance(doc, KiebitzError):
                yield doc
                continue
            try:
                article = build_article(doc, published=published, language=language)
                yield self(article)
            except KiebitzError as exc:
                yield exc
