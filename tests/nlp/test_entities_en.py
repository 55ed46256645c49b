"""English entity clean-up after the small model's NER (kiebitz_en_entities)."""

from __future__ import annotations

from kiebitz.nlp.english import first_names_en


def ents(nlp, text: str) -> set[tuple[str, str]]:  # noqa: ANN001 - spaCy Language
    return {(e.text, e.label_) for e in nlp(text).ents}


def test_leading_article_is_not_part_of_the_name(en) -> None:
    found = ents(en, "He works for the Chicago Symphony Orchestra in the United States.")
    assert ("Chicago Symphony Orchestra", "ORG") in found
    assert ("United States", "GPE") in found


def test_genitive_is_cut_but_a_shop_name_keeps_its_s(en) -> None:
    assert {t for t, _ in ents(en, "New York 's economy grew.")} >= {"New York"}
    assert any(t == "Del Frisco 's" for t, _ in ents(en, "We had dinner at Del Frisco 's ."))


def test_given_names_are_people(en) -> None:
    assert ("Vince", "PERSON") in ents(en, "Vince , please call me tomorrow .")
    assert ("Traci", "PERSON") in ents(en, "Sean Figaro wrote to Traci about the contract.")


def test_english_words_are_not_names_alone(en) -> None:
    assert not {lab for _t, lab in ents(en, "Hope this helps.")} & {"PERSON"}
    assert first_names_en()["Hope"] is True and first_names_en()["Vince"] is False


def test_separators_split_entities(en) -> None:
    found = {t for t, _ in ents(en, "We have Hobby Lobby , Walmart , and Target nearby.")}
    assert not any("," in t for t in found)


def test_titles_are_not_part_of_a_name(en) -> None:
    found = ents(en, "President George Bush met Dr. Jane Smith in Washington.")
    assert not any(t.startswith(("President", "Dr")) for t, lab in found if lab == "PERSON")


def test_a_comma_before_a_legal_form_does_not_split(en) -> None:  # noqa: ANN001 - spaCy Language
    from spacy.tokens import Doc, Span

    from kiebitz.nlp.english import english_entities

    words = ["She", "joined", "Google", ",", "Inc.", "and", "Hobby", "Lobby", ",", "Walmart", "."]
    tags = ["PRP", "VBD", "NNP", ",", "NNP", "CC", "NNP", "NNP", ",", "NNP", "."]
    doc = Doc(en.vocab, words=words, tags=tags)
    doc.ents = [Span(doc, 2, 5, label="ORG"), Span(doc, 6, 10, label="ORG")]
    found = {e.text for e in english_entities(doc).ents}
    assert found == {"Google , Inc.", "Hobby Lobby", "Walmart"}


def test_a_spaced_dash_splits_but_a_hyphen_joins(en) -> None:  # noqa: ANN001 - spaCy Language
    found = {t for t, _ in ents(en, "PARIS - Dockworkers walked off the job at the port of Le Havre.\n\n"
                                    "Foreign Minister Fernando Grande-Marlaska spoke.")}
    assert not any(" - " in t for t in found)
    assert any("Grande-Marlaska" in t for t in found)
