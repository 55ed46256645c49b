"""German news entity rules (kiebitz.nlp.news), on hand-made sentences through the full German pipeline."""

from __future__ import annotations

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from kiebitz.nlp.news import _common_nouns, is_common_noun, is_org_head
from kiebitz.nlp.news_places import _streets


def ents(de: Language, text: str) -> set[tuple[str, str]]:
    return {(e.text, e.label_) for e in de(text).ents}


def test_line_break_ends_a_name(de: Language) -> None:
    got = ents(de, "Der Trainer lobte Christian\nDie Mannschaft siegte. Das sagte Michael Reynolds\n")
    assert not any("\n" in text for text, _ in got)
    assert ("Michael Reynolds", "PER") in got


def test_hashtag_starts_a_new_name(de: Language) -> None:
    got = ents(de, "Stau auf der #A7 #Flensburg - #Hamburg")
    assert not any("#" in text for text, _ in got)


def test_retweet_marker_is_no_name(de: Language) -> None:
    got = ents(de, "RT @stadtwerke_info: Heute fahren wieder alle Busse.")
    assert ("RT", "ORG") not in got
    assert "RT" not in {text for text, _ in got}


def test_rt_as_a_broadcaster_stays(de: Language) -> None:
    got = ents(de, "Der Sender RT berichtete am Montag über die Verhandlungen.")
    assert ("RT", "ORG") in got


def test_caption_label_is_no_name(de: Language) -> None:
    got = ents(de, "Die Straße war stundenlang gesperrt.\nBild: Anna Berger\nFoto: Peter Krause")
    assert "Bild" not in {text for text, _ in got}
    assert "Foto" not in {text for text, _ in got}


def test_road_numbers_are_places(de: Language) -> None:
    got = ents(de, "Auf der A 9 staute sich der Verkehr, die B96 war zwischen Stralsund und Rostock gesperrt.")
    assert ("A 9", "LOC") in got
    assert ("B96", "LOC") in got


def test_traffic_report_line(de: Language) -> None:
    got = ents(de, "Verkehrslage am Morgen\nA94 Passau Richtung München: 3 km Stau")
    assert ("A94", "LOC") in got
    assert "A94 Passau" not in {text for text, _ in got}


def test_car_model_is_no_road(de: Language) -> None:
    got = ents(de, "Audi stellt den neuen A4 vor, der ab Juni verkauft wird.")
    assert ("A4", "LOC") not in got


def test_organisation_kind_noun_makes_an_org(de: Language) -> None:
    got = ents(de, "Der Autobauer Ford hat den Chiphersteller Intel als Partner gewonnen.")
    assert ("Ford", "ORG") in got
    assert ("Intel", "ORG") in got
    assert ("Chiphersteller Intel", "ORG") not in got  # the kind noun is not part of the name


def test_union_after_its_kind_noun(de: Language) -> None:
    got = ents(de, "Die Gewerkschaft Verdi rief die Beschäftigten zum Warnstreik auf.")
    assert ("Verdi", "ORG") in got


def test_legal_form_ends_a_company_name(de: Language) -> None:
    got = ents(de, "Die Davoser Bergbahnen AG meldete einen Gewinn. Der Vorstand der Steilmann SE trat zurück.")
    assert ("Davoser Bergbahnen AG", "ORG") in got
    assert ("Steilmann SE", "ORG") in got


def test_org_heads() -> None:
    assert is_org_head("Autobauer") and is_org_head("US-Autobauer") and is_org_head("Konzerns")
    assert is_org_head("Großbank") and not is_org_head("Bank")  # "Bank Austria": the word alone is in the name
    assert not is_org_head("Tochter") and is_org_head("Konzerntochter")  # "seine Tochter Anna"
    assert not is_org_head("autobauer") and not is_org_head("Sprecher")


