"""Rebuild the shipped German model from ../shared/data: ``python -m kiebitz.nlp.train all``.

Steps (each also runnable alone): ``prepare`` builds the corpora in .models-work/de, ``de`` trains and
copies the model to kiebitz/models/de_kiebitz. Fixed seeds, CPU only.
A distilled student (``ARCH["distill"] > 0``; measured in docs/nlp.md, session 8, not shipped): ``all`` trains
the teacher (``TEACHER_ARCH``) after ``prepare``, ``distill`` lets it fill the layers each training doc lacks
(`distill.py`), then ``de`` trains the student on that file.

Data and splits (see docs/nlp.md):
- UD German GSD test + PUD test (gold UPOS, morphology, dependencies) -> train; GSD dev -> development.
  PUD's XPOS are not STTS, so its STTS tags are HanTa's (silver).
- GermEval 2014 test + GermEval dev after its first GERMEVAL_HELDOUT sentences -> NER train (90%, seeded
  shuffle) and NER development (10%); the first GERMEVAL_HELDOUT dev sentences are never trained on or used to
  choose (held-out evaluation). ``--germeval-test-only`` trains on GermEval test alone (the session-3 model).
- HanTa (trained on the TIGER treebank) tags all texts without gold STTS (PUD, GermEval, GePaDe speeches):
  its STTS tags are distilled into the fast CNN tagger, and its lemmas make the lemma table.
- SmartData (research use only) and Wikinews quotes (NC) are never used here.
"""

from __future__ import annotations

import gzip
import json
import random
import shutil
import sys
from collections import Counter, defaultdict
from pathlib import Path

import spacy
from spacy.tokens import DocBin

from . import blas
from .augment import replace_mentions
from .corpora import (
    GERMEVAL_LABELS,
    Sentence,
    gepade_sentences,
    germeval_trainable,
    read_conllu,
    read_germeval,
    shared_data,
    to_doc,
)
from .german import tag_tokens
from .subword_layer import embed_config

ROOT = Path(__file__).resolve().parents[2]
WORK = ROOT / ".models-work"
MODELS = Path(__file__).resolve().parent.parent / "models"
SEED = 13
SILVER_TOKENS = 50_000  # GePaDe speech tokens tagged by HanTa (silver STTS for the tagger)


def _silver(sentences: list[Sentence], lemma_counts: dict) -> None:
    """Give sentences HanTa STTS tags (where they have none) and count HanTa lemmas per (form, tag)."""
    for s in sentences:
        tagged = tag_tokens(s.words)
        if not s.tags:
            s.tags = [t for _l, t in tagged]
        for w, (lemma, tag) in zip(s.words, tagged, strict=True):
            lemma_counts[(w, tag)][lemma] += 1


def _gepade_sentences(limit_tokens: int) -> list[Sentence]:
    """Sentences of the GePaDe Bundestag speeches, up to `limit_tokens` (train first: below its 148k tokens no dev sentence is read)."""
    return gepade_sentences(limit_tokens)


def _write_first_names(sentences: list[Sentence]) -> None:
    """Given names = first tokens of multi-token PER entities in the NER training part of GermEval."""
    first, other = Counter(), Counter()
    for s in sentences:
        for i, (w, t) in enumerate(zip(s.words, s.ents, strict=True)):
            if t == "B-PER" and i + 1 < len(s.ents) and s.ents[i + 1] == "I-PER":
                first[w] += 1
            elif t != "B-PER":
                other[w] += 1
    names = sorted(w for w in first if w[:1].isupper() and w.isalpha() and len(w) > 2 and other[w] == 0)
    path = Path(__file__).resolve().parent.parent / "data" / "gazetteers" / "first_names_germeval.txt"
    path.write_text("# Derived by kiebitz.nlp.train from GermEval 2014 test (NER train part): first tokens of\n"
                    "# multi-token PER entities never seen outside a person name.\n" + "\n".join(names) + "\n",
                    encoding="utf-8")


