"""Quote-aware rule-based sentence segmentation for German and English (a spaCy component).

A sentence never starts with a closing quotation mark or ends with an opening one; a quote followed by
its attribution (`„…“, sagte Rjabkow.`) stays one sentence; a multi-sentence quote keeps its opening
mark with its first sentence and its closing mark with its last.
"""

from __future__ import annotations

import numpy
from spacy.attrs import IS_PUNCT, IS_SPACE, SENT_START, SPACY
from spacy.language import Language
from spacy.tokens import Doc

from . import columns

FINAL = {".", "!", "?", "…", "...", "?!", "!?", "!!", "??", "!!!", "???"}
OPENING = {"„", "»", "‚", "(", "[", "{", "‹"}
CLOSING = {"«", "”", "‘", "’", ")", "]", "}", "›"}
AMBIGUOUS = {'"', "“", "'", "«", "»"}  # direction depends on the convention and on spacing
_MARKS = OPENING | CLOSING | {'"', "“", "'", "«", "»", "„", "‚"}  # every token _quote_roles classifies
# Tokens after which a period rarely ends a sentence (most abbreviations are single tokens already).
MONTHS = {
    "januar", "februar", "märz", "april", "mai", "juni", "juli", "august", "september", "oktober",
    "november", "dezember", "jänner", "jan", "feb", "mär", "apr", "jun", "jul", "aug", "sep", "sept",
    "okt", "nov", "dez",
}


class _Tokens:
    """Plain per-token lists of a Doc: indexing Python lists is far cheaper than creating Token objects."""

    __slots__ = ("n", "punct", "space", "text", "ws")

    def __init__(self, doc: Doc) -> None:
        self.text = columns.texts(doc)
        self.n = len(self.text)
        cols = doc.to_array([IS_SPACE, IS_PUNCT, SPACY]).astype(bool).T.tolist() if self.n else [[], [], []]
        self.space, self.punct, self.ws = cols  # ws: followed by whitespace


def _quote_roles(doc: Doc | _Tokens) -> list[str]:
    """Classify every token as 'open', 'close' or '' (not a quotation mark/bracket)."""
    toks = doc if isinstance(doc, _Tokens) else _Tokens(doc)
    n, text, space, ws, punct = toks.n, toks.text, toks.space, toks.ws, toks.punct
    roles = [""] * n
    depth_low = 0  # open „ (German low quote) waiting for “
    depth_guil = {"»": 0, "«": 0}
    straight_open = {'"': False, "'": False}
    for i, t in enumerate(text):
        if t not in _MARKS:
            if space[i] and "\n\n" in t:  # paragraphs reset unbalanced marks
                depth_low = 0
                depth_guil = {"»": 0, "«": 0}
                straight_open = {'"': False, "'": False}
            continue
        before = i == 0 or ws[i - 1] or space[i - 1]
        after = ws[i] or i == n - 1 or space[i + 1]
        nxt_punct = i + 1 < n and punct[i + 1] and text[i + 1] not in OPENING
        if t == "„" or t == "‚":
            roles[i] = "open"
            depth_low += 1
        elif t == "“":
            if depth_low > 0:  # German „…“
                roles[i] = "close"
                depth_low -= 1
            elif before and not after:  # English “…”
                roles[i] = "open"
            else:
                roles[i] = "close"
        elif t in ("»", "«"):
            other = "«" if t == "»" else "»"
            if depth_guil[other] > 0:
                roles[i] = "close"
                depth_guil[other] -= 1
            elif before and not after:
                roles[i] = "open"
                depth_guil[t] += 1
            else:
                roles[i] = "close"
        elif t in ('"', "'"):
            if t == "'" and not before and not after:
                continue  # apostrophe inside a word
            if straight_open[t] and (after or nxt_punct or not before):
                roles[i] = "close"
                straight_open[t] = False
            elif before and not after:
                roles[i] = "open"
                straight_open[t] = True
            elif straight_open[t]:
                roles[i] = "close"
                straight_open[t] = False
            elif t == '"':
                roles[i] = "open" if not after else "close"
                straight_open[t] = roles[i] == "open"
        elif t in OPENING:
            roles[i] = "open"
        elif t in CLOSING:
            roles[i] = "close"
    return roles


