"""HanTa-based German tagging: STTS tags, UPOS, lemmas and verbal morphology (a spaCy component)."""

from __future__ import annotations

from collections.abc import Collection
from functools import cache
from itertools import product
from typing import Any

from spacy.attrs import DEP, IS_SPACE, LEMMA, MORPH, POS, TAG
from spacy.language import Language
from spacy.parts_of_speech import NAMES
from spacy.tokens import Doc, Span, Token

from . import columns
from .columns import sentence_bounds, strings
from .mood import first_person_in_clause, verb_features
from .resources import stts_to_upos, upos_by_tag

_POS_NAMES = {int(k): v for k, v in NAMES.items()}  # univ_pos id -> name, as Token.pos_ gives it
_QUOTES = {"„", "“", "”", "»", "«", "‚", "‘", "’", "‹", "›", "'"}
_PUNCT_TAG = {",": "$,", ".": "$.", "!": "$.", "?": "$.", ":": "$.", ";": "$.", "…": "$."}


@cache
def hanta() -> Any:
    """The HanTa German tagger (loaded once; the model ships with the HanTa package)."""
    from HanTa import HanoverTagger as ht

    return ht.HanoverTagger("morphmodel_ger.pgz")


def _stts(tag: str) -> str:
    """HanTa writes 'VA(FIN)', 'ADJ(A)'; STTS is 'VAFIN', 'ADJA'."""
    tag = tag.replace("(", "").replace(")", "")
    return {"NNA": "NN", "NNI": "NN", "PROAV": "PROAV"}.get(tag, tag)


def tag_tokens(words: list[str]) -> list[tuple[str, str]]:
    """(lemma, STTS tag) per word of one sentence."""
    clean = ['"' if w in _QUOTES else w for w in words]
    out = []
    for word, (_w, lemma, tag) in zip(words, hanta().tag_sent(clean, taglevel=1), strict=True):
        tag = _stts(tag)
        if not any(ch.isalnum() for ch in word):
            tag = _PUNCT_TAG.get(word, "$(")
            lemma = word
        elif tag in ("NE", "FM", "XY") or word.isupper():
            lemma = word  # HanTa lower-cases unknown names ("USA" -> "Usa")
        out.append((lemma, tag))
    return out


# Every spelling whose lower case is "ich" (no other character lower-cases to "i", "c" or "h"): a sentence
# without one has no first-person clause, and first_person_in_clause need not scan it.
_ICH = frozenset("".join(chars) for chars in product("iI", "cC", "hH"))


# (morph key, text, lemma, tag, first person) -> (the verb's FEATS string, its morph key): the result depends
# on nothing else, and a news article repeats its verb forms. Keys are hashes of the normalised FEATS string
# (the same in every vocab); the string is what is set. Bounded: cleared when full.
_MORPH: dict[tuple[int, str, str, str, bool], tuple[str, int]] = {}
_MAX_MORPH = 100_000


def _verb_morph(tok: Token, feats: dict[str, str]) -> str:
    """The token's morphology with the verb features `feats` merged in, as a FEATS string."""
    merged = {**tok.morph.to_dict(), **feats}
    if feats.get("Mood") == "Sub" or feats.get("VerbForm") != "Fin":
        merged.pop("Tense", None)  # a statistical Tense on a subjunctive/non-finite form misleads
    if feats.get("VerbForm") != "Fin":
        for key in ("Mood", "Person", "Number"):
            if key not in feats:
                merged.pop(key, None)
    return "|".join(f"{k}={v}" for k, v in sorted(merged.items()))


