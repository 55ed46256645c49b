"""Speaker resolution for statements: a speaker span to an actor (pronoun chains, plural "sie", turns)."""

from __future__ import annotations

from ..model import Article
from . import actors as actors_mod
from .actor_tables import body_anaphors, role_of
from .clauses import EXPLETIVE, PRON, Sentence
from .statement_rules import ANAPHORIC_SOURCES, Found

IMPERSONAL = {"man", "one"}  # generic subjects: the statement has no speaker


def turn(sent: Sentence, article: Article) -> tuple[Article, Found] | None:
    """A speech verb with a subject but no content ("Schmidt widersprach."): who speaks next."""
    for i, _cue, _part in sent.cues():
        sp = sent.np_before(i)
        if sp is not None and sent.text[sp[0]:sp[1]].lower() not in EXPLETIVE:
            article, speaker_id = actors_mod.ensure_actor(article, *sp)
            if speaker_id is not None:
                return article, Found("", sent.start, sent.end, sp, None, 0.0, speaker_id=speaker_id)
    return None


def subject_turn(sent: Sentence, article: Article) -> tuple[Article, Found] | None:
    """The parsed subject of a sentence without a statement, when it names an actor ("Stolpe besuchte am
    Montag das Werk.", "Analysten verweisen auf …"): reported sentences right after it are most likely its."""
    doc = article.doc
    if doc is None or not doc.has_annotation("DEP"):
        return None
    span = doc.char_span(sent.start, sent.end, alignment_mode="expand")
    if span is None:
        return None
    root = span.root
    subj = next((c for c in root.children if c.dep_ == "nsubj" and c.pos_ in ("PROPN", "NOUN")), None)
    if subj is None:
        return None
    start, end = subj.left_edge.idx, subj.idx + len(subj.text)
    article, speaker_id = actors_mod.ensure_actor(article, start, end)
    if speaker_id is None:
        return None
    return article, Found("", sent.start, sent.end, (start, end), None, 0.0, speaker_id=speaker_id)


def resolve(article: Article, hit: Found, prev: Found | None, gap: int, lang: str) -> Article:
    """Set `hit.speaker_id` from its speaker span; pronouns prefer the speaker of the statement just before."""
    text = article.text
    if hit.speaker is not None and text[hit.speaker[0]:hit.speaker[1]].lower() in EXPLETIVE | IMPERSONAL:
        hit.speaker = None  # "Es wurde gesagt, ...", "Man befürchtet, ...": no speaker
    if hit.speaker is None or hit.speaker_id is not None:
        return article
    if hit.refers is not None:
        article, hit.speaker_id = actors_mod.ensure_actor(article, *hit.refers)
        return article
    said = text[hit.speaker[0]:hit.speaker[1]].lower()
    if said in ANAPHORIC_SOURCES:  # "Demnach …": the source of the statement before
        hit.speaker_id = prev.speaker_id if prev is not None else None
        return article
    kinds = {a.id: a.kind for a in article.actors}
    if prev is not None and gap <= 1 and kinds.get(prev.speaker_id or "") not in (None, "person") \
            and _unnamed_spokesperson(said, lang):
        hit.speaker_id = prev.speaker_id  # "…, sagte ein Sprecher": of the body that spoke just before
        return article
    person_like = prev is not None and prev.speaker is not None and _names_a_person(text[slice(*prev.speaker)], lang)
    plural = said == "sie" and hit.cue is not None and hit.cue[2].split()[0].endswith("n") \
        and not hit.cue[2].split()[0].endswith("t")  # "sagten sie", "sie erklärten": they
    if plural:
        hit.speaker_id = (prev.speaker_id if prev is not None and gap <= 1
                          and kinds.get(prev.speaker_id or "") not in (None, "person")
                          else actors_mod.resolve_plural(article, hit.speaker[0]))
    elif said in PRON[lang] - {"ich", "wir", "i", "we", "man"} and prev is not None and gap <= 1 \
            and prev.speaker_id is not None and ((_personal(article, prev, gap) or person_like if said != "they" else
                                                  kinds.get(prev.speaker_id) != "person" and not person_like)
                                                 or said == "sie") \
            and actors_mod.pronoun_fits(article, prev.speaker_id, said):
        hit.speaker_id = prev.speaker_id  # "fügte er hinzu": the speaker of the last statement
    elif (prev_id := _same_description(text, hit.speaker, prev, gap, lang)) is not None:
        hit.speaker_id = prev_id  # "according to a UN official. '…,' the official said": the same source
    else:
        article, hit.speaker_id = actors_mod.ensure_actor(article, *hit.speaker)
    return article


def _unnamed_spokesperson(said: str, lang: str) -> bool:
    """"ein Sprecher", "eine Sprecherin der Behörde in Brüssel", "a spokesman": no name, no body of its own."""
    words = said.split()
    if len(words) < 2 or words[0] not in {"ein", "eine", "a", "an"}:
        return False
    role = role_of(words[1], lang)
    if role is None or "spokesperson" not in role.classes:
        return False
    rest = words[2:]
    if len(rest) >= 2 and rest[0] in {"der", "des", "of", "the"}:
        rest = rest[2:] if rest[1] in {w.lower() for w in body_anaphors(lang)} else rest
    return not rest or rest[0] in {"in", "im"}


def _names_a_person(phrase: str, lang: str) -> bool:
    """Whether a speaker phrase is headed by a person's role ("Ein Sprecher des Außenministeriums")."""
    words = phrase.split()
    return len(words) >= 2 and words[0].lower() in {"ein", "eine", "der", "die", "a", "an", "the"} \
        and role_of(words[1], lang) is not None


def _personal(article: Article, prev: Found, gap: int) -> bool:
    """Whether the statement before was a person's: a person actor, or, in the sentence right before, a body
    quoted through a person's role ("a commerce ministry spokeswoman said" is coded as the ministry; "she
    added" is still her)."""
    if {a.id: a.kind for a in article.actors}.get(prev.speaker_id or "") == "person":
        return True
    if prev.speaker is None or not prev.kind or gap > 0:
        return False  # a person named in between ("X rejected the accusation. He said ...") is nearer
    from .actor_tables import roles

    words = article.text[prev.speaker[0]:prev.speaker[1]].split()
    return bool(words) and words[-1] in roles(article.language or "de")


def _same_description(text: str, span: tuple[int, int], prev: Found | None, gap: int, lang: str) -> str | None:
    """The speaker of the statement just before when this English speaker is a definite description with
    the same head noun ("a commerce ministry spokeswoman said ... the spokeswoman added")."""
    words = text[span[0]:span[1]].lower().split()
    if lang != "en" or len(words) < 2 or words[0] != "the" or prev is None or prev.speaker is None or gap > 2:
        return None
    before = text[prev.speaker[0]:prev.speaker[1]].lower().split()
    return prev.speaker_id if before and before[-1] == words[-1] else None
