"""Cleaning: title kept once and split, boilerplate removed with reasons, paragraphs kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiebitz.ingest.clean import boilerplate_reason, clean, load_rules, split_title
from kiebitz.ingest.readers import read_paths


@pytest.fixture(scope="module")
def seed_cleaned(seed_path: Path):
    [raw] = list(read_paths([seed_path]))
    return clean(raw.text or "")


def test_seed_title_section_outlet(seed_cleaned) -> None:
    assert seed_cleaned.title == "Gespräche mit den USA unwahrscheinlich – Moskau"
    assert seed_cleaned.outlet == "RT"
    assert seed_cleaned.section == "Russland und ehemalige Sowjetunion"


def test_seed_body(seed_cleaned) -> None:
    text = seed_cleaned.text
    assert text.startswith("Russland werde „einseitigen")
    assert "Gespräche mit den USA unwahrscheinlich" not in text
    assert "Quelllink" not in text and "teilen:" not in text and "Folgen Sie" not in text
    assert text.endswith("zu direkten Konfliktbeteiligten macht.")
    assert "\n\n" in text and "\n\n\n" not in text  # paragraphs kept, one blank line between them


def test_seed_removed_with_reasons(seed_cleaned) -> None:
    assert [(r.text, r.reason) for r in seed_cleaned.removed] == [
        ("Quelllink", "source link"),
        ("Sie können diese Geschichte in den sozialen Medien teilen:", "share prompt"),
        ("Folgen Sie RT weiter", "follow prompt"),
    ]


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Quell-Link", "source link"),
        ("Source link", "source link"),
        ("Du kannst diesen Artikel auf Facebook teilen", "share prompt"),
        ("Artikel teilen", "share prompt"),
        ("You can share this story on social media:", "share prompt"),
        ("Share on WhatsApp", "share prompt"),
        ("Folgen Sie uns auf Telegram", "follow prompt"),
        ("Folgen Sie Sputnik auf X", "follow prompt"),
        ("Follow RT on Telegram", "follow prompt"),
        ("Follow us on X", "follow prompt"),
        ("Abonnieren Sie unseren Newsletter", "newsletter prompt"),
        ("Sign up for our daily briefing", "newsletter prompt"),
        ("Wir verwenden Cookies, um Ihnen ein besseres Nutzererlebnis zu bieten.", "cookie notice"),
        ("This website uses cookies to improve your experience.", "cookie notice"),
        ("Lesen Sie auch: Was die Sanktionen bewirken", "read more"),
        ("Mehr zum Thema – Lawrow: Der Westen will keinen Frieden", "read more"),
        ("READ MORE: Kremlin responds to new sanctions", "read more"),
        ("Von Anna Berger und Tom Klein", "byline"),
        ("By Jane Doe and John Roe, Reuters", "byline"),
        ("Foto: dpa/Michael Kappeler", "photo credit"),
        ("© Sputnik / Ilja Pitalew", "photo credit"),
        ("© 2024 Kiebitz Nachrichten. Alle Rechte vorbehalten.", "copyright"),
        ("Stand: 19.06.2023 14:05 Uhr", "timestamp"),
        ("June 19, 2023 10:21 AM GMT", "timestamp"),
        ("Anzeige", "advertisement"),
        ("Facebook Twitter WhatsApp E-Mail", "social buttons"),
    ],
)
def test_boilerplate_phenomena(line: str, reason: str) -> None:
    assert boilerplate_reason(line) == reason


@pytest.mark.parametrize(
    "line",
    [
        "Sinnvolle Verhandlungen mit den USA seien unmöglich, sagte Rjabkow am Montag.",
        "Von Moskau aus reiste der Diplomat weiter nach Peking.",
        "Zum Thema Sanktionen äußerte sich der Minister nicht.",
        "The minister said the country would share intelligence with its allies.",
        "Follow-up talks are planned for next week.",
        "By Monday, the troops had left the city.",
        "Die Regierung will Plattformen verpflichten, ihre Nutzer besser zu schützen.",
        "Russland werde „einseitigen Zugeständnissen“ nicht zustimmen, sagte ein hochrangiger Diplomat",
    ],
)
def test_article_text_is_not_boilerplate(line: str) -> None:
    assert boilerplate_reason(line) is None


def test_rules_load_with_reasons_and_brand_flags() -> None:
    rules = load_rules()
    assert {r.source.split(":")[0] for r in rules} >= {"de.tsv", "en.tsv"}
    assert any(r.brand and r.reason == "follow prompt" for r in rules)


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Proteste in Paris – Tagesschau Ausland", ("Proteste in Paris", "Tagesschau", "Ausland")),
        ("Sanctions tighten | Reuters", ("Sanctions tighten", "Reuters", None)),
        ("Kiew bittet um Hilfe - DER SPIEGEL", ("Kiew bittet um Hilfe", "Der Spiegel", None)),
        ("Talks collapse – BBC News", ("Talks collapse", "BBC", None)),
        # A last segment that merely starts with an outlet-like word stays in the title.
        ("Streit um Reformen – Zeit für Entscheidungen", ("Streit um Reformen – Zeit für Entscheidungen", None, None)),
        ("Keine Trennung hier", ("Keine Trennung hier", None, None)),
    ],
)
def test_split_title(title: str, expected: tuple) -> None:
    assert split_title(title) == expected


def test_given_title_removed_from_body() -> None:
    cleaned = clean("Minister tritt zurück\nDer Minister ist am Dienstag zurückgetreten.", title="Minister tritt zurück")
    assert cleaned.title == "Minister tritt zurück"
    assert cleaned.text == "Der Minister ist am Dienstag zurückgetreten."


def test_first_line_headline_without_repeat() -> None:
    cleaned = clean("Waffenruhe in Gaza hält\n\nDie Waffenruhe hielt am Sonntag den zweiten Tag.\n\nBeide Seiten...")
    assert cleaned.title == "Waffenruhe in Gaza hält"
    assert cleaned.text.startswith("Die Waffenruhe hielt")


def test_first_sentence_is_not_a_title() -> None:
    cleaned = clean("Die Waffenruhe hielt am Sonntag den zweiten Tag.\n\nBeide Seiten warfen sich Verstöße vor.")
    assert cleaned.title is None
    assert cleaned.text.startswith("Die Waffenruhe hielt")


def test_line_per_paragraph_text_gets_blank_lines() -> None:
    cleaned = clean("Erster Absatz hier.\nZweiter Absatz hier.\nTeilen\nDritter Absatz.")
    assert cleaned.text == "Erster Absatz hier.\n\nZweiter Absatz hier.\n\nDritter Absatz."
    assert [r.reason for r in cleaned.removed] == ["share prompt"]


def test_wrapped_lines_inside_paragraph_are_kept() -> None:
    cleaned = clean("Erste Zeile des Absatzes,\nzweite Zeile.\n\nNeuer Absatz.")
    assert cleaned.text == "Erste Zeile des Absatzes,\nzweite Zeile.\n\nNeuer Absatz."
