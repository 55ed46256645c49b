"""Benchmark: read + clean + store 1,000 generated news-like articles (German and English).

    python bench/clean_store.py [--articles 1000] [--html-share 0.1] [--keep DIR]

The pipeline is limited to the ingest components (outlet, language): this measures reading,
cleaning and the store, not the language models. Prints articles/second for a first ingest into an
empty store, for a rerun over the same folder (everything already stored: the resume path), and
for the store alone (`Store.add` on articles already built).
"""

from __future__ import annotations

import argparse
import os
import random
import tempfile
import time
from pathlib import Path

from kiebitz.store import IngestSummary, Store, ingest

PIPELINE = ("outlet", "language")

DE_WORDS = (
    "Regierung Minister Gespräche Verhandlungen Sanktionen Bundestag Kanzler Außenministerium Sprecher "
    "Botschafter Delegation Vertrag Abkommen Grenze Truppen Wahl Partei Opposition Haushalt Steuern Gericht "
    "Urteil Polizei Demonstranten Hauptstadt Region Wirtschaft Inflation Energie Gas Preise Unternehmen "
    "Gewerkschaft Streik Bürger Kommission Gipfel Erklärung Kritik Forderung Angebot Hilfe Lieferungen "
    "Waffen Frieden Konflikt Krise Reform Gesetz Entwurf Mehrheit Abstimmung Woche Monat Jahr"
).split()
DE_GLUE = "der die das und mit von für gegen nach über unter bei seit wegen zwischen eine einen neue weitere".split()
DE_VERBS = "sagte erklärte betonte kritisierte forderte kündigte warnte bestätigte lehnte verhängte".split()
EN_WORDS = (
    "government minister talks negotiations sanctions parliament chancellor ministry spokesman ambassador "
    "delegation treaty agreement border troops election party opposition budget taxes court ruling police "
    "protesters capital region economy inflation energy gas prices companies union strike citizens "
    "commission summit statement criticism demand offer aid deliveries weapons peace conflict crisis reform "
    "law draft majority vote week month year"
).split()
EN_GLUE = "the a and with of for against after over under at since because between new further".split()
EN_VERBS = "said declared stressed criticised demanded announced warned confirmed rejected imposed".split()
BOILERPLATE = {
    "de": ["Quelllink", "Teilen Sie diesen Artikel", "Folgen Sie uns auf Telegram",
           "Abonnieren Sie unseren Newsletter", "Diese Website verwendet Cookies."],
    "en": ["Share this article", "Follow us on Twitter", "Sign up for our newsletter",
           "This website uses cookies.", "Source link"],
}
NAMES = ["Anna Berger", "Thomas Krüger", "Olaf Scholz", "Sergej Lawrow", "Maria Schmidt", "John Smith",
         "Emily Carter", "Antony Blinken", "David Brown", "Sarah Miller"]


def _sentence(rng: random.Random, lang: str) -> str:
    words, glue, verbs = (DE_WORDS, DE_GLUE, DE_VERBS) if lang == "de" else (EN_WORDS, EN_GLUE, EN_VERBS)
    body = [rng.choice(words if rng.random() < 0.55 else glue) for _ in range(rng.randint(8, 20))]
    body = [w.lower() if lang == "en" or w in glue else w for w in body]
    speaker = rng.choice(NAMES)
    verb = rng.choice(verbs)
    if rng.random() < 0.3:
        open_q, close_q = ("„", "“") if lang == "de" else ("“", "”")
        return f"{open_q}{' '.join(body).capitalize()}{close_q}, {verb} {speaker}."
    return f"{speaker} {verb} {' '.join(body)}."


def make_article(rng: random.Random, lang: str, i: int) -> tuple[str, str]:
    """One article as (title, body lines) with a repeated title and boilerplate lines."""
    title = _sentence(rng, lang).split(",")[0].rstrip(".")[:90] + f" ({i})"
    lines = [title, title]
    for _ in range(rng.randint(6, 12)):
        lines.append(" ".join(_sentence(rng, lang) for _ in range(rng.randint(2, 5))))
        if rng.random() < 0.25:
            lines.append(rng.choice(BOILERPLATE[lang]))
    lines += rng.sample(BOILERPLATE[lang], 2)
    return title, "\n\n".join(lines) + "\n"


