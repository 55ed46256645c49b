"""`kiebitz import` (idempotent, lossless) and the message for a missing engine extra."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from kiebitz.cli import main
from kiebitz.model import from_dict
from kiebitz.store import Store


def test_import_is_idempotent_and_lossless(local_output: Path, local_rows: dict[str, list[dict[str, Any]]],
                                           tmp_path: Path) -> None:
    db = tmp_path / "k.db"
    first = CliRunner().invoke(main, ["import", str(local_output), "--db", str(db)])
    assert first.exit_code == 0, first.output
    assert "12 articles added, 0 already stored" in first.output
    second = CliRunner().invoke(main, ["import", str(local_output), "--db", str(db)])
    assert second.exit_code == 0, second.output
    assert "0 articles added, 12 already stored" in second.output
    with Store(db, readonly=True) as store:
        assert len(store) == 12
        for row in local_rows["records"]:
            assert store.get(row["id"]) == from_dict(json.loads(row["record"]))
        stored = store.connection.execute("SELECT count(*) FROM statements").fetchone()[0]
    assert stored == len(local_rows["statements"])


def test_import_refuses_a_folder_that_is_not_batch_output(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["import", str(tmp_path), "--db", str(tmp_path / "k.db")])
    assert result.exit_code == 1
    assert "not the output of kiebitz batch" in result.output


@pytest.mark.parametrize(("engine", "module", "extra"), [("ray", "ray", "ray"), ("spark", "pyspark", "spark")])
def test_missing_engine_says_what_to_install(engine: str, module: str, extra: str, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == module else real(name, *a))
    result = CliRunner().invoke(main, ["batch", str(tmp_path), "--out", str(tmp_path / "out"), "--engine", engine])
    assert result.exit_code == 2
    assert f"pip install 'kiebitz[{extra}]'" in result.output
    assert "Traceback" not in result.output and not isinstance(result.exception, ImportError)
    assert not (tmp_path / "out").exists()
