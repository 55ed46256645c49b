"""``kiebitz eval nlp``: sentence, tagging, parsing and NER figures on held-out data, per language.

German: sentences, UPOS, UAS/LAS on UD German GSD dev (the development set; never trained on);
NER on the held-out part of GermEval 2014 dev (its first 1,100 sentences, `corpora.GERMEVAL_HELDOUT`; the
model trains on GermEval test and the rest of dev, and selects checkpoints on a part of those) and on SmartData test
(research-only data, measured, never trained on; de-duplicated against its train file).
English: sentences, UPOS, UAS/LAS on UD English EWT dev; NER span and labelled F1 on the odd half of UNER
English-EWT dev (the even half trains the English NER, ``kiebitz.nlp.train_en``).
Dependency scores follow spaCy's scorer (punctuation excluded); tokens are the gold tokens, except for
sentences and SmartData, which run the full pipeline on raw text.
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from spacy.language import Language
from spacy.scorer import Scorer
from spacy.tokens import Doc
from spacy.training import Example

from . import load
from .components import entity_label
from .corpora import (
    GERMEVAL_LABELS,
    Sentence,
    germeval_heldout,
    read_conllu,
    read_iob2,
    read_jsonl,
    shared_data,
    to_doc,
)

KIEBITZ_LABELS = ("PER", "ORG", "LOC", "MISC")
SMARTDATA_LABELS = {
    "person": "PER", "organization": "ORG", "organization-company": "ORG", "location": "LOC",
    "location-city": "LOC", "location-street": "LOC", "location-stop": "LOC", "location-route": "LOC",
}


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    """Precision, recall, F1."""
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def run_on_words(nlp: Language, words: list[str], spaces: list[bool]) -> Doc:
    """Run every pipeline component on a pre-tokenised doc (gold tokens)."""
    doc = Doc(nlp.vocab, words=words, spaces=spaces)
    for _name, proc in nlp.pipeline:
        doc = proc(doc)
    return doc


def sentence_scores(nlp: Language, docs: list[list[str]]) -> tuple[float, float, float]:
    """Sentence-span P/R/F1: each doc is a list of gold sentence texts joined by single spaces."""
    tp = fp = fn = 0
    for sents in docs:
        text = " ".join(sents)
        gold, pos = set(), 0
        for s in sents:
            gold.add((pos, pos + len(s)))
            pos += len(s) + 1
        doc = nlp.make_doc(text)
        for name in ("kiebitz_sentences",):
            doc = nlp.get_pipe(name)(doc)
        pred = set()
        for sent in doc.sents:
            s = sent.text.strip()
            if s:
                start = sent.start_char + (len(sent.text) - len(sent.text.lstrip()))
                pred.add((start, start + len(s)))
        tp += len(gold & pred)
        fp += len(pred - gold)
        fn += len(gold - pred)
    return prf(tp, fp, fn)


def _chunks(sentences: list[Sentence], size: int) -> list[list[str]]:
    """Group sentences into pseudo-documents of `size` sentences (by doc id where given)."""
    out: list[list[str]] = []
    cur: list[str] = []
    last = None
    for s in sentences:
        if cur and (len(cur) >= size or (s.doc_id and s.doc_id != last)):
            out.append(cur)
            cur = []
        cur.append(s.text)
        last = s.doc_id
    if cur:
        out.append(cur)
    return out


def ud_scores(nlp: Language, sentences: list[Sentence]) -> dict[str, float]:
    """UPOS accuracy, UAS, LAS (spaCy scorer) on gold-tokenised UD sentences."""
    examples = []
    for s in sentences:
        gold = to_doc(nlp.vocab, Sentence(words=s.words, spaces=s.spaces, pos=s.pos, heads=s.heads, deps=s.deps))
        examples.append(Example(run_on_words(nlp, s.words, s.spaces), gold))
    pos = Scorer.score_token_attr(examples, "pos")
    deps = Scorer.score_deps(examples, "dep", head_attr="head", head_getter=lambda t, a: t.head,
                             ignore_labels=("p", "punct"))
    return {"upos": pos["pos_acc"] or 0.0, "uas": deps["dep_uas"] or 0.0, "las": deps["dep_las"] or 0.0}


def span_counts(gold: Iterable[tuple[int, int, str]], pred: Iterable[tuple[int, int, str]],
                counts: Counter, labelled: bool = True) -> None:
    """Accumulate tp/fp/fn per label (and 'ALL') of exact-match spans."""
    g = {(s, e, lab if labelled else "SPAN") for s, e, lab in gold}
    p = {(s, e, lab if labelled else "SPAN") for s, e, lab in pred}
    for x in g & p:
        counts[("tp", x[2])] += 1
        counts[("tp", "ALL")] += 1
    for x in p - g:
        counts[("fp", x[2])] += 1
        counts[("fp", "ALL")] += 1
    for x in g - p:
        counts[("fn", x[2])] += 1
        counts[("fn", "ALL")] += 1


def _doc_ents(doc: Doc, allowed: Iterable[str]) -> list[tuple[int, int, str]]:
    out = []
    for ent in doc.ents:
        label = entity_label(ent)
        if label in allowed:
            out.append((ent.start_char, ent.end_char, label))
    return out


def _gold_ents(doc: Doc) -> list[tuple[int, int, str]]:
    return [(e.start_char, e.end_char, e.label_) for e in doc.ents]


def ner_scores(nlp: Language, sentences: list[Sentence], label_map: dict[str, str | None],
               allowed: tuple[str, ...]) -> tuple[Counter, Counter]:
    """Labelled and unlabelled span counts on gold-tokenised NER sentences."""
    lab, span = Counter(), Counter()
    for s in sentences:
        gold = to_doc(nlp.vocab, Sentence(words=s.words, spaces=s.spaces, ents=s.ents), label_map)
        pred = run_on_words(nlp, s.words, s.spaces)
        g = [x for x in _gold_ents(gold) if x[2] in allowed]
        p = _doc_ents(pred, allowed)
        span_counts(g, p, lab)
        span_counts(g, p, span, labelled=False)
    return lab, span


def derived_scores(nlp: Language, sentences: list[Sentence]) -> Counter:
    """Country adjectives (doc.spans['derived']) against GermEval's LOCderiv."""
    counts: Counter = Counter()
    keep = {"LOCderiv": "LOCderiv"}
    for s in sentences:
        gold = to_doc(nlp.vocab, Sentence(words=s.words, spaces=s.spaces, ents=s.ents),
                      {k: keep.get(k) for k in GERMEVAL_LABELS})
        pred = run_on_words(nlp, s.words, s.spaces)
        p = [(x.start_char, x.end_char, "LOCderiv") for x in pred.spans.get("derived", [])]
        span_counts(_gold_ents(gold), p, counts)
    return counts