def generate(folder: Path, n: int = 1000, html_share: float = 0.1, seed: int = 7) -> None:
    """Write `n` articles (half German, half English) into `folder`, a share of them as HTML."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        lang = "de" if i % 2 == 0 else "en"
        title, body = make_article(rng, lang, i)
        if rng.random() < html_share:
            paras = "".join(f"<p>{p}</p>\n" for p in body.split("\n\n")[1:])
            html = (f"<!doctype html><html lang='{lang}'><head><title>{title}</title></head><body>"
                    f"<nav>Home | Politik | Wirtschaft</nav><article><h1>{title}</h1>\n{paras}</article>"
                    "<footer>© 2024 Example News</footer></body></html>")
            (folder / f"{lang}-{i:04d}.html").write_text(html, encoding="utf-8")
        else:
            (folder / f"{lang}-{i:04d}.txt").write_text(body, encoding="utf-8")


def _ingest(folder: Path, db: Path) -> tuple[IngestSummary, float]:
    summary = IngestSummary()
    start = time.perf_counter()
    with Store(db) as store:
        for outcome in ingest([folder], store, pipeline=PIPELINE):
            summary.add(outcome)
    return summary, time.perf_counter() - start


def stages(folder: Path, db: Path) -> dict[str, float]:
    """Milliseconds per article spent in each stage: read, build (clean), each component, store."""
    from kiebitz.ingest.build import build_article
    from kiebitz.ingest.readers import read_paths
    from kiebitz.pipeline import Pipeline

    pipe = Pipeline(PIPELINE)
    spent = dict.fromkeys(("read", "build", *PIPELINE, "store"), 0.0)
    n = 0
    with Store(db) as store:
        docs = read_paths([folder])
        while True:
            t0 = time.perf_counter()
            doc = next(docs, None)
            t1 = time.perf_counter()
            if doc is None:
                break
            spent["read"] += t1 - t0
            article = build_article(doc)
            spent["build"] += time.perf_counter() - t1
            for name, func in pipe.components:
                t = time.perf_counter()
                article = func(article)
                spent[name] += time.perf_counter() - t
            t = time.perf_counter()
            store.add(article)
            spent["store"] += time.perf_counter() - t
            n += 1
    return {k: 1000 * v / n for k, v in spent.items()}


def run(n: int = 1000, html_share: float = 0.1, keep: Path | None = None) -> dict[str, float]:
    """Generate, ingest twice and store-only; return the figures."""
    with tempfile.TemporaryDirectory(prefix="kiebitz-bench-") as tmp:
        root = keep or Path(tmp)
        # A private home: no outlet table imported by the user changes the figures.
        os.environ["KIEBITZ_HOME"] = str(root / "home")
        folder, db = root / "corpus", root / "bench.db"
        generate(folder, n, html_share)
        # One-off costs (imports, loading the language-id model) measured apart from throughput.
        generate(root / "warmup", 4, 0.5, seed=1)
        _, t_warmup = _ingest(root / "warmup", root / "warmup.db")
        first, t_first = _ingest(folder, db)
        again, t_again = _ingest(folder, db)
        with Store(db, readonly=True) as store:
            articles = list(store.iter_articles())
            queries = ["Sanktionen", "government talks", '"neue Sanktionen"', "Verhandl*", "Grenze OR border"]
            start = time.perf_counter()
            for _ in range(20):
                for q in queries:
                    store.search(q, limit=20)
            t_search = (time.perf_counter() - start) / (20 * len(queries))
        start = time.perf_counter()
        with Store(root / "store-only.db") as store:
            for a in articles:
                store.add(a)
        t_store = time.perf_counter() - start
        per_stage = stages(folder, root / "stages.db")
        size_mb = db.stat().st_size / 1e6
    if first.failed or first.new != n or again.stored != n:
        raise SystemExit(f"unexpected outcome: first {first.line()}; rerun {again.line()}")
    return {
        "articles": n,
        "warmup_seconds": t_warmup,
        "first_seconds": t_first,
        "first_per_second": n / t_first,
        "rerun_per_second": n / t_again,
        "store_only_per_second": n / t_store,
        "db_megabytes": size_mb,
        "search_ms": 1000 * t_search,
        **{f"ms_{k}": v for k, v in per_stage.items()},
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--html-share", type=float, default=0.1)
    parser.add_argument("--keep", type=Path, help="keep the corpus and store in this folder")
    args = parser.parse_args(argv)
    r = run(args.articles, args.html_share, args.keep)
    print(f"clean_store: {r['articles']} articles ({args.html_share:.0%} HTML), pipeline {'+'.join(PIPELINE)}")
    print(f"  one-off start-up (imports, models): {r['warmup_seconds']:.1f} s")
    print(f"  read+clean+store, empty store: {r['first_per_second']:8.1f} articles/s ({r['first_seconds']:.1f} s)")
    print(f"  rerun, all already stored:     {r['rerun_per_second']:8.1f} articles/s")
    print(f"  Store.add alone:               {r['store_only_per_second']:8.1f} articles/s")
    print(f"  store size: {r['db_megabytes']:.1f} MB; search (top 20 with snippets): {r['search_ms']:.1f} ms")
    stages_ms = "  ".join(f"{k[3:]} {v:.1f}" for k, v in r.items() if k.startswith("ms_"))
    print(f"  ms per article by stage: {stages_ms}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
