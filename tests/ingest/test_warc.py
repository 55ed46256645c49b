"""WARC files built in tmp with warcio: HTML responses become RawDocuments; other records are skipped."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from kiebitz.errors import InputError
from kiebitz.ingest.warc import is_warc, iter_warc, read_warc
from kiebitz.model import RawDocument


def write_warc(path: Path, records: list[tuple[str, str, bytes, str]], gzip: bool = True) -> None:
    """Write response records (url, content type, body, status) plus one request record."""
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=gzip)
        for url, ctype, body, status in records:
            http = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            rec = writer.create_warc_record(url, "response", payload=BytesIO(body), http_headers=http,
                                            warc_headers_dict={"WARC-Date": "2023-06-19T12:00:00Z"})
            writer.write_record(rec)
            rec.raw_stream.close()  # warcio buffers the payload in a temporary file
            req = writer.create_warc_record(url, "request", payload=BytesIO(b"GET / HTTP/1.1\r\n\r\n"))
            writer.write_record(req)
            req.raw_stream.close()


def test_html_responses_become_documents(tmp_path: Path) -> None:
    path = tmp_path / "news.warc.gz"
    latin = "<html><body><p>Über Sanktionen</p></body></html>".encode("latin-1")
    write_warc(path, [
        ("https://example.org/a", "text/html; charset=utf-8", "<p>Grüße aus Moskau</p>".encode(), "200 OK"),
        ("https://example.org/logo.png", "image/png", b"\x89PNG", "200 OK"),
        ("https://example.org/old", "text/html", b"moved", "301 Moved Permanently"),
        ("https://example.org/b", "text/html; charset=iso-8859-1", latin, "200 OK"),
    ])
    assert is_warc(path)
    docs = list(read_warc(path))
    assert all(isinstance(d, RawDocument) for d in docs)
    assert [d.url for d in docs] == ["https://example.org/a", "https://example.org/b"]
    assert docs[0].published == "2023-06-19"
    assert "Grüße" in (docs[0].html or "")
    assert "Über Sanktionen" in (docs[1].html or "")


def test_seen_records_are_skipped_for_incremental_runs(tmp_path: Path) -> None:
    path = tmp_path / "news.warc"
    write_warc(path, [(f"https://example.org/{i}", "text/html", f"<p>{i}</p>".encode(), "200 OK")
                      for i in range(3)], gzip=False)
    first = list(iter_warc(path))
    ids = [ref.record_id for ref, _ in first]
    assert len(set(ids)) == 3 and all(i.startswith("<urn:uuid:") for i in ids)
    seen = {ids[0], ids[1]}
    rest = [doc for _, doc in iter_warc(path, seen=seen.__contains__)]
    assert [d.url for d in rest if isinstance(d, RawDocument)] == ["https://example.org/2"]


def test_missing_or_broken_warc_is_a_clear_error(tmp_path: Path) -> None:
    missing = list(read_warc(tmp_path / "nope.warc"))
    assert len(missing) == 1 and isinstance(missing[0], InputError) and "nope.warc" in str(missing[0])
    broken = tmp_path / "broken.warc.gz"
    broken.write_bytes(b"this is not a warc file at all")
    items = list(read_warc(broken))
    assert items and isinstance(items[0], InputError) and "broken.warc.gz" in str(items[0])
