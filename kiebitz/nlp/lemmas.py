"""German lemmas without running HanTa on the hot path.

Lookup order for a (form, STTS tag):
1. the training-time table ``kiebitz/models/de_lemmas.json.gz`` (HanTa's sentence lemmas; forms equal to
   their lemma omitted);
2. the distilled table ``kiebitz/data/nlp/de_lemmas_hanta.tsv.gz``: HanTa's ``analyze(form, tag)`` answer for
   every word of HanTa's own lexicon cache and every (form, predicted tag) of the German training texts,
   identity forms included (built by ``python -m kiebitz.nlp.lemmas build``);
3. verbs: HanTa's answer (cached per process; ~1% of news tokens reach it). The ending rules agree with HanTa
   on only 65% of unseen verb forms, and a wrong verb lemma can turn a past tense into a Konjunktiv ("streifte").
   HanTa does not know the STTS verb tags ("VVFIN"; it writes "VV(FIN)"), so its answer depends on the form
   alone: first the distilled answer for the same form under any tag HanTa ignores ("finanziellen" ADJA for
   "finanziellen" VVFIN) or from ``kiebitz/data/nlp/de_verbs_hanta.tsv.gz`` (HanTa's answers for verb forms
   generated from HanTa's own stems and endings), else ``hanta_fast.FastTagger`` (HanTa's analysis, same
   arithmetic, ~2-3 x faster);
4. other words: an ending rule learned from table 2: the commonest change ("-en" -> "", "-n" -> "") of the
   forms with the same tag and the longest shared ending (participles without their "ge"). HanTa's compound analysis did no better than the ending
   alone (held-out table forms: 0.82 vs 0.84 agreement with HanTa). HanTa itself runs only with
   ``KIEBITZ_LEMMAS_HANTA=1`` (to measure agreement).
"""

from __future__ import annotations

import gzip
import json
import os
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import numpy
from spacy.attrs import IS_SPACE, LEMMA, TAG
from spacy.language import Language
from spacy.tokens import Doc

from . import columns
from .columns import flags, strings
from .german import hanta
from .hanta_fast import FastTagger

MODELS = Path(__file__).resolve().parent.parent / "models"
DISTILLED = Path(__file__).resolve().parent.parent / "data" / "nlp" / "de_lemmas_hanta.tsv.gz"
VERBS = DISTILLED.with_name("de_verbs_hanta.tsv.gz")  # form -> HanTa's lemma under a tag it ignores ("VVFIN")
_KEEP = ("NE", "FM", "XY", "CARD")  # names, foreign words, numbers keep their spelling
_OPEN = ("N", "V", "ADJ", "P", "ART", "APPRART")  # tags whose forms may differ from their lemma
_MAX_SUFFIX = 8  # longest ending used by the suffix rules (8 > 6, 10: leave-one-out on the table)
_ALWAYS_HANTA = os.environ.get("KIEBITZ_LEMMAS_HANTA") == "1"


@cache
def lemma_table() -> dict[str, str]:
    """The shipped lemma table ("form\\ttag" -> lemma; forms equal to their lemma are omitted)."""
    path = MODELS / "de_lemmas.json.gz"
    if not path.exists():
        return {}
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return json.load(fh)


@cache
def distilled_table() -> dict[str, str]:
    """HanTa's lemmas for its lexicon and the training vocabulary ("form\\ttag" -> lemma, identity included)."""
    if not DISTILLED.exists():
        return {}
    out = {}
    with gzip.open(DISTILLED, "rt", encoding="utf-8") as fh:
        for line in fh:
            form, tag, lemma = line.rstrip("\n").split("\t")
            out[f"{form}\t{tag}"] = lemma or form  # an empty lemma column means "same as the form"
    return out


PARTICLES = Path(__file__).resolve().parent.parent / "data" / "nlp" / "separable_particles.txt"


@cache
def separable_particles() -> frozenset[str]:
    """The separable verb particles ("ab", "an", "hinzu", "zurück", ...; data/nlp/separable_particles.txt)."""
    lines = PARTICLES.read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip() for w in lines if w.strip() and not w.startswith("#"))


@cache
def verb_lemmas() -> frozenset[str]:
    """Lower-case lemmas of the verb forms in the lemma tables (the verbs kiebitz knows)."""
    return frozenset(lemma.lower() for table in (distilled_table(), lemma_table()) for key, lemma in table.items()
                     if key.split("\t")[1].startswith("V"))


