"""Where kiebitz keeps user data: the default store and imported outlet tables."""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = PACKAGE_DIR / "data"
MODELS_DIR = PACKAGE_DIR / "models"
EXAMPLES_DIR = PACKAGE_DIR / "examples" / "corpus"


def home(create: bool = True) -> Path:
    """The user's kiebitz folder: $KIEBITZ_HOME, else ~/.local/share/kiebitz (created on demand)."""
    root = os.environ.get("KIEBITZ_HOME")
    path = Path(root) if root else Path.home() / ".local" / "share" / "kiebitz"
    if create:
        path.mkdir(parents=True, exist_ok=True)
    return path


def default_db() -> Path:
    """The default store: $KIEBITZ_DB, else kiebitz.db in the user's kiebitz folder."""
    env = os.environ.get("KIEBITZ_DB")
    return Path(env) if env else home() / "kiebitz.db"


def shared_data() -> Path:
    """The shared data sets: $KIEBITZ_DATA, else $KIEBITZ_SHARED/data, else the first ../shared/data above the package."""
    env = os.environ.get("KIEBITZ_DATA")
    if env:
        return Path(env)
    if os.environ.get("KIEBITZ_SHARED"):
        return Path(os.environ["KIEBITZ_SHARED"]) / "data"
    for parent in PACKAGE_DIR.parents:
        cand = parent / "shared" / "data"
        if cand.is_dir():
            return cand
    # CI and a fresh clone keep shared/ beside the checkout; named here so error messages show where
    return PACKAGE_DIR.parent.parent / "shared" / "data"
