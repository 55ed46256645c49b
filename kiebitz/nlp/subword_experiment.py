"""Measurement only: does the USE v3 subword feature (`subword_layer.py`) help German NER?

``python -m kiebitz.nlp.subword_experiment ner [--subwords N] [--epochs N]`` trains an NER-only spaCy pipeline
(tok2vec width 96 as shipped + NER) on GermEval 2014 test (the same seeded 90/10 train/development split as
`train.py prepare`), picks model-best on the development part, and scores the held-out first 1,100 GermEval
dev sentences (never trained on, never used to choose) and SmartData test (research use, measured only).
Without ``--subwords`` it is the baseline with exactly the same seed and settings. Output in
.models-work/subwords/ner-<sw N|base>/ (docs/nlp.md, "Pretrained subword features").
"""

from __future__ import annotations

import json
import random
import sys
from collections import Counter
from pathlib import Path

import spacy
from spacy.tokens import DocBin

from . import blas
from .corpora import GERMEVAL_LABELS, Sentence, germeval_heldout, read_germeval, shared_data, to_doc
from .evaluate import KIEBITZ_LABELS, SMARTDATA_LABELS, prf, read_jsonl, span_counts
from .subword_layer import embed_config
from .train import ARCH, SEED, WORK, schedule

OUT = WORK / "subwords"


def ner_data() -> None:
    """NER train/development DocBins: GermEval test, seeded 90/10 split exactly as `train.prepare`."""
    OUT.mkdir(parents=True, exist_ok=True)
    if (OUT / "ner-train.spacy").exists():
        return
    germeval = read_germeval(shared_data() / "ner-de-germeval2014" / "NER-de-test.tsv")
    random.Random(SEED).shuffle(germeval)
    cut = len(germeval) * 9 // 10
    nlp = spacy.blank("de")
    for name, part in (("ner-train", germeval[:cut]), ("ner-dev", germeval[cut:])):
        docs = [to_doc(nlp.vocab, s, GERMEVAL_LABELS) for s in part]
        DocBin(docs=docs, store_user_data=False).to_disk(OUT / f"{name}.spacy")


def ner_config(max_epochs: int, subwords: int) -> spacy.util.Config:
    """NER-only efficiency config with the shipped tok2vec and NER sizes."""
    from spacy.cli.init_config import init_config

    cfg = init_config(lang="de", pipeline=["tok2vec", "ner"], optimize="efficiency", gpu=False)
    cfg["paths"]["train"] = str(OUT / "ner-train.spacy")
    cfg["paths"]["dev"] = str(OUT / "ner-dev.spacy")
    schedule(cfg, max_epochs, eval_frequency=200)
    tv = cfg["components"]["tok2vec"]["model"]
    tv["embed"] = embed_config(ARCH["width"], subwords)
    tv["encode"]["width"] = ARCH["width"]
    tv["encode"]["depth"] = ARCH["depth"]
    ner = cfg["components"]["ner"]["model"]
    ner["hidden_width"], ner["maxout_pieces"] = ARCH["ner_width"], ARCH["ner_pieces"]
    return cfg


def heldout_scores(nlp: spacy.language.Language, sentences: list[Sentence]) -> dict[str, float]:
    """Labelled exact-span P/R/F1 (PER/ORG/LOC/MISC) of the bare NER on gold tokens, and span F1."""
    lab, span = Counter(), Counter()
    docs = nlp.pipe(spacy.tokens.Doc(nlp.vocab, words=s.words, spaces=s.spaces) for s in sentences)
    for s, pred in zip(sentences, docs, strict=True):
        gold = to_doc(nlp.vocab, Sentence(words=s.words, spaces=s.spaces, ents=s.ents), GERMEVAL_LABELS)
        g = [(e.start_char, e.end_char, e.label_) for e in gold.ents if e.label_ in KIEBITZ_LABELS]
        p = [(e.start_char, e.end_char, e.label_) for e in pred.ents if e.label_ in KIEBITZ_LABELS]
        span_counts(g, p, lab)
        span_counts(g, p, span, labelled=False)
    def f1(counts: Counter, label: str) -> tuple[float, float, float]:
        return prf(counts[("tp", label)], counts[("fp", label)], counts[("fn", label)])

    p, r, f = f1(lab, "ALL")
    out = {"ner_p": round(p, 4), "ner_r": round(r, 4), "ner_f": round(f, 4), "span_f": round(f1(span, "ALL")[2], 4)}
    out.update({f"{label}_f": round(f1(lab, label)[2], 4) for label in KIEBITZ_LABELS})
    return out


def smartdata_f(nlp: spacy.language.Language) -> float:
    """Bare-NER PER/ORG/LOC F1 on SmartData test (research use, measured only), raw text."""
    base = shared_data() / "ner-de-smartdata"
    seen = {r["text"] for r in read_jsonl(base / "train.jsonl")}
    records = list({r["text"]: r for r in read_jsonl(base / "test.jsonl") if r["text"] not in seen}.values())
    counts: Counter = Counter()
    for r, doc in zip(records, nlp.pipe(r["text"] for r in records), strict=True):
        gold = {(e["start"], e["end"], SMARTDATA_LABELS[e["type"]]) for e in r["entities"]
                if e["type"] in SMARTDATA_LABELS}
        pred = {(e.start_char, e.end_char, e.label_) for e in doc.ents
                if e.label_ in ("PER", "ORG", "LOC")}
        span_counts(gold, pred, counts)
    return round(prf(counts[("tp", "ALL")], counts[("fp", "ALL")], counts[("fn", "ALL")])[2], 4)


def score(model: Path) -> dict[str, float]:
    """Held-out GermEval and SmartData figures of a trained NER-only model."""
    nlp = spacy.load(model)
    result = heldout_scores(nlp, germeval_heldout(shared_data()))
    result["smartdata_f"] = smartdata_f(nlp)
    return result


def run_ner(max_epochs: int, subwords: int) -> dict[str, float]:
    """Train and score one arm of the experiment."""
    from spacy.cli.train import train as spacy_train

    ner_data()
    name = f"ner-sw{subwords}" if subwords else "ner-base"
    cfg_path = OUT / f"{name}.cfg"
    ner_config(max_epochs, subwords).to_disk(cfg_path)
    blas.install()
    spacy_train(cfg_path, OUT / name, use_gpu=-1)
    result = {"arm": name, "epochs": max_epochs, **score(OUT / name / "model-best")}
    (OUT / f"{name}.json").write_text(json.dumps(result, indent=1), encoding="utf-8")
    print(json.dumps(result))
    return result


def main(argv: list[str]) -> int:
    """Command line: ner [--subwords N] [--epochs N] | score DIR."""
    if argv[:1] == ["score"]:
        print(json.dumps(score(Path(argv[1]))))
        return 0
    epochs = int(argv[argv.index("--epochs") + 1]) if "--epochs" in argv else 15
    subwords = int(argv[argv.index("--subwords") + 1]) if "--subwords" in argv else 0
    run_ner(epochs, subwords)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
