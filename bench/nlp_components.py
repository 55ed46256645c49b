"""Milliseconds per article of each component of the German pipeline, on generated 500-word news articles.

Two figures per component: CPU time in one pass of ``nlp(text)`` order over N articles (``pass``), and the
rule components alone, each run on copies of the docs made just before it, best of 7 per doc (``alone``: the
least disturbed by other jobs on a shared machine; lemma and morphology caches are warm there).
Usage: OMP_NUM_THREADS=1 python bench/nlp_components.py [N]   (N articles, default 30; docs/nlp.md)
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import pipeline_speed  # noqa: E402 - the generated articles of the pipeline bench

from kiebitz.nlp import load  # noqa: E402

RULES = ("kiebitz", "gazetteer")  # component name prefixes of the rule components


def main() -> None:
    """Print the per-component milliseconds per article."""
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 30
    rng = random.Random(7)
    texts = [pipeline_speed.article(rng) for _ in range(n + 1)]
    nlp = load("de")
    nlp(texts[0])  # warm-up
    texts = texts[1:]
    passed: dict[str, float] = {}
    for text in texts:
        doc = nlp.make_doc(text)
        for name, proc in nlp.pipeline:
            c0 = time.process_time()
            doc = proc(doc)
            passed[name] = passed.get(name, 0.0) + time.process_time() - c0
    alone: dict[str, float] = {}
    docs = [nlp.make_doc(t) for t in texts]
    for name, proc in nlp.pipeline:
        if name.startswith(RULES):
            best = [float("inf")] * len(docs)
            for _ in range(7):
                for k, copy in enumerate([d.copy() for d in docs]):
                    t0 = time.perf_counter()
                    proc(copy)
                    best[k] = min(best[k], time.perf_counter() - t0)
            alone[name] = sum(best)
        docs = list(proc.pipe(docs)) if hasattr(proc, "pipe") else [proc(d) for d in docs]
    rules = sum(v for k, v in passed.items() if k.startswith(RULES))
    print(f"pass: total {sum(passed.values()) / n * 1000:.1f} ms/article, rule components {rules / n * 1000:.2f}; "
          + ", ".join(f"{k} {v / n * 1000:.2f}" for k, v in passed.items()))
    print(f"alone: rule components {sum(alone.values()) / n * 1000:.2f} ms/article; "
          + ", ".join(f"{k} {v / n * 1000:.2f}" for k, v in alone.items()))


if __name__ == "__main__":
    main()
