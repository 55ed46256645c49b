"""Read files, folders and standard input into RawDocuments; each bad input becomes one InputError.

Formats by suffix: .txt/.text/.md (plain text), .html/.htm/.xhtml (HTML), .jsonl/.ndjson/.json-lines
(JSON Lines, one article per line, streamed); anything else is sniffed from its first bytes (a
file that is one JSON object or array of objects, such as a .json file, gives one article per object).
"""

from __future__ import annotations

import io
import json
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from ..errors import InputError
from ..model import RawDocument
from .decode import MAX_DOCUMENT_BYTES, declared_charset, decode_bytes, normalize_text, sniff_binary

TEXT_SUFFIXES = frozenset({".txt", ".text", ".md"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson", ".json-lines"})

STDIN = "-"
STDIN_ORIGIN = "<stdin>"
_SNIFF_BYTES = 65536
# Documentation files inside a folder of articles are not articles (they are read when named directly).
_NOT_ARTICLES = frozenset({"readme", "license", "licence", "notice", "changelog", "manifest"})

# JSON Lines fields copied onto the RawDocument besides text/html.
_META_FIELDS = ("id", "title", "url", "published", "language", "outlet")

_HTML_SNIFF = re.compile(r"<(?:!doctype\s+html|html|head|body|article|div|p|meta|title)\b", re.I)
_HTML_NOISE = re.compile(r"<(script|style|noscript|template)\b.*?</\1\s*>|<!--.*?-->", re.I | re.S)
_HTML_TAG = re.compile(r"<[^>]*>")
_LETTER = re.compile(r"[^\W\d_]")


def read_paths(paths: Iterable[str | Path]) -> Iterator[RawDocument | InputError]:
    """Yield one RawDocument per article, or one InputError per bad input; never raises for input."""
    for item in paths:
        if str(item) == STDIN:
            yield from _read_stdin()
            continue
        path = Path(item)
        if path.is_dir():
            try:
                files = _list_folder(path)
            except OSError as exc:
                yield InputError(str(path), f"cannot list folder: {exc.strerror or exc}")
                continue
            if not files:
                yield InputError(str(path), "folder contains no readable files")
            for file in files:
                yield from read_file(file)
        elif path.exists():
            yield from read_file(path)
        else:
            yield InputError(str(path), "no such file or directory")


def _list_folder(folder: Path) -> list[Path]:
    """All files below `folder`, recursively, sorted, skipping hidden files and folders and READMEs."""
    out = []
    for path in folder.rglob("*"):
        rel = path.relative_to(folder)
        if any(part.startswith(".") for part in rel.parts) or not path.is_file():
            continue
        if path.name.split(".")[0].lower() in _NOT_ARTICLES:
            continue
        out.append(path)
    return sorted(out, key=lambda p: p.relative_to(folder).as_posix())


def read_file(path: Path) -> Iterator[RawDocument | InputError]:
    """Read one file of any supported format."""
    origin = str(path)
    suffix = path.suffix.lower()
    try:
        if suffix in JSONL_SUFFIXES:
            with path.open("rb") as stream:
                yield from read_jsonl(_utf8_stream(stream), origin)
            return
        size = path.stat().st_size
        if size > MAX_DOCUMENT_BYTES:
            yield _too_large(origin, size)
            return
        data = path.read_bytes()
    except OSError as exc:
        yield InputError(origin, f"cannot read: {exc.strerror or exc}")
        return
    if suffix in TEXT_SUFFIXES:
        kind = "text"
    elif suffix in HTML_SUFFIXES:
        kind = "html"
    else:
        kind = sniff_format(data)
        if kind == "jsonl":
            whole = _whole_json(data)
            if whole is not None:  # one pretty-printed JSON object or array (e.g. a .json file)
                yield from _json_records(whole, origin)
            else:
                yield from read_jsonl(io.BytesIO(data), origin)
            return
    yield bytes_document(data, origin, kind, str(path))


class _Recoded:
    """A UTF-16/32 text stream seen as UTF-8 byte lines (JSON Lines parsing works on UTF-8)."""

    def __init__(self, stream: BinaryIO, encoding: str) -> None:
        self._text = io.TextIOWrapper(stream, encoding=encoding, newline="")

    def readline(self, limit: int = -1) -> bytes:
        return self._text.readline(limit).encode("utf-8")


def _utf8_stream(stream: BinaryIO) -> BinaryIO:
    """`stream` itself, or a recoding wrapper if it starts with a UTF-16/32 byte order mark."""
    head = stream.read(4)
    stream.seek(0)
    for bom, encoding in ((b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
                          (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if head.startswith(bom):
            return _Recoded(stream, encoding)  # type: ignore[return-value]
    return stream


def sniff_format(head: bytes) -> str:
    """Guess "jsonl", "html" or "text" from the first bytes of an input."""
    if sniff_binary(head):
        return "text"  # decoding reports the binary file
    sample = head[:_SNIFF_BYTES].decode("utf-8", errors="replace").lstrip("\ufeff \t\r\n")
    if sample.startswith("{") or re.match(r"\[\s*(?:\{|\])", sample):
        return "jsonl"
    if _HTML_SNIFF.search(sample[:4096]):
        return "html"
    return "text"


def _too_large(origin: str, size: int) -> InputError:
    limit = MAX_DOCUMENT_BYTES / 1024 / 1024
    return InputError(origin, f"too large: {size / 1024 / 1024:.1f} MB, the limit for one document is {limit:.0f} MB")


def bytes_document(data: bytes, origin: str, kind: str, path: str | None) -> RawDocument | InputError:
    """Decode a whole text or HTML document (also used by the scale-out workers)."""
    try:
        text = decode_bytes(data, origin, declared=declared_charset(data) if kind == "html" else None)
    except InputError as exc:
        return exc
    if kind == "html":
        if not has_html_text(text):
            return InputError(origin, "HTML contains no text")
        return RawDocument(origin=origin, html=text, path=path)
    return RawDocument(origin=origin, text=text, path=path)


def has_html_text(html: str) -> bool:
    """True if the HTML has any letters outside tags, scripts, styles and comments."""
    visible = _HTML_TAG.sub(" ", _HTML_NOISE.sub(" ", html))
    return bool(_LETTER.search(visible))


def _read_stdin() -> Iterator[RawDocument | InputError]:
    """Standard input: sniffed like an unknown file; JSON Lines are streamed."""
    raw = sys.stdin.buffer
    stream = raw if hasattr(raw, "peek") else io.BufferedReader(raw, buffer_size=_SNIFF_BYTES)  # type: ignore[arg-type]
    head = stream.peek(_SNIFF_BYTES)[:_SNIFF_BYTES]
    if sniff_format(head) == "jsonl":
        yield from read_jsonl(stream, STDIN_ORIGIN)
        return
    data = stream.read(MAX_DOCUMENT_BYTES + 1)
    if len(data) > MAX_DOCUMENT_BYTES:
        yield InputError(STDIN_ORIGIN, f"too large: over the {MAX_DOCUMENT_BYTES // 1024 // 1024} MB limit for one document")
        return
    yield bytes_document(data, STDIN_ORIGIN, sniff_format(data), None)


def _lines(stream: BinaryIO) -> Iterator[bytes | None]:
    """Lines of a binary stream, each read with bounded memory; None stands for an over-long line."""
    while True:
        line = stream.readline(MAX_DOCUMENT_BYTES + 1)
        if not line:
            return
        if len(line) > MAX_DOCUMENT_BYTES and not line.endswith(b"\n"):
            while True:  # skip the rest of the over-long line
                rest = stream.readline(_SNIFF_BYTES)
                if not rest or rest.endswith(b"\n"):
                    break
            yield None
            continue
        yield line


def read_jsonl(stream: BinaryIO, origin: str) -> Iterator[RawDocument | InputError]:
    """Stream a JSON Lines input: one article per line; a bad line is one InputError, the rest go on."""
    path = None if origin == STDIN_ORIGIN else origin
    nonblank = 0
    for number, line in enumerate(_lines(stream), start=1):
        if line is None:
            nonblank += 1
            yield InputError(origin, f"line too large (over {MAX_DOCUMENT_BYTES // 1024 // 1024} MB)", number)
            continue
        if number == 1:
            line = line.removeprefix(b"\xef\xbb\xbf")
        if not line.strip():
            continue
        nonblank += 1
        yield parse_jsonl_line(line, origin, number, path)
    if nonblank == 0:
        yield InputError(origin, "empty input (no JSON lines)")


def parse_jsonl_line(line: bytes, origin: str, number: int, path: str | None) -> RawDocument | InputError:
    """One JSON Lines record to a RawDocument, or the InputError saying what is wrong with it."""
    try:
        decoded = line.decode("utf-8")
    except UnicodeDecodeError as exc:
        return InputError(origin, f"undecodable bytes: not UTF-8 (byte {exc.start})", number)
    try:
        record = json.loads(decoded)
    except json.JSONDecodeError as exc:
        return InputError(origin, f"broken JSON: {exc.msg} (column {exc.colno})", number)
    if not isinstance(record, dict):
        return InputError(origin, f"JSON line is a {type(record).__name__}, not an object", number)
    return record_document(record, origin, number, path)


def _whole_json(data: bytes) -> object | None:
    """The file parsed as one JSON value if it is one but not a single line, else None (JSON Lines)."""
    text = data.decode("utf-8-sig", errors="replace").strip()
    if "\n" not in text and text.startswith("{"):
        return None  # a one-line object is one JSON Lines record
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        return None


def _json_records(value: object, origin: str) -> Iterator[RawDocument | InputError]:
    """Articles from a JSON object (one article) or array of objects; a bad item is one InputError."""
    items = value if isinstance(value, list) else [value]
    if not items:
        yield InputError(origin, "empty input (JSON array without articles)")
    for number, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            yield InputError(origin, f"JSON item {number} is a {type(item).__name__}, not an object")
            continue
        yield record_document(item, origin, number, origin)


def record_document(record: dict, origin: str, number: int, path: str | None) -> RawDocument | InputError:
    """A parsed JSON article record ({text|html, id, title, url, published, language, outlet})."""
    body: dict[str, str] = {}
    for key in ("text", "html"):
        value = record.get(key)
        if value is None:
            continue
        if not isinstance(value, str):
            return InputError(origin, f"field {key!r} must be a string", number)
        if value.strip():
            body[key] = normalize_text(value)
    if not body:
        return InputError(origin, "line has neither a non-empty 'text' nor 'html' field", number)
    meta: dict[str, str | None] = {}
    for key in _META_FIELDS:
        value = record.get(key)
        if value is None or value == "":
            meta[key] = None
        elif isinstance(value, (str, int, float)) and not isinstance(value, bool):
            meta[key] = normalize_text(str(value)).strip()
        else:
            return InputError(origin, f"field {key!r} must be a string", number)
    # Prefer already extracted text over HTML when a line gives both.
    if "text" in body:
        doc = RawDocument(origin=f"{origin}:{number}", text=body["text"], path=path, line=number, **meta)
    else:
        if not has_html_text(body["html"]):
            return InputError(origin, "HTML contains no text", number)
        doc = RawDocument(origin=f"{origin}:{number}", html=body["html"], path=path, line=number, **meta)
    return doc
