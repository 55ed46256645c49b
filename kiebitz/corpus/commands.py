"""CLI commands over the corpus: quotes, events, actors, outlets in the store, export.

Registered on the `kiebitz` group by `register`; every command takes `--db FILE`, every query
command `--format table|json|csv`.
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path
from typing import Any

import click

FORMAT = click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table",
                      show_default=True)
LIMIT = click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True)
DB = click.option(
    "--db", "db", type=click.Path(dir_okay=False, path_type=Path), default=None,
    help="The store file (default: $KIEBITZ_DB, else kiebitz.db in $KIEBITZ_HOME or ~/.local/share/kiebitz).",
)
DATE = click.DateTime(formats=["%Y-%m-%d"])


def _open(db: Path | None) -> Any:
    """Open an existing store read-only; a missing or foreign file ends the command (exit 2)."""
    from ..errors import StoreError
    from ..paths import default_db
    from ..store import Store

    path = db if db is not None else default_db()
    if not path.exists():
        click.echo(f"error: no store at {path} (create one with: kiebitz ingest PATH --db {path})", err=True)
        sys.exit(2)
    try:
        return Store(path, readonly=True)
    except StoreError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)


def emit(rows: list[dict[str, Any]], fmt: str, columns: list[str] | None = None) -> None:
    """Print rows as a table, a JSON array or CSV."""
    columns = columns or (list(rows[0]) if rows else [])
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if fmt == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        return
    if not rows:
        click.echo("no results")
        return
    from rich.console import Console
    from rich.table import Table

    console = Console()
    if not console.is_terminal:
        console = Console(width=200)
    table = Table()
    for c in columns:
        table.add_column(c.replace("_", " "), overflow="fold")
    for row in rows:
        table.add_row(*("" if row.get(c) is None else str(row.get(c)) for c in columns))
    console.print(table)


def _day(value: Any) -> str | None:
    return value.date().isoformat() if value is not None else None


@click.command()
@click.option("--speaker", help="Speaker name (matched by surname, case and accents ignored).")
@click.option("--since", type=DATE, help="Only statements reported on or after this day (YYYY-MM-DD).")
@click.option("--until", type=DATE, help="Only statements reported on or before this day.")
@click.option("--text", help='Words in the statement (stemmed: "Sanktion" finds "Sanktionen").')
@DB
@FORMAT
@LIMIT
def quotes(speaker: str | None, since: Any, until: Any, text: str | None, db: Path | None, fmt: str,
           limit: int) -> None:
    """Who said what: statements, one row per statement however many outlets quoted it."""
    from .queries import quotes as run

    with _open(db) as store:
        rows = run(store.connection, speaker=speaker, since=_day(since), until=_day(until), text=text,
                   limit=limit)
    cols = None if fmt != "table" else ["speaker", "text", "first_date", "mentions", "articles", "sources", "outlets"]
    emit(rows, fmt, cols)


@click.command()
@click.option("--actor", help="Actor code (RUS matches RUS, RUSGOV, ...) or name.")
@click.option("--recipient", help="Recipient code or name.")
@click.option("--type", "type_", help="PLOVER event type, e.g. REJECT.")
@click.option("--since", type=DATE, help="Only events on or after this day.")
@click.option("--until", type=DATE, help="Only events on or before this day.")
@DB
@FORMAT
@LIMIT
def events(actor: str | None, recipient: str | None, type_: str | None, since: Any, until: Any,
           db: Path | None, fmt: str, limit: int) -> None:
    """Who did what to whom: event clusters with their mentions, articles and sources."""
    from .queries import events as run

    with _open(db) as store:
        rows = run(store.connection, actor=actor, recipient=recipient, type=type_, since=_day(since),
                   until=_day(until), limit=limit)
    emit(rows, fmt)


@click.command()
@click.option("--kind", type=click.Choice(["person", "organization", "state", "group"]))
@click.option("--name", help="Part of the actor's name.")
@DB
@FORMAT
@LIMIT
def actors(kind: str | None, name: str | None, db: Path | None, fmt: str, limit: int) -> None:
    """Actors across the store, with the articles, statements and events they appear in."""
    from .queries import actors as run

    with _open(db) as store:
        rows = run(store.connection, kind=kind, name=name, limit=limit)
    emit(rows, fmt)


@click.command(name="stored")
@DB
@FORMAT
@click.option("--limit", type=click.IntRange(min=1), default=1000, show_default=True)
def outlets_stored(db: Path | None, fmt: str, limit: int) -> None:
    """Outlets in the store, with their articles and duplicates."""
    from .queries import outlets as run

    with _open(db) as store:
        rows = run(store.connection, limit=limit)
    emit(rows, fmt)


@click.command()
@click.option("--format", "fmt", type=click.Choice(["parquet", "csv", "jsonl", "plover"]), default="parquet",
              show_default=True)
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), required=True, help="Output folder.")
@DB
def export(fmt: str, out: Path, db: Path | None) -> None:
    """Write articles, actors, statements and events as tables (one file per table) or PLOVER JSON Lines."""
    from ..errors import KiebitzError
    from .export import export as run

    with _open(db) as store:
        try:
            written = run(store, out, fmt)
        except KiebitzError as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(1)
    for table, (path, n) in written.items():
        click.echo(f"{table}: {n} rows -> {path}")


def register(main: click.Group, outlets: click.Group | None = None) -> None:
    """Add the corpus commands to the `kiebitz` group (and `outlets stored` to the outlets group)."""
    for command in (quotes, events, actors, export):
        main.add_command(command)
    if outlets is not None:
        outlets.add_command(outlets_stored)
