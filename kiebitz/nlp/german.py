"""HanTa-based German tagging: STTS tags, UPOS, lemmas and verbal morphology (a spaCy component)."""

from __future__ import annotations

from functools import cache
from typing import Any

from spacy.attrs import IS_SPACE
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .mood import first_person_in_clause, verb_features
from .resources import stts_to_upos, upos_by_tag

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


def set_morph(doc: Doc) -> None:
    """Set verbal morphology (Mood, VerbForm, Person, Number) from tags and lemmas."""
    texts, tags = [t.text for t in doc], [t.tag_ for t in doc]
    if not any(tag.startswith("V") for tag in tags):
        return
    for sent in doc.sents:
        words = texts[sent.start:sent.end]
        for i in range(sent.start, sent.end):
            if not tags[i].startswith("V"):
                continue
            tok = doc[i]
            feats = verb_features(tok.text, tok.lemma_, tok.tag_, first_person_in_clause(words, i - sent.start))
            if feats:
                merged = {**tok.morph.to_dict(), **feats}
                if feats.get("Mood") == "Sub" or feats.get("VerbForm") != "Fin":
                    merged.pop("Tense", None)  # a statistical Tense on a subjunctive/non-finite form misleads
                if feats.get("VerbForm") != "Fin":
                    for key in ("Mood", "Person", "Number"):
                        if key not in feats:
                            merged.pop(key, None)
                tok.set_morph("|".join(f"{k}={v}" for k, v in sorted(merged.items())))


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


def _full_verb(tok: Token) -> bool:
    """A form of haben/werden/a modal heading its clause with no verb of its own below it."""
    # A misparse often hangs the participle under the auxiliary; a form of "sein" heading its
    # clause is nearly always a copula whose predicate the parser attached the wrong way round.
    if tok.lemma_ == "sein":
        return False
    return not any(child.tag_ in _NONFINITE for child in tok.children)


# The tagger (STTS, also taught by HanTa's silver tags) and the morphologizer (UPOS, gold GSD/PUD only) are
# separate heads; where the morphologizer's UPOS is one the treebank (GSD test) almost never gives the
# tagger's STTS tag (< 5% of at least 20 tokens: "ADJA" read as NOUN, "VVFIN" as ADV, "APPR" as CCONJ), the
# tag wins: the UPOS the treebank gives that word under that tag, else the tag's commonest UPOS.
# On GSD dev (development set) UPOS 0.9345 -> 0.9372 with the model of session 2.
_RARE_SHARE = 0.05
_MIN_TAG_COUNT = 20


@cache
def _tag_upos() -> tuple[dict[str, tuple[str, frozenset[str]]], dict[tuple[str, str], str]]:
    """STTS tag -> (commonest UPOS, UPOS values it takes in >= 5% of cases); (tag, word) -> UPOS."""
    pairs, words = upos_by_tag()
    table = {}
    for tag, counts in pairs.items():
        total = sum(counts.values())
        if total >= _MIN_TAG_COUNT:
            common = max(counts, key=lambda u: counts[u])
            table[tag] = (common, frozenset(u for u, n in counts.items() if n / total >= _RARE_SHARE))
    return table, words


# What may stand between an article and its noun in an extended attribute ("die für den Bezirk zuständige
# Behörde"): prepositions, articles, nouns, adjectives, adverbs, numbers, particles.
_ATTRIBUTE_POS = frozenset({"ADP", "DET", "NOUN", "PROPN", "ADJ", "ADV", "NUM", "PART"})


def _join_split_noun_phrases(doc: Doc) -> None:
    """An article the parser hangs on a verb by itself, with its noun after an extended attribute as a
    second dependant of the same verb ("teilte die für den Bezirk zuständige Behörde mit": "die" nsubj,
    "Behörde" obj): an article alone is no argument, so the noun takes the article's relation and the
    article becomes its determiner. Only where the attribute ends in an adjective right before the noun."""
    for art in doc:
        if art.tag_ != "ART" or art.dep_ == "det" or art.head.pos_ not in ("VERB", "AUX") or list(art.children):
            continue
        for tok in doc[art.i + 1:art.sent.end]:
            if tok.pos_ in ("NOUN", "PROPN") and doc[tok.i - 1].tag_ == "ADJA" and tok.i - art.i > 2:
                if tok.head == art.head and tok.dep_ in ("obj", "iobj", "nsubj", "obl"):
                    tok.dep_, art.dep_ = art.dep_, "det"
                    art.head = tok
                break
            if tok.pos_ not in _ATTRIBUTE_POS:
                break


