"""Scale-out benchmark: generated articles through `kiebitz batch` on each engine with 1 and 2 workers.

For each engine (local, ray, spark) and worker count it measures the start-up time (a job of one
article: engine start, model loading, listing, writing) and a job of N articles, and reports
articles/second, the steady rate once started, and the speed-up over `--engine local`.

    python bench/scale.py [--n 2000] [--engines local,ray,spark] [--workers 1,2] [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from pathlib import Path

_DE = {
    "people": ["Außenministerin Anna Berger", "Verteidigungsminister Karl Huber", "Regierungssprecher Jan Vogt",
               "die Oppositionsführerin Petra Lange", "der Bürgermeister Stefan Roth", "Kanzler Olaf Brandt"],
    "places": ["Berlin", "Wien", "Kiew", "Moskau", "Brüssel", "Warschau", "Genf", "Tiflis"],
    "actors": ["Russland", "die Ukraine", "die Europäische Union", "die Vereinigten Staaten", "China", "die Nato"],
    "verbs": ["verhängte neue Sanktionen gegen", "kritisierte scharf", "sagte Hilfen zu für", "drohte",
              "verhandelte am Montag mit", "wies die Vorwürfe zurück von"],
    "said": ["sagte", "erklärte", "betonte", "warnte"],
    "claims": ["die Gespräche seien gescheitert", "man werde die Hilfen verdoppeln", "die Lage sei sehr ernst",
               "eine Einigung sei noch in diesem Monat möglich", "die Grenze bleibe geschlossen"],
}
_EN = {
    "people": ["Foreign Minister Anna Berger", "Defence Secretary Mark Hill", "spokesman John Reed",
               "opposition leader Paula Grant", "Mayor Steven Ross", "President Laura Hayes"],
    "places": ["London", "Washington", "Kyiv", "Moscow", "Brussels", "Warsaw", "Geneva", "Tbilisi"],
    "actors": ["Russia", "Ukraine", "the European Union", "the United States", "China", "NATO"],
    "verbs": ["imposed new sanctions on", "sharply criticised", "pledged aid to", "threatened",
              "held talks on Monday with", "rejected the accusations by"],
    "said": ["said", "stated", "stressed", "warned"],
    "claims": ["the talks had failed", "aid would be doubled", "the situation was very serious",
               "an agreement was possible this month", "the border would remain closed"],
}


def _article(rng: random.Random, number: int) -> dict[str, str]:
    """One generated news article (German or English), 8 to 14 sentences with quotes and events."""
    lang = "de" if number % 2 == 0 else "en"
    w = _DE if lang == "de" else _EN
    sentences = []
    for _ in range(rng.randint(8, 14)):
        kind = rng.random()
        who, where = rng.choice(w["people"]), rng.choice(w["places"])
        if kind < 0.35:
            a, b = rng.sample(w["actors"], 2)
            sentences.append(f"{a[0].upper()}{a[1:]} {rng.choice(w['verbs'])} {b}.")
        elif kind < 0.7:
            if lang == "de":
                sentences.append(f"{who[0].upper()}{who[1:]} {rng.choice(w['said'])} am Dienstag in {where}, "
                                 f"{rng.choice(w['claims'])}.")
            else:
                sentences.append(f"{who[0].upper()}{who[1:]} {rng.choice(w['said'])} in {where} on Tuesday that "
                                 f"{rng.choice(w['claims'])}.")
        else:
            quote = rng.choice(w["claims"])
            if lang == "de":
                sentences.append(f"„Wir werden handeln, weil {quote}“, {rng.choice(w['said'])} {who}.")
            else:
                sentences.append(f"“We will act because {quote},” {who} {rng.choice(w['said'])}.")
    title = (f"Meldung {number}: Gespräche in {rng.choice(w['places'])}" if lang == "de"
             else f"Report {number}: talks in {rng.choice(w['places'])}")
    return {"title": title, "text": " ".join(sentences), "published": "2024-05-14", "language": lang}


def write_corpus(path: Path, n: int, seed: int = 7) -> Path:
    """N generated articles as JSON Lines (every article differs, so every id differs)."""
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            fh.write(json.dumps(_article(rng, i), ensure_ascii=False) + "\n")
    return path


def _run(engine: str, workers: int, source: Path, out: Path, shard_size: int) -> tuple[float, int]:
    from kiebitz.scale.engines import run_batch

    started = time.perf_counter()
    summary = run_batch([str(source)], str(out), engine=engine, workers=workers, shard_size=shard_size)
    return time.perf_counter() - started, summary.articles


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--engines", default="local,ray,spark")
    parser.add_argument("--workers", default="1,2")
    parser.add_argument("--shard-size", type=int, default=100)
    parser.add_argument("--json", type=Path, help="Also write the results as JSON to this file.")
    args = parser.parse_args(argv if argv is not None else sys.argv[1:])
    results = []
    with tempfile.TemporaryDirectory(prefix="kiebitz-bench-scale-") as tmp:
        root = Path(tmp)
        corpus = write_corpus(root / "articles.jsonl", args.n)
        one = write_corpus(root / "one.jsonl", 1, seed=99)
        for engine in args.engines.split(","):
            for workers in (int(w) for w in args.workers.split(",")):
                name = f"{engine}-{workers}"
                startup, _ = _run(engine, workers, one, root / f"{name}-startup", args.shard_size)
                seconds, articles = _run(engine, workers, corpus, root / name, args.shard_size)
                steady = articles / max(seconds - startup, 1e-9)
                results.append({"engine": engine, "workers": workers, "articles": articles,
                                "seconds": round(seconds, 1), "startup_s": round(startup, 1),
                                "articles_per_s": round(articles / seconds, 2), "steady_per_s": round(steady, 2)})
                print(json.dumps(results[-1]), flush=True)
    base = {r["workers"]: r["articles_per_s"] for r in results if r["engine"] == "local"}
    print(f"\n{'engine':8} {'workers':>7} {'articles':>8} {'seconds':>8} {'start-up s':>10} {'art/s':>7} "
          f"{'steady/s':>8} {'vs local':>8}")
    for r in results:
        ref = base.get(r["workers"])
        speedup = f"{r['articles_per_s'] / ref:.2f}x" if ref else "-"
        r["speedup_vs_local"] = round(r["articles_per_s"] / ref, 2) if ref else None
        print(f"{r['engine']:8} {r['workers']:>7} {r['articles']:>8} {r['seconds']:>8} {r['startup_s']:>10} "
              f"{r['articles_per_s']:>7} {r['steady_per_s']:>8} {speedup:>8}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
