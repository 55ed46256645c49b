"""WARC files (Common Crawl CC-NEWS style): HTML response records as RawDocuments with URL and date."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError, OptionalDependencyError
from ..model import RawDocument

HTML_TYPES = ("text/html", "application/xhtml+xml")


@dataclass(frozen=True)
class WarcRecordRef:
    """Where a record sits: the WARC file, its byte offset and its WARC-Record-ID (for resume)."""

    path: str
    offset: int
    record_id: str


def is_warc(path: str | Path) -> bool:
    """Whether a path names a WARC file by its extension."""
    name = str(path).lower()
    return name.endswith((".warc", ".warc.gz"))


def _decode(body: bytes, content_type: str) -> str:
    """Decode an HTTP body with its declared charset, else by detection."""
    charset = None
    for part in content_type.split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            charset = value.strip().strip("\"'")
    if charset:
        try:
            return body.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        from charset_normalizer import from_bytes

        best = from_bytes(body).best()
        return str(best) if best is not None else body.decode("utf-8", errors="replace")


def iter_warc(
    path: str | Path,
    *,
    seen: Callable[[str], bool] | None = None,
) -> Iterator[tuple[WarcRecordRef, RawDocument | InputError | None]]:
    """Yield (record ref, document, error or None for a non-HTML response) per response record not yet `seen`."""
    try:
        from warcio.archiveiterator import ArchiveIterator
        from warcio.exceptions import ArchiveLoadFailed
    except ImportError:  # pragma: no cover - depends on the installed extras
        raise OptionalDependencyError("reading WARC files", "corpus") from None
    name = str(path)
    try:
        stream = open(path, "rb")  # noqa: SIM115 - closed in finally, generator keeps it open
    except OSError as exc:
        yield WarcRecordRef(name, 0, ""), InputError(name, f"cannot read WARC: {exc.strerror or exc}")
        return
    try:
        records = ArchiveIterator(stream)
        while True:
            try:
                record = next(records)
            except StopIteration:
                break
            except (ArchiveLoadFailed, OSError, ValueError, EOFError) as exc:
                yield WarcRecordRef(name, 0, ""), InputError(name, f"broken WARC: {exc}")
                break
            if record.format != "warc":
                yield WarcRecordRef(name, 0, ""), InputError(name, "not a WARC file (no WARC/1.x header)")
                break
            if record.rec_type != "response":
                continue
            record_id = record.rec_headers.get_header("WARC-Record-ID") or ""
            if seen is not None and record_id and seen(record_id):
                continue
            url = record.rec_headers.get_header("WARC-Target-URI")
            http = record.http_headers
            status = http.get_statuscode() if http is not None else ""
            ctype = (http.get_header("Content-Type") or "") if http is not None else ""
            body: bytes | None = None
            problem = None
            if status and status.startswith("2") and ctype.lower().startswith(HTML_TYPES):
                try:
                    body = record.content_stream().read()
                except Exception as exc:  # noqa: BLE001 - a truncated record must not stop the file
                    problem = f"cannot read WARC record {record_id}: {exc}"
            # warcio finds the offset by reading to the record's end, so only after the body was read.
            offset = records.get_record_offset()
            ref = WarcRecordRef(name, offset, record_id or f"{name}@{offset}")
            origin = f"{name}@{offset}"
            if problem:
                yield ref, InputError(origin, problem)
                continue
            if body is None:
                # Redirects, errors, images and scripts are not articles: skipped, but marked as seen.
                yield ref, None
                continue
            date = record.rec_headers.get_header("WARC-Date") or ""
            yield ref, RawDocument(
                origin=url or origin,
                html=_decode(body, ctype),
                path=name,
                url=url,
                # CC-NEWS crawls news as it appears, so the capture day stands in for the publication day.
                published=date[:10] or None,
            )
    finally:
        stream.close()


def read_warc(path: str | Path) -> Iterator[RawDocument | InputError]:
    """Yield a RawDocument for each HTML response record of a WARC file (errors in place)."""
    for _ref, item in iter_warc(path):
        if item is not None:
            yield item