def _upos_classes(path: Path) -> dict[str, str]:
    """Lower-case word -> class name of the word classes (weekdays, months) in `upos_classes_de.tsv`."""
    rows = [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]
    return {word.lower(): cls for cls, word in rows}


def write_upos_table(sentences: list[Sentence]) -> Path:
    """STTS tag -> UPOS counts of the gold treebank (GSD test: gold STTS and UPOS), for `kiebitz_upos`:
    rows (tag, "*", upos, count, total) for every pair, (tag, word, upos, count, total) for a lower-cased word
    seen at least twice under the tag, or whose commonest UPOS under that tag differs from the tag's commonest
    (count: the word's commonest UPOS, total: the word's tokens under the tag); words of a class in
    `upos_classes_de.tsv` (weekdays, months) get their class's counts instead of their own (so "Februar",
    absent from GSD test, follows the other months). The last column says which: "word" or the class."""
    nlp_data = Path(__file__).resolve().parent.parent / "data" / "nlp"
    classes = _upos_classes(nlp_data / "upos_classes_de.tsv") if (nlp_data / "upos_classes_de.tsv").exists() else {}
    pairs: dict[str, Counter] = defaultdict(Counter)
    words: dict[tuple[str, str], Counter] = defaultdict(Counter)
    by_class: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for s in sentences:
        for w, t, p in zip(s.words, s.tags, s.pos, strict=True):
            pairs[t][p] += 1
            words[(t, w.lower())][p] += 1
            if w.lower() in classes:
                by_class[(t, classes[w.lower()])][p] += 1
    rows = [(t, "*", p, n, sum(c.values()), "tag") for t, c in sorted(pairs.items()) for p, n in c.most_common()]
    for (t, w), c in sorted(words.items()):
        upos, n = c.most_common(1)[0]
        total = sum(c.values())
        if w not in classes and (total >= 2 or upos != pairs[t].most_common(1)[0][0]):
            rows.append((t, w, upos, n, total, "word"))
    for (t, cls), c in sorted(by_class.items()):
        upos, n = c.most_common(1)[0]
        rows += [(t, w, upos, n, sum(c.values()), cls) for w, k in sorted(classes.items()) if k == cls]
    path = nlp_data / "stts_upos_gsd.tsv"
    path.write_text("# Derived by kiebitz.nlp.train from UD German GSD test (gold STTS + UPOS):\n"
                    "# STTS tag, word (lower case) or * for all words, UPOS, count, total (tokens of the tag or of the\n"
                    "# word under the tag), source (tag, word, or the word class of upos_classes_de.tsv)\n"
                    + "".join("\t".join(map(str, r)) + "\n" for r in rows), encoding="utf-8")
    return path


def train_file(arch: dict[str, int]) -> str:
    """The training DocBin of a data variant: train.spacy, or with mention replacement (`augment` rounds) and
    the gold treebank sentences repeated (`ud_copies` times) train-mr<N>-ud<K>.spacy."""
    parts = ([f"mr{arch['augment']}"] if arch["augment"] else []) + (
        [f"ud{arch['ud_copies']}"] if arch["ud_copies"] != 1 else []) + (
        [f"kd{arch['distill']}"] if arch.get("distill") else []) + (
        [f"ne{arch['kd_ents']}"] if arch.get("distill") and arch.get("kd_ents", 1) != 1 else []) + (
        [f"kp{arch['kd_ner_docs']}"] if arch.get("distill") and arch.get("kd_ner_docs", 1) != 1 else [])
    return "-".join(["train", *parts]) + ".spacy"


