"""Training-data helpers: the GermEval split and the GSD tag-UPOS table."""

from __future__ import annotations

import pytest

from kiebitz.nlp.corpora import GERMEVAL_HELDOUT, Sentence, germeval_heldout, germeval_trainable, shared_data
from kiebitz.nlp.train import write_upos_table


@pytest.mark.skipif(not (shared_data() / "ner-de-germeval2014").is_dir(), reason="shared data not available")
def test_germeval_heldout_part_is_never_trainable() -> None:
    held = germeval_heldout(shared_data())
    train = germeval_trainable(shared_data())
    assert len(held) == GERMEVAL_HELDOUT
    held_texts = {" ".join(s.words) for s in held}
    assert [s for s in train if " ".join(s.words) in held_texts] == []


def test_upos_table_keeps_pairs_and_word_exceptions(tmp_path, monkeypatch) -> None:
    import kiebitz.nlp.train as train

    monkeypatch.setattr(train, "__file__", str(tmp_path / "nlp" / "train.py"))
    (tmp_path / "data" / "nlp").mkdir(parents=True)
    sents = [Sentence(words=["andere", "neue", "neue"], spaces=[True] * 3, tags=["ADJA"] * 3,
                      pos=["DET", "ADJ", "ADJ"])]
    path = write_upos_table(sents)
    rows = [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    assert ["ADJA", "*", "ADJ", "2"] in rows and ["ADJA", "*", "DET", "1"] in rows
    assert ["ADJA", "andere", "DET", "1"] in rows
    assert not any(r[1] == "neue" for r in rows)  # same as the tag's commonest UPOS: not stored


def test_all_trains_on_germeval_dev_by_default(monkeypatch) -> None:
    import kiebitz.nlp.train as train

    calls: list[bool] = []
    monkeypatch.setattr(train, "prepare", lambda silver, germeval_dev, augment, ud_copies: calls.append(germeval_dev))
    monkeypatch.setattr(train, "train_de", lambda epochs, arch, seed: None)
    train.main(["all"])
    train.main(["prepare", "--germeval-dev"])
    train.main(["prepare", "--germeval-test-only"])
    assert calls == [True, True, False]
