"""Outlet registry, State Media Matrix import, and identification from URL, title, text and hint."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiebitz.errors import InputError
from kiebitz.ingest import outlets
from kiebitz.ingest.outlets import country_alpha3, host_of, identify, import_state_media_matrix, registry
from kiebitz.model import Article, Outlet, Removed, Source


def test_builtin_knows_rt_without_import(kiebitz_home: Path) -> None:
    assert not (kiebitz_home / "outlets-state-media.csv").exists()
    rt = registry().by_name("RT")
    assert rt is not None and rt.country == "RUS" and rt.state_affiliated is True
    assert "de.rt.com" in rt.domains


@pytest.mark.parametrize(
    ("url", "name", "domain"),
    [
        ("https://de.rt.com/russland/12345-gespraeche/", "RT", "de.rt.com"),
        ("https://rtde.world/international/1", "RT", "rtde.world"),  # mirror
        ("http://WWW.Tagesschau.de/ausland/x.html", "Tagesschau", "tagesschau.de"),
        ("https://edition.cnn.com/2023/06/19/x", "CNN", "edition.cnn.com"),  # subdomain
        ("https://www.bbc.co.uk/news/world-1", "BBC", "bbc.co.uk"),
    ],
)
def test_identify_by_url(url: str, name: str, domain: str) -> None:
    found = identify(url=url)
    assert (found.name, found.domain, found.evidence) == (name, domain, ("url",))


def test_unknown_url_keeps_domain() -> None:
    assert identify(url="https://news.example.org/a") == Outlet(domain="news.example.org")


def test_identify_by_title_outlet() -> None:
    found = identify(title_outlet="RT")
    assert (found.name, found.country, found.state_affiliated, found.evidence) == ("RT", "RUS", True, ("title",))


def test_identify_by_branding_text() -> None:
    found = identify(text="Folgen Sie RT weiter")
    assert (found.name, found.evidence) == ("RT", ("text",))
    assert identify(text="Follow us on Telegram").name is None


def test_identify_by_hint_and_agreement() -> None:
    found = identify(url="https://de.rt.com/x", title_outlet="RT", text="Folgen Sie RT weiter", hint="RT DE")
    assert found.name == "RT" and found.evidence == ("url", "title", "text", "given")


def test_url_beats_a_single_text_mention() -> None:
    found = identify(url="https://www.spiegel.de/politik/x", text="© Reuters / Jane Doe")
    assert found.name == "Der Spiegel" and found.evidence == ("url",)


def test_unknown_hint_is_kept_as_given() -> None:
    assert identify(hint="Kiebitz Kurier") == Outlet(name="Kiebitz Kurier", evidence=("given",))


def test_host_of() -> None:
    assert host_of("https://www.de.rt.com:443/a?b") == "de.rt.com"
    assert host_of("rtde.world") == "rtde.world"
    assert host_of("not a url") is None


@pytest.mark.parametrize(("name", "code"), [("Russia", "RUS"), ("Germany", "DEU"), ("United States of America", "USA"),
                                            ("Turkey", "TUR"), ("UAE", "ARE"), ("Iran", "IRN")])
def test_country_alpha3(name: str, code: str) -> None:
    assert country_alpha3(name) == code


def test_import_matrix(kiebitz_home: Path, matrix_csv: Path) -> None:
    count = import_state_media_matrix(matrix_csv)
    assert count == 1156
    stored = kiebitz_home / "outlets-state-media.csv"
    assert stored.exists() and stored.read_text(encoding="utf-8").count("\n") == count + 1
    reg = registry()
    rt = reg.by_name("RT")
    assert rt.typology == "SC" and rt.state_affiliated is True
    assert "RT Deutsch" in rt.aliases and "gegenzensur.rtde.world" in rt.domains
    found = identify(url="https://de.rt.com/x")
    assert (found.name, found.country, found.state_affiliated, found.typology) == ("RT", "RUS", True, "SC")
    # Matrix-only outlets get an entry of their own, with country mapped to alpha-3.
    bakhtar = reg.by_name("Bakhtar News Agency")
    assert bakhtar is not None and bakhtar.country == "AFG" and bakhtar.sources == ("matrix",)
    # Independent public media are not state-affiliated.
    bbc = identify(url="https://www.bbc.com/news")
    assert bbc.typology == "IP" and bbc.state_affiliated is False


def test_import_is_idempotent(kiebitz_home: Path, matrix_csv: Path) -> None:
    import_state_media_matrix(matrix_csv)
    size = len(registry())
    import_state_media_matrix(matrix_csv)
    assert len(registry()) == size


def test_malformed_matrix(tmp_path: Path, kiebitz_home: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("name,url\nRT,https://rt.com\n", encoding="utf-8")
    with pytest.raises(InputError, match="missing column"):
        import_state_media_matrix(bad)
    shifted = tmp_path / "shifted.csv"
    shifted.write_text("Region,Country,Media company,Main assets,URL,Typology\n"
                       "Eurasia,Russia,RT,RT,https://rt.com,SC\n"
                       "Eurasia,Russia,RT,RT,extra,https://rt.com\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"shifted\.csv:3.*Typology"):
        import_state_media_matrix(shifted)
    assert not (kiebitz_home / "outlets-state-media.csv").exists()
    with pytest.raises(InputError, match="cannot read"):
        import_state_media_matrix(tmp_path / "missing.csv")


def test_outlet_component_uses_title_and_removed_branding() -> None:
    article = Article(
        id="x", text="Body.", source=Source(url=None), outlet=Outlet(name="RT", evidence=("title",)),
        removed=(Removed("Folgen Sie RT weiter", "follow prompt"), Removed("Foto: Reuters", "photo credit")),
    )
    out = outlets.outlet(article).outlet
    assert (out.name, out.evidence, out.country, out.state_affiliated) == ("RT", ("title", "text"), "RUS", True)


def test_photo_credit_is_no_outlet_evidence() -> None:
    article = Article(id="x", text="Body.", removed=(Removed("Foto: Reuters", "photo credit"),))
    assert outlets.outlet(article).outlet.name is None


def test_unknown_host_with_known_title_keeps_the_host() -> None:
    found = identify(url="https://mirror.example.net/a", title_outlet="RT")
    assert (found.name, found.domain, found.evidence) == ("RT", "mirror.example.net", ("title",))
