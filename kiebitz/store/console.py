"""Terminal output of the store commands: the ingest progress bar, search hits, stats, outlets."""

from __future__ import annotations

import time
from collections.abc import Mapping
from types import TracebackType
from typing import TYPE_CHECKING, Any

import click
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

if TYPE_CHECKING:
    from .db import SearchHit
    from .ingest import IngestSummary

# Highlight markers the CLI asks the store to put around matches (never found in news text).
MARK_OPEN, MARK_CLOSE = "\x02", "\x03"


class IngestProgress:
    """A live progress line on stderr; silent (errors still printed) when stderr is not a terminal."""

    def __init__(self) -> None:
        self.console = Console(stderr=True)
        self.enabled = self.console.is_terminal
        self._progress = Progress(
            SpinnerColumn(),
            TextColumn("ingesting {task.completed} documents"),
            TextColumn("{task.fields[detail]}"),
            TimeElapsedColumn(),
            console=self.console,
            transient=True,
            disable=not self.enabled,
        )
        self._task = self._progress.add_task("ingest", total=None, detail="")
        self._start = time.monotonic()

    def __enter__(self) -> IngestProgress:
        self._progress.start()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._progress.stop()

    def update(self, summary: IngestSummary) -> None:
        """Show the running totals."""
        if not self.enabled:
            return
        rate = summary.total / max(time.monotonic() - self._start, 1e-6)
        detail = f"{summary.new} new · {summary.stored} stored · {summary.failed} failed · {rate:.1f}/s"
        self._progress.update(self._task, completed=summary.total, detail=detail)

    def error(self, line: str) -> None:
        """Print an error line (above the progress line when it is shown)."""
        if self.enabled:
            self._progress.console.print(line, markup=False, highlight=False, soft_wrap=True)
        else:
            click.echo(line, err=True)


def ingest_progress() -> IngestProgress:
    """The progress display for `kiebitz ingest`."""
    return IngestProgress()


def _stdout() -> Console:
    console = Console()
    if not console.is_terminal:
        console = Console(width=160)  # pipes and files: do not squeeze columns to 80
    return console


def _short(article_id: str) -> str:
    return article_id if len(article_id) <= 16 else article_id[:12]


def _marked(snippet: str) -> Text:
    """Render MARK_OPEN...MARK_CLOSE as bold."""
    text = Text()
    bold = False
    for part in snippet.replace(MARK_CLOSE, MARK_OPEN).split(MARK_OPEN):
        text.append(part.replace("\n", " "), style="bold yellow" if bold else None)
        bold = not bold
    return text


def print_hits(hits: list[SearchHit], total: int, offset: int) -> None:
    """Search results as a table."""
    console = _stdout()
    if not hits:
        console.print(f"no matches ({total} in all)", highlight=False)
        return
    table = Table(show_lines=False, expand=False)
    for name in ("id", "published", "outlet", "title", "match"):
        table.add_column(name, overflow="fold")
    for h in hits:
        table.add_row(_short(h.id), h.published or "", h.outlet or "", Text(h.title or ""), _marked(h.snippet))
    console.print(table)
    console.print(f"{offset + 1}–{offset + len(hits)} of {total} matches", highlight=False)


def _counts(mapping: Mapping[str, int]) -> str:
    return ", ".join(f"{k} {v}" for k, v in mapping.items()) or "-"


def print_stats(data: Mapping[str, Any]) -> None:
    """Store statistics as aligned lines."""
    pub = data["published"]
    rows = [
        ("store", f"{data['path']} (schema v{data['schema_version']})"),
        ("articles", f"{data['articles']}  ({_counts(data['languages'])})"),
        ("outlets", _counts(data["outlets"])),
        ("state-affiliated", str(data["state_affiliated"])),
        ("published", f"{pub['first']} … {pub['last']}" if pub["first"] else "-"),
        ("statements", str(data["statements"])),
        ("events", f"{data['events']}  ({_counts(data['event_types'])})" if data["events"] else "0"),
        ("entities", str(data["entities"])),
        ("actors", str(data["actors"])),
    ]
    if "duplicates" in data:  # the corpus counts (kiebitz.corpus.queries.corpus_counts)
        rows += [
            ("unique articles", f"{data['unique_articles']}  (duplicates {data['duplicates']}, counted once)"),
            ("sources", str(data["sources"])),
            ("quote clusters", str(data["statement_clusters"])),
            ("event clusters", str(data["event_clusters"])),
        ]
    for key, value in rows:
        click.echo(f"{key + ':':<18}{value}")


OUTLET_FIELDS = ("name", "aliases", "domains", "country", "ownership", "state_affiliated", "typology",
                 "company", "sources")


def outlet_rows() -> list[dict[str, Any]]:
    """The outlet registry (built-in plus imported) as plain dicts, sorted by name."""
    from ..ingest.outlets import registry

    rows = []
    for entry in registry().entries:
        row = {f: getattr(entry, f, None) for f in OUTLET_FIELDS}
        rows.append({k: list(v) if isinstance(v, tuple) else v for k, v in row.items()})
    return sorted(rows, key=lambda r: str(r["name"]).casefold())


def print_outlets(rows: list[dict[str, Any]]) -> None:
    """The outlet registry as a table."""
    console = _stdout()
    table = Table()
    columns = ("name", "country", "state_affiliated", "typology", "sources", "domains")
    for name in columns:
        table.add_column(name.replace("_", " "), overflow="fold")
    for row in rows:
        cells = []
        for name in columns:
            value = row.get(name)
            if isinstance(value, (list, tuple)):
                value = ", ".join(map(str, value))
            cells.append(Text("" if value is None else str(value)))
        table.add_row(*cells)
    console.print(table)
    console.print(f"{len(rows)} outlets", highlight=False)
