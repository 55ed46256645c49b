"""The ingest loop: outcomes per document, failures reported in place, the batch goes on."""

from __future__ import annotations

import sqlite3

import pytest

from kiebitz.errors import InputError, PipelineError, StoreError
from kiebitz.model import RawDocument
from kiebitz.pipeline import component
from kiebitz.store import IngestSummary, Store, ingest, ingest_documents

DE = "Die Regierung in Berlin hat am Montag ein neues Gesetz beschlossen. Die Opposition kritisierte es.\n"
EN = "The government in London passed a new law on Monday. The opposition criticised it sharply.\n"


@component("test_explode_on_london")
def _explode(article):
    if "London" in article.text:
        raise ValueError("boom")
    return article


def docs(*texts: str) -> list[RawDocument]:
    return [RawDocument(origin=f"doc{i}.txt", path=f"doc{i}.txt", text=t) for i, t in enumerate(texts)]


def test_outcomes_and_summary(tmp_path):
    with Store(tmp_path / "k.db") as store:
        items = [*docs(DE, EN), InputError("bad.txt", "empty file")]
        summary = IngestSummary()
        outcomes = list(ingest_documents(items, store, pipeline=("outlet", "language")))
        for o in outcomes:
            summary.add(o)
        assert [o.status for o in outcomes] == ["new", "new", "failed"]
        assert outcomes[0].article.language == "de" and store.get(outcomes[0].article.id) == outcomes[0].article
        assert str(outcomes[2].error) == "bad.txt: empty file"
        assert (summary.new, summary.stored, summary.failed) == (2, 0, 1)
        again = [o.status for o in ingest_documents(docs(DE, EN), store, pipeline=("outlet", "language"))]
        assert again == ["stored", "stored"]


def test_failing_component_names_the_file_and_the_batch_goes_on(tmp_path):
    with Store(tmp_path / "k.db") as store:
        outcomes = list(ingest_documents(docs(EN, DE), store, pipeline=("language", "test_explode_on_london")))
        assert [o.status for o in outcomes] == ["failed", "new"]
        assert isinstance(outcomes[0].error, PipelineError)
        assert str(outcomes[0].error) == "doc0.txt: test_explode_on_london failed: ValueError: boom"
        assert len(store) == 1


def test_unexpected_error_in_cleaning_is_reported(tmp_path, monkeypatch):
    import kiebitz.ingest.build as build

    real = build.build_article

    def flaky(raw, **kw):
        if raw.origin == "doc1.txt":
            raise RuntimeError("cleaner bug")
        return real(raw, **kw)

    monkeypatch.setattr(build, "build_article", flaky)
    with Store(tmp_path / "k.db") as store:
        outcomes = list(ingest_documents(docs(DE, EN, DE + "Noch ein Satz.\n"), store, pipeline=()))
        assert [o.status for o in outcomes] == ["new", "failed", "new"]
        assert "doc1.txt" in str(outcomes[1].error) and "RuntimeError: cleaner bug" in str(outcomes[1].error)


def test_store_failure_is_reported_and_keeps_earlier_articles(tmp_path, monkeypatch):
    import kiebitz.store.db as db

    real = db.insert_items

    def broken(conn, article, *rest):
        real(conn, article, *rest)
        if "London" in article.text:
            raise sqlite3.IntegrityError("injected")

    monkeypatch.setattr(db, "insert_items", broken)
    with Store(tmp_path / "k.db") as store:
        outcomes = list(ingest_documents(docs(DE, EN), store, pipeline=()))
        assert [o.status for o in outcomes] == ["new", "failed"]
        assert isinstance(outcomes[1].error, StoreError) and "doc1.txt" in str(outcomes[1].error)
        assert len(store) == 1 and store.check() == []
        assert store.search("London") == []