def set_morph(doc: Doc) -> None:
    """Set verbal morphology (Mood, VerbForm, Person, Number) from tags and lemmas."""
    tags = strings(doc, TAG)
    verbs = [i for i, tag in enumerate(tags) if tag.startswith("V")]
    if not verbs:
        return
    texts, lemmas, morphs = columns.texts(doc), strings(doc, LEMMA), doc.to_array(MORPH).tolist()
    ich = [k for k, text in enumerate(texts) if text in _ICH]
    nv = 0
    for start, end in sentence_bounds(doc):
        if nv == len(verbs):
            break
        if verbs[nv] >= end:
            continue
        words = texts[start:end]
        first = any(start <= k < end for k in ich)
        while nv < len(verbs) and verbs[nv] < end:
            i = verbs[nv]
            nv += 1
            first_person = first and first_person_in_clause(words, i - start)
            key = (morphs[i], texts[i], lemmas[i], tags[i], first_person)
            done = _MORPH.get(key)
            if done is None:
                feats = verb_features(texts[i], lemmas[i], tags[i], first_person)
                if not feats:
                    continue
                tok = doc[i]
                feats_string = _verb_morph(tok, feats)
                tok.set_morph(feats_string)
                if len(_MORPH) > _MAX_MORPH:
                    _MORPH.clear()
                _MORPH[key] = (feats_string, tok.morph.key)
            elif done[1] != morphs[i]:  # setting the morphology the token already has changes nothing
                doc[i].set_morph(done[0])


def _annotate(sent: list[Token]) -> None:
    words = [t.text for t in sent if not t.is_space]
    tags = iter(tag_tokens(words)) if words else iter(())
    upos = stts_to_upos()
    for tok in sent:
        if tok.is_space:
            tok.tag_, tok.pos_, tok.lemma_ = "_SP", "SPACE", tok.text
            continue
        lemma, tag = next(tags)
        tok.tag_ = tag
        tok.lemma_ = lemma
        if not tok.pos_ or tok.pos_ == "":
            tok.pos_ = upos.get(tag, "X")


@Language.component("kiebitz_hanta")
def hanta_component(doc: Doc) -> Doc:
    """Tag, lemmatise and set verb morphology with HanTa, sentence by sentence."""
    for sent in doc.sents:
        _annotate(list(sent))
    set_morph(doc)
    return doc


@Language.component("kiebitz_mood")
def mood_component(doc: Doc) -> Doc:
    """Verb morphology (Mood incl. Konjunktiv I, VerbForm, Person, Number) from tags and lemmas."""
    set_morph(doc)
    return doc


# UD German marks a form of sein/haben/werden or a modal as AUX only where it is an auxiliary or a
# copula; as a full verb ("Er hat ein Auto") it is VERB. Predicative and adverbial adjectives (STTS ADJD)
# are ADJ. Counted on GSD test (training data): ADJD → ADJ 401 of 413; VAFIN AUX 458 (all aux/cop), VERB 77.
_AUX_TAGS = frozenset({"VAFIN", "VAINF", "VAIMP", "VAPP", "VMFIN", "VMINF", "VMPP"})
_AUX_DEPS = frozenset({"aux", "aux:pass", "cop"})


_NONFINITE = frozenset({"VVPP", "VVINF", "VVIZU", "VAPP", "VAINF", "VMPP", "VMINF"})


_PREDICATE_DEPS = frozenset({"obj", "iobj", "xcomp", "ccomp"})
_PREDICATE_TAGS = frozenset({"ADJD", "ADJA", "CARD"})
_PLACE_TAGS = frozenset({"ADV", "PROAV", "PWAV"})


def _full_verb(tok: Token, nonfinite_child: bool) -> bool:
    """A form of haben/werden/a modal heading its clause with no verb of its own below it; "sein" heading
    its clause with a place or time but no predicate ("Ich war heute da", "…, die in der Stadt sind")."""
    # A misparse often hangs the participle under the auxiliary. A form of "sein" heading its clause is
    # often a copula whose predicate the parser attached the wrong way round (an object, a clausal
    # complement, an adjective or number below it); without one, but with an oblique or an adverb, it is
    # UD's full verb "sein" (there, existing): GSD test, as the model parses it, VERB 22 of 24 such tokens.
    if tok.lemma_ == "sein":
        children = [c for c in tok.children if c.dep_ != "punct"]
        if nonfinite_child or any(c.dep_ in _PREDICATE_DEPS or c.tag_ in _PREDICATE_TAGS for c in children):
            return False
        return any(c.dep_ == "obl" or (c.dep_ == "advmod" and c.tag_ in _PLACE_TAGS) for c in children)
    return not nonfinite_child


