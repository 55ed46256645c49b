"""`kiebitz eval events`: PLOVER type accuracy / macro-F1 and actor/recipient accuracy.

Two gold sets: the PLOVER gold-standard records (English, ../shared/data/events-en-plover-gsr,
older names mapped DEMAND -> REQUEST, DISAPPROVE/INVESTIGATE -> ACCUSE, FIGHT -> ASSAULT) and our
German set (kiebitz/data/gold/events_de.jsonl, split "test" reported, "dev" for rule writing).
Each sentence runs through the full pipeline; the event kiebitz ranks first (highest confidence)
is compared with the gold event, so the system must find the type and the actor pair itself.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..model import Article, Event
from ..paths import DATA_DIR, shared_data
from .plover import LEGACY_TYPES, PLOVER_TYPES

PLOVER_GSR = shared_data() / "events-en-plover-gsr" / "PLOVER_GSR_CAMEO.txt"
GERMAN_GOLD = DATA_DIR / "gold" / "events_de.jsonl"


@dataclass
class GoldEvent:
    """One gold sentence with its event (type None: no event)."""

    id: str
    text: str
    lang: str
    published: str | None
    type: str | None
    actor: frozenset[str]
    recipient: frozenset[str]
    modality: str | None = None
    claimed_by: str | None = None
    date: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


# CAMEO country codes in the GSR that differ from ISO 3166 alpha-3 (kiebitz codes countries by ISO).
_CAMEO_ISO = {"JAP": "JPN", "ITL": "ITA"}


def _codes(actors: Any) -> frozenset[str]:
    if not isinstance(actors, list):
        return frozenset()
    return frozenset(_CAMEO_ISO.get(a["code"], a["code"]) for a in actors if isinstance(a, dict) and a.get("code"))


# Lenient scoring: intergovernmental and non-governmental organisations are one class.
_ORG_CLASS = {"IGO": "IO", "NGO": "IO"}


def _cameo_key(key: str) -> str:
    """The GSR codes every intergovernmental / non-governmental organisation as plain "IGO" / "NGO"."""
    return key[:3] if key[:3] in ("IGO", "NGO") else key


def load_plover(path: Path = PLOVER_GSR, half: str = "all") -> list[GoldEvent]:
    """PLOVER GSR records as gold events; half "even"/"odd" picks every other record (dev/test)."""
    records = json.loads(path.read_text(encoding="utf-8"))
    out = []
    n = 0
    for r in records:
        if r.get("event") == "DOCUMENT" or not r.get("text"):
            continue
        n += 1
        if (half == "even" and n % 2) or (half == "odd" and not n % 2):
            continue
        type_ = LEGACY_TYPES.get(r["event"], r["event"])
        info = r.get("textInfo")
        markup = info.get("markup", "") if isinstance(info, dict) else str(info or "")
        out.append(GoldEvent(r["id"], r["text"].strip(), "en", "2000-01-01", type_,
                             _codes(r.get("source")), _codes(r.get("target")),
                             extra={"scheme": "cameo", "reciprocal": "(SRC/TAR:" in markup}))
    return out


def load_german(path: Path = GERMAN_GOLD, split: str = "test") -> list[GoldEvent]:
    """The German gold set, one split ("dev", "test" or "all")."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        r = json.loads(line)
        if split != "all" and r["split"] != split:
            continue
        out.append(GoldEvent(r["id"], r["text"], "de", r["published"], r["type"], frozenset(r["actor"]),
                             frozenset(r["recipient"]), r.get("modality"), r.get("claimed_by"), r.get("date"),
                             {"mode": r.get("mode"), "date_precision": r.get("date_precision")}))
    return out


def pipeline_names() -> list[str]:
    """The extraction pipeline used for evaluation (statements only when that component exists)."""
    from ..pipeline import get_component

    names = ["nlp", "entities", "actors"]
    try:
        get_component("statements")
        names.append("statements")
    except Exception:  # the statements component is optional for event coding
        pass
    return names + ["events"]


def _key(article: Article, actor_id: str) -> str:
    for a in article.actors:
        if a.id == actor_id:
            return a.country or a.code or a.name
    return actor_id