def test_known_town_is_a_place(de: Language) -> None:
    got = ents(de, "Der Unfall ereignete sich am Montag zwischen Friedrichshafen und Lichtenfels.")
    assert ("Friedrichshafen", "LOC") in got
    assert ("Lichtenfels", "LOC") in got


def test_town_list_leaves_out_common_words() -> None:
    from kiebitz.nlp.news_places import towns

    table = towns()
    assert "Friedrichshafen" in table and "Bad Homburg" in table
    assert not {"Essen", "Zug", "Mitte", "Waren", "Linden", "Much"} & table


def test_company_name_recurs_as_company(de: Language) -> None:
    got = ents(de, "Der Autobauer Daihatsu wird übernommen. Daihatsu hatte zuletzt Verluste gemeldet.")
    assert sum(1 for e in de("Der Autobauer Daihatsu wird übernommen. Daihatsu hatte zuletzt Verluste "
                             "gemeldet.").ents if e.text == "Daihatsu" and e.label_ == "ORG") == 2
    assert ("Daihatsu", "PER") not in got


def test_station_is_place_and_station_word(de: Language) -> None:
    got = ents(de, "Der Zug fällt zwischen Leipzig Hbf und Frankfurt (Main) Hbf aus.")
    assert ("Leipzig Hbf", "LOC") in got
    assert ("Frankfurt (Main) Hbf", "LOC") in got


def test_district_with_hyphen_is_a_place(de: Language) -> None:
    got = ents(de, "Der Stau reicht vom Kreuz bis Rastatt-Süd, die Polizei sperrte die Ausfahrt Plauen-Ost.")
    assert ("Rastatt-Süd", "LOC") in got
    assert ("Plauen-Ost", "LOC") in got


def test_compound_about_a_place_is_no_district() -> None:
    from kiebitz.nlp.news_places import _district

    assert _district("Köln-Süd") and _district("Dresden-Neustadt")
    assert not _district("Berlin-Besuch")  # a common noun after the place
    assert not _district("US-Baufinanzierer")  # a country, not a town


def test_chained_legal_forms_do_not_break(de: Language) -> None:
    """Several legal forms in a row, after an entity ("… GmbH & Co. KG", "AG SE AG"), give one name."""
    for text in ("Die Erste Oderfelder GmbH & Co. KG und die Müller AG SE AG GmbH meldeten Insolvenz.",
                 "Bilfinger Berger AG GmbH KG SE: Siemens AG AG."):
        doc = de(text)
        spans = [(e.start, e.end) for e in doc.ents]
        assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:], strict=False))
    got = ents(de, "Die Erste Oderfelder GmbH & Co. KG meldete Insolvenz.")
    assert any(text.endswith("GmbH & Co. KG") and label == "ORG" for text, label in got)


def test_ends_of_a_stretch_are_places(de: Language) -> None:
    got = ents(de, "Wegen Bauarbeiten fallen die Züge zwischen Oberhausen und Ostermünchen aus.")
    assert ("Ostermünchen", "LOC") in got


def test_magazine_after_its_kind_noun(de: Language) -> None:
    got = ents(de, "Das französische Satiremagazin Charlie Hebdo feiert sein Überleben.")
    assert ("Charlie Hebdo", "ORG") in got


def test_function_words_leave_entity_edges(de: Language) -> None:
    from spacy.attrs import TAG
    from spacy.tokens import Span

    from kiebitz.nlp.columns import strings, texts
    from kiebitz.nlp.news import _trim_edges

    doc = de("Das Tor erzielte Dennis Aogo am Samstag.")
    tags = strings(doc, TAG)
    assert tags[5] == "APPRART"
    trimmed = _trim_edges(doc, [Span(doc, 3, 6, label="PER")], texts(doc), tags)
    assert [(e.text, e.label_) for e in trimmed] == [("Dennis Aogo", "PER")]
    assert _trim_edges(doc, [Span(doc, 5, 6, label="PER")], texts(doc), tags) == []


