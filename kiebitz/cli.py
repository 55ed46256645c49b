"""The `kiebitz` command: a thin layer over the Python API."""

from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from .corpus.commands import register as _register_corpus
from .errors import KiebitzError, StoreError
from .scale.commands import register as _register_scale

if TYPE_CHECKING:
    from .model import Article
    from .store import Store

# `kiebitz eval NAME` runs NAME's evaluation module's `main(argv) -> int`.
EVALUATORS: dict[str, str] = {
    "nlp": "kiebitz.nlp.evaluate",
    "statements": "kiebitz.extract.statements_eval",
    "events": "kiebitz.extract.events_eval",
    "dedup": "kiebitz.corpus.dedup_eval",
    "stories": "kiebitz.corpus.stories_eval",
}


def _err(message: str) -> None:
    click.echo(f"error: {message}", err=True)


def _echo_csv(rows: list[dict[str, Any]]) -> None:
    """Rows as CSV with a header (nested values as JSON), the shape every query command shares."""
    from .corpus.commands import emit

    flat = [{k: json.dumps(v, ensure_ascii=False) if isinstance(v, (dict, list)) else v for k, v in r.items()}
            for r in rows]
    emit(flat, "csv", list(flat[0]) if flat else [])


def _flatten(data: dict[str, Any], prefix: str = "") -> list[tuple[str, Any]]:
    """Nested counts as dotted keys ("languages.de", 5)."""
    out: list[tuple[str, Any]] = []
    for key, value in data.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            out.extend(_flatten(value, name + "."))
        else:
            out.append((name, value))
    return out


