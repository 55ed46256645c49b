"""A small sample corpus (text, HTML, JSON Lines, WARC) and its batch output with the local engine."""

from __future__ import annotations

import json
import os
import shutil
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest

from kiebitz.paths import EXAMPLES_DIR

TABLES = ("articles", "actors", "statements", "events", "errors", "records")
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def need(module: str) -> None:
    """Skip when an engine's extra is missing, except in CI, where the engines must be tested."""
    if IN_CI:
        __import__(module)
    else:
        pytest.importorskip(module)


def write_warc(path: Path, pages: list[tuple[str, str, bytes]]) -> None:
    """A gzipped WARC: a response (url, content type, body) and a request record per page."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=True)
        for url, ctype, body in pages:
            http = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            records = [
                writer.create_warc_record(url, "response", payload=BytesIO(body), http_headers=http,
                                          warc_headers_dict={"WARC-Date": "2024-05-13T08:00:00Z"}),
                writer.create_warc_record(url, "request", payload=BytesIO(b"GET / HTTP/1.1\r\n\r\n")),
            ]
            for record in records:
                writer.write_record(record)
                record.raw_stream.close()  # warcio buffers the payload in a temporary file



def _page(title: str, body: str) -> bytes:
    return f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1><p>{body}</p></article></body></html>".encode()


@pytest.fixture(scope="session")
def sample_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled example corpus (text, HTML, JSON Lines) plus a WARC with two articles and a logo."""
    root = tmp_path_factory.mktemp("corpus")
    shutil.copytree(EXAMPLES_DIR, root / "corpus")
    write_warc(root / "corpus" / "crawl.warc.gz", [
        ("https://news.example.org/de/gipfel", "text/html; charset=utf-8",
         _page("Gipfel in Wien vertagt", "Die Außenministerin sagte am Montag in Wien, die Gespräche seien "
               "vertagt worden. Russland wies die Vorwürfe zurück.")),
        ("https://news.example.org/logo.png", "image/png", b"\x89PNG\r\n"),
        ("https://news.example.org/en/aid", "text/html",
         _page("Aid convoy reaches Kharkiv", "The United Nations said on Tuesday that an aid convoy had "
               "reached Kharkiv. Officials in Kyiv thanked the donors.")),
    ])
    return root / "corpus"


def read_output(out: str | Path) -> dict[str, list[dict[str, Any]]]:
    from kiebitz.scale.importer import read_rows

    return {table: read_rows(str(out), table) for table in TABLES}


@pytest.fixture(scope="session")
def local_output(sample_corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample corpus through `kiebitz batch --engine local` (the CLI), shards of 4 documents."""
    from click.testing import CliRunner

    from kiebitz.cli import main

    out = tmp_path_factory.mktemp("batch") / "local"
    result = CliRunner().invoke(main, ["batch", str(sample_corpus), "--out", str(out), "--shard-size", "4"])
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="session")
def local_rows(local_output: Path) -> dict[str, list[dict[str, Any]]]:
    return read_output(local_output)


def manifest_shards(out: Path) -> list[str]:
    lines = (out / "_manifest.jsonl").read_text(encoding="utf-8").splitlines()[1:]
    return [json.loads(line)["shard"] for line in lines]
