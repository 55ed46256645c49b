"""Articles/second per core for the full pipeline on generated 500-word German news.

    .venv/bin/python bench/pipeline_speed.py [N]

Articles are generated from sentence templates (actors, events, quotes, dates, filler) with a fixed
seed, about 500 words each, and analysed one after the other in one process (one core) with the
default pipeline (outlet, language, nlp, entities, actors, statements, events). The first article
warms up the models and tables and is not timed. Target: at least 5 articles/s per core.
"""

from __future__ import annotations

import random
import sys
import time

import kiebitz

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
    """Print articles/second (one core) for the full pipeline."""
    rng = random.Random(7)
    texts = [article(rng) for _ in range(n + 1)]
    kiebitz.analyze_text(texts[0], title="Warm-up", published="2024-03-15", language="de")
    start = time.process_time()
    wall = time.perf_counter()
    events = 0
    for i, text in enumerate(texts[1:], 1):
        art = kiebitz.analyze_text(text, title=f"Artikel {i}", published="2024-03-15", language="de")
        events += len(art.events)
    cpu = time.process_time() - start
    seconds = time.perf_counter() - wall
    words = sum(len(t.split()) for t in texts[1:]) / n
    print(f"pipeline: {n} articles (~{words:.0f} words) in {seconds:.2f} s wall, {cpu:.2f} s CPU = "
          f"{n / cpu:.1f} articles/s per core ({events / n:.1f} events/article)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100)