@lru_cache(maxsize=20_000)
def infixed_zu(word: str) -> str | None:
    """The zu-less infinitive of a zu-infinitive with "zu" after a separable particle ("abzuziehen" ->
    "abziehen", "zuzustimmen" -> "zustimmen"), else None ("zuziehen", "zubereiten", "hinzufügen", "einzuckern").

    The particle must precede "zu" and particle + rest must be a known verb while the word itself is not one;
    where "zu" can end the particle ("hinzu-ziehen", "dazu-lernen") the word is that particle verb's infinitive."""
    low = word.lower()
    if "zu" not in low[1:] or not low.endswith("n") or low in verb_lemmas():
        return None
    particles = separable_particles()
    for k in range(1, len(low) - 4):
        if low[k:k + 2] != "zu" or low[:k] not in particles or low[:k + 2] in particles:
            continue
        base = low[:k] + low[k + 2:]
        if base in verb_lemmas():
            return base
    return None


def _change(form: str, lemma: str) -> tuple[int, str, bool] | None:
    """How a lower-cased form becomes its lemma: (characters cut, ending added, capitalised), or None."""
    low, lem = form.lower(), lemma.lower()
    k = 0
    while k < min(len(low), len(lem)) and low[k] == lem[k]:
        k += 1
    if k < len(low) - _MAX_SUFFIX or k == 0 and low:  # the change reaches into the stem: not a rule
        return None
    return len(low) - k, lem[k:], lemma[:1].isupper()


def _apply(form: str, change: tuple[int, str, bool]) -> str:
    """Apply an ending change to a form."""
    cut, add, upper = change
    low = form.lower()
    lemma = (low[: len(low) - cut] if cut else low) + add
    return lemma[:1].upper() + lemma[1:] if upper else lemma


def _participle_particle(form: str, lemma: str) -> str | None:
    """The separable particle before a participle's "ge" ("ein" in "eingedrückt" -> "eindrücken")."""
    low, lem = form.lower(), lemma.lower()
    for p in range(0, len(low) - 4):
        if low[p:p + 2] == "ge" and lem.startswith(low[:p]) and lem[p:p + 3] == low[p + 2:p + 5]:
            return low[:p]
    return None


@cache
def _particles() -> frozenset[str]:
    """Particles seen before "ge" in the participles of the distilled table ("", "ab", "ein", "zurück" ...)."""
    counts: Counter = Counter()
    for key, lemma in distilled_table().items():
        form, tag = key.split("\t")
        if tag.endswith("PP") and form.isalpha():
            particle = _participle_particle(form, lemma)
            if particle is not None:
                counts[particle] += 1
    return frozenset(p for p, n in counts.items() if n >= 3)


def _strip_ge(form: str, tag: str) -> str:
    """A participle without its "ge" ("eingedrückt" -> "eindrückt"); other forms unchanged."""
    if not tag.endswith("PP"):
        return form
    low = form.lower()
    for p in sorted(_particles(), key=len, reverse=True):
        if low.startswith(p + "ge") and len(low) > len(p) + 4:
            return form[:len(p)] + form[len(p) + 2:]
    return form


@cache
def _endings() -> dict[tuple[str, str], tuple[int, str, bool]]:
    """(tag, last n letters) -> the commonest ending change among distilled-table forms with that ending."""
    counts: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for key, lemma in distilled_table().items():
        form, tag = key.split("\t")
        if not form.isalpha():
            continue
        form = _strip_ge(form, tag)
        change = _change(form, lemma)
        if change is None:
            continue
        low = form.lower()
        for n in range(1, min(_MAX_SUFFIX, len(low) - 1) + 1):
            counts[(tag, low[-n:])][change] += 1
    return {key: c.most_common(1)[0][0] for key, c in counts.items()}


def rule_lemma(form: str, tag: str) -> str:
    """Lemma by the longest known ending of the same tag (a form the tables do not have)."""
    endings = _endings()
    stem = _strip_ge(form, tag)
    low = stem.lower()
    for n in range(min(_MAX_SUFFIX, len(low) - 1), 0, -1):
        change = endings.get((tag, low[-n:]))
        if change is not None:
            return _apply(stem, change) if change[0] < len(low) else form
    return form


def _answer(tagger: Any, form: str, tag: str) -> str:
    """A HanTa tagger's lemma for a form, or the form itself."""
    try:
        lemma, _tag = tagger.analyze(form, pos=tag)
    except Exception:  # HanTa raises on tags it does not know
        return form
    return lemma if lemma and lemma != "UNKNOWN" else form


@lru_cache(maxsize=200_000)
def hanta_lemma(form: str, tag: str) -> str:
    """HanTa's lemma for a form (cached per process)."""
    return _answer(hanta(), form, tag)


@cache
def fast_tagger() -> FastTagger:
    """HanTa with the cheaper morpheme loops (the same answers; shares the loaded HanTa's tables)."""
    return FastTagger(hanta())