# The tagger (STTS, also taught by HanTa's silver tags) and the morphologizer (UPOS, gold GSD/PUD only) are
# separate heads; where the morphologizer's UPOS is one the treebank (GSD test) almost never gives the
# tagger's STTS tag (< 5% of at least 20 tokens: "ADJA" read as NOUN, "VVFIN" as ADV, "APPR" as CCONJ), the
# tag wins: the UPOS the treebank gives that word under that tag, else the tag's commonest UPOS.
# On GSD dev (development set) UPOS 0.9345 -> 0.9372 with the model of session 2.
_RARE_SHARE = 0.05
_MIN_TAG_COUNT = 20

# GSD's own conventions for single words: where GSD test gives a (tag, word) one UPOS in at least 80% of at
# least 2 tokens, that UPOS is GSD's convention for the word and wins over the morphologizer, which also learnt
# from PUD's conventions (weekdays: GSD test 43 of 43 PROPN, PUD NOUN; months 30 of 37 PROPN as a class, see
# `upos_classes_de.tsv`; "dies" PDS 12 of 12 DET; "anderen" ADJA 13 of 13 DET; "um" KOUI 11 of 11 ADP).
# Not for auxiliaries and modals, whose AUX/VERB split depends on the parse (below). The tagger (taught by
# HanTa, i.e. TIGER) and GSD draw the ADJD/ADV line differently for some words ("wirklich": GSD test ADV 9 of
# 9, our tagger ADJD): a word absent under its own tag takes the convention of the other tag of the pair.
# On GSD dev (development set) UPOS errors 692 -> 630 (0.9438 -> 0.9488; 67 fixed, 5 broken; the fast candidate model 692 -> 635).
# _NAME_TAG: a token the tagger tags NE (a name) and the morphologizer reads as NOUN is PROPN, unless GSD gives
# the word NOUN under NE. GSD test: NE is PROPN 760 of 815 times (NOUN 44, 5.4%: just above _RARE_SHARE).
# The tagger knows HanTa's lexicon of common nouns; the morphologizer reads unknown capitalised names
# ("Cuxhaven", "Veba", "Fresenius") as nouns. On GSD dev 23 such tokens fixed, 7 broken ("Wellness", "Spa").
_CONVENTION_MIN = 2
_CONVENTION_SHARE = 0.8
_TAG_PAIRS = {"ADJD": "ADV", "ADV": "ADJD"}


@cache
def _tag_upos() -> tuple[dict[str, tuple[str, frozenset[str]]], dict[tuple[str, str], str], dict[tuple[str, str], str]]:
    """STTS tag -> (commonest UPOS, UPOS values it takes in >= 5% of cases); (tag, word) -> commonest UPOS;
    (tag, word) -> GSD's convention (the commonest UPOS of a word seen often and consistently enough)."""
    pairs, counted = upos_by_tag()
    table = {}
    for tag, counts in pairs.items():
        total = sum(counts.values())
        if total >= _MIN_TAG_COUNT:
            common = max(counts, key=lambda u: counts[u])
            table[tag] = (common, frozenset(u for u, n in counts.items() if n / total >= _RARE_SHARE))
    words = {key: upos for key, (upos, _n, _total) in counted.items()}
    conventions = {key: upos for key, (upos, n, total) in counted.items()
                   if total >= _CONVENTION_MIN and n / total >= _CONVENTION_SHARE and key[0] not in _AUX_TAGS}
    for (tag, word), upos in list(conventions.items()):
        other = _TAG_PAIRS.get(tag)
        if other and (other, word) not in counted:
            conventions[(other, word)] = upos
    return table, words, conventions


def _heads_with_child(deps: list[str], heads: list[int], labels: Collection[str]) -> set[int]:
    """Tokens with a dependent (not themselves) whose label is one of `labels`."""
    return {heads[j] for j, dep in enumerate(deps) if dep in labels and heads[j] != j}


