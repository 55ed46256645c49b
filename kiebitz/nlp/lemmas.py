"""German lemmas: a (form, STTS tag) table distilled from HanTa at training time, HanTa for the rest."""

from __future__ import annotations

import gzip
import json
from functools import cache, lru_cache
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from .german import hanta

MODELS = Path(__file__).resolve().parent.parent / "models"
_KEEP = ("NE", "FM", "XY", "CARD")  # names, foreign words, numbers keep their spelling


@cache
def lemma_table() -> dict[str, str]:
    """The shipped lemma table ("form\\ttag" -> lemma; forms equal to their lemma are omitted)."""
    path = MODELS / "de_lemmas.json.gz"
    if not path.exists():
        return {}
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return json.load(fh)


@lru_cache(maxsize=200_000)
def hanta_lemma(form: str, tag: str) -> str:
    """HanTa's lemma for a form it has not seen in the table (cached per process)."""
    try:
        lemma, _tag = hanta().analyze(form, pos=tag)
    except Exception:  # HanTa raises on tags it does not know
        return form
    return lemma if lemma and lemma != "UNKNOWN" else form


def lemmatize(form: str, tag: str) -> str:
    """Lemma of a German token given its STTS tag."""
    if not any(ch.isalpha() for ch in form) or tag in _KEEP or tag.startswith("$") or form.isupper():
        return form
    table = lemma_table()
    key = f"{form}\t{tag}"
    if key in table:
        return table[key]
    if tag.startswith(("N", "V", "ADJ", "P", "ART", "APPRART")):
        return hanta_lemma(form, tag)
    return form


@Language.component("kiebitz_lemmas")
def lemmas_component(doc: Doc) -> Doc:
    """Set token.lemma_ from the table (or HanTa) using the predicted STTS tag."""
    for tok in doc:
        if not tok.is_space:
            tok.lemma_ = lemmatize(tok.text, tok.tag_)
    return doc
