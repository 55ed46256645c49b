"""Speaker phrases the plain noun-phrase tests miss: appositions, relative clauses, English subjects."""

from __future__ import annotations

from .clauses import Sentence


def apposition_speaker(sent: Sentence, i: int) -> tuple[int, int] | None:
    """"Rebecca Stone, the bank's governor, said" / "Die Sprecherin der Stadt, Anna Berger, sagte": both parts."""
    toks = sent.toks
    if i < 4 or toks[i - 1].text != ",":
        return None
    c1 = next((n for n in range(i - 2, 0, -1) if toks[n].text == ","), None)
    if c1 is None or i - c1 > 9 or any(sent.quoted[c1:i]):
        return None
    sp = sent.np_before(c1)
    if sp is None:
        return None
    if relative(sent, c1 + 1) or sent.tags is not None and (sent.tags[c1 + 1] or "") in ("VBG", "VBN"):
        return sp  # "Der Präsident, der am Montag eintraf, sagte" / "Clinton, speaking in Ohio, said": the head
    return sp[0], toks[i - 2].end


EN_ADVERBS = {"also", "then", "later", "again", "further", "previously", "once", "still", "now", "recently",
              "often", "never", "already", "too"}


def english_subject(sent: Sentence, i: int) -> tuple[int, int] | None:
    """English subjects the plain phrase test misses: "He also said", "Sen. X (R-Ky.) said",
    "In a statement, the company said"."""
    toks = sent.toks
    k = i
    while k > 1 and (toks[k - 1].text.lower() in EN_ADVERBS or toks[k - 1].text.lower().endswith("ly")
                     and (sent.tags is None or (sent.tags[k - 1] or "").startswith("RB"))):
        k -= 1  # "He also said", "Smith repeatedly said"
    if k < i and (sp := sent.np_before(k)) is not None:
        return sp
    if k >= 3 and toks[k - 1].text == ")":  # "Sen. Mitch McConnell (R-Ky.) said"
        open_ = next((n for n in range(k - 2, 0, -1) if toks[n].text == "("), None)
        if open_ is not None and k - open_ <= 8 and (sp := sent.np_before(open_)) is not None:
            return sp
    comma = next((n for n in range(k - 1, 0, -1) if toks[n].text == ","), None)
    if comma is not None and k - comma >= 2 and not any(sent.quoted[:k]):
        # "In a statement, the company said" / "Speaking to reporters, Smith said"
        return sent.np_before(k, comma + 1)
    return None


RELATIVE = {"der", "die", "das", "den", "dem", "deren", "dessen", "denen", "who", "which", "that", "whose"}


def relative(sent: Sentence, k: int) -> bool:
    """Whether toks[k] starts a relative clause ("…, der am Montag eintraf, …", "…, who …")."""
    toks = sent.toks
    if k >= len(toks) or toks[k].text.lower() not in RELATIVE:
        return False
    if sent.tags is not None and sent.tags[k]:
        # The trained German tagger often reads a relative "der" after a comma as a demonstrative
        # (PDS); after a comma the relative reading is by far the commoner one.
        after_comma = k > 0 and toks[k - 1].text == ","
        return sent.tags[k] in ("PRELS", "PRELAT", "WP", "WDT", "WP$") or (after_comma and sent.tags[k] == "PDS")
    nxt = toks[k + 1].text if k + 1 < len(toks) else ""
    return sent.lang == "en" or not (nxt[:1].isupper() or nxt.endswith(("e", "en", "er", "es", "em")))


def relative_speaker(sent: Sentence, i: int) -> tuple[int, int] | None:
    """"…, erklärte Innenminister Seehofer, der sagte, …": the antecedent before "der" speaks."""
    toks = sent.toks
    if i < 3 or toks[i - 2].text != "," or not relative(sent, i - 1):
        return None
    j = i - 3
    while j > 0 and i - 3 - j < 6 and not sent.quoted[j - 1] and (
            toks[j - 1].text[:1].isupper() or toks[j - 1].text.lower() in {"der", "die", "das", "des", "den",
                                                                            "dem", "von", "the", "of"}):
        j -= 1
    while j < i - 3 and toks[j].text.lower() in {"von", "of"}:
        j += 1  # "Kritik kam von Seehofer, der sagte": the phrase after the preposition
    if not toks[i - 3].text[:1].isupper() or sent.quoted[i - 3]:
        return None
    return sent.tagged_np(j, i - 3)


def relative_subject(sent: Sentence, i: int) -> tuple[int, int] | None:
    """"The minister, who arrived on Monday, said …" / "Der Minister, der am Montag eintraf, sagte der Zeitung, …":
    a phrase with a relative clause that closes right before the cue is the cue's subject (not content before it)."""
    toks = sent.toks
    if i < 4 or toks[i - 1].text != "," or sent.quoted[i - 1]:
        return None
    comma = next((n for n in range(1, i - 2) if toks[n].text == "," and not sent.quoted[n]), None)
    if comma is None or not relative(sent, comma + 1) or any(sent.quoted[:comma]) or sent.clause_like(0, comma):
        return None
    return sent.np_before(comma)
