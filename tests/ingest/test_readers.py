"""Readers: every format, folders, stdin, and one clear InputError per bad input."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from kiebitz.errors import InputError
from kiebitz.ingest.decode import MAX_DOCUMENT_BYTES, decode_bytes
from kiebitz.ingest.readers import read_paths
from kiebitz.model import RawDocument

GERMAN = "Die Regierung in Köln äußerte sich am Montag über die Maßnahmen.\n\n„Wir prüfen das“, sagte sie.\n"


def read(*paths: Path | str) -> list[RawDocument | InputError]:
    return list(read_paths(paths))


def only_error(items: list) -> InputError:
    assert len(items) == 1, items
    assert isinstance(items[0], InputError), items
    return items[0]


def test_plain_text_utf8(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(GERMAN, encoding="utf-8")
    [doc] = read(path)
    assert isinstance(doc, RawDocument)
    assert doc.text == GERMAN and doc.html is None
    assert doc.path == str(path) and doc.origin == str(path)


def test_text_is_nfc_and_quotes_kept(tmp_path: Path) -> None:
    decomposed = "Mu\u0308nchen: „Ja“, sagte er. \"Nein\" – ‚vielleicht‘"
    path = tmp_path / "a.md"
    path.write_text(decomposed, encoding="utf-8")
    [doc] = read(path)
    assert doc.text == "München: „Ja“, sagte er. \"Nein\" – ‚vielleicht‘"


def test_latin1_text(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes(GERMAN.replace("„", '"').replace("“", '"').encode("latin-1"))
    [doc] = read(path)
    assert "Köln äußerte" in doc.text and "Maßnahmen" in doc.text


def test_cp1252_typographic_quotes(tmp_path: Path) -> None:
    path = tmp_path / "win.txt"
    path.write_bytes(("„Wir werden nicht nachgeben“, sagte die Ministerin – und ging. " * 3).encode("cp1252"))
    [doc] = read(path)
    assert doc.text.startswith("„Wir werden nicht nachgeben“")


@pytest.mark.parametrize("encoding", ["utf-16", "utf-8-sig", "utf-32"])
def test_bom_encodings(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / f"bom-{encoding}.txt"
    path.write_bytes(GERMAN.encode(encoding))
    [doc] = read(path)
    assert doc.text == GERMAN


def test_crlf_becomes_lf(tmp_path: Path) -> None:
    path = tmp_path / "crlf.txt"
    path.write_bytes(b"Eins.\r\n\r\nZwei.\r\n")
    [doc] = read(path)
    assert doc.text == "Eins.\n\nZwei.\n"


def test_html_file(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text("<html><body><p>Der Kanzler reiste nach Paris.</p></body></html>", encoding="utf-8")
    [doc] = read(path)
    assert doc.html is not None and doc.text is None


def test_unknown_suffix_is_sniffed(tmp_path: Path) -> None:
    (tmp_path / "a.dat").write_text("<!DOCTYPE html><html><p>Hallo Welt</p></html>", encoding="utf-8")
    (tmp_path / "b.dat").write_text('{"text": "Hallo Welt"}\n{"text": "Hello world"}\n', encoding="utf-8")
    (tmp_path / "c").write_text("Nur Text.", encoding="utf-8")
    docs = read(tmp_path / "a.dat", tmp_path / "b.dat", tmp_path / "c")
    assert [d.html is not None for d in docs] == [True, False, False, False]
    assert [d.text for d in docs[1:]] == ["Hallo Welt", "Hello world", "Nur Text."]


def test_jsonl_fields_and_lines(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    lines = [
        {"id": 7, "title": "T1", "text": "Eins.", "url": "https://de.rt.com/x", "published": "2023-06-19",
         "language": "de", "outlet": "RT DE"},
        {"html": "<p>Zwei.</p>"},
    ]
    path.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\n\n", encoding="utf-8")
    first, second = read(path)
    assert (first.id, first.title, first.text, first.url, first.published, first.language, first.outlet) == (
        "7", "T1", "Eins.", "https://de.rt.com/x", "2023-06-19", "de", "RT DE")
    assert first.line == 1 and first.origin == f"{path}:1" and first.path == str(path)
    assert second.html == "<p>Zwei.</p>" and second.line == 2


def test_jsonl_broken_line_is_one_error_and_reading_goes_on(tmp_path: Path) -> None:
    path = tmp_path / "b.ndjson"
    path.write_text('{"text": "Eins."}\n{"text": "Zw\n{"title": "no body"}\n[1, 2]\n{"text": "Fünf."}\n',
                    encoding="utf-8")
    items = read(path)
    assert [type(i).__name__ for i in items] == ["RawDocument", "InputError", "InputError", "InputError", "RawDocument"]
    broken, nobody, notobj = items[1:4]
    assert broken.line == 2 and "broken JSON" in str(broken) and str(path) in str(broken)
    assert nobody.line == 3 and "neither" in str(nobody)
    assert notobj.line == 4 and "not an object" in str(notobj)
    assert items[4].text == "Fünf."


def test_jsonl_bad_utf8_line(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    path.write_bytes(b'{"text": "ok"}\n{"text": "\xff\xfe"}\n')
    ok, bad = read(path)
    assert isinstance(ok, RawDocument) and isinstance(bad, InputError) and bad.line == 2
    assert "not UTF-8" in str(bad)


def test_jsonl_streams_more_than_the_document_limit(tmp_path: Path) -> None:
    """A JSON Lines file far larger than one document's limit is fine: the limit is per line."""
    path = tmp_path / "big.jsonl"
    line = json.dumps({"text": "Die Regierung kündigte Hilfe an. " * 30}) + "\n"
    count = MAX_DOCUMENT_BYTES // len(line) + 500
    with path.open("w", encoding="utf-8") as fh:
        for _ in range(count):
            fh.write(line)
    n = 0
    for item in read_paths([path]):
        assert isinstance(item, RawDocument)
        n += 1
    assert n == count


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    error = only_error(read(path))
    assert str(path) in str(error) and "empty" in str(error)


