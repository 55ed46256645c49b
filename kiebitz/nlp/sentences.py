"""Quote-aware rule-based sentence segmentation for German and English (a spaCy component).

A sentence never starts with a closing quotation mark or ends with an opening one; a quote followed by
its attribution (`„…“, sagte Rjabkow.`) stays one sentence; a multi-sentence quote keeps its opening
mark with its first sentence and its closing mark with its last.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Token

FINAL = {".", "!", "?", "…", "...", "?!", "!?", "!!", "??", "!!!", "???"}
OPENING = {"„", "»", "‚", "(", "[", "{", "‹"}
CLOSING = {"«", "”", "‘", "’", ")", "]", "}", "›"}
AMBIGUOUS = {'"', "“", "'", "«", "»"}  # direction depends on the convention and on spacing
# Tokens after which a period rarely ends a sentence (most abbreviations are single tokens already).
MONTHS = {
    "januar", "februar", "märz", "april", "mai", "juni", "juli", "august", "september", "oktober",
    "november", "dezember", "jänner", "jan", "feb", "mär", "apr", "jun", "jul", "aug", "sep", "sept",
    "okt", "nov", "dez",
}


def _quote_roles(doc: Doc) -> list[str]:
    """Classify every token as 'open', 'close' or '' (not a quotation mark/bracket)."""
    roles = [""] * len(doc)
    depth_low = 0  # open „ (German low quote) waiting for “
    depth_guil = {"»": 0, "«": 0}
    straight_open = {'"': False, "'": False}
    for tok in doc:
        t = tok.text
        before = tok.i == 0 or doc[tok.i - 1].whitespace_ != "" or doc[tok.i - 1].is_space
        after = tok.whitespace_ != "" or tok.i == len(doc) - 1 or doc[tok.i + 1].is_space
        nxt_punct = tok.i + 1 < len(doc) and doc[tok.i + 1].is_punct and doc[tok.i + 1].text not in OPENING
        if tok.is_space and "\n\n" in t:  # paragraphs reset unbalanced marks
            depth_low = 0
            depth_guil = {"»": 0, "«": 0}
            straight_open = {'"': False, "'": False}
        if t == "„" or t == "‚":
            roles[tok.i] = "open"
            depth_low += 1
        elif t == "“":
            if depth_low > 0:  # German „…“
                roles[tok.i] = "close"
                depth_low -= 1
            elif before and not after:  # English “…”
                roles[tok.i] = "open"
            else:
                roles[tok.i] = "close"
        elif t in ("»", "«"):
            other = "«" if t == "»" else "»"
            if depth_guil[other] > 0:
                roles[tok.i] = "close"
                depth_guil[other] -= 1
            elif before and not after:
                roles[tok.i] = "open"
                depth_guil[t] += 1
            else:
                roles[tok.i] = "close"
        elif t in ('"', "'"):
            if t == "'" and not before and not after:
                continue  # apostrophe inside a word
            if straight_open[t] and (after or nxt_punct or not before):
                roles[tok.i] = "close"
                straight_open[t] = False
            elif before and not after:
                roles[tok.i] = "open"
                straight_open[t] = True
            elif straight_open[t]:
                roles[tok.i] = "close"
                straight_open[t] = False
            elif t == '"':
                roles[tok.i] = "open" if not after else "close"
                straight_open[t] = roles[tok.i] == "open"
        elif t in OPENING:
            roles[tok.i] = "open"
        elif t in CLOSING:
            roles[tok.i] = "close"
    return roles


def _starts_sentence(tok: Token) -> bool:
    """Can `tok` begin a new sentence after final punctuation?"""
    t = tok.text
    if not t:
        return False
    first = t[0]
    return first.isupper() or first.isdigit() or not first.isalnum()


def _abbreviation_period(doc: Doc, i: int) -> bool:
    """Is the period at `i` part of an initial ("F. Gary") or an ordinal date ("3. Oktober")?"""
    if i == 0 or doc[i - 1].whitespace_:
        return False
    prev = doc[i - 1].text
    nxt = doc[i + 1].text.lower() if i + 1 < len(doc) else ""
    if len(prev) == 1 and prev.isalpha() and prev.isupper():
        return True
    return prev.isdigit() and len(prev) <= 2 and nxt.rstrip(".") in MONTHS


def segment(doc: Doc, partial: bool = False) -> list[bool | None]:
    """Return is_sent_start for every token.

    With `partial`, only decided positions are set (True at rule boundaries, False inside quotes and
    right after quotation marks and abbreviations); the rest stay None for a statistical parser.
    """
    n = len(doc)
    starts: list[bool | None] = [None if partial else False] * n
    if n == 0:
        return starts
    roles = _quote_roles(doc)
    starts[0] = True
    if partial:
        depth = 0
        for k, role in enumerate(roles):
            if role == "close" or (k > 0 and roles[k - 1] == "open"):
                starts[k] = False  # never start at a closing mark or right after an opening one
            depth += (role == "open") - (role == "close")
            if depth > 0 and role == "" and k > 0 and doc[k - 1].text not in FINAL:
                starts[k] = False  # inside a quote, only final punctuation ends a sentence
    i = 0
    while i < n:
        tok = doc[i]
        if tok.is_space and "\n" in tok.text:
            j = i + 1
            if j < n:
                starts[j] = True
            i += 1
            continue
        is_final = tok.text in FINAL or (tok.text.endswith((".", "!", "?")) and tok.text[:-1] in FINAL)
        if tok.text == "." and _abbreviation_period(doc, i):
            is_final = False
            if partial and i + 1 < n:
                starts[i + 1] = False
        if not is_final:
            i += 1
            continue
        # Closing marks and further final punctuation belong to this sentence.
        j = i + 1
        while j < n and (roles[j] == "close" or doc[j].text in FINAL):
            j += 1
        k = j
        while k < n and doc[k].is_space and "\n" not in doc[k].text:
            k += 1
        if k >= n:
            break
        nxt = doc[k]
        if doc[k].is_space:  # a line break: handled above
            i = k
            continue
        if roles[k] == "open" or _starts_sentence(nxt) and nxt.text not in {",", ";", ":", "-", "–", "—"}:
            if roles[k] == "close":
                i = k
                continue
            starts[k] = True
        elif partial:
            starts[k] = False  # `„…“, sagte er` / lower-case continuation
        i = k
    return starts


@Language.factory("kiebitz_sentences", default_config={"partial": False})
def make_sentences(nlp: Language, name: str, partial: bool):  # noqa: ANN201 - spaCy factory
    """Set sentence starts before the parser, which respects them (`partial`: leave open cases to it)."""

    def sentences(doc: Doc) -> Doc:
        for tok, start in zip(doc, segment(doc, partial), strict=True):
            tok.is_sent_start = start
        return doc

    return sentences
