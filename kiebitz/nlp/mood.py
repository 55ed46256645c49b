"""German verbal morphology: mood (Konjunktiv I/II vs indicative), verb form, person and number.

Konjunktiv I is recognised from the paradigm: the form equals the infinitive stem + -e/-est/-et
("habe", "nachdenke", "könne") or is a form of "sein" ("sei", "seien"). Forms identical to an
indicative ("ich habe", "sie haben") are marked Ind: only forms that cannot be indicative count.
"""

from __future__ import annotations

from .resources import konjunktiv2

# Verbs whose 1st person singular indicative differs from stem+e ("ich kann" vs "könne").
_DISTINCT_1SG = {"können", "müssen", "sollen", "wollen", "dürfen", "mögen", "wissen", "sein"}
_SEIN_SUB = {"sei": ("3", "Sing"), "seiest": ("2", "Sing"), "seist": ("2", "Sing"), "seien": ("3", "Plur"),
             "seiet": ("2", "Plur")}
_CLAUSE_BREAK = {",", ";", ":", "und", "oder", "aber", "dass", "daß", "ob", "weil", "wenn", '"', "„", "“", "»", "«"}


def _stem(lemma: str) -> str | None:
    """Infinitive stem: 'haben' -> 'hab', 'ändern' -> 'änder'."""
    if lemma.endswith("en"):
        return lemma[:-2]
    if lemma.endswith(("ern", "eln")):
        return lemma[:-1]
    return None


def verb_features(text: str, lemma: str, tag: str, first_person_subject: bool) -> dict[str, str]:
    """Morphological features of a German verb token given its STTS tag and lemma."""
    feats: dict[str, str] = {}
    if not tag.startswith("V"):
        return feats
    low = text.lower()
    lem = lemma.lower()
    if tag.endswith("INF") or tag.endswith("IZU"):
        feats["VerbForm"] = "Inf"
        # An "infinitive" not ending in -n ("nachdenke") or a form of "sein" like "seien" is a
        # mis-tagged finite verb: analyse it as finite.
        if not ((lem == "sein" and low in _SEIN_SUB) or not low.endswith("n")):
            return feats
    if tag.endswith("PP"):
        return {"VerbForm": "Part"}
    if tag.endswith("IMP"):
        return {"Mood": "Imp", "VerbForm": "Fin"}
    feats = {"VerbForm": "Fin", "Mood": "Ind"}
    if lem == "sein" and low in _SEIN_SUB:
        person, number = _SEIN_SUB[low]
        if first_person_subject and person == "3":
            person = "1"
        return {**feats, "Mood": "Sub", "Person": person, "Number": number}
    k2 = konjunktiv2().get(low)
    if k2 is not None:
        _lemma, person, number = k2
        if person == "1|3":
            person = "1" if first_person_subject else "3"
        return {**feats, "Mood": "Sub", "Person": person, "Number": number}
    stem = _stem(lem)
    if stem:
        if low == stem + "e":
            if first_person_subject:
                if lem in _DISTINCT_1SG:
                    return {**feats, "Mood": "Sub", "Person": "1", "Number": "Sing"}
                return {**feats, "Person": "1", "Number": "Sing"}
            return {**feats, "Mood": "Sub", "Person": "3", "Number": "Sing"}
        if low == stem + "est":
            return {**feats, "Mood": "Sub", "Person": "2", "Number": "Sing"}
        if low == stem + "en":
            return {**feats, "Number": "Plur"}
        if low.endswith("st"):
            return {**feats, "Person": "2", "Number": "Sing"}
        if low.endswith("t") and not stem.endswith(("t", "d")) and low == stem + "t":
            return {**feats, "Person": "3", "Number": "Sing"}
    return feats


def first_person_in_clause(words: list[str], i: int) -> bool:
    """Is there an "ich" in the clause around position `i` (bounded by commas, conjunctions, quotes)?"""
    for step in (-1, 1):
        j = i + step
        while 0 <= j < len(words) and words[j].lower() not in _CLAUSE_BREAK and abs(j - i) <= 6:
            if words[j].lower() == "ich":
                return True
            j += step
    return False
