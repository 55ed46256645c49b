"""Statements from the dependency parse: the subject of a cue verb when the positional rules find none.

The positional rules (kiebitz.extract.statement_rules) read a speaker from fixed slots next to the cue; they
miss subjects with adverbials, long appositions, quoted names or participles in between ("kündigte heute der
afghanische Präsident Hamid Karsai an, …", "…, teilte die zur Stanford University gehörende Hoover
Institution mit"). Here the parser's subject of the cue verb (`nsubj`; for a coordinated second verb the
first verb's subject) is the speaker, and the content is found by position as in the rules.
"""

from __future__ import annotations

from typing import Any

from ..nlp import doc_text
from .clauses import EXPLETIVE, QUOTE_MARKS, Sentence, after_clause
from .statement_rules import DEMONSTRATIVE, Found, participle_cue

# Dependants that are not part of a speaker phrase: relative clauses and clausal modifiers.
_CUT = {"acl:relcl", "acl", "advcl", "ccomp", "parataxis"}


def _tokens(doc: Any, sent: Sentence) -> dict[int, Any]:
    """spaCy tokens of the sentence by character offset."""
    span = doc.char_span(sent.start, sent.end, alignment_mode="expand")
    return {t.idx: t for t in span} if span is not None else {}


def _subject(tok: Any) -> Any | None:
    """The nominal subject of a verb, also through auxiliaries and a first coordinated verb."""
    for head in (tok, tok.head if tok.dep_ in ("conj", "xcomp") else None):
        if head is None:
            continue
        # "…, wird X zitiert": the passive subject of "zitieren" is the one who spoke; without a passive
        # auxiliary "nsubj:pass" is a misparsed subject ("soll der Mann gesagt haben")
        passive = any(c.dep_ == "aux:pass" or c.dep_ == "aux" and c.lemma_ == "werden" and head.tag_.endswith("PP")
                      for c in head.children)
        deps = ("nsubj", "nsubj:pass") if head.lemma_ == "zitieren" or not passive else ("nsubj",)
        # "SPIEGEL ONLINE: Sie meinen, …": a name before a colon labels the turn, it is no subject of the verb
        subj = [c for c in head.children if c.dep_ in deps
                and not any(t.text in (":", ";") for t in head.doc[min(c.i, head.i) + 1:max(c.i, head.i)])]
        # "…, und die Regierung nannte er …": a fronted object misread as a second subject; a pronoun that
        # can only be nominative right after the verb is the subject
        if subj and head.doc.lang_ == "de":
            # "Am Abend sagte ihm der Minister": a phrase that cannot be nominative ("ihm", "ihn", "dem …")
            # is no subject, whatever its label; the nominative-capable phrase right after it is
            real = [c for c in subj if nominative(c) is not False]
            if not real:
                after = _subject_after(head, subj[-1])
                if after is not None:
                    return after
                continue
            subj = real
        pron = next((c for c in subj if c.lower_ in NOMINATIVE_ONLY and c.i == head.i + 1), None)
        if pron is not None and len(subj) > 1:
            return pron
        if subj:  # of two subjects the first: a dative after the cue is misparsed more often ("sagte der Zeitung")
            return subj[0]
    return None


def _subject_after(head: Any, wrong: Any) -> Any | None:
    """The noun phrase after a misparsed subject that cannot be nominative, with at most adverbs between
    ("sagte ihm | der Minister", "bat ihn | die Kanzlerin", "soll mir bitte mal | jemand erklären"), labelled
    object or argument without a preposition, if it can be nominative."""
    doc = head.doc
    for c in sorted(head.children, key=lambda c: c.i):
        if c.i <= wrong.i or c.dep_ not in ("obj", "iobj", "obl:arg", "obl", "nsubj"):
            continue
        between = doc[wrong.right_edge.i + 1:c.left_edge.i]
        if any(t.pos_ not in ("ADV", "PART") and t.tag_ != "ADJD" for t in between):
            return None
        nominal = c.pos_ in ("NOUN", "PROPN", "PRON") or c.tag_ in ("PIS", "PDS")
        if nominal and not any(d.dep_ == "case" for d in c.children) and nominative(c) is not False:
            return c
        return None
    return None


