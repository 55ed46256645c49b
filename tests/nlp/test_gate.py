"""Quality gate: figures on fixed held-out subsets must not fall below the pinned floors.

Floors sit a little below what `kiebitz eval nlp --limit 200` measured (docs/nlp.md); a regression
in the shipped models or the rules fails CI. Needs the shared data (../shared/data or KIEBITZ_DATA).
"""

from __future__ import annotations

import pytest

from kiebitz.nlp.corpora import shared_data
from kiebitz.nlp.evaluate import evaluate_de, evaluate_en

pytestmark = [
    pytest.mark.gate,
    pytest.mark.skipif(not (shared_data() / "ud-de").is_dir(), reason="shared data not available"),
]

LIMIT = 200

FLOORS_DE = {  # measured (limit 200): sents 0.952, UPOS 0.944 (0.936 before the GSD conventions of session 9),
    # UAS 0.792, LAS 0.721, NER 0.615, span 0.720,
    # derived 0.780 (session 5: run-2 data + USE v3 subword features; NER on GermEval dev's first 200). The
    # derived floor was 0.80 for the run-2 model (0.865 on these 20 names); on all 1,100 held-out sentences
    # the subword model is better (0.676 vs 0.660), so the 20-name subset moves by noise: floor 0.75.
    "sents_f": 0.94,
    "upos": 0.935,
    "uas": 0.78,
    "las": 0.71,
    "ner_f": 0.60,
    "ner_span_f": 0.70,
    "derived_f": 0.75,
}
FLOORS_EN = {  # measured (limit 200; NER on its odd half, 47 names): sents 0.904, UPOS 0.945, NER labelled 0.524, span 0.810
    "sents_f": 0.88,
    "upos": 0.93,
    "ner_f": 0.50,
    "ner_span_f": 0.77,
}


@pytest.fixture(scope="module")
def german() -> dict[str, float]:
    return evaluate_de(LIMIT, smartdata=False)


@pytest.fixture(scope="module")
def english() -> dict[str, float]:
    return evaluate_en(LIMIT)


@pytest.mark.parametrize("metric", sorted(FLOORS_DE))
def test_german_floor(german: dict[str, float], metric: str) -> None:
    assert german[metric] >= FLOORS_DE[metric], f"{metric} {german[metric]:.3f} < floor {FLOORS_DE[metric]}"


@pytest.mark.parametrize("metric", sorted(FLOORS_EN))
def test_english_floor(english: dict[str, float], metric: str) -> None:
    assert english[metric] >= FLOORS_EN[metric], f"{metric} {english[metric]:.3f} < floor {FLOORS_EN[metric]}"


LAS_FULL_DEV = 0.72  # measured 0.723 on all of GSD dev (the first target 0.72; session 5 model trained
# with GermEval dev's second part and subword features, docs/nlp.md)
UPOS_FULL_DEV = 0.948  # measured 0.9510 on all of GSD dev (session 9: kiebitz_upos's GSD conventions; 0.9438 before)


@pytest.fixture(scope="module")
def full_dev() -> dict[str, float]:
    # The whole development set (799 sentences, ~10 s): the 200-sentence subset is too small to pin LAS.
    from kiebitz.nlp import load
    from kiebitz.nlp.corpora import read_conllu
    from kiebitz.nlp.evaluate import ud_scores

    return ud_scores(load("de"), read_conllu(shared_data() / "ud-de" / "de_gsd-ud-dev.conllu"))


def test_german_las_on_all_of_gsd_dev(full_dev: dict[str, float]) -> None:
    assert full_dev["las"] >= LAS_FULL_DEV, f"LAS {full_dev['las']:.3f} on GSD dev < {LAS_FULL_DEV}"


def test_german_upos_on_all_of_gsd_dev(full_dev: dict[str, float]) -> None:
    assert full_dev["upos"] >= UPOS_FULL_DEV, f"UPOS {full_dev['upos']:.4f} on GSD dev < {UPOS_FULL_DEV}"


SMARTDATA_FULL = 0.595  # measured 0.609 on all of SmartData test (ner21; session 10: news entity rules 0.607; 0.489 before)
GERMEVAL_HELDOUT_FULL = 0.62  # measured 0.629 on all 1,100 held-out GermEval dev sentences (ner21; session 10: 0.628; session 9: 0.619)


def test_german_ner_on_all_of_smartdata_test() -> None:
    # The whole de-duplicated test set (~20 s): research-use data, measured only, never trained or tuned on.
    from kiebitz.nlp import load
    from kiebitz.nlp.evaluate import prf, smartdata_scores

    counts = smartdata_scores(load("de"), None)
    _p, _r, f = prf(counts[("tp", "ALL")], counts[("fp", "ALL")], counts[("fn", "ALL")])
    assert f >= SMARTDATA_FULL, f"SmartData test NER F1 {f:.3f} < {SMARTDATA_FULL}"


def test_german_ner_on_all_heldout_germeval() -> None:
    from kiebitz.nlp import load
    from kiebitz.nlp.evaluate import GERMEVAL_LABELS, KIEBITZ_LABELS, germeval_heldout, ner_scores, prf

    lab, _span = ner_scores(load("de"), germeval_heldout(shared_data()), GERMEVAL_LABELS, KIEBITZ_LABELS)
    _p, _r, f = prf(lab[("tp", "ALL")], lab[("fp", "ALL")], lab[("fn", "ALL")])
    assert f >= GERMEVAL_HELDOUT_FULL, f"held-out GermEval NER F1 {f:.3f} < {GERMEVAL_HELDOUT_FULL}"
