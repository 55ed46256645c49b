"""Run every benchmark in bench/ (each module with a `main(argv) -> int`), one after another."""

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
        status |= int(module.main([]) or 0)
    return status


if __name__ == "__main__":
    raise SystemExit(main())