def prepare(silver_tokens: int = SILVER_TOKENS, germeval_dev: bool = True, augment: int = 0,
            ud_copies: int = 1) -> None:
    """Build train/dev DocBins and the lemma table; with `augment` > 0 or `ud_copies` > 1 also the variant's
    training file (`train_file`): the training docs plus that many rounds of mention-replaced copies of the NER
    training part (`augment.py`), the gold UD sentences (GSD test + PUD) `ud_copies` times."""
    data = shared_data()
    out = WORK / "de"
    out.mkdir(parents=True, exist_ok=True)
    nlp = spacy.blank("de")
    lemma_counts: dict = defaultdict(Counter)

    gsd_test = read_conllu(data / "ud-de" / "de_gsd-ud-test.conllu")
    pud = read_conllu(data / "ud-de" / "de_pud-ud-test.conllu")
    for s in pud:
        s.tags = []  # PUD's XPOS is not STTS
    gsd_dev = read_conllu(data / "ud-de" / "de_gsd-ud-dev.conllu")
    germeval = (germeval_trainable(data) if germeval_dev
                else read_germeval(data / "ner-de-germeval2014" / "NER-de-test.tsv"))
    random.Random(SEED).shuffle(germeval)
    cut = len(germeval) * 9 // 10
    ner_train, ner_dev = germeval[:cut], germeval[cut:]
    gepade = _gepade_sentences(silver_tokens)
    print(f"silver-tagging {sum(len(s.words) for s in pud + germeval + gepade)} tokens with HanTa", flush=True)
    for group in (gsd_test, pud, ner_train, ner_dev, gepade):
        _silver(group, lemma_counts)

    _write_first_names(ner_train)
    write_upos_table(gsd_test)
    train = [to_doc(nlp.vocab, s) for s in gsd_test + pud]
    train += [to_doc(nlp.vocab, s, GERMEVAL_LABELS) for s in ner_train]
    train += [to_doc(nlp.vocab, s) for s in gepade]
    dev = [to_doc(nlp.vocab, s) for s in gsd_dev] + [to_doc(nlp.vocab, s, GERMEVAL_LABELS) for s in ner_dev]
    DocBin(docs=train, store_user_data=False).to_disk(out / "train.spacy")
    DocBin(docs=dev, store_user_data=False).to_disk(out / "dev.spacy")
    print(f"train {len(train)} docs, dev {len(dev)} docs -> {out}")
    if augment or ud_copies != 1:
        copies = replace_mentions(ner_train, augment, SEED)
        for s in copies:
            s.tags = [t for _l, t in tag_tokens(s.words)]  # silver tags; no lemma counts (the table stays)
        extra = [to_doc(nlp.vocab, s, GERMEVAL_LABELS) for s in copies]
        extra += train[:len(gsd_test) + len(pud)] * (ud_copies - 1)
        name = train_file({"augment": augment, "ud_copies": ud_copies})
        DocBin(docs=train + extra, store_user_data=False).to_disk(out / name)
        print(f"{len(copies)} mention-replaced docs, gold UD docs x {ud_copies} -> {name}")

    table = {f"{w}\t{t}": c.most_common(1)[0][0] for (w, t), c in lemma_counts.items()
             if c.most_common(1)[0][0] != w}
    MODELS.mkdir(parents=True, exist_ok=True)
    payload = json.dumps(dict(sorted(table.items())), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    with gzip.GzipFile(MODELS / "de_lemmas.json.gz", "wb", mtime=0) as fh:  # mtime 0: byte-identical rebuilds
        fh.write(payload)
    print(f"lemma table: {len(table)} entries")


# The shipped architecture; a speed variant overrides some of these (docs/nlp.md, speed/accuracy table).
# "subwords": N > 0 adds the USE v3 subword word vectors (kiebitz.SubwordEmbed.v1, mapped to N dims) to the
# tok2vec embedding (docs/nlp.md, "Pretrained subword features"; shipped since session 5);
# "subword_pieces": 3 gives it the first- and last-piece vectors besides the mean (kiebitz.SubwordEmbed.v2,
# docs/nlp.md session 10; 1 = the mean alone, v1).
# "augment": N > 0 adds N rounds of mention-replaced NER sentences, "ud_copies": K repeats the gold treebank
# sentences K times (`prepare` writes that training file, `train_file`).
# "distill": N > 0 trains on the teacher-annotated data (`distill.py`, file train[-mr..][-ud..]-kd<N>.spacy)
# with GePaDe train text up to N thousand tokens; `all` then first trains the teacher (TEACHER_ARCH);
# "kd_ents": teacher entities on docs without gold ones: 1 fully annotated (O outside), 2 positive only
# (missing outside), 0 none; "kd_ner_docs": 0 gives the NER sentences no teacher layers (distill.py).
ARCH = {"width": 96, "depth": 4, "parser_width": 128, "parser_pieces": 3, "ner_width": 64, "ner_pieces": 2,
        "subwords": 96, "subword_pieces": 1, "augment": 0, "ud_copies": 1, "distill": 0, "kd_ents": 1, "kd_ner_docs": 1}
# The teacher of a distilled student: the session-5 architecture (ARCH before distillation), trained by `all`.
TEACHER_ARCH = {"width": 96, "depth": 4, "parser_width": 128, "parser_pieces": 3, "ner_width": 64,
                "ner_pieces": 2, "subwords": 96, "subword_pieces": 1, "augment": 0, "ud_copies": 1, "distill": 0, "kd_ents": 1,
                "kd_ner_docs": 1}


def variant_name(arch: dict[str, int]) -> str:
    """A short name for the settings that differ from ARCH ("" for the shipped architecture)."""
    short = {"width": "w", "depth": "d", "parser_width": "pw", "parser_pieces": "pp", "ner_width": "nw",
             "ner_pieces": "np", "subwords": "sw", "subword_pieces": "sp", "augment": "mr",
             "ud_copies": "ud", "distill": "kd", "kd_ents": "ne",
             "kd_ner_docs": "kp"}
    return "-".join(f"{short[k]}{v}" for k, v in arch.items() if ARCH[k] != v)


def schedule(cfg: spacy.util.Config, max_epochs: int, eval_frequency: int, seed: int = SEED) -> None:
    """The training schedule every German run shares: fixed seeds, whole epochs, compounding batch sizes."""
    cfg["system"]["seed"] = seed
    cfg["training"]["seed"] = seed
    cfg["training"]["max_epochs"] = max_epochs
    cfg["training"]["max_steps"] = 0
    cfg["training"]["patience"] = 3000
    cfg["training"]["eval_frequency"] = eval_frequency
    cfg["training"]["batcher"]["size"] = {"@schedules": "compounding.v1", "start": 300, "stop": 1500,
                                          "compound": 1.001, "t": 0.0}


def config(max_epochs: int, arch: dict[str, int] | None = None, seed: int = SEED) -> spacy.util.Config:
    """spaCy's efficiency CNN config for tagger, morphologizer, parser and NER (no static vectors; with
    arch["subwords"] > 0 the run-time USE v3 subword vectors of `subword_layer`)."""
    arch = {**ARCH, **(arch or {})}
    from spacy.cli.init_config import init_config

    cfg = init_config(lang="de", pipeline=["tok2vec", "tagger", "morphologizer", "parser", "ner"],
                      optimize="efficiency", gpu=False)
    cfg["paths"]["train"] = str(WORK / "de" / train_file(arch))
    cfg["paths"]["dev"] = str(WORK / "de" / "dev.spacy")
    schedule(cfg, max_epochs, eval_frequency=400, seed=seed)
    cfg["training"]["score_weights"] = {"tag_acc": 0.1, "pos_acc": 0.2, "morph_acc": 0.0, "dep_uas": 0.1,
                                        "dep_las": 0.3, "ents_f": 0.3, "dep_las_per_type": None,
                                        "sents_f": None, "ents_per_type": None, "ents_p": None, "ents_r": None,
                                        "morph_per_feat": None}
    tv = cfg["components"]["tok2vec"]["model"]
    tv["embed"] = embed_config(arch["width"], arch["subwords"], arch.get("subword_pieces", 1))
    tv["encode"]["width"] = arch["width"]
    tv["encode"]["depth"] = arch["depth"]
    for name in ("parser", "ner"):
        model = cfg["components"][name]["model"]
        model["hidden_width"], model["maxout_pieces"] = arch[f"{name}_width"], arch[f"{name}_pieces"]
    return cfg


def pick(cfg_path: Path, output: Path) -> Path:
    """model-best or model-last, whichever has the higher weighted score on the development set (GSD dev +
    the NER development part): spaCy scores only every eval_frequency steps, so the final model is unscored."""
    from spacy.training import Corpus

    blas.install()
    cfg = spacy.util.load_config(cfg_path)
    weights = {k: v for k, v in cfg["training"]["score_weights"].items() if v}
    scores = {}
    for name in ("model-best", "model-last"):
        nlp = spacy.load(output / name)
        result = nlp.evaluate(list(Corpus(cfg["paths"]["dev"])(nlp)))
        scores[name] = sum(w * (result.get(k) or 0.0) for k, w in weights.items())
        print(f"{name}: weighted development score {scores[name]:.4f}", flush=True)
    return output / max(scores, key=lambda k: scores[k])


def train_de(max_epochs: int = 6, arch: dict[str, int] | None = None, seed: int = SEED,
             name: str = "") -> Path:
    """Train the German pipeline and copy the picked model into kiebitz/models/de_kiebitz; a variant
    architecture (or a run with a `name`, e.g. the teacher) is trained into .models-work/de/output-<variant>/
    and picked there, never shipped."""
    from spacy.cli.train import train as spacy_train

    out = WORK / "de"
    # another training seed (the data and its splits keep SEED) is a variant too: "-s<seed>"
    variant = name or "-".join(
        x for x in (variant_name({**ARCH, **(arch or {})}), f"s{seed}" if seed != SEED else "") if x)
    cfg_path = out / (f"config-{variant}.cfg" if variant else "config.cfg")
    output = out / (f"output-{variant}" if variant else "output")
    config(max_epochs, arch, seed).to_disk(cfg_path)
    blas.install()  # numpy's OpenBLAS products: blis picks generic kernels on some CPUs (blas.py)
    spacy_train(cfg_path, output, use_gpu=-1)
    best = pick(cfg_path, output)
    if variant:
        print(f"variant {variant}: {best} (not shipped; measure with KIEBITZ_DE_MODEL={best})")
        return best
    target = MODELS / "de_kiebitz"
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(best, target)
    print(f"model -> {target}")
    return target


def distilled(teacher: Path, arch: dict[str, int] | None = None) -> Path:
    """The training file of a distilled variant (`train_file(arch)`): the variant's prepared training docs
    (without distillation) with the teacher's layers filled in, GePaDe train text up to arch["distill"]
    thousand tokens (`distill.py`)."""
    from .distill import distill

    arch = {**ARCH, **(arch or {})}
    source = WORK / "de" / train_file({**arch, "distill": 0})
    return distill(teacher, source, WORK / "de" / train_file(arch), arch["distill"] * 1000, arch["kd_ents"],
                   bool(arch["kd_ner_docs"]))


def train_en_ud(max_steps: int = 1200) -> None:
    """Measurement only (not shipped): an English tagger/parser trained on UD EWT train, scored on EWT dev,
    to compare with en_core_web_sm (docs/nlp.md, English choice)."""
    from spacy.cli.init_config import init_config
    from spacy.cli.train import train as spacy_train

    data = shared_data() / "ud-en"
    out = WORK / "en"
    out.mkdir(parents=True, exist_ok=True)
    nlp = spacy.blank("en")
    for name, split in (("train", "en_ewt-ud-train.conllu.gz"), ("dev", "en_ewt-ud-dev.conllu")):
        docs = [to_doc(nlp.vocab, s) for s in read_conllu(data / split)]
        DocBin(docs=docs, store_user_data=False).to_disk(out / f"{name}.spacy")
    cfg = init_config(lang="en", pipeline=["tok2vec", "morphologizer", "parser"], optimize="efficiency", gpu=False)
    cfg["paths"]["train"] = str(out / "train.spacy")
    cfg["paths"]["dev"] = str(out / "dev.spacy")
    cfg["system"]["seed"] = cfg["training"]["seed"] = SEED
    cfg["training"]["max_steps"] = max_steps
    cfg["training"]["eval_frequency"] = 400
    cfg.to_disk(out / "config.cfg")
    blas.install()
    spacy_train(out / "config.cfg", out / "output", use_gpu=-1)


def untrained(arch: dict[str, int]) -> Path:
    """An initialised, untrained model of a variant architecture, for measuring its speed only (the work per
    token does not depend on the weights): .models-work/de/untrained-<variant>/."""
    from spacy.training import Corpus

    blas.install()  # the products the shipped pipeline runs with
    cfg = config(1, arch)
    nlp = spacy.util.load_model_from_config(cfg, auto_fill=True, validate=True)
    examples = list(Corpus(cfg["paths"]["train"])(nlp))
    nlp.initialize(lambda: examples)
    path = WORK / "de" / f"untrained-{variant_name({**ARCH, **arch}) or 'shipped'}"
    nlp.to_disk(path)
    print(path)
    return path


def _arch(argv: list[str]) -> dict[str, int]:
    """Architecture overrides from the command line: --width N --depth N --parser-width N ..."""
    return {k: int(argv[argv.index(f"--{k.replace('_', '-')}") + 1]) for k in ARCH
            if f"--{k.replace('_', '-')}" in argv}


def main(argv: list[str]) -> int:
    """Command line: all | prepare [--silver N] [--germeval-test-only] | de [--epochs N] [arch] | untrained [arch] | pick |
    upos-table | en-ud; de --seed N: another training seed (data and splits unchanged); arch: --width --depth --parser-width --parser-pieces --ner-width --ner-pieces
    --subwords N (N > 0: the USE v3 subword vectors mapped to N dims join the tok2vec embedding);
    --subword-pieces 3 (with --subwords: mean, first- and last-piece vectors, kiebitz.SubwordEmbed.v2; 1: mean);
    --augment N (prepare and de: N rounds of mention-replaced NER training sentences, `augment.py`);
    --ud-copies K (prepare and de: the gold treebank sentences K times);
    distill --teacher DIR --distill N [--augment N --ud-copies K]: the teacher model DIR annotates the layers
    each training doc lacks, GePaDe train text up to N thousand tokens (`distill.py`; --kd-ents 0/1/2: teacher
    entities none / fully annotated / positive only; --kd-ner-docs 0: no teacher layers on the NER
    sentences); de --distill N trains
    on that file; `all` with ARCH["distill"] > 0 trains the teacher (TEACHER_ARCH) first."""
    steps = argv[:1] or ["all"]
    epochs = int(argv[argv.index("--epochs") + 1]) if "--epochs" in argv else 6
    silver = int(argv[argv.index("--silver") + 1]) if "--silver" in argv else SILVER_TOKENS
    if steps[0] in ("all", "prepare"):
        # GermEval dev after the held-out part is trained on by default (session 5); "--germeval-dev" is
        # accepted for old commands and changes nothing
        data = {**ARCH, **_arch(argv)}
        prepare(silver, germeval_dev="--germeval-test-only" not in argv, augment=data["augment"],
                ud_copies=data["ud_copies"])
    if steps[0] == "all" and ARCH["distill"]:
        # the shipped model is a distilled student: train its teacher first (fixed seed), then annotate
        distilled(train_de(epochs, TEACHER_ARCH, SEED, name="teacher"))
    if steps[0] == "distill":
        distilled(Path(argv[argv.index("--teacher") + 1]), _arch(argv))
    if steps[0] in ("all", "de"):
        train_de(epochs, _arch(argv), int(argv[argv.index("--seed") + 1]) if "--seed" in argv else SEED)
    if steps[0] == "untrained":
        untrained(_arch(argv))
    if steps[0] == "pick":
        print(pick(WORK / "de" / "config.cfg", WORK / "de" / "output"))
    if steps[0] == "upos-table":
        write_upos_table(read_conllu(shared_data() / "ud-de" / "de_gsd-ud-test.conllu"))
    if steps[0] == "en-ud":
        train_en_ud()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
