"""Scorer for the unseen-news development set (tests/extract/data/unseen_news.jsonl).

Fifteen short German and English articles written by hand, with their gold events and statements,
before kiebitz's output on them was looked at (see docs/events.md, "Unseen news"). Every article
runs through the full pipeline; events are matched one-to-one to the gold events of their article.

Gold notation: `type` "AGREE|AID" = either; an actor/recipient entry "POLCVL|POLOPP" = either code;
a 3-letter code matches every actor of that country, a longer code the actor's code (or country +
sector), "*" any; recipient ["*"] = not scored; `optional` events and statements are neither
missed nor false positives; `date` "2024-02-13|null" = either. Run:

    python -m tests.extract.unseen [--errors] [--json] [--set dev|heldout]
"""

from __future__ import annotations

import argparse
import json
import sys
from functools import cache
from pathlib import Path
from typing import Any

from kiebitz.model import Actor, Article, Event, Statement

DEV_SET = Path(__file__).parent / "data" / "unseen_news.jsonl"
# Sixteen more articles written the same way, never used to develop rules (docs/events.md, "Held-out unseen news").
HELDOUT_SET = Path(__file__).parent / "data" / "unseen_news_heldout.jsonl"
# A second development set written in session 11 (one file per language; docs/events.md, "Unseen news 4").
DEV2_SET = Path(__file__).parent / "data" / "unseen_news_dev2"
SETS = {"dev": DEV_SET, "heldout": HELDOUT_SET, "dev2": DEV2_SET}


def load(path: Path = DEV_SET) -> list[dict[str, Any]]:
    """The articles of a set (a JSONL file, or a folder of them) with their gold annotations."""
    files = sorted(path.glob("*.jsonl")) if path.is_dir() else [path]
    return [json.loads(line) for f in files for line in f.read_text(encoding="utf-8").splitlines() if line.strip()]


@cache
def _pipeline() -> Any:
    from kiebitz.pipeline import Pipeline

    return Pipeline()


def analyse(item: dict[str, Any]) -> Article:
    """One development article through the full default pipeline."""
    from kiebitz.model import RawDocument

    raw = RawDocument(origin=item["id"], text=item["text"])
    result = next(_pipeline().process([raw], published=item["published"], language=item["lang"]))
    if isinstance(result, Exception):
        raise result
    return result


def _entry_matches(entry: str, actor: Actor) -> bool:
    """Whether one gold entry ("POL", "POLCVL", "IGO", "Georgian Dream", alternatives with |) names the actor."""
    for alt in entry.split("|"):
        if alt == "*":
            return True
        keys = {actor.code, actor.name, (actor.country or "") + (actor.sector or "")}
        if alt in keys or (len(alt) == 3 and alt.isupper() and (actor.country == alt or (actor.code or "").startswith(alt))):
            return True
    return False


def _side_matches(gold: list[str], ids: tuple[str, ...], by_id: dict[str, Actor]) -> bool:
    """Each gold entry names some predicted actor and each predicted actor is named by some entry."""
    actors = [by_id[i] for i in ids if i in by_id]
    required = [g for g in gold if "*" not in g.split("|")]  # "DEU|*": DEU, another or none
    return all(any(_entry_matches(g, a) for a in actors) for g in required) and all(
        any(_entry_matches(g, a) for g in gold) for a in actors
    )


def event_matches(gold: dict[str, Any], event: Event, by_id: dict[str, Actor], loose: bool = False) -> bool:
    """Type and actor (and, unless loose, recipient) agree."""
    if event.type not in gold["type"].split("|"):
        return False
    if not _side_matches(gold["actor"], event.actor, by_id):
        return False
    return loose or _side_matches(gold["recipient"], event.recipient, by_id)


def _speaker_matches(gold: str, statement: Statement, by_id: dict[str, Actor]) -> bool:
    if gold == "*" or "*" in gold.split("|"):
        return True
    actor = by_id.get(statement.speaker or "")
    return actor is not None and _entry_matches(gold, actor)


def _names(ids: tuple[str, ...], by_id: dict[str, Actor]) -> list[str]:
    """Code (else name) of each actor id."""
    return [by_id[i].code or by_id[i].name for i in ids if i in by_id]


def _pair(golds: list[dict[str, Any]], preds: list[Any], match: Any, prefer: Any = None) -> dict[int, int]:
    """Maximum one-to-one matching (augmenting paths), required gold first: gold index -> prediction index.

    A greedy pass could give a prediction to the first gold it fits and leave a later gold unmatched that
    only this prediction fits; augmenting paths find the largest matching, and a gold once matched stays
    matched, so the required golds' matching is maximal before any optional gold is tried. Among the
    predictions a gold fits, those `prefer(gold, prediction)` scores higher are tried first (for events: the
    ones that also have the gold's modality and date), so attribute accuracy is not left to list order.
    """
    fits = [[pi for pi, p in enumerate(preds) if match(g, p)] for g in golds]
    if prefer is not None:
        fits = [sorted(f, key=lambda pi, g=g: -prefer(g, preds[pi])) for g, f in zip(golds, fits, strict=True)]
    owner: dict[int, int] = {}  # prediction index -> gold index

    def augment(gi: int, seen: set[int]) -> bool:
        for pi in fits[gi]:
            if pi in seen:
                continue
            seen.add(pi)
            if pi not in owner or augment(owner[pi], seen):
                owner[pi] = gi
                return True
        return False

    for gi in sorted(range(len(golds)), key=lambda i: bool(golds[i].get("optional"))):
        augment(gi, set())
    return {gi: pi for pi, gi in owner.items()}


