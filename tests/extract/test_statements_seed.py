"""The seed article end to end: all twelve statements with the right speakers."""

from __future__ import annotations

from collections import Counter

import pytest

import kiebitz
from kiebitz.model import Article


@pytest.fixture(scope="module")
def seed(seed_path) -> Article:
    [article] = kiebitz.analyze(seed_path)
    return article


def _speaker_names(article: Article) -> list[str | None]:
    names = {a.id: a.name for a in article.actors}
    return [names.get(s.speaker) for s in article.statements]


def test_twelve_statements_and_speakers(seed: Article) -> None:
    counts = Counter(_speaker_names(seed))
    assert counts == {"Sergej Rjabkow": 8, "Dmitri Peskow": 1, "Joe Biden": 1, "Russland": 2}
    assert [s.id for s in seed.statements] == [f"S{n}" for n in range(1, 13)]


def test_speaker_spans_roles_and_kinds(seed: Article) -> None:
    by_text = {s.speaker_text: s for s in seed.statements if s.cue}
    lead = by_text["ein hochrangiger Diplomat"]
    assert lead.kind == "mixed" and "einseitigen Zugeständnissen" in lead.text
    assert by_text["Der Diplomat"].speaker == lead.speaker
    rj = next(a for a in seed.actors if a.id == lead.speaker)
    assert rj.roles == ("stellvertretender Außenminister",) and (rj.country, rj.sector) == ("RUS", "GOV")
    peskow = by_text["Kremlsprecher Dmitri Peskow"]
    assert peskow.kind == "mixed" and "Vorträge zu halten" in peskow.text
    russia = next(a for a in seed.actors if a.name == "Russland")
    assert russia.kind == "state" and russia.code == "RUSGOV" and "Moskau" in russia.aliases
    for s in seed.statements:  # evidence: offsets match the text
        assert seed.text[s.start:s.end] == s.text
        if s.speaker_start is not None:
            assert seed.text[s.speaker_start:s.speaker_end] == s.speaker_text
        if s.cue_start is not None:
            assert seed.text[s.cue_start:s.cue_end] == s.cue.split()[0]
        assert 0 < s.confidence <= 1


def test_uncued_statements_continue_the_previous_speaker(seed: Article) -> None:
    uncued = [s for s in seed.statements if s.cue is None]
    assert uncued and all(_speaker_names(seed)[int(s.id[1:]) - 1] == "Sergej Rjabkow" for s in uncued)
    direct = [s for s in seed.statements if s.kind == "direct"]
    assert any(s.text.startswith("Im Moment geht es") for s in direct)
