"""`kiebitz export`: the store as tables (Parquet, CSV, JSON Lines) or PLOVER JSON Lines.

One file per table, named after it (`articles.parquet`, `events.csv`, ...), columns and types from
`kiebitz.tables`; rows are written in batches, so a large store never sits in memory. The PLOVER
export writes `events.plover.jsonl` with the PLOVER interchange fields (id, date, event, mode,
context, source/target actor lists with actorText/code/sector, eventText, text, eventLoc, language,
publication, url, coder, version, dateCoded) and kiebitz's own extras under "kiebitz".
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .. import __version__
from ..errors import KiebitzError, OptionalDependencyError
from ..model import Article
from ..tables import COLUMNS, TABLES, article_rows

FORMATS = ("parquet", "csv", "jsonl", "plover")
BATCH = 5000


def _duplicates(store: Any) -> dict[str, str]:
    return dict(store.connection.execute("SELECT article_id, original_id FROM corpus_duplicates"))


class _Writer:
    """Writes one table's rows to one file in the chosen format."""

    def __init__(self, table: str, fmt: str, out: Path) -> None:
        self.table, self.fmt = table, fmt
        self.columns = [c for c, _ in COLUMNS[table]]
        self.lists = {c for c, t in COLUMNS[table] if t.startswith("list")}
        self.path = out / f"{table}.{fmt}"
        self.count = 0
        self.buffer: list[dict[str, Any]] = []
        if fmt == "parquet":
            try:
                import pyarrow.parquet as pq
            except ImportError:
                raise OptionalDependencyError("Parquet export", "corpus") from None
            from ..tables import arrow_schema

            self.schema = arrow_schema(table)
            self._pq = pq.ParquetWriter(self.path, self.schema)
        else:
            self._fh = open(self.path, "w", encoding="utf-8", newline="")  # noqa: SIM115 - closed in close()
            if fmt == "csv":
                self._csv = csv.DictWriter(self._fh, fieldnames=self.columns)
                self._csv.writeheader()

    def add(self, rows: list[dict[str, Any]]) -> None:
        self.buffer.extend(rows)
        self.count += len(rows)
        if len(self.buffer) >= BATCH:
            self.flush()

    def flush(self) -> None:
        if not self.buffer:
            return
        if self.fmt == "parquet":
            import pyarrow as pa

            self._pq.write_table(pa.Table.from_pylist(self.buffer, schema=self.schema))
        elif self.fmt == "csv":
            for row in self.buffer:
                self._csv.writerow({k: json.dumps(v, ensure_ascii=False) if k in self.lists else v
                                    for k, v in row.items()})
        else:
            for row in self.buffer:
                self._fh.write(json.dumps(row, ensure_ascii=False) + "\n")
        self.buffer = []

    def close(self) -> None:
        self.flush()
        if self.fmt == "parquet":
            self._pq.close()
        else:
            self._fh.close()


def plover_records(article: Article, today: str | None = None) -> Iterator[dict[str, Any]]:
    """The article's events as PLOVER interchange records."""
    actors = {a.id: a for a in article.actors}
    today = today or dt.date.today().isoformat()

    def party(ids: tuple[str, ...]) -> list[dict[str, str]]:
        out = []
        for x in ids:
            a = actors.get(x)
            if a is None:
                continue
            item = {"actorText": a.aliases[0] if a.aliases else a.name,
                    "code": a.country or (a.code[:3] if a.code else "---")}
            if a.sector:
                item["sector"] = a.sector
            out.append(item)
        return out

    sentences = article.text
    for e in article.events:
        ev = e.evidence
        record: dict[str, Any] = {
            "id": f"{article.id}:{e.id}",
            "date": e.date or article.published,
            "event": e.type,
            "mode": e.mode or "",
            "context": "",
            "source": party(e.actor),
            "target": party(e.recipient),
            "eventText": e.trigger or (sentences[ev.trigger_start : ev.trigger_end]
                                       if ev.trigger_start is not None and ev.trigger_end is not None else ""),
            "text": sentences[ev.start : ev.end],
            "language": article.language,
            "publication": article.outlet.name or article.outlet.domain,
            "url": article.source.url,
            "coder": f"kiebitz {__version__}",
            "version": "PLOVER 16 types",
            "dateCoded": today,
            "kiebitz": {
                "article_id": article.id, "event_id": e.id, "modality": e.modality,
                "confidence": e.confidence, "date_precision": e.date_precision,
                "claimed_by": f"{article.id}:{e.claimed_by}" if e.claimed_by else None,
                "statement_id": f"{article.id}:{e.statement}" if e.statement else None,
            },
        }
        if e.location is not None:
            loc = {"name": e.location.name}
            if e.location.country:
                loc["country code"] = e.location.country
            if e.location.lat is not None and e.location.lon is not None:
                loc["lat"], loc["lon"] = e.location.lat, e.location.lon
            record["eventLoc"] = loc
        yield record


def export(store: Any, out: str | Path, fmt: str) -> dict[str, tuple[Path, int]]:
    """Write the store's tables to `out` in `fmt`; returns {table: (file, rows)}."""
    if fmt not in FORMATS:
        raise KiebitzError(f"unknown export format {fmt!r}; expected one of {', '.join(FORMATS)}")
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    if fmt == "plover":
        path = out / "events.plover.jsonl"
        n = 0
        today = dt.date.today().isoformat()
        with open(path, "w", encoding="utf-8") as fh:
            for article in store.iter_articles():
                for record in plover_records(article, today):
                    fh.write(json.dumps(record, ensure_ascii=False) + "\n")
                    n += 1
        return {"events": (path, n)}
    dups = _duplicates(store)
    writers = {t: _Writer(t, fmt, out) for t in TABLES}
    try:
        for article in store.iter_articles():
            for table, rows in article_rows(article, duplicate_of=dups.get(article.id)).items():
                writers[table].add(rows)
    finally:
        for w in writers.values():
            w.close()
    return {t: (w.path, w.count) for t, w in writers.items()}
