"""`kiebitz eval statements`: quote P/R/F1, speaker accuracy and joint F1 against gold quotation data.

A gold quote is found when one predicted statement covers at least half of its characters. A found quote's
speaker is right when the predicted speaker span overlaps a gold speaker span, or the gold speaker's head
word is one of the resolved actor's alias words (a pronoun resolved to the person named elsewhere). Joint:
found and speaker right (a gold quote without a speaker needs a prediction without one). Precision counts
predicted statements that find some gold quote.
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter
from dataclasses import dataclass, field

from ..model import Article, Statement
from ..paths import DATA_DIR, shared_data

SHARED = shared_data()
DATASETS = {
    "wikinews": (SHARED / "quotes-de-wikinews/dev.jsonl", "de"),
    "gepade": (SHARED / "quotes-de-gepade/dev.jsonl", "de"),
    "en": (DATA_DIR / "gold/statements_en.jsonl", "en"),
    "de-dev": (DATA_DIR / "gold/statements_de.jsonl", "de"),
    # PolNeAR dev: English political news, no licence stated: measure only
    "polnear": (SHARED / "quotes-en-polnear/dev.jsonl", "en"),
    # development set (CC BY-SA); not part of `--data all`
    "gepade-train": (SHARED / "quotes-de-gepade/train.jsonl", "de"),
    # error analysis only (CC BY-NC-SA: nothing that ships is trained on it); not part of `--data all`
    "wikinews-train": (SHARED / "quotes-de-wikinews/train.jsonl", "de"),
}
DEFAULT = ("wikinews", "gepade", "polnear", "en", "de-dev")
KIND_MAP = {"Direct": "direct", "Indirect": "indirect", "FreeIndirect": "free-indirect",
            "IndirectFreeIndirect": "indirect", "Reported": "reported"}


@dataclass
class Gold:
    """One gold quote: char spans of the quote and of its speaker, and its kind."""

    quote: list[tuple[int, int]]
    speaker: list[tuple[int, int]]
    kind: str


@dataclass
class Scores:
    """Counts for one data set."""

    gold: int = 0
    pred: int = 0
    found: int = 0
    pred_ok: int = 0
    with_speaker: int = 0
    speaker_ok: int = 0
    joint: int = 0
    pred_joint: int = 0
    by_kind: Counter = field(default_factory=Counter)
    errors: Counter = field(default_factory=Counter)

    def summary(self) -> dict[str, float]:
        """P/R/F1, speaker accuracy and joint F1."""
        def f1(p: float, r: float) -> float:
            return 2 * p * r / (p + r) if p + r else 0.0
        p = self.pred_ok / self.pred if self.pred else 0.0
        r = self.found / self.gold if self.gold else 0.0
        jp = self.pred_joint / self.pred if self.pred else 0.0
        jr = self.joint / self.gold if self.gold else 0.0
        return {"quote_p": p, "quote_r": r, "quote_f1": f1(p, r),
                "speaker_acc": self.speaker_ok / self.with_speaker if self.with_speaker else 0.0,
                "joint_p": jp, "joint_r": jr, "joint_f1": f1(jp, jr)}


def load(name: str, limit: int | None = None) -> list[tuple[str, str, list[Gold]]]:
    """(id, text, gold quotes) for a data set: wikinews, gepade or en."""
    path, _ = DATASETS[name]
    out = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if limit is not None and len(out) >= limit:
                break
            doc = json.loads(line)
            golds = []
            for a in doc["annotations"]:
                if name.startswith("gepade"):
                    quote, speaker, kind = a["Message"], a["Source"], "gepade"
                else:
                    quote, speaker = a["quote"], a["speaker"]
                    kind = KIND_MAP.get(a.get("type", ""), a.get("type", "direct").lower())
                    if name == "polnear":
                        kind = "direct" if a["direct"] else "attribution"
                if quote:
                    golds.append(Gold([tuple(s) for s in quote], [tuple(s) for s in speaker], kind))
            out.append((str(doc["id"]), doc["text"], golds))
    return out


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _speaker_ok(article: Article, st: Statement, gold: Gold) -> bool:
    if not gold.speaker:
        return st.speaker_text is None
    if st.speaker_start is not None and any(
            _overlap((st.speaker_start, st.speaker_end), g) for g in gold.speaker):
        return True
    actor = next((a for a in article.actors if a.id == st.speaker), None)
    if actor is None:
        return False
    words = {w for alias in actor.aliases for w in re.findall(r"\w+", alias)}
    heads = [re.findall(r"\w+", article.text[s:e]) for s, e in gold.speaker]
    return any(h and h[-1] in words for h in heads)


PRONOUNS = {"er", "sie", "ihm", "ihn", "ihr", "ich", "wir", "es", "he", "she", "they", "i", "we", "it"}
ARTICLES = {"der", "die", "das", "den", "dem", "des", "ein", "eine", "einem", "einer", "eines", "einen", "the", "a"}


def _speaker_form(text: str, gold: Gold, st: Statement) -> str:
    """What kind of speaker a wrong attribution missed: pronoun, role noun, surname, full name/organisation."""
    if not gold.speaker:
        return "gold has no speaker"
    if st.speaker_text is None:
        return "none found"
    s, e = gold.speaker[0]
    words = re.findall(r"\w+", text[s:e])
    if len(words) == 1 and words[0].lower() in PRONOUNS:
        return "pronoun"
    if not words or words[0].lower() in ARTICLES or text[s:e][:1].islower():
        return "role noun / common noun phrase"
    return "surname / single name" if len(words) == 1 else "full name / organisation"


def score(article: Article, golds: list[Gold], scores: Scores) -> None:
    """Add one article's counts to `scores`."""
    preds = list(article.statements)
    scores.gold += len(golds)
    scores.pred += len(preds)
    matched: dict[int, list[Gold]] = {}
    for g in golds:
        length = sum(e - s for s, e in g.quote)
        best, best_cov = None, 0
        for n, st in enumerate(preds):
            cov = sum(_overlap((st.start, st.end), q) for q in g.quote)
            if cov > best_cov:
                best, best_cov = n, cov
        scores.by_kind[(g.kind, "gold")] += 1
        if best is None or best_cov * 2 < length:
            scores.errors[(g.kind, "missed" if best is None else "boundary < 50%")] += 1
            continue
        scores.found += 1
        scores.by_kind[(g.kind, "found")] += 1
        matched.setdefault(best, []).append(g)
        ok = _speaker_ok(article, preds[best], g)
        scores.errors[(g.kind, "ok" if ok else "wrong speaker")] += 1
        if not ok:
            scores.errors[("wrong speaker", _speaker_form(article.text, g, preds[best]))] += 1
        if g.speaker:
            scores.with_speaker += 1
            scores.speaker_ok += ok
        if ok:
            scores.joint += 1
            scores.by_kind[(g.kind, "joint")] += 1
    for n, st in enumerate(preds):
        scores.by_kind[(st.kind, "pred")] += 1
        if n in matched:
            scores.pred_ok += 1
            scores.by_kind[(st.kind, "pred_ok")] += 1
            scores.pred_joint += any(_speaker_ok(article, st, g) for g in matched[n])


