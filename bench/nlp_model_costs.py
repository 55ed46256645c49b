"""Per-component CPU cost (µs per token) of the German pipeline on warm caches, to compare model architectures.

Each component of ``load("de")`` runs over the same 240 pre-tokenised SmartData news texts (measurement only),
in pipeline order, several passes; the best pass per component counts (other jobs only ever slow a pass down).
Warm: lemma, lexeme and subword caches are filled by the first pass, so this is the model's own work; the
cold-cache figure of the whole pipeline is ``bench/nlp_speed.py``'s.
Usage: ``KIEBITZ_DE_MODEL=DIR OMP_NUM_THREADS=1 python bench/nlp_model_costs.py [--passes N]``
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from nlp_speed import german_texts  # noqa: E402

from kiebitz.nlp import load  # noqa: E402


def main() -> None:
    """Print µs per token for each component and the total."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--passes", type=int, default=3)
    args = ap.parse_args()
    try:
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})  # one core
    except (AttributeError, OSError):
        pass
    nlp = load("de")
    texts = german_texts()[20:260]
    list(nlp.pipe(texts[:20]))
    best: dict[str, float] = {}
    n = 0
    for _ in range(args.passes):
        c0 = time.process_time()
        docs = [nlp.make_doc(t) for t in texts]
        best["tokenizer"] = min(best.get("tokenizer", float("inf")), time.process_time() - c0)
        n = sum(len(d) for d in docs)
        for name, proc in nlp.pipeline:
            c0 = time.process_time()
            docs = list(proc.pipe(docs, batch_size=32)) if hasattr(proc, "pipe") else [proc(d) for d in docs]
            best[name] = min(best.get(name, float("inf")), time.process_time() - c0)
    total = sum(best.values())
    print(f"{os.environ.get('KIEBITZ_DE_MODEL') or 'shipped'}: {n} tokens, {total / n * 1e6:.1f} µs/token "
          f"= {n / total:,.0f} tokens/s per core (warm)")
    print("  " + ", ".join(f"{k} {v / n * 1e6:.1f}" for k, v in sorted(best.items(), key=lambda kv: -kv[1])
                           if v / n * 1e6 >= 0.5))


if __name__ == "__main__":
    main()
