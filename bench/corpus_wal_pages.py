"""Pages each COMMIT of the writer writes, per table and index (WAL frames mapped to b-trees by dbstat).

    .venv/bin/python bench/corpus_wal_pages.py --writer --n 5000 --onto STORE [--tree DIR]

Takes bench/corpus_cpu.py's arguments and runs it with the store's commit instrumented: the WAL is
not checkpointed automatically, and after each COMMIT the page numbers of the WAL's frames (every
page written since the store was opened) are looked up in SQLite's `dbstat` and counted per
b-tree (printed to stderr). With `--n` equal to one batch (5,000) this is what one commit writes;
deterministic for the same input, so it compares schemas without timing noise. Run it from outside
the checkout with PYTHONPATH=DIR as well when measuring another tree.
"""

from __future__ import annotations

import collections
import struct
import sys
from pathlib import Path


def _pages(wal: Path) -> set[int]:
    """Page numbers of the frames in a WAL file (24-byte frame headers after a 32-byte file header)."""
    data = wal.read_bytes()
    if len(data) < 32:
        return set()
    size = struct.unpack(">I", data[8:12])[0]
    return {struct.unpack(">I", data[off:off + 4])[0] for off in range(32, len(data) - size + 1, size + 24)}


def main() -> int:
    sys.argv = ["corpus_cpu.py", *sys.argv[1:]]
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import corpus_cpu

    import kiebitz.store.db as db

    finish = db.Store._finish

    def _finish(self: db.Store) -> None:
        conn = self._conn
        conn.execute("PRAGMA wal_autocheckpoint = 0")
        finish(self)
        pages = _pages(Path(conn.execute("PRAGMA database_list").fetchone()[2] + "-wal"))
        names = collections.Counter(name for name, page in conn.execute("SELECT name, pageno FROM dbstat")
                                    if page in pages)
        print(f"pages in the WAL after COMMIT: {len(pages):,}", file=sys.stderr)
        for name, n in names.most_common():
            print(f"{n:8,} {name}", file=sys.stderr)

    db.Store._finish = _finish
    return corpus_cpu.main()


if __name__ == "__main__":
    raise SystemExit(main())
