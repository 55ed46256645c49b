"""False events from the similarity fallback on text without political events (UD EWT / GSD, CC BY-SA).

Runs the event pipeline over UD sentences (grouped by document, as articles), counts the events whose trigger came
from the similarity fallback (`similar.similar_matches`, wrapped here: the record does not mark it) and writes them
as JSON lines for hand-judging; a seeded sample of `--sample` is printed.

    OMP_NUM_THREADS=1 nice python bench/events_fallback_negatives.py en OUT.jsonl [--sample 60]
    OMP_NUM_THREADS=1 nice python bench/events_fallback_negatives.py de OUT.jsonl
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
from pathlib import Path

from kiebitz.extract import events as events_mod
from kiebitz.model import Article
from kiebitz.paths import shared_data
from kiebitz.pipeline import Pipeline

FILES = {"en": ["ud-en/en_ewt-ud-dev.conllu", "ud-en/en_ewt-ud-test.conllu"],
         "de": ["ud-de/de_gsd-ud-test.conllu"]}


def _documents(lang: str, per_doc: int = 20) -> list[tuple[str, list[str]]]:
    """(doc id, sentence texts): EWT by its newdoc ids; GSD (no documents) in chunks of `per_doc` sentences."""
    docs: list[tuple[str, list[str]]] = []
    for name in FILES[lang]:
        path = shared_data() / name
        text = gzip.open(path, "rt").read() if name.endswith(".gz") else path.read_text(encoding="utf-8")
        for line in text.splitlines():
            if line.startswith("# newdoc id") and lang == "en":
                docs.append((line.split("=", 1)[1].strip(), []))
            elif line.startswith("# text = "):
                if not docs or (lang == "de" and len(docs[-1][1]) >= per_doc):
                    docs.append((f"{Path(name).stem}-{len(docs)}", []))
                docs[-1][1].append(line[len("# text = "):])
    return docs


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("lang", choices=["en", "de"])
    ap.add_argument("out")
    ap.add_argument("--sample", type=int, default=60)
    ap.add_argument("--seed", type=int, default=9)
    args = ap.parse_args()
    fallback: dict[int, float] = {}  # article offset of each anchor the fallback coded -> similarity
    inner = events_mod.similar_matches

    def logged(s, matches, lang, stop):  # type: ignore[no-untyped-def]
        out = inner(s, matches, lang, stop)
        fallback.update({s.toks[m.anchor].start: m.similar for m in out})
        return out

    events_mod.similar_matches = logged
    pipe = Pipeline(["nlp", "entities", "actors", "statements", "events"])
    rows: list[dict] = []
    n_sent = n_events = 0
    for doc_id, sents in _documents(args.lang):
        fallback.clear()
        text = "\n".join(sents)
        n_sent += len(sents)
        art = pipe(Article(id=doc_id, text=text, language=args.lang, published="2023-06-26"))
        n_events += len(art.events)
        by_id = {a.id: a for a in art.actors}

        def desc(ids: tuple[str, ...], by_id: dict = by_id) -> list[str]:
            return [f"{by_id[i].name}|{by_id[i].kind}|{by_id[i].country or ''}|{by_id[i].code or ''}|{by_id[i].sector or ''}"
                    for i in ids if i in by_id]

        for ev in art.events:
            if ev.evidence.trigger_start in fallback:
                ls = text.rfind("\n", 0, ev.evidence.trigger_start) + 1
                le = text.find("\n", ev.evidence.trigger_start)
                rows.append({"doc": doc_id, "type": ev.type, "mode": ev.mode, "trigger": ev.trigger,
                             "confidence": ev.confidence,
                             "similarity": round(fallback[ev.evidence.trigger_start], 3), "sentence": text[ls:le if le >= 0 else None],
                             "actor": desc(ev.actor), "recipient": desc(ev.recipient)})
    with open(args.out, "w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"{args.lang}: {n_sent} sentences, {n_events} events, {len(rows)} from the similarity fallback")
    sample = random.Random(args.seed).sample(rows, min(args.sample, len(rows)))
    for r in sample:
        print(f"{r['type']}\t{r['trigger']}\t{r['sentence']}")


if __name__ == "__main__":
    main()