def _starts_sentence(t: str) -> bool:
    """Can a token with text `t` begin a new sentence after final punctuation?"""
    if not t:
        return False
    first = t[0]
    return first.isupper() or first.isdigit() or not first.isalnum()


def _abbreviation_period(toks: _Tokens, i: int) -> bool:
    """Is the period at `i` part of an initial ("F. Gary") or an ordinal date ("3. Oktober")?"""
    if i == 0 or toks.ws[i - 1]:
        return False
    prev = toks.text[i - 1]
    nxt = toks.text[i + 1].lower() if i + 1 < toks.n else ""
    if len(prev) == 1 and prev.isalpha() and prev.isupper():
        return True
    return prev.isdigit() and len(prev) <= 2 and nxt.rstrip(".") in MONTHS


def segment(doc: Doc, partial: bool = False) -> list[bool | None]:
    """Return is_sent_start for every token.

    With `partial`, only decided positions are set (True at rule boundaries, False inside quotes and
    right after quotation marks and abbreviations); the rest stay None for a statistical parser.
    """
    toks = _Tokens(doc)
    n, text, space = toks.n, toks.text, toks.space
    starts: list[bool | None] = [None if partial else False] * n
    if n == 0:
        return starts
    roles = _quote_roles(toks)
    starts[0] = True
    if partial:
        depth = 0
        for k, role in enumerate(roles):
            if role == "close" or (k > 0 and roles[k - 1] == "open"):
                starts[k] = False  # never start at a closing mark or right after an opening one
            depth += (role == "open") - (role == "close")
            if depth > 0 and role == "" and k > 0 and text[k - 1] not in FINAL:
                starts[k] = False  # inside a quote, only final punctuation ends a sentence
    i = 0
    while i < n:
        t = text[i]
        if space[i] and "\n" in t:
            j = i + 1
            if j < n:
                starts[j] = True
            i += 1
            continue
        is_final = t in FINAL or (t.endswith((".", "!", "?")) and t[:-1] in FINAL)
        if t == "." and _abbreviation_period(toks, i):
            is_final = False
            if partial and i + 1 < n:
                starts[i + 1] = False
        if not is_final:
            i += 1
            continue
        # Closing marks and further final punctuation belong to this sentence.
        j = i + 1
        while j < n and (roles[j] == "close" or text[j] in FINAL):
            j += 1
        k = j
        while k < n and space[k] and "\n" not in text[k]:
            k += 1
        if k >= n:
            break
        nxt = text[k]
        if space[k]:  # a line break: handled above
            i = k
            continue
        if roles[k] == "open" or _starts_sentence(nxt) and nxt not in {",", ";", ":", "-", "–", "—"}:
            if roles[k] == "close":
                i = k
                continue
            starts[k] = True
        elif partial:
            starts[k] = False  # `„…“, sagte X` / lower-case continuation
        i = k
    return starts


_SENT_VALUE = {True: 1, False: -1, None: 0}


@Language.factory("kiebitz_sentences", default_config={"partial": False})
def make_sentences(nlp: Language, name: str, partial: bool):  # noqa: ANN201 - spaCy factory
    """Set sentence starts before the parser, which respects them (`partial`: leave open cases to it)."""

    def sentences(doc: Doc) -> Doc:
        if len(doc) == 0:
            return doc
        starts = segment(doc, partial)
        if doc.has_annotation("HEAD"):  # a parsed doc: sentence starts must go through the tokens
            for tok, start in zip(doc, starts, strict=True):
                tok.is_sent_start = start
            return doc
        # One array write instead of one Token property call per token (each checks the whole doc).
        values = numpy.asarray([_SENT_VALUE[x] for x in starts], dtype="int64").astype("uint64").reshape(-1, 1)
        doc.from_array([SENT_START], values)
        return doc

    return sentences
