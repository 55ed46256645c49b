"""All kiebitz exceptions. Each message names the input (file, line) and the problem."""

from __future__ import annotations


class KiebitzError(Exception):
    """Base class for every error kiebitz raises on purpose."""


class InputError(KiebitzError):
    """A document could not be read or decoded; names the file and, for JSON Lines, the line."""

    def __init__(self, source: str, problem: str, line: int | None = None) -> None:
        self.source = source
        self.problem = problem
        self.line = line
        where = f"{source}:{line}" if line is not None else source
        super().__init__(f"{where}: {problem}")


class PipelineError(KiebitzError):
    """A pipeline component failed on one article."""

    def __init__(self, source: str, component: str, problem: str) -> None:
        self.source = source
        self.component = component
        self.problem = problem
        super().__init__(f"{source}: {component} failed: {problem}")


class StoreError(KiebitzError):
    """The store could not be opened, migrated or written."""


class ModelError(KiebitzError):
    """A shipped model is missing or cannot be loaded."""


class OptionalDependencyError(KiebitzError):
    """An optional extra is not installed; says what to install."""

    def __init__(self, feature: str, extra: str) -> None:
        super().__init__(f"{feature} needs an optional extra: pip install 'kiebitz[{extra}]'")