def evaluate(name: str, limit: int | None = None) -> Scores:
    """Run the pipeline (nlp, entities, actors, statements) over a data set and score it."""
    from ..pipeline import Pipeline

    _, lang = DATASETS[name]
    pipe = Pipeline(("nlp", "entities", "actors", "statements"))
    scores = Scores()
    for doc_id, text, golds in load(name, limit):
        article = pipe(Article(id=doc_id, text=text, language=lang))
        score(article, golds, scores)
    return scores


def report(name: str, scores: Scores) -> str:
    """A printable table for one data set."""
    s = scores.summary()
    lines = [f"{name}: gold {scores.gold}, predicted {scores.pred}",
             f"  quote   P {s['quote_p']:.3f}  R {s['quote_r']:.3f}  F1 {s['quote_f1']:.3f}",
             f"  speaker accuracy on found quotes {s['speaker_acc']:.3f} ({scores.speaker_ok}/{scores.with_speaker})",
             f"  joint   P {s['joint_p']:.3f}  R {s['joint_r']:.3f}  F1 {s['joint_f1']:.3f}"]
    kinds = sorted({k for k, _ in scores.by_kind})
    for k in kinds:
        c = scores.by_kind
        g, p = c[(k, "gold")], c[(k, "pred")]
        parts = []
        if g:
            parts.append(f"recall {c[(k, 'found')] / g:.3f} ({c[(k, 'found')]}/{g}), joint recall {c[(k, 'joint')] / g:.3f}")
        if p:
            parts.append(f"precision {c[(k, 'pred_ok')] / p:.3f} ({c[(k, 'pred_ok')]}/{p})")
        lines.append(f"  {k:14s} " + "; ".join(parts))
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    """CLI: kiebitz eval statements [--data NAME|all] [--limit N] [--json] [--errors]."""
    parser = argparse.ArgumentParser(prog="kiebitz eval statements")
    parser.add_argument("--data", default="all", choices=[*DATASETS, "all"])
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--errors", action="store_true",
                        help="also print the error breakdown (by kind: missed / boundary / wrong speaker)")
    args = parser.parse_args(argv)
    names = list(DEFAULT) if args.data == "all" else [args.data]
    results = {}
    for name in names:
        path = DATASETS[name][0]
        if not path.exists():
            print(f"{name}: data missing: {path}")
            return 1
        scores = evaluate(name, args.limit)
        results[name] = scores.summary()
        if not args.json:
            print(report(name, scores))
        if args.errors and not args.json:
            for (group, what), n in sorted(scores.errors.items()):
                print(f"  error  {group:14s} {what:32s} {n}")
    if args.json:
        print(json.dumps(results, indent=2))
    return 0
