"""Every module imports on its own: a circular import shows up only when a module is imported first."""

from __future__ import annotations

import subprocess
import sys

_SCRIPT = """
import importlib, pkgutil, sys
import kiebitz
names = sorted(m.name for m in pkgutil.walk_packages(kiebitz.__path__, "kiebitz."))
failed = []
for name in names:
    for loaded in [m for m in sys.modules if m == "kiebitz" or m.startswith("kiebitz.")]:
        del sys.modules[loaded]
    try:
        importlib.import_module(name)
    except ImportError as exc:
        if "circular import" in str(exc) or "partially initialized" in str(exc):
            failed.append(f"{name}: {exc}")
print("\\n".join(failed))
"""


def test_every_module_imports_first() -> None:
    out = subprocess.run([sys.executable, "-c", _SCRIPT], capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip() == ""
