"""Statements that must not depend on how the parser happens to attach the speaker (docs/statements.md,
"parse variants"): hand-made news sentences, and hand-built parses with the misparses seen in models."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from kiebitz.extract.addresses import address_span
from kiebitz.extract.clauses import Sentence, numeric_noun
from kiebitz.extract.parsed_speech import (
    _inverted_object,
    _object_speaker,
    _oblique_subject,
    _subject,
    _subject_phrase,
    framed_statement,
    parsed_statement,
)
from kiebitz.extract.statements import reported_content, statements
from kiebitz.model import Article
from kiebitz.pipeline import Pipeline


@pytest.fixture(scope="module")
def run():
    pipe = Pipeline(("nlp", "entities", "actors", "statements"))

    def _run(text: str) -> Article:
        return pipe(Article(id="t", text=text, language="de"))

    return _run


def _one(article: Article) -> tuple[str | None, str, str | None]:
    assert len(article.statements) == 1, article.statements
    st = article.statements[0]
    return st.speaker_text, st.text, st.cue


def test_numeric_nouns_are_speakers(run) -> None:
    # "der 21-Jährige" is often tagged ADJA and attached as dep/xcomp/advmod, not nsubj
    assert _one(run("„Möglich ist alles“, sagt der 21-Jährige.")) == ("der 21-Jährige", "Möglich ist alles", "sagt")
    speaker, content, _ = _one(run("Der 47-Jährige sagte, die Firma werde keine Stellen streichen."))
    assert speaker == "Der 47-Jährige" and content == "die Firma werde keine Stellen streichen"
    assert numeric_noun("47-Jährige") and numeric_noun("3:0-Sieger") and not numeric_noun("47-jährige")


def test_adverbial_between_cue_and_speaker(run) -> None:
    assert _one(run("„Die Lage ist ernst“, sagte am Freitag der Sprecher des Ministeriums.")) == (
        "der Sprecher des Ministeriums", "Die Lage ist ernst", "sagte")
    speaker, content, _ = _one(run("„Wir kommen wieder“, sagte heute der Trainer der Mannschaft."))
    assert speaker == "der Trainer der Mannschaft" and content == "Wir kommen wieder"
    # after a connective the noun is an object: no speaker "Änderungen"
    art = run("Der Minister lobte das Gesetz, forderte aber Änderungen.")
    assert all(s.speaker_text != "Änderungen" for s in art.statements)


def test_so_parenthetical_and_so_content_first(run) -> None:
    speaker, content, cue = _one(run("Der Ball, so meint der Unterhändler Mohagher Iqbal, liege nun bei der "
                                     "Regierung."))
    assert speaker == "der Unterhändler Mohagher Iqbal" and cue == "meint"
    assert content.startswith("Der Ball") and content.endswith("liege nun bei der Regierung")
    art = run("Macht dieser Mann Ernst, so fragt man sich, mit seiner Mission?")
    assert all(s.speaker_text != "man" for s in art.statements)
    speaker, content, _ = _one(run("Die Preise würden weiter steigen, so warnte der Chef des Verbandes."))
    assert speaker == "der Chef des Verbandes" and content == "Die Preise würden weiter steigen"


def test_auxiliary_before_speaker(run) -> None:
    assert _one(run("„Wir werden nicht nachgeben“, hat die Ministerin am Montag gesagt.")) == (
        "die Ministerin", "Wir werden nicht nachgeben", "gesagt")
    speaker, content, _ = _one(run("„Besser ein Bürgerkrieg als die Kapitulation“, soll der General gesagt haben."))
    assert speaker == "der General" and content == "Besser ein Bürgerkrieg als die Kapitulation"
    # a fronted adverbial clause is no content
    art = run("Als der Trainer im Sommer seinen Job antrat, hat er den Spielern seine Philosophie mitgeteilt.")
    assert not any(s.text.startswith("Als der Trainer") for s in art.statements)
    # a passive has no speaker there: "wurde … gefordert" is no "X hat gefordert"
    art = run("„Mehr Geld für die Schulen“, wurde auf der Versammlung gefordert.")
    assert all(s.speaker_text is None for s in art.statements)


def test_closing_attribution_wins_over_a_cue_in_the_content(run) -> None:
    speaker, content, cue = _one(run("Der Angeklagte habe die Tat gestanden, sagte ein Sprecher des Gerichts."))
    assert (speaker, content, cue) == ("ein Sprecher des Gerichts", "Der Angeklagte habe die Tat gestanden", "sagte")
    # a cue whose own clause follows is not a closing attribution
    # two acts of one speaker, nothing reported before the second cue: "Änderungen" is no speaker
    art = run("Der Minister kündigte an, die Steuern zu senken, forderte Änderungen.")
    assert all(s.speaker_text != "Änderungen" for s in art.statements)
    speaker, content, _ = _one(run("Die Ministerin sagte, sie habe den Plan nicht gekannt."))
    assert speaker == "Die Ministerin" and content == "sie habe den Plan nicht gekannt"


def _parse(words: list[str], heads: list[int], deps: list[str], lemmas: list[str]) -> Doc:
    return Doc(spacy.blank("de").vocab, words=words, heads=heads, deps=deps, lemmas=lemmas)


def test_subject_of_a_misparsed_passive_and_of_two_subjects() -> None:
    # "soll der Mann gesagt haben": a model labels "Mann" nsubj:pass although there is no passive auxiliary
    doc = _parse(["soll", "der", "Mann", "gesagt", "haben"], [3, 2, 3, 3, 3],
                 ["aux", "det", "nsubj:pass", "ROOT", "aux"], ["sollen", "der", "Mann", "sagen", "haben"])
    assert _subject(doc[3]).text == "Mann"
    # a real passive: "wurde der Plan gefordert" — the passive subject is what was demanded, no speaker
    doc = _parse(["wurde", "der", "Plan", "gefordert"], [3, 2, 3, 3],
                 ["aux:pass", "det", "nsubj:pass", "ROOT"], ["werden", "der", "Plan", "fordern"])
    assert _subject(doc[3]) is None
    # two subjects (a misparse of a dative after the cue, "sagte der Zeitung"): the first
    doc = _parse(["Merkel", "sagte", "der", "Zeitung", ",", "sie", "komme"], [1, 1, 3, 1, 6, 6, 1],
                 ["nsubj", "ROOT", "det", "nsubj", "punct", "nsubj", "ccomp"],
                 ["Merkel", "sagen", "der", "Zeitung", ",", "sie", "kommen"])
    assert _subject(doc[1]).text == "Merkel"
    # "wurde … mitgeteilt" with the auxiliary labelled plain "aux": still a passive
    doc = _parse(["Die", "Entscheidung", "wurde", "mitgeteilt"], [1, 3, 3, 3],
                 ["det", "nsubj:pass", "aux", "ROOT"], ["der", "Entscheidung", "werden", "mitteilen"])
    doc[3].tag_ = "VVPP"
    assert _subject(doc[3]) is None


def test_np_after_skips_time_adverbials_only_before_a_noun_phrase() -> None:
    text = "sagte am Freitag der Sprecher . sagte am Freitag in Berlin , dass"
    sent = Sentence(text, 0, len(text), [], "de", None)
    sp = sent.np_after(0)
    assert sp is not None and text[sp[0]:sp[1]] == "der Sprecher"
    assert sent.np_after(6) is None  # "am Freitag in Berlin": no speaker after the adverbials


def test_pronoun_like_speaker_and_inverted_object_speaker(run) -> None:
    speaker, content, _ = _one(run("„Es kann so nicht weitergehen“, meinte ein anderer."))
    assert speaker == "ein anderer" and content == "Es kann so nicht weitergehen"
    # after a fronted adverbial the noun right after the verb is the subject, however it is labelled
    speaker, content, _ = _one(run("An seinem Krankenbett bekennt einer der Ärzte, er habe nie einen solchen "
                                   "Fall gesehen."))
    assert speaker == "einer der Ärzte" and content == "er habe nie einen solchen Fall gesehen"


def test_main_clause_after_a_fronted_cue_clause_is_no_content(run) -> None:
    for text in ("Nachdem ich mich auf der Seite informieren konnte, lief alles weitere per Telefon.",
                 "Die Führer der Partei, die an ein „starkes Land“ glaubten, betrachteten den Vertrag als Verrat.",
                 "Die Franzosen hatten versucht, mehr Solidarität einzufordern, hatten damit aber wenig Erfolg."):
        art = run(text)
        assert all(s.cue is None or not s.text.startswith(("lief", "betrachteten", "hatten")) for s in art.statements), text
    # a content clause after the cue stays: "Als der Minister sagte, die Steuern würden steigen, …"
    speaker, content, _ = _one(run("Der Minister sagte, die Steuern würden steigen."))
    assert speaker == "Der Minister" and content == "die Steuern würden steigen"


def test_relative_clause_and_participle_phrase_are_no_content(run) -> None:
    art = run("Damit seien die Merowinger gemeint, die als Nachkommen der Könige bezeichnet werden.")
    assert all(not s.text.startswith("die als") for s in art.statements)
    # a participle alone is no clause ("Gut geschrieben, …, berichten die Autoren"); a finite verb is
    text = "Gut geschrieben , berichten"
    tags = {0: "ADJD", 4: "VVPP", 16: "$,", 18: "VVFIN"}
    assert not Sentence(text, 0, len(text), [], "de", tags).clause_like(0, 2)
    assert Sentence(text, 0, len(text), [], "de", {**tags, 4: "VVFIN"}).clause_like(0, 2)


def test_title_and_name_parsed_as_two_subjects_and_pronoun_after_a_fronted_object() -> None:
    # "Bundeskanzler Helmut Kohl kündigte an": a model labels both the title and the name nsubj
    words = ["Bundeskanzler", "Helmut", "Kohl", "kündigte", "an"]
    doc = Doc(spacy.blank("de").vocab, words=words, heads=[3, 3, 1, 3, 3],
              deps=["nsubj", "nsubj", "flat", "ROOT", "compound:prt"], pos=["NOUN", "PROPN", "PROPN", "VERB", "ADP"])
    sp = _subject_phrase(_subject(doc[3]))
    assert doc.text[sp[0]:sp[1]] == "Bundeskanzler Helmut Kohl"
    # a name split into subject and object ("wenn Max | Straubinger sagt"): one person entity, one speaker
    doc = Doc(spacy.blank("de").vocab, words=["wenn", "Max", "Straubinger", "sagt"], heads=[3, 3, 3, 3],
              deps=["mark", "nsubj", "obj", "ROOT"], pos=["SCONJ", "PROPN", "PROPN", "VERB"],
              ents=["O", "B-PER", "I-PER", "O"])
    sp = _subject_phrase(_subject(doc[3]))
    assert doc.text[sp[0]:sp[1]] == "Max Straubinger"
    # an object that is a name of its own stays out ("dass Merkel Putin warnt")
    doc = Doc(spacy.blank("de").vocab, words=["dass", "Merkel", "Putin", "warnt"], heads=[3, 3, 3, 3],
              deps=["mark", "nsubj", "obj", "ROOT"], pos=["SCONJ", "PROPN", "PROPN", "VERB"],
              ents=["O", "B-PER", "B-PER", "O"])
    sp = _subject_phrase(_subject(doc[3]))
    assert doc.text[sp[0]:sp[1]] == "Merkel"
    # a dative after the cue is no part of the speaker ("Merkel sagte der Zeitung")
    doc = Doc(spacy.blank("de").vocab, words=["Merkel", "sagte", "der", "Zeitung"], heads=[1, 1, 3, 1],
              deps=["nsubj", "ROOT", "det", "nsubj"], pos=["PROPN", "VERB", "DET", "NOUN"])
    sp = _subject_phrase(_subject(doc[1]))
    assert doc.text[sp[0]:sp[1]] == "Merkel"
    # "die Regierung nannte er unproduktiv": the fronted object misread as subject; "er" is the speaker
    doc = Doc(spacy.blank("de").vocab, words=["die", "Regierung", "nannte", "er", "unproduktiv"],
              heads=[1, 2, 2, 2, 2], deps=["det", "nsubj", "ROOT", "nsubj", "xcomp"],
              pos=["DET", "NOUN", "VERB", "PRON", "ADJ"])
    assert _subject(doc[2]).text == "er"


def test_complement_clause_with_a_verb_tagged_infinitive_is_content() -> None:
    # "äußerte die Hoffnung, daß die Partei den Mut aufbrächten": a model tags the Konjunktiv "aufbrächten" VVINF
    words = ["äußerte", "die", "Hoffnung", ",", "daß", "die", "Partei", "den", "Mut", "aufbrächten"]
    doc = Doc(spacy.blank("de").vocab, words=words, heads=[0, 2, 0, 9, 9, 6, 9, 8, 9, 0],
              deps=["ROOT", "det", "obj", "punct", "mark", "det", "nsubj", "det", "obj", "ccomp"],
              tags=["VVFIN", "ART", "NN", "$,", "KOUS", "ART", "NN", "ART", "NN", "VVINF"])
    start = doc[4].idx
    assert reported_content(doc, start, len(doc.text), [])
    # without a complementizer: the verb has its own subject, so it is finite ("sagte, die Partei aufbrächten")
    doc = Doc(spacy.blank("de").vocab, words=["sagte", ",", "die", "Partei", "aufbrächten"], heads=[0, 4, 3, 4, 0],
              deps=["ROOT", "punct", "det", "nsubj", "ccomp"], tags=["VVFIN", "$,", "ART", "NN", "VVINF"])
    assert reported_content(doc, doc[2].idx, len(doc.text), [])
    # a relative clause inside an object makes no clause ("an die Geschichten erinnern, die die Bilder zeigen")
    doc = Doc(spacy.blank("de").vocab, words=["erinnern", "an", "Geschichten", ",", "die", "Bilder", "zeigen"],
              heads=[0, 2, 0, 6, 6, 6, 2], deps=["ROOT", "case", "obl", "punct", "nsubj", "obj", "dep"],
              tags=["VVINF", "APPR", "NN", "$,", "PRELS", "NN", "VVINF"])
    assert not reported_content(doc, doc[1].idx, len(doc.text), [])
    # a zu-infinitive with "zu" inside the word, tagged VVINF ("bitte die Linken, dies wahrzunehmen")
    doc = Doc(spacy.blank("de").vocab, words=["bitte", "X", ",", "dies", "wahrzunehmen"], heads=[0, 0, 4, 4, 1],
              deps=["ROOT", "obj", "punct", "obj", "acl"], tags=["VVFIN", "NE", "$,", "PDS", "VVINF"])
    assert reported_content(doc, doc[3].idx, len(doc.text), [])
    doc = Doc(spacy.blank("de").vocab, words=["bitte", "X", ",", "dies", "zugeben"], heads=[0, 0, 4, 4, 1],
              deps=["ROOT", "obj", "punct", "obj", "acl"], tags=["VVFIN", "NE", "$,", "PDS", "VVINF"])
    assert not reported_content(doc, doc[3].idx, len(doc.text), [])  # a verb prefixed "zu-" is no zu-infinitive
    # a bare object stays no content: "kritisierte die Pläne"
    doc = Doc(spacy.blank("de").vocab, words=["kritisierte", "die", "Pläne"], heads=[0, 2, 0],
              deps=["ROOT", "det", "obj"], tags=["VVFIN", "ART", "NN"])
    assert not reported_content(doc, doc[1].idx, len(doc.text), [])


def test_object_after_aber_is_no_misparsed_speaker() -> None:
    # "…, forderte aber mehr Mobilität ein": the same subject's second act, its object no speaker
    words = ["forderte", "aber", "mehr", "Mobilität", "ein"]
    doc = Doc(spacy.blank("de").vocab, words=words, heads=[0, 0, 3, 0, 0],
              deps=["ROOT", "advmod", "det", "obj", "compound:prt"], pos=["VERB", "ADV", "DET", "NOUN", "ADP"])
    assert _object_speaker(doc[0]) is None
    # "…, teilte die Behörde mit": the object right after the cue is the misparsed speaker
    doc = Doc(spacy.blank("de").vocab, words=["teilte", "die", "Behörde", "mit"], heads=[0, 2, 0, 0],
              deps=["ROOT", "det", "obj", "compound:prt"], pos=["VERB", "DET", "NOUN", "ADP"])
    assert _object_speaker(doc[0]).text == "Behörde"


def test_name_before_a_colon_is_no_subject() -> None:
    # "SPIEGEL: Sie meinen, …" (interview turn): a model attaches the name as a second subject of "meinen"
    doc = Doc(spacy.blank("de").vocab, words=["SPIEGEL", ":", "Sie", "meinen", ",", "es", "gibt"],
              heads=[3, 3, 3, 3, 6, 6, 3], deps=["nsubj", "punct", "nsubj", "ROOT", "punct", "nsubj", "ccomp"])
    assert _subject(doc[3]).text == "Sie"


def _rows(rows: list[tuple[str, str, str, int, str, str]]) -> tuple[Doc, Sentence]:
    """A parsed Doc from (word, STTS tag, UPOS, head, dep, morph) rows, and its statement Sentence with the tags."""
    words, tags, pos, heads, deps, morphs = (list(col) for col in zip(*rows, strict=True))
    doc = Doc(spacy.blank("de").vocab, words=words, spaces=[w not in ",." and n + 1 < len(words)
                                                            and words[n + 1] not in ",." for n, w in enumerate(words)],
              tags=tags, pos=pos, heads=heads, deps=deps, morphs=morphs, lemmas=[w.lower() for w in words])
    text = doc.text
    return doc, Sentence(text, 0, len(text), [], "de", {t.idx: t.tag_ for t in doc})


# "An seinem Krankenbett bekennt einer der Ärzte, er habe nie einen solchen Fall gesehen." as a smaller model
# parses it: "einer" object of the verb (with the model's Case=Dat), the reported clause a "relative clause" of
# "Ärzte" (the shipped model hangs it on "einer" as appos).
_BEDSIDE = [("An", "APPR", "ADP", 2, "case", ""), ("seinem", "PPOSAT", "DET", 2, "det:poss", "Case=Dat"),
            ("Krankenbett", "NN", "NOUN", 3, "obl", "Case=Dat"), ("bekennt", "VVFIN", "VERB", 3, "ROOT",
                                                                  "Mood=Ind|VerbForm=Fin"),
            ("einer", "PIS", "DET", 3, "obj", "Case=Dat|Gender=Fem"), ("der", "ART", "DET", 6, "det", "Case=Gen"),
            ("Ärzte", "NN", "NOUN", 4, "nmod", "Case=Gen"), (",", "$,", "PUNCT", 14, "punct", ""),
            ("er", "PPER", "PRON", 14, "nsubj", "Case=Nom"), ("habe", "VAFIN", "AUX", 14, "aux", "Mood=Sub|VerbForm=Fin"),
            ("nie", "ADV", "ADV", 14, "advmod", ""), ("einen", "ART", "DET", 13, "det", "Case=Acc"),
            ("solchen", "PIAT", "DET", 13, "det", ""), ("Fall", "NN", "NOUN", 14, "obj", "Case=Acc"),
            ("gesehen", "VVPP", "VERB", 6, "acl:relcl", "VerbForm=Part"), (".", "$.", "PUNCT", 3, "punct", "")]


def test_the_subject_after_a_fronted_adverbial_parsed_as_object_with_its_clause_hung_below_it() -> None:
    doc, sent = _rows(_BEDSIDE)
    found = framed_statement(sent, doc)  # "bekennen" is no cue verb: the frame rule reads it
    assert found is not None and sent.text[found.speaker[0]:found.speaker[1]] == "einer der Ärzte"
    assert sent.text[found.start:found.end].rstrip(".") == "er habe nie einen solchen Fall gesehen"
    # the same with a cue verb ("erklärt"): the parsed-speech rule
    rows = list(_BEDSIDE)
    rows[3] = ("erklärt", "VVFIN", "VERB", 3, "ROOT", "Mood=Ind|VerbForm=Fin")
    doc, sent = _rows(rows)
    found = parsed_statement(sent, doc)
    assert found is not None and sent.text[found.speaker[0]:found.speaker[1]] == "einer der Ärzte"
    assert sent.text[found.start:found.end].rstrip(".") == "er habe nie einen solchen Fall gesehen"


def _clause(cue: str, lemma: str, after: list[tuple[str, str, str, str]]) -> Doc:
    """ "Am Montag <cue> <after …> , er komme": the phrases after the cue as (word, tag, UPOS, dep/morph)."""
    rows = [("Am", "APPRART", "ADP", 1, "case", ""), ("Montag", "NN", "NOUN", 2, "obl", "Case=Dat"),
            (cue, "VVFIN", "VERB", 2, "ROOT", "Mood=Ind|VerbForm=Fin")]
    for word, tag, upos, label in after:
        dep, morph = label.split("/")
        head = 2 if dep not in ("det", "det:poss") else len(rows) + 1
        rows.append((word, tag, upos, head, dep, morph))
    n = len(rows)
    rows += [(",", "$,", "PUNCT", n + 2, "punct", ""), ("er", "PPER", "PRON", n + 2, "nsubj", "Case=Nom"),
             ("komme", "VVFIN", "VERB", 2, "ccomp", "Mood=Sub|VerbForm=Fin")]
    doc, _ = _rows(rows)
    doc[2].lemma_ = lemma
    return doc


def test_a_phrase_that_cannot_be_nominative_is_no_subject_whatever_its_label() -> None:
    # "Am Montag sagte ihm der Minister, …": a model labels "ihm" nsubj and "der Minister" obl:arg
    doc = _clause("sagte", "sagen", [("ihm", "PPER", "PRON", "nsubj/Case=Dat"), ("der", "ART", "DET", "det/"),
                                     ("Minister", "NN", "NOUN", "obl:arg/")])
    assert _subject(doc[2]).text == "Minister"
    # "Am Montag bat ihn die Kanzlerin, …": "ihn" nsubj, "die Kanzlerin" obj
    doc = _clause("bat", "bitten", [("ihn", "PPER", "PRON", "nsubj/Case=Acc"), ("die", "ART", "DET", "det/"),
                                    ("Kanzlerin", "NN", "NOUN", "obj/Case=Acc")])
    assert _subject(doc[2]).text == "Kanzlerin"
    # adverbs between: "soll mir bitte mal jemand erklären" ("mir" nsubj, "jemand" obj)
    doc = _clause("erklärt", "erklären", [("mir", "PPER", "PRON", "nsubj/Case=Dat"), ("mal", "ADV", "ADV", "advmod/"),
                                          ("jemand", "PIS", "PRON", "obj/Case=Acc")])
    assert _subject(doc[2]).text == "jemand"
    # a dative article: "dem Minister" is no subject either, and nothing nominative follows: the statement
    # stands without a speaker
    doc = _clause("sagte", "sagen", [("dem", "ART", "DET", "det/"), ("Minister", "NN", "NOUN", "nsubj/")])
    assert _subject(doc[2]) is None and _oblique_subject(doc[2])
    text = doc.text
    found = parsed_statement(Sentence(text, 0, len(text), [], "de", {t.idx: t.tag_ for t in doc}), doc)
    assert found is not None and found.speaker is None and text[found.start:found.end].startswith("er komme")


def test_an_object_right_after_the_cue_is_its_subject_only_if_it_can_be_nominative() -> None:
    # no subject, one object after the cue and a fronted adverbial: the object slot is the subject's …
    doc = _clause("sagte", "sagen", [("einer", "PIS", "PRON", "obj/Case=Dat")])
    assert _inverted_object(doc[2]).text == "einer"  # cannot be accusative, whatever the model's Case
    doc = _clause("sagte", "sagen", [("die", "ART", "DET", "det/"), ("Regierung", "NN", "NOUN", "obj/Case=Acc")])
    assert _inverted_object(doc[2]).text == "Regierung"  # the clause fills "sagen"'s object slot
    # … but not a dative or accusative form ("sagte ihm", "bat ihn", "sagte dem Minister")
    for phrase in ([("ihm", "PPER", "PRON", "obj/Case=Dat")], [("ihn", "PPER", "PRON", "obj/Case=Acc")],
                   [("dem", "ART", "DET", "det/"), ("Minister", "NN", "NOUN", "obj/")]):
        assert _inverted_object(_clause("sagte", "sagen", phrase)[2]) is None, phrase
    # a verb that takes a person besides its clause: an ambiguous phrase is its object unless read nominative
    doc = _clause("bat", "bitten", [("die", "ART", "DET", "det/"), ("Regierung", "NN", "NOUN", "obj/Case=Acc")])
    assert _inverted_object(doc[2]) is None
    doc = _clause("bat", "bitten", [("die", "ART", "DET", "det/"), ("Regierung", "NN", "NOUN", "obj/Case=Nom")])
    assert _inverted_object(doc[2]).text == "Regierung"


# "Liebe Kolleginnen und Kollegen, darf ich um Aufmerksamkeit bitten, auch wenn manche Fragen offen sind." as a
# smaller model parses it: the address an oblique of "bitten", the orator's "ich" its subject, the wenn-clause
# its complement (the shipped model makes the address the subject).
_ADDRESS = [("Liebe", "ADJA", "ADJ", 1, "dep", "Case=Nom"), ("Kolleginnen", "NN", "NOUN", 9, "obl", "Case=Nom"),
            ("und", "KON", "CCONJ", 3, "cc", ""), ("Kollegen", "NN", "NOUN", 1, "conj", "Case=Nom"),
            (",", "$,", "PUNCT", 1, "punct", ""), ("darf", "VMFIN", "AUX", 9, "aux", "Mood=Ind|VerbForm=Fin"),
            ("ich", "PPER", "PRON", 9, "nsubj", "Case=Nom|Person=1"), ("um", "APPR", "ADP", 8, "case", ""),
            ("Aufmerksamkeit", "NN", "NOUN", 9, "obl", "Case=Acc"), ("bitten", "VVINF", "VERB", 9, "ROOT",
                                                                      "VerbForm=Inf"),
            (",", "$,", "PUNCT", 15, "punct", ""), ("auch", "ADV", "ADV", 15, "advmod", ""),
            ("wenn", "KOUS", "SCONJ", 15, "mark", ""), ("manche", "PIAT", "DET", 14, "det", "Case=Nom"),
            ("Fragen", "NN", "NOUN", 15, "nsubj", "Case=Nom"), ("offen", "ADJD", "ADJ", 9, "ccomp", ""),
            ("sind", "VAFIN", "AUX", 15, "cop", "Mood=Ind|VerbForm=Fin"), (".", "$.", "PUNCT", 9, "punct", "")]


@pytest.mark.parametrize(("speaker", "label"), [("ich", "nsubj"), ("Kolleginnen", "nsubj")])
def test_an_address_is_no_speaker_however_parsed(speaker: str, label: str) -> None:
    # the orator's "ich" as subject (a smaller model) or the address as subject (the shipped model)
    rows = [(w, t, u, h, ("obl" if w == "ich" and speaker != "ich" else label if w == speaker else d), m)
            for w, t, u, h, d, m in _ADDRESS]
    doc, _ = _rows(rows)
    article = statements(Article(id="t", text=doc.text, language="de", doc=doc, actors=()))
    assert article.statements and all(s.speaker_text in (None, "ich") for s in article.statements)
    # an address without an opener of vocatives.tsv, parsed as the subject: "Frau Ministerin, Sie haben gesagt, …"
    rows = [("Frau", "NN", "NOUN", 1, "compound", ""), ("Ministerin", "NN", "NOUN", 5, "nsubj", "Case=Nom"),
            (",", "$,", "PUNCT", 1, "punct", ""), ("Sie", "PPER", "PRON", 5, "obj", "Case=Nom"),
            ("haben", "VAFIN", "AUX", 5, "aux", "Mood=Ind|VerbForm=Fin"), ("gesagt", "VVPP", "VERB", 5, "ROOT",
                                                                         "VerbForm=Part"),
            (",", "$,", "PUNCT", 8, "punct", ""), ("es", "PPER", "PRON", 8, "expl", "Case=Nom"),
            ("gebe", "VVFIN", "VERB", 5, "ccomp", "Mood=Sub|VerbForm=Fin"), ("eine", "ART", "DET", 10, "det", ""),
            ("Arbeitsgruppe", "NN", "NOUN", 8, "obj", "Case=Acc"), (".", "$.", "PUNCT", 5, "punct", "")]
    doc, _ = _rows(rows)
    article = statements(Article(id="t", text=doc.text, language="de", doc=doc, actors=()))
    assert article.statements and all(s.speaker_text != "Frau Ministerin" for s in article.statements)


def test_an_address_is_read_from_the_words_not_the_parse() -> None:
    def span(words: list[str], tags: list[str]) -> str | None:
        doc = Doc(spacy.blank("de").vocab, words=words, tags=tags)
        sent = Sentence(doc.text, 0, len(doc.text), [], "de", {t.idx: t.tag_ for t in doc})
        sp = address_span(sent)
        return doc.text[sp[0]:sp[1]] if sp else None

    assert span(["Herr", "Präsident", ",", "ich", "habe", "gesagt"], ["NN", "NN", "$,", "PPER", "VAFIN", "VVPP"]) \
        == "Herr Präsident"
    assert span(["Frau", "Ministerin", ",", "darf", "ich", "fragen"], ["NN", "NN", "$,", "VMFIN", "PPER", "VVINF"]) \
        == "Frau Ministerin"
    assert span(["Sehr", "geehrte", "Damen", ",", "die", "Lage"], ["ADV", "ADJA", "NN", "$,", "ART", "NN"]) \
        == "Sehr geehrte Damen"  # an opener of vocatives.tsv, whatever follows
    # an article, a preposition or a third-person clause make no address
    assert span(["Die", "Regierung", ",", "ich", "sage", "es"], ["ART", "NN", "$,", "PPER", "VVFIN", "PPER"]) is None
    assert span(["Im", "Jahr", "2016", ",", "ich", "war"], ["APPRART", "NN", "CARD", "$,", "PPER", "VAFIN"]) is None
    assert span(["Herr", "Müller", ",", "der", "Minister"], ["NN", "NE", "$,", "ART", "NN"]) is None
