"""The `kiebitz` command through click's CliRunner: ingest, show, search, stats, outlets."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from kiebitz.cli import main
from kiebitz.model import Article, Outlet, Source, Statement
from kiebitz.store import Store

GOOD_DE = """Neue Gespräche in Genf geplant

Die Außenminister wollen sich in der kommenden Woche in Genf treffen, teilte das Ministerium am Montag mit.
Man sei zu Gesprächen bereit, sagte ein Sprecher. Die Opposition kritisierte den Plan scharf.
"""

GOOD_EN = """Parliament passes the budget after a long debate

The parliament passed the budget on Tuesday after a debate that lasted through the night.
"This is a good day for the country," the finance minister said after the vote.
"""


def run(*args: str, input: str | bytes | None = None):
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


@pytest.fixture
def filled_db(tmp_path: Path) -> Path:
    """A store with two hand-built articles, written through the Python API."""
    path = tmp_path / "filled.db"
    text = "Der Sprecher sagte: „Wir sind zu Gesprächen bereit.“ Danach folgte Kritik an den Sanktionen."
    start = text.index("Wir")
    end = text.index(".“") + 1
    with Store(path) as store:
        store.add(Article(
            id="0123456789abcdef0123", text=text, title="Gespräche in Genf", language="de",
            published="2024-03-04", source=Source(path="/x/genf.txt"),
            outlet=Outlet(name="RT", country="RUS", state_affiliated=True, typology="SC", evidence=("title",)),
            statements=(Statement(id="s1", kind="direct", text=text[start:end], start=start, end=end,
                                  speaker_text="Der Sprecher", cue="sagte"),),
        ))
        store.add(Article(id="fedcba9876543210fedc", text="The budget passed on Tuesday.", title="Budget",
                          language="en", published="2024-03-05"))
    return path


# -- reading commands on a prepared store -------------------------------------------------


def test_show_json_and_text(filled_db):
    result = run("show", "0123456789abcdef0123", "--db", str(filled_db), "--format", "json")
    assert result.exit_code == 0, result.output
    record = json.loads(result.output)
    assert record["schema"] == "kiebitz.article/1" and record["outlet"]["typology"] == "SC"
    assert record["statements"][0]["text"] == "Wir sind zu Gesprächen bereit."

    text = run("show", "0123456789", "--db", str(filled_db))  # a unique prefix is enough
    assert text.exit_code == 0
    assert "Gespräche in Genf" in text.output and "RT (RUS, state-affiliated, SC)" in text.output
    assert "[direct] Der Sprecher: „Wir sind zu Gesprächen bereit.“" in text.output


def test_show_unknown_and_ambiguous(filled_db, tmp_path):
    result = run("show", "nope", "--db", str(filled_db))
    assert result.exit_code == 1 and "no article 'nope'" in result.output
    with Store(filled_db) as store:
        store.add(Article(id="0123456789abcdef9999", text="x"))
    result = run("show", "01234567", "--db", str(filled_db))
    assert result.exit_code == 1 and "ambiguous" in result.output


def test_search_json_and_table(filled_db):
    result = run("search", "Gesprächen", "--db", str(filled_db), "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["total"] == 1 and data["hits"][0]["id"] == "0123456789abcdef0123"
    assert "**Gesprächen**" in data["hits"][0]["snippet"]

    table = run("search", "budget", "--db", str(filled_db))
    assert table.exit_code == 0 and "fedcba987654" in table.output and "1–1 of 1 matches" in table.output
    none = run("search", "nichts", "--db", str(filled_db))
    assert none.exit_code == 0 and "no matches" in none.output


@pytest.mark.parametrize("query", ['"', "((", "NEAR(", "a OR", "*", "'; DROP TABLE articles; --"])
def test_search_hostile_query(filled_db, query):
    result = run("search", query, "--db", str(filled_db), "--format", "json")
    assert result.exit_code == 0, result.output
    assert isinstance(json.loads(result.output)["hits"], list)


def test_search_paging(filled_db):
    data = json.loads(run("search", "Tuesday OR Sanktionen", "--db", str(filled_db), "--format", "json",
                          "--limit", "1", "--offset", "1").output)
    assert data["total"] == 2 and len(data["hits"]) == 1 and data["offset"] == 1


def test_stats_json_and_table(filled_db):
    result = run("stats", "--db", str(filled_db), "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["articles"] == 2 and data["languages"] == {"de": 1, "en": 1} and data["statements"] == 1
    table = run("stats", "--db", str(filled_db))
    assert "articles:" in table.output and "(de 1, en 1)" in table.output


def test_csv_output_of_search_stats_and_outlets(filled_db):
    import csv
    import io

    stats = list(csv.DictReader(io.StringIO(run("stats", "--db", str(filled_db), "--format", "csv").output)))
    values = {r["key"]: r["value"] for r in stats}
    assert values["articles"] == "2" and values["languages.de"] == "1" and values["statements"] == "1"
    hits = run("search", "Sanktionen", "--db", str(filled_db), "--format", "csv")
    assert hits.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(hits.output)))
    assert rows and {"id", "title", "snippet"} <= set(rows[0])
    outlets = list(csv.DictReader(io.StringIO(run("outlets", "list", "--format", "csv").output)))
    assert any(r["name"] == "RT" and r["country"] == "RUS" for r in outlets)


@pytest.mark.parametrize("command", [["stats"], ["search", "x"], ["show", "abc"]])
def test_missing_db_is_a_clear_error(tmp_path, command):
    missing = tmp_path / "nowhere.db"
    result = run(*command, "--db", str(missing))
    assert result.exit_code == 2
    assert f"error: no store at {missing}" in result.output and "Traceback" not in result.output
    assert not missing.exists()


def test_missing_default_db(kiebitz_home):
    result = run("stats")
    assert result.exit_code == 2 and str(kiebitz_home / "kiebitz.db") in result.output


def test_not_a_store_is_a_clear_error(tmp_path):
    junk = tmp_path / "junk.db"
    junk.write_text("hello, I am not a database" * 50)
    for command in (["stats"], ["ingest", str(tmp_path / "nothing")]):
        result = run(*command, "--db", str(junk))
        assert result.exit_code == 2 and "not a kiebitz store" in result.output


# -- ingest ----------------------------------------------------------------------------------


@pytest.fixture
def mixed_folder(tmp_path: Path) -> Path:
    """Two good articles and several bad inputs."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good-de.txt").write_text(GOOD_DE, encoding="utf-8")
    (folder / "good-en.txt").write_text(GOOD_EN, encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 20)
    lines = [json.dumps({"text": GOOD_EN.replace("budget", "pension law"), "id": "line1"}), "{broken json"]
    (folder / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def test_ingest_reports_each_bad_input_and_stores_the_good(tmp_path, mixed_folder):
    db = tmp_path / "k.db"
    result = run("ingest", str(mixed_folder), "--db", str(db))
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) == 3, result.stderr
    assert any(str(mixed_folder / "empty.txt") in e for e in errors)
    assert any(str(mixed_folder / "binary.txt") in e for e in errors)
    assert any(f"{mixed_folder / 'feed.jsonl'}:2:" in e for e in errors)
    assert "3 new, 0 already stored, 3 failed" in result.stdout
    with Store(db, readonly=True) as store:
        assert len(store) == 3
        assert {a.title for a in store.iter_articles()} >= {"Neue Gespräche in Genf geplant"}


