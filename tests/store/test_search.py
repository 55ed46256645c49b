"""Full-text search: words, phrases, prefixes, OR, snippets, and hostile query strings."""

from __future__ import annotations

import pytest

from kiebitz.store import Store
from kiebitz.store.query import to_fts


@pytest.fixture
def store(tmp_path, make_article):
    with Store(tmp_path / "k.db") as s:
        for i in range(1, 4):
            s.add(make_article(i))
        s.add(make_article(9, "en"))
        yield s


def test_words_are_all_required(store):
    assert {h.id for h in store.search("Sanktionen Moskau")} == {"art0001de", "art0002de", "art0003de"}
    assert store.search("Sanktionen Blinken") == []  # both words occur, never in one article
    assert [h.id for h in store.search("sanctions")] == ["art0009en"]


def test_diacritics_and_case_insensitive(store):
    assert len(store.search("UNMOGLICH")) == 3
    assert len(store.search("gesprache")) == 3  # title only


def test_phrase_prefix_or(store):
    assert [h.id for h in store.search('"Runde 2"')] == ["art0002de"]
    assert store.search('"Moskau verhängte"') == []  # words present, not as that phrase
    assert len(store.search("Verhandl*")) == 3
    assert {h.id for h in store.search("Runde OR round")} == {"art0001de", "art0002de", "art0003de", "art0009en"}


def test_title_weighs_more_and_snippet_marks(store):
    hits = store.search("Gespräche", highlight=("<b>", "</b>"))
    assert hits and "<b>Gespräche</b>" in hits[0].snippet
    hit = store.search("Runde 3")[0]
    assert hit.id == "art0003de" and "[Runde]" in hit.snippet and "[3]" in hit.snippet
    assert hit.title == "Gespräche unwahrscheinlich (3)" and hit.outlet == "RT" and hit.language == "de"


def test_limit_offset_count(store):
    assert store.count("Runde") == 3
    first = store.search("Runde", limit=2)
    rest = store.search("Runde", limit=2, offset=2)
    assert len(first) == 2 and len(rest) == 1
    assert {h.id for h in first + rest} == {"art0001de", "art0002de", "art0003de"}


def test_statement_search(store):
    hits = store.search_statements("possible")
    assert [(h.id, h.speaker, h.kind) for h in hits] == [("art0009en:s1", "Antony Blinken", "direct")]


HOSTILE = [
    '"', '""', '"""', "(", ")", "((Sanktionen", "Sanktionen)", "AND", "OR", "NOT", "OR OR", "a OR", "NEAR(",
    "NEAR(a b, 3)", "*", "Sank*tionen", "-Sanktionen", "^Sanktionen", "title:Sanktionen", "text : x", "{title text}:x",
    "'; DROP TABLE articles; --", "Sanktionen\x00", "\\", "+", "a + b", "ä\u0301", "🙂", "" , "   ", "x" * 5000,
    " ".join(["Sanktionen"] * 500), '"unbalanced Runde', 'Runde "', "Runde AND NOT", "col:", ":", "::", "Sank\udcfftionen",
]


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_queries_are_safe(store, query):
    hits = store.search(query)
    assert isinstance(hits, list)
    assert store.count(query) >= len(hits) or query.strip() == ""
    assert isinstance(store.search_statements(query), list)


def test_hostile_queries_still_find_words(store):
    assert len(store.search("((Sanktionen")) == 3
    assert len(store.search("title:Sanktionen")) == 0  # 'title' is a word here, not a column filter
    assert len(store.search('"unbalanced Runde')) == 0
    assert len(store.search('Runde "')) == 3
    assert len(store.search("'; DROP TABLE articles; --")) == 0
    assert len(store) == 4


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Putin Biden", '"Putin" "Biden"'),
        ('"Wladimir Putin" sagte', '"Wladimir Putin" "sagte"'),
        ("Sank*", '"Sank"*'),
        ("a OR b", '"a" OR "b"'),
        ("OR a OR OR b OR", '"a" OR "b"'),
        ('say"s', '"say""s"'),
        ("( ) * -- ::", ""),
        ('"open phrase', '"open phrase"'),
        ("or and not", '"or" "and" "not"'),
    ],
)
def test_to_fts(query, expected):
    assert to_fts(query) == expected
