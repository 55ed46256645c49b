"""build_article and kiebitz.analyze: ids, dates, HTML extraction, and the full record for the seed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import kiebitz
from kiebitz.errors import InputError
from kiebitz.ingest.build import build_article, content_id
from kiebitz.ingest.outlets import import_state_media_matrix
from kiebitz.model import SCHEMA, RawDocument, from_dict

HTML = """<!DOCTYPE html><html lang="de"><head>
<title>Proteste gegen Rentenreform – Tagesschau Ausland</title>
<meta property="og:url" content="https://www.tagesschau.de/ausland/proteste-100.html">
<meta name="date" content="2024-03-05T10:00:00+01:00">
</head><body><nav><a href="/">Startseite</a> › <a href="/ausland">Ausland</a></nav>
<article><h1>Proteste gegen Rentenreform</h1>
<p>Stand: 05.03.2024 10:00 Uhr</p>
<p>Zehntausende Menschen haben am Dienstag in Paris gegen die geplante Rentenreform protestiert.
Die Gewerkschaften sprachen von mehr als 100.000 Teilnehmern, die Polizei von 40.000.</p>
<p>„Wir werden nicht nachgeben“, sagte die Sprecherin der Gewerkschaft CGT, Marie Lefèvre.
Die Regierung wolle die Reform dennoch im Parlament durchsetzen, hieß es aus dem Élysée-Palast.</p>
<p>Folgen Sie uns auf Instagram</p>
</article><footer>© 2024 ARD</footer></body></html>"""


def test_html_article(tmp_path: Path) -> None:
    raw = RawDocument(origin="page.html", html=HTML, path="page.html")
    article = build_article(raw)
    assert article.title == "Proteste gegen Rentenreform"
    assert article.source.url == "https://www.tagesschau.de/ausland/proteste-100.html"
    assert article.published == "2024-03-05"
    assert article.text.startswith("Zehntausende Menschen")
    assert "„Wir werden nicht nachgeben“" in article.text
    assert "Folgen Sie uns" not in article.text
    assert "follow prompt" in {r.reason for r in article.removed}
    [full] = kiebitz.iter_analyze([_write(tmp_path / "p.html", HTML)])
    assert full.outlet.name == "Tagesschau" and full.outlet.evidence == ("url", "title")
    assert full.section == "Ausland"  # from the page's <title>
    assert full.language == "de"


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_id_is_stable_content_hash() -> None:
    a = build_article(RawDocument(origin="a", text="Ein neuer Titel\n\nDer Text des Artikels."))
    b = build_article(RawDocument(origin="b", text="Ein neuer Titel\n\nDer Text des Artikels.\n", path="b.txt"))
    c = build_article(RawDocument(origin="c", text="Ein neuer Titel\n\nEin anderer Text."))
    assert a.id == b.id != c.id
    assert len(a.id) == 16 and a.id == content_id("Ein neuer Titel", "Der Text des Artikels.")


def test_jsonl_id_does_not_replace_content_id() -> None:
    article = build_article(RawDocument(origin="x.jsonl:1", text="Der Text.", id="given-7", path="x.jsonl", line=1))
    assert article.id == content_id(None, "Der Text.")


def test_published_argument_wins_and_is_validated() -> None:
    raw = RawDocument(origin="a", text="Der Text.", published="2023-01-02")
    assert build_article(raw).published == "2023-01-02"
    assert build_article(raw, published="2023-06-26").published == "2023-06-26"
    with pytest.raises(InputError, match="YYYY-MM-DD"):
        build_article(raw, published="26.06.2023")
    with pytest.raises(InputError, match="YYYY-MM-DD"):
        build_article(raw, published="2023-02-30")


def test_document_datetime_is_cut_to_date_and_bad_dates_name_the_line() -> None:
    raw = RawDocument(origin="a", text="Der Text.", published="2023-06-19T08:30:00Z")
    assert build_article(raw).published == "2023-06-19"
    bad = RawDocument(origin="f.jsonl:4", text="Der Text.", published="June 2023", path="f.jsonl", line=4)
    with pytest.raises(InputError, match=r"f\.jsonl:4: invalid published date"):
        build_article(bad)


def test_date_from_timestamp_line() -> None:
    article = build_article(RawDocument(origin="a", text="Stand: 19.06.2023 14:05 Uhr\nDer Text."))
    assert article.published == "2023-06-19"


def test_language_argument_and_document_language() -> None:
    raw = RawDocument(origin="a", text="Der Text.", language="de-AT")
    assert build_article(raw).language == "de"
    assert build_article(raw, language="en").language == "en"
    with pytest.raises(InputError, match="invalid language"):
        build_article(raw, language="deutsch!")


def test_nothing_left_after_cleaning() -> None:
    raw = RawDocument(origin="share.txt", text="Quelllink\n\nFolgen Sie uns auf X\n\nTeilen")
    with pytest.raises(InputError, match="share.txt: no article text left"):
        build_article(raw)


def test_seed_record_shape(seed_path: Path, matrix_csv: Path) -> None:
    import_state_media_matrix(matrix_csv)
    [article] = kiebitz.analyze(seed_path, published="2023-06-26")
    record = article.to_dict()
    assert list(record) == ["schema", "id", "source", "title", "section", "language", "published", "outlet",
                            "text", "removed", "entities", "actors", "statements", "events"]
    assert record["schema"] == SCHEMA and len(record["id"]) == 16
    assert record["source"] == {"path": str(seed_path), "url": None}
    assert record["title"] == "Gespräche mit den USA unwahrscheinlich – Moskau"
    assert record["section"] == "Russland und ehemalige Sowjetunion"
    assert record["language"] == "de" and record["published"] == "2023-06-26"
    outlet = record["outlet"]
    assert (outlet["name"], outlet["country"], outlet["state_affiliated"], outlet["typology"]) == ("RT", "RUS", True, "SC")
    assert set(outlet["evidence"]) == {"title", "text"}
    assert record["text"].startswith("Russland werde „einseitigen")
    assert [r["reason"] for r in record["removed"]] == ["source link", "share prompt", "follow prompt"]
    json.dumps(record, ensure_ascii=False)
    assert from_dict(record).to_dict() == record
    # The same article read twice has the same id.
    assert kiebitz.analyze(seed_path)[0].id == article.id


def test_seed_without_matrix_is_still_state_affiliated(seed_path: Path) -> None:
    [article] = kiebitz.analyze(seed_path)
    assert (article.outlet.name, article.outlet.country, article.outlet.state_affiliated) == ("RT", "RUS", True)
    assert article.outlet.typology is None


def test_title_suffix_split_with_given_outlet_name() -> None:
    raw = RawDocument(origin="a", text="Talks resume | The Lapwing Wire\n\nNegotiators met on Tuesday.",
                      outlet="The Lapwing Wire")
    article = build_article(raw)
    assert article.title == "Talks resume"
    assert article.outlet.name == "The Lapwing Wire" and article.outlet.evidence == ("title", "given")


def test_month_name_dates_in_timestamp_lines() -> None:
    for line, date in [("Veröffentlicht am 13. Mai 2024, 08:15 Uhr", "2024-05-13"),
                       ("Published: August 22, 2024 9:40 AM", "2024-08-22"),
                       ("17 November 2023", "2023-11-17")]:
        assert build_article(RawDocument(origin="a", text=f"{line}\n\nDer Text.")).published == date


def test_html_date_is_not_taken_from_the_body() -> None:
    html = ("<html><body><article><h1>Titel hier</h1><p>Am 19.06.2023 sagte der Minister, die Gespräche seien "
            "gescheitert. Moskau hatte im Februar 2022 seine Militäroperation begonnen.</p></article></body></html>")
    assert build_article(RawDocument(origin="x.html", html=html)).published is None


@pytest.mark.parametrize(("value", "date"), [("Mon, 19 Jun 2023 10:00:00 GMT", "2023-06-19"),
                                             ("2023-06-19T23:30:00+02:00", "2023-06-19"),
                                             ("19.06.2023", "2023-06-19")])
def test_document_date_formats(value: str, date: str) -> None:
    assert build_article(RawDocument(origin="a", text="Der Text.", published=value)).published == date