def _harmonize_deps(doc: Doc, deps: list[str], heads: list[int]) -> None:
    """UD German GSD's label conventions where the training treebanks disagree or the parser is loose:
    PUD's "flat:name" is GSD's "flat" (GSD test: 223 flat, 1 flat:name; PUD: 4 flat, 164 flat:name), and the
    subject of a verb with a passive auxiliary ("wurde ... festgenommen") is "nsubj:pass", as UD defines it.
    `deps` (the doc's labels) is updated with the doc."""
    passive = _heads_with_child(deps, heads, ("aux:pass",))
    for i, dep in enumerate(deps):
        if dep == "flat:name":
            new = "flat"
        elif dep == "nsubj" and heads[i] in passive:
            new = "nsubj:pass"
        else:
            continue
        doc[i].dep_ = deps[i] = new


def _verbs_read_as_adjectives(doc: Doc, deps: list[str], heads: list[int], tags: list[str]) -> None:
    """A Konjunktiv I verb the tagger read as an attributive adjective ("…, sein Land plane Operationen":
    stem + "-e" is an adjective ending too) is a finite verb when the parser gives it a subject: an attributive
    adjective never has a subject of its own. Tag, UPOS, lemma and mood follow (reported speech needs them).
    Indicative past forms ("kündigte") are left as tagged. `tags` (the doc's tags) is updated with the doc."""
    from .lemmas import lemmatize

    with_subject = _heads_with_child(deps, heads, ("nsubj", "nsubj:pass"))
    with_copula = _heads_with_child(deps, heads, ("cop",))
    for i in sorted(with_subject):
        if tags[i] != "ADJA" or i in with_copula:
            continue  # not an adjective, or a predicative adjective with its copula
        tok = doc[i]
        lemma = lemmatize(tok.text, "VVFIN")
        sent = tok.sent
        words = [t.text for t in sent]
        feats = verb_features(tok.text, lemma, "VVFIN", first_person_in_clause(words, tok.i - sent.start))
        if feats.get("Mood") != "Sub":
            continue
        tok.tag_, tok.pos_, tok.lemma_ = "VVFIN", "VERB", lemma
        tags[i] = "VVFIN"
        tok.set_morph("|".join(f"{k}={v}" for k, v in sorted(feats.items())))


def _preterite_lemma(form: str) -> str | None:
    """The verb whose weak past form this is ("dankte", "appellierten", "änderte" -> "danken", ...), or None.

    The form must be the verb's stem + "(e)te(n)" and the verb one kiebitz knows: "letzte", "rechte",
    "geplante" have no such verb; "weitere" is no past form of "weiten"."""
    from .lemmas import lemmatize, verb_lemmas

    lemma = lemmatize(form, "VVFIN")
    low = lemma.lower()
    if low not in verb_lemmas():
        return None
    stem = low[:-2] if low.endswith("en") else low[:-1] if low.endswith(("ln", "rn")) else None
    if stem is None:
        return None
    # A separable verb's particle stands apart in a main clause ("kündigte … an"): the lemma may be the bare verb.
    return lemma if form.lower() in {stem + e for e in ("te", "ete", "ten", "eten")} else None


# Tags before an attributive adjective: articles, determiners, prepositions, other attributes, numbers.
_ATTRIBUTE_LEFT = frozenset({"ART", "PDAT", "PPOSAT", "PIAT", "PIDAT", "PWAT", "PRELAT", "APPR", "APPRART",
                             "ADJA", "ADJD", "ADV", "CARD", "PTKA"})
_COORDINATORS = frozenset({"und", "oder", "sowie", "aber"})


