"""Ingest test fixtures: a private KIEBITZ_HOME so no test touches the user's outlet table."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def matrix_csv(shared_data: Path) -> Path:
    path = shared_data / "outlets-state-media" / "State_Media_Matrix.csv"
    if not path.exists():
        pytest.fail(f"State Media Matrix missing: {path}")
    return path
