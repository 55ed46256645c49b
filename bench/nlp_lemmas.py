"""Cold-text cost of German lemmas: HanTa (main's verb path) against the fast exact path, in one process.

Tags SmartData news (measurement only) with the shipped model once, then lemmatises every token with empty
lemma caches, R times per path, alternating: "hanta" sends verb forms outside the lemma tables to HanTa's
``analyze`` (as before session 8), "fast" to ``lemmas.fast_lemma`` (the distilled answer for the same form
under a tag HanTa ignores, else ``hanta_fast.FastTagger``). Prints CPU µs per token of ``lemmatize`` and
ms per verb miss (over a round whose verb misses cost nothing) for each round, and checks that both paths give the same lemma for every token.
Usage: OMP_NUM_THREADS=1 nice python bench/nlp_lemmas.py [--rounds R] [--texts N]
"""

from __future__ import annotations

import argparse
import time

from kiebitz.nlp import lemmas, load
from kiebitz.nlp.corpora import read_jsonl, shared_data


def tagged(limit: int) -> list[tuple[str, str]]:
    """(form, predicted STTS tag) of every token of the first `limit` SmartData news documents."""
    texts = [r["text"] for r in read_jsonl(shared_data() / "ner-de-smartdata" / "test.jsonl")
             if r["source"] == "news"][:limit]
    nlp = load("de")
    names = [n for n in ("tok2vec", "tagger") if n in nlp.pipe_names]
    with nlp.select_pipes(enable=names):
        return [(t.text, t.tag_) for doc in nlp.pipe(texts, batch_size=32) for t in doc if not t.is_space]


def run(pairs: list[tuple[str, str]], path: str) -> tuple[float, int, list[str]]:
    """(CPU seconds, verb misses, lemmas) of lemmatising `pairs` with cold caches along `path`."""
    verb = {"hanta": lemmas.hanta_lemma, "fast": lemmas.fast_lemma, "none": lambda form, tag: form}[path]
    misses = 0

    def counted(form: str, tag: str) -> str:
        nonlocal misses
        misses += 1
        return verb(form, tag)

    for cached in (lemmas.lemmatize, lemmas.hanta_lemma, lemmas.fast_lemma):
        cached.cache_clear()
    original = lemmas.fast_lemma
    lemmas.fast_lemma = counted  # lemmatize looks the name up at call time
    try:
        c0 = time.process_time()
        out = [lemmas.lemmatize(form, tag) for form, tag in pairs]
        return time.process_time() - c0, misses, out
    finally:
        lemmas.fast_lemma = original


def main() -> None:
    """Alternate the two paths and print each round."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--texts", type=int, default=10_000, help="SmartData news documents (all: ~380)")
    args = ap.parse_args()
    pairs = tagged(args.texts)
    lemmas.lemmatize("warm", "VVFIN")  # load the tables, HanTa and the fast tagger's index outside the timing
    lemmas.fast_tagger(), lemmas._untagged()
    print(f"{len(pairs):,} tokens")
    results: dict[str, list[str]] = {}
    for r in range(args.rounds):
        base, *_ = run(pairs, "none")  # tables and rules only: what is left when a verb miss costs nothing
        for path in ("hanta", "fast") if r % 2 == 0 else ("fast", "hanta"):
            cpu, misses, out = run(pairs, path)
            if results.setdefault(path, out) != out:
                raise SystemExit(f"{path}: lemmas changed between rounds")
            print(f"round {r + 1} {path}: {cpu / len(pairs) * 1e6:.2f} µs/token ({base / len(pairs) * 1e6:.2f} "
                  f"without the verb misses), {misses} verb misses, {(cpu - base) / max(misses, 1) * 1e3:.3f} ms "
                  "per miss", flush=True)
    same = sum(a == b for a, b in zip(results["hanta"], results["fast"], strict=True))
    print(f"identical lemmas: {same:,} of {len(pairs):,}")


if __name__ == "__main__":
    main()
