"""`kiebitz eval dedup`: precision/recall of near-duplicate detection on synthetic labelled variants.

Pairwise clustering scores: every pair of documents the detector puts in one group (same original)
is a predicted pair; gold pairs are copies of the same base article. Recall is also given per
variant kind, and the false links caused by same-topic follow-ups are counted.
"""

from __future__ import annotations

import argparse
import itertools
from collections import Counter, defaultdict
from pathlib import Path

from ..paths import shared_data
from .dedup import Deduper, MemoryIndex
from .variants import POSITIVE_KINDS, Doc, generated_sentences, labelled_set, ud_sentences

DEFAULT_DATA = shared_data()


def _pairs(groups: dict[int, int]) -> set[tuple[int, int]]:
    members: dict[int, list[int]] = defaultdict(list)
    for doc, group in groups.items():
        members[group].append(doc)
    return {tuple(sorted(p)) for m in members.values() for p in itertools.combinations(m, 2)}  # type: ignore[misc]


def score(docs: list[Doc], shingle: int, threshold: float, num_perm: int = 128) -> dict[str, float]:
    """Run the detector over `docs` in order and score its grouping against the gold groups."""
    dedup = Deduper(MemoryIndex(), threshold=threshold, shingle=shingle, num_perm=num_perm)
    matches = dedup.add_all((d.key, d.text) for d in docs)
    predicted = {d.key: (matches[d.key].original if d.key in matches else d.key) for d in docs}
    gold = {d.key: d.group for d in docs}
    pp, gp = _pairs(predicted), _pairs(gold)
    tp = len(pp & gp)
    p = tp / len(pp) if pp else 1.0
    r = tp / len(gp) if gp else 1.0
    out = {"P": p, "R": r, "F1": 2 * p * r / (p + r) if p + r else 0.0}
    # Per kind: was the copy grouped with its base article?
    kind = {d.key: d.kind for d in docs}
    found, total = Counter(), Counter()
    for d in docs:
        if d.kind in POSITIVE_KINDS:
            total[d.kind] += 1
            found[d.kind] += predicted[d.key] == predicted[d.group]
    for k in POSITIVE_KINDS:
        out[f"R_{k}"] = found[k] / total[k] if total[k] else 0.0
    out["false_followup"] = sum(1 for a, b in pp - gp if "follow-up" in (kind[a], kind[b]))
    return out


def main(argv: list[str] | None = None) -> int:
    """Print a table of P/R/F1 per shingle size and threshold."""
    ap = argparse.ArgumentParser(prog="kiebitz eval dedup", description=__doc__)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="../shared/data (for UD sentences)")
    ap.add_argument("--n", type=int, default=300, help="base articles")
    ap.add_argument("--shingles", default="1,2,3,4,5")
    ap.add_argument("--thresholds", default="0.3,0.4,0.5,0.6,0.7,0.8")
    ap.add_argument("--num-perm", type=int, default=128)
    args = ap.parse_args(argv)
    sentences = ud_sentences(args.data) if args.data.exists() else []
    source = "UD treebanks" if sentences else "generated sentences"
    if not sentences:
        sentences = generated_sentences(8000)
    docs = labelled_set(sentences, args.n)
    print(f"# {len(docs)} documents from {source}: {args.n} bases, each with "
          f"{', '.join(POSITIVE_KINDS)} copies and a same-topic follow-up; num_perm={args.num_perm}")
    head = ["k", "thr", "P", "R", "F1", *(f"R_{k}" for k in POSITIVE_KINDS), "false_followup"]
    print("\t".join(head))
    for k in (int(x) for x in args.shingles.split(",")):
        for t in (float(x) for x in args.thresholds.split(",")):
            s = score(docs, k, t, args.num_perm)
            print("\t".join([str(k), f"{t:.2f}", *(f"{s[h]:.3f}" for h in head[2:-1]), str(s["false_followup"])]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