def smartdata_scores(nlp: Language, limit: int | None) -> Counter:
    """Full pipeline on SmartData test texts (de-duplicated against train): PER/ORG/LOC spans."""
    base = shared_data() / "ner-de-smartdata"
    train = list(read_jsonl(base / "train.jsonl"))
    seen_ids = {r["id"] for r in train}
    seen_texts = {r["text"] for r in train}
    docs = [r for r in read_jsonl(base / "test.jsonl") if r["id"] not in seen_ids and r["text"] not in seen_texts]
    unique: dict[str, dict] = {}
    for r in docs:
        unique.setdefault(r["text"], r)
    records = list(unique.values())[:limit] if limit else list(unique.values())
    counts: Counter = Counter()
    for r, doc in zip(records, nlp.pipe(r["text"] for r in records), strict=True):
        gold = {(e["start"], e["end"], SMARTDATA_LABELS[e["type"]]) for e in r["entities"]
                if e["type"] in SMARTDATA_LABELS}
        span_counts(gold, _doc_ents(doc, ("PER", "ORG", "LOC")), counts)
    return counts


def print_counts(title: str, counts: Counter, labels: Iterable[str]) -> dict[str, float]:
    """Print P/R/F1 per label and overall; return the overall figures."""
    print(f"  {title}")
    print(f"    {'label':<9} {'P':>6} {'R':>6} {'F1':>6} {'gold':>6}")
    result = {}
    for lab in [*labels, "ALL"]:
        tp, fp, fn = counts[("tp", lab)], counts[("fp", lab)], counts[("fn", lab)]
        p, r, f = prf(tp, fp, fn)
        print(f"    {lab:<9} {p:6.3f} {r:6.3f} {f:6.3f} {tp + fn:6d}")
        result = {"p": p, "r": r, "f": f}
    return result


def evaluate_de(limit: int | None, smartdata: bool = True) -> dict[str, float]:
    """All German figures."""
    nlp = load("de")
    data = shared_data()
    out: dict[str, float] = {}
    gsd_dev = read_conllu(data / "ud-de" / "de_gsd-ud-dev.conllu")[:limit]
    print("German")
    p, r, f = sentence_scores(nlp, _chunks(gsd_dev, 10))
    print(f"  sentences (UD GSD dev, 10-sentence chunks): P {p:.3f} R {r:.3f} F1 {f:.3f}")
    ud = ud_scores(nlp, gsd_dev)
    print(f"  UD GSD dev ({len(gsd_dev)} sentences): UPOS {ud['upos']:.3f}  UAS {ud['uas']:.3f}  LAS {ud['las']:.3f}")
    out.update({"sents_f": f, **ud})
    germeval = germeval_heldout(data)[:limit]
    lab, span = ner_scores(nlp, germeval, GERMEVAL_LABELS, KIEBITZ_LABELS)
    res = print_counts(f"NER GermEval 2014 dev, held-out part ({len(germeval)} sentences; outer "
                       "PER/ORG/LOC/OTH=MISC)",
                       lab, KIEBITZ_LABELS)
    out.update({"ner_p": res["p"], "ner_r": res["r"], "ner_f": res["f"]})
    out["ner_span_f"] = print_counts("  (labels ignored)", span, ["SPAN"])["f"]
    out["derived_f"] = print_counts("country adjectives vs GermEval LOCderiv", derived_scores(nlp, germeval),
                                    ["LOCderiv"])["f"]
    if smartdata:
        res = print_counts("NER SmartData test (research-only, never trained on; PER/ORG/LOC, raw text)",
                           smartdata_scores(nlp, limit), ("PER", "ORG", "LOC"))
        out["smartdata_f"] = res["f"]
    return out