def _oblique_subject(tok: Any) -> bool:
    """Whether the only subjects the parser gives the verb (or the first verb it is coordinated with) cannot be
    nominative ("…, ihn … ruhen zu lassen und zu hoffen, dass …": "ihn" is an object, the subject unnamed)."""
    if tok.doc.lang_ != "de":
        return False
    for head in (tok, tok.head if tok.dep_ in ("conj", "xcomp") else None):
        subj = [c for c in head.children if c.dep_ in ("nsubj", "nsubj:pass")] if head is not None else []
        if subj:
            return all(nominative(c) is False for c in subj)
    return False


# Personal pronouns that are only ever a subject.
NOMINATIVE_ONLY = {"er", "ich", "wir", "du"}


def _subject_phrase(subj: Any) -> tuple[int, int]:
    """The subject's span, joined with a further subject right after it ("Bundeskanzler | Helmut Kohl
    kündigte an" parsed as two subjects is one title-and-name phrase) or the rest of its name."""
    start, end = _phrase(subj)
    doc = subj.doc
    for other in sorted((c for c in subj.head.children if c.dep_ in (subj.dep_, "obj", "iobj") and c.i > subj.i),
                        key=lambda c: c.i):
        o_start, o_end = _phrase(other)
        first = doc[other.left_edge.i]
        # a name split off as object ("Max | Straubinger sagt"): one entity across the boundary
        one_name = first.ent_iob_ == "I" and first.i > 0 and doc[first.i - 1].ent_iob_ in ("B", "I")
        if doc_text(doc)[end:o_start].strip() or not (one_name or other.dep_ == subj.dep_ and first.pos_ == "PROPN"):
            break
        end = o_end
    return start, end


def _object_speaker(tok: Any) -> Any | None:
    """The noun object of a cue whose content is the rest of the sentence ("<content>, teilte die … Behörde
    mit", "Wie die WHO sagte, …"): the content fills the object slot, so a noun the parser calls object is
    the misparsed subject."""
    # A bare noun is an object after all ("…, forderte aber Änderungen"); a subject has an article or is a name.
    obj = next((c for c in tok.children if c.dep_ == "obj" and (c.pos_ == "PROPN" or c.pos_ == "NOUN" and any(
        d.dep_ in ("det", "det:poss") for d in c.children))), None)
    # "…, forderte aber mehr Mobilität ein": "aber" after the verb continues the first clause's subject
    if obj is not None and any(t.lower_ in CONTINUING for t in tok.doc[tok.i + 1:obj.left_edge.i]):
        return None
    return obj


# Adverbs that join a second verb to the first clause's subject ("schloss er aus, forderte aber …").
CONTINUING = {"aber", "jedoch", "allerdings", "zudem", "außerdem", "dennoch", "trotzdem"}


def _wie_clause(sent: Sentence, i: int) -> bool:
    """Whether the cue at i closes a "wie"-clause ("Wie die WHO sagte, …", "…, wie X mitteilte")."""
    toks = sent.toks
    for k in range(i - 1, -1, -1):
        if toks[k].text in {",", ";", ":"}:
            return False
        if toks[k].text.lower() == "wie":
            return k == 0 or toks[k - 1].text == ","
    return False


def _phrase(subj: Any) -> tuple[int, int]:
    """Character span of a subject's subtree without relative clauses and trailing punctuation."""
    cut: set[int] = set()
    for t in subj.subtree:
        # a clause anywhere below the subject after it is no part of the phrase, however the parser hangs it:
        # a verb "apposition" of the head or a "relative clause" of an attribute ("bekennt einer der Ärzte,
        # er habe …": "er habe … gesehen" as appos of "einer" or acl:relcl of "Ärzte")
        clause = t.dep_ in _CUT or t.dep_ == "appos" and t.pos_ in ("VERB", "AUX")
        if clause and t.i > subj.i and t.i not in cut:
            cut.update(d.i for d in t.subtree)
    toks = [t for t in subj.subtree if t.i not in cut]
    first = next((t for t in toks if not t.is_punct or t.text in QUOTE_MARKS), subj)
    last = subj
    for t in toks:  # contiguous from the head on
        if t.i > last.i and t.i == last.i + 1:
            last = t
    while last.i > subj.i and (last.is_punct and last.text not in QUOTE_MARKS or last.text == ","):
        last = last.doc[last.i - 1]
    return first.idx, last.idx + len(last.text)


