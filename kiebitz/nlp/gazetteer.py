"""Gazetteer lookups: countries, places and institutions as entity-ruler patterns; country adjectives
("russische", "American") as derived mentions with a country, exposed as ``doc.spans["derived"]`` and
``token._.country`` (they are not entities: an adjective is not a place, but it tells an actor's country).
"""

from __future__ import annotations

import re
from functools import cache

from spacy.attrs import ENT_TYPE, IDX
from spacy.language import Language
from spacy.pipeline import EntityRuler
from spacy.tokens import Doc, Span, Token

from . import columns
from .resources import countries, institutions, places

if not Token.has_extension("country"):
    Token.set_extension("country", default=None)

_ADJ_ENDINGS_DE = ("", "e", "en", "er", "es", "em")
_PLACE_ADJ = re.compile(r"(isch|ische[mnrs]?|er)$")  # "russische", "Berliner"


def _genitive(name: str) -> str | None:
    """German genitive of a proper name ("Russlands"); None where it is not formed with -s."""
    if name[-1] in "sxzß" or " " in name or name.isupper():
        return None
    return name + "s"


@cache
def name_table(lang: str) -> dict[str, tuple[str, str | None]]:
    """Surface form -> (label, iso3) for every gazetteer name of `lang`."""
    table: dict[str, tuple[str, str | None]] = {}
    for c in countries():
        for name in c.names_de if lang == "de" else c.names_en:
            table[name] = ("LOC", c.iso3)
            gen = _genitive(name) if lang == "de" else None
            if gen:
                table[gen] = ("LOC", c.iso3)
    for name, iso3, _kind, language in places():
        if language in (lang, "both"):
            table[name] = ("LOC", iso3)
            gen = _genitive(name) if lang == "de" else None
            if gen:
                table.setdefault(gen, ("LOC", iso3))
    for name, label, iso3, language in institutions():
        if language in (lang, "both"):
            table[name] = (label, iso3)
    return table


@cache
def adjective_table(lang: str) -> dict[str, str]:
    """Inflected country adjective -> iso3 ("russische" -> RUS, "American" -> USA)."""
    table: dict[str, str] = {}
    for c in countries():
        if lang == "de":
            for stem in c.adjectives_de:
                if stem[0].isupper():  # "Schweizer" is invariant
                    table[stem] = c.iso3
                    continue
                for ending in _ADJ_ENDINGS_DE:
                    table[stem + ending] = c.iso3
                    table[(stem + ending).capitalize()] = c.iso3
        else:
            for adj in c.adjectives_en:
                table[adj] = c.iso3
    return table


class GazetteerRuler(EntityRuler):
    """spaCy's EntityRuler, its test for existing entities under a match made on one array per doc instead of
    a Span and its Token objects per match (the same entities; ~60 matches per news article)."""

    def match(self, doc: Doc) -> list[tuple[int, int, int]]:
        """As ``EntityRuler.match``; without token patterns the empty token matcher (and the warning it raises
        and spaCy filters, at every call) is skipped."""
        if len(self.matcher):
            return super().match(doc)
        self._require_patterns()
        final_matches = {(m_id, start, end) for m_id, start, end in self.phrase_matcher(doc) if start != end}
        return sorted(final_matches, key=lambda m: (m[2] - m[1], -m[1]), reverse=True)

    def set_annotations(self, doc: Doc, matches: list[tuple[int, int, int]]) -> None:
        """As ``EntityRuler.set_annotations``."""
        if self.overwrite or not matches:
            super().set_annotations(doc, matches)
            return
        entities = list(doc.ents)
        typed = doc.to_array(ENT_TYPE).astype(bool)  # the doc does not change before the final assignment
        new_entities = []
        seen_tokens: set[int] = set()
        for match_id, start, end in matches:
            if typed[start:end].any():
                continue
            # check for end - 1 here because boundaries are inclusive
            if start not in seen_tokens and end - 1 not in seen_tokens:
                if match_id in self._ent_ids:
                    label, ent_id = self._ent_ids[match_id]
                    span = Span(doc, start, end, label=label, span_id=ent_id)
                else:
                    span = Span(doc, start, end, label=match_id)
                new_entities.append(span)
                entities = [e for e in entities if not (e.start < end and e.end > start)]
                seen_tokens.update(range(start, end))
        doc.set_ents(entities + new_entities)  # what the ents setter does, without copying every span first


