"""Error analysis of the German entities on GermEval's NER **development part** (never the held-out part).

The development part is the 10% of the trainable GermEval sentences (GermEval test + dev sentences from
``GERMEVAL_HELDOUT`` on) that ``kiebitz.nlp.train prepare`` splits off with its seeded shuffle; ``--part train``
looks at the other 90% (trained on, so the NER's own errors there are rarer). The held-out first
``GERMEVAL_HELDOUT`` dev sentences are never read here: ``kiebitz eval nlp`` only scores them.
The pipeline runs on the gold tokens as ``evaluate.ner_scores`` does; every false positive and negative goes
into one category: a boundary error (overlapping spans), a label confusion (same span), or a miss / false
alarm by the shape of the text (see ``bench/smartdata_errors.py``).

    python bench/germeval_errors.py [--part dev|train] [--examples K]
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import Counter, defaultdict

from kiebitz.nlp import load
from kiebitz.nlp.corpora import GERMEVAL_LABELS, Sentence, germeval_trainable, shared_data, to_doc
from kiebitz.nlp.evaluate import KIEBITZ_LABELS, _doc_ents, _gold_ents, run_on_words
from kiebitz.nlp.train import SEED

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from smartdata_errors import _shape, report  # noqa: E402


def split(part: str) -> list[Sentence]:
    """The NER development (or training) part, made exactly as ``train.py prepare`` makes it."""
    germeval = germeval_trainable(shared_data())
    random.Random(SEED).shuffle(germeval)
    cut = len(germeval) * 9 // 10
    return germeval[cut:] if part == "dev" else germeval[:cut]


def analyse(part: str, examples: int) -> None:
    """Print P/R/F1 and the error categories with counts and a few examples each."""
    nlp = load("de")
    counts: Counter = Counter()
    cats: Counter = Counter()
    ex: dict[str, list[str]] = defaultdict(list)
    sentences = split(part)
    for s in sentences:
        gold_doc = to_doc(nlp.vocab, Sentence(words=s.words, spaces=s.spaces, ents=s.ents), GERMEVAL_LABELS)
        fine = to_doc(nlp.vocab, Sentence(words=s.words, spaces=s.spaces, ents=s.ents),
                      {k: k for k in GERMEVAL_LABELS})
        text = gold_doc.text
        gold = {x for x in _gold_ents(gold_doc) if x[2] in KIEBITZ_LABELS}
        gold_fine = {(e.start_char, e.end_char): e.label_ for e in fine.ents}
        pred = set(_doc_ents(run_on_words(nlp, s.words, s.spaces), KIEBITZ_LABELS))
        for x in gold & pred:
            counts[("tp", x[2])] += 1
        fps, fns = pred - gold, gold - pred
        used_fn: set = set()

        def note(cat: str, line: str) -> None:
            cats[cat] += 1
            if len(ex[cat]) < examples:
                ex[cat].append(line)

        for st, en, lab in sorted(fps):
            ctx = f"<{text[max(0, st - 30):st]}|{text[en:en + 25]}>"
            over = [g for g in fns if g[0] < en and st < g[1]]
            same = [g for g in over if (g[0], g[1]) == (st, en)]
            if same:
                used_fn.add(same[0])
                note(f"label: gold {same[0][2]} -> pred {lab}", f"[{text[st:en]}] {ctx}")
            elif over:
                g = over[0]
                used_fn.update(over)
                kind = "same label" if g[2] == lab else f"{g[2]}->{lab}"
                longer = "pred longer" if en - st > g[1] - g[0] else "pred shorter/shifted"
                note(f"boundary ({kind}, {longer})", f"gold [{text[g[0]:g[1]]}] pred [{text[st:en]}]")
            else:
                other = next((t for (a, b), t in gold_fine.items() if a <= st and en <= b), None)
                before = text[:st].split()[-1] if text[:st].split() else ""
                cat = f"FP {lab} on gold {other}" if other else f"FP {lab}: {_shape(text[st:en], before)}"
                note(cat, f"[{text[st:en]}] {ctx}")
        for st, en, lab in sorted(fns - used_fn):
            before = text[:st].split()[-1] if text[:st].split() else ""
            note(f"FN {lab}: {_shape(text[st:en], before)}",
                 f"[{text[st:en]}] <{text[max(0, st - 30):st]}|{text[en:en + 25]}>")
        for x in fps:
            counts[("fp", x[2])] += 1
        for x in fns:
            counts[("fn", x[2])] += 1
    report(counts, KIEBITZ_LABELS, f"{len(sentences)} sentences, part {part}", cats, ex)


def main(argv: list[str]) -> int:
    """Command line."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--part", choices=["dev", "train"], default="dev")
    ap.add_argument("--examples", type=int, default=5)
    args = ap.parse_args(argv)
    analyse(args.part, args.examples)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
