"""Every parse the German pipeline returns is a valid tree, also with line breaks in the text."""

from __future__ import annotations

import pytest

from kiebitz.ingest.build import build_article
from kiebitz.ingest.readers import read_paths
from kiebitz.nlp import load
from kiebitz.paths import EXAMPLES_DIR


def _german_texts() -> list[str]:
    texts = []
    for raw in read_paths([EXAMPLES_DIR]):
        if isinstance(raw, Exception):
            continue
        art = build_article(raw)
        if art.text and raw.origin.split("/")[-1].startswith("de-"):
            texts.append(art.text)
    return texts


@pytest.mark.parametrize("text", [
    "Die EU verhängte Sanktionen.\n\nMinsk reagierte empört.\nDer Sprecher sagte, man prüfe Schritte.",
    "„Wir werden antworten“, sagte er.\n\n\nDie Regierung in Berlin schwieg.",
])
def test_trees_are_valid_on_line_breaks(text: str) -> None:
    doc = load("de")(text)
    _check(doc)


def test_trees_are_valid_on_the_example_corpus() -> None:
    texts = _german_texts()
    assert texts
    for doc in load("de").pipe(texts):
        _check(doc)


def _check(doc) -> None:  # type: ignore[no-untyped-def]
    for tok in doc:
        seen = {tok.i}
        node = tok
        while node.head.i != node.i:  # walk up to the root: no cycle
            node = node.head
            assert node.i not in seen, f"cycle at {tok.text!r}"
            seen.add(node.i)
    for ent in doc.ents:
        assert ent.root is not None  # raised E039 on a broken tree
    for sent in doc.sents:
        assert sent.root is not None
