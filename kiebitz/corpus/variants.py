"""Synthetic labelled variants for measuring duplicate detection (and the benchmark's near-duplicates).

Base articles are runs of consecutive sentences from the UD treebanks in ../shared/data (CC BY-SA;
German GSD/PUD, English EWT), or generated text when those are absent. Each base article gets
copies that must be found (reposts with boilerplate, small edits, syndicated copies with another
title and an agency line, shortened versions) and follow-ups that must not (same topic: the same
lead and two background sentences, but otherwise new text).
"""

from __future__ import annotations

import gzip
import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

POSITIVE_KINDS = ("repost", "edited", "syndicated", "shortened")
NEGATIVE_KINDS = ("follow-up",)

BOILERPLATE_TOP = [
    "Quelllink", "Teilen auf Facebook", "Share this article", "Folgen Sie uns auf Telegram",
    "Lesen Sie auch:", "Advertisement", "Zum Newsletter anmelden", "Follow us on X",
]
BOILERPLATE_BOTTOM = [
    "Alle Rechte vorbehalten.", "© 2023 Nachrichtenagentur. All rights reserved.",
    "Mehr zum Thema – Weitere Berichte", "Sign up for our daily briefing.",
    "Kommentare sind für diesen Artikel geschlossen.", "Related: more news from the region",
]
AGENCIES = ["(dpa)", "(Reuters)", "(AFP)", "(AP)", "(epd)", "(KNA)"]


@dataclass(frozen=True)
class Doc:
    """One labelled document: `group` is the base article it copies (its own id for a distinct text)."""

    key: int
    group: int
    kind: str  # original / repost / edited / syndicated / shortened / follow-up
    title: str
    text: str


def ud_sentences(data: Path) -> list[str]:
    """Sentence texts of the UD treebanks under `data` (ud-de, ud-en), in file order."""
    files = sorted((data / "ud-de").glob("*.conllu")) + sorted((data / "ud-en").glob("*.conllu*"))
    out: list[str] = []
    for path in files:
        opener = gzip.open if path.suffix == ".gz" else open
        with opener(path, "rt", encoding="utf-8") as fh:
            out.extend(line[9:].strip() for line in fh if line.startswith("# text = "))
    return [s for s in out if len(s.split()) >= 4]


FUNCTION_WORDS = ("der die das und in den von zu mit sich des auf für ist im dem nicht ein eine als auch es an "
                  "the of and to a in that is was he for it with as his on be at by").split()
_SYLLABLES = ("ka ri to men sa lo ber gen ta vi ro da ne mi tu ler han sch wa ko li de pa zu fo "
              "ra ni sel mo ter bu gri ost wel").split()


class TextGenerator:
    """Pseudo-news sentences: function words plus a Zipf-distributed vocabulary of pseudo-words.

    News vocabularies are Zipfian: unrelated articles share frequent words but few word pairs, which
    is what shingle-based duplicate detection sees; a small template vocabulary would not be.
    """

    def __init__(self, seed: int = 0, vocabulary: int = 30_000) -> None:
        self.rng = random.Random(seed)
        words: set[str] = set()
        while len(words) < vocabulary:
            words.add("".join(self.rng.choices(_SYLLABLES, k=self.rng.randint(2, 4))))
        vocab = sorted(words)
        self.rng.shuffle(vocab)  # ranks independent of spelling
        self.words = FUNCTION_WORDS + vocab
        weights = [1.0 / (rank + 1) ** 1.05 for rank in range(len(self.words))]
        total, acc = sum(weights), 0.0
        self.cum = []
        for w in weights:
            acc += w / total
            self.cum.append(acc)

    def sentence(self) -> str:
        """One sentence of 8-24 words."""
        tokens = self.rng.choices(self.words, cum_weights=self.cum, k=self.rng.randint(8, 24))
        return tokens[0].capitalize() + " " + " ".join(tokens[1:]) + "."

    def sentences(self, n: int) -> list[str]:
        return [self.sentence() for _ in range(n)]


def generated_sentences(n: int, seed: int = 0) -> list[str]:
    """`n` pseudo-news sentences (when the treebanks are not available)."""
    return TextGenerator(seed).sentences(n)


