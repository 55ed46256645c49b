"""Tokens per second per core of the German and English pipelines on news text.

German: SmartData news documents (measurement only); English: PolNeAR news articles (measurement only).
Runs single-process (one core), after a warm-up; prints tokens/s for ``nlp.pipe`` and the full
``nlp`` + ``entities`` components. Target: >= 10,000 tokens/s/core for German.
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


def measure(lang: str, texts: list[str], max_tokens: int) -> float:
    """Tokens per second of nlp.pipe over texts (up to max_tokens tokens)."""
    nlp = load(lang)
    list(nlp.pipe(texts[:5]))  # warm-up: lazy tables, caches
    n = 0
    t0 = time.perf_counter()
    for doc in nlp.pipe(texts, batch_size=32):
        n += len(doc)
        if n >= max_tokens:
            break
    dt = time.perf_counter() - t0
    return n / dt


def main() -> None:
    """Print tokens/second per core for each language."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tokens", type=int, default=60_000)
    args = ap.parse_args()
    try:
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})  # one core
    except (AttributeError, OSError):
        pass
    for lang, texts in (("de", german_texts()), ("en", english_texts())):
        rate = measure(lang, texts, args.tokens)
        print(f"{lang}: {rate:,.0f} tokens/s/core ({load(lang).pipe_names})")


if __name__ == "__main__":
    main()
