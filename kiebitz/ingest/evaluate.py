"""Measure ingest on ../shared/data: language identification accuracy and boilerplate false positives.

    python -m kiebitz.ingest.evaluate [--data ../shared/data] [--show 10]

Language: UD test sentences (German GSD + PUD, English EWT), 3-6 word snippets cut from them, and
whole articles (German Wikinews, English PolNeAR). Boilerplate: share of lines of real article
bodies that the cleaning rules would remove (every one is a false positive unless it is genuine
boilerplate left in those texts; examples are printed for inspection). The Wikinews and PolNeAR
texts are non-commercial / unlicensed: they are read for measuring only, nothing is fitted to them.
"""

from __future__ import annotations

import argparse
import json
import random
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from ..paths import shared_data
from .clean import boilerplate_reason
from .language import detect

DEFAULT_DATA = shared_data()


def ud_sentences(path: Path) -> Iterator[str]:
    """The `# text =` lines of a CoNLL-U file."""
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("# text = "):
                yield line[9:].strip()


def jsonl_texts(path: Path) -> Iterator[str]:
    """The `text` field of every record of a JSON Lines file."""
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)["text"]


def snippets(sentences: list[str], seed: int = 13) -> list[str]:
    """One 3-6 word snippet from each sentence with at least 3 words (fixed seed)."""
    rng = random.Random(seed)
    out = []
    for sentence in sentences:
        words = sentence.split()
        if len(words) < 3:
            continue
        size = rng.randint(3, min(6, len(words)))
        start = rng.randint(0, len(words) - size)
        out.append(" ".join(words[start:start + size]))
    return out


def accuracy(texts: list[str], gold: str) -> tuple[float, Counter]:
    """Share of texts detected as `gold`, and what the others were detected as."""
    wrong: Counter = Counter()
    right = 0
    for text in texts:
        lang, _ = detect(text)
        if lang == gold:
            right += 1
        else:
            wrong[lang] += 1
    return (right / len(texts) if texts else 0.0), wrong


def boilerplate_rate(texts: list[str]) -> tuple[int, int, list[tuple[str, str]]]:
    """(lines checked, lines the rules would remove, examples)."""
    checked, hits, examples = 0, 0, []
    for text in texts:
        for line in text.split("\n"):
            if not line.strip():
                continue
            checked += 1
            reason = boilerplate_reason(line)
            if reason:
                hits += 1
                examples.append((reason, line.strip()))
    return checked, hits, examples


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m kiebitz.ingest.evaluate", description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the shared data folder")
    parser.add_argument("--show", type=int, default=10, help="boilerplate hits to print per corpus")
    args = parser.parse_args(argv)
    data: Path = args.data
    if not data.is_dir():
        print(f"error: data folder not found: {data}")
        return 2

    print("language identification (accuracy; misclassified as ...)")
    sets = {
        "de": [data / "ud-de" / "de_gsd-ud-test.conllu", data / "ud-de" / "de_pud-ud-test.conllu"],
        "en": [data / "ud-en" / "en_ewt-ud-test.conllu"],
    }
    for gold, paths in sets.items():
        sentences = [s for p in paths if p.exists() for s in ud_sentences(p)]
        longer = [t for t in sentences if len(t.split()) >= 3]
        groups = (("UD sentences", sentences), ("UD sentences >=3 w", longer), ("3-6 word snippets", snippets(sentences)))
        for name, texts in groups:
            acc, wrong = accuracy(texts, gold)
            print(f"  {gold} {name:18} n={len(texts):5}  acc={acc:.3f}  {dict(wrong.most_common(5))}")
    articles = {
        "de": data / "quotes-de-wikinews" / "dev.jsonl",
        "en": data / "quotes-en-polnear" / "dev.jsonl",
    }
    for gold, path in articles.items():
        if path.exists():
            texts = list(jsonl_texts(path))
            acc, wrong = accuracy(texts, gold)
            print(f"  {gold} {'articles':18} n={len(texts):5}  acc={acc:.3f}  {dict(wrong.most_common(5))}")

    print("boilerplate rules on real article bodies (removed lines = false positives unless genuine)")
    bodies = {
        "de Wikinews train+dev": [data / "quotes-de-wikinews" / "train.jsonl", data / "quotes-de-wikinews" / "dev.jsonl"],
        "en PolNeAR dev": [data / "quotes-en-polnear" / "dev.jsonl"],
    }
    bodies["de UD sentences (test)"] = [data / "ud-de" / "de_gsd-ud-test.conllu", data / "ud-de" / "de_pud-ud-test.conllu"]
    bodies["en UD EWT sentences (test)"] = [data / "ud-en" / "en_ewt-ud-test.conllu"]
    for name, paths in bodies.items():
        reader = ud_sentences if paths[0].suffix == ".conllu" else jsonl_texts
        texts = [t for p in paths if p.exists() for t in reader(p)]
        checked, hits, examples = boilerplate_rate(texts)
        rate = hits / checked if checked else 0.0
        print(f"  {name:27} lines={checked:6}  removed={hits:4}  rate={rate:.4f}")
        for reason, line in examples[: args.show]:
            print(f"      [{reason}] {line[:100]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
