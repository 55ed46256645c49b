"""Listing inputs into shards of byte ranges, and reading the documents back."""

from __future__ import annotations

import json
from pathlib import Path

from kiebitz.scale.inputs import iter_documents, iter_shards

from .conftest import write_warc


def test_jsonl_shards_keep_line_numbers(tmp_path: Path) -> None:
    path = tmp_path / "news.jsonl"
    lines = [json.dumps({"text": f"Artikel {i}"}) for i in range(5)]
    lines.insert(2, "   ")  # a blank line 3 is not a document but still counts as a line
    path.write_bytes(b"\xef\xbb\xbf" + "\n".join(lines).encode() + b"\n")
    shards = list(iter_shards([str(path)], 2))
    assert [s["shard"] for s in shards] == ["part-00000", "part-00001", "part-00002"]
    assert all(len(s["items"]) == 1 for s in shards)  # consecutive lines merge into one span
    docs = [d for s in shards for d in iter_documents(s)]
    assert [d["line"] for d in docs] == [1, 2, 4, 5, 6]
    assert [json.loads(d["data"])["text"] for d in docs] == [f"Artikel {i}" for i in range(5)]
    assert docs[2]["origin"] == f"{path}:4" and docs[2]["shard"] == "part-00001"


def test_warc_spans_hold_only_html_responses(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    write_warc(path, [("https://a.example/1", "text/html", b"<p>eins</p>"),
                      ("https://a.example/logo.png", "image/png", b"\x89PNG"),
                      ("https://a.example/2", "text/html; charset=utf-8", b"<p>zwei</p>"),
                      ("https://a.example/3", "application/xhtml+xml", b"<p>drei</p>")])
    shards = list(iter_shards([str(path)], 2))
    docs = [[d["url"] for d in iter_documents(s)] for s in shards]
    assert docs == [["https://a.example/1", "https://a.example/2"], ["https://a.example/3"]]
    first = next(iter_documents(shards[0]))
    assert first["data"] == b"<p>eins</p>" and first["published"] == "2024-05-13"


def test_files_errors_and_order(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text("Zweiter Text.", encoding="utf-8")
    (tmp_path / "a.html").write_text("<p>Erster Text.</p>", encoding="utf-8")
    (tmp_path / "README.md").write_text("not an article", encoding="utf-8")
    (tmp_path / "data").write_text('{"text": "sniffed as JSON Lines"}\n', encoding="utf-8")
    (tmp_path / "empty.jsonl").write_text("\n", encoding="utf-8")
    [shard] = iter_shards([str(tmp_path), str(tmp_path / "missing")], 10)
    docs = list(iter_documents(shard))
    assert [d.get("origin") or d["error"]["origin"] for d in docs] == [
        f"{tmp_path}/a.html", f"{tmp_path}/b.txt", f"{tmp_path}/data:1", f"{tmp_path}/empty.jsonl",
        f"{tmp_path}/missing"]
    assert docs[0]["kind"] == "html" and docs[1]["kind"] == "text"
    assert docs[3]["error"]["message"] == "empty input (no JSON lines)"
    assert docs[4]["error"]["message"] == "no such file or directory"
