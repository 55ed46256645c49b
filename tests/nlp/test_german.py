"""UD conventions on top of the German tagger and parser (kiebitz_upos): AUX/VERB, ADJ, tag-UPOS agreement, labels."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from kiebitz.nlp.german import upos_component


def _doc(rows: list[tuple]) -> Doc:
    """A parsed Doc from (word, STTS tag, UPOS, head index, dep) rows; a sixth column gives the lemma
    (the pipeline's lemmatizer runs before kiebitz_upos)."""
    words, tags, pos, heads, deps = (list(col) for col in zip(*[r[:5] for r in rows], strict=True))
    lemmas = [r[5] if len(r) > 5 else "" for r in rows]
    return Doc(spacy.blank("de").vocab, words=words, tags=tags, pos=pos, heads=heads, deps=deps, lemmas=lemmas)


def test_haben_with_an_object_is_a_full_verb() -> None:
    doc = upos_component(_doc([("Er", "PPER", "PRON", 1, "nsubj"), ("hat", "VAFIN", "AUX", 1, "ROOT"),
                               ("ein", "ART", "DET", 3, "det"), ("Auto", "NN", "NOUN", 1, "obj")]))
    assert doc[1].pos_ == "VERB"


def test_auxiliary_stays_aux_even_when_misparsed_as_head() -> None:
    # The participle hangs under "hat" (a parse error): "hat" keeps AUX because a verb sits below it.
    doc = upos_component(_doc([("Er", "PPER", "PRON", 1, "nsubj"), ("hat", "VAFIN", "AUX", 1, "ROOT"),
                               ("gelacht", "VVPP", "VERB", 1, "xcomp")]))
    assert doc[1].pos_ == "AUX"


def test_aux_and_copula_relations_are_aux() -> None:
    doc = upos_component(_doc([("Sie", "PPER", "PRON", 2, "nsubj"), ("wird", "VAFIN", "VERB", 2, "aux"),
                               ("kommen", "VVINF", "VERB", 2, "ROOT")]))
    assert doc[1].pos_ == "AUX"
    doc = upos_component(_doc([("Das", "PDS", "PRON", 2, "nsubj"), ("ist", "VAFIN", "VERB", 2, "cop", "sein"),
                               ("gut", "ADJD", "ADV", 2, "ROOT")]))
    assert doc[1].pos_ == "AUX"
    assert doc[2].pos_ == "ADJ"  # STTS ADJD is an adjective in UD


def test_the_pipeline_applies_the_conventions(de) -> None:
    doc = de("Die Regierung hat das Gesetz beschlossen.")
    assert doc[2].pos_ == "AUX"


def test_a_upos_the_treebank_never_gives_the_stts_tag_yields_to_the_tag() -> None:
    # The morphologizer read the attributive adjective as NOUN and the finite verb as ADV; the tagger's
    # ADJA/VVFIN are (almost) never NOUN/ADV in GSD, so the tag's UPOS wins.
    doc = upos_component(_doc([("Die", "ART", "DET", 2, "det"), ("neue", "ADJA", "NOUN", 2, "amod"),
                               ("Regel", "NN", "NOUN", 3, "nsubj"), ("gilt", "VVFIN", "ADV", 3, "ROOT")]))
    assert [t.pos_ for t in doc] == ["DET", "ADJ", "NOUN", "VERB"]


def test_a_common_alternative_upos_of_the_tag_is_kept() -> None:
    # GSD gives "andere" (ADJA) DET; ADJA as DET is frequent enough (>= 5%) to trust the morphologizer.
    doc = upos_component(_doc([("andere", "ADJA", "DET", 1, "det"), ("Länder", "NN", "NOUN", 1, "ROOT")]))
    assert doc[0].pos_ == "DET"
    # ...and where the tag wins, the treebank's word-specific UPOS is used ("andere" under ADJA: DET).
    doc = upos_component(_doc([("andere", "ADJA", "NOUN", 1, "det"), ("Länder", "NN", "NOUN", 1, "ROOT")]))
    assert doc[0].pos_ == "DET"


def test_gsd_dependency_labels() -> None:
    doc = upos_component(_doc([("Der", "ART", "DET", 1, "det"), ("Mann", "NN", "NOUN", 3, "nsubj"),
                               ("wurde", "VAFIN", "AUX", 3, "aux:pass"), ("festgenommen", "VVPP", "VERB", 3, "ROOT")]))
    assert doc[1].dep_ == "nsubj:pass"
    doc = upos_component(_doc([("Angela", "NE", "PROPN", 2, "nsubj"), ("Merkel", "NE", "PROPN", 0, "flat:name"),
                               ("lacht", "VVFIN", "VERB", 2, "ROOT")]))
    assert doc[1].dep_ == "flat" and doc[0].dep_ == "nsubj"


def test_a_counted_name_is_a_group_not_a_person() -> None:
    from kiebitz.nlp.german import groups_component

    doc = Doc(spacy.blank("de").vocab, words=["Tausende", "Israelis", "protestierten", "mit", "Peskow", "."],
              tags=["NN", "NE", "VVFIN", "APPR", "NE", "$."], lemmas=["Tausend", "Israelis", "protestieren", "mit",
                                                                       "Peskow", "."],
              ents=["O", "B-PER", "O", "O", "B-PER", "O"])
    doc = groups_component(doc)
    assert [(e.text, e.label_) for e in doc.ents] == [("Israelis", "ORG"), ("Peskow", "PER")]


def test_a_counted_place_label_is_a_group_but_a_postcode_city_stays_a_place() -> None:
    from kiebitz.nlp.german import groups_component

    doc = Doc(spacy.blank("de").vocab, words=["Tausende", "Israelis", "protestierten", "in", "10117", "Berlin", "."],
              tags=["NN", "NN", "VVFIN", "APPR", "CARD", "NE", "$."],
              lemmas=["Tausend", "Israeli", "protestieren", "in", "10117", "Berlin", "."],
              morphs=["", "Number=Plur", "", "", "", "Number=Sing", ""],
              ents=["O", "B-LOC", "O", "O", "O", "B-LOC", "O"])
    doc = groups_component(doc)
    assert [(e.text, e.label_) for e in doc.ents] == [("Israelis", "ORG"), ("Berlin", "LOC")]


def test_a_konjunktiv_read_as_adjective_with_a_subject_is_a_verb() -> None:
    # "…, sein Land plane Operationen": the tagger's ADJA for a stem + "-e" form; the parse gives it a subject
    rows = [("Er", "PPER", "PRON", 1, "nsubj"), ("sagte", "VVFIN", "VERB", 1, "ROOT"), (",", "$,", "PUNCT", 5, "punct"),
            ("sein", "PPOSAT", "DET", 4, "det:poss"), ("Land", "NN", "NOUN", 5, "nsubj"),
            ("plane", "ADJA", "ADJ", 6, "amod"), ("Operationen", "NN", "NOUN", 1, "obj"),
            ("konkrete", "ADJA", "ADJ", 6, "amod")]
    doc = upos_component(_doc(rows))
    assert (doc[5].tag_, doc[5].pos_, doc[5].morph.get("Mood")) == ("VVFIN", "VERB", ["Sub"])
    assert doc[7].tag_ == "ADJA"  # no subject: stays an adjective


def test_a_weak_past_verb_read_as_adjective_heading_a_clause_is_a_verb() -> None:
    # "Der Sender meldete Verluste an": the parse makes the ADJA the root with a subject and a particle
    rows = [("Der", "ART", "DET", 1, "det"), ("Sender", "NN", "NOUN", 2, "nsubj"), ("meldete", "ADJA", "ADJ", 2, "ROOT"),
            ("Verluste", "NN", "NOUN", 2, "obj"), ("an", "PTKVZ", "ADP", 2, "compound:prt")]
    doc = upos_component(_doc(rows))
    assert (doc[2].tag_, doc[2].pos_, doc[2].lemma_, doc[2].morph.get("Mood")) == ("VVFIN", "VERB", "melden", ["Ind"])


def test_a_second_coordinated_past_verb_read_as_attribute_is_reattached() -> None:
    # "Die Firma lobte den Plan und warnte Brüssel": "warnte" hung on "Brüssel" as its attribute
    rows = [("Die", "ART", "DET", 1, "det"), ("Firma", "NN", "NOUN", 2, "nsubj"), ("lobte", "VVFIN", "VERB", 2, "ROOT"),
            ("den", "ART", "DET", 4, "det"), ("Plan", "NN", "NOUN", 2, "obj"), ("und", "KON", "CCONJ", 7, "cc"),
            ("warnte", "ADJA", "ADJ", 7, "amod"), ("Brüssel", "NE", "PROPN", 4, "conj")]
    doc = upos_component(_doc(rows))
    assert (doc[6].tag_, doc[6].dep_, doc[6].head.i) == ("VVFIN", "conj", 2)
    assert (doc[7].dep_, doc[7].head.i, doc[5].head.i) == ("obj", 6, 6)


def test_attributive_past_participles_stay_adjectives() -> None:
    # "die verhängten Sanktionen" (article before), "alte und reparierte Wagen" (coordinated attributes),
    # "letzte" (no verb "letzen" whose past it could be)
    rows = [("Sie", "PPER", "PRON", 1, "nsubj"), ("kritisierte", "VVFIN", "VERB", 1, "ROOT"),
            ("die", "ART", "DET", 4, "det"), ("verhängten", "ADJA", "ADJ", 4, "amod"), ("Sanktionen", "NN", "NOUN", 1, "obj"),
            ("und", "KON", "CCONJ", 8, "cc"), ("alte", "ADJA", "ADJ", 8, "amod"), ("und", "KON", "CCONJ", 8, "cc"),
            ("reparierte", "ADJA", "ADJ", 9, "amod"), ("Wagen", "NN", "NOUN", 4, "conj"),
            ("letzte", "ADJA", "ADJ", 1, "ROOT")]
    doc = upos_component(_doc(rows))
    assert [doc[i].tag_ for i in (3, 6, 8, 10)] == ["ADJA"] * 4


def test_an_article_before_a_finite_verb_is_a_pronoun() -> None:
    # "Seehofer, der sagte, …" / "Der sagte …": an article never stands right before a finite verb
    rows = [("Seehofer", "NE", "PROPN", 0, "ROOT"), (",", "$,", "PUNCT", 3, "punct"), ("der", "ART", "DET", 3, "nsubj"),
            ("sagte", "VVFIN", "VERB", 0, "ccomp"), ("es", "PPER", "PRON", 3, "obj")]
    doc = upos_component(_doc(rows))
    assert (doc[2].tag_, doc[2].pos_, doc[2].morph.get("PronType")) == ("PRELS", "PRON", ["Rel"])
    doc = upos_component(_doc([("Der", "ART", "DET", 1, "nsubj"), ("sagte", "VVFIN", "VERB", 1, "ROOT"),
                               ("das", "ART", "DET", 3, "det"), ("Wort", "NN", "NOUN", 1, "obj")]))
    assert doc[0].tag_ == "PDS" and doc[2].tag_ == "ART"  # before a noun: an article


def test_an_article_split_from_its_noun_by_an_extended_attribute_is_joined() -> None:
    # "…, teilte die für den Bezirk zuständige Behörde mit": "die" parsed as subject, "Behörde" as object
    rows = [("teilte", "VVFIN", "VERB", 0, "ROOT"), ("die", "ART", "DET", 0, "nsubj"), ("für", "APPR", "ADP", 4, "case"),
            ("den", "ART", "DET", 4, "det"), ("Bezirk", "NN", "NOUN", 0, "obl"), ("zuständige", "ADJA", "ADJ", 6, "amod"),
            ("Behörde", "NN", "NOUN", 0, "obj"), ("mit", "PTKVZ", "ADP", 0, "compound:prt")]
    doc = upos_component(_doc(rows))
    assert (doc[6].dep_, doc[6].head.i) == ("nsubj", 0)
    assert (doc[1].dep_, doc[1].head.i) == ("det", 6)
    # an article with its own noun right after it is left alone
    rows = [("sah", "VVFIN", "VERB", 0, "ROOT"), ("die", "ART", "DET", 0, "obj"), ("Behörde", "NN", "NOUN", 0, "nsubj")]
    doc = upos_component(_doc(rows))
    assert doc[1].dep_ == "obj"


def test_a_substituting_demonstrative_is_a_pronoun() -> None:
    # "Das sagte er": PDS standing for a noun phrase is PRON in UD, whatever the morphologizer said;
    # a PDS the parser attaches as determiner is an attributive demonstrative: DET, whatever the morphologizer said.
    doc = upos_component(_doc([("Das", "PDS", "DET", 1, "obj"), ("sagte", "VVFIN", "VERB", 1, "ROOT"),
                               ("er", "PPER", "PRON", 1, "nsubj")]))
    assert doc[0].pos_ == "PRON"
    doc = upos_component(_doc([("die", "PDS", "PRON", 1, "det"), ("Regel", "NN", "NOUN", 2, "nsubj"),
                               ("gilt", "VVFIN", "VERB", 2, "ROOT")]))
    assert doc[0].pos_ == "DET"


def test_a_particle_verb_with_infixed_zu_is_a_zu_infinitive() -> None:
    # "kündigte an, seine Truppen abzuziehen": a model tags "abzuziehen" VVINF; particle + "zu" + a verb is VVIZU
    rows = [("Russland", "NE", "PROPN", 1, "nsubj"), ("kündigte", "VVFIN", "VERB", 1, "ROOT"),
            ("an", "PTKVZ", "ADP", 1, "compound:prt"), (",", "$,", "PUNCT", 6, "punct"),
            ("seine", "PPOSAT", "DET", 5, "det:poss"), ("Truppen", "NN", "NOUN", 6, "obj"),
            ("abzuziehen", "VVINF", "VERB", 1, "ccomp")]
    doc = _doc(rows)
    doc[6].lemma_ = "abzuziehen"  # an unknown form's lemma may be the form itself
    doc[6].set_morph("VerbForm=Inf")
    doc = upos_component(doc)
    assert (doc[6].tag_, doc[6].pos_, doc[6].lemma_, str(doc[6].morph)) == ("VVIZU", "VERB", "abziehen", "VerbForm=Inf")
    for word, tag in (("zuzustimmen", "VVINF"), ("hinzuzufügen", "VVINF"), ("anzukündigen", "VAINF"),
                      ("abzuschließen", "VVINF")):
        assert upos_component(_doc([(word, tag, "VERB", 0, "ROOT")]))[0].tag_ == "VVIZU", word
    # "zu" must follow a particle and leave a known verb: plain infinitives stay VVINF
    for word in ("zuziehen", "zubereiten", "zuschließen", "hinzufügen", "hinzuziehen", "einzuckern", "aufzurren"):
        assert upos_component(_doc([(word, "VVINF", "VERB", 0, "ROOT")]))[0].tag_ == "VVINF", word


def test_gsd_word_conventions_win_over_the_morphologizer() -> None:
    # Weekdays and months are PROPN in GSD (test: weekdays 43 of 43, months 30 of 37), NOUN in PUD.
    doc = upos_component(_doc([("Am", "APPRART", "ADP", 1, "case"), ("Donnerstag", "NN", "NOUN", 2, "obl"),
                               ("kam", "VVFIN", "VERB", 2, "ROOT"), ("er", "PPER", "PRON", 2, "nsubj")]))
    assert doc[1].pos_ == "PROPN"
    # A month GSD test never shows gets the class's convention; an ordinary noun keeps its UPOS.
    doc = upos_component(_doc([("im", "APPRART", "ADP", 1, "case"), ("Februar", "NN", "NOUN", 2, "obl"),
                               ("Regen", "NN", "NOUN", 2, "ROOT")]))
    assert [t.pos_ for t in doc] == ["ADP", "PROPN", "NOUN"]
    # GSD tags "wirklich" ADV (9 of 9); our tagger says ADJD: GSD's UPOS through the ADJD/ADV pair.
    doc = upos_component(_doc([("Das", "PDS", "PRON", 3, "nsubj"), ("ist", "VAFIN", "AUX", 3, "cop", "sein"),
                               ("wirklich", "ADJD", "ADJ", 3, "advmod"), ("gut", "ADJD", "ADJ", 3, "ROOT")]))
    assert [t.pos_ for t in doc] == ["PRON", "AUX", "ADV", "ADJ"]
    # "dies" standing alone is DET in GSD (12 of 12), not the pronoun of other demonstratives.
    doc = upos_component(_doc([("Dies", "PDS", "PRON", 1, "nsubj"), ("gilt", "VVFIN", "VERB", 1, "ROOT")]))
    assert doc[0].pos_ == "DET"


def test_word_conventions_leave_auxiliaries_to_the_parse() -> None:
    # "hat" heading a clause with an object is a full verb whatever the word's counts say.
    doc = upos_component(_doc([("Er", "PPER", "PRON", 1, "nsubj"), ("hat", "VAFIN", "AUX", 1, "ROOT"),
                               ("Zeit", "NN", "NOUN", 1, "obj")]))
    assert doc[1].pos_ == "VERB"


def test_only_sein_is_a_copula() -> None:
    # GSD's copula is "sein" alone (451 of 451 "cop" dependents in GSD test + PUD): "hatte" hung as a
    # copula on its object is a full verb; a real copula stays AUX.
    doc = upos_component(_doc([("Er", "PPER", "PRON", 3, "nsubj"), ("hatte", "VAFIN", "AUX", 3, "cop", "haben"),
                               ("die", "ART", "DET", 3, "det"), ("Lösung", "NN", "NOUN", 3, "ROOT")]))
    assert doc[1].pos_ == "VERB"
    # ...unless it hangs on a participle: then it is the perfect's auxiliary the parser mislabelled.
    doc = upos_component(_doc([("Sie", "PPER", "PRON", 2, "nsubj"), ("hatten", "VAFIN", "AUX", 2, "cop", "haben"),
                               ("aufgefordert", "VVPP", "VERB", 2, "ROOT")]))
    assert doc[1].pos_ == "AUX"


def test_a_participle_with_a_copula_is_an_adjective() -> None:
    # GSD tags predicative participles ADJD/ADJ (31 of 34 participles with a "cop" dependent in GSD test);
    # with "sein" as the perfect's auxiliary ("ist gegangen") the participle stays VERB.
    doc = upos_component(_doc([("Wir", "PPER", "PRON", 2, "nsubj"), ("waren", "VAFIN", "AUX", 2, "cop", "sein"),
                               ("begeistert", "VVPP", "VERB", 2, "ROOT")]))
    assert [t.pos_ for t in doc] == ["PRON", "AUX", "ADJ"]
    doc = upos_component(_doc([("Er", "PPER", "PRON", 2, "nsubj"), ("ist", "VAFIN", "AUX", 2, "aux", "sein"),
                               ("gegangen", "VVPP", "VERB", 2, "ROOT")]))
    assert [t.pos_ for t in doc] == ["PRON", "AUX", "VERB"]


def test_sein_with_a_place_and_no_predicate_is_a_full_verb() -> None:
    # "Ich war heute da": "sein" heading its clause with adverbs of time and place and no predicate is UD's
    # full verb (GSD test as parsed: VERB 22 of 24).
    doc = upos_component(_doc([("Ich", "PPER", "PRON", 1, "nsubj"), ("war", "VAFIN", "AUX", 1, "ROOT", "sein"),
                               ("heute", "ADV", "ADV", 1, "advmod"), ("da", "ADV", "ADV", 1, "advmod")]))
    assert doc[1].pos_ == "VERB"
    # With a predicate below it (the parser hung "klar" on it), "sein" stays the copula AUX.
    doc = upos_component(_doc([("Es", "PPER", "PRON", 1, "nsubj"), ("war", "VAFIN", "AUX", 1, "ROOT", "sein"),
                               ("heute", "ADV", "ADV", 1, "advmod"), ("klar", "ADJD", "ADJ", 1, "advmod")]))
    assert doc[1].pos_ == "AUX"


def test_a_name_tag_wins_over_a_noun_reading() -> None:
    # The tagger says NE (a name; GSD test: PROPN 760 of 815 NE tokens), the morphologizer NOUN: PROPN ...
    doc = upos_component(_doc([("in", "APPR", "ADP", 1, "case"), ("Cuxhaven", "NE", "NOUN", 2, "obl"),
                               ("wohnen", "VVINF", "VERB", 2, "ROOT")]))
    assert doc[1].pos_ == "PROPN"
    # ... unless GSD tags the word NE and NOUN (a common noun inside a name: "Deutsche Bundesbahn").
    doc = upos_component(_doc([("die", "ART", "DET", 1, "det"), ("Bundesbahn", "NE", "NOUN", 2, "nsubj"),
                               ("fährt", "VVFIN", "VERB", 2, "ROOT")]))
    assert doc[1].pos_ == "NOUN"
