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

FLOORS_DE = {
    "sents_f": 0.95,
    "upos": 0.93,
    "uas": 0.0,
    "las": 0.0,
    "ner_f": 0.35,
    "derived_f": 0.70,
}
FLOORS_EN = {
    "sents_f": 0.60,
    "upos": 0.90,
    "ner_f": 0.50,
    "ner_span_f": 0.65,
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