def _past_verbs_read_as_adjectives(doc: Doc, deps: list[str], heads: list[int], tags: list[str]) -> None:
    """A weak past verb the tagger read as an attributive adjective ("kündigte", "appellierte", "dankte":
    stem + "-te" is an adjective ending too) is a finite verb (VVFIN, past) where an adjective cannot be:
    (1) the parser already made it a clause's head (the root, or with a subject or separable particle of its
    own: "Die Regierung kündigte Strafzölle an"); (2) it is the second of two coordinated verbs and the parser
    hung it on the noun after it ("begrüßte die Einigung und dankte Katar für …": "dankte" amod of "Katar",
    "Katar" a conjunct of "Einigung") — nothing stands before it that an attribute needs (article,
    preposition, another adjective), so it becomes a conjunct of the first verb and the noun its object.
    `deps`, `heads` and `tags` (the doc's columns) are updated with the doc."""
    with_clause_child = _heads_with_child(deps, heads, ("nsubj", "nsubj:pass", "compound:prt"))
    with_copula = _heads_with_child(deps, heads, ("cop",))
    for i, tag in enumerate(tags):
        if tag != "ADJA" or i in with_copula:
            continue
        tok = doc[i]
        if not tok.text[:1].islower() or (lemma := _preterite_lemma(tok.text)) is None:
            continue
        clause_head = heads[i] == i or i in with_clause_child
        if not clause_head and not _coordinated_verb(doc, i, deps, heads, tags):
            continue
        tok.tag_, tok.pos_, tok.lemma_ = "VVFIN", "VERB", lemma
        tags[i] = "VVFIN"
        sent = tok.sent
        first = first_person_in_clause([t.text for t in sent], tok.i - sent.start)
        tok.set_morph(_verb_morph(tok, verb_features(tok.text, lemma, "VVFIN", first)))


def _coordinated_verb(doc: Doc, i: int, deps: list[str], heads: list[int], tags: list[str]) -> bool:
    """Re-attach "und <verb> <noun>" where the verb was parsed as the noun's attribute (see above); True if done."""
    h = heads[i]
    if deps[i] != "amod" or h != i + 1 or tags[h] not in ("NE", "NN") or i < 2:
        return False
    if doc[i - 1].lower_ not in _COORDINATORS or tags[i - 2] in _ATTRIBUTE_LEFT:
        return False  # "der alte und geschlossene Flughafen": coordinated attributes
    verb, steps = heads[h], 0
    while tags[verb] not in _FINITE and heads[verb] != verb and steps < 4:
        verb, steps = heads[verb], steps + 1
    if tags[verb] not in _FINITE or verb > i:
        return False
    tok, noun = doc[i], doc[h]
    tok.head, tok.dep_ = doc[verb], "conj"
    noun.head, noun.dep_ = tok, "obj"
    heads[i], deps[i], heads[h], deps[h] = verb, "conj", i, "obj"
    if heads[i - 1] == h:
        doc[i - 1].head, heads[i - 1] = tok, i
    return True


# What may stand between an article and its noun in an extended attribute ("die für den Bezirk zuständige
# Behörde"): prepositions, articles, nouns, adjectives, adverbs, numbers, particles.
_ATTRIBUTE_POS = frozenset({"ADP", "DET", "NOUN", "PROPN", "ADJ", "ADV", "NUM", "PART"})
_FINITE = frozenset({"VVFIN", "VAFIN", "VMFIN"})


def _join_split_noun_phrases(doc: Doc, tags: list[str]) -> None:
    """An article the parser hangs on a verb by itself, with its noun after an extended attribute as a
    second dependant of the same verb ("teilte die für den Bezirk zuständige Behörde mit": "die" nsubj,
    "Behörde" obj): an article alone is no argument, so the noun takes the article's relation and the
    article becomes its determiner. Only where the attribute ends in an adjective right before the noun."""
    for i in [i for i, tag in enumerate(tags) if tag == "ART"]:  # Token objects for articles only
        art = doc[i]
        if art.dep_ == "det" or art.head.pos_ not in ("VERB", "AUX") or list(art.children):
            continue
        for tok in doc[art.i + 1:art.sent.end]:
            if tok.pos_ in ("NOUN", "PROPN") and doc[tok.i - 1].tag_ == "ADJA" and tok.i - art.i > 2:
                if tok.head == art.head and tok.dep_ in ("obj", "iobj", "nsubj", "obl"):
                    tok.dep_, art.dep_ = art.dep_, "det"
                    art.head = tok
                break
            if tok.pos_ not in _ATTRIBUTE_POS:
                break


