"""Distillation data: a trained teacher model fills the layers each training corpus lacks.

The joint German training corpora each annotate part of the layers (docs/nlp.md): the UD treebank sentences
(GSD test + PUD) have gold tags, morphology and parses but no entities; the GermEval NER-training sentences
have gold entities but no parses or morphology; the GePaDe speech text (CC BY-SA, *train split only*) has
only HanTa's silver STTS tags. A student trained on them learns each task from part of the text. Here a
teacher (a bigger model trained on the same data) annotates what is missing, so every training sentence
carries every layer: teacher entities on the treebank sentences, teacher UPOS/morphology/parses on the
GermEval sentences, teacher everything but STTS on GePaDe. Gold layers always stay gold; STTS tags stay as
they are (gold or HanTa's, HanTa being the tagger's own teacher).

Teacher entities make a document fully annotated: every token outside a teacher entity is O, not missing.
The teacher's "no entity here" is as much its decision as its entities (and as GermEval's gold O); marking
the rest missing would show the student only positive spans and no negative evidence on that text, pushing
it towards over-predicting names.

Never distilled onto: GSD dev (development set), the held-out GermEval part or the NER development part (the
input is the prepared training DocBin, which holds neither), GePaDe dev (a statements evaluation set),
SmartData or Wikinews.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc, DocBin

from . import blas, subword_layer  # noqa: F401 - registers kiebitz.SubwordEmbed.v1 (the models' embedding)
from .corpora import Sentence, gepade_sentences
from .german import tag_tokens

BATCH = 64


def layers(doc: Doc) -> dict[str, bool]:
    """Which layers a training doc carries (spaCy treats the others as missing)."""
    return {"tag": doc.has_annotation("TAG"), "pos": doc.has_annotation("POS"),
            "morph": doc.has_annotation("MORPH"), "dep": doc.has_annotation("DEP"),
            "lemma": doc.has_annotation("LEMMA"), "ents": doc.has_annotation("ENT_IOB")}


# How teacher entities enter a doc without gold entities (ARCH "kd_ents"): not at all, fully annotated
# (O outside the teacher's entities; the default, see the module docstring), or positive only (missing outside).
ENTS_NONE, ENTS_FULL, ENTS_POSITIVE = 0, 1, 2


def merge(gold: Doc, pred: Doc, ents: int = ENTS_FULL, ner_docs: bool = True) -> Doc:
    """A doc with `gold`'s layers where it has them and the teacher's (`pred`, same tokens) elsewhere;
    `ner_docs` False leaves docs with gold entities as they are (no teacher parses on the NER sentences)."""
    have = layers(gold)
    if have["ents"] and not ner_docs:
        return gold
    src = {k: gold if have[k] else pred for k in ("pos", "morph", "dep", "ents")}
    outside = "O" if have["ents"] or ents == ENTS_FULL else None
    kwargs: dict = {
        "pos": [t.pos_ for t in src["pos"]],
        "morphs": [str(t.morph) for t in src["morph"]],
        "heads": [t.head.i for t in src["dep"]],
        "deps": [t.dep_ for t in src["dep"]],
    }
    if have["ents"] or ents != ENTS_NONE:
        kwargs["ents"] = [f"{t.ent_iob_}-{t.ent_type_}" if t.ent_iob_ in ("B", "I") else outside for t in src["ents"]]
    if have["tag"]:
        kwargs["tags"] = [t.tag_ for t in gold]
    if have["lemma"]:
        kwargs["lemmas"] = [t.lemma_ for t in gold]
    return Doc(gold.vocab, words=[t.text for t in gold], spaces=[bool(t.whitespace_) for t in gold], **kwargs)


def annotate(teacher: Language, docs: list[Doc], ents: int = ENTS_FULL, ner_docs: bool = True) -> list[Doc]:
    """Every doc with its missing layers filled in by the teacher (the teacher's own pipes, no rules)."""
    bare = (Doc(teacher.vocab, words=[t.text for t in d], spaces=[bool(t.whitespace_) for t in d]) for d in docs)
    return [merge(gold, pred, ents, ner_docs)
            for gold, pred in zip(docs, teacher.pipe(bare, batch_size=BATCH), strict=True)]


def gepade_train(limit_tokens: int) -> list[Sentence]:
    """GePaDe *train* sentences (never dev: a statements evaluation set), up to `limit_tokens`, cut the way
    `train._gepade_sentences` cuts them (same prefix)."""
    return gepade_sentences(limit_tokens, ("train.jsonl",))


def extra_gepade(docs: Iterable[Doc], limit_tokens: int, vocab) -> list[Doc]:
    """GePaDe train sentences beyond those already in `docs` (the unlabelled ones), up to `limit_tokens` of
    GePaDe in all, with HanTa's silver STTS tags."""
    have = sum(1 for d in docs if not any(layers(d)[k] for k in ("pos", "dep", "ents")))
    new = gepade_train(limit_tokens)[have:]
    out = []
    for s in new:
        out.append(Doc(vocab, words=s.words, spaces=s.spaces, tags=[t for _l, t in tag_tokens(s.words)]))
    return out


def distill(teacher_dir: Path, source: Path, target: Path, gepade_tokens: int = 0, ents: int = ENTS_FULL,
            ner_docs: bool = True) -> Path:
    """Write `target`: the docs of `source` (a prepared training DocBin) with the teacher's layers filled in,
    plus GePaDe train text up to `gepade_tokens` tokens in all (0: only the GePaDe text already there);
    teacher entities as `ents` says (ENTS_FULL, ENTS_POSITIVE, ENTS_NONE); `ner_docs` False: the NER
    sentences (gold entities) get no teacher layers."""
    blas.install()
    teacher = spacy.load(teacher_dir)
    docs = list(DocBin().from_disk(source).get_docs(teacher.vocab))
    if gepade_tokens:
        docs += extra_gepade(docs, gepade_tokens, teacher.vocab)
    out = annotate(teacher, docs, ents, ner_docs)
    DocBin(docs=out, store_user_data=False).to_disk(target)
    counts = {"docs": len(out), "tokens": sum(len(d) for d in out),
              "teacher_entities": sum(len(d.ents) for d, g in zip(out, docs, strict=True) if not layers(g)["ents"])}
    target.with_suffix(".json").write_text(json.dumps({"teacher": str(teacher_dir), "source": str(source),
                                                       "gepade_tokens": gepade_tokens,
                                                       "ents": ents, "ner_docs": ner_docs, **counts}, indent=1) + "\n",
                                           encoding="utf-8")
    print(f"distilled {counts} -> {target}", flush=True)
    return target


if __name__ == "__main__":  # python -m kiebitz.nlp.distill TEACHER SOURCE TARGET [GEPADE_TOKENS]
    distill(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]), *(int(a) for a in sys.argv[4:7]))