def _agreement(gold: dict[str, Any], event: Event) -> int:
    """How many of modality and date an event shares with a gold event."""
    return (event.modality in gold["modality"].split("|")) + ((event.date or "null") in gold["date"].split("|"))


def score(results: list[tuple[dict[str, Any], Article]], errors: bool = False) -> dict[str, Any]:
    """Event and statement precision/recall; modality and date accuracy of the matched events."""
    c = dict.fromkeys(("pred", "tp_pred", "gold", "tp_gold", "loose_gold", "mod_ok", "date_ok", "matched",
                       "self_loops", "dup_actors", "s_pred", "s_tp_pred", "s_gold", "s_tp_gold", "s_spk_ok"), 0)
    lines: list[str] = []
    for item, art in results:
        by_id = {a.id: a for a in art.actors}
        golds = item["events"]
        preds = list(art.events)
        pairs = _pair(golds, preds, lambda g, e, b=by_id: event_matches(g, e, b), _agreement)
        loose = _pair(golds, preds, lambda g, e, b=by_id: event_matches(g, e, b, loose=True))
        c["pred"] += len(preds)
        c["tp_pred"] += len(pairs)
        required = [i for i, g in enumerate(golds) if not g.get("optional")]
        c["gold"] += len(required)
        c["tp_gold"] += sum(1 for i in required if i in pairs)
        c["loose_gold"] += sum(1 for i in required if i in loose)
        for gi, pi in pairs.items():
            e = preds[pi]
            c["matched"] += 1
            c["mod_ok"] += e.modality in golds[gi]["modality"].split("|")
            c["date_ok"] += (e.date or "null") in golds[gi]["date"].split("|")
        for e in preds:
            codes = lambda ids, b=by_id: _names(ids, b)  # noqa: E731
            c["self_loops"] += bool(set(codes(e.actor)) & set(codes(e.recipient)))
            c["dup_actors"] += len(codes(e.actor)) != len(set(codes(e.actor))) or len(codes(e.recipient)) != len(
                set(codes(e.recipient)))
        sg = item["statements"]
        sp = list(art.statements)
        spairs = _pair(sg, sp, lambda g, s: g["text"] in s.text, lambda g, s, b=by_id: _speaker_matches(g["speaker"], s, b))
        c["s_pred"] += len(sp)
        c["s_tp_pred"] += len(spairs)
        sreq = [i for i, g in enumerate(sg) if not g.get("optional")]
        c["s_gold"] += len(sreq)
        c["s_tp_gold"] += sum(1 for i in sreq if i in spairs)
        c["s_spk_ok"] += sum(1 for gi, pi in spairs.items() if _speaker_matches(sg[gi]["speaker"], sp[pi], by_id))
        if errors:
            name = lambda ids, b=by_id: _names(ids, b)  # noqa: E731
            lines.append(f"== {item['id']}")
            for gi, g in enumerate(golds):
                if gi not in pairs and not g.get("optional"):
                    lines.append(f"  MISS {g['type']} {g['actor']} -> {g['recipient']}  {g.get('note', '')}")
            matched = set(pairs.values())
            for pi, e in enumerate(preds):
                tag = "ok  " if pi in matched else "FP  "
                lines.append(f"  {tag}{e.type} {name(e.actor)} -> {name(e.recipient)} {e.modality} {e.date} "
                             f"| {e.trigger}")
            for pi, s in enumerate(sp):
                if pi not in spairs.values():
                    lines.append(f"  S-FP {name((s.speaker,) if s.speaker else ())} | {s.text[:70]}")
            for gi, g in enumerate(sg):
                if gi not in spairs and not g.get("optional"):
                    lines.append(f"  S-MISS {g['speaker']} | {g['text']}")

    def div(a: int, b: int) -> float:
        return round(a / b, 3) if b else 0.0

    p, r = div(c["tp_pred"], c["pred"]), div(c["tp_gold"], c["gold"])
    sp_, sr = div(c["s_tp_pred"], c["s_pred"]), div(c["s_tp_gold"], c["s_gold"])
    return {
        "articles": len(results),
        "events": {"gold": c["gold"], "predicted": c["pred"], "precision": p, "recall": r,
                   "f1": div(round(2 * p * r * 1000), round((p + r) * 1000)) if p + r else 0.0,
                   "recall_type_actor": div(c["loose_gold"], c["gold"]),
                   "modality": div(c["mod_ok"], c["matched"]), "date": div(c["date_ok"], c["matched"]),
                   "self_loops": c["self_loops"], "duplicate_actors": c["dup_actors"]},
        "statements": {"gold": c["s_gold"], "predicted": c["s_pred"], "precision": sp_, "recall": sr,
                       "speaker": div(c["s_spk_ok"], c["s_tp_pred"])},
        "errors": lines,
    }


def evaluate(lang: str | None = None, errors: bool = False, path: Path = DEV_SET) -> dict[str, Any]:
    """Run and score the development set, or another set at `path` (one language or both)."""
    items = [i for i in load(path) if lang in (None, i["lang"])]
    return score([(i, analyse(i)) for i in items], errors=errors)


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(prog="python -m tests.extract.unseen")
    ap.add_argument("--errors", action="store_true")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--lang", choices=["de", "en"])
    ap.add_argument("--set", choices=sorted(SETS), default="dev", help="dev or dev2 (tuned on) or heldout (never tuned on)")
    args = ap.parse_args(argv)
    res = evaluate(args.lang, errors=args.errors, path=SETS[args.set])
    if args.json:
        print(json.dumps({k: v for k, v in res.items() if k != "errors"}, indent=1))
    else:
        print("\n".join(res.pop("errors")))
        for k, v in res.items():
            print(k, v)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