def test_business_words_are_no_names(de: Language) -> None:
    got = ents(de, "Die Ferratum Oyj (ISIN: FI4000106299, WKN: A1W9NS) steigerte das EBITDA um 48 Prozent.")
    texts = {text for text, _ in got}
    assert not {"ISIN", "WKN", "EBITDA"} & texts


def test_adjective_surname_stays_in_the_name(de: Language) -> None:
    got = ents(de, "Innenministerin Petra Lang trat vor die Presse. Finanzminister Olaf Klein schwieg.")
    assert ("Petra Lang", "PER") in got
    assert ("Olaf Klein", "PER") in got


def test_train_and_line_numbers_are_routes(de: Language) -> None:
    got = ents(de, "Der ICE 1716 fällt heute aus, die S2 fährt nur bis Dachau, der RE7 hat Verspätung.")
    assert ("ICE 1716", "LOC") in got
    assert ("S2", "LOC") in got
    assert ("RE7", "LOC") in got


def test_models_are_no_lines(de: Language) -> None:
    got = ents(de, "Mercedes zeigt den S600, Airbus den Hubschrauber EC 135 T1 und Samsung das Galaxy S6.")
    assert not any(label == "LOC" and text in ("S600", "EC 135", "S6") for text, label in got)


def test_direction_is_a_place(de: Language) -> None:
    got = ents(de, "Der Fahrer war mit seinem Wagen in Richtung Erlenmoos unterwegs.\nA40 Essen Richtung Dortmund: Stau")
    assert ("Erlenmoos", "LOC") in got
    assert ("Essen", "LOC") in got
    assert ("Dortmund", "LOC") in got


def test_sports_club_is_one_organisation(de: Language) -> None:
    got = ents(de, "Der VfB Stuttgart verlor gegen den 1. FC Köln, Schalke 04 spielte gegen die SG 01 Höchst.")
    assert ("VfB Stuttgart", "ORG") in got
    assert ("1. FC Köln", "ORG") in got
    assert ("SG 01 Höchst", "ORG") in got
    assert ("Stuttgart", "LOC") not in got


def test_dateline_in_capitals_is_a_place(de: Language) -> None:
    got = ents(de, "FRIEDRICHSHAFEN (dpa) - Der Zulieferer streicht Stellen.")
    assert ("FRIEDRICHSHAFEN", "LOC") in got


def test_direction_word_parts_two_places(de: Language) -> None:
    from spacy.attrs import TAG
    from spacy.tokens import Span

    from kiebitz.nlp.columns import strings, texts
    from kiebitz.nlp.news_places import _directions

    doc = de("A2 Hannover Richtung Dortmund zwischen Bad Nenndorf und Lauenau 3 km Stau")
    glued = [Span(doc, 1, 4, label="LOC")]  # as the NER sometimes reads it
    got = [(e.text, e.label_) for e in _directions(doc, glued, texts(doc), strings(doc, TAG))]
    assert ("Hannover", "LOC") in got and ("Dortmund", "LOC") in got
    assert not any("Richtung" in text for text, _ in got)


def test_traffic_jam_is_no_place(de: Language) -> None:
    got = ents(de, "A8 Unfall gesperrt. Zurzeit 4 km Stau.")
    assert "Stau" not in {text for text, _ in got}


def test_junction_and_compass_station(de: Language) -> None:
    got = ents(de, "Zwischen dem Kreuz Leverkusen und Köln stockt der Verkehr. Der Zug endet in München Ost.")
    assert ("Kreuz Leverkusen", "LOC") in got
    assert ("München Ost", "LOC") in got


def test_red_cross_is_no_junction(de: Language) -> None:
    got = ents(de, "Das Rote Kreuz hilft in Leverkusen.")
    assert "Kreuz Leverkusen" not in {text for text, _ in got}


def _tagged(words: list[str], tags: list[str], ents: list[tuple[int, int, str]]) -> Doc:
    doc = Doc(spacy.blank("de").vocab, words=words, tags=tags)
    doc.ents = [Span(doc, a, b, label=lab) for a, b, lab in ents]
    return doc