def parsed_statement(sent: Sentence, doc: Any) -> Found | None:
    """A cue verb whose parsed subject is the speaker; content after the cue clause or before it."""
    if doc is None or not getattr(doc, "has_annotation", lambda _: False)("DEP"):
        return None
    by_idx = _tokens(doc, sent)
    toks = sent.toks
    for i, _cue, part in sent.cues():
        tok = by_idx.get(toks[i].start)
        if tok is None:
            continue
        prev = toks[i - 1].text if i else ""
        content_first = i >= 2 and (prev == "," or prev in QUOTE_MARKS) and sent.clause_like(0, i - 1)
        subj = _subject(tok) or (_object_speaker(tok) if content_first or _wie_clause(sent, i) else None) \
            or (_inverted_object(tok) if tok.dep_ == "ROOT" else None)
        if subj is None:
            if _oblique_subject(tok):  # the statement stands without a speaker, as with no subject at all
                content = after_clause(sent, max(i, part or i), part)
                cue_span = (toks[i].start, toks[i].end, toks[i].text + (f" {toks[part].text}" if part else ""))
                if content is not None:
                    return Found("", content[0], content[1], None, cue_span, 0.5)
            continue
        if subj.lower_ in {"man", "sich"}:
            continue
        refers = None
        if subj.tag_ in ("PRELS", "PRELAT") or subj.tag_ == "PDS" and tok.dep_ == "acl:relcl":
            # "Seehofer, der sagte, …": the pronoun is the speaker's mention, the noun it refers to the actor
            sp = (subj.idx, subj.idx + len(subj.text))
            if tok.dep_ == "acl:relcl" and tok.head.pos_ in ("NOUN", "PROPN"):
                refers = _phrase(tok.head)
        else:
            sp = _subject_phrase(subj)
            first = by_idx.get(sp[0])
            if first is not None and first.tag_ in ("APPR", "APPRART", "KOUS", "IN"):
                continue  # a misparse: "Um 10:05 Uhr meldete X" — no subject starts with a preposition
        said = sent.text[sp[0]:sp[1]]
        if said.lower() in EXPLETIVE | DEMONSTRATIVE or sp[1] - sp[0] < 2:
            continue
        if any(q.inner_start <= sp[0] and sp[1] <= q.inner_end and q.words(sent.text) > 4 for q in sent.quotes):
            continue  # a subject inside a long quote belongs to the quoted speech
        cue_span = (toks[i].start, toks[i].end, toks[i].text + (f" {toks[part].text}" if part else ""))
        last = max(i, part or i)
        subj_end = next((n for n, t in enumerate(toks) if t.start >= sp[1]), len(toks)) - 1
        # content first: "<content>, teilte die … Hoover Institution mit"
        if content_first and subj_end >= i:
            cut = toks[i - 1].start if prev == "," else toks[i - 1].end
            return Found("", sent.start, cut, sp, cue_span, 0.7, refers=refers)
        # speaker and cue first: content after the cue clause ("…, dass …", "…: „…“", zu-infinitive)
        content = after_clause(sent, max(last, subj_end), None if part is None or part <= subj_end else part)
        if content is not None:
            return Found("", content[0], content[1], sp, cue_span, 0.7, refers=refers)
    return None


def _finite_subjunctive(tok: Any) -> bool:
    """Whether a verb or one of its auxiliaries is in the subjunctive (Konjunktiv I/II)."""
    return any("Sub" in t.morph.get("Mood") for t in (tok, *[c for c in tok.children if c.dep_.startswith(("aux", "cop"))]))


