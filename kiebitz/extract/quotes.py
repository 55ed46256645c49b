"""Quotation marks and sentences: top-level quote spans in every style, quote-aware sentence splitting."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Opening mark -> closing marks it accepts (German „…“ and „…”, English “…”, guillemets both ways).
PAIRS = {"„": "“”\"", "“": "”“", "»": "«", "«": "»", "\"": "\"", "‚": "‘’", "‹": "›", "›": "‹"}
SINGLE_OPEN = {"‘": "’"}  # only inside a double quote or after a space (apostrophes look the same)
ABBREVIATIONS = {"z", "B", "Dr", "Prof", "Nr", "St", "bzw", "ca", "vgl", "u", "a", "etc", "usw", "Mr", "Mrs",
                 "Ms", "Jr", "Sr", "Gen", "Sen", "Rep", "Gov", "Lt", "Col", "Sgt", "Abs", "Art", "Mio", "Mrd",
                 "Jan", "Feb", "Aug", "Sept", "Okt", "Nov", "Dez", "No", "vs", "inkl", "evtl", "ggf", "d", "h",
                 "S", "U", "Inc", "Corp", "Co", "Ltd", "Mt", "Hr", "Fr"}


@dataclass(frozen=True)
class Quote:
    """A top-level quotation: offsets include the marks; `inner` offsets exclude them."""

    start: int
    end: int
    inner_start: int
    inner_end: int
    closed: bool

    def words(self, text: str) -> int:
        """Number of words inside the marks."""
        return len(re.findall(r"\w+", text[self.inner_start:self.inner_end]))


def find_quotes(text: str) -> list[Quote]:
    """Top-level quotes; a quote left open at a paragraph end closes there (the next paragraph reopens it)."""
    out: list[Quote] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        closers = PAIRS.get(ch)
        if closers is None and ch in SINGLE_OPEN and (i == 0 or not text[i - 1].isalnum()):
            closers = SINGLE_OPEN[ch]
        if closers is None or (ch == "\"" and i + 1 < n and text[i + 1].isspace() and i > 0
                               and not text[i - 1].isspace()):
            i += 1
            continue
        depth_open, j = ch, i + 1
        end = None
        while j < n:
            c = text[j]
            if c in closers and not (c == "’" and j + 1 < n and text[j + 1].isalpha()):
                end = j + 1
                break
            if c == "\n" and j + 1 < n and text[j + 1] == "\n":
                break
            j += 1
        if end is None:  # unclosed: ends at the paragraph end
            para_end = text.find("\n\n", i)
            para_end = n if para_end < 0 else para_end
            if para_end - i < 3:
                i += 1
                continue
            out.append(Quote(i, para_end, i + 1, para_end, False))
            i = para_end
            continue
        if depth_open and end - i > 2:
            out.append(Quote(i, end, i + 1, end - 1, True))
        i = end
    return out


def sentences(text: str, quotes: list[Quote]) -> list[tuple[int, int]]:
    """Sentence spans: split at . ! ? (and paragraph breaks), never inside a quote or after an abbreviation."""
    inside = bytearray(len(text) + 1)
    for q in quotes:
        for k in range(q.start + 1, max(q.start + 1, q.end - 1)):
            inside[k] = 1
    spans: list[tuple[int, int]] = []
    start = 0
    for m in re.finditer(r"\n\s*\n|\n|(?<=[.!?…])[\"“”»«’]?\s+(?=[\"„“»«‚A-ZÄÖÜ0-9(])", text):
        cut = m.start()
        if "\n" not in m.group(0):
            if inside[cut - 1] and not (m.group(0)[0] in "\"“”»«’" and not inside[cut]):
                continue
            before = text[max(start, cut - 12):cut]
            word = re.search(r"(\w+)\.[\"“”»«’]?$", before)
            if word and (word.group(1) in ABBREVIATIONS or word.group(1).isdigit()
                         or len(word.group(1)) == 1):
                continue
        end = cut + len(m.group(0).rstrip()) if "\n" not in m.group(0) else cut
        seg_end = end
        while seg_end > start and text[seg_end - 1].isspace():
            seg_end -= 1
        if seg_end > start:
            spans.append((start, seg_end))
        start = m.end()
    if start < len(text) and text[start:].strip():
        end = len(text.rstrip())
        spans.append((start, end))
    return [(s + len(text[s:e]) - len(text[s:e].lstrip()), e) for s, e in spans if text[s:e].strip()]