def test_lone_common_noun_is_no_place() -> None:
    words = ["Die", "Beobachterin", "sah", "Damwild", "am", "Dorfrand", "bei", "Radebeul", "."]
    tags = ["ART", "NN", "VVFIN", "NN", "APPRART", "NN", "APPR", "NE", "$."]
    doc = _tagged(words, tags, [(1, 2, "PER"), (3, 4, "LOC"), (5, 6, "LOC"), (7, 8, "LOC")])
    kept = _common_nouns(doc, list(doc.ents), tags)
    # persons are left alone: HanTa's lexicon also reads surnames ("Steinmeier", "Lang") as common nouns
    assert [(e.text, e.label_) for e in kept] == [("Beobachterin", "PER"), ("Radebeul", "LOC")]


def test_common_noun_that_is_a_surname_in_the_document_stays() -> None:
    words = ["Joschka", "Fischer", "kam", ",", "Fischer", "sprach", "."]
    tags = ["NE", "NE", "VVFIN", "$,", "NN", "VVFIN", "$."]
    doc = _tagged(words, tags, [(0, 2, "LOC"), (4, 5, "LOC")])  # (as places: the rule reads LOC only)
    assert [e.text for e in _common_nouns(doc, list(doc.ents), tags)] == ["Joschka Fischer", "Fischer"]


def test_lexicon_common_nouns() -> None:
    assert is_common_noun("Dorfrand") and is_common_noun("Beobachterin")
    assert not is_common_noun("Radebeul") and not is_common_noun("Merkel")


def test_streets_and_squares_are_places() -> None:
    words = ["Sie", "wohnt", "in", "der", "Goethestraße", "am", "Pariser", "Platz", ",", "nicht", "an", "der",
             "Hauptstraße", "beim", "Parkplatz", "."]
    tags = ["PPER", "VVFIN", "APPR", "ART", "NN", "APPRART", "ADJA", "NN", "$,", "PTKNEG", "APPR", "ART",
            "NN", "APPRART", "NN", "$."]
    doc = _tagged(words, tags, [(6, 7, "MISC")])
    found = {(e.text, e.label_) for e in _streets(doc, list(doc.ents), words, tags)}
    assert found == {("Goethestraße", "LOC"), ("Pariser Platz", "LOC")}


def test_known_place_takes_the_rest_of_its_town_name(de: Language) -> None:
    assert ("Frankfurt am Main", "LOC") in ents(de, "Sie zog 1990 nach Frankfurt am Main.")


def test_country_full_names(de: Language) -> None:
    found = ents(de, "Die Vereinigten Staaten von Amerika und die Bundesrepublik Deutschland verhandeln.")
    assert {("Vereinigten Staaten von Amerika", "LOC"), ("Bundesrepublik Deutschland", "LOC")} <= found


def test_parliament_with_its_adjective(de: Language) -> None:
    assert ("Deutschen Bundestag", "ORG") in ents(de, "Er saß lange im Deutschen Bundestag.")


def test_counted_group_noun_stays_for_the_group_rule() -> None:
    words = ["Tausende", "Israelis", "protestierten", "."]
    tags = ["NN", "NN", "VVFIN", "$."]
    doc = Doc(spacy.blank("de").vocab, words=words, tags=tags, lemmas=["Tausend", "Israeli", "protestieren", "."],
              ents=["O", "B-LOC", "O", "O"])
    assert [e.text for e in _common_nouns(doc, list(doc.ents), tags)] == ["Israelis"]
    doc = _tagged(["Vier", "Israelis", "kamen", "."], ["CARD", "NN", "VVFIN", "$."], [(1, 2, "LOC")])
    assert [e.text for e in _common_nouns(doc, list(doc.ents), ["CARD", "NN", "VVFIN", "$."])] == ["Israelis"]
