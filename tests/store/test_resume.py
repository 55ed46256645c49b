"""An interrupted ingest keeps every committed article, and a rerun resumes where it stopped."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from kiebitz.store import Store

ROOT = Path(__file__).resolve().parents[2]

WRITER = """
import sys, time
from kiebitz.store import Store
from tests.store.conftest import _article
with Store(sys.argv[1]) as store:
    for i in range(int(sys.argv[2])):
        store.add(_article(i))
        print(i, flush=True)
        time.sleep(0.05)
"""


def test_exception_after_n_articles_then_resume(tmp_path, make_article):
    path = tmp_path / "k.db"
    articles = [make_article(i) for i in range(8)]

    def interrupted():
        for i, a in enumerate(articles):
            if i == 5:
                raise KeyboardInterrupt  # Ctrl-C half-way
            yield a

    with Store(path) as store, pytest.raises(KeyboardInterrupt):
        for a in interrupted():
            store.add(a)
    with Store(path) as store:
        assert len(store) == 5
        assert [store.add(a) for a in articles] == [False] * 5 + [True] * 3
        assert len(store) == 8 and store.stats()["statements"] == 8
        assert store.check() == []


def test_killed_writer_loses_nothing_committed(tmp_path):
    path = tmp_path / "k.db"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path), "1000"], stdout=subprocess.PIPE, text=True, env=env, cwd=ROOT
    )
    committed = []
    assert proc.stdout is not None
    for line in proc.stdout:
        committed.append(int(line))
        if len(committed) == 4:
            proc.send_signal(signal.SIGKILL)  # no chance to clean up
            break
    proc.wait()
    assert proc.returncode == -signal.SIGKILL

    with Store(path) as store:
        assert store.check() == []
        stored = len(store)
        # Everything reported as committed is there (maybe one more, killed after commit, before print).
        assert committed == [0, 1, 2, 3] and stored in (4, 5)
        for a in store.iter_articles():
            assert len(a.statements) == 1 and len(a.events) == 1  # no half-written article
        assert store.stats()["statements"] == stored

    done = subprocess.run(
        [sys.executable, "-c", WRITER, str(path), "10"], capture_output=True, text=True, env=env, cwd=ROOT
    )
    assert done.returncode == 0, done.stderr
    with Store(path, readonly=True) as store:
        assert len(store) == 10 and store.stats()["events"] == 10


HOLDER = """
import sys
from kiebitz.store import Store
from tests.store.conftest import _article
with Store(sys.argv[1]) as store:
    store.add(_article(1))
    conn = store._conn
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("INSERT INTO articles (id, text, removed, record, schema, ingested_at) "
                 "VALUES ('pending', 'Sanktionen', '[]', '{}', 's', 'now')")
    print("holding", flush=True)
    sys.stdin.readline()  # keep the write transaction open until the test says so
    conn.execute("COMMIT")
"""


def test_reader_process_is_not_blocked_by_a_writer_process(tmp_path):
    path = tmp_path / "k.db"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(path)], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True, env=env, cwd=ROOT)
    assert proc.stdout is not None and proc.stdin is not None
    try:
        assert proc.stdout.readline().strip() == "holding"
        with Store(path, readonly=True) as reader:
            assert len(reader) == 1 and [h.id for h in reader.search("Sanktionen")] == ["art0001de"]
            proc.stdin.write("go\n")
            proc.stdin.flush()
            assert proc.wait(timeout=30) == 0
            assert len(reader) == 2
    finally:
        if proc.poll() is None:
            proc.kill()
