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
def plover_results() -> list:
    if not PLOVER_GSR.exists():
        pytest.fail(f"PLOVER gold records missing: {PLOVER_GSR}")
    return run(load_plover())


@pytest.fixture(scope="module")
def plover(plover_results: list) -> dict[str, Any]:
    return score(plover_results)


def test_german_test_split_floors(german: dict[str, Any]) -> None:
    assert german["n"] == 85
    assert german["type_accuracy"] >= 0.92
    assert german["type_macro_f1"] >= 0.93
    assert german["actor_accuracy"] >= 0.93
    assert german["recipient_accuracy"] >= 0.86
    assert german["pair_accuracy"] >= 0.81
    assert german["modality_accuracy"] >= 0.95
    # Merged session 3 (events6 + events7, German similarity table rebuilt): actor 0.927, recipient 0.852,
    # pair 0.805 (after the role-of-country fix), modality 0.976, date 0.939, claim 0.951.
    # events10 (counterpart roles, appositions, compounds): actor 0.951, recipient 0.885, pair 0.829
    # (floors one record under).
    assert german["date_accuracy"] >= 0.92
    assert german["claim_accuracy"] >= 0.93


def test_plover_floors(plover_results: list, plover: dict[str, Any]) -> None:
    assert plover["n"] == 322
    # events10 reached the targets: type 0.758 (>= 0.75), pair 0.713 (>= 0.70); macro-F1 0.713,
    # actor 0.835, recipient 0.799; odd half type 0.658, pair 0.625 (docs/events.md, "events10").
    assert plover["type_accuracy"] >= 0.75
    assert plover["type_macro_f1"] >= 0.70
    # Measured after merging events6 (roles, known persons) and events7 (no nearest-country guess for
    # office holders, groups as actors, no self-loops): actor 0.810, recipient 0.712, pair 0.632, odd pair 0.556.
    # events8 (sole-country office holders, armed groups/parties, more persons, forces and frames):
    # type 0.736, actor 0.829, recipient 0.771, pair 0.692; odd half type 0.646, pair 0.613.
    assert plover["actor_accuracy"] >= 0.83
    assert plover["recipient_accuracy"] >= 0.79
    assert plover["pair_accuracy"] >= 0.71
    # The held-out odd half (the English rules are written against the even half).
    odd = {(g.id, g.text) for g in load_plover(half="odd")}
    held_out = score([(g, art) for g, art in plover_results if (g.id, g.text) in odd])
    assert held_out["n"] == 161
    assert held_out["type_accuracy"] >= 0.65
    assert held_out["pair_accuracy"] >= 0.62


def test_german_gold_is_well_formed() -> None:
    rows = load_german(split="all")
    assert len(rows) >= 150
    types = {g.type for g in rows if g.type}
    assert len(types) == 16
    test = [g for g in rows if g.id.startswith("de-test")]
    assert {g.modality for g in test if g.type} >= {"asserted", "negated", "hypothetical", "future"}
    assert sum(1 for g in test if g.claimed_by) >= 6
    assert sum(1 for g in test if g.date) >= 40
