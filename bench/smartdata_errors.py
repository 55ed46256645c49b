"""Error analysis of the German entities on SmartData **train** (the development set; test is only measured).

Runs the full German pipeline on the raw train texts (those not also in test), maps the gold types as
``kiebitz eval nlp`` does (``evaluate.SMARTDATA_LABELS``) and sorts every false positive and false negative
into one category: a boundary error (overlapping spans), a label confusion (same span), or a miss / false
alarm by the shape of the text (all-caps, hashtag/@mention, legal form, company-type noun before the name,
street/route/stop, ...). SmartData is research-use-only: this measures, nothing here trains or tunes a table.

    python bench/smartdata_errors.py [--limit N] [--examples K] [--source news|rss|tweet]
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter, defaultdict

from kiebitz.nlp import load
from kiebitz.nlp.corpora import read_jsonl, shared_data
from kiebitz.nlp.evaluate import SMARTDATA_LABELS, _doc_ents, prf

_LEGAL = re.compile(r"\b(GmbH|AG|SE|KG|KGaA|OHG|GbR|e\.\s?V\.|eG|Ltd\.?|Inc\.?|Corp\.?|S\.A\.|N\.V\.|plc|LLC|Co\.)$")
_ROUTE = re.compile(r"^(A|B|L|K|S|RE|RB|ICE|IC|U|S-Bahn|Linie|Bus)\s?-?\d+[a-z]?$|^[ABLKS]\d+$")
_STREET = re.compile(r"(straße|strasse|str\.|weg|allee|platz|ring|damm|gasse|ufer|chaussee|brücke|tunnel)$", re.I)
_STOP = re.compile(r"(Bahnhof|Hbf|Hauptbahnhof|Bf\.?|Flughafen|Haltestelle|Kreuz|Dreieck|Anschlussstelle|AS)\b")


def _shape(text: str, before: str) -> str:
    """A coarse shape class of an entity text and the word before it."""
    if text.startswith(("#", "@")):
        return "hashtag/@mention"
    if "http" in text or "www." in text or ".de" in text or ".com" in text:
        return "url/domain"
    if _LEGAL.search(text):
        return "legal form (GmbH/AG/...)"
    if _ROUTE.search(text):
        return "route number (A9, B 96, S1)"
    if _STOP.search(text):
        return "station/junction"
    if _STREET.search(text.split()[-1] if text.split() else text):
        return "street/square/bridge"
    if text.isupper() and len(text) > 1:
        return "all-caps"
    if before and before[:1].islower() and re.search(r"(konzern|hersteller|bauer|anbieter|unternehmen|firma|"
                                                     r"gruppe|riese|bank|versorger|betreiber|händler|kette|"
                                                     r"zulieferer|dienstleister|spezialist|marke|tochter|"
                                                     r"verband|gewerkschaft)$", before, re.I):
        return "type noun before (Autobauer X)"
    if before and before[:1].isupper() and re.search(r"(konzern|hersteller|bauer|anbieter|unternehmen|firma|"
                                                     r"gruppe|riese|bank|versorger|betreiber|händler|kette|"
                                                     r"zulieferer|dienstleister|spezialist|marke|tochter|"
                                                     r"verband|gewerkschaft)$", before):
        return "type noun before (Autobauer X)"
    if not text[:1].isupper():
        return "lower-case start"
    if " " in text.strip():
        return "multi-word"
    return "single word"


def _before(text: str, start: int) -> str:
    """The word before offset `start`."""
    words = text[max(0, start - 40):start].split()
    return words[-1] if words else ""


def analyse(limit: int | None, examples: int, source: str | None) -> None:
    """Print the error categories with counts and a few examples each."""
    base = shared_data() / "ner-de-smartdata"
    test_texts = {r["text"] for r in read_jsonl(base / "test.jsonl")}
    seen: set[str] = set()
    records = []
    for r in read_jsonl(base / "train.jsonl"):
        if r["text"] in test_texts or r["text"] in seen or (source and r["source"] != source):
            continue
        seen.add(r["text"])
        records.append(r)
    records = records[:limit] if limit else records
    nlp = load("de")
    counts: Counter = Counter()
    cats: Counter = Counter()
    ex: dict[str, list[str]] = defaultdict(list)
    for r, doc in zip(records, nlp.pipe(r["text"] for r in records), strict=True):
        text = r["text"]
        gold_all = [(e["start"], e["end"], e["type"]) for e in r["entities"]]
        gold = {(s, e, SMARTDATA_LABELS[t]) for s, e, t in gold_all if t in SMARTDATA_LABELS}
        gold_fine = {(s, e): t for s, e, t in gold_all}
        pred = set(_doc_ents(doc, ("PER", "ORG", "LOC")))
        for x in gold & pred:
            counts[("tp", x[2])] += 1
        fps, fns = pred - gold, gold - pred
        used_fn: set = set()
        for s, e, lab in sorted(fps):
            over = [g for g in fns if g[0] < e and s < g[1]]
            same = [g for g in over if (g[0], g[1]) == (s, e)]
            if same:
                g = same[0]
                cat = f"label: gold {gold_fine[(g[0], g[1])]} -> pred {lab}"
                used_fn.add(g)
            elif over:
                g = over[0]
                kind = "same label" if g[2] == lab else f"{g[2]}->{lab}"
                longer = "pred longer" if e - s > g[1] - g[0] else "pred shorter/shifted"
                cat = f"boundary ({kind}, {longer})"
                used_fn.update(over)
                x = f"gold [{text[g[0]:g[1]]}] pred [{text[s:e]}]"
                if len(ex[cat]) < examples:
                    ex[cat].append(x)
                cats[cat] += 1
                continue
            else:
                other = gold_fine.get((s, e))
                if other:
                    cat = f"FP on unscored gold type {other} ({lab})"
                else:
                    cat = f"FP {lab}: {_shape(text[s:e], _before(text, s))}"
            cats[cat] += 1
            if len(ex[cat]) < examples:
                ex[cat].append(f"[{text[s:e]}] <{text[max(0, s - 30):s]}|{text[e:e + 20]}>".replace("\n", " "))
        for g in sorted(fns - used_fn):
            s, e, lab = g
            cat = f"FN {gold_fine[(s, e)]}: {_shape(text[s:e], _before(text, s))}"
            cats[cat] += 1
            if len(ex[cat]) < examples:
                ex[cat].append(f"[{text[s:e]}] <{text[max(0, s - 30):s]}|{text[e:e + 20]}>".replace("\n", " "))
        for x in fps:
            counts[("fp", x[2])] += 1
        for x in fns:
            counts[("fn", x[2])] += 1
    report(counts, ("PER", "ORG", "LOC"), f"{len(records)} docs", cats, ex)


def report(counts: Counter, labels: tuple[str, ...], what: str, cats: Counter, ex: dict[str, list[str]]) -> None:
    """Print P/R/F1 per label and overall, then the error categories with their examples (also germeval_errors)."""
    for lab in labels:
        p, r, f = prf(counts[("tp", lab)], counts[("fp", lab)], counts[("fn", lab)])
        print(f"{lab}: P {p:.3f} R {r:.3f} F1 {f:.3f}")
    tp, fp, fn = (sum(v for k, v in counts.items() if k[0] == t) for t in ("tp", "fp", "fn"))
    p, r, f = prf(tp, fp, fn)
    print(f"ALL ({what}): P {p:.3f} R {r:.3f} F1 {f:.3f}  tp {tp} fp {fp} fn {fn}")
    for cat, n in cats.most_common():
        print(f"{n:5d}  {cat}")
        for x in ex[cat]:
            print(f"         {x}")


def main(argv: list[str]) -> int:
    """Command line."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--examples", type=int, default=4)
    ap.add_argument("--source", choices=["news", "rss", "tweet"], default=None)
    args = ap.parse_args(argv)
    analyse(args.limit, args.examples, args.source)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
