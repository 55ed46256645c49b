"""Entity rules for German news text, after the NER (run by ``kiebitz_groups``; docs/nlp.md, "Session 10").

Each rule is a phenomenon of German news and web text that the NER, trained on GermEval's Wikipedia and news
sentences, gets wrong: names end at a line break (headlines, captions, truncated teasers); a retweet marker
("RT @user:") and a caption label ("Bild: dpa") are not names; a road number after a road cue is a place
("auf der A 9", "B 96 Richtung Rostock"); a name after a noun for a kind of organisation is that
organisation ("der Autobauer Ford", "die Gewerkschaft Verdi"); a legal form ends a company's name
("Davoser Bergbahnen AG"). The place rules (roads, lines, stations, routes, towns) are in `news_places.py`.
Tables: ``kiebitz/data/nlp/news_entities.tsv``.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from spacy.attrs import TAG
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from . import columns
from .columns import strings
from .news_places import (
    _caps_places,
    _directions,
    _districts,
    _roads,
    _route_ends,
    _span,
    _stations,
    _streets,
    _towns,
    tables,
    towns,
)

_NAME_TAGS = frozenset({"NE", "FM", "NN", "XY"})  # a capitalised word the tagger did not read as a function word


@cache
def _org_heads() -> tuple[frozenset[str], tuple[str, ...]]:
    """(whole words, lower-case compound endings) of the organisation-kind nouns."""
    heads = tables()["org_head"]
    return (frozenset(h for h, flag in heads.items() if flag != "compound"),
            tuple(sorted(h.lower() for h in heads)))


@lru_cache(maxsize=50_000)
def is_org_head(word: str) -> bool:
    """Is `word` a noun for a kind of organisation ("Autobauer", "US-Autobauer", "Konzerns", "Großbank")?"""
    if not word[:1].isupper():
        return False
    whole, endings = _org_heads()
    for form in (word, word[:-1] if word.endswith("s") else None, word[:-2] if word.endswith("es") else None):
        if not form:
            continue
        if form in whole:
            return True
        low = form.lower()
        if any(low.endswith(e) and len(low) > len(e) for e in endings):
            return True
    return False


def _split_at_spaces(doc: Doc, ents: list[Span]) -> list[Span]:
    """Entities end at whitespace tokens and hashtag signs: a line break ends a headline, a caption or a
    truncated teaser; "#" starts a new tag ("#A7 #Flensburg")."""
    out = []
    for ent in ents:
        if not any(t.is_space or t.text == "#" for t in ent):
            out.append(ent)
            continue
        start = ent.start
        for i in range(ent.start, ent.end + 1):
            if i == ent.end or doc[i].is_space or doc[i].text == "#":
                if i > start:
                    out.append(_span(doc, start, i, ent))
                start = i + 1
    return out


def _trim_edges(doc: Doc, ents: list[Span], texts: list[str], tags: list[str]) -> list[Span]:
    """Words that are no part of a name leave the edges of an entity ("Angeblich" at a sentence start,
    "am" after "Dennis Aogo"); an entity of such words only is dropped. Gazetteer names stay as they are."""
    drop = tables()["not_name_tag"]
    out = []
    for ent in ents:
        start, end = ent.start, ent.end
        if ent.id_ or not (tags[start] in drop or tags[end - 1] in drop):
            out.append(ent)
            continue
        # Only plain words ("www.yasni.de" tagged ADV is still a name); a capitalised one only at a sentence
        # start, where capitals say nothing: inside a sentence it is a name word the tagger misread ("Petra
        # Lang", ADJD).
        while (start < end and tags[start] in drop and texts[start].isalpha()
               and (texts[start].islower() or doc[start].is_sent_start) and texts[start] not in first_names_set()):
            start += 1
        while end > start and tags[end - 1] in drop and texts[end - 1].isalpha() and texts[end - 1].islower():
            end -= 1
        if end > start:
            out.append(_span(doc, start, end, ent))
    return out


def first_names_set() -> frozenset[str]:
    """The given-name list of the name components (a given name the tagger misread stays in a name)."""
    from .names import first_names

    return first_names()


def _markers(doc: Doc, ents: list[Span], texts: list[str]) -> list[Span]:
    """Drop a retweet marker ("RT @user"), a caption label before a colon ("Bild: dpa") and a business word that
    names nothing ("ISIN", "EBITDA", "ROUNDUP")."""
    captions, not_names = tables()["caption"], tables()["not_name"]
    n = len(texts)
    out = []
    for ent in ents:
        if len(ent) == 1 and texts[ent.start] in not_names and not ent.id_:
            continue
        if len(ent) == 1 and ent.end < n:
            text, after = texts[ent.start], texts[ent.end]
            if text == "RT" and after.startswith("@"):
                continue
            if text in captions and after == ":":
                continue
        out.append(ent)
    return out


def _name_end(texts: list[str], tags: list[str], i: int, limit: int = 4) -> int:
    """End of a run of name words from token i (capitalised name tags, "&", a final legal form), or i."""
    legal = tables()["legal_form"]
    n = len(texts)
    end = i
    while end < n and end - i < limit:
        text = texts[end]
        if text in legal and end > i:
            return end + 1
        if text == "&" and end > i and end + 1 < n and texts[end + 1][:1].isupper():
            end += 1
            continue
        if not (text[:1].isupper() or text[:1].isdigit() and end > i) or tags[end] not in _NAME_TAGS:
            break
        if tags[end] == "NN" and not text.isupper() and not (end + 1 < n and texts[end + 1] in legal):
            break  # a common noun ends the name unless a legal form follows ("Davoser Bergbahnen AG")
        end += 1
    return end


def _kind_orgs(doc: Doc, ents: list[Span], texts: list[str], tags: list[str], names: set[str]) -> list[Span]:
    """A name right after an organisation-kind noun is an organisation ("der Autobauer Ford" -> Ford ORG;
    "Chiphersteller Intel" -> Intel ORG): relabel the entity that starts there, trim the noun off an entity
    that starts with it, or add the name the NER missed (only a word the tagger reads as a name). The names
    go into `names`."""
    n = len(texts)
    heads = [i for i, text in enumerate(texts) if i + 1 < n and tags[i] == "NN" and is_org_head(text)]
    if not heads:
        return ents
    by_start = {e.start: k for k, e in enumerate(ents)}
    covered = {i: k for k, e in enumerate(ents) for i in range(e.start, e.end)}
    out = list(ents)
    drop: set[int] = set()
    for h in heads:
        i = h + 1
        if not texts[i][:1].isupper() and not texts[i][:1].isdigit():
            continue
        k = covered.get(h)
        if k is not None:  # the entity starts with the noun: trim it ("Chiphersteller Intel" -> "Intel")
            ent = out[k]
            if ent.start == h and ent.end > i and (tags[i] in ("NE", "FM") or texts[i].isupper()):
                out[k] = _span(doc, i, ent.end, ent, label="ORG")
                names.add(out[k].text)
            continue
        k = by_start.get(i)
        if k is not None:
            ent = out[k]
            if ent.label_ in ("PER", "LOC", "MISC") and not ent.kb_id_ and not ent.id_:
                out[k] = _span(doc, ent.start, ent.end, ent, label="ORG")  # a gazetteer place stays a place
            if out[k].label_ == "ORG":
                names.add(out[k].text)
            continue
        if i in covered:
            continue
        if tags[i] not in ("NE", "FM") and not texts[i].isupper():
            continue
        end = _name_end(texts, tags, i)
        if end > i and not any(j in covered for j in range(i, end)):
            out.append(Span(doc, i, end, label="ORG"))
            names.add(out[-1].text)
    return [e for k, e in enumerate(out) if k not in drop]


def _legal_forms(doc: Doc, ents: list[Span], texts: list[str], tags: list[str], names: set[str]) -> list[Span]:
    """A legal form ends a company name: an entity ending in one is ORG and takes in the capitalised name
    words before it ("Weisse [Arena AG]" -> "Weisse Arena AG"); a name + legal form the NER missed is added.
    The name without its legal form goes into `names` ("Brenntag AG" -> "Brenntag")."""
    legal = tables()["legal_form"]
    hits = [i for i, text in enumerate(texts) if text in legal and i > 0]
    if not hits:
        return ents
    covered = {i: k for k, e in enumerate(ents) for i in range(e.start, e.end)}
    out: list[Span | None] = list(ents)
    for i in hits:
        k = covered.get(i)
        ent = out[k] if k is not None else None
        if k is not None and (ent is None or ent.end != i + 1):
            continue
        start = ent.start if ent is not None else i
        # Name words before: capitalised, not a determiner or preposition, not a sentence start, not another
        # entity; "& Co." belongs to the name ("Müller & Co. KG").
        while start > 0 and i - start < 4 and start - 1 not in covered and (
                texts[start - 1] in ("&", "Co", "Co.")
                or texts[start - 1][:1].isupper() and tags[start - 1] in _NAME_TAGS
                and not doc[start - 1].is_sent_start):
            start -= 1
        # An entity right before the name is its first part ("[Bilfinger Berger] Projektentwicklung GmbH").
        j = covered.get(start - 1) if start > 0 else None
        prev = out[j] if j is not None and j != k else None
        if prev is not None and prev.label_ in ("ORG", "PER", "MISC") and not prev.id_:
            start = prev.start
            out[j] = None
        while texts[start] in ("&", "Co", "Co."):
            start += 1
        if start == i:
            continue  # a legal form alone ("die AG") is no name
        span = Span(doc, start, i + 1, label="ORG")
        bare = [t for t in texts[start:i] if t not in ("&", "Co", "Co.")]
        if len(bare) <= 2:
            names.add(" ".join(bare))
        if k is None:
            k = len(out)
            out.append(span)
        else:
            out[k] = span
        covered.update((t, k) for t in range(start, i + 1))  # later hits see the merged name
    return [e for e in out if e is not None]


def _clubs(doc: Doc, ents: list[Span], texts: list[str], tags: list[str]) -> list[Span]:
    """A club word and the names after it are one organisation ("VfB Stuttgart", "1. FC Köln", "Borussia
    Dortmund"): the span replaces the entities it overlaps (the gazetteer's "Stuttgart" LOC among them)."""
    clubs = tables()["club"]
    hits = [i for i, text in enumerate(texts) if text in clubs and i + 1 < len(texts)]
    if not hits:
        return ents
    by_token = {t: k for k, e in enumerate(ents) for t in range(e.start, e.end)}
    spans = []
    for i in hits:
        if spans and spans[-1][1] > i:
            continue
        end = i + 1
        while end < len(texts) and end - i <= 3 and (re.fullmatch(r"\d{2,4}", texts[end]) or texts[end][:1].isupper() and (
                tags[end] in ("NE", "FM") or texts[end] in clubs or texts[end] in towns()
                or end in by_token and ents[by_token[end]].label_ in ("LOC", "ORG"))):  # "SG 01 Höchst"
            end += 1
        if end == i + 1:
            continue  # a club word alone ("der FC") is left to the NER
        start = i - 1 if i > 0 and re.fullmatch(r"\d\.", texts[i - 1]) else i
        spans.append((start, end))
    if not spans:
        return ents
    taken = {t for s, e in spans for t in range(s, e)}
    out = [e for e in ents if not any(t in taken for t in range(e.start, e.end))]
    out.extend(Span(doc, s, e, label="ORG") for s, e in spans)
    return out


def _same_orgs(doc: Doc, ents: list[Span], texts: list[str], tags: list[str], names: set[str]) -> list[Span]:
    """A name the document shows to be a company ("der Autobauer Toyota", "Brenntag AG") is one wherever it
    recurs ("Toyota hatte ...", which the NER may call a person): relabel its other entities, and add its
    one-word mentions the NER left out."""
    out = []
    for ent in ents:
        if ent.label_ != "ORG" and not ent.id_ and ent.text in names:
            ent = _span(doc, ent.start, ent.end, ent, label="ORG")
        out.append(ent)
    covered = {i for e in out for i in range(e.start, e.end)}
    for i, text in enumerate(texts):
        if text in names and i not in covered and tags[i] in ("NE", "FM"):
            out.append(Span(doc, i, i + 1, label="ORG"))
    return out


@lru_cache(maxsize=65536)
def is_common_noun(word: str) -> bool:
    """Does HanTa's lexicon (TIGER) know `word` as a common noun and not as a name?"""
    from .german import hanta

    # HanTa scores a word of its lexicon above about -20 and a guessed one below (see news_places.build_towns).
    known = [tag for tag, score in hanta().tag_word(word) if score > -20]
    return any(t.startswith("NN") for t in known) and not any(t.startswith(("NE", "FM")) for t in known)


def _common_nouns(doc: Doc, ents: list[Span], tags: list[str]) -> list[Span]:
    """A lone common noun of the lexicon, tagged as one, is no place ("Dorfrand", "Damwild"; persons are left
    alone: the lexicon also knows surnames such as "Steinmeier", "Lang" as nouns); a word that is part of a
    longer name in the document stays ("Fischer"), and so does a counted group ("Tausende Israelis": ``kiebitz_groups`` makes it an ORG actor)."""
    from .german import _QUANTITY_LEMMAS

    in_names = {doc[i].text for e in ents if len(e) > 1 for i in range(e.start, e.end)}
    out = []
    for e in ents:
        if (len(e) == 1 and e.label_ == "LOC" and tags[e.start] == "NN" and not (e.kb_id_ or e.ent_id_)
                and e.text.isalpha() and e.text not in in_names and is_common_noun(e.text)
                and not (e.start > 0 and (tags[e.start - 1] == "CARD" or doc[e.start - 1].lemma_ in _QUANTITY_LEMMAS
                                          or doc[e.start - 1].lower_ in _QUANTITY_LEMMAS))):
            continue
        out.append(e)
    return out


@Language.component("kiebitz_news_entities")
def news_component(doc: Doc) -> Doc:
    """The news entity rules as a pipeline component (after the name consistency, before the groups)."""
    news_entities(doc)
    return doc


def news_entities(doc: Doc) -> bool:
    """Apply the news rules to `doc`'s entities; True if they changed."""
    ents = list(doc.ents)
    texts = columns.texts(doc)
    tags = strings(doc, TAG)
    new = _split_at_spaces(doc, ents)
    new = _markers(doc, new, texts)
    new = _trim_edges(doc, new, texts, tags)
    new = _common_nouns(doc, new, tags)
    new = _roads(doc, new, texts)
    orgs: set[str] = set()
    new = _kind_orgs(doc, new, texts, tags, orgs)
    new = _legal_forms(doc, new, texts, tags, orgs)
    if orgs:
        new = _same_orgs(doc, new, texts, tags, orgs)
    new = _towns(doc, new, texts, tags)
    new = _stations(doc, new, texts)
    new = _districts(doc, new, texts, tags)
    new = _route_ends(doc, new, texts, tags)
    new = _directions(doc, new, texts, tags)
    new = _clubs(doc, new, texts, tags)
    new = _caps_places(doc, new, texts)
    new = _streets(doc, new, texts, tags)
    if [(e.start, e.end, e.label_) for e in new] == [(e.start, e.end, e.label_) for e in ents]:
        return False
    doc.set_ents(filter_spans(new))
    return True
