"""Actors: group entity and table mentions into persons, states, organisations and groups; resolve spans.

The component runs after "entities": PER entities (and role + name patterns, so it also works without
NER) become persons, with roles, country and sector from the words in front of the name ("der
stellvertretende russische Außenminister Sergej Rjabkow") or an apposition after it; country names,
capitals and seats of government become state actors (metonymy: "Moskau", "der Kreml" -> Russia's
government, code RUSGOV); institutions and groups come from the tables in kiebitz/data/actors.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from dataclasses import dataclass
from functools import lru_cache

from ..model import Actor, Article, Entity
from ..pipeline import component
from .actor_tables import (
    DETERMINERS,
    ActorInfo,
    _country_in,
    actor_for_mention,
    adjectives,
    body_anaphors,
    compound_heads,
    country_before,
    country_word,
    document_name,
    domestic_org,
    ethnic_groups,
    ethnic_pattern,
    gov_nouns,
    known_person,
    level_words,
    lexicon,
    lexicon_pattern,
    named,
    named_after_country,
    national_body,
    org_country,
    outlet_country,
    place_country,
    prefix_info,
    role_info,
    role_modifiers,
    role_of,
    roles,
    split_role,
    state_info,
)
from .org_country import attached_org_country

TOKEN = re.compile(r"\w[\w'’.-]*\w|\w|[^\w\s]")
PRONOUNS = {"de": {"er", "sie", "ihm", "ihn", "ihr"}, "en": {"he", "she", "him", "her", "they"}}
# Capitalised words that never start or continue a person's name.
NOT_NAME = {"Am", "Im", "In", "Der", "Die", "Das", "Den", "Dem", "Des", "Ein", "Eine", "The", "A", "An", "On",
            "Mr", "Mrs", "Ms", "Dr", "Herr", "Frau", "Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag",
            "Samstag", "Sonntag", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}


@dataclass
class _Tok:
    text: str
    start: int
    end: int


@dataclass
class _Draft:
    """An actor being collected."""

    key: str
    info: ActorInfo
    first: int
    aliases: list[str]
    roles: list[str]


def tokens(text: str, start: int = 0, end: int | None = None) -> list[_Tok]:
    """Word and punctuation tokens with offsets (independent of spaCy, for table matching)."""
    end = len(text) if end is None else end
    return [_Tok(m.group(0), m.start(), m.end()) for m in TOKEN.finditer(text, start, end)]


def _is_adjective(word: str, lang: str) -> bool:
    if lang == "de":
        return word[:1].islower() and bool(re.search(r"(e|en|er|es|em)$", word))
    return word[:1].islower() or word in adjectives(lang)


# Words that end a role description read backwards from a name (coordinators, prepositions).
_CHAIN_STOP = frozenset({"and", "or", "but", "between", "with", "und", "oder", "aber", "zwischen", "mit"})


def _chain_stops(article: Article) -> frozenset[int]:
    """Start offsets of finite verbs, auxiliaries and prepositions (but "of"), from the parse if any.

    A role read backwards from a name never crosses them: "The German government today welcomed
    President Reagan's statement" is no German president. Participles stay ("ousted president").
    """
    doc = article.doc
    if doc is None:
        return frozenset()
    from spacy.attrs import IDX, LOWER, POS, TAG
    from spacy.symbols import ADP, AUX, VERB

    # Arrays, not Token objects: this runs over every token of every article.
    strings = doc.vocab.strings
    participles = {strings.add(t) for t in ("VBN", "ADJA", "ADJD")}
    kept_preps = {strings.add(w) for w in ("of", "des", "der")}
    return frozenset(idx for idx, pos, tag, lower in doc.to_array([IDX, POS, TAG, LOWER]).tolist()
                     if pos == AUX or (pos == VERB and tag not in participles)
                     or (pos == ADP and lower not in kept_preps))


def _role_chain(toks: list[_Tok], i: int, lang: str, stops: frozenset[int] = frozenset()
                ) -> tuple[int, str | None, ActorInfo | None]:
    """The role description ending right before token i: (first token index, role text, info)."""
    j = i
    while j > 0 and i - j < 6:
        w = toks[j - 1].text
        if w.lower() in _CHAIN_STOP or toks[j - 1].start in stops:
            break  # "between Syria and Palestinian leader Arafat": a coordinated phrase is not his
        if w == "." and j >= 2 and toks[j - 2].end == toks[j - 1].start and toks[j - 2].text + "." in lexicon(lang):
            j -= 2  # "U.S. negotiator Paul Nitze": the tokenizer splits the abbreviation's last dot
            continue
        if (w in DETERMINERS[lang] or _is_adjective(w, lang) or split_role(w, lang) or w in roles(lang)
                or w in adjectives(lang) or (w[:1].isupper() and w.endswith("s") and w[:-1] in lexicon(lang))
                or w in lexicon(lang) or w in {"of", "des", "der"} or (lang == "en" and w.istitle())):
            j -= 1
            continue
        break
    words: list[str] = []
    for n, t in enumerate(toks[j:i]):
        if t.text == "." and words and toks[j + n - 1].end == t.start and words[-1] + "." in lexicon(lang):
            words[-1] += "."
        else:
            words.append(t.text)
    if not words or not (split_role(words[-1], lang) or " ".join(words[-2:]) in roles(lang)
                         or " ".join(words[-3:]) in roles(lang)):
        return i, None, None
    info = role_info(words, lang)
    if info is None or info.role is None:
        return i, None, None
    # Keep the modifiers that belong to the office ("stellvertretender Außenminister"); drop "hochrangig".
    mods = role_modifiers(lang)
    kept: list[str] = []
    for w in words[: len(words) - len(info.role.split())]:
        stem = re.sub(r"(en|er|es|em|e)$", "", w.lower()) if lang == "de" else w.lower()
        if mods.get(stem):
            if lang == "de":
                fem = info.role.endswith("in")
                kept.append(stem + ("e" if fem else "er"))
            else:
                kept.append(w)
    role = " ".join([*kept, info.role])
    return j, role, info


def _name_after(text: str, toks: list[_Tok], i: int, lang: str) -> int:
    """Index after the capitalised name tokens starting at i (0 tokens if none)."""
    k = i
    lex = lexicon(lang)
    while k < len(toks) and k - i < 3:
        w = toks[k].text
        if k > 0 and "\n" in text[toks[k - 1].end: toks[k].start]:
            break
        if not (w[:1].isupper() and w.isalpha() or re.fullmatch(r"[A-Z]\.", w)) or w in NOT_NAME:
            break
        if w in lex or w in roles(lang) or split_role(w, lang) or w in gov_nouns(lang) or w in adjectives(lang):
            break
        if lang == "de" and w.endswith("s") and w[:-1] in lex:
            break  # a genitive "Außenminister Armeniens" names the office's country, not a person
        k += 1
    return k


def _apposition_role(text: str, toks: list[_Tok], k: int, lang: str) -> tuple[str | None, ActorInfo | None]:
    """A role in an apposition after a name: "Peskow, der Sprecher des Kremls," / "Peskov, the Kremlin spokesman"."""
    if k >= len(toks) or toks[k].text != ",":
        return None, None
    words: list[str] = []
    for t in toks[k + 1: k + 9]:
        if t.text in {",", ".", ";", ":", "(", ")"}:
            break
        words.append(t.text)
    if not words or words[0] not in DETERMINERS[lang]:
        return None, None
    for n in range(len(words), 1, -1):  # the role ends the apposition or is followed by a genitive/of-phrase
        info = role_info(words[:n], lang)
        if info is not None:
            rest = words[n:]
            if rest and not info.country:
                found = actor_for_mention(" ".join(rest), lang)
                if found and found.country:
                    info = ActorInfo(**{**info.__dict__, "country": found.country})
            return info.role, info
    return None, None


def _first_name_like(word: str, lang: str) -> bool:
    """A capitalised word that no table knows as something else (a place, role, body or adjective)."""
    return (word[:1].isupper() and word.isalpha() and word not in NOT_NAME and word not in lexicon(lang)
            and word not in roles(lang) and not split_role(word, lang) and word not in gov_nouns(lang)
            and word not in adjectives(lang) and word.lower() not in DETERMINERS[lang])


_APPOSITION_STOP = frozenset({",", ".", ";", ":", "(", ")", "„", "“", '"'})


def _role_before_comma(toks: list[_Tok], i: int, lang: str) -> tuple[str | None, ActorInfo | None]:
    """A role phrase in apposition before a name: "Der Bürgermeister von Ankara, Mansur Yavaş" (its country too)."""
    if i < 3 or toks[i - 1].text != ",":
        return None, None
    j = i - 1
    while j > 0 and i - 1 - j < 8 and toks[j - 1].text not in _APPOSITION_STOP:
        j -= 1
    words = [t.text for t in toks[j: i - 1]]
    dets = [n for n, w in enumerate(words) if w.lower() in DETERMINERS[lang]]
    if not dets:
        return None, None
    phrase = words[dets[-1] + 1:]
    for n in range(len(phrase), 0, -1):
        info = role_info(phrase[:n], lang)
        if info is None or info.role is None:
            continue
        rest = phrase[n:]
        while rest and rest[0].lower() in {"of", "von", "des", "der", "the"}:
            rest = rest[1:]
        if rest and not info.country:
            country = place_country(" ".join(rest), lang)
            if country is None:
                return None, None  # "the spokesman of the ministry, X": not a role of a place
            info = dataclasses.replace(info, country=country)
        return info.role, info
    return None, None


def _person_mentions(article: Article, lang: str) -> list[tuple[int, int, str, str | None, ActorInfo | None]]:
    """Full-name person mentions: (start, end, name, role, role info)."""
    text = article.text
    toks = tokens(text)
    out: list[tuple[int, int, str, str | None, ActorInfo | None]] = []
    by_start = {t.start: n for n, t in enumerate(toks)}
    by_end = {t.end: n for n, t in enumerate(toks)}
    peoples = ethnic_groups(lang)  # "Hutu", "Kurds" tagged PER by the NER are peoples, not persons
    # "Jordan reopened its border": a one-word "person" that is a state's name is the state.
    states = {e.text for e in article.entities if " " not in e.text and (x := lexicon(lang).get(e.text)) is not None
              and x.kind == "state"}
    spans: list[tuple[int, int]] = [(e.start, e.end) for e in article.entities
                                    if e.label == "PER" and e.text not in peoples and e.text not in states]
    for n, (s, e) in enumerate(spans):
        i = by_start.get(s)
        # ", Mansur Yavaş,": the NER took the surname only; a capitalised word between the comma and it is the first name
        if i is not None and i >= 2 and toks[i - 2].text == "," and _first_name_like(toks[i - 1].text, lang):
            spans[n] = (toks[i - 1].start, e)
        elif i is not None and (k := _after_leading_title(toks, i, e, lang)) is not None:
            spans[n] = (toks[k].start, e)  # "Sambias Präsident Hakainde Hichilema": the NER took the title too
    for n, t in enumerate(toks):  # role + name, so persons are found without NER too
        if split_role(t.text, lang) or (n and f"{toks[n - 1].text} {t.text}" in roles(lang)):
            k = _name_after(text, toks, n + 1, lang)
            if k - (n + 1) >= 1 and not any(s <= toks[n + 1].start < e for s, e in spans):
                spans.append((toks[n + 1].start, toks[k - 1].end))
    for n in range(len(toks) - 2):  # name + apposition: "Dmitry Peskov, the Kremlin spokesman,"
        k = _name_after(text, toks, n, lang)
        if k - n >= 2 and (n == 0 or not toks[n - 1].text[:1].isupper()):
            role, _ = _apposition_role(text, toks, k, lang)
            if role and not any(s <= toks[n].start < e for s, e in spans):
                spans.append((toks[n].start, toks[k - 1].end))
    stops = _chain_stops(article)
    for s, e in sorted(set(spans)):
        i = by_start.get(s)
        if i is None:
            continue
        role, info = None, None
        j, role, info = _role_chain(toks, i, lang, stops)
        if role is None:
            role, info = _role_before_comma(toks, i, lang)
        if role is None:
            k = i
            while k < len(toks) and toks[k].end <= e:
                k += 1
            role, info = _apposition_role(text, toks, k, lang)
        if role is not None and (info is None or not info.country) and (iso3 := _of_country(toks, by_end.get(e), lang)):
            # "King Hassan of Morocco", "President X of Venezuela": the title's country follows the name.
            info = dataclasses.replace(info, country=iso3) if info is not None else None
        out.append((s, e, text[s:e], role, info))
    return out


def _after_leading_title(toks: list[_Tok], i: int, end: int, lang: str) -> int | None:
    """The first name token of a PER span that starts with a title, possibly after a state's genitive or
    demonym ("Sambias Präsident Hakainde Hichilema", "Präsident Ruto"); None when it starts with the name."""
    k, title = i, None
    while k < len(toks) and toks[k].end <= end and (split_role(toks[k].text, lang) or country_word(toks[k].text, lang)):
        if split_role(toks[k].text, lang):
            title = k
        k += 1
    if title is None or title + 1 >= len(toks) or toks[title + 1].end > end or not toks[title + 1].text[:1].isupper():
        return None
    return title + 1


def _of_country(toks: list[_Tok], last: int | None, lang: str) -> str | None:
    """The state named in an "of"/"von" phrase right after token `last` ("... of Morocco", "... of South Africa")."""
    if last is None or last + 2 >= len(toks) or toks[last + 1].text not in ("of", "von"):
        return None
    for n in (3, 2, 1):
        words = [t.text for t in toks[last + 2: last + 2 + n]]
        if len(words) == n and not (len(words) == 1 and words[0] in ("the", "der")):
            info = lexicon(lang).get(" ".join(words))
            if info is not None and info.kind == "state" and info.country and " ".join(words)[:1].isupper():
                nxt = toks[last + 2 + n].text if last + 2 + n < len(toks) else ""
                if nxt in ("'s", "’s") or nxt[:1].isupper():
                    return None  # "of Morocco's ...", "of South Korea Ltd": a longer name
                return info.country
    return None


_DOC_TAIL = {"en": r"\s+(?:on|of)\s+(?:the\s+)?", "de": r"\s+(?:über|zur|zum)\s+(?:die\s+|den\s+)?"}
# The head noun right after a name, past a bracketed gloss: "Umma (Nation) party", "Likud-Partei".
_HEAD_AFTER = re.compile(r"(?:\s*\([^()\n]{1,40}\))?[\s-]([\w]+)")


def _surname(name: str) -> str:
    return re.sub(r"(?<=\w)(s|'s|’s)$", "", name.split()[-1]) if name.split() else name


def _collect(article: Article, lang: str) -> list[_Draft]:
    text = article.text
    drafts: dict[str, _Draft] = {}
    spans: list[tuple[int, int]] = []  # text covered by the mentions found so far

    def add(key: str, info: ActorInfo, start: int, alias: str, role: str | None = None) -> None:
        spans.append((start, start + len(alias)))
        d = drafts.get(key)
        if d is None:
            d = drafts[key] = _Draft(key, info, start, [], [])
        d.first = min(d.first, start)
        if alias not in d.aliases:
            d.aliases.append(alias)
        if role and role not in d.roles:
            d.roles.append(role)
        if info.country and not d.info.country:
            d.info = ActorInfo(**{**d.info.__dict__, "country": info.country})
        if info.code and not d.info.code and not d.info.country:
            d.info = ActorInfo(**{**d.info.__dict__, "code": info.code})
        if info.sector and not d.info.sector:
            d.info = ActorInfo(**{**d.info.__dict__, "sector": info.sector})

    persons = _person_mentions(article, lang)
    surnames: dict[str, str] = {}
    parts: dict[str, set[str]] = {}  # words of a longer name before its last -> keys ("Wang Yi": "Wang")
    # "Jimmy Cherizier, known as Barbecue": the second name is the first person's (a nickname or alias).
    called = {m.group(1): n1 for _s1, e1, n1, _r1, _i1 in persons if (m := _AKA.match(text, e1))}
    for s, _e, name, role, info in sorted(persons, key=lambda p: -len(p[2].split())):
        sur = _surname(name)
        key = surnames.get(sur) or f"per:{sur}"
        words = name.split()
        if name in called and _surname(called[name]) in surnames:
            key = surnames[_surname(called[name])]
        elif len(words) <= 2 and sur not in surnames and len(parts.get(name, ())) == 1:
            # "Wang Yi … Wang wies zurück", "Luiz Inacio Lula da Silva … Lula told reporters", "Andrés Manuel
            # López Obrador … López Obrador": a family name written first, a name used alone, a double surname
            # is that person, if only one longer name holds it.
            key = next(iter(parts[name]))
        elif len(words) > 1:
            for n in range(1, len(words)):
                for i in range(len(words) - n + 1):
                    part = " ".join(words[i:i + n])
                    if i + n < len(words) or n > 1:  # the last word alone is the surname rule above
                        if words[i][:1].isupper():
                            parts.setdefault(part, set()).add(key)
        surnames.setdefault(sur, key)
        pinfo = ActorInfo(name=name, kind="person", country=info.country if info else None,
                          sector=info.sector if info else None, code=info.code if info else None)
        if pinfo.country is None and (info is None or not info.code):
            # A well-known person the text names without a country ("President Francois Mitterrand").
            known = known_person(name)
            if known is not None:
                pinfo = ActorInfo(name=name, kind="person", country=known.country,
                                  sector=pinfo.sector or known.sector, code=known.code)
        add(key, pinfo, s, name, role)
        if len(name.split()) > len(drafts[key].info.name.split()):
            drafts[key].info = ActorInfo(**{**drafts[key].info.__dict__, "name": name})
    for sur, key in surnames.items():  # later surname-only mentions, also genitive ("Rjabkows")
        for m in re.finditer(rf"(?<![\w-]){re.escape(sur)}(s|'s|’s)?(?![\w])", text):
            add(key, drafts[key].info, m.start(), m.group(0))
    gov = _gov_phrases(text, lang)
    for m in lexicon_pattern(lang).finditer(text):
        info = lexicon(lang)[m.group(0)]
        if named_after_country(text, m.start(), lang):
            continue  # "a Democrat from New Mexico" names no Mexico
        if info.kind in ("group", "organization") and not info.country and (not info.code or len(info.code) == 3) \
                and any(g.start() < m.start() < g.end() for g in gov):
            # "Rwandan rebels" is Rwanda's rebels (below), not a second, country-less group; "die polnische
            # Polizei" is Poland's police (POLCOP), not also a "Polizei" of no country (a sector code only).
            continue
        near = country_before(text, m.start(), lang)
        if near is None:  # a longer name that states its country: "the Indian National Congress"
            ent = next((e for e in article.entities if e.label == "ORG" and e.start < m.start() and m.end() <= e.end
                        and (iso := org_country(e.text, lang))), None)
            near = (ent.start, iso, ent.text.split()[0] in adjectives(lang)) if ent is not None else None
        body = national_body(info, near[1], lang, near[2]) if near else None
        if body is not None:  # "the German Foreign Office": the country named wins over the table's default
            add(f"{body.kind}:{body.code or body.name}", body, near[0], text[near[0]:m.end()])
            continue
        if not info.country and info.code and len(info.code) == 3 and (
                same := [g for g in gov if g.end() <= m.start() and g.group(0).split()[-1].lower() == m.group(0).lower()]
        ) and not _names_country(text[same[-1].end():m.start()], lang):
            # "Die polnische Polizei nahm … fest. Die Polizei sagte …": a later bare mention of a body
            # is the one last named with its country (unless another country or place is named between).
            body = actor_for_mention(same[-1].group(0), lang)
            if body is not None and body.kind != "person":
                add(f"{body.kind}:{body.code or body.name}", body, m.start(), m.group(0))
                continue
        add(f"{info.kind}:{info.code or info.name}", info, m.start(), m.group(0))
    pattern = ethnic_pattern(lang)
    for m in pattern.finditer(text) if pattern else ():
        # A people without a state (coded by where it lives, from context: affiliation.py).
        name, canonical = named(ethnic_groups(lang)[m.group(0)], lang)
        add(f"group:{name}", ActorInfo(name=name, kind="group", sector="ETH", canonical=canonical),
            m.start(), m.group(0))
    for m in gov:
        info = actor_for_mention(m.group(0), lang)
        if info is not None and info.kind != "person":
            add(f"{info.kind}:{info.code or info.name}", info, m.start(), m.group(0))
    last_org: tuple[str, int] | None = None  # (key, end) of the last organisation added
    documents: list[tuple[int, int]] = []  # names of documents and agreements, with their acronyms
    for ent in article.entities:  # organisations the tables do not know
        if ent.label != "ORG":
            continue
        if last_org is not None and re.fullmatch(r"\s*\(", text[last_org[1]:ent.start]) \
                and text[ent.end:ent.end + 1] == ")":
            add(last_org[0], drafts[last_org[0]].info, ent.start, ent.text)  # "(AKK)", a gloss "Umma (Nation)"
            continue
        if any(a <= ent.start and ent.end <= b for a, b in spans):
            continue  # part of a mention found above ("Ukraine's [defence ministry]", a person's name)
        # A document's acronym or subject: "Memorandum of Understanding (MOU) on Cessation of Hostilities".
        before = next((e for e in article.entities if re.fullmatch(r"\s*\(", text[e.end:ent.start])
                       or any(e.start <= a and b <= ent.start and re.fullmatch(_DOC_TAIL[lang], text[b:ent.start])
                              for a, b in documents)), None)
        if document_name(ent.text, lang) or (before is not None and (document_name(before.text, lang)
                                                                      or before.start in {a for a, _ in documents})):
            last_org = None  # a text, not an actor
            skip_until = text.find(")", ent.end) if re.match(r"\s*\(", text[ent.end:]) else ent.end
            documents.append((ent.start if before is None else before.start, max(skip_until + 1, ent.end)))
            spans.append(documents[-1])
            continue
        known = actor_for_mention(ent.text, lang)
        if known is not None and not _state_named_org(ent.text, known, lang):
            continue
        if lang == "de" and ent.text[:1].islower():
            continue  # "der europäischen Sanktionen": a German name starts with a capital, an adjective phrase does not
        country = (org_country(ent.text, lang) or outlet_country(ent.text)
                   or attached_org_country(article, ent.start, ent.end, lang))
        add(f"organization:{ent.text}", ActorInfo(name=ent.text, kind="organization", country=country),
            ent.start, ent.text)
        head = _HEAD_AFTER.match(text, ent.end)
        if head is not None and domestic_org(head.group(1), lang):
            # "the Umma (Nation) party": the noun after the name says what it is (affiliation reads aliases)
            drafts[f"organization:{ent.text}"].aliases.append(text[ent.start:head.end()])
        last_org = (f"organization:{ent.text}", ent.end)
    return sorted(drafts.values(), key=lambda d: d.first)


def _state_named_org(name: str, known: ActorInfo, lang: str) -> bool:
    """An organisation named after its country ("Montenegro Municipality Association"), not the state itself.

    The table found only the state at the start of the name; the rest is no state body ("Russia's
    government" is the state).
    """
    words = name.split()
    if known.kind != "state" or len(words) < 2 or name in lexicon(lang) or not words[-1][:1].isupper():
        return False
    for n in (2, 1):
        head = " ".join(words[:n])
        rest = " ".join(words[n:])
        info = lexicon(lang).get(head)
        if info is not None and info.kind == "state" and rest:
            return rest not in gov_nouns(lang) and rest not in lexicon(lang) and not role_info(rest.split(), lang) \
                and not lexicon_pattern(lang).search(rest)
    return False


@lru_cache(maxsize=4)
def _gov_patterns(lang: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Word + state body, and two words + state body (the body nouns longest first)."""
    nouns = "|".join(re.escape(n) for n in sorted(gov_nouns(lang), key=len, reverse=True))
    if lang == "de":  # German compounds with a body noun as their head: "Übergangsregierung", "Bundespolizei"
        nouns += "|" + "|".join(rf"[A-ZÄÖÜ]\w{{2,}}{re.escape(h)}" for h, _ in compound_heads(lang))
    # The first word may be a possessive: "Ukraine's defence ministry".
    return (re.compile(rf"(?<![\w-])(?:[\w.]+(?:['’]s)?\s+|[\w.]+-)(?:{nouns})(?![\w])"),
            re.compile(rf"(?<![\w-])[\w.]+\s+[\w.]+\s+(?:{nouns})(?![\w])"))


def _gov_phrases(text: str, lang: str) -> list[re.Match[str]]:
    """Country + state body: "russische Regierung", "US-Armee", "Russlands Militär", "Russian military"."""
    pat, two = _gov_patterns(lang)
    # Two-word demonyms first: "South African government", "Sri Lankan army".
    # ... and a country with a level word: "the Nigerian federal government".
    out = [m for m in two.finditer(text) if " ".join(m.group(0).split()[:2]) in adjectives(lang)
           or (m.group(0).split()[1] in level_words(lang) and country_word(m.group(0).split()[0], lang))]
    for m in pat.finditer(text):
        if any(o.start() <= m.start() < o.end() for o in out):
            continue
        first = re.split(r"[\s-]", m.group(0))[0]
        if first.endswith(("'s", "’s")):
            first = first[:-2]
        if first in adjectives(lang) or prefix_info(first, lang) or first.rstrip("s") in lexicon(lang):
            out.append(m)
    return out


def _names_country(text: str, lang: str) -> bool:
    """Whether a stretch of text names a country: a demonym, a state, or a known place ("in Armenien")."""
    words = re.findall(r"[\w'’.-]+", text)
    return bool(_country_in(words, lang)) or any(w[:1].isupper() and place_country(w, lang) for w in words)


def _code(info: ActorInfo) -> str | None:
    if info.code:
        return info.code
    if info.kind == "person" and info.country:
        return f"{info.country}{info.sector or ''}"
    return None


@component("actors")
def actors(article: Article) -> Article:
    """Fill `article.actors` (A1, A2, ... by first mention) and link `Entity.actor`."""
    lang = article.language if article.language in ("de", "en") else "de"
    drafts = _collect(article, lang)
    result: list[Actor] = []
    for n, d in enumerate(drafts, 1):
        info = d.info
        result.append(Actor(id=f"A{n}", name=info.name, kind=info.kind, country=info.country,
                            sector=info.sector, roles=tuple(d.roles), code=_code(info), aliases=tuple(d.aliases),
                            canonical=info.canonical if info.kind != "person" else None))
    article = article.replace(actors=tuple(result))
    linked: list[Entity] = []
    for ent in article.entities:
        linked.append(ent if ent.actor else dataclasses.replace(ent, actor=_span_actor(article, ent.start, ent.end)))
    return article.replace(entities=tuple(linked))


def mentions(article: Article) -> list[tuple[int, int, str]]:
    """Every occurrence of an actor's alias in the text: (start, end, actor id), in text order."""
    return list(_mentions(article.text, article.actors))


@lru_cache(maxsize=64)
def _mentions(text: str, actor_list: tuple[Actor, ...]) -> tuple[tuple[int, int, str], ...]:
    """Cached alias scan (resolve_span is called once per speaker and subject)."""
    found: list[tuple[int, int, str]] = []
    for actor in actor_list:
        if not actor.aliases:
            continue
        alt = "|".join(re.escape(a) for a in sorted(actor.aliases, key=len, reverse=True))
        for m in re.finditer(rf"(?<![\w-])(?:{alt})(?![\w])", text):
            found.append((m.start(), m.end(), actor.id))
    return tuple(sorted(found))


_AKA = re.compile(r",?\s*(?:known as|also known as|called|nicknamed|alias|genannt|auch bekannt als)\s+[„\"“]?"
                  r"([A-ZÄÖÜ][\w'’-]+(?:\s[A-ZÄÖÜ][\w'’-]+)?)")
_SEAT_AFTER = re.compile(r"\s+(?:in|im|at)\s+([A-ZÄÖÜ][\w-]+)")


def _span_actor(article: Article, start: int, end: int) -> str | None:
    """The actor of the last (head) alias mention inside [start, end), persons first."""
    found = _mentions(article.text, article.actors)
    inside = []
    for k in range(bisect.bisect_left(found, (start,)), len(found)):  # mentions are sorted by start
        m = found[k]
        if m[0] >= end:
            break
        if m[1] <= end:
            inside.append(m)
    if not inside:
        # The entity is part of a longer mention: "Foreign Office" in "the German federal Foreign Office".
        k = bisect.bisect_right(found, (start, float("inf")))
        return next((m[2] for m in reversed(found[max(0, k - 8):k]) if m[0] <= start and end <= m[1]), None)
    kinds = {a.id: a.kind for a in article.actors}
    persons = [m for m in inside if kinds.get(m[2]) == "person"]
    if not persons and len(inside) > 1 and article.language in ("en", "de"):
        # "Russia's embassy in Bucharest", "die russische Botschaft in Paris": a place after "in"/"at" is where
        # the head sits, not the head
        seat = re.search(r"\s(?:in|at|im|bei)\s", article.text[start:end])
        by_id = {a.id: a for a in article.actors}
        if seat and (heads := [m for m in inside if m[1] <= start + seat.start() and (
                kinds.get(m[2]) == "state" or (by_id[m[2]].code or "")[:3] in ("IGO", "NGO"))]):
            return heads[-1][2]
    return (persons or inside)[-1][2]


def _compatible(actor: Actor, info: ActorInfo, lang: str) -> bool:
    """Whether a role description ("Diplomat") fits an actor's roles ("stellvertretender Außenminister")."""
    if actor.kind != "person" or not info.classes:
        return False
    if info.country and info.country != actor.country:
        # "der Außenminister Frankreichs" is not the country-less "Die Außenminister" named before
        return False
    wanted = info.classes[0]
    for role in actor.roles:
        got = role_info(role.split(), lang)
        if got is not None and wanted in got.classes:
            return True
    return False


FEMALE_PRON = {"sie", "ihr", "she", "her"}
MALE_PRON = {"er", "ihm", "ihn", "he", "him"}
FEMALE_TITLES = {"frau", "mrs", "ms", "miss", "madame"}
MALE_TITLES = {"herr", "mr", "monsieur", "sir"}
# German role nouns ending in "-in" that are not feminine forms.
NOT_FEMININE = {"admin", "kremlin", "berlin", "medizin", "disziplin", "vitamin", "termin"}


@lru_cache(maxsize=1)
def _first_names() -> dict[str, str]:
    """First name -> "f"/"m" (kiebitz/data/statements/first_names.tsv)."""
    from importlib import resources

    text = resources.files("kiebitz.data").joinpath("statements", "first_names.tsv").read_text(encoding="utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]
    return {r[0]: r[1].strip() for r in rows if len(r) == 2}


def gender(article: Article, actor: Actor) -> str | None:
    """"f", "m" or None for a person: first name, feminine role noun ("Ministerin"), title ("Frau X", "Mr X")."""
    if actor.kind != "person":
        return None
    names = _first_names()
    for alias in (actor.name, *actor.aliases):
        first = alias.split()[0] if alias.split() else ""
        if first in names and len(alias.split()) > 1:
            return names[first]
    for role in actor.roles:
        head = role.split()[-1].lower() if role.split() else ""
        if head.endswith(("woman", "women")) or head.endswith("in") and len(head) > 5 and head not in NOT_FEMININE \
                and head.endswith(("erin", "entin", "antin", "istin", "onin", "tin", "nin", "rin", "fin", "gin")):
            return "f"
    text = article.text
    for alias in actor.aliases:
        for m in re.finditer(rf"(\w+)\.? {re.escape(alias)}(?!\w)", text):
            title = m.group(1).lower()
            if title in FEMALE_TITLES:
                return "f"
            if title in MALE_TITLES:
                return "m"
    return None


def pronoun_fits(article: Article, actor_id: str | None, pronoun: str) -> bool:
    """Whether a personal pronoun can refer to the actor (gender, when known)."""
    actor = next((a for a in article.actors if a.id == actor_id), None)
    if actor is None or actor.kind != "person":
        return True
    g = gender(article, actor)
    low = pronoun.lower()
    return not (g == "m" and low in FEMALE_PRON - {"ihr"} or g == "f" and low in MALE_PRON)


def _last_group(article: Article, before: list[tuple[int, int, str]]) -> str | None:
    """The last organisation, group or state mentioned before ("they", plural "sie sagten")."""
    kinds = {a.id: a.kind for a in article.actors}
    groups = [m for m in before if kinds.get(m[2]) != "person"]
    return groups[-1][2] if groups else None


def resolve_plural(article: Article, start: int) -> str | None:
    """A plural pronoun at `start` ("sie erklärten"): the last non-person actor mentioned before."""
    return _last_group(article, [m for m in mentions(article) if m[1] <= start])


def _body_anaphors(lang: str) -> frozenset[str]:
    """Nouns standing for the international body named last before ("the bloc", "the alliance")."""
    from .plover import cues

    return cues(lang).get("body_anaphor", frozenset())


def resolve_span(article: Article, start: int, end: int) -> str | None:
    """Actor id for a text span (a subject noun phrase, a speaker): names, table mentions, roles, pronouns."""
    lang = article.language if article.language in ("de", "en") else "de"
    described = _described_person(article, start, end, lang)
    if described is not None:
        return described
    found = _span_actor(article, start, end)
    if found:
        return found
    span = article.text[start:end].strip()
    words = span.split()
    if not words:
        return None
    before = [m for m in mentions(article) if m[1] <= start]
    kinds = {a.id: a for a in article.actors}
    if words[0].lower() == "the" and words[-1].lower() in _body_anaphors(lang):
        # "the bloc said": the international body named last before (as for events, frames._body_anaphors)
        bodies = [m for m in before if (kinds[m[2]].code or "").startswith("IGO")]
        return bodies[-1][2] if bodies else None
    if len(words) == 2 and words[0].lower() in {"der", "die", "das", "des", "the"} and words[1] in body_anaphors(lang):
        # "die Organisation", "the agency": the last body (not a person or state) named before
        bodies = [m for m in before if kinds[m[2]].kind == "organization"]
        known = [m for m in bodies if kinds[m[2]].code]  # a body the tables know before a name the NER guessed
        return (known or bodies)[-1][2] if bodies else None
    if len(words) == 1 and words[0].lower() in {"they", "them"}:
        return _last_group(article, before)
    if len(words) == 1 and words[0].lower() in PRONOUNS[lang]:
        people = [m for m in before if kinds[m[2]].kind == "person"]
        fitting = [m for m in people if pronoun_fits(article, m[2], words[0])]
        if fitting:
            return fitting[-1][2]
        if people and words[0].lower() not in {"sie", "they"}:
            return people[-1][2]
        if words[0].lower() in {"sie", "they"} and before:
            return before[-1][2]
        return None
    info = actor_for_mention(span, lang)
    if info is None:
        return None
    if info.kind != "person":
        for actor in article.actors:
            if (info.code and actor.code == info.code) or actor.name == info.name:
                return actor.id
        return None
    candidates = [a for a in article.actors if _compatible(a, info, lang)]
    head = words[-1].lower()
    if lang == "de" and head.endswith(("in", "innen")) and head not in NOT_FEMININE:
        candidates = [a for a in candidates if gender(article, a) != "m"]  # "die Ministerin"
    elif lang == "en" and head.endswith("woman"):
        candidates = [a for a in candidates if gender(article, a) != "m"]
    if not candidates:
        return None
    definite = words[0].lower() in {"der", "die", "das", "the", "dieser", "diese", "this"}
    if definite:  # "der Diplomat": the last compatible person mentioned before
        for m in reversed(before):
            if kinds[m[2]] in candidates:
                return m[2]
        if lang == "en":
            return None  # "the official said": never a person named only after it
    elif lang == "en" and words[0].lower() in {"a", "an"} and not info.country:
        # "according to a senior administration official": an English wire report's unnamed source is
        # someone else than the people it names (a German "ein hochrangiger Diplomat" often introduces one).
        return None
    # "ein hochrangiger Diplomat": introduced before the name; the most prominent compatible person.
    # An indefinite description that names a nationality ("a Russian official") adds a fact: it
    # may only be a person known to have it, never one whose country the text does not give.
    if info.country:
        candidates = [a for a in candidates if a.country == info.country]
        if not candidates:
            return None
    counts = {a.id: sum(1 for m in mentions(article) if m[2] == a.id) for a in candidates}
    return max(candidates, key=lambda a: (counts[a.id], -int(a.id[1:]))).id


def _described_person(article: Article, start: int, end: int, lang: str) -> str | None:
    """"der SPD-Politiker", "die Grünen-Politikerin": a party-and-role description of the last person named
    before, not the party; a state prefix ("der Kreml-Sprecher") keeps only persons of that state or none."""
    words = article.text[start:end].split()
    if len(words) > 2 and words[2].lower() in {"dem", "der", "den", "einem", "einer"}:
        words = words[:2]  # "sagte der CSU-Politiker dem Sender ntv": the addressee is no part of the speaker
    if lang != "de" or len(words) != 2 or words[0].lower() not in {"der", "die"} or "-" not in words[1]:
        return None
    prefix, _, head = words[1].rpartition("-")
    role = role_of(head, lang)
    if role is None or not {"politician", "spokesperson", "head"} & set(role.classes):
        return None
    state = prefix_info(prefix, lang)
    country = state.country if state is not None and state.kind == "state" else None
    female = head.endswith("in")
    kinds = {a.id: a for a in article.actors}
    for m in reversed([m for m in mentions(article) if m[1] <= start]):
        actor = kinds[m[2]]
        if actor.kind != "person" or country and actor.country not in (None, country):
            continue
        if gender(article, actor) != ("m" if female else "f"):
            return actor.id
    return None


def describe(text: str, lang: str) -> ActorInfo | None:
    """Alias of `actor_for_mention` that also knows bare countries by ISO code (for callers with codes)."""
    if re.fullmatch(r"[A-Z]{3}", text):
        return state_info(text, lang)
    return actor_for_mention(text, lang)


__all__ = ["ActorInfo", "actor_for_mention", "actors", "describe", "mentions", "resolve_span"]


def ensure_actor(article: Article, start: int, end: int) -> tuple[Article, str | None]:
    """Resolve a span, or add an actor the tables describe ("ein Polizeisprecher", "die Opposition")."""
    found = resolve_span(article, start, end)
    if found is not None:
        return article, found
    lang = article.language if article.language in ("de", "en") else "de"
    span = article.text[start:end].strip()
    words = [w for w in span.split() if w.lower() not in DETERMINERS[lang]]
    if not words or span.lower() in PRONOUNS[lang]:
        return article, None
    info = actor_for_mention(span, lang)
    if info is None:
        nouns = gov_nouns(lang)  # a state body without a country: "die Opposition", "the army", "the foreign ministry"
        head = next((h for h in (" ".join(words[-2:]), words[-1]) if h in nouns), None)
        if head is None:
            return article, None
        info = ActorInfo(name=head, kind="group", sector=nouns[head])
        seat = _SEAT_AFTER.match(article.text, end)
        if seat and (iso3 := place_country(seat.group(1), lang)):
            # "teilte das Außenministerium in Paris mit": the body of the country whose seat follows
            info = state_info(iso3, lang, nouns[head])
    name = " ".join(words) if info.kind == "person" else info.name
    for actor in article.actors:
        if actor.name == name and actor.kind == info.kind:
            return article, actor.id
    actor = Actor(id=f"A{len(article.actors) + 1}", name=name, kind=info.kind, country=info.country,
                  sector=info.sector, roles=(info.role,) if info.role else (), code=_code(info),
                  aliases=(span,), canonical=info.canonical if info.kind != "person" else None)
    return article.replace(actors=(*article.actors, actor)), actor.id