def test_ingest_reads_paths(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(DE, encoding="utf-8")
    (folder / "b.txt").write_text(EN, encoding="utf-8")
    with Store(tmp_path / "k.db") as store:
        outcomes = list(ingest([folder, tmp_path / "missing.txt"], store, published="2024-02-03",
                               pipeline=("outlet", "language")))
        assert [o.status for o in outcomes] == ["new", "new", "failed"]
        assert {a.published for a in store.iter_articles()} == {"2024-02-03"}
        assert {a.source.path for a in store.iter_articles()} == {str(folder / "a.txt"), str(folder / "b.txt")}


@pytest.mark.parametrize("published", ["2024-02-03", None])
def test_pipeline_runs_only_for_new_articles(tmp_path, published):
    calls = []

    @component("test_count_calls")
    def _count(article):
        calls.append(article.id)
        return article

    with Store(tmp_path / "k.db") as store:
        list(ingest_documents(docs(DE), store, published=published, pipeline=("test_count_calls",)))
        list(ingest_documents(docs(DE, EN), store, published=published, pipeline=("test_count_calls",)))
    assert len(calls) == 2  # the rerun skipped the stored article before the pipeline


def _many(n: int) -> list[RawDocument | InputError]:
    out: list[RawDocument | InputError] = []
    for i in range(n):
        out.append(RawDocument(origin=f"m{i}.txt", path=f"m{i}.txt",
                               text=f"Bericht {i}: Die Regierung beriet am Montag über den Haushalt {i}.\n"))
    out.insert(3, InputError("broken.txt", "binary file"))  # an error of the reader passes through in order
    out.append(RawDocument(origin="empty.txt", path="empty.txt", text="Quelllink\n"))  # nothing left: an error
    return out


def _plain(results):
    return [(doc.origin if isinstance(doc, RawDocument) else str(doc),
             built.to_dict() if not isinstance(built, Exception) else f"{type(built).__name__}: {built}",
             None if prepared is None else (prepared.signature.exact, prepared.keys))
            for doc, built, prepared in results]


def test_worker_processes_build_and_prepare_what_the_writer_would():
    from kiebitz.corpus.indexer import prepare
    from kiebitz.store.ingest import build_documents

    inline = list(build_documents(_many(12), workers=0))
    assert _plain(list(build_documents(_many(12), workers=1, chunk=5))) == _plain(inline)
    assert [type(b).__name__ for _, b, _ in inline].count("InputError") == 2
    for _, built, prepared in inline:  # prepared is what the writer would compute from the article
        if prepared is not None:
            again = prepare(built)
            assert (again.signature.exact, again.keys) == (prepared.signature.exact, prepared.keys)
            assert (again.signature.values == prepared.signature.values).all()


def test_build_step_runs_the_cheap_leading_components_in_the_workers():
    from kiebitz.pipeline import Pipeline
    from kiebitz.store.ingest import build_documents, split_pipeline

    assert split_pipeline(("outlet", "language", "nlp", "outlet")) == (("outlet", "language"), ("nlp", "outlet"))
    assert split_pipeline(("nlp", "outlet")) == ((), ("nlp", "outlet"))
    early = ("outlet", "language")
    inline = list(build_documents(_many(12), workers=0, pipeline=early))
    assert _plain(list(build_documents(_many(12), workers=1, chunk=5, pipeline=early))) == _plain(inline)
    pipe = Pipeline(early)
    for (_, after, prepared), (_, before, _) in zip(inline, build_documents(_many(12), workers=0), strict=True):
        if isinstance(before, Exception):
            continue
        assert after == pipe(before)  # the same article as the writer's pipeline made of it
        assert after.language == "de" and prepared.text == after.text  # prepared from the final article


def test_a_build_step_component_that_fails_makes_the_documents_error(tmp_path, monkeypatch):
    import kiebitz.ingest.outlets as outlets

    def broken(*args, **kwargs):
        raise ValueError("registry gone")

    monkeypatch.setattr(outlets, "identify", broken)
    with Store(tmp_path / "k.db") as store:
        outcomes = list(ingest_documents(docs(DE, EN), store, pipeline=("outlet", "language")))
    assert [o.status for o in outcomes] == ["failed", "failed"]
    assert str(outcomes[0].error) == "doc0.txt: outlet failed: ValueError: registry gone"


def test_automatic_workers_start_after_the_first_documents(monkeypatch):
    import importlib

    ing = importlib.import_module("kiebitz.store.ingest")  # the package exports a function of that name
    monkeypatch.setattr(ing, "AUTO_INLINE", 4)
    monkeypatch.setattr(ing, "auto_workers", lambda: 1)
    assert _plain(list(ing.build_documents(_many(12), workers=None, chunk=3))) == _plain(
        list(ing.build_documents(_many(12), workers=0)))
    assert list(ing.build_documents([], workers=None)) == []


def test_store_uses_prepared_data_only_for_the_same_text(tmp_path):
    from kiebitz.corpus.indexer import prepare
    from kiebitz.corpus.queries import count
    from kiebitz.ingest.build import build_article

    a, b = (build_article(d) for d in docs(DE, EN))
    stale = prepare(a)
    with Store(tmp_path / "k.db") as store:
        store.add(b, stale)  # prepared from another text: recomputed, not trusted
        sig = store.connection.execute("SELECT exact FROM corpus_minhash").fetchone()[0]
        assert sig == prepare(b).signature.exact
        changed = a.replace(language="de")  # language set later: the prepared data still fits
        store.add(changed, stale)
        assert count(store.connection, "beschlossene") == 1  # found by its German stem


def _tag(doc, article):
    """A caller's own build step (module level: worker processes receive it by name)."""
    return article.replace(section=f"tag:{doc.origin}")


def test_rows_made_where_documents_are_built_equal_the_writers(tmp_path):
    from dataclasses import replace

    from kiebitz.store.ingest import build_documents
    from kiebitz.store.rows import article_row

    inline = list(build_documents(_many(12), workers=0, finish=_tag, rows=True))
    pooled = list(build_documents(_many(12), workers=1, chunk=5, finish=_tag, rows=True))
    assert _plain(pooled) == _plain(inline)
    built = [(b, p) for _, b, p in pooled if not isinstance(b, Exception)]
    assert len(built) == 12
    for article, prepared in built:
        assert article.section.startswith("tag:m")  # `finish` ran where the document was built
        assert prepared.of is article  # pickling the worker's results keeps the article it was made of
        assert prepared.row == article_row(article)  # the worker's row is the writer's
    assert all(p.row is None for _, b, p in build_documents(_many(12), workers=0) if not isinstance(b, Exception))
    # The store takes the row only for that very article: a marked row shows which one it stored.
    (a, pa), (b, pb) = built[0], built[1]
    marked = tuple(v.replace('"section":"tag:', '"section":"row:') if isinstance(v, str) else v for v in pa.row)
    with Store(tmp_path / "k.db") as store:
        assert store.add(a, replace(pa, row=marked))
        assert store.get(a.id).section.startswith("row:")
        other = b.replace(title="Ein anderer Titel")  # changed after building (as the writer's components do)
        assert store.add(other, pb)
        assert store.get(b.id) == other
        assert store.connection.execute("SELECT title FROM articles WHERE id = ?", (b.id,)).fetchone()[0] == (
            "Ein anderer Titel")


def test_ingest_makes_the_rows_in_the_build_step_only_when_the_writer_runs_no_components(tmp_path, monkeypatch):
    import importlib

    ing = importlib.import_module("kiebitz.store.ingest")  # the module (the package exports a function `ingest`)
    seen = []
    real = ing.build_documents

    def spy(*args, **kwargs):
        seen.append(kwargs.get("rows"))
        return real(*args, **kwargs)

    monkeypatch.setattr(ing, "build_documents", spy)
    with Store(tmp_path / "k.db") as store:
        out = list(ingest_documents(docs(DE, EN), store, pipeline=("outlet", "language")))
        assert [store.get(o.article.id) for o in out] == [o.article for o in out]
        list(ingest_documents(docs(DE + "Nachtrag.\n"), store, pipeline=("outlet", "test_explode_on_london")))
    assert seen == [True, False]