def primary(article: Article) -> Event | None:
    """The event kiebitz ranks first in a sentence: highest confidence, then text order."""
    if not article.events:
        return None
    return max(article.events, key=lambda e: (e.confidence, -article.events.index(e)))


def run(gold: Iterable[GoldEvent]) -> list[tuple[GoldEvent, Article]]:
    """Analyse every gold sentence with the full pipeline."""
    from ..pipeline import Pipeline

    pipe = Pipeline(pipeline_names())
    out = []
    for g in gold:
        art = Article(id=g.id, text=g.text, language=g.lang, published=g.published)
        out.append((g, pipe(art)))
    return out


def score(results: list[tuple[GoldEvent, Article]], scoring: str = "current") -> dict[str, Any]:
    """Type accuracy, macro-F1 over the PLOVER types, actor / recipient / pair accuracy, and more.

    scoring "current": a reciprocal GSR event (markup "SRC/TAR": "X telephoned Y", "X and Y agreed"),
    which the GSR codes as source {X, Y} and no target, is judged on the set of both parties
    (actor | recipient), since each party is the other's source and target; "strict" compares
    actor with source and recipient with target as written (the scoring before 2026-11-29);
    "lenient" is "current" with IGO and NGO as one class (the GSR codes some NGOs as IGO).
    """
    tp: dict[str, int] = {t: 0 for t in PLOVER_TYPES}
    fp, fn = dict(tp), dict(tp)
    correct = any_hit = 0
    actor_ok = actor_n = rec_ok = rec_n = pair_ok = pair_n = 0
    mod_ok = date_ok = claim_ok = n_events = 0
    rows = []
    for g, art in results:
        ev = primary(art)
        pred = ev.type if ev else None
        correct += pred == g.type
        any_hit += g.type is not None and any(e.type == g.type for e in art.events)
        if pred == g.type and pred is not None:
            tp[pred] += 1
        else:
            if pred is not None:
                fp[pred] += 1
            if g.type is not None:
                fn[g.type] += 1
        pa = frozenset(_key(art, a) for a in ev.actor) if ev else frozenset()
        pr = frozenset(_key(art, a) for a in ev.recipient) if ev else frozenset()
        ga, gr = g.actor, g.recipient
        if g.extra.get("scheme") == "cameo":
            pa, pr = frozenset(map(_cameo_key, pa)), frozenset(map(_cameo_key, pr))
            if scoring == "lenient":
                # The GSR codes some NGOs as IGO (Amnesty International, the Red Crescent): any
                # international organisation matches any other.
                pa, pr, ga, gr = (frozenset(_ORG_CLASS.get(k, k) for k in x) for x in (pa, pr, ga, gr))
        both = scoring != "strict" and g.extra.get("reciprocal")
        if g.type is not None:
            n_events += 1
            if ga:
                actor_n += 1
                actor_ok += (pa | pr) == ga | gr if both else pa == ga
            if gr:
                rec_n += 1
                rec_ok += pr == gr
            if ga:
                pair_n += 1
                pair_ok += (pa | pr) == ga | gr if both else pa == ga and pr == gr
            mod_ok += bool(ev) and ev.modality == g.modality
            date_ok += bool(ev) and ev.date == g.date
            claim = _key(art, ev.claimed_by) if ev and ev.claimed_by else None
            claim_ok += bool(ev) and claim == g.claimed_by
        rows.append({"id": g.id, "gold": g.type, "pred": pred, "actor": sorted(pa), "gold_actor": sorted(g.actor),
                     "recipient": sorted(pr), "gold_recipient": sorted(g.recipient),
                     "modality": ev.modality if ev else None, "date": ev.date if ev else None,
                     "claimed_by": _key(art, ev.claimed_by) if ev and ev.claimed_by else None})
    per_type = {}
    for t in PLOVER_TYPES:
        if tp[t] + fn[t] == 0:
            continue
        p = tp[t] / (tp[t] + fp[t]) if tp[t] + fp[t] else 0.0
        r = tp[t] / (tp[t] + fn[t])
        per_type[t] = {"p": round(p, 3), "r": round(r, 3), "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0,
                       "n": tp[t] + fn[t]}
    n = len(results)
    extras = any(g.modality is not None for g, _ in results)
    out: dict[str, Any] = {
        "n": n,
        "type_accuracy": round(correct / n, 3) if n else 0.0,
        "type_macro_f1": round(sum(v["f1"] for v in per_type.values()) / len(per_type), 3) if per_type else 0.0,
        "type_found_any": round(any_hit / n_events, 3) if n_events else 0.0,
        "actor_accuracy": round(actor_ok / actor_n, 3) if actor_n else 0.0,
        "recipient_accuracy": round(rec_ok / rec_n, 3) if rec_n else 0.0,
        "pair_accuracy": round(pair_ok / pair_n, 3) if pair_n else 0.0,
        # Only the German set has gold modality, dates and claims.
        "modality_accuracy": round(mod_ok / n_events, 3) if n_events and extras else None,
        "date_accuracy": round(date_ok / n_events, 3) if n_events and extras else None,
        "claim_accuracy": round(claim_ok / n_events, 3) if n_events and extras else None,
        "per_type": per_type,
        "rows": rows,
    }
    return out