def base_articles(sentences: list[str], n: int, seed: int = 0, size: tuple[int, int] = (8, 16)) -> list[list[str]]:
    """Cut `n` articles of consecutive sentences (a stretch of one treebank reads like one text)."""
    rng = random.Random(seed)
    out: list[list[str]] = []
    pos = 0
    while len(out) < n and pos < len(sentences):
        k = rng.randint(*size)
        out.append(sentences[pos : pos + k])
        pos += k
    return out


def _edit_words(text: str, rate: float, rng: random.Random, vocab: list[str]) -> str:
    words = text.split()
    for i in range(len(words)):
        if rng.random() < rate:
            words[i] = rng.choice(vocab)
    return " ".join(words)


def variant(kind: str, sents: list[str], rng: random.Random, pool: list[str]) -> str:
    """One copy of an article (`sents`) of the given kind; `pool` supplies unrelated sentences."""
    if kind == "repost":
        top = rng.sample(BOILERPLATE_TOP, rng.randint(2, 4))
        bottom = rng.sample(BOILERPLATE_BOTTOM, rng.randint(2, 3))
        return "\n".join([*top, *sents, *bottom])
    if kind == "edited":
        body = list(sents)
        body.pop(rng.randrange(len(body)))  # a sentence dropped
        body.insert(rng.randrange(len(body) + 1), rng.choice(pool))  # an update added
        vocab = " ".join(pool[:200]).split()
        return "\n".join(_edit_words(s, 0.04, rng, vocab) for s in body)
    if kind == "syndicated":
        return "\n".join([f"{rng.choice(['Berlin', 'Moskau', 'London', 'Washington'])} {rng.choice(AGENCIES)} - "
                          + sents[0], *sents[1:], rng.choice(BOILERPLATE_BOTTOM)])
    if kind == "shortened":
        return "\n".join(sents[: max(2, round(len(sents) * 0.7))])
    if kind == "follow-up":
        background = rng.sample(sents[1:], min(2, len(sents) - 1))
        fresh = rng.sample(pool, max(6, len(sents) - 3))
        return "\n".join([sents[0], *fresh[: len(fresh) // 2], *background, *fresh[len(fresh) // 2 :]])
    raise ValueError(f"unknown variant kind {kind!r}")


def labelled_set(sentences: list[str], n_base: int, seed: int = 0) -> list[Doc]:
    """Base articles with one variant of each kind, shuffled; follow-ups form groups of their own."""
    rng = random.Random(seed)
    bases = base_articles(sentences, n_base, seed)
    pool = sentences[sum(len(b) for b in bases) :] or sentences
    docs: list[Doc] = []
    key = 0
    for g, sents in enumerate(bases):
        title = sents[0][:60]
        docs.append(Doc(key, key, "original", title, "\n".join(sents)))
        group = key
        key += 1
        for kind in POSITIVE_KINDS:
            docs.append(Doc(key, group, kind, f"{title} ({kind})", variant(kind, sents, rng, pool)))
            key += 1
        for kind in NEGATIVE_KINDS:
            docs.append(Doc(key, key, kind, f"Follow-up {g}", variant(kind, sents, rng, pool)))
            key += 1
    rng.shuffle(docs)
    return docs


def stream(n: int, dup_rate: float, seed: int = 0) -> Iterator[tuple[str, str, bool]]:
    """(title, text, is_copy) for a benchmark: generated articles, `dup_rate` of them copies of earlier ones."""
    rng = random.Random(seed)
    gen = TextGenerator(seed)
    pool = gen.sentences(2000)  # for the sentences an edited copy adds
    recent: list[list[str]] = []
    for _ in range(n):
        if recent and rng.random() < dup_rate:
            sents = rng.choice(recent)
            kind = rng.choice(POSITIVE_KINDS)
            yield "copy", variant(kind, sents, rng, pool), True
            continue
        sents = gen.sentences(rng.randint(8, 16))
        recent.append(sents)
        if len(recent) > 5000:
            recent.pop(rng.randrange(len(recent)))
        yield sents[0][:60], "\n".join(sents), False