def framed_statement(sent: Sentence, doc: Any) -> Found | None:
    """A speech frame without a known cue: an indicative main clause whose subject takes a reported clause
    ("Manche Analysten halten es für möglich, dass …", "Cutler vertritt die Ansicht, Clarkson habe …",
    "Hier sparte der Bundespräsident nicht mit Kritik: „…“"). The subject speaks; the clause is the content."""
    if doc is None or not getattr(doc, "has_annotation", lambda _: False)("DEP") or sent.lang != "de":
        return None
    by_idx = _tokens(doc, sent)
    toks = sent.toks
    roots = [t for t in by_idx.values() if t.dep_ == "ROOT" and t.pos_ in ("VERB", "AUX", "NOUN", "ADJ")]
    if len(roots) != 1 or _finite_subjunctive(roots[0]):
        return None
    root = roots[0]
    pos = next((n for n, t in enumerate(toks) if t.start == root.idx), None)
    subj = next((c for c in root.children if c.dep_ == "nsubj"), None) or _inverted_object(root)
    if pos is None or subj is None or sent.quoted[pos]:
        return None
    sp = _subject_phrase(subj) if subj.dep_ == "nsubj" else _phrase(subj)
    said = sent.text[sp[0]:sp[1]]
    if said.lower() in EXPLETIVE | DEMONSTRATIVE | {"man"} or any(q.start <= sp[0] < q.end for q in sent.quotes):
        return None
    subj_end = next((n for n, t in enumerate(toks) if t.start >= sp[1]), len(toks))
    start = max(pos, subj_end)
    for k in range(start, len(toks) - 2):
        if sent.quoted[k] or toks[k].text not in {",", ":"}:
            continue
        nxt = toks[k + 1]
        after = toks[k + 2] if nxt.text in QUOTE_MARKS else nxt  # ", „dass …“"
        if toks[k].text == ":" and nxt.text in QUOTE_MARKS or after.text.lower() in {"dass", "ob"}:
            return Found("", nxt.start, sent.end, sp, None, 0.5)
        clause = [by_idx[t.start] for t in toks[k + 1:] if t.start in by_idx]
        if any("Sub" in t.morph.get("Mood") and t.pos_ in ("AUX", "VERB") and t.lower_ not in KONJ_II_ONLY
               for t in clause[:12]):
            return Found("", nxt.start, sent.end, sp, None, 0.5)
        break  # only the first clause boundary after the main verb
    return None


def _inverted_object(root: Any) -> Any | None:
    """A verb-second clause without a subject whose only object follows the verb right away ("An ihrem
    Sterbebett bekennt einer ihrer Feinde, er habe …"): after a fronted adverbial (or object) that slot is
    the subject's, so the object label is a misparse — if the phrase can be nominative at all ("sagte ihm",
    "bat ihn" are objects) and, for a verb that takes a person as object besides its clause ("bat die
    Regierung, …"), only where it cannot be accusative or the model reads it nominative."""
    objs = [c for c in root.children if c.dep_ == "obj" and c.i > root.i]
    # a substituting pronoun ("einer", "jener"; STTS PIS/PDS/PPOSS) heads its phrase even when tagged DET
    nominal = objs[0].pos_ in ("NOUN", "PROPN", "PRON") or objs[0].tag_ in ("PIS", "PDS", "PPOSS") if objs else False
    if len(objs) != 1 or objs[0].left_edge.i != root.i + 1 or not nominal:
        return None
    fronted = [c for c in root.children if c.i < root.i and c.dep_ in ("obl", "advmod", "advcl", "obj", "iobj")]
    if not fronted or root.i <= root.sent.start:
        return None
    case = nominative(objs[0]) if root.doc.lang_ == "de" else True
    if case is False or case is None and _person_object(root):
        return None
    return objs[0]


def _form(tok: Any) -> tuple[str, bool]:
    """The word that shows a phrase's case (its first determiner, else a pronoun itself) and whether that is
    the pronoun ("die anderen": "die"; "einer der Ärzte": "einer")."""
    det = next((c for c in tok.children if c.dep_ in ("det", "det:poss") and c.i < tok.i), None)
    if det is not None:
        return det.lower_, False
    if tok.pos_ == "PRON" or tok.tag_ in ("PIS", "PDS", "PPER", "PPOSS"):
        return tok.lower_, True
    return "", False


def nominative(tok: Any) -> bool | None:
    """Whether a noun phrase is nominative by its form or the model's Case: False where it cannot be ("ihm",
    "ihn", "dem/den/einem …"), True where it cannot be accusative ("er", "einer", "der …") or the model says
    Case=Nom, None where nominative and accusative look alike ("die Regierung", "sie", "Russland")."""
    word, pronoun = _form(tok)
    if word in (_NEVER_NOMINATIVE if pronoun else _GENITIVE) or word.endswith(("em", "en")):
        return False  # dative/accusative endings: "diesem", "einen", "seinen", "jemanden", "ihnen"
    if "Nom" in tok.morph.get("Case"):
        return True
    if pronoun:
        return word in NOMINATIVE_ONLY or tok.tag_ in ("PIS", "PDS") and word.endswith("er") or None
    return True if word in _DER_WORDS else None  # "der"-words are never accusative (nom. masc., dat./gen. fem.)


