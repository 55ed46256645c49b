"""Run every benchmark in bench/ (each module with a `main()`), one after another, with default settings.

    python bench/run.py [NAME ...]     # NAME: a file stem such as clean_store; default: all
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main(argv: list[str] | None = None) -> int:
    """Run the benchmarks named in argv (file stems), or all of them."""
    wanted = set(argv if argv is not None else sys.argv[1:])
    status = 0
    for path in sorted(HERE.glob("*.py")):
        if path.name == Path(__file__).name or path.name.startswith("_"):
            continue
        if wanted and path.stem not in wanted:
            continue
        spec = importlib.util.spec_from_file_location(f"bench_{path.stem}", path)
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        if not callable(getattr(module, "main", None)):
            continue
        print(f"== {path.stem}", flush=True)
        saved = sys.argv
        sys.argv = [str(path)]  # each benchmark sees no options: its defaults
        try:
            status |= int(module.main() or 0)
        except Exception as exc:  # one broken benchmark must not hide the others' figures
            print(f"error: {path.name}: {type(exc).__name__}: {exc}", file=sys.stderr)
            status = 1
        finally:
            sys.argv = saved
    return status


if __name__ == "__main__":
    raise SystemExit(main())
