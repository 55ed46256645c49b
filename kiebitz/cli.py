"""The `kiebitz` command: a thin layer over the Python API."""

from __future__ import annotations

import importlib
import json
import sys

import click

from .errors import KiebitzError

# `kiebitz eval NAME` runs NAME's evaluation module's `main(argv) -> int`.
EVALUATORS: dict[str, str] = {
    "nlp": "kiebitz.nlp.evaluate",
    "statements": "kiebitz.extract.statements_eval",
    "events": "kiebitz.extract.events_eval",
}


def _err(message: str) -> None:
    click.echo(f"error: {message}", err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="kiebitz")
def main() -> None:
    """kiebitz: who said what, and who did what to whom, in German and English news."""


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--published", metavar="YYYY-MM-DD", help="Publication date; reference for relative dates.")
@click.option("--language", type=click.Choice(["de", "en"]), help="Force the language.")
def analyze(paths: tuple[str, ...], published: str | None, language: str | None) -> None:
    """Analyse files, folders or - (stdin) and print one JSON object per article."""
    from . import iter_analyze

    failed = 0
    for item in iter_analyze(paths, published=published, language=language):
        if isinstance(item, KiebitzError):
            failed += 1
            _err(str(item))
            continue
        click.echo(json.dumps(item.to_dict(), ensure_ascii=False))
    if failed:
        sys.exit(1)


@main.command(name="eval", context_settings={"ignore_unknown_options": True})
@click.argument("name", type=click.Choice([*EVALUATORS, "all"]))
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
def evaluate(name: str, args: tuple[str, ...]) -> None:
    """Print precision/recall/F1 of an extractor against gold data."""
    names = list(EVALUATORS) if name == "all" else [name]
    status = 0
    for n in names:
        try:
            module = importlib.import_module(EVALUATORS[n])
        except ModuleNotFoundError as exc:
            _err(f"evaluation {n!r} is not available: {exc}")
            status = 1
            continue
        status |= int(module.main(list(args)) or 0)
    sys.exit(status)


if __name__ == "__main__":
    main()
