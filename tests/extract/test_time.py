"""Date phrases resolved against the publication date."""

from __future__ import annotations

import pytest

from kiebitz.extract.time import find_dates, parse_published, resolve_phrase

PUB = "2023-06-26"  # a Monday


@pytest.mark.parametrize(
    ("phrase", "lang", "date", "precision"),
    [
        ("am Montag", "de", "2023-06-26", "day"),  # the publication day itself is a Monday
        ("am Donnerstag", "de", "2023-06-22", "day"),
        ("letzten Monat", "de", "2023-05", "month"),
        ("diesen Monat", "de", "2023-06", "month"),
        ("im Februar 2022", "de", "2022-02", "month"),
        ("im Dezember", "de", "2022-12", "month"),  # a month after publication lies in the year before
        ("vergangene Woche", "de", "2023-W25", "week"),
        ("gestern", "de", "2023-06-25", "day"),
        ("am 3. März 2023", "de", "2023-03-03", "day"),
        ("14.02.2022", "de", "2022-02-14", "day"),
        ("im Jahr 2021", "de", "2021", "year"),
        ("letztes Jahr", "de", "2022", "year"),
        ("last week", "en", "2023-W25", "week"),
        ("yesterday", "en", "2023-06-25", "day"),
        ("on Tuesday", "en", "2023-06-20", "day"),
        ("in February 2022", "en", "2022-02", "month"),
        ("March 3, 2022", "en", "2022-03-03", "day"),
        ("last month", "en", "2023-05", "month"),
    ],
)
def test_resolve(phrase: str, lang: str, date: str, precision: str) -> None:
    assert resolve_phrase(phrase, lang, PUB) == (date, precision)


def test_future_weekday_looks_forward() -> None:
    assert resolve_phrase("am Mittwoch", "de", PUB, future=True) == ("2023-06-28", "day")
    assert resolve_phrase("am Mittwoch", "de", PUB) == ("2023-06-21", "day")


def test_unknown_without_publication_date() -> None:
    # Relative phrases need an anchor; explicit dates do not.
    assert resolve_phrase("am Montag", "de", None) == (None, None)
    assert resolve_phrase("letzten Monat", "de", None) == (None, None)
    assert resolve_phrase("im Februar 2022", "de", None) == ("2022-02", "month")


def test_no_date_no_guess() -> None:
    assert find_dates("Seitdem hat Washington Sanktionen verhängt.", "de", PUB) == []
    assert find_dates("Am Morgen begannen die Gespräche.", "de", PUB) == []
    assert find_dates("They may agree.", "en", PUB) == []


def test_offsets_point_into_text() -> None:
    text = "Rjabkow sagte am Montag, die Gespräche seien unmöglich."
    [d] = find_dates(text, "de", PUB)
    assert text[d.start : d.end] == "am Montag"


def test_parse_published() -> None:
    assert parse_published("2023-06-26T10:00:00") is not None
    assert parse_published("gestern") is None


def test_month_with_relative_word() -> None:
    assert resolve_phrase("last March", "en", PUB) == ("2023-03", "month")
    assert resolve_phrase("im vergangenen Juni", "de", PUB) == ("2022-06", "month")
