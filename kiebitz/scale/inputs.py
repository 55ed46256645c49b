"""Input listing and shards: local paths or fsspec URLs to shards of N document references.

The driver streams the inputs once (`iter_shards`) and describes each shard by byte ranges
("spans") of its files, never by content: a JSON Lines span is a run of lines, a WARC span a run
of records, a text/HTML file a span of its own. Workers read their spans (`iter_documents`)
and get one document record per document: a plain dict (origin, format, bytes, path, line, ...)
that any engine can serialise. Memory is bounded by one shard, whatever the input size.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator
from typing import Any

from ..errors import OptionalDependencyError
from ..ingest.decode import MAX_DOCUMENT_BYTES
from ..ingest.readers import HTML_SUFFIXES, JSONL_SUFFIXES, TEXT_SUFFIXES, sniff_format

_SNIFF_BYTES = 65536
_NOT_ARTICLES = frozenset({"readme", "license", "licence", "notice", "changelog", "manifest"})
HTML_TYPES = ("text/html", "application/xhtml+xml")


def filesystem(url: str) -> tuple[Any, str]:
    """The fsspec filesystem and the path inside it for a local path or URL."""
    try:
        from fsspec.core import url_to_fs
    except ImportError:
        raise OptionalDependencyError("kiebitz batch", "corpus") from None
    return url_to_fs(url)


def _suffix(name: str) -> str:
    base = name.rsplit("/", 1)[-1]
    return "." + base.rsplit(".", 1)[-1].lower() if "." in base else ""


def _is_warc(name: str) -> bool:
    return name.lower().endswith((".warc", ".warc.gz"))


def _error(origin: str, message: str, line: int | None = None) -> dict[str, Any]:
    return {"error": {"origin": origin, "source": origin, "line": line, "error": "InputError",
                      "component": None, "message": message}}


def list_files(item: str) -> Iterator[tuple[str, int] | dict[str, Any]]:
    """(name, size) of each file an input names, folders walked in sorted order; errors as dicts."""
    fs, root = filesystem(item)
    if fs.isdir(root):
        found = sorted(fs.find(root, detail=True).items())
        base = root.rstrip("/") + "/"
        names = []
        for path, info in found:
            rel = path[len(base):] if path.startswith(base) else path.rsplit("/", 1)[-1]
            parts = rel.split("/")
            if any(p.startswith(".") for p in parts) or parts[-1].split(".")[0].lower() in _NOT_ARTICLES:
                continue
            names.append((item.rstrip("/") + "/" + rel, int(info.get("size") or 0)))
        if not names:
            yield _error(item, "folder contains no readable files")
        yield from names
    elif fs.exists(root):
        yield item, int(fs.size(root) or 0)
    else:
        yield _error(item, "no such file or directory")


def iter_refs(inputs: Iterable[str]) -> Iterator[dict[str, Any]]:
    """One reference per document of the inputs (a span of one document) or one error dict."""
    for item in inputs:
        for entry in list_files(item):
            if isinstance(entry, dict):
                yield entry
                continue
            name, size = entry
            try:
                yield from _file_refs(name, size)
            except OSError as exc:
                yield _error(name, f"cannot read: {exc.strerror or exc}")


def _file_refs(name: str, size: int) -> Iterator[dict[str, Any]]:
    suffix = _suffix(name)
    if _is_warc(name):
        yield from _warc_refs(name)
        return
    if suffix not in TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES:
        fs, path = filesystem(name)
        with fs.open(path, "rb") as stream:
            head = stream.read(_SNIFF_BYTES)
        kind = sniff_format(head)
    else:
        kind = "jsonl" if suffix in JSONL_SUFFIXES else "html" if suffix in HTML_SUFFIXES else "text"
    if kind == "jsonl":
        yield from _jsonl_refs(name)
        return
    if size > MAX_DOCUMENT_BYTES:
        limit = MAX_DOCUMENT_BYTES // 1024 // 1024
        yield _error(name, f"too large: {size / 1024 / 1024:.1f} MB, the limit for one document is {limit} MB")
        return
    yield {"url": name, "fmt": "file", "kind": kind, "start": 0, "end": size, "line": None, "n": 1}


def _jsonl_refs(name: str) -> Iterator[dict[str, Any]]:
    """A reference per non-blank line, found by streaming the file once."""
    fs, path = filesystem(name)
    offset, nonblank = 0, 0
    with fs.open(path, "rb") as stream:
        head = stream.read(4)
        if head.startswith((b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")):
            yield _error(name, "UTF-16/32 JSON Lines: convert the file to UTF-8 for kiebitz batch")
            return
        stream.seek(0)
        number = 0
        while True:
            line = stream.readline(MAX_DOCUMENT_BYTES + 1)
            if not line:
                break
            number += 1
            start = offset
            offset += len(line)
            if len(line) > MAX_DOCUMENT_BYTES and not line.endswith(b"\n"):
                while True:  # skip the rest of the over-long line
                    rest = stream.readline(_SNIFF_BYTES)
                    offset += len(rest)
                    if not rest or rest.endswith(b"\n"):
                        break
                nonblank += 1
                yield _error(name, f"line too large (over {MAX_DOCUMENT_BYTES // 1024 // 1024} MB)", number)
                continue
            if not line.strip():
                continue
            nonblank += 1
            yield {"url": name, "fmt": "jsonl", "start": start, "end": offset, "line": number, "n": 1}
    if nonblank == 0:
        yield _error(name, "empty input (no JSON lines)")


def _warc_iterator(stream: Any) -> Any:
    try:
        from warcio.archiveiterator import ArchiveIterator
    except ImportError:
        raise OptionalDependencyError("reading WARC files", "corpus") from None
    return ArchiveIterator(stream)


def _is_article(record: Any) -> bool:
    """An HTML 2xx response record: the only WARC records that are articles."""
    if record.rec_type != "response" or record.http_headers is None:
        return False
    status = record.http_headers.get_statuscode() or ""
    ctype = (record.http_headers.get_header("Content-Type") or "").lower()
    return status.startswith("2") and ctype.startswith(HTML_TYPES)


def _warc_refs(name: str) -> Iterator[dict[str, Any]]:
    """A reference (byte offset and length) per HTML response record of a WARC file."""
    fs, path = filesystem(name)
    with fs.open(path, "rb") as stream:
        records = _warc_iterator(stream)
        try:
            for record in records:
                if record.format != "warc":
                    yield _error(name, "not a WARC file (no WARC/1.x header)")
                    return
                if not _is_article(record):
                    continue
                start = records.get_record_offset()
                end = start + records.get_record_length()
                yield {"url": name, "fmt": "warc", "start": start, "end": end, "line": None, "n": 1}
        except Exception as exc:  # noqa: BLE001 - warcio raises assorted errors on broken files
            yield _error(name, f"broken WARC: {type(exc).__name__}: {exc}")


def iter_shards(inputs: Iterable[str], size: int) -> Iterator[dict[str, Any]]:
    """Shards of up to `size` documents: {"shard": "part-00000", "items": [span or error, ...]}."""
    items: list[dict[str, Any]] = []
    count = index = 0
    for ref in iter_refs(inputs):
        last = items[-1] if items else None
        if (last is not None and "error" not in ref and "error" not in last and last["fmt"] != "file"
                and last["url"] == ref["url"] and last["fmt"] == ref["fmt"]):
            # The next document of the same file: the span grows (skipped bytes between are re-read).
            last["end"] = ref["end"]
            last["n"] += 1
        else:
            items.append(ref)
        count += 1
        if count >= size:
            yield {"shard": f"part-{index:05d}", "items": items}
            items, count, index = [], 0, index + 1
    if items:
        yield {"shard": f"part-{index:05d}", "items": items}


def _read_range(url: str, start: int, end: int) -> bytes:
    fs, path = filesystem(url)
    with fs.open(path, "rb") as stream:
        stream.seek(start)
        return stream.read(end - start)


def iter_documents(shard: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """The document records of a shard (read from its spans), or error dicts, in input order."""
    name = shard["shard"]
    for item in shard["items"]:
        if "error" in item:
            yield {**item, "shard": name}
            continue
        url = item["url"]
        try:
            data = _read_range(url, item["start"], item["end"])
        except OSError as exc:
            yield {**_error(url, f"cannot read: {exc.strerror or exc}"), "shard": name}
            continue
        if item["fmt"] == "file":
            yield {"origin": url, "fmt": "file", "kind": item["kind"], "data": data, "path": url,
                   "line": None, "shard": name}
        elif item["fmt"] == "jsonl":
            yield from _jsonl_documents(data, url, item["line"], name)
        else:
            yield from _warc_documents(data, url, item["start"], name)


def _jsonl_documents(data: bytes, url: str, first: int, shard: str) -> Iterator[dict[str, Any]]:
    for number, line in enumerate(io.BytesIO(data), start=first):
        if first == 1 and number == 1:
            line = line.removeprefix(b"\xef\xbb\xbf")
        if line.strip():
            yield {"origin": f"{url}:{number}", "fmt": "jsonl", "data": line, "path": url, "line": number,
                   "shard": shard}


def _warc_documents(data: bytes, url: str, base: int, shard: str) -> Iterator[dict[str, Any]]:
    records = _warc_iterator(io.BytesIO(data))
    for record in records:
        if not _is_article(record):
            continue
        record_url = record.rec_headers.get_header("WARC-Target-URI")
        date = record.rec_headers.get_header("WARC-Date") or ""
        body = record.content_stream().read()
        origin = record_url or f"{url}@{base + records.get_record_offset()}"
        yield {"origin": origin, "fmt": "warc", "data": body, "path": url, "line": None, "shard": shard,
               "url": record_url, "published": date[:10] or None,
               "content_type": record.http_headers.get_header("Content-Type") or ""}