def test_ingest_twice_changes_nothing(tmp_path, mixed_folder):
    db = tmp_path / "k.db"
    run("ingest", str(mixed_folder), "--db", str(db))
    with Store(db, readonly=True) as store:
        before = [(a.id, a.to_dict()) for a in store.iter_articles()]
    again = run("ingest", str(mixed_folder), "--db", str(db))
    assert again.exit_code == 1  # the bad files are still bad
    assert "0 new, 3 already stored, 3 failed" in again.stdout
    with Store(db, readonly=True) as store:
        assert [(a.id, a.to_dict()) for a in store.iter_articles()] == before


def test_ingest_resumes_after_interruption(tmp_path, mixed_folder, monkeypatch):
    from kiebitz.store import db as dbmod

    db = tmp_path / "k.db"
    real_add = dbmod.Store.add
    calls = {"n": 0}

    def add_then_crash(self, article, *args, **kwargs):
        if calls["n"] == 2:
            raise KeyboardInterrupt  # the user presses Ctrl-C after two articles
        calls["n"] += 1
        return real_add(self, article, *args, **kwargs)

    monkeypatch.setattr(dbmod.Store, "add", add_then_crash)
    interrupted = run("ingest", str(mixed_folder), "--db", str(db))
    assert interrupted.exit_code == 1 and "Aborted" in interrupted.output  # click's answer to Ctrl-C
    monkeypatch.setattr(dbmod.Store, "add", real_add)
    with Store(db, readonly=True) as store:
        assert len(store) == 2
    result = run("ingest", str(mixed_folder), "--db", str(db))
    assert "1 new, 2 already stored, 3 failed" in result.stdout
    with Store(db, readonly=True) as store:
        assert len(store) == 3


def test_ingest_default_db_and_stdin(kiebitz_home):
    result = run("ingest", "-", input=GOOD_DE)
    assert result.exit_code == 0, result.output
    assert "1 new" in result.stdout
    stats = json.loads(run("stats", "--format", "json").output)
    assert stats["articles"] == 1 and stats["path"] == str(kiebitz_home / "kiebitz.db")


