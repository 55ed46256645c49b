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
        ("Melden Sie sich für unseren Newsletter an", "newsletter prompt"),
        ("Register now to read more", "newsletter prompt"),
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
        ("Gastbeiträge und Meinungsartikel müssen nicht die Sichtweise der Redaktion wiedergeben.", "editorial note"),
        ("The views expressed in this column do not necessarily represent those of the publisher.", "editorial note"),
        ("Hinweis: Dieser Text wurde nachträglich ergänzt.", "editorial note"),
        ("Mit Material von dpa und AFP", "source credit"),
        ("This article was originally published by an independent outlet.", "source credit"),
        ("hs/dpa/AFP", "byline"),
        ("Demonstranten vor dem Parlament. Foto: Imago", "photo credit"),
        ("A man walks past a damaged building. REUTERS/Jane Doe", "photo credit"),
        ("Lesezeit: 3 Min.", "reading time"),
        ("4 min read", "reading time"),
        ("Click here to read more", "navigation"),
        ("April 15, 2024 4:12 PM GMT+2 Updated 2 hours ago", "timestamp"),
        ("Aktualisiert vor 5 Minuten", "timestamp"),
        ("4 März 2024 12:00 Uhr", "timestamp"),
        ("Updated: Monday, May 20, 2024 at 10 a.m. ET", "timestamp"),
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
        "Die Regierung muss nicht die Position der Opposition übernehmen, sagte Scholz.",
        "The findings do not necessarily reflect the views of the government, the report said.",
        "CDU/CSU",
        "Die Polizei nahm 34 Menschen fest. Quelle: Innenministerium",
        "Er sagte: Video: Die Aufnahmen zeigen nichts.",
        "Bild dir deine Meinung: Die Zeitung startet eine Kampagne",
        "Published reports in 2023 showed that inflation rose.",
        "April 15, 2024 was a day to remember for the party.",
        "19.06.2023 war ein schwarzer Tag.",
        "Melden Sie sich bei der Polizei, wenn Sie etwas gesehen haben, sagte der Sprecher.",
        "Register to vote by Friday, officials urged.",
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


def test_title_sentence_after_a_name_like_outlet_is_not_a_section(kiebitz_home, matrix_csv) -> None:
    from kiebitz.ingest.outlets import import_state_media_matrix

    import_state_media_matrix(matrix_csv)  # brings in matrix outlets such as the Afghan paper "Anis"
    title = "Anschlag in Berlin – Anis Amri war den Behörden bekannt"
    assert split_title(title) == (title, None, None)
    assert split_title("Gespräche mit den USA unwahrscheinlich – Moskau – RT Russland und ehemalige Sowjetunion") == (
        "Gespräche mit den USA unwahrscheinlich – Moskau", "RT", "Russland und ehemalige Sowjetunion")


def test_title_repeated_after_a_teaser_is_removed() -> None:
    text = "Minister tritt zurück\n\nDer Druck war zu groß\n\nMinister tritt zurück\n\nDer Minister ist zurückgetreten."
    cleaned = clean(text)
    assert cleaned.title == "Minister tritt zurück"
    assert cleaned.text == "Der Druck war zu groß\n\nDer Minister ist zurückgetreten."


def test_one_word_dateline_is_not_a_title() -> None:
    cleaned = clean("BERLIN\n\nDie Regierung hat am Montag neue Hilfen beschlossen.\n\nMehr folgt.")
    assert cleaned.title is None and cleaned.text.startswith("BERLIN")


def test_kicker_above_a_known_title_is_removed_in_order() -> None:
    text = "Ukraine-Krieg\n\nLawrow lehnt Gespräche ab\n\nStand: 04.03.2024\n\nDer Außenminister sagte am Montag, Gespräche seien sinnlos."
    cleaned = clean(text, title="Lawrow lehnt Gespräche ab")
    assert cleaned.text == "Der Außenminister sagte am Montag, Gespräche seien sinnlos."
    assert [(r.text, r.reason) for r in cleaned.removed] == [("Ukraine-Krieg", "kicker"), ("Stand: 04.03.2024", "timestamp")]


def test_title_repeats_are_found_whatever_their_spacing_and_case() -> None:
    # Lines compare with the title normalised and case-folded once: odd spaces and case still match.
    text = ("MINISTER\u00a0 tritt   zurück\n\nMinister tritt zurück – Tagesschau\n\n"
            "Der Minister ist am Dienstag zurückgetreten.\n\nMinister tritt zurück")
    cleaned = clean(text, title="Minister  tritt\tzurück – Tagesschau", known_outlets=("Tagesschau",))
    assert cleaned.title == "Minister tritt zurück"
    assert cleaned.text == "Der Minister ist am Dienstag zurückgetreten."
