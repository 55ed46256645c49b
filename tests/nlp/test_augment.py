"""Mention replacement (kiebitz.nlp.augment): names swapped within their label, everything else kept."""

from __future__ import annotations

from kiebitz.nlp.augment import mention_pool, mentions, replace_mentions
from kiebitz.nlp.corpora import Sentence


def _s(tagged: str) -> Sentence:
    """A sentence from 'word/TAG' tokens (TAG = IOB label, O when absent)."""
    words, ents = [], []
    for tok in tagged.split():
        word, _, tag = tok.partition("/")
        words.append(word)
        ents.append(tag or "O")
    return Sentence(words=words, spaces=[True] * len(words), ents=ents)


def test_mentions_are_outer_spans() -> None:
    s = _s("Angela/B-PER Merkel/I-PER besucht Paris/B-LOC Berlin/B-LOC und die russische/B-LOCderiv Seite")
    assert mentions(s) == [(0, 2, "PER"), (3, 4, "LOC"), (4, 5, "LOC"), (7, 8, "LOCderiv")]


def test_replacement_keeps_labels_context_and_derived_words() -> None:
    train = [_s("Angela/B-PER Merkel/I-PER besucht Paris/B-LOC und die russische/B-LOCderiv Seite ."),
             _s("Peskow/B-PER sprach in Kiew/B-LOC mit der NATO/B-ORG ."),
             _s("Es regnet .")]
    pool = mention_pool(train, gazetteer=False)
    assert pool["PER"] == [("Angela", "Merkel"), ("Peskow",)]
    copies = replace_mentions(train, 3, seed=1, pool=pool)
    assert len(copies) == 6  # the sentence without names is not copied
    for c in copies:
        assert len(c.words) == len(c.ents) == len(c.spaces)
        for start, end, label in mentions(c):
            assert label == "LOCderiv" or tuple(c.words[start:end]) in pool[label]
        assert "russische" in c.words or "sprach" in c.words  # context and derived words stay
    assert any(c.words[:2] == ["Peskow", "besucht"] for c in copies)  # a name of another length fits in


def test_gazetteer_adds_places_and_institutions() -> None:
    pool = mention_pool([], gazetteer=True)
    assert ("Moskau",) in pool["LOC"] and ("NATO",) in pool["ORG"] and pool["PER"] == []