@Language.factory("kiebitz_gazetteer_ruler", default_config={"phrase_matcher_attr": None, "overwrite_ents": False})
def make_gazetteer_ruler(nlp: Language, name: str, phrase_matcher_attr: str | None,
                         overwrite_ents: bool) -> GazetteerRuler:
    """An entity ruler for the gazetteer patterns (``ruler_patterns``); spaCy's defaults otherwise."""
    return GazetteerRuler(nlp, name, phrase_matcher_attr=phrase_matcher_attr, overwrite_ents=overwrite_ents)


def ruler_patterns(lang: str) -> list[dict]:
    """Entity-ruler phrase patterns (case-sensitive) for `lang`."""
    return [{"label": label, "pattern": name, "id": iso3 or "INT"} for name, (label, iso3) in name_table(lang).items()]


def compound_parts(doc: Doc, lang: str) -> list[tuple[int, int, str, str | None]]:
    """Names as first element of a hyphenated compound ("NATO-Staaten", "US-Präsident"): (start, end, label, iso3)."""
    table = name_table(lang)
    out = []
    hits = [i for i, text in enumerate(columns.texts(doc)) if "-" in text[1:-1]]
    if not hits:
        return out
    ent_types, idx = doc.to_array(ENT_TYPE).tolist(), doc.to_array(IDX).tolist()
    for i in hits:
        if ent_types[i]:  # in an entity (hash 0: no entity type)
            continue
        head = doc[i].text.split("-", 1)[0]
        if head in table:
            label, iso3 = table[head]
            out.append((idx[i], idx[i] + len(head), label, iso3))
    return out


@Language.factory("kiebitz_derived", default_config={"lang": "de"})
def make_derived(nlp: Language, name: str, lang: str):  # noqa: ANN201 - spaCy factory
    """Mark country adjectives: token._.country and doc.spans['derived'] (label LOCderiv)."""
    table = adjective_table(lang)

    def derived(doc: Doc) -> Doc:
        spans = []
        # A trained NER labels country adjectives LOCderiv (GermEval): move them out of the entities.
        kept = []
        ents = doc.ents  # the getter builds every span: once
        for ent in ents:
            if ent.label_ == "LOCderiv" and not _PLACE_ADJ.search(ent.text.lower()):
                continue  # the NER's LOCderiv is noisy: keep it only in the shape of a place adjective
            if ent.label_ == "LOCderiv":
                iso3 = table.get(ent.text, "")
                for tok in ent:
                    tok._.country = iso3 or None
                spans.append(Span(doc, ent.start, ent.end, label="LOCderiv", kb_id=iso3))
            else:
                kept.append(ent)
        if len(kept) != len(ents):
            doc.set_ents(kept)  # as doc.ents = kept, without copying every span first
        taken = {i for span in spans for i in range(span.start, span.end)}
        texts = columns.texts(doc)
        hits = [i for i, text in enumerate(texts) if text in table and i not in taken]
        ent_types = doc.to_array(ENT_TYPE).tolist() if hits else []
        for i in hits:
            iso3 = table[texts[i]]
            if iso3 and not ent_types[i]:  # hash 0: no entity type
                doc[i]._.country = iso3
                spans.append(Span(doc, i, i + 1, label="LOCderiv", kb_id=iso3))
        doc.spans["derived"] = sorted(spans, key=lambda sp: sp.start)
        return doc

    return derived
