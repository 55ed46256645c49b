"""Gate on the unseen-news development set (tests/extract/unseen.py; figures in docs/events.md)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.extract.unseen import DEV2_SET, HELDOUT_SET, evaluate

pytestmark = pytest.mark.gate


@pytest.fixture(scope="module")
def figures() -> dict[str, Any]:
    return evaluate()


def test_unseen_event_floors(figures: dict[str, Any]) -> None:
    ev = figures["events"]
    # 25 articles since events9 added ten (de8-de12, en9-en13); on the first 15: 0.733 / 0.828 after merging
    # events6 and events7 (events7 alone 0.570 / 0.672; before 0.378 / 0.379)
    assert figures["articles"] == 25 and ev["gold"] == 98
    # measured 0.835 / 0.939 after session 11 (0.736 / 0.847 at its start; before events9 0.645 / 0.694)
    assert ev["precision"] >= 0.80 and ev["recall"] >= 0.90
    assert ev["date"] >= 0.92
    assert ev["self_loops"] == 0 and ev["duplicate_actors"] == 0


def test_unseen_statement_floors(figures: dict[str, Any]) -> None:
    st = figures["statements"]
    assert st["precision"] >= 0.75 and st["recall"] >= 0.96  # measured 0.785 / 1.000 on 25 articles (session 11)
    assert st["speaker"] >= 0.92  # measured 0.961 (session 11; 0.796 at its start)


@pytest.fixture(scope="module")
def held_out() -> dict[str, Any]:
    return evaluate(path=HELDOUT_SET)


def test_held_out_floors(held_out: dict[str, Any]) -> None:
    """The held-out set is never tuned on; its floors only catch regressions (measured 2026-11-29)."""
    ev, st = held_out["events"], held_out["statements"]
    assert held_out["articles"] == 16 and ev["gold"] == 103
    # measured 0.531 / 0.485 (session 3); merged session 4 (events8 + events9) 0.591 / 0.573; session 11 0.672 / 0.650
    assert ev["precision"] >= 0.64 and ev["recall"] >= 0.62
    assert ev["self_loops"] == 0
    # measured 0.906, speaker 0.658; merged session 4 0.671; session 11 0.906, speaker 0.855
    assert st["recall"] >= 0.88 and st["speaker"] >= 0.80


@pytest.fixture(scope="module")
def dev2() -> dict[str, Any]:
    return evaluate(path=DEV2_SET)


def test_dev2_floors(dev2: dict[str, Any]) -> None:
    """The second development set (session 11: 14 German + 14 English articles, gold written before kiebitz ran)."""
    ev, st = dev2["events"], dev2["statements"]
    assert dev2["articles"] == 28 and ev["gold"] == 154
    assert ev["precision"] >= 0.67 and ev["recall"] >= 0.68  # measured 0.709 / 0.714 (start: de 0.348, en 0.553 F1)
    # one known self-loop: "Staatschef X sei festgesetzt worden" (a coup; no agent named) is coded at its place
    assert ev["self_loops"] <= 1
    assert st["precision"] >= 0.84 and st["recall"] >= 0.95 and st["speaker"] >= 0.75  # measured 0.874 / 0.981 / 0.784