@cache
def _untagged() -> dict[str, str]:
    """form -> HanTa's lemma under a tag it ignores: the distilled entries with such a tag, the verb table."""
    known = hanta().tag2int
    out: dict[str, str] = {}
    if VERBS.exists():  # one split instead of a loop over 150,000 lines (~30 ms instead of ~300 ms)
        with gzip.open(VERBS, "rt", encoding="utf-8") as fh:
            cells = fh.read().replace("\t", "\n").split("\n")
        out = dict(zip(cells[0:-1:2], cells[1::2], strict=True))  # lemma "" = the form (see fast_lemma)
    for key, lemma in distilled_table().items():
        form, tag = key.split("\t")
        if tag not in known:
            out[form] = lemma
    return out


@lru_cache(maxsize=200_000)
def fast_lemma(form: str, tag: str) -> str:
    """``hanta_lemma(form, tag)`` by cheaper exact paths (cached per process)."""
    if tag not in hanta().tag2int:  # HanTa tags the form itself and ignores `tag`
        lemma = _untagged().get(form)
        if lemma is not None:
            return lemma or form
    return _answer(fast_tagger(), form, tag)


@lru_cache(maxsize=100_000)  # pure: the tables are static (a news article repeats most of its forms)
def lemmatize(form: str, tag: str) -> str:
    """Lemma of a German token given its STTS tag."""
    if not any(ch.isalpha() for ch in form) or tag in _KEEP or tag.startswith("$") or form.isupper():
        return form
    key = f"{form}\t{tag}"
    lemma = lemma_table().get(key)
    if lemma is not None:
        return lemma
    if not tag.startswith(_OPEN):
        return form
    if _ALWAYS_HANTA:
        return hanta_lemma(form, tag)
    lemma = distilled_table().get(key)
    if lemma is not None:
        return lemma
    if tag.startswith("V"):  # verbs carry mood and event types: HanTa's answer (~1% of tokens, cached)
        return fast_lemma(form, tag)
    return rule_lemma(form, tag)


@Language.factory("kiebitz_lemmas")
def make_lemmas(nlp: Language, name: str):  # noqa: ANN201 - spaCy factory
    """Set token.lemma_ from the tables (or the rules) using the predicted STTS tag."""
    lemma_table(), _endings(), _particles()  # load and learn once, when the pipeline is built

    def lemmas(doc: Doc) -> Doc:
        if not len(doc):
            return doc
        # Columns in, one array write out: no Token object per token. Whitespace tokens keep their lemma.
        add = doc.vocab.strings.add
        values = [old if space else add(lemmatize(text, tag)) for text, tag, space, old in
                  zip(columns.texts(doc), strings(doc, TAG), flags(doc, IS_SPACE), doc.to_array(LEMMA).tolist(),
                      strict=True)]
        doc.from_array([LEMMA], numpy.asarray(values, dtype=numpy.uint64))
        return doc

    return lemmas


# --- build time -------------------------------------------------------------------------------------------


def _hanta_lexicon() -> Iterable[tuple[str, str]]:
    """(form, STTS tag) for every word in HanTa's precomputed lexicon cache and each of its likely tags."""
    from .german import _stts

    h = hanta()
    for word, tags in h.cache.items():
        if not any(ch.isalpha() for ch in word):
            continue
        for tag_id, _logp in tags:
            yield word, _stts(h.int2tag[abs(tag_id)])


def _training_pairs(batch: int = 64) -> Iterable[tuple[str, str]]:
    """(form, predicted STTS tag) of the German training texts, tagged by the shipped pipeline."""
    from . import load
    from .corpora import read_conllu, read_germeval, read_jsonl, shared_data

    data = shared_data()
    texts = [s.text or " ".join(s.words) for s in read_conllu(data / "ud-de" / "de_gsd-ud-test.conllu")]
    texts += [s.text or " ".join(s.words) for s in read_conllu(data / "ud-de" / "de_pud-ud-test.conllu")]
    texts += [" ".join(s.words) for s in read_germeval(data / "ner-de-germeval2014" / "NER-de-test.tsv")]
    for name in ("train.jsonl", "dev.jsonl"):
        texts += [r["text"] for r in read_jsonl(data / "quotes-de-gepade" / name)]
    nlp = load("de")
    names = [n for n in ("tok2vec", "tagger") if n in nlp.pipe_names]
    with nlp.select_pipes(enable=names):
        for doc in nlp.pipe(texts, batch_size=batch):
            for tok in doc:
                if not tok.is_space:
                    yield tok.text, tok.tag_