UNER_PARTS = ("even", "odd", "even-docs", "odd-docs")


def uner_sentences(limit: int | None = None, half: str | None = None) -> list[Sentence]:
    """UNER English-EWT dev sentences: the first `limit`, optionally only the even or odd sentence indices.

    The halves exist because the English NER is fine-tuned and its rules developed on the even half only;
    the odd half is held out (docs/nlp.md). Both halves draw sentences from the same documents, so names
    recur across them; ``even-docs``/``odd-docs`` (the even sentences of even-numbered documents, the odd
    sentences of odd-numbered ones) share no document: the leak-free measurement.
    """
    uner = read_iob2(shared_data() / "ner-en-uner-ewt" / "en_ewt-ud-dev.iob2")[:limit]
    if half is None:
        return uner
    parity = 0 if half.startswith("even") else 1
    if half.endswith("-docs"):
        order = {d: k for k, d in enumerate(dict.fromkeys(s.doc_id for s in uner))}
        return [s for k, s in enumerate(uner) if k % 2 == parity and order[s.doc_id] % 2 == parity]
    return uner[parity::2]


def uner_scores(nlp: Language, limit: int | None = None, half: str | None = None) -> dict[str, float]:
    """English NER on UNER dev: labelled and span (labels ignored) P/R/F1, printed and returned."""
    uner = uner_sentences(limit, half)
    lab, span = ner_scores(nlp, uner, {}, ("PER", "ORG", "LOC"))
    which = f", {half}" if half else ""
    res = print_counts(f"NER UNER English-EWT dev ({len(uner)} sentences{which}), labelled", lab, ("PER", "ORG", "LOC"))
    out = {"ner_p": res["p"], "ner_r": res["r"], "ner_f": res["f"]}
    res = print_counts("  span F1 (labels ignored)", span, ["SPAN"])
    out.update({"ner_span_p": res["p"], "ner_span_r": res["r"], "ner_span_f": res["f"]})
    return out


def evaluate_en(limit: int | None, half: str | None = None) -> dict[str, float]:
    """All English figures; NER on the odd half of UNER dev (held out: the NER is fine-tuned on the even
    half) unless `half` names another part."""
    nlp = load("en")
    data = shared_data()
    out: dict[str, float] = {}
    ewt_dev = read_conllu(data / "ud-en" / "en_ewt-ud-dev.conllu")[:limit]
    print("English")
    p, r, f = sentence_scores(nlp, _chunks(ewt_dev, 10**6))
    print(f"  sentences (UD EWT dev, by document): P {p:.3f} R {r:.3f} F1 {f:.3f}")
    ud = ud_scores(nlp, ewt_dev)
    print(f"  UD EWT dev ({len(ewt_dev)} sentences): UPOS {ud['upos']:.3f}  UAS {ud['uas']:.3f}  "
          f"LAS {ud['las']:.3f} (LAS: the model's ClearNLP labels vs UD labels, a lower bound)")
    out.update({"sents_f": f, **ud})
    out.update(uner_scores(nlp, limit, half or "odd"))
    return out


def main(argv: list[str]) -> int:
    """Command line: kiebitz eval nlp [--lang de|en|all] [--limit N] [--no-smartdata]."""
    ap = argparse.ArgumentParser(prog="kiebitz eval nlp", description=__doc__.splitlines()[0])
    ap.add_argument("--lang", choices=["de", "en", "all"], default="all")
    ap.add_argument("--limit", type=int, default=None, help="first N sentences/documents of each set")
    ap.add_argument("--no-smartdata", action="store_true", help="skip the SmartData measurement")
    ap.add_argument("--half", choices=UNER_PARTS, default=None,
                    help="English NER on the even (trained on) or odd (held-out) half of UNER dev only")
    args = ap.parse_args(argv)
    if not Path(shared_data()).is_dir():
        print(f"error: shared data not found at {shared_data()} (set KIEBITZ_DATA)")
        return 1
    t0 = time.time()
    if args.lang in ("de", "all"):
        evaluate_de(args.limit, not args.no_smartdata)
    if args.lang in ("en", "all"):
        evaluate_en(args.limit, args.half)
    print(f"({time.time() - t0:.0f} s)")
    return 0
