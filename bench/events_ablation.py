"""Unseen-verb proxy for the events similarity fallback (docs/events.md, "Generalising the type coding").

Drops every third line of the English trigger lexicon (fold r: lines with line % 3 == r) and scores
the PLOVER even half with and without the fallback at a threshold:
    python bench/events_ablation.py FOLD USE_FALLBACK(0|1) THRESHOLD
The shipped lexicon vectors do not match the reduced lexicon, so they are re-embedded in memory.
"""

from __future__ import annotations

import sys

import kiebitz.extract.events as ev
import kiebitz.extract.plover as pl
import kiebitz.extract.similar as sim
from kiebitz.extract.events_eval import load_plover, run, score


def main() -> None:
    fold, use, threshold = int(sys.argv[1]), sys.argv[2] == "1", float(sys.argv[3])
    sim.THRESHOLD = threshold
    kept = tuple(t for t in pl.triggers("en") if t.line % 3 != fold)
    full = pl.triggers.__wrapped__

    def reduced(lang: str) -> tuple[pl.Trigger, ...]:
        return kept if lang != "de" else full(lang)

    pl.triggers = reduced  # type: ignore[assignment]
    sim.triggers = reduced  # type: ignore[assignment]
    sim._verb_table = lambda lang: {}  # type: ignore[assignment]  # the table belongs to the full lexicon
    pl._atoms.cache_clear()
    pl._needs.cache_clear()
    if not use:
        ev.similar_matches = lambda *a, **k: []  # type: ignore[assignment]
    res = score(run(load_plover(half="even")))
    print(fold, use, threshold, res["type_accuracy"], res["type_found_any"], res["pair_accuracy"])


if __name__ == "__main__":
    main()
