"""The `kiebitz batch` and `kiebitz import` commands (registered on the CLI group by `register`)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..errors import KiebitzError, OptionalDependencyError, StoreError


@click.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("--out", required=True, metavar="DIR", help="Output folder or fsspec URL (s3://, gs://, ...).")
@click.option("--engine", type=click.Choice(["local", "ray", "spark"]), default="local", show_default=True)
@click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True,
              help="Worker processes (local, or Ray/Spark in local mode).")
@click.option("--address", metavar="ADDR",
              help="An existing cluster: Ray address (ray://host:10001, auto) or Spark master URL.")
@click.option("--shard-size", type=click.IntRange(min=1), default=200, show_default=True,
              help="Documents per shard (one Parquet partition per table and shard).")
@click.option("--time-limit", type=click.FloatRange(min=0.1), default=120.0, show_default=True,
              help="Seconds one document may take before it is recorded as an error.")
@click.option("--published", metavar="YYYY-MM-DD", help="Publication date; reference for relative dates.")
@click.option("--language", type=click.Choice(["de", "en"]), help="Force the language.")
def batch(inputs: tuple[str, ...], out: str, engine: str, workers: int, address: str | None, shard_size: int,
          time_limit: float, published: str | None, language: str | None) -> None:
    """Analyse WARC, JSON Lines and text/HTML inputs (paths or URLs) into Parquet tables under DIR.

    A job stopped and started again with the same arguments skips the shards already written.
    """
    from .engines import run_batch

    options = {k: v for k, v in (("published", published), ("language", language)) if v is not None}
    try:
        summary = run_batch(list(inputs), out, engine=engine, workers=workers, address=address,
                            shard_size=shard_size, time_limit=time_limit, options=options)
    except OptionalDependencyError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)
    except KiebitzError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(1)
    click.echo(f"{summary.line()}\noutput: {out}")


@click.command(name="import")
@click.argument("out", metavar="DIR")
@click.option("--db", "db", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="The store file (default: $KIEBITZ_DB, else kiebitz.db in $KIEBITZ_HOME or ~/.local/share/kiebitz).")
def import_(out: str, db: Path | None) -> None:
    """Load the output of `kiebitz batch` into a store (articles already stored are skipped)."""
    from ..paths import default_db
    from ..store import Store
    from .importer import import_output

    path = db if db is not None else default_db()
    try:
        with Store(path) as store:
            summary = import_output(out, store)
    except OptionalDependencyError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)
    except (KiebitzError, StoreError) as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(1)
    click.echo(f"{summary.line()}\nstore: {path}")


def register(group: click.Group) -> None:
    """Add `batch` and `import` to the kiebitz command group."""
    group.add_command(batch)
    group.add_command(import_)