def _check_date(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """Refuse a malformed --published before any document is read."""
    import datetime as dt

    if value is not None:
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            raise click.BadParameter(f"{value!r} is not a date of the form YYYY-MM-DD") from None
        if len(value) != 10:
            raise click.BadParameter(f"{value!r} is not a date of the form YYYY-MM-DD")
    return value


_published_option = click.option(
    "--published", metavar="YYYY-MM-DD", callback=_check_date,
    help="Publication date; reference for relative dates.",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="kiebitz")
def main() -> None:
    """kiebitz: who said what, and who did what to whom, in German and English news."""


@main.command()
@click.argument("paths", nargs=-1, required=True)
@_published_option
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


# -- the store ------------------------------------------------------------------------------

_db_option = click.option(
    "--db", "db", type=click.Path(dir_okay=False, path_type=Path), default=None,
    help="The store file (default: $KIEBITZ_DB, else kiebitz.db in $KIEBITZ_HOME or ~/.local/share/kiebitz).",
)


def _db_path(db: Path | None) -> Path:
    from .paths import default_db

    return db if db is not None else default_db()


def _open_readonly(db: Path | None) -> Store:
    """Open an existing store for reading; a missing or foreign file ends the command (exit 2)."""
    from .store import Store

    path = _db_path(db)
    if not path.exists():
        _err(f"no store at {path} (create one with: kiebitz ingest PATH --db {path})")
        sys.exit(2)
    try:
        return Store(path, readonly=True)
    except StoreError as exc:
        _err(str(exc))
        sys.exit(2)


def _echo_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


@main.command()
@click.argument("paths", nargs=-1, required=False)
@_db_option
@_published_option
@click.option("--language", type=click.Choice(["de", "en"]), help="Force the language.")
@click.option("--feed", "feeds", multiple=True, metavar="URL-OR-FILE",
              help="An RSS/Atom feed: fetch the pages it links to that are not stored yet (repeatable).")
def ingest(
    paths: tuple[str, ...], db: Path | None, published: str | None, language: str | None, feeds: tuple[str, ...]
) -> None:
    """Analyse files, folders, - (stdin), WARC files and feeds into the store; only what is new is added."""
    from .corpus.crawl import ingest_feed, ingest_warc
    from .ingest.warc import is_warc
    from .store import IngestSummary, Store
    from .store import ingest as run_ingest
    from .store.console import ingest_progress

    if not paths and not feeds:
        raise click.UsageError("give PATHS or --feed")
    path = _db_path(db)
    try:
        store = Store(path)
    except StoreError as exc:
        _err(str(exc))
        sys.exit(2)
    options = {"published": published, "language": language}
    files = [p for p in paths if not is_warc(p)]
    runs = [run_ingest(files, store, **options)] if files else []
    runs += [ingest_warc(p, store, **options) for p in paths if is_warc(p)]
    runs += [ingest_feed(f, store, **options) for f in feeds]
    summary = IngestSummary()
    with store, ingest_progress() as progress:
        try:
            for run in runs:
                for outcome in run:
                    summary.add(outcome)
                    if outcome.error is not None:
                        progress.error(f"error: {outcome.error}")
                    progress.update(summary)
        except KiebitzError as exc:  # per-document errors are outcomes; this is set-up (a missing model)
            progress.error(f"error: {exc}")
            sys.exit(2)
    click.echo(f"{summary.line()}\nstore: {path}")
    if summary.failed:
        sys.exit(1)


def _format_article(article: Article) -> str:
    """A readable rendering of one stored article."""
    o = article.outlet
    names = {a.id: a.name for a in article.actors}
    flags = ", ".join(
        x for x in (o.country, "state-affiliated" if o.state_affiliated else None, o.typology) if x
    )
    lines = [
        article.title or "(untitled)",
        f"id:        {article.id}",
        f"outlet:    {o.name or 'unknown'}" + (f" ({flags})" if flags else "")
        + (f" [from {', '.join(o.evidence)}]" if o.evidence else ""),
        f"published: {article.published or 'unknown'}   language: {article.language or 'unknown'}"
        + (f"   section: {article.section}" if article.section else ""),
        f"source:    {article.source.url or article.source.path or 'unknown'}",
    ]
    if article.removed:
        lines.append(f"removed:   {len(article.removed)} boilerplate lines")
    lines += ["", article.text.strip(), ""]
    lines.append(f"statements ({len(article.statements)}):")
    for s in article.statements:
        who = names.get(s.speaker or "") or s.speaker_text or "?"
        lines.append(f"  [{s.kind}] {who}: \u201e{s.text}\u201c ({s.confidence:.2f})")
    lines.append(f"events ({len(article.events)}):")
    for e in article.events:
        actor = ", ".join(names.get(a, a) for a in e.actor) or "?"
        recipient = ", ".join(names.get(a, a) for a in e.recipient) or "-"
        extra = ", ".join(x for x in (e.modality, e.date, e.location.name if e.location else None) if x)
        mode = f"/{e.mode}" if e.mode else ""
        lines.append(f"  {e.type}{mode}: {actor} -> {recipient} ({extra}; {e.confidence:.2f})")
    return "\n".join(lines)


@main.command()
@click.argument("article_id", metavar="ID")
@_db_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def show(article_id: str, db: Path | None, fmt: str) -> None:
    """Print one stored article (a unique prefix of its id is enough)."""
    with _open_readonly(db) as store:
        article = store.get(article_id)
        if article is None:
            ids = store.find_ids(article_id, limit=6) if len(article_id) >= 4 else []
            if len(ids) == 1:
                article = store.get(ids[0])
            elif ids:
                _err(f"id prefix {article_id!r} is ambiguous: {', '.join(ids[:5])}" + (" ..." if len(ids) > 5 else ""))
                sys.exit(1)
        if article is None:
            _err(f"no article {article_id!r} in {store.path}")
            sys.exit(1)
    if fmt == "json":
        _echo_json(article.to_dict())
    else:
        click.echo(_format_article(article))


@main.command()
@click.argument("query")
@_db_option
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True, help="Hits per page.")
@click.option("--offset", type=click.IntRange(min=0), default=0, show_default=True, help="Hits to skip.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
@click.option("--stem/--no-stem", default=True, show_default=True,
              help="Match German/English word stems (Sanktionen finds Sanktion), else exact words.")
def search(query: str, db: Path | None, limit: int, offset: int, fmt: str, stem: bool) -> None:
    """Full-text search over titles and texts: words, "phrases", prefix*, OR."""
    from .corpus import queries as corpus_queries
    from .store.console import MARK_CLOSE, MARK_OPEN, print_hits

    with _open_readonly(db) as store:
        marks = ("**", "**") if fmt == "json" else (MARK_OPEN, MARK_CLOSE)
        if stem:
            total = corpus_queries.count(store.connection, query)
            hits = corpus_queries.search_hits(store.connection, query, limit=limit, offset=offset, highlight=marks)
        else:
            total = store.count(query)
            hits = store.search(query, limit=limit, offset=offset, highlight=marks)
    if fmt == "json":
        _echo_json({"query": query, "total": total, "offset": offset, "hits": [h.to_dict() for h in hits]})
    elif fmt == "csv":
        _echo_csv([h.to_dict() for h in hits])
    else:
        print_hits(hits, total, offset)


@main.command()
@_db_option
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
def stats(db: Path | None, fmt: str) -> None:
    """Counts of what the store holds."""
    from .store.console import print_stats

    with _open_readonly(db) as store:
        data = store.stats()
    if fmt == "json":
        _echo_json(data)
    elif fmt == "csv":
        _echo_csv([{"key": k, "value": v} for k, v in _flatten(data)])
    else:
        print_stats(data)


@main.group()
def outlets() -> None:
    """The outlet registry: built-in facts plus imported State Media Matrix rows."""


@outlets.command(name="import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def outlets_import(file: Path) -> None:
    """Import the State Media Matrix CSV (marks state-affiliated outlets and their typology)."""
    from .ingest.outlets import import_state_media_matrix

    try:
        n = import_state_media_matrix(file)
    except KiebitzError as exc:
        _err(str(exc))
        sys.exit(1)
    click.echo(f"imported {n} outlets from {file}")


@outlets.command(name="list")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
def outlets_list(fmt: str) -> None:
    """List the known outlets."""
    from .store.console import outlet_rows, print_outlets

    rows = outlet_rows()
    if fmt == "json":
        _echo_json(rows)
    elif fmt == "csv":
        _echo_csv(rows)
    else:
        print_outlets(rows)


@main.command()
@_db_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Interface to bind; anything but 127.0.0.1 exposes the store to the network.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
def serve(db: Path | None, host: str, port: int) -> None:
    """Browse the store in a web browser (read-only); every page has a JSON twin."""
    from .web import serve as run_server

    _open_readonly(db).close()  # a missing or foreign store ends here, with exit 2
    click.echo(f"kiebitz: serving {_db_path(db)} read-only on http://{host}:{port}/ (Ctrl-C stops)", err=True)
    try:
        run_server(_db_path(db), host=host, port=port)
    except KiebitzError as exc:
        _err(str(exc))
        sys.exit(2)

# The corpus commands (quotes, events, actors, export, outlets stored) live in kiebitz.corpus.commands.
_register_corpus(main, outlets)
# `kiebitz batch` and `kiebitz import` (scale-out) live in kiebitz.scale.commands.
_register_scale(main)


if __name__ == "__main__":
    main()
