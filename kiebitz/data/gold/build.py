"""Build gold JSONL files from inline-marked sources (offsets computed here, so they cannot drift).

Source format, one paragraph a line: `KIND,KIND,...|text` where the text marks the n-th annotation's
quote, speaker and cue as ⟨qN|…⟩, ⟨sN|…⟩, ⟨cN|…⟩. An annotation without a speaker mark continues the
previous annotation's speaker; a written \\n is a line break. Run: python -m kiebitz.data.gold.build
"""

from __future__ import annotations

import json
import re
from pathlib import Path

HERE = Path(__file__).parent
MARK = re.compile(r"⟨([qsc])(\d+)\|(.*?)⟩")
SOURCES = {"statements_en.src.txt": "statements_en.jsonl", "statements_de.src.txt": "statements_de.jsonl"}


def convert(line: str, doc_id: str) -> dict:
    """One marked line -> {"id", "text", "annotations"} in the quotes-de-wikinews shape."""
    head, src = line.split("|", 1)
    src = src.replace("\\n", "\n")  # a written "\n" is a line break (paragraphs)
    kinds = head.split(",")
    text, pos = "", 0
    spans: dict[tuple[str, int], list[list[int]]] = {}
    for m in MARK.finditer(src):
        text += src[pos:m.start()]
        start = len(text)
        text += m.group(3)
        spans.setdefault((m.group(1), int(m.group(2))), []).append([start, len(text)])
        pos = m.end()
    text += src[pos:]
    if "⟨" in text or "⟩" in text or max(k for _, k in spans) != len(kinds):
        raise ValueError(f"{doc_id}: bad marks or kind count: {line!r}")
    anns: list[dict] = []
    for k, kind in enumerate(kinds, 1):
        quote, speaker, cue = (spans.get((r, k), []) for r in "qsc")
        if not speaker and anns:
            speaker = anns[-1]["speaker"]
        anns.append({"id": k - 1, "type": kind, "quote": quote, "speaker": speaker, "cue": cue,
                     "quote_text": " ".join(text[a:b] for a, b in quote),
                     "speaker_text": " ".join(text[a:b] for a, b in speaker)})
    return {"id": doc_id, "text": text, "annotations": anns}


def main() -> None:
    for src, dst in SOURCES.items():
        path = HERE / src
        if not path.exists():
            continue
        prefix = dst.split("_")[1].split(".")[0]
        lines = [x for x in path.read_text(encoding="utf-8").splitlines() if x.strip() and not x.startswith("#")]
        docs = [convert(x, f"{prefix}{n:03d}") for n, x in enumerate(lines, 1)]
        with open(HERE / dst, "w", encoding="utf-8") as fh:
            for d in docs:
                fh.write(json.dumps(d, ensure_ascii=False) + "\n")
        print(f"{dst}: {len(docs)} paragraphs, {sum(len(d['annotations']) for d in docs)} quotes")


if __name__ == "__main__":
    main()
