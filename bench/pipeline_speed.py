"""Articles/second per core for the full pipeline on generated 500-word German news.

    .venv/bin/python bench/pipeline_speed.py [N]

Articles are generated from sentence templates (actors, events, quotes, dates, filler) with a fixed
seed, about 500 words each, and analysed one after the other in one process (one core) with the
default pipeline (outlet, language, nlp, entities, actors, statements, events): first batched as
`kiebitz analyze` runs it (``Pipeline.process``: chunks of 16 articles, one ``nlp.pipe`` call per chunk),
then one article at a time (as the store's ingest and the scale workers call it). Five articles warm up
the models and tables first and are not timed. Target: at least 5 articles/s per core.
"""

from __future__ import annotations

import random
import sys
import time

from kiebitz.model import Article, RawDocument
from kiebitz.pipeline import Pipeline

WARM_UP = 5  # articles run before the clock starts
PUBLISHED = "2024-03-15"

STATES = ["Russland", "die USA", "Deutschland", "Frankreich", "China", "die Ukraine", "Polen", "Japan",
          "Indien", "die Türkei", "Israel", "der Iran", "Brasilien", "Kanada", "Italien", "Ungarn"]
CAPITALS = ["Moskau", "Washington", "Berlin", "Paris", "Peking", "Kiew", "Warschau", "Tokio"]
SPEAKERS = ["der russische Außenminister Sergej Lawrow", "Kremlsprecher Dmitri Peskow",
            "Bundeskanzler Olaf Scholz", "der französische Präsident Emmanuel Macron",
            "die Außenministerin Annalena Baerbock", "der chinesische Außenamtssprecher Wang Wenbin"]
DATES = ["am Montag", "am Dienstag", "letzten Monat", "vergangene Woche", "im Februar 2022", "gestern", ""]
EVENTS = [
    "{a} verhängte {d} neue Sanktionen gegen {b}.",
    "{a} hat {b} {d} weitere Waffen geliefert.",
    "{a} und {b} vereinbarten {d} eine engere Zusammenarbeit.",
    "{a} lehnte {d} die Forderungen von {b} ab.",
    "{a} drohte {b} {d} mit Konsequenzen.",
    "{a} griff {d} Ziele in {b} an.",
    "Vertreter von {a} trafen sich {d} in {c} mit Diplomaten aus {b}.",
    "{a} warf {b} {d} vor, den Konflikt zu verschärfen.",
    "{a} wies {d} mehrere Diplomaten aus {b} aus.",
    "Sollte {a} die Truppen nicht abziehen, werde {b} reagieren.",
]
QUOTES = [
    "„Wir werden {b} nicht nachgeben“, sagte {s} {d}.",
    "{b} müsse die Angriffe sofort beenden, sagte {s} {d}.",
    "Verhandlungen mit {b} seien derzeit unmöglich, erklärte {s}.",
]
FILLER = [
    "Die Lage in der Region bleibt nach Angaben von Beobachtern angespannt.",
    "Experten rechnen in den kommenden Wochen mit weiteren Gesprächen auf Ebene der Fachminister.",
    "Die Wirtschaft des Landes leidet seit Monaten unter hohen Energiepreisen und einer schwachen Nachfrage.",
    "In der Hauptstadt gingen die Menschen trotz der Kälte ihren gewohnten Geschäften nach.",
    "Ein Sprecher des Ministeriums wollte sich zu den Berichten zunächst nicht äußern.",
]


def article(rng: random.Random, words: int = 500) -> str:
    """One generated news article of about `words` words."""
    out: list[str] = []
    count = 0
    while count < words:
        a, b = rng.sample(STATES, 2)
        slots = {"a": a[0].upper() + a[1:], "b": b, "c": rng.choice(CAPITALS), "d": rng.choice(DATES),
                 "s": rng.choice(SPEAKERS)}
        pick = rng.random()
        template = rng.choice(EVENTS if pick < 0.5 else QUOTES if pick < 0.7 else FILLER)
        sentence = " ".join(template.format(**slots).split())
        out.append(sentence)
        count += len(sentence.split())
    paragraphs = [" ".join(out[i : i + 4]) for i in range(0, len(out), 4)]
    return "\n\n".join(paragraphs)


def main(n: int = 100) -> None:
    """Print articles/second (one core) for the full pipeline, batched as `kiebitz analyze` runs it and one by one."""
    rng = random.Random(7)
    texts = [article(rng) for _ in range(2 * n + WARM_UP)]
    pipeline = Pipeline()
    # Warm-up: models, lexicons and the lazily loaded tables (the city gazetteer is read at the first city).
    list(pipeline.process([_raw(t, i) for i, t in enumerate(texts[:WARM_UP])], published=PUBLISHED, language="de"))
    # Two sets of new articles, so the second run finds no cache filled by the first.
    raws = [_raw(t, i) for i, t in enumerate(texts[WARM_UP:WARM_UP + n], 1)]
    others = [_raw(t, i) for i, t in enumerate(texts[WARM_UP + n:], n + 1)]
    words = sum(len(t.split()) for t in texts[WARM_UP:WARM_UP + n]) / n
    # As `kiebitz analyze` runs: Pipeline.process, chunks of 16 through one nlp.pipe call per chunk.
    start = time.process_time()
    wall = time.perf_counter()
    arts = [a for a in pipeline.process(raws, published=PUBLISHED, language="de") if isinstance(a, Article)]
    cpu = time.process_time() - start
    seconds = time.perf_counter() - wall
    events = sum(len(a.events) for a in arts) / max(1, len(arts))
    print(f"pipeline (batched, as kiebitz analyze): {len(arts)} articles (~{words:.0f} words) in {seconds:.2f} s "
          f"wall, {cpu:.2f} s CPU = {len(arts) / cpu:.1f} articles/s per core ({events:.1f} events/article)")
    # One article at a time, as the store's ingest and the scale workers call it.
    start = time.process_time()
    wall = time.perf_counter()
    for raw in others:
        next(pipeline.process([raw], published=PUBLISHED, language="de"))
    cpu = time.process_time() - start
    seconds = time.perf_counter() - wall
    print(f"pipeline (one by one): {n} articles in {seconds:.2f} s wall, {cpu:.2f} s CPU = "
          f"{n / cpu:.1f} articles/s per core")


def _raw(text: str, i: int) -> RawDocument:
    """A generated article as an input document."""
    return RawDocument(origin=f"<bench {i}>", text=text, title=f"Artikel {i}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100)
