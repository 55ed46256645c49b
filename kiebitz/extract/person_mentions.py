"""Person mentions: role + name patterns, appositions and leading titles over a light token list (no NER needed).

Split from actors.py: `find_person_mentions` finds "der stellvertretende russische Außenminister Sergej Rjabkow",
"Rjabkow, Russlands Vizeaußenminister," and "Secretary of State Antony Blinken" with the role, the country and
the sector the words around the name give; the actors component groups these mentions into persons.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from ..model import Article
from .actor_tables import (
    DETERMINERS,
    ActorInfo,
    actor_for_mention,
    adjectives,
    country_word,
    ethnic_groups,
    gov_nouns,
    lexicon,
    place_country,
    role_info,
    role_modifiers,
    roles,
    split_role,
)

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


def find_person_mentions(article: Article, lang: str) -> list[tuple[int, int, str, str | None, ActorInfo | None]]:
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
