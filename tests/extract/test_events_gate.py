"""Quality gates: event-type accuracy, macro-F1 and actor accuracy floors on both gold sets.

Figures and the command that reproduces them: docs/events.md (`kiebitz eval events`).
The floors sit a few points under the measured figures so that a regression fails.
"""

from __future__ import annotations

from typing import Any

import pytest

from kiebitz.extract.events_eval import PLOVER_GSR, load_german, load_plover, run, score

pytestmark = pytest.mark.gate


@pytest.fixture(scope="module")
def german() -> dict[str, Any]:
    return score(run(load_german(split="test")))


@pytest.fixture(scope="module")
def plover() -> dict[str, Any]:
    if not PLOVER_GSR.exists():
        pytest.fail(f"PLOVER gold records missing: {PLOVER_GSR}")
    return score(run(load_plover()))


def test_german_test_split_floors(german: dict[str, Any]) -> None:
    assert german["n"] == 85
    assert german["type_accuracy"] >= 0.90
    assert german["type_macro_f1"] >= 0.90
    assert german["actor_accuracy"] >= 0.87
    assert german["pair_accuracy"] >= 0.70
    assert german["modality_accuracy"] >= 0.90
    assert german["date_accuracy"] >= 0.88
    assert german["claim_accuracy"] >= 0.86


def test_plover_floors(plover: dict[str, Any]) -> None:
    assert plover["n"] == 322
    assert plover["type_accuracy"] >= 0.67
    assert plover["type_macro_f1"] >= 0.64
    assert plover["actor_accuracy"] >= 0.59
    assert plover["pair_accuracy"] >= 0.31


def test_german_gold_is_well_formed() -> None:
    rows = load_german(split="all")
    assert len(rows) >= 150
    types = {g.type for g in rows if g.type}
    assert len(types) == 16
    test = [g for g in rows if g.id.startswith("de-test")]
    assert {g.modality for g in test if g.type} >= {"asserted", "negated", "hypothetical", "future"}
    assert sum(1 for g in test if g.claimed_by) >= 6
    assert sum(1 for g in test if g.date) >= 40