def _pronouns_read_as_articles(doc: Doc, tags: list[str]) -> None:
    """An article right before a lower-case finite verb is a pronoun: after a comma a relative pronoun
    ("Seehofer, der sagte, …"), else a demonstrative ("Der sagte …"); an article always precedes a noun
    phrase. Tagged PRELS / PDS, UPOS PRON, as the statement rules read relative speakers from the tag.
    `tags` (the doc's tags) is updated with the doc."""
    texts = columns.texts(doc)
    for i in range(len(tags) - 1):
        if tags[i] != "ART" or tags[i + 1] not in _FINITE or not texts[i + 1][:1].islower():
            continue
        tok = doc[i]
        relative = i > 0 and texts[i - 1] == ","
        tok.tag_, tok.pos_ = ("PRELS" if relative else "PDS"), "PRON"
        tags[i] = tok.tag_
        feats = {**tok.morph.to_dict(), "PronType": "Rel" if relative else "Dem"}
        tok.set_morph("|".join(f"{k}={v}" for k, v in sorted(feats.items())))


def _infixed_zu_infinitives(doc: Doc, tags: list[str]) -> None:
    """A particle verb with "zu" between particle and verb ("abzuziehen", "anzukündigen") is a zu-infinitive
    (VVIZU) whatever the tagger says: a model may tag it a plain infinitive, and the statement and event rules
    read VVIZU ("kündigte an, die Truppen abzuziehen": the speaker's own announced act). Lemma and VerbForm
    follow. `tags` (the doc's tags) is updated with the doc."""
    from .lemmas import infixed_zu

    texts = columns.texts(doc)
    for i, tag in enumerate(tags):
        if tag not in ("VVINF", "VAINF") or "zu" not in texts[i][1:].lower():
            continue
        base = infixed_zu(texts[i])
        if base is None:
            continue
        tok = doc[i]
        tok.tag_, tok.pos_ = "VVIZU", "VERB"
        tags[i] = "VVIZU"
        if tok.lemma_.lower() != base:
            tok.lemma_ = base
        tok.set_morph(_verb_morph(tok, verb_features(tok.text, base, "VVIZU", False)))


@Language.component("kiebitz_upos")
def upos_component(doc: Doc) -> Doc:
    """UD's AUX/VERB and ADJ conventions applied from the STTS tag and the parse; GSD's dependency labels;
    verbs the tagger read as adjectives, pronouns read as articles, articles split from their noun,
    zu-infinitives read as plain infinitives."""
    if not len(doc):
        return doc
    parsed = doc.has_annotation("DEP")
    tags = strings(doc, TAG)
    deps: list[str] = []
    with_nonfinite: set[int] = set()
    if parsed:
        _join_split_noun_phrases(doc, tags)  # before the label columns are read: it moves labels and heads
        deps, heads = strings(doc, DEP), columns.heads(doc)
        _harmonize_deps(doc, deps, heads)
        _verbs_read_as_adjectives(doc, deps, heads, tags)
        _past_verbs_read_as_adjectives(doc, deps, heads, tags)
    _pronouns_read_as_articles(doc, tags)
    _infixed_zu_infinitives(doc, tags)
    copulas: set[int] = set()
    predicates: set[int] = set()
    if parsed:
        with_nonfinite = {heads[j] for j, tag in enumerate(tags) if tag in _NONFINITE and heads[j] != j}
        # GSD's copula is "sein" alone (GSD test + PUD: 451 of 451 "cop" dependents); what it links to is a
        # predicate, and a participle there is an adjective (GSD test: participles with a "cop" dependent are
        # ADJ 31 of 34 times, 23 of them tagged ADJD; with "sein" as a perfect auxiliary VERB 47 of 47).
        copulas = {j for j, dep in enumerate(deps) if dep == "cop" and heads[j] != j and doc[j].lemma_ == "sein"}
        predicates = {heads[j] for j in copulas}
    texts = columns.texts(doc)
    table, words, conventions = _tag_upos()
    for i, (tag, pos) in enumerate(zip(tags, [_POS_NAMES[p] for p in columns.ints(doc, POS)], strict=True)):
        new = pos
        word = texts[i].lower()
        known = table.get(tag)
        if known and new not in known[1]:
            new = words.get((tag, word), known[0])
        elif tag == "NE" and new == "NOUN":
            new = words.get((tag, word), "PROPN")  # see _NAME_TAG
        convention = conventions.get((tag, word))
        if tag == "PDS" and parsed:
            # A substituting demonstrative standing for a noun phrase ("Das sagte er") is a pronoun, or DET where
            # GSD says so ("dies"); one the parser attaches as a determiner is an attributive one, DET (GSD test:
            # no PDS is a "det"; the attributive PDAT is DET 50 of 51). GSD dev: 2 fixed, none broken.
            new = "DET" if deps[i] == "det" else convention or "PRON"
        elif convention:
            new = convention
        elif tag == "ADJD":
            if new == "ADV":
                new = "ADJ"
        elif tag in _AUX_TAGS and parsed:
            if deps[i] == "cop" and i not in copulas and tags[heads[i]] not in _NONFINITE:
                new = "VERB"  # only "sein" is a copula in GSD: "hatte" hung as one is a full verb
            elif deps[i] in _AUX_DEPS:
                new = "AUX"
            elif new == "AUX" and _full_verb(doc[i], i in with_nonfinite):
                new = "VERB"
        elif tag == "VVPP" and i in predicates:
            new = "ADJ"  # a participle with a copula is a predicative adjective in GSD
        if new != pos:
            doc[i].pos_ = new
    return doc


