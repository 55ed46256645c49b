"""Cue tables: verb forms that introduce speech, and source markers ("laut", "according to")."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


@dataclass(frozen=True)
class Cue:
    """A speech verb: its lemma and the particle a finite form needs later in the clause ("fügte ... hinzu")."""

    lemma: str
    particle: str | None
    finite: bool  # finite forms need a particle when one is listed; participles/infinitives contain it


def _rows(name: str) -> list[list[str]]:
    text = resources.files("kiebitz.data").joinpath("statements", name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]


def _german_forms(lemma: str, particle: str | None, pres: str, past: str, part: str) -> dict[str, bool]:
    """Surface form -> whether it is a finite form that leaves a separable particle behind."""
    separable = bool(particle) and lemma.startswith(particle or "")
    base = lemma[len(particle):] if separable and particle else lemma
    past_pl = past + ("n" if past.endswith("e") else "en")
    stem = base[:-2] if base.endswith("en") else base[:-1]
    finite = {pres, past, past_pl, base, stem + "e", stem + "en", stem + "t"}
    forms = {f: separable for f in finite}
    forms[part] = False
    forms[lemma] = False
    if separable and particle:  # verb-final in subordinate clauses: "wie die Polizei mitteilte"
        for f in (pres, past, past_pl, base[:-1] + "n" if base.endswith("en") else base):
            forms[particle + f] = False
    if separable and particle:
        forms[particle + "zu" + base] = False  # "hinzuzufügen"
    return forms


def _add(out: dict[str, list[Cue]], form: str, cue: Cue) -> None:
    """Add a cue for a form, once per lemma."""
    if all(c.lemma != cue.lemma for c in out.setdefault(form, [])):
        out[form].append(cue)


@lru_cache(maxsize=2)
def verb_forms(lang: str) -> dict[str, Cue]:
    """Lower-case surface form -> the first Cue for every cue verb form of `lang`."""
    return {form: cues[0] for form, cues in verb_cues(lang).items()}


@lru_cache(maxsize=2)
def verb_cues(lang: str) -> dict[str, list[Cue]]:
    """Lower-case surface form -> every Cue with that form ("gab": zugeben, bekanntgeben; "wies": hinweisen, …)."""
    out: dict[str, list[Cue]] = {}
    if lang == "de":
        for lemma, particle, pres, past, part in _rows("cues_de.tsv"):
            p = None if particle == "-" else particle
            for form, needs in _german_forms(lemma, p, pres, past, part).items():
                # A particle like "darauf" in "bestehen darauf" is an object, not a separable prefix.
                sep = p if (needs or (p and (not lemma.startswith(p) or " " in lemma))) else None
                _add(out, form.lower(), Cue(lemma, sep, needs))
    else:
        for lemma, particle, forms in _rows("cues_en.tsv"):
            for form in forms.split(","):
                _add(out, form.lower(), Cue(lemma, None if particle == "-" else particle, True))
    return out


@lru_cache(maxsize=2)
def markers(lang: str) -> list[tuple[str, str]]:
    """(type, words) source markers of `lang`, longest first."""
    rows = [(t, w) for row_lang, t, w in _rows("markers.tsv") if row_lang == lang and t != "noun"]
    return sorted(rows, key=lambda r: -len(r[1]))


@lru_cache(maxsize=2)
def source_nouns(lang: str) -> tuple[str, ...]:
    """Nouns that make "nach <noun phrase>" a source ("nach Polizeiangaben", "nach Ansicht des Ministers")."""
    return tuple(w.lower() for row_lang, t, w in _rows("markers.tsv") if row_lang == lang and t == "noun")


@lru_cache(maxsize=2)
def reported_lemmas(lang: str) -> frozenset[str]:
    """Lemmas of speech-act verbs whose object is the reported content."""
    return frozenset(lemma for row_lang, lemma in _rows("reported.tsv") if row_lang == lang)


@lru_cache(maxsize=4)
def vocatives(lang: str) -> tuple[str, ...]:
    """Openers of a form of address ("Liebe", "Meine Damen und Herren", "Ladies and gentlemen"), longest first."""
    return tuple(sorted((w for row_lang, w in _rows("vocatives.tsv") if row_lang == lang), key=len, reverse=True))
