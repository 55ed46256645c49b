"""Readers for the shared data sets (CoNLL-U, GermEval TSV, UNER IOB2, SmartData and GePaDe JSONL).

Every reader returns plain Python structures; `to_doc` turns a sentence into a spaCy ``Doc``.
Multi-word tokens of CoNLL-U ("zum" = "zu dem") are kept as one surface token, as the tokenizer
produces them: tag/UPOS of the first part joined by "+" are NOT used; the surface token takes the
analysis of the part that heads the others (its head and relation).
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from spacy.tokens import Doc
from spacy.vocab import Vocab

from ..paths import shared_data  # noqa: F401  (re-exported: the readers and the data folder in one import)


@dataclass
class Sentence:
    """One annotated sentence; optional layers are empty lists when absent."""

    words: list[str]
    spaces: list[bool]
    tags: list[str] = field(default_factory=list)
    pos: list[str] = field(default_factory=list)
    morphs: list[str] = field(default_factory=list)
    lemmas: list[str] = field(default_factory=list)
    heads: list[int] = field(default_factory=list)  # absolute index, self for root
    deps: list[str] = field(default_factory=list)
    ents: list[str] = field(default_factory=list)  # IOB: B-PER, I-PER, O
    text: str = ""
    doc_id: str = ""


def _open(path: Path):
    return gzip.open(path, "rt", encoding="utf-8") if path.suffix == ".gz" else path.open(encoding="utf-8")


def read_conllu(path: Path) -> list[Sentence]:
    """Sentences of a CoNLL-U file, multi-word tokens merged into their surface form."""
    out: list[Sentence] = []
    rows: list[list[str]] = []
    meta: dict[str, str] = {}
    doc_id = ""
    with _open(path) as fh:
        for line in fh:
            line = line.rstrip("\n")
            if line.startswith("#"):
                if line.startswith("# newdoc id"):
                    doc_id = line.split("=", 1)[1].strip()
                elif "=" in line:
                    k, v = line[1:].split("=", 1)
                    meta[k.strip()] = v.strip()
                continue
            if line:
                rows.append(line.split("\t"))
                continue
            if rows:
                out.append(_conllu_sentence(rows, meta.get("text", ""), doc_id))
            rows, meta = [], {}
    if rows:
        out.append(_conllu_sentence(rows, meta.get("text", ""), doc_id))
    return out


def _conllu_sentence(rows: list[list[str]], text: str, doc_id: str) -> Sentence:
    words = [r for r in rows if "." not in r[0]]
    ranges = {}
    for r in words:
        if "-" in r[0]:
            a, b = (int(x) for x in r[0].split("-"))
            ranges[a] = (b, r)
    plain = {int(r[0]): r for r in words if "-" not in r[0]}
    # Map every syntactic word id to its surface token index.
    surface: list[tuple[list[int], list[str]]] = []  # (word ids, row used for form/space)
    i = 1
    n = max(plain) if plain else 0
    while i <= n:
        if i in ranges:
            b, r = ranges[i]
            surface.append((list(range(i, b + 1)), r))
            i = b + 1
        else:
            surface.append(([i], plain[i]))
            i += 1
    word_to_tok = {w: k for k, (ids, _r) in enumerate(surface) for w in ids}
    s = Sentence(words=[], spaces=[], text=text, doc_id=doc_id)
    for k, (ids, r) in enumerate(surface):
        s.words.append(r[1])
        s.spaces.append("SpaceAfter=No" not in r[9])
        # The part whose head lies outside the token carries the token's analysis.
        head_part = next((w for w in ids if int(plain[w][6]) not in ids), ids[0])
        p = plain[head_part]
        tag = "PROAV" if p[4] == "PAV" else p[4]  # GSD writes PAV, HanTa and TIGER PROAV
        s.tags.append(tag if len(ids) == 1 else "APPRART" if tag in ("APPR", "ART") else tag)
        s.pos.append(p[3])
        s.morphs.append("" if p[5] == "_" else p[5])
        s.lemmas.append(p[2])
        h = int(p[6])
        s.heads.append(k if h == 0 else word_to_tok[h])
        s.deps.append("ROOT" if h == 0 else p[7])
    return s


def read_germeval(path: Path) -> list[Sentence]:
    """GermEval 2014 sentences with the outer entity layer (labels as in the file: PER, LOCderiv, ...)."""
    out: list[Sentence] = []
    cur: list[list[str]] = []
    with _open(path) as fh:
        for line in fh:
            line = line.rstrip("\n")
            if line.startswith("#"):
                continue
            if not line.strip():
                if cur:
                    out.append(Sentence(words=[c[1] for c in cur], spaces=[True] * len(cur), ents=[c[2] for c in cur]))
                cur = []
                continue
            cur.append(line.split("\t"))
    if cur:
        out.append(Sentence(words=[c[1] for c in cur], spaces=[True] * len(cur), ents=[c[2] for c in cur]))
    return out


def read_iob2(path: Path) -> list[Sentence]:
    """UNER IOB2 (CoNLL-U-like: id, token, tag); sentence text from `# text`."""
    out: list[Sentence] = []
    cur: list[list[str]] = []
    doc_id = ""
    with _open(path) as fh:
        for line in fh:
            line = line.rstrip("\n")
            if line.startswith("# newdoc id"):
                doc_id = line.split("=", 1)[1].strip()
            if line.startswith("#"):
                continue
            if not line.strip():
                if cur:
                    out.append(Sentence(words=[c[1] for c in cur], spaces=[True] * len(cur),
                                        ents=[c[2] for c in cur], doc_id=doc_id))
                cur = []
                continue
            cur.append(line.split("\t"))
    if cur:
        out.append(Sentence(words=[c[1] for c in cur], spaces=[True] * len(cur), ents=[c[2] for c in cur]))
    return out


def read_jsonl(path: Path) -> Iterator[dict]:
    """Records of a JSON Lines file."""
    with _open(path) as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def to_doc(vocab: Vocab, s: Sentence, ent_map: dict[str, str | None] | None = None) -> Doc:
    """A spaCy Doc carrying every layer the sentence has; entity labels mapped by `ent_map` (None -> O)."""
    kwargs: dict = {}
    if s.tags:
        kwargs["tags"] = s.tags
    if s.pos:
        kwargs["pos"] = s.pos
    if s.morphs:
        kwargs["morphs"] = s.morphs
    if s.lemmas:
        kwargs["lemmas"] = s.lemmas
    if s.heads:
        kwargs["heads"] = s.heads
        kwargs["deps"] = s.deps
    if s.ents:
        kwargs["ents"] = iob_map(s.ents, ent_map)
    return Doc(vocab, words=s.words, spaces=s.spaces, **kwargs)


def iob_map(tags: list[str], ent_map: dict[str, str | None] | None) -> list[str]:
    """Relabel IOB tags; labels mapped to None become O (and a following I- becomes B-)."""
    out: list[str] = []
    for tag in tags:
        if tag == "O" or "-" not in tag:
            out.append("O")
            continue
        prefix, label = tag.split("-", 1)
        new = ent_map.get(label, label) if ent_map is not None else label
        if new is None:
            out.append("O")
            continue
        if prefix == "I" and (not out or out[-1] == "O" or out[-1][2:] != new):
            prefix = "B"
        out.append(f"{prefix}-{new}")
    return out


# GermEval outer labels -> kiebitz labels; LOCderiv kept for the derived-country layer; other deriv/part -> O.
GERMEVAL_LABELS: dict[str, str | None] = {
    "PER": "PER", "ORG": "ORG", "LOC": "LOC", "OTH": "MISC", "LOCderiv": "LOCderiv",
    "PERderiv": None, "ORGderiv": None, "OTHderiv": None,
    "PERpart": None, "ORGpart": None, "LOCpart": None, "OTHpart": None,
}


# GermEval 2014 dev is split once, by position (its sentences are independent samples): the first
# GERMEVAL_HELDOUT sentences are the held-out NER evaluation set (never trained on, never used for model
# selection); the rest joins GermEval test as NER training data.
GERMEVAL_HELDOUT = 1100


def germeval_heldout(data: Path) -> list[Sentence]:
    """The held-out GermEval 2014 evaluation sentences (the first GERMEVAL_HELDOUT of dev)."""
    return read_germeval(data / "ner-de-germeval2014" / "NER-de-dev.tsv")[:GERMEVAL_HELDOUT]


def germeval_trainable(data: Path) -> list[Sentence]:
    """GermEval 2014 sentences we may train on: all of test and dev after the held-out part."""
    test = read_germeval(data / "ner-de-germeval2014" / "NER-de-test.tsv")
    return test + read_germeval(data / "ner-de-germeval2014" / "NER-de-dev.tsv")[GERMEVAL_HELDOUT:]


def gepade_sentences(limit_tokens: int, files: tuple[str, ...] = ("train.jsonl", "dev.jsonl")) -> list[Sentence]:
    """Sentences of the GePaDe Bundestag speeches (space-joined tokens, cut after . ! ?), up to `limit_tokens`."""
    out: list[Sentence] = []
    n = 0
    data = shared_data() / "quotes-de-gepade"
    for name in files:
        for rec in read_jsonl(data / name):
            words: list[str] = []
            for w in rec["text"].split(" "):
                if not w:
                    continue
                words.append(w)
                if w in {".", "!", "?"} and len(words) > 2:
                    out.append(Sentence(words=words, spaces=[True] * len(words)))
                    n += len(words)
                    words = []
            if n >= limit_tokens:
                return out
    return out
