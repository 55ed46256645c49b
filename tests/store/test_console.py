"""Terminal output: the progress line is silent off a terminal; error lines always get through."""

from __future__ import annotations

from kiebitz.store.console import IngestProgress, _marked, print_stats
from kiebitz.store.ingest import IngestSummary, Outcome


def test_progress_is_silent_when_stderr_is_not_a_terminal(capsys):
    summary = IngestSummary()
    with IngestProgress() as progress:
        assert not progress.enabled
        summary.add(Outcome("new"))
        progress.update(summary)
        progress.error("error: a.txt: empty file")
    err = capsys.readouterr().err
    assert err == "error: a.txt: empty file\n"


def test_progress_on_a_terminal_keeps_error_lines(capsys, monkeypatch):
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("TTY_COMPATIBLE", raising=False)
    summary = IngestSummary()
    with IngestProgress() as progress:
        assert progress.enabled
        for status in ("new", "stored", "failed"):
            summary.add(Outcome(status))  # type: ignore[arg-type]
            progress.update(summary)
        progress.error("error: [b].txt: binary file")
    err = capsys.readouterr().err
    assert err.count("error: [b].txt: binary file") == 1  # printed verbatim, no markup eaten


def test_summary_line():
    s = IngestSummary()
    for status in ("new", "new", "stored", "failed"):
        s.add(Outcome(status))  # type: ignore[arg-type]
    assert s.line().startswith("4 documents: 2 new, 1 already stored, 1 failed")


def test_marked_snippet():
    text = _marked("a \x02b\x03 c")
    assert text.plain == "a b c" and [str(span.style) for span in text.spans] == ["bold yellow"]


def test_print_stats(capsys):
    print_stats({"path": "/x.db", "schema_version": 3, "articles": 2, "languages": {"de": 2}, "outlets": {"RT": 2},
                 "state_affiliated": 2, "published": {"first": "2023-01-01", "last": "2023-02-01"},
                 "statements": 5, "events": 0, "event_types": {}, "entities": 1, "actors": 1})
    out = capsys.readouterr().out
    assert "articles:         2  (de 2)" in out and "2023-01-01 … 2023-02-01" in out