# A person's name is not counted, nor is a place: "Tausende Israelis", "Hunderte Russen", "zwei Iraker" are
# groups. The NER sometimes labels such a plural noun PER or LOC (GermEval's demonyms are LOCderiv); as ORG
# (a group) the actor and event components code it by its country, as they do for the NER's other groups.
_QUANTITY_LEMMAS = frozenset({"Tausend", "Hundert", "Dutzend", "Million", "Milliarde", "tausend", "hundert",
                              "viel", "zahlreich", "mehrere", "einige", "etliche"})


@Language.component("kiebitz_groups")
def groups_component(doc: Doc) -> Doc:
    """A one-word PER or LOC entity after a number or quantity word ("Tausende Israelis") is a group: ORG."""
    ents = list(doc.ents)
    changed = False
    for n, ent in enumerate(ents):
        if ent.label_ not in ("PER", "LOC") or len(ent) != 1 or ent.start == 0:
            continue
        prev = doc[ent.start - 1]
        quantity = prev.lemma_ in _QUANTITY_LEMMAS or prev.text.lower() in _QUANTITY_LEMMAS
        if ent.label_ == "LOC" and (ent.ent_id_ or not quantity and "Plur" not in ent[0].morph.get("Number")):
            continue  # a known place, or a city after a number ("10117 Berlin"), stays a place
        if prev.tag_ == "CARD" or quantity:
            ents[n] = Span(doc, ent.start, ent.end, label="ORG", kb_id=ent.kb_id_, span_id=ent.id_)
            changed = True
    if changed:
        doc.set_ents(ents)  # as doc.ents = ents, without copying every span first
    return doc


@Language.component("kiebitz_spaces")
def spaces_component(doc: Doc) -> Doc:
    """Whitespace tokens (line breaks) get SPACE analyses and hang on the previous token, as in spaCy's
    own models; the statistical components never saw them in training."""
    if not len(doc):
        return doc
    parsed = doc.has_annotation("DEP")
    for i in doc.to_array([IS_SPACE]).nonzero()[0].tolist():  # only the whitespace tokens
        tok = doc[i]
        tok.tag_, tok.pos_, tok.lemma_ = "_SP", "SPACE", tok.text
        tok.set_morph(None)
        # Only a leaf may move: re-hanging a token that has dependents can close a cycle
        # (its new head may be one of them) and leave the tree invalid (spaCy E039).
        if parsed and i > 0 and not tok.is_sent_start and tok.n_lefts + tok.n_rights == 0 and tok.head.i != i:
            tok.head = doc[i - 1]
            tok.dep_ = "dep"
    return doc
