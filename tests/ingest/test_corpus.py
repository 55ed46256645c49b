"""The bundled example corpus: every file reads, cleans and is marked as invented."""

from __future__ import annotations

import json

import kiebitz
from kiebitz.errors import KiebitzError
from kiebitz.paths import EXAMPLES_DIR


def test_corpus_analyses_without_errors() -> None:
    items = list(kiebitz.iter_analyze([EXAMPLES_DIR]))
    errors = [i for i in items if isinstance(i, KiebitzError)]
    assert not errors, errors
    assert 8 <= len(items) <= 12
    assert {a.language for a in items} == {"de", "en"}
    assert all(a.title and a.published and a.text for a in items)
    assert len({a.id for a in items}) == len(items)
    suffixes = {a.source.path.rsplit(".", 1)[-1] for a in items}
    assert suffixes >= {"txt", "html", "jsonl"}
    # The invented-article notes and the boilerplate are out of the text, listed in `removed`.
    for article in items:
        assert "erfunden" not in article.text and "invented" not in article.text
        assert any(r.reason == "editorial note" for r in article.removed)


def test_corpus_files_are_marked_invented() -> None:
    assert "invented" in (EXAMPLES_DIR / "README.md").read_text(encoding="utf-8")
    for path in EXAMPLES_DIR.iterdir():
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".jsonl":
            assert all(json.loads(line)["invented"] is True for line in text.splitlines() if line.strip())
        elif path.suffix == ".html":
            assert '<meta name="kiebitz:invented" content="true">' in text
        elif path.suffix == ".txt":
            assert "frei erfunden" in text or "is invented" in text