def build(path: Path = DISTILLED) -> int:
    """Distil HanTa's lemmas into ``path`` (form, tag, lemma; empty lemma = the form); returns the entry count.

    Covers HanTa's lexicon and the training vocabulary (UD GSD test, PUD, GermEval test, GePaDe) as tagged
    by the shipped German model; deterministic (HanTa is). Run after the German model changes.
    """
    pairs: set[tuple[str, str]] = set(_hanta_lexicon())
    known = {(form.lower(), tag) for form, tag in pairs}
    # A capitalised word the model tags as a verb is kept only when the lower-case verb form is attested:
    # "Glauben Sie …" is a verb, "Abriss" tagged VVFIN is a noun the tagger misread (its "verb lemma"
    # "abreißen" would then stand for the noun in every table built from this one).
    pairs.update((form, tag) for form, tag in _training_pairs()
                 if not (form[:1].isupper() and tag.startswith("VV") and (form.lower(), tag) not in known))
    rows = []
    for form, tag in sorted(pairs):
        if (not any(ch.isalpha() for ch in form) or tag in _KEEP or tag.startswith("$") or form.isupper()
                or not tag.startswith(_OPEN) or "\t" in form or "\n" in form):
            continue
        lemma = hanta_lemma(form, tag)
        rows.append(f"{form}\t{tag}\t{'' if lemma == form else lemma}\n")
    path.parent.mkdir(parents=True, exist_ok=True)
    with gzip.GzipFile(path, "wb", mtime=0) as fh:  # mtime 0: byte-identical rebuilds
        fh.write("".join(rows).encode("utf-8"))
    return len(rows)


def _morphemes(*tags: str) -> set[str]:
    """The morphemes of HanTa's lexicon with these HanTa tags ("VV": verb stems, "SUF_PP": participle endings)."""
    h = hanta()
    return {m for tag in tags for m in h.LP_m_t.get(h.tag2int[tag], {})}


def _verb_forms() -> set[str]:
    """Lower-case verb forms generated from HanTa's lexicon: its verb stems with its finite, infinitive and
    imperative endings, its participles ("ge" + stem + ending for the stem classes that take "ge"), and the
    same with the separable particle of every particle verb the lemma tables know ("ein" + "reich":
    "einreicht", "eingereicht", "einzureichen"). Most are not German; a form never met costs only its row."""
    finite = _morphemes("SUF_FIN", "SUF_INF", "SUF_IMP") | {""}
    participle, izu = _morphemes("SUF_PP"), _morphemes("SUF_IZU")
    stems = _morphemes("VV", "VV_VAR", "VVnp", "VVnp_VAR")
    forms = {s + x for s in stems for x in finite}
    forms |= {"ge" + s + x for s in _morphemes("VV", "VV_VAR_PP") for x in participle}
    forms |= {s + x for s in _morphemes("VVnp", "VVnp_VAR_PP") for x in participle}
    particles = _morphemes("PTKVZ_SEP", "PTKVZ_DUBIUM")
    lemmas = {lemma.lower() for table in (distilled_table(), lemma_table()) for key, lemma in table.items()
              if key.split("\t")[1].startswith("V")}
    for lemma in sorted(lemmas):
        for p in particles:
            if not lemma.startswith(p) or len(lemma) <= len(p) + 3:
                continue
            rest = lemma[len(p):]
            stem = next((rest[:-cut] for cut in (2, 1) if rest[:-cut] in stems), None)
            if stem is not None:
                forms |= {p + stem + x for x in finite} | {p + "ge" + stem + x for x in participle}
                forms |= {p + "zu" + stem + x for x in izu}
    return forms


def build_verbs(path: Path = VERBS) -> int:
    """HanTa's lemmas for the generated verb forms into ``path`` (form, lemma; empty lemma = the form), minus
    the forms the distilled table already answers under a tag HanTa ignores; returns the entry count.

    HanTa's own ``analyze`` (not the fast path) under "VVFIN", a tag it ignores: the answer every STTS verb
    tag gets. Needs the distilled table and the model's lemma table; deterministic."""
    known = hanta().tag2int
    done = {key.split("\t")[0] for key in distilled_table() if key.split("\t")[1] not in known}
    rows = []
    for form in sorted(_verb_forms() - done):
        if "\t" in form or "\n" in form:  # not a word, and would break the table's format
            continue
        lemma = hanta_lemma(form, "VVFIN")
        rows.append(f"{form}\t{'' if lemma == form else lemma}\n")
    with gzip.GzipFile(path, "wb", mtime=0) as fh:  # mtime 0: byte-identical rebuilds
        fh.write("".join(rows).encode("utf-8"))
    return len(rows)


if __name__ == "__main__":
    if sys.argv[1:] != ["build"]:
        sys.exit("usage: python -m kiebitz.nlp.lemmas build")
    print(f"{build()} entries -> {DISTILLED}")
    distilled_table.cache_clear()
    print(f"{build_verbs()} entries -> {VERBS}")
