"""The one batch function every engine runs: document records in, table rows out.

`DocumentRunner` keeps a document process (`kiebitz.scale.child`) that loads the models once
and analyses one document at a time; a document that takes longer than the time limit, or kills
the process, becomes an `errors` row and the process is restarted. `process_records` is the pure
batch function; `ShardProcessor` is the callable class the engines instantiate once per worker:
it reads a shard's documents, runs them, and writes the shard's partitions atomically.
"""

from __future__ import annotations

import json
import os
import select
import subprocess
import sys
import threading
import time
from collections.abc import Iterable
from typing import Any

from ..errors import KiebitzError
from .child import error_row, receive, send
from .schema import ALL_TABLES

DEFAULT_TIME_LIMIT = 120.0
# Loading the models (and warming them up) is not a document's time; it gets its own limit.
START_TIME_LIMIT = 900.0


class WorkerError(KiebitzError):
    """The document process could not start (a model is missing, a plug-in cannot be imported)."""


class DocumentRunner:
    """A document process with a per-document time limit; restarted after a hang or crash."""

    def __init__(self, options: dict[str, Any] | None = None, time_limit: float = DEFAULT_TIME_LIMIT) -> None:
        self.options = dict(options or {})
        self.time_limit = time_limit
        self._proc: subprocess.Popen[bytes] | None = None
        self.restarts = 0

    def _start(self) -> subprocess.Popen[bytes]:
        env = dict(os.environ)
        # The child must import what this process imports (kiebitz, plug-ins) whatever the engine's cwd.
        env["PYTHONPATH"] = os.pathsep.join(p for p in [os.getcwd(), *sys.path] if p)
        env["KIEBITZ_CHILD_PDEATHSIG"] = "1" if threading.current_thread() is threading.main_thread() else "0"
        proc = subprocess.Popen(
            [sys.executable, "-m", "kiebitz.scale.child", json.dumps(self.options)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env,
        )
        answer = self._wait(proc, START_TIME_LIMIT)
        if answer is None or "ready" not in answer:
            self._kill(proc)
            problem = (answer or {}).get("fatal", "the document process did not start")
            raise WorkerError(f"kiebitz batch: cannot start the pipeline: {problem}")
        return proc

    @staticmethod
    def _wait(proc: subprocess.Popen[bytes], timeout: float) -> dict[str, Any] | None:
        """The next answer, or None if the process hung past `timeout` or died."""
        assert proc.stdout is not None
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            ready, _, _ = select.select([proc.stdout], [], [], left)
            if ready:
                try:
                    return receive(proc.stdout)
                except (EOFError, OSError):
                    return None

    @staticmethod
    def _kill(proc: subprocess.Popen[bytes]) -> None:
        proc.kill()
        proc.wait()
        for stream in (proc.stdin, proc.stdout):
            if stream is not None:
                stream.close()

    def run(self, doc: dict[str, Any]) -> dict[str, Any]:
        """{"rows": ...} or {"error": row} for one document record; never raises for a document."""
        if self._proc is None or self._proc.poll() is not None:
            self._proc = self._start()
        proc = self._proc
        assert proc.stdin is not None
        try:
            send(proc.stdin, doc)
        except (BrokenPipeError, OSError):
            answer = None
        else:
            answer = self._wait(proc, self.time_limit)
        if answer is not None:
            return answer
        try:
            # A process that closed its output has died (or is dying): get its exit code.
            code = proc.wait(timeout=2)
        except subprocess.TimeoutExpired:
            code = None
        self._kill(proc)
        self._proc = None
        self.restarts += 1
        if code is None:
            return {"error": error_row(doc, "TimeLimit", f"no result within the time limit of {self.time_limit:g} s")}
        return {"error": error_row(doc, "WorkerCrash", f"the document process died (exit code {code})")}

    def close(self) -> None:
        if self._proc is not None:
            self._kill(self._proc)
            self._proc = None

    def __del__(self) -> None:
        try:
            self.close()
        except Exception:  # noqa: BLE001, S110 - interpreter shutdown
            pass


def sort_rows(rows: dict[str, list[dict[str, Any]]]) -> dict[str, list[dict[str, Any]]]:
    """Rows in a deterministic order (by id; errors by origin), whatever order they were made in."""
    out = {}
    for table, items in rows.items():
        if table == "errors":
            key = lambda r: (r["origin"] or "", r["line"] or 0, r["message"] or "")  # noqa: E731
        else:
            key = lambda r: r["id"] or ""  # noqa: E731
        out[table] = sorted(items, key=key)
    return out


def process_records(records: Iterable[dict[str, Any]], runner: DocumentRunner) -> dict[str, list[dict[str, Any]]]:
    """Analyse document records into rows of every table (errors included), sorted deterministically.

    An article id seen twice in the records (the same text twice) is kept once: the first.
    """
    rows: dict[str, list[dict[str, Any]]] = {t: [] for t in ALL_TABLES}
    seen: set[str] = set()
    for doc in records:
        if "error" in doc:
            rows["errors"].append({**doc["error"], "shard": doc.get("shard")})
            continue
        answer = runner.run(doc)
        if "error" in answer:
            rows["errors"].append(answer["error"])
            continue
        article_id = answer["rows"]["articles"][0]["id"]
        if article_id in seen:
            continue
        seen.add(article_id)
        for table, items in answer["rows"].items():
            rows[table].extend(items)
    return sort_rows(rows)


class ShardProcessor:
    """The per-worker callable: loads the pipeline once, turns shards into written partitions."""

    def __init__(self, out: str, options: dict[str, Any] | None = None,
                 time_limit: float = DEFAULT_TIME_LIMIT) -> None:
        from .output import Output

        self.output = Output(out)
        self.runner = DocumentRunner(options, time_limit)

    def process(self, shard: dict[str, Any]) -> dict[str, Any]:
        """Process one shard unless its partitions are already written; a status row."""
        from .inputs import iter_documents

        name = shard["shard"]
        if self.output.is_done(name):
            return {"shard": name, "status": "skipped", "articles": 0, "errors": 0}
        rows = process_records(iter_documents(shard), self.runner)
        self.output.write_shard(name, rows)
        return {"shard": name, "status": "done", "articles": len(rows["articles"]), "errors": len(rows["errors"])}

    def __call__(self, batch: dict[str, Any]) -> dict[str, list[Any]]:
        """Ray Data's map_batches: a batch of manifest lines ("item" column) to status columns."""
        results = [self.process(json.loads(str(line))) for line in batch["item"]]
        return {key: [r[key] for r in results] for key in ("shard", "status", "articles", "errors")}
