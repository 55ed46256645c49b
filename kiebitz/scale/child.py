"""The document process: reads framed documents on stdin, answers with table rows on stdout.

A worker (local process, Ray actor, Spark Python worker) starts one of these and sends it one
document at a time. Everything that touches a document's content (decoding, HTML extraction,
cleaning, the pipeline) runs here, so the worker can enforce a per-document time limit by
killing this process: a hang in C code (a regex, a parser) cannot be interrupted in-process.

Run as ``python -m kiebitz.scale.child OPTIONS_JSON``.
"""

from __future__ import annotations

import importlib
import json
import os
import pickle
import struct
import sys
import threading
import time
import traceback
from typing import Any, BinaryIO

from ..errors import InputError, KiebitzError, PipelineError
from ..model import RawDocument

_HEADER = struct.Struct("!Q")

# Short texts run once at start-up so that models loaded lazily per language are loaded before
# the first timed document (the time limit is for analysing a document, not for loading models).
_WARM_UP = (
    ("de", "Der Minister sagte am Montag in Berlin, die Verhandlungen seien gescheitert."),
    ("en", "The minister said on Monday in London that the talks had failed."),
)


def send(stream: BinaryIO, message: Any) -> None:
    """Write one length-prefixed pickled message."""
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_HEADER.pack(len(data)) + data)
    stream.flush()


def receive(stream: BinaryIO) -> Any:
    """Read one length-prefixed pickled message; EOFError at the end of the stream."""
    head = _read_exactly(stream, _HEADER.size)
    return pickle.loads(_read_exactly(stream, _HEADER.unpack(head)[0]))


def _read_exactly(stream: BinaryIO, size: int) -> bytes:
    chunks, left = [], size
    while left:
        chunk = stream.read(left)
        if not chunk:
            raise EOFError("stream closed")
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def raw_document(doc: dict[str, Any]) -> RawDocument | InputError:
    """A document record (see kiebitz.scale.inputs) as a RawDocument, or the InputError it is."""
    from ..ingest.readers import bytes_document, parse_jsonl_line

    origin, data, fmt = doc["origin"], doc["data"], doc["fmt"]
    if fmt == "jsonl":
        return parse_jsonl_line(data, doc["path"], doc["line"], doc["path"])
    if fmt == "warc":
        from ..ingest.warc import _decode

        return RawDocument(origin=origin, html=_decode(data, doc.get("content_type") or ""), path=doc["path"],
                           url=doc.get("url"), published=doc.get("published"))
    return bytes_document(data, origin, doc.get("kind") or "text", doc["path"])


def error_row(doc: dict[str, Any], kind: str, message: str, component: str | None = None) -> dict[str, Any]:
    """One row of the errors table for a document."""
    return {
        "origin": doc["origin"], "source": doc.get("path"), "line": doc.get("line"), "shard": doc.get("shard"),
        "error": kind, "component": component, "message": message,
    }


def _exception_row(doc: dict[str, Any], exc: BaseException) -> dict[str, Any]:
    if isinstance(exc, PipelineError):
        return error_row(doc, "PipelineError", exc.problem, exc.component)
    if isinstance(exc, KiebitzError):
        return error_row(doc, type(exc).__name__, str(exc))
    return error_row(doc, "Exception", f"{type(exc).__name__}: {exc}")


class Analyser:
    """The pipeline, loaded once, turning one document record into table rows."""

    def __init__(self, options: dict[str, Any]) -> None:
        from ..ingest.build import build_article
        from ..pipeline import Pipeline

        # Modules that register extra components with @component (plug-ins, test components).
        for module in options.get("plugins") or ():
            importlib.import_module(module)
        names = options.get("pipeline")
        self.pipeline = Pipeline(None if names is None else tuple(names))
        self.build = build_article
        self.published = options.get("published")
        self.language = options.get("language")

    def warm_up(self) -> None:
        """Load every lazily loaded model once (errors here surface on real documents)."""
        for _language, text in _WARM_UP:
            # Not forced: language identification has a model of its own to load.
            try:
                raw = RawDocument(origin="<warm-up>", text=text)
                self.pipeline(self.build(raw, published=self.published, language=self.language))
            except Exception:  # noqa: BLE001, S110 - a failing model shows up again on real input
                pass

    def __call__(self, doc: dict[str, Any]) -> dict[str, Any]:
        """{"rows": {table: rows}} for an article, {"error": row} for a document that failed."""
        from ..tables import article_rows

        try:
            raw = raw_document(doc)
            if isinstance(raw, InputError):
                return {"error": _exception_row(doc, raw)}
            article = self.pipeline(self.build(raw, published=self.published, language=self.language))
        except Exception as exc:  # noqa: BLE001 - one bad document must not stop the batch
            return {"error": _exception_row(doc, exc)}
        rows = article_rows(article)
        rows["records"] = [{"id": article.id, "record": json.dumps(article.to_dict(), ensure_ascii=False)}]
        return {"rows": rows}


def _die_with_parent() -> None:
    """End this process when its worker dies, even in the middle of a hang (no orphans)."""
    parent = os.getppid()
    # Linux kills us with the thread that started us, so only when that was the worker's main thread.
    if os.environ.get("KIEBITZ_CHILD_PDEATHSIG") == "1":
        try:
            import ctypes
            import signal

            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # 1 = PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass

    def watch() -> None:  # elsewhere: notice being re-parented (works unless a hang holds the GIL)
        while os.getppid() == parent:
            time.sleep(1)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


def main(argv: list[str]) -> int:
    _die_with_parent()
    options = json.loads(argv[0]) if argv else {}
    # The protocol owns the real stdout; anything a library prints goes to stderr instead.
    out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    stdin = sys.stdin.buffer
    try:
        analyser = Analyser(options)
        analyser.warm_up()
    except Exception as exc:  # noqa: BLE001 - reported to the worker, which stops the job
        send(out, {"fatal": f"{type(exc).__name__}: {exc}\n{traceback.format_exc()}"})
        return 1
    send(out, {"ready": True})
    while True:
        try:
            doc = receive(stdin)
        except EOFError:
            return 0
        send(out, analyser(doc))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