def test_whitespace_only_file(tmp_path: Path) -> None:
    path = tmp_path / "blank.txt"
    path.write_text(" \n\n\t\n", encoding="utf-8")
    assert "empty" in str(only_error(read(path)))


def test_empty_jsonl(tmp_path: Path) -> None:
    path = tmp_path / "empty.jsonl"
    path.write_text("\n\n", encoding="utf-8")
    assert "empty" in str(only_error(read(path)))


def test_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20)
    error = only_error(read(path))
    assert str(path) in str(error) and "binary" in str(error)


def test_binary_with_nul_bytes(tmp_path: Path) -> None:
    path = tmp_path / "blob"
    path.write_bytes(b"abc\x00\x01\x02def" * 100)
    assert "binary" in str(only_error(read(path)))


def test_undecodable_bytes(tmp_path: Path) -> None:
    path = tmp_path / "noise.txt"
    # Deterministic pseudo-random high bytes: no text encoding makes sense of them.
    data = bytes((i * 7919 + 13) % 128 + 128 for i in range(4000))
    path.write_bytes(data)
    error = only_error(read(path))
    assert str(path) in str(error) and ("undecodable" in str(error) or "binary" in str(error))


def test_fifty_megabyte_file(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as fh:
        chunk = b"Ein sehr langer Text. " * 50000
        while fh.tell() < 50 * 1024 * 1024:
            fh.write(chunk)
    error = only_error(read(path))
    assert str(path) in str(error) and "too large" in str(error) and "MB" in str(error)


def test_broken_html_without_text(tmp_path: Path) -> None:
    path = tmp_path / "broken.html"
    path.write_text("<html><head><script>var x = '<p>';</script><style>p{}</style></head><body><div><img src=x>",
                    encoding="utf-8")
    error = only_error(read(path))
    assert str(path) in str(error) and "HTML" in str(error)


def test_missing_path() -> None:
    error = only_error(read("/nonexistent/nowhere.txt"))
    assert "no such file" in str(error)


def test_folder_recursive_sorted_skips_hidden(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / ".git").mkdir()
    (tmp_path / "b" / "z.txt").write_text("Z", encoding="utf-8")
    (tmp_path / "b" / "a.txt").write_text("A", encoding="utf-8")
    (tmp_path / "c.txt").write_text("C", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("H", encoding="utf-8")
    (tmp_path / ".git" / "x.txt").write_text("G", encoding="utf-8")
    assert [d.text for d in read(tmp_path)] == ["A", "Z", "C"]


def test_bad_file_does_not_stop_the_batch(tmp_path: Path) -> None:
    (tmp_path / "1.txt").write_text("Eins.", encoding="utf-8")
    (tmp_path / "2.txt").write_bytes(b"")
    (tmp_path / "3.txt").write_text("Drei.", encoding="utf-8")
    items = read(tmp_path)
    assert [type(i).__name__ for i in items] == ["RawDocument", "InputError", "RawDocument"]


class _Stdin:
    def __init__(self, data: bytes) -> None:
        self.buffer = io.BytesIO(data)


def test_stdin_text(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", _Stdin(b"Hallo aus der Standardeingabe."))
    [doc] = read("-")
    assert doc.text == "Hallo aus der Standardeingabe." and doc.origin == "<stdin>" and doc.path is None


def test_stdin_jsonl(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", _Stdin(b'{"text": "eins"}\n{"bad"\n{"text": "drei"}\n'))
    items = read("-")
    assert [type(i).__name__ for i in items] == ["RawDocument", "InputError", "RawDocument"]
    assert "<stdin>:2" in str(items[1])


def test_decode_rejects_control_garbage() -> None:
    with pytest.raises(InputError, match="binary"):
        decode_bytes(bytes([1, 2, 3, 4, 5, 6, 7, 8]) * 200, "x.txt")


def test_folder_skips_readme_but_not_when_named(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("# About these files", encoding="utf-8")
    (tmp_path / "a.txt").write_text("A", encoding="utf-8")
    assert [d.text for d in read(tmp_path)] == ["A"]
    assert [d.text for d in read(tmp_path / "README.md")] == ["# About these files"]


def test_jsonl_utf16_with_bom(tmp_path: Path) -> None:
    path = tmp_path / "u16.jsonl"
    path.write_bytes('{"text": "Köln „eins“"}\n{"text": "zwei"}\n'.encode("utf-16"))
    docs = read(path)
    assert [d.text for d in docs] == ["Köln „eins“", "zwei"]


def test_html_declared_charset(tmp_path: Path) -> None:
    path = tmp_path / "latin.html"
    html = '<html><head><meta charset="iso-8859-1"></head><body><p>Köln: Grüße aus Düsseldorf</p></body></html>'
    path.write_bytes(html.encode("latin-1"))
    [doc] = read(path)
    assert "Köln: Grüße aus Düsseldorf" in doc.html


def test_soft_hyphens_and_zero_width_spaces_are_dropped(tmp_path: Path) -> None:
    path = tmp_path / "shy.txt"
    path.write_text("Die Bundes\u00adregierung\u200b tagt.", encoding="utf-8")
    [doc] = read(path)
    assert doc.text == "Die Bundesregierung tagt."


def test_json_file_object_and_array(tmp_path: Path) -> None:
    one = tmp_path / "one.json"
    one.write_text(json.dumps({"title": "T", "text": "Eins."}, indent=2), encoding="utf-8")
    many = tmp_path / "many.json"
    many.write_text(json.dumps([{"text": "A."}, 3, {"html": "<p>B.</p>"}], indent=1), encoding="utf-8")
    docs = read(one, many)
    assert [type(d).__name__ for d in docs] == ["RawDocument", "RawDocument", "InputError", "RawDocument"]
    assert docs[0].title == "T" and docs[1].text == "A." and "item 2" in str(docs[2])