def evaluate(
    which: str = "all", split: str = "test", half: str = "all", plover: Path = PLOVER_GSR, scoring: str = "current"
) -> dict[str, dict[str, Any]]:
    """Scores for the chosen gold sets ("plover", "de" or "all")."""
    out = {}
    if which in ("plover", "all"):
        out["plover_en"] = score(run(load_plover(plover, half=half)), scoring)
    if which in ("de", "all"):
        out["german_" + split] = score(run(load_german(split=split)))
    return out


_SUMMARY = ("n", "type_accuracy", "type_macro_f1", "type_found_any", "actor_accuracy", "recipient_accuracy",
            "pair_accuracy", "modality_accuracy", "date_accuracy", "claim_accuracy")


def main(argv: list[str]) -> int:
    """CLI entry: print the figures (text or --json); --errors lists the misses."""
    ap = argparse.ArgumentParser(prog="kiebitz eval events", description=__doc__.splitlines()[0])
    ap.add_argument("--set", choices=("plover", "de", "all"), default="all", help="gold set(s) to score")
    ap.add_argument("--split", choices=("test", "dev", "all"), default="test", help="German split")
    ap.add_argument("--half", choices=("all", "even", "odd"), default="all",
                    help="PLOVER records: all, or every other one (even = dev half, odd = test half)")
    ap.add_argument("--plover", type=Path, default=PLOVER_GSR, help="PLOVER gold records (JSON array)")
    ap.add_argument("--scoring", choices=("current", "strict", "lenient"), default="current",
                    help="PLOVER pairs: reciprocal events judged on both parties (current) or as written (strict); "
                         "lenient = current with IGO and NGO as one class")
    ap.add_argument("--json", action="store_true", help="print JSON")
    ap.add_argument("--errors", action="store_true", help="list the sentences where the type was wrong")
    args = ap.parse_args(argv)
    if args.set in ("plover", "all") and not args.plover.exists():
        print(f"PLOVER gold records not found: {args.plover} (set --plover, $KIEBITZ_DATA or $KIEBITZ_SHARED)")
        return 2
    results = evaluate(args.set, args.split, args.half, args.plover, args.scoring)
    if args.json:
        print(json.dumps({k: {m: v[m] for m in (*_SUMMARY, "per_type")} for k, v in results.items()}, indent=2))
        return 0
    for name, res in results.items():
        print(f"== {name}")
        for m in _SUMMARY:
            print(f"  {m:20s} {res[m]}")
        print("  per type (P/R/F1, n):")
        for t, v in res["per_type"].items():
            print(f"    {t:10s} {v['p']:.2f} {v['r']:.2f} {v['f1']:.2f}  n={v['n']}")
        if args.errors:
            for row in res["rows"]:
                if row["pred"] != row["gold"] or row["actor"] != row["gold_actor"]:
                    print("   ", json.dumps(row, ensure_ascii=False))
    return 0