def _harmonize_deps(doc: Doc) -> None:
    """UD German GSD's label conventions where the training treebanks disagree or the parser is loose:
    PUD's "flat:name" is GSD's "flat" (GSD test: 223 flat, 1 flat:name; PUD: 4 flat, 164 flat:name), and the
    subject of a verb with a passive auxiliary ("wurde ... festgenommen") is "nsubj:pass", as UD defines it."""
    for tok in doc:
        dep = tok.dep_
        if dep == "flat:name":
            tok.dep_ = "flat"
        elif dep == "nsubj" and any(c.dep_ == "aux:pass" for c in tok.head.children):
            tok.dep_ = "nsubj:pass"


def _verbs_read_as_adjectives(doc: Doc) -> None:
    """A Konjunktiv I verb the tagger read as an attributive adjective ("…, sein Land plane Operationen":
    stem + "-e" is an adjective ending too) is a finite verb when the parser gives it a subject: an attributive
    adjective never has a subject of its own. Tag, UPOS, lemma and mood follow (reported speech needs them).
    Indicative past forms ("kündigte") are left as tagged."""
    from .lemmas import lemmatize

    for tok in doc:
        if tok.tag_ != "ADJA" or not any(c.dep_ in ("nsubj", "nsubj:pass") for c in tok.children):
            continue
        if any(c.dep_ == "cop" for c in tok.children):
            continue  # a predicative adjective with its copula
        lemma = lemmatize(tok.text, "VVFIN")
        sent = tok.sent
        words = [t.text for t in sent]
        feats = verb_features(tok.text, lemma, "VVFIN", first_person_in_clause(words, tok.i - sent.start))
        if feats.get("Mood") != "Sub":
            continue
        tok.tag_, tok.pos_, tok.lemma_ = "VVFIN", "VERB", lemma
        tok.set_morph("|".join(f"{k}={v}" for k, v in sorted(feats.items())))


# Finite verb tags: an article is never followed by one ("…, der sagte, …" is a relative pronoun).
_FINITE = frozenset({"VVFIN", "VAFIN", "VMFIN"})


def _pronouns_read_as_articles(doc: Doc) -> None:
    """An article right before a lower-case finite verb is a pronoun: after a comma a relative pronoun
    ("Seehofer, der sagte, …"), else a demonstrative ("Der sagte …"); an article always precedes a noun
    phrase. Tagged PRELS / PDS, UPOS PRON, as the statement rules read relative speakers from the tag."""
    for tok in doc[:-1]:
        nxt = doc[tok.i + 1]
        if tok.tag_ != "ART" or nxt.tag_ not in _FINITE or not nxt.text[:1].islower():
            continue
        relative = tok.i > 0 and doc[tok.i - 1].text == ","
        tok.tag_, tok.pos_ = ("PRELS" if relative else "PDS"), "PRON"
        feats = {**tok.morph.to_dict(), "PronType": "Rel" if relative else "Dem"}
        tok.set_morph("|".join(f"{k}={v}" for k, v in sorted(feats.items())))


@Language.component("kiebitz_upos")
def upos_component(doc: Doc) -> Doc:
    """UD's AUX/VERB and ADJ conventions applied from the STTS tag and the parse; GSD's dependency labels;
    verbs the tagger read as adjectives."""
    parsed = doc.has_annotation("DEP")
    if parsed:
        _join_split_noun_phrases(doc)
        _harmonize_deps(doc)
        _verbs_read_as_adjectives(doc)
    _pronouns_read_as_articles(doc)
    table, words = _tag_upos()
    for tok in doc:
        tag = tok.tag_
        known = table.get(tag)
        if known and tok.pos_ not in known[1]:
            tok.pos_ = words.get((tag, tok.text.lower()), known[0])
        if tag == "ADJD":
            if tok.pos_ == "ADV":
                tok.pos_ = "ADJ"
        elif tag in _AUX_TAGS and parsed:
            if tok.dep_ in _AUX_DEPS:
                tok.pos_ = "AUX"
            elif tok.pos_ == "AUX" and _full_verb(tok):
                tok.pos_ = "VERB"
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
        doc.ents = ents
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
