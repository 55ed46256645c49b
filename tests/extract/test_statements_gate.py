"""Quality gates: F1 floors a little below the measured figures (docs/statements.md)."""

from __future__ import annotations

import pytest

from kiebitz.extract.statements_eval import DATASETS, evaluate

# data set -> (quote F1 floor, joint F1 floor); measured 2026-11-29, see docs/statements.md
# (en and de-dev are our own regression sets; wikinews and gepade are independent gold data)
FLOORS = {"wikinews": (0.75, 0.60), "gepade": (0.44, 0.27), "en": (0.97, 0.97), "de-dev": (0.96, 0.95)}


@pytest.mark.gate
@pytest.mark.parametrize("name", sorted(FLOORS))
def test_statement_floors(name: str) -> None:
    path = DATASETS[name][0]
    if not path.exists():
        pytest.fail(f"gold data missing: {path}")
    figures = evaluate(name).summary()
    quote_floor, joint_floor = FLOORS[name]
    assert figures["quote_f1"] >= quote_floor, figures
    assert figures["joint_f1"] >= joint_floor, figures
