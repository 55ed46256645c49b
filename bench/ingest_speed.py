"""Articles/second for read + clean + outlet + language on 1,000 generated articles.

    .venv/bin/python bench/ingest_speed.py [N]

Articles are built from shuffled paragraphs of the bundled (invented) example corpus, six paragraphs
each, written to a temporary folder; the first article warms up the caches (registry, rules, model).
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from pathlib import Path

import kiebitz
from kiebitz.paths import EXAMPLES_DIR


def main(n: int = 1000) -> None:
    rng = random.Random(1)
    paragraphs = [p for f in sorted(EXAMPLES_DIR.glob("*.txt")) for p in f.read_text(encoding="utf-8").split("\n\n")]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for i in range(n):
            body = "\n\n".join(rng.sample(paragraphs, 6))
            (folder / f"{i:05d}.txt").write_text(f"Artikel {i}\n\n{body}\n", encoding="utf-8")
        list(kiebitz.iter_analyze([folder / "00000.txt"], pipeline=["outlet", "language"]))
        start = time.perf_counter()
        done = sum(1 for a in kiebitz.iter_analyze([folder], pipeline=["outlet", "language"])
                   if not isinstance(a, Exception))
        seconds = time.perf_counter() - start
    print(f"ingest: {done} articles in {seconds:.2f} s = {done / seconds:.0f} articles/s (read+clean+outlet+language)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)
