"""Statement clusters found through the quote-bigram index equal a brute-force reference over every cluster."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import pytest

from kiebitz.corpus.quote_index import QuoteIndex
from kiebitz.corpus.stories import QUOTE_CONTAINMENT, STATEMENT_WINDOW, bigrams
from kiebitz.errors import StoreError
from kiebitz.model import Actor, Article
from kiebitz.store import Store
from tests.corpus.factory import article

WORDS = ("wir werden keine neuen gespräche mit washington führen solange sanktionen gelten und die nato "
         "weiter nach osten rückt moskau bleibt offen für dialog").split()
SPEAKERS = ("Sergej Rjabkow", "Maria Sacharowa", "Dmitri Peskow")


def _cases(n: int, seed: int, partial: float = 0.3) -> list[tuple[str, str, str | None]]:
    """(speaker, quote, day): quotes built from shared phrases, so they overlap partly; days out of order."""
    rng = random.Random(seed)
    phrases = [" ".join(rng.choice(WORDS) for _ in range(rng.randint(3, 9))) for _ in range(12)]
    out = []
    for _ in range(n):
        parts = rng.sample(phrases, rng.randint(1, 3))
        if rng.random() < partial:  # a partial quote
            words = " ".join(parts).split()
            a = rng.randrange(len(words))
            parts = [" ".join(words[a:a + rng.randint(1, 8)])]
        day = None if rng.random() < 0.1 else (dt.date(2023, 1, 1) + dt.timedelta(days=rng.randrange(60))).isoformat()
        out.append((rng.choice(SPEAKERS[:2] if rng.random() < 0.8 else SPEAKERS), " ".join(parts), day))
    return out


def _article(i: int, speaker: str, quote: str, day: str | None) -> Article:
    text = f"Bericht Nummer {i} aus der Hauptstadt mit eigenem Wortlaut {i * 7919}. " + quote
    person = Actor("a1", speaker, "person", country="RUS")
    return article(f"{i:016x}", text=text, quote=quote, published=day, event_type=None, actors=(person,),
                   domain=f"site{i % 5}.example")


def _reference(cases: list[tuple[str, str, str | None]]) -> list[int]:
    """The cluster (1, 2, … in creation order) of each case: all the speaker's clusters in the window compared."""
    clusters: list[list] = []  # [speaker, text, first, last]
    out = []
    for speaker, quote, day in cases:
        key = speaker.split()[-1].lower()
        grams = bigrams(quote)
        best = None
        for cid in range(len(clusters), 0, -1):
            skey, text, first, last = clusters[cid - 1]
            if skey != key:
                continue
            if day is None:
                if first is not None:
                    continue
            else:
                lo = (dt.date.fromisoformat(day) - dt.timedelta(days=STATEMENT_WINDOW)).isoformat()
                hi = (dt.date.fromisoformat(day) + dt.timedelta(days=STATEMENT_WINDOW)).isoformat()
                if last is None or last < lo or first > hi:
                    continue
            other = bigrams(text)
            if not grams or not other:
                continue
            score = len(grams & other) / min(len(grams), len(other))
            # Equal scores: the latest last date wins, then the newest cluster.
            rank = (score, last or "", cid)
            if score >= QUOTE_CONTAINMENT and (best is None or rank > best):
                best = rank
        if best is None:
            clusters.append([key, quote, day, day])
            out.append(len(clusters))
        else:
            c = clusters[best[2] - 1]
            if len(quote) > len(c[1]):
                c[1] = quote
            if day is not None:
                c[2] = day if c[2] is None or day < c[2] else c[2]
                c[3] = day if c[3] is None or day > c[3] else c[3]
            out.append(best[2])
    return out


def _stored(store: Store) -> list[int]:
    rows = store.connection.execute(
        "SELECT m.cluster_id FROM corpus_statement_members m JOIN statements s ON s.id = m.statement_id "
        "JOIN articles a ON a.id = s.article_id ORDER BY a.rowid").fetchall()
    return [r[0] for r in rows]


def test_the_reference_finds_partial_quotes_and_the_cases_join_clusters() -> None:
    cases = _cases(300, seed=1)
    ref = _reference(cases)
    assert len(set(ref)) < len(ref) - 50  # many statements join a cluster: the comparison means something
    assert len(set(ref)) > 30


def test_prefix_filter_skips_frequent_bigrams_and_assigns_like_brute_force(tmp_path: Path) -> None:
    # Long quotes only: every cluster has several bigrams, so the most frequent ones need not be read.
    cases = _cases(300, seed=3, partial=0.0)
    with Store(tmp_path / "k.db") as store:
        with store.batch(50):
            for i, case in enumerate(cases):
                store.add(_article(i, *case))
        assert _stored(store) == _reference(cases)
        assert store._quotes.skipped > 300


@pytest.mark.parametrize("max_postings", [4_000_000, 1000, 60, 5])
def test_index_assigns_like_brute_force_out_of_order_and_bounded(tmp_path: Path, max_postings: int) -> None:
    cases = _cases(300, seed=2)
    with Store(tmp_path / "k.db") as store:
        store._quotes = QuoteIndex(max_postings=max_postings)
        with store.batch(50):
            for i, case in enumerate(cases):
                store.add(_article(i, *case))
        assert _stored(store) == _reference(cases)
        quotes = store._quotes
        if max_postings == 1000:  # periods were dropped and read again; every speaker still indexed
            assert quotes.drops > 0 and not quotes._too_large
        if max_postings == 5:  # no speaker fits: every window is scanned in the store
            assert quotes._too_large == {"rjabkow", "sacharowa", "peskow"}


def test_index_after_a_rollback_and_another_connections_writes(tmp_path: Path) -> None:
    cases = _cases(240, seed=3)
    path = tmp_path / "k.db"
    with Store(path) as a, Store(path) as b:
        for i, case in enumerate(cases):
            store = a if (i // 40) % 2 == 0 else b  # two writers take turns: each misses the other's clusters
            with store.batch(15):
                store.add(_article(i, *case))
                if i % 37 == 5:  # a failing article rolls the open batch back; the batch is redone
                    bad = _article(10_000 + i, *case).replace(title="\ud800")
                    with pytest.raises(StoreError):
                        store.add(bad)
        assert _stored(a) == _reference(cases)


def test_rarest_bigrams_by_postings_over_the_periods_ties_in_the_sets_order() -> None:
    from kiebitz.corpus.quote_index import _rarest

    grams = frozenset({"a b", "b c", "c d", "d e", "e f"})
    posts = [{"a b": [1, 2, 3], "b c": [1], "c d": [4, 5]}, {"a b": [9], "d e": [7, 8, 9], "c d": [6]}]
    # postings over both periods: a b 4, b c 1, c d 3, d e 3, e f 0
    assert _rarest(grams, posts, 2) == ["e f", "b c"]
    ties = [g for g in grams if g in ("c d", "d e")]  # equally frequent: kept in the set's order
    assert _rarest(grams, posts, 4) == ["e f", "b c", *ties]
    assert _rarest(grams, posts[:1], 3) == [*(g for g in grams if g in ("d e", "e f")), "b c"]