def test_ingest_published_and_language(tmp_path, mixed_folder):
    db = tmp_path / "k.db"
    good = tmp_path / "one"
    good.mkdir()
    shutil.copy(mixed_folder / "good-de.txt", good)
    assert run("ingest", str(good), "--db", str(db), "--published", "2024-01-02").exit_code == 0
    with Store(db, readonly=True) as store:
        [article] = list(store.iter_articles())
    assert article.published == "2024-01-02" and article.language == "de"
    assert run("search", "Genf", "--db", str(db), "--format", "json").output.count('"id"') == 1


def test_ingest_missing_path(tmp_path):
    result = run("ingest", str(tmp_path / "nope.txt"), "--db", str(tmp_path / "k.db"))
    assert result.exit_code == 1 and f"error: {tmp_path / 'nope.txt'}:" in result.stderr
    assert "0 new, 0 already stored, 1 failed" in result.stdout


def test_analyze_still_works(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(GOOD_EN, encoding="utf-8")
    result = run("analyze", str(path))
    assert result.exit_code == 0
    assert json.loads(result.stdout)["title"] == "Parliament passes the budget after a long debate"


# -- outlets ---------------------------------------------------------------------------------


def test_outlets_list_builtin():
    result = run("outlets", "list", "--format", "json")
    assert result.exit_code == 0
    rows = {r["name"]: r for r in json.loads(result.output)}
    assert rows["RT"]["country"] == "RUS" and rows["RT"]["state_affiliated"] is True
    assert "builtin" in rows["RT"]["sources"]
    table = run("outlets", "list")
    assert "RT" in table.output and f"{len(rows)} outlets" in table.output


def test_outlets_import_matrix(shared_data, kiebitz_home):
    matrix = shared_data / "outlets-state-media" / "State_Media_Matrix.csv"
    result = run("outlets", "import", str(matrix))
    assert result.exit_code == 0, result.output
    n = int(result.output.split()[1])
    assert n > 100 and f"imported {n} outlets from {matrix}" in result.output
    rows = {r["name"]: r for r in json.loads(run("outlets", "list", "--format", "json").output)}
    assert rows["RT"]["typology"] == "SC" and "matrix" in rows["RT"]["sources"]
    assert any(kiebitz_home.iterdir())  # written to the private home, not the real one


def test_outlets_import_bad_file(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("a,b\n1,2\n", encoding="utf-8")
    result = run("outlets", "import", str(bad))
    assert result.exit_code == 1 and result.output.startswith(f"error: {bad}")
    assert run("outlets", "import", str(tmp_path / "none.csv")).exit_code == 2


# -- the seed, end to end --------------------------------------------------------------------


def test_seed_end_to_end(seed_path, shared_data, tmp_path):
    db = tmp_path / "k.db"
    assert run("outlets", "import", str(shared_data / "outlets-state-media" / "State_Media_Matrix.csv")).exit_code == 0
    result = run("ingest", str(seed_path), "--db", str(db), "--published", "2023-06-26")
    assert result.exit_code == 0, result.output
    assert "1 new" in result.stdout
    hits = json.loads(run("search", "Rjabkow Zugeständnisse", "--db", str(db), "--format", "json").output)["hits"]
    assert len(hits) == 1 and hits[0]["outlet"] == "RT"
    record = json.loads(run("show", hits[0]["id"], "--db", str(db), "--format", "json").output)
    assert record["outlet"]["country"] == "RUS" and record["outlet"]["state_affiliated"] is True
    assert record["outlet"]["typology"] == "SC" and record["published"] == "2023-06-26"
    assert "Quelllink" not in record["text"]
    again = run("ingest", str(seed_path), "--db", str(db))
    assert "0 new, 1 already stored" in again.stdout


@pytest.mark.parametrize("command", ["ingest", "analyze"])
@pytest.mark.parametrize("date", ["2024-13-01", "yesterday", "20240101", "2024-1-1"])
def test_bad_published_date_is_a_usage_error(tmp_path, command, date):
    path = tmp_path / "a.txt"
    path.write_text(GOOD_EN, encoding="utf-8")
    result = run(command, str(path), "--published", date, "--db", str(tmp_path / "k.db")) if command == "ingest" \
        else run(command, str(path), "--published", date)
    assert result.exit_code == 2 and "YYYY-MM-DD" in result.output
    assert not (tmp_path / "k.db").exists()


def test_ingest_setup_error_is_one_line(tmp_path, mixed_folder, monkeypatch):
    from kiebitz import pipeline

    monkeypatch.setattr(pipeline, "DEFAULT_PIPELINE", ("outlet", "no_such_component"))
    result = run("ingest", str(mixed_folder), "--db", str(tmp_path / "k.db"))
    assert result.exit_code == 2
    assert result.stderr.strip() == "error: unknown pipeline component: 'no_such_component'"
