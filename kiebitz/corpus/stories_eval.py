"""`kiebitz eval stories`: pairwise precision/recall of event and statement clustering on synthetic variants.

Gold stories are generated, then reported by several articles from different outlets with the
variation real reports show: events with the actor named by country or by a sector code (RUS,
RUSGOV), dated by the article or by the event on days around the event; statements quoted in full,
in part, with other punctuation/case, and with the speaker named differently ("Sergej Rjabkow",
"Rjabkow", "Vize-Außenminister Rjabkow"). Distractors that must stay apart: the same actors doing
the same kind of thing weeks later, the same actors with roles swapped, other quotes by the same
speaker in the same days. Every mention is stored through the real store (`Store.add`), and the
clusters are read back from its tables.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import random
import tempfile
from collections import defaultdict
from pathlib import Path

from ..model import Actor, Article, Event, Evidence, Outlet, Source, Statement
from .dedup_eval import DEFAULT_DATA
from .variants import generated_sentences, ud_sentences

TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
         "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
COUNTRIES = ("RUS", "USA", "UKR", "DEU", "FRA", "CHN", "GBR", "POL", "TUR", "IRN")
SECTORS = ("GOV", "MIL", "")
SPEAKERS = (("Sergej", "Rjabkow"), ("Annalena", "Baerbock"), ("Antony", "Blinken"), ("Olaf", "Scholz"),
            ("Maria", "Sacharowa"), ("Wang", "Yi"), ("Emmanuel", "Macron"), ("Kaja", "Kallas"))
OUTLETS = tuple(f"outlet{i}.example" for i in range(12))


def _day(base: dt.date, offset: int) -> str:
    return (base + dt.timedelta(days=offset)).isoformat()


def _actor(aid: str, country: str, rng: random.Random) -> Actor:
    sector = rng.choice(SECTORS)
    if sector:
        return Actor(aid, f"{country} {sector.lower()}", "organization", country=None, code=country + sector)
    return Actor(aid, country, "state", country=country, code=country)


def _pairs(groups: dict[str, object]) -> set[tuple[str, str]]:
    members: dict[object, list[str]] = defaultdict(list)
    for item, group in groups.items():
        members[group].append(item)
    return {tuple(sorted(p)) for m in members.values() for p in itertools.combinations(m, 2)}  # type: ignore[misc]


def _prf(pred: dict[str, object], gold: dict[str, object]) -> tuple[float, float, float]:
    pp, gp = _pairs(pred), _pairs(gold)
    tp = len(pp & gp)
    p = tp / len(pp) if pp else 1.0
    r = tp / len(gp) if gp else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def build(sentences: list[str], n: int, seed: int = 0) -> tuple[list[Article], dict[str, object], dict[str, object]]:
    """Articles with one event and one statement each, plus gold event and statement groups."""
    rng = random.Random(seed)
    quotes = [s for s in sentences if len(s.split()) >= 12]
    rng.shuffle(quotes)
    articles: list[Article] = []
    gold_events: dict[str, object] = {}
    gold_quotes: dict[str, object] = {}
    base = dt.date(2023, 1, 1)
    k = 0
    for g in range(n):
        etype = rng.choice(TYPES)
        src, tgt = rng.sample(COUNTRIES, 2)
        day0 = rng.randrange(0, 300)
        first, last = rng.choice(SPEAKERS)
        quote = quotes[g % len(quotes)]
        # A distractor story: same actors and type 20-60 days later, or roles swapped, or another quote.
        stories = [("gold", etype, src, tgt, day0, quote)]
        twist = rng.choice(("later", "swapped", "other-quote"))
        if twist == "later":
            stories.append(("later", etype, src, tgt, day0 + rng.randint(20, 60), quotes[-1 - g % len(quotes)]))
        elif twist == "swapped":
            stories.append(("swapped", etype, tgt, src, day0, quotes[-1 - g % len(quotes)]))
        else:
            stories.append(("other", rng.choice(TYPES), *rng.sample(COUNTRIES, 2), day0, quotes[-1 - g % len(quotes)]))
        for label, etype_, src_, tgt_, day, text in stories:
            for _m in range(rng.randint(1, 5)):
                k += 1
                aid = f"{k:016x}"
                words = text.split()
                form = rng.choice(("full", "part", "noisy"))
                if form == "part":
                    n_words = max(6, int(len(words) * rng.uniform(0.6, 0.9)))
                    start = rng.randint(0, len(words) - n_words)
                    said = " ".join(words[start : start + n_words])
                elif form == "noisy":
                    said = "„" + text.lower().replace(",", "").rstrip(".") + "“"
                else:
                    said = text
                speaker = rng.choice((f"{first} {last}", last, f"Vize-Außenminister {last}"))
                filler = " ".join(rng.sample(sentences, 4))
                body = f"{filler} {said} sagte {speaker}."
                s0 = body.index(said)
                published = _day(base, day + rng.randint(0, 2))
                a1, a2 = _actor("a1", src_, rng), _actor("a2", tgt_, rng)
                sp = Actor("a3", speaker, "person")
                ev_date = _day(base, day) if rng.random() < 0.5 else None
                articles.append(Article(
                    id=aid, text=body, title=f"Story {g}", language="de", published=published,
                    source=Source(url=f"https://{rng.choice(OUTLETS)}/{aid}"),
                    outlet=Outlet(domain=rng.choice(OUTLETS)),
                    actors=(a1, a2, sp),
                    statements=(Statement("s1", "direct", said, s0, s0 + len(said), speaker="a3",
                                          speaker_text=speaker),),
                    events=(Event("e1", etype_, None, ("a1",), ("a2",), "asserted", Evidence(0, len(filler)),
                                  date=ev_date, date_precision="day" if ev_date else None),),
                ))
                gold_events[f"{aid}:e1"] = (g, label)
                gold_quotes[f"{aid}:s1"] = (g, label)
    rng.shuffle(articles)
    return articles, gold_events, gold_quotes


def measure(articles: list[Article], gold_events: dict[str, object], gold_quotes: dict[str, object]
            ) -> dict[str, tuple[float, float, float]]:
    """Store the articles and score the clusters the store built."""
    from ..store import Store

    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "eval.db") as store:
        for a in articles:
            store.add(a)
        conn = store.connection
        ev = dict(conn.execute("SELECT event_id, cluster_id FROM corpus_event_members"))
        st = dict(conn.execute("SELECT statement_id, cluster_id FROM corpus_statement_members"))
    return {"events": _prf(ev, gold_events), "statements": _prf(st, gold_quotes)}


def main(argv: list[str] | None = None) -> int:
    """Print pairwise P/R/F1 of event and statement clusters."""
    ap = argparse.ArgumentParser(prog="kiebitz eval stories", description=__doc__)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--n", type=int, default=200, help="gold stories")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    sentences = ud_sentences(args.data) if args.data.exists() else []
    sentences = sentences or generated_sentences(8000)
    articles, ge, gq = build(sentences, args.n, args.seed)
    scores = measure(articles, ge, gq)
    print(f"# {len(articles)} articles from {args.n} stories (+ one distractor story each), seed {args.seed}")
    print("what\tP\tR\tF1")
    for what, (p, r, f) in scores.items():
        print(f"{what}\t{p:.3f}\t{r:.3f}\t{f:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
