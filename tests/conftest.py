"""Shared fixtures: the seed article from ../shared, small hand-built articles."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED = SHARED / "examples" / "rt-rjabkow-de.txt"
DATA = SHARED / "data"


@pytest.fixture(scope="session")
def seed_path() -> Path:
    if not SEED.exists():
        pytest.fail(f"seed article missing: {SEED} (../shared must sit beside the repo)")
    return SEED


@pytest.fixture(scope="session")
def shared_data() -> Path:
    return DATA


@pytest.fixture(autouse=True)
def kiebitz_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own KIEBITZ_HOME/KIEBITZ_DB so none touches the user's real store."""
    home = tmp_path_factory.mktemp("kiebitz-home")
    monkeypatch.setenv("KIEBITZ_HOME", str(home))
    monkeypatch.setenv("KIEBITZ_DB", str(home / "kiebitz.db"))
    return home