# Pronouns that are never nominative, and genitive determiners ("eines" alone is nominative: "sei eines gesagt").
_NEVER_NOMINATIVE = {"ihn", "ihm", "ihnen", "mich", "mir", "dich", "dir", "uns", "euch", "sich", "wen", "wem"}
_GENITIVE = {"des", "eines", "keines"}
_DER_WORDS = {"der", "dieser", "jener", "jeder", "mancher", "welcher"}


def _person_object(verb: Any) -> bool:
    """Whether the verb takes a person as accusative object besides its clause ("bitten", "auffordern")."""
    from .plover import cues

    words = cues("de").get("object_control", frozenset())
    return verb.lemma_.lower() in words or verb.lower_ in words


# Subjunctive forms that are conditional, not reported ("würde", "könnte" in a wenn-clause).
KONJ_II_ONLY = {"würde", "würden", "wäre", "wären", "hätte", "hätten", "könnte", "könnten"}


def _antecedent(last: Any | None) -> Any | None:
    """The noun phrase ending right before a relative adverb's comma, however the clause is attached
    ("einen Bericht der Zeitung, wonach …": "Bericht"): the outermost noun whose modifiers end there."""
    if last is None or last.pos_ not in ("NOUN", "PROPN"):
        return None
    noun = last
    while noun.dep_ in ("nmod", "flat", "appos", "nmod:poss") and noun.head.i < noun.i \
            and noun.head.pos_ in ("NOUN", "PROPN"):
        noun = noun.head
    return noun


def wonach_statement(sent: Sentence, doc: Any) -> Found | None:
    """"ein Bericht der Agentur, wonach …": the noun before "wonach" is the source, its clause the content."""
    if doc is None or not getattr(doc, "has_annotation", lambda _: False)("DEP") or sent.lang != "de":
        return None
    toks = sent.toks
    n = next((k for k in range(1, len(toks) - 2) if toks[k].text.lower() == "wonach" and not sent.quoted[k]
              and toks[k - 1].text == ","), None)
    if n is None:
        return None
    by_idx = _tokens(doc, sent)
    word = by_idx.get(toks[n].start)
    if word is None:
        return None
    verb = word.head
    last = max((t for t in verb.subtree), key=lambda t: t.i)
    end = last.idx + len(last.text)
    while end > toks[n].end and sent.text[end - 1] in ",.;: ":
        end -= 1
    if end - toks[n + 1].start < 10:
        return None
    noun = verb.head if verb.dep_ in ("acl", "acl:relcl") and verb.head.pos_ in ("NOUN", "PROPN") else None
    noun = noun or _antecedent(by_idx.get(toks[n - 2].start) if n >= 2 else None)
    sp = (_phrase(noun)[0], min(_phrase(noun)[1], toks[n - 1].start)) if noun is not None else (toks[n].start, toks[n].end)
    marker = (toks[n].start, toks[n].end, toks[n].text)
    return Found("", toks[n + 1].start, end, sp, marker, 0.6)


def participle_statement(sent: Sentence, doc: Any) -> Found | None:
    """"X rejected the plan, saying his forces would fight on": an English cue participle after a comma reports
    what follows it, and its speaker is the subject of the verb it hangs on (not a name after the participle,
    not the clause before the comma)."""
    if doc is None or not getattr(doc, "has_annotation", lambda _: False)("DEP") or sent.lang != "en":
        return None
    toks = sent.toks
    by_idx = None
    for i, _cue, part in sent.cues():
        if i < 2 or not participle_cue(sent, i) or sent.quoted[i]:
            continue
        by_idx = by_idx if by_idx is not None else _tokens(doc, sent)
        word = by_idx.get(toks[i].start)
        if word is None or word.tag_ != "VBG" or word.head.i == word.i or word.head.pos_ not in ("VERB", "AUX"):
            continue
        subj = next((c for c in word.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        content = after_clause(sent, i, part)
        if subj is None or content is None or content[1] - content[0] < 10:
            continue
        return Found("", content[0], content[1], _phrase(subj), (toks[i].start, toks[i].end, toks[i].text), 0.75)
    return None
