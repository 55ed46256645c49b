"""Training-data helpers: the GermEval split and the GSD tag-UPOS table."""

from __future__ import annotations

from pathlib import Path

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


def test_upos_table_keeps_pairs_word_exceptions_and_conventions(tmp_path, monkeypatch) -> None:
    import kiebitz.nlp.train as train

    monkeypatch.setattr(train, "__file__", str(tmp_path / "nlp" / "train.py"))
    (tmp_path / "data" / "nlp").mkdir(parents=True)
    (tmp_path / "data" / "nlp" / "upos_classes_de.tsv").write_text(
        "# class, word\nweekday\tMontag\nweekday\tDienstag\nweekday\tSonnabend\n", encoding="utf-8")
    sents = [Sentence(words=["andere", "neue", "neue", "alte"], spaces=[True] * 4, tags=["ADJA"] * 4,
                      pos=["DET", "ADJ", "ADJ", "ADJ"]),
             Sentence(words=["Montag", "Montag", "Dienstag", "Haus"], spaces=[True] * 4, tags=["NN"] * 4,
                      pos=["PROPN", "PROPN", "NOUN", "NOUN"])]
    path = write_upos_table(sents)
    rows = [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    assert ["ADJA", "*", "ADJ", "3", "4", "tag"] in rows and ["ADJA", "*", "DET", "1", "4", "tag"] in rows
    assert ["ADJA", "andere", "DET", "1", "1", "word"] in rows  # departs from the tag's commonest UPOS
    assert ["ADJA", "neue", "ADJ", "2", "2", "word"] in rows  # seen twice: a candidate convention
    assert not any(r[1] == "alte" for r in rows)  # once, as the tag's commonest: not stored
    # A class's members share the class's counts, a member absent from the treebank ("Sonnabend") too.
    assert ["NN", "montag", "PROPN", "2", "3", "weekday"] in rows
    assert ["NN", "sonnabend", "PROPN", "2", "3", "weekday"] in rows
    assert ["NN", "dienstag", "PROPN", "2", "3", "weekday"] in rows


def test_all_trains_on_germeval_dev_by_default(monkeypatch) -> None:
    import kiebitz.nlp.train as train

    calls: list[bool] = []
    monkeypatch.setattr(train, "prepare", lambda silver, germeval_dev, augment, ud_copies: calls.append(germeval_dev))
    monkeypatch.setattr(train, "train_de", lambda epochs, arch, seed, name="": None)
    train.main(["all"])
    train.main(["prepare", "--germeval-dev"])
    train.main(["prepare", "--germeval-test-only"])
    assert calls == [True, True, False]


def _doc(words: list[str], **layers):
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    return Doc(Vocab(), words=words, spaces=[True] * len(words), **layers)


def test_distill_merge_keeps_gold_layers_and_fills_the_missing_ones() -> None:
    from kiebitz.nlp.distill import ENTS_NONE, ENTS_POSITIVE, layers, merge

    words = ["Merkel", "sprach", "in", "Berlin"]
    ud = _doc(words, tags=["NE", "VVFIN", "APPR", "NE"], pos=["PROPN", "VERB", "ADP", "PROPN"],
              heads=[1, 1, 3, 1], deps=["nsubj", "ROOT", "case", "obl"])
    ner = _doc(words, tags=["NE", "VVFIN", "APPR", "NE"], ents=["B-PER", "O", "O", "B-LOC"])
    teacher = _doc(words, tags=["NN", "VVFIN", "APPR", "NE"], pos=["NOUN", "VERB", "ADP", "PROPN"],
                   morphs=["Case=Nom", "Mood=Ind", "", "Case=Dat"], heads=[1, 1, 1, 2],
                   deps=["nsubj", "ROOT", "obl", "nmod"], ents=["O", "O", "O", "B-LOC"])
    a = merge(ud, teacher)  # treebank sentence: gold parse and UPOS, teacher entities
    assert [t.dep_ for t in a] == ["nsubj", "ROOT", "case", "obl"] and a[0].pos_ == "PROPN"
    assert [t.tag_ for t in a] == ["NE", "VVFIN", "APPR", "NE"]  # STTS stays (gold or HanTa), never the teacher's
    assert [(e.text, e.label_) for e in a.ents] == [("Berlin", "LOC")]
    assert a[0].ent_iob_ == "O"  # outside the teacher's entities: O, not missing (fully annotated)
    b = merge(ner, teacher)  # GermEval sentence: gold entities, teacher parse and morphology
    assert [(e.text, e.label_) for e in b.ents] == [("Merkel", "PER"), ("Berlin", "LOC")]
    assert [t.dep_ for t in b] == ["nsubj", "ROOT", "obl", "nmod"] and str(b[0].morph) == "Case=Nom"
    assert layers(b)["dep"] and layers(b)["ents"] and not layers(b)["lemma"]
    c = merge(ud, teacher, ENTS_POSITIVE)  # teacher entities only, the rest missing
    assert [t.ent_iob_ for t in c] == ["", "", "", "B"]
    assert not layers(merge(ud, teacher, ENTS_NONE))["ents"]
    assert [(e.text, e.label_) for e in merge(ner, teacher, ENTS_NONE).ents] == [("Merkel", "PER"), ("Berlin", "LOC")]
    assert not layers(merge(ner, teacher, ner_docs=False))["dep"]  # the NER sentences left as they are
    assert layers(merge(ud, teacher, ner_docs=False))["ents"]


@pytest.mark.skipif(not (shared_data() / "quotes-de-gepade").is_dir(), reason="shared data not available")
def test_distill_gepade_text_is_train_only() -> None:
    from kiebitz.nlp.corpora import read_jsonl
    from kiebitz.nlp.distill import gepade_train
    from kiebitz.nlp.train import _gepade_sentences

    everything = gepade_train(10**9)
    dev = " ".join(r["text"] for r in read_jsonl(shared_data() / "quotes-de-gepade" / "dev.jsonl"))
    sample = [" ".join(s.words) for s in everything if len(s.words) > 12][::50]
    assert sample and not [s for s in sample if s in dev]
    silver = _gepade_sentences(50_000)  # the silver text of train.spacy is a prefix of it
    assert [s.words for s in everything[:len(silver)]] == [s.words for s in silver]


DISTILLED = sorted((Path(__file__).resolve().parents[2] / ".models-work" / "de").glob("train*-kd*.spacy"))


@pytest.mark.skipif(not DISTILLED or not (shared_data() / "ner-de-germeval2014").is_dir(),
                    reason="no distilled training file prepared (python -m kiebitz.nlp.train distill ...)")
def test_distilled_training_data_holds_nothing_held_out() -> None:
    # Not the held-out GermEval part, not the NER development part, not GSD dev: a sentence of those may
    # only be there as the identical text of a training corpus (GSD test repeats a few GSD dev sentences,
    # "Vielen Dank ." is in GePaDe many times).
    import random

    from spacy.tokens import DocBin
    from spacy.vocab import Vocab

    from kiebitz.nlp.corpora import read_conllu
    from kiebitz.nlp.distill import gepade_train
    from kiebitz.nlp.train import SEED

    def texts(sentences) -> set[str]:
        return {" ".join(s.words) for s in sentences}

    data = shared_data()
    germeval = germeval_trainable(data)
    random.Random(SEED).shuffle(germeval)  # the split of `train.prepare`
    cut = len(germeval) * 9 // 10
    trainable = texts(read_conllu(data / "ud-de" / "de_gsd-ud-test.conllu"))
    trainable |= texts(read_conllu(data / "ud-de" / "de_pud-ud-test.conllu")) | texts(germeval[:cut])
    trainable |= texts(gepade_train(10**9))
    never = texts(germeval_heldout(data)) | texts(germeval[cut:])
    never |= texts(read_conllu(data / "ud-de" / "de_gsd-ud-dev.conllu"))
    for path in DISTILLED:
        docs = {" ".join(t.text for t in d) for d in DocBin().from_disk(path).get_docs(Vocab())}
        assert docs and not (docs & never) - trainable, path.name
        assert not docs & (texts(germeval_heldout(data)) - trainable), path.name


def test_all_trains_the_teacher_first_when_the_shipped_model_is_distilled(monkeypatch) -> None:
    import kiebitz.nlp.train as train

    calls: list[tuple] = []
    monkeypatch.setattr(train, "ARCH", {**train.ARCH, "width": 64, "augment": 1, "distill": 50, "kd_ner_docs": 0})
    monkeypatch.setattr(train, "prepare", lambda silver, germeval_dev, augment, ud_copies: calls.append(("prepare", augment)))
    monkeypatch.setattr(train, "train_de", lambda epochs, arch, seed, name="": calls.append(("train", arch, name))
                        or Path(name or "student"))
    monkeypatch.setattr(train, "distilled", lambda teacher, arch=None: calls.append(("distill", teacher)))
    train.main(["all"])
    assert calls == [("prepare", 1), ("train", train.TEACHER_ARCH, "teacher"), ("distill", Path("teacher")),
                     ("train", {}, "")]
    assert train.train_file(train.ARCH) == "train-mr1-kd50-kp0.spacy"
    assert train.train_file(train.TEACHER_ARCH) == "train.spacy"


def test_ner_width_flag_reaches_the_ner_hidden_layer() -> None:
    from kiebitz.nlp.train import ARCH, _arch, config, variant_name

    arch = _arch(["de", "--width", "64", "--parser-width", "64", "--ner-width", "128", "--seed", "7"])
    assert arch == {"width": 64, "parser_width": 64, "ner_width": 128}
    cfg = config(1, arch)
    assert cfg["components"]["ner"]["model"]["hidden_width"] == 128
    assert cfg["components"]["parser"]["model"]["hidden_width"] == 64
    assert variant_name({**ARCH, **arch}) == "w64-pw64-nw128"
