"""Dump every token's analysis of ~230 German and ~125 English texts, one JSON line per doc, to compare two
versions of the language pipelines (a speed change must leave the file byte-identical).

Usage: OMP_NUM_THREADS=1 python bench/nlp_dump.py OUT.jsonl; then ``cmp`` the outputs of the two versions
(main's: run main's checkout with its own venv). Texts: GSD dev, SmartData news, GePaDe dev, the seed
article, edge cases; PolNeAR dev, EWT dev (shared data, measurement only).
"""

from __future__ import annotations

import json
import sys

from kiebitz.nlp import load
from kiebitz.nlp.corpora import read_conllu, read_jsonl, shared_data

EXTRA = ["", " ", "\n\n", "Hallo.",
         "„Wir sind bereit“, sagte Rjabkow.\n\nDer russische Vize-Außenminister Sergej Rjabkow sagte, man habe keine "
         "Pläne. Tausende Israelis und zwei Iraker protestierten in Berlin. Der Bürgermeister von Ankara, Mansur "
         "Yavaş, sprach."]


def texts() -> dict[str, list[str]]:
    """The German and English texts."""
    data = shared_data()
    de = [s.text or " ".join(s.words) for s in read_conllu(data / "ud-de" / "de_gsd-ud-dev.conllu")][:150]
    de += [r["text"] for r in read_jsonl(data / "ner-de-smartdata" / "test.jsonl") if r["source"] == "news"][:60]
    de += [r["text"] for r in read_jsonl(data / "quotes-de-gepade" / "dev.jsonl")][:60]
    de += [(data.parent / "examples" / "rt-rjabkow-de.txt").read_text(encoding="utf-8")]
    en = [r["text"] for r in read_jsonl(data / "quotes-en-polnear" / "dev.jsonl")][:60]
    en += [s.text or " ".join(s.words) for s in read_conllu(data / "ud-en" / "en_ewt-ud-dev.conllu")][:60]
    return {"de": de + EXTRA, "en": en + EXTRA}


def main() -> None:
    """Write the dump."""
    with open(sys.argv[1], "w", encoding="utf-8") as out:
        for lang, docs in texts().items():
            nlp = load(lang)
            for text in docs:
                doc = nlp(text)
                toks = [[t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i, t.is_sent_start,
                         t.ent_iob_, t.ent_type_, t.ent_kb_id_, t.ent_id_, t._.country] for t in doc]
                ents = [[e.start, e.end, e.text, e.label_, e.kb_id_, e.id_] for e in doc.ents]
                spans = {k: [[s.start, s.end, s.label_, s.kb_id_] for s in v] for k, v in sorted(doc.spans.items())}
                sents = [[s.start, s.end] for s in doc.sents] if len(doc) else []
                out.write(json.dumps({"lang": lang, "toks": toks, "ents": ents, "spans": spans, "sents": sents},
                                     ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
