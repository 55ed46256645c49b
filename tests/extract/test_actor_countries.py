"""Actors' countries: a country named in the phrase wins over an institution's default country; an
organisation the tables do not know takes no country from where an event happens."""

from __future__ import annotations

import pytest

from kiebitz.extract.actor_tables import actor_for_mention, country_before, country_word, org_country
from kiebitz.model import Article

from .helpers import analyse_text


def _actor(art: Article, alias: str):
    """The actor one of whose aliases contains `alias`."""
    return next(a for a in art.actors if any(alias in x for x in a.aliases))


def _countries(art: Article) -> set[str | None]:
    return {a.country for a in art.actors}


# -- 1. a country adjective, genitive or prefix before an institution names its country ----------------

@pytest.mark.parametrize(("phrase", "lang", "country"), [
    ("the German Foreign Office", "en", "DEU"),
    ("German Foreign Office", "en", "DEU"),
    ("the Philippine Senate", "en", "PHL"),
    ("the Russian Congress", "en", "RUS"),
    ("the French Defence Ministry", "en", "FRA"),
    ("the Chinese foreign ministry", "en", "CHN"),
    ("Ukraine's defence ministry", "en", "UKR"),
    ("der französische Senat", "de", "FRA"),
    ("den polnischen Senat", "de", "POL"),
    ("das russische Außenministerium", "de", "RUS"),
    ("die US-Botschaft", "de", "USA"),
    ("Russlands Außenministerium", "de", "RUS"),
])
def test_a_country_before_an_institution_names_its_country(phrase: str, lang: str, country: str) -> None:
    assert actor_for_mention(phrase, lang).country == country


@pytest.mark.parametrize(("phrase", "lang", "country"), [
    ("the Foreign Office", "en", "GBR"),  # the table's default when nothing names another country
    ("the British Foreign Office", "en", "GBR"),
    ("the US Senate", "en", "USA"),
    ("der Senat", "de", "USA"),
    ("das Auswärtige Amt", "de", "DEU"),
])
def test_the_default_country_stays_when_the_phrase_names_no_other(phrase: str, lang: str, country: str) -> None:
    assert actor_for_mention(phrase, lang).country == country


def test_a_genitive_before_a_named_group_is_no_nationality() -> None:
    # "Iran's Hezbollah allies": Lebanon's Hezbollah, allied to Iran; a state body in the genitive is the state's
    assert actor_for_mention("Iran's Hezbollah", "en").country == "LBN"
    assert actor_for_mention("Russia's Senate", "en").country == "RUS"


def test_two_countries_joined_by_a_hyphen_are_no_one_country() -> None:
    assert country_word("German-Russian", "en") is None
    assert country_word("deutsch-russische", "de") is None
    text = "the German-Russian Senate"
    assert country_before(text, text.index("Senate"), "en") is None
    assert country_word("Ukraine's", "en") == "UKR" and country_word("Russlands", "de") == "RUS"


def test_a_role_after_a_modified_institution_takes_the_modifier_country() -> None:
    assert actor_for_mention("German Foreign Office spokesman", "en").country == "DEU"


def test_german_foreign_office_in_a_text_is_germany_and_the_uk_office_stays_british() -> None:
    art = analyse_text("The German Foreign Office summoned the Russian ambassador on Monday.", "en")
    de = _actor(art, "German Foreign Office")
    assert de.country == "DEU" and "GBR" not in _countries(art)
    ev = art.events[0]
    assert {next(a for a in art.actors if a.id == i).country for i in ev.actor} == {"DEU"}
    uk = analyse_text("The Foreign Office summoned the Iranian ambassador in London on Monday.", "en")
    assert _actor(uk, "Foreign Office").country == "GBR"


def test_a_level_word_between_country_and_body_keeps_the_country() -> None:
    # "federal", "national", "interim" do not change whose body it is; no stray "German federal" group, no
    # second (British) Foreign Office from the entity inside the phrase.
    art = analyse_text("The German federal Foreign Office condemned the attack.", "en")
    assert _countries(art) == {"DEU"} and not any("federal" in a.name for a in art.actors)
    assert {next(a for a in art.actors if a.id == i).code for i in art.events[0].actor} == {"DEUGOV"}
    art = analyse_text("The Kenyan national police dispersed the crowd.", "en")
    assert {next(a for a in art.actors if a.id == i).code for i in art.events[0].actor} == {"KENCOP"}


def test_a_german_compound_with_a_body_noun_as_head_is_that_body() -> None:
    for text, code in [("Die kenianische Übergangsregierung verurteilte den Angriff.", "KENGOV"),
                       ("Die österreichische Bundespolizei nahm zwei Männer fest.", "AUTCOP")]:
        art = analyse_text(text, "de")
        assert {next(a for a in art.actors if a.id == i).code for i in art.events[0].actor} == {code}, text


def test_a_later_bare_body_is_the_one_named_with_its_country() -> None:
    # "Die Polizei" after "die ungarische Polizei" is Hungary's, one actor, not a second country-less one.
    art = analyse_text("Die ungarische Polizei nahm 20 Personen fest. Die Polizei sagte, die Lage sei ruhig.", "de")
    police = [a for a in art.actors if a.code and a.code.endswith("COP")]
    assert [a.code for a in police] == ["HUNCOP"]
    assert {next(a for a in art.actors if a.id == s.speaker).code for s in art.statements} == {"HUNCOP"}


def test_body_phrases_with_a_country_in_text() -> None:
    for text, lang, alias, iso in [
        ("Ukraine's defence ministry reported new attacks on Monday.", "en", "defence ministry", "UKR"),
        ("The Philippine Senate rejected the treaty.", "en", "Philippine Senate", "PHL"),
        ("Der französische Senat lehnte den Vertrag ab.", "de", "französische Senat", "FRA"),
        ("Die russische Botschaft in Berlin wies die Vorwürfe zurück.", "de", "russische Botschaft", "RUS"),
    ]:
        art = analyse_text(text, lang)
        assert _actor(art, alias).country == iso, text


def test_a_longer_name_that_states_its_country_is_no_body_of_the_table_country() -> None:
    art = analyse_text("The Indian National Congress criticised the government.", "en")
    assert _actor(art, "Congress").country == "IND" and "USA" not in _countries(art)


def test_a_person_with_a_demonym_title_keeps_the_country_and_is_no_organisation() -> None:
    art = analyse_text("German Chancellor Olaf Scholz criticised Moscow on Monday.", "en")
    scholz = [a for a in art.actors if "Olaf Scholz" in a.aliases]
    assert [(a.kind, a.country) for a in scholz] == [("person", "DEU")]


def test_a_bilateral_commission_takes_neither_country() -> None:
    for text, lang in [("The German-Russian commission criticised the decision.", "en"),
                       ("Die deutsch-russische Kommission kritisierte die Entscheidung.", "de")]:
        art = analyse_text(text, lang)
        assert not ({"DEU", "RUS"} & _countries(art)), text


# -- 2. an organisation's country is not where an event happens ----------------------------------------

@pytest.mark.parametrize(("text", "lang", "org"), [
    ("Ford cut 3,000 jobs in Germany on Monday.", "en", "Ford"),
    ("Ford cut 3,000 jobs in Germany on Monday, the German government said.", "en", "Ford"),
    ("A German court fined Ford in Berlin.", "en", "Ford"),
    ("Siemens streicht in Brasilien 3000 Stellen.", "de", "Siemens"),
    ("Die Firma Zalando kritisierte in Polen die Regierung.", "de", "Zalando"),
])
def test_a_company_takes_no_country_from_the_place_of_the_event(text: str, lang: str, org: str) -> None:
    art = analyse_text(text, lang)
    assert _actor(art, org).country is None, [(a.name, a.country) for a in art.actors]


@pytest.mark.parametrize(("text", "lang", "org", "iso"), [
    ("German carmaker Volkswagen cut 3,000 jobs in Brazil.", "en", "Volkswagen", "DEU"),
    ("Volkswagen, the German carmaker, cut 3,000 jobs in Brazil.", "en", "Volkswagen", "DEU"),
    ("Chinese telecoms firm Huawei sued the US government.", "en", "Huawei", "CHN"),
    ("The Berlin-based Siemens criticised the sanctions.", "en", "Siemens", "DEU"),
    ("Der US-Konzern Ford streicht in Deutschland 3000 Stellen.", "de", "Ford", "USA"),
    ("Das in München ansässige Unternehmen Siemens kritisierte die Sanktionen gegen Russland.", "de",
     "Siemens", "DEU"),
])
def test_an_organisation_takes_the_country_attached_to_its_own_phrase(text: str, lang: str, org: str,
                                                                       iso: str) -> None:
    art = analyse_text(text, lang)
    assert _actor(art, org).country == iso, [(a.name, a.country) for a in art.actors]


def test_an_organisation_named_after_its_country_and_its_acronym() -> None:
    assert org_country("Montenegro Municipality Association", "en") == "MNE"
    art = analyse_text("Montenegro Municipality Association (AKK) officials demanded support from the "
                       "Montenegro Assembly.", "en")
    assoc = _actor(art, "Montenegro Municipality Association")
    assert assoc.country == "MNE" and "AKK" in assoc.aliases


def test_domestic_bodies_people_and_police_still_take_the_place_of_their_sentence() -> None:
    art = analyse_text("Police arrested 20 protesters in Warsaw on Monday.", "en")
    assert {a.country for a in art.actors if a.kind != "state"} == {"POL"}
    art = analyse_text("The Kurdistan Democratic Party accused the government in Baghdad.", "en")
    assert _actor(art, "Kurdistan Democratic Party").country == "IRQ"


def test_outlets_and_news_agencies_have_their_registry_country() -> None:
    art = analyse_text("Deutsche Welle criticised the government in Ankara on Monday.", "en")
    assert _actor(art, "Deutsche Welle").country == "DEU"
    art = analyse_text("A US national has been put under investigation in Italy, Ansa news agency reported.", "en")
    assert _actor(art, "Ansa").country == "ITA"


def test_a_document_is_no_actor() -> None:
    art = analyse_text("With the signing of a Memorandum of Understanding (MOU), the Sudanese government and the "
                       "rebels have agreed to allow humanitarian access.", "en")
    assert not [a for a in art.actors if "MOU" in a.aliases or "Memorandum" in a.name]
    art = analyse_text("With the signing of a Memorandum of Understanding (MOU) on Cessation of Hostilities, the "
                       "Sudanese government and the rebels have agreed to allow humanitarian access.", "en")
    assert not [a for a in art.actors if "Hostilities" in a.name]


@pytest.mark.parametrize(("text", "lang", "name"), [
    ("The European Central Bank raised its key rate.", "en", "European Central Bank"),
    ("Die Chefin der Europäischen Zentralbank warnte vor Inflation.", "de", "EZB"),
])
def test_the_central_bank_of_the_euro_area_is_an_eu_body(text: str, lang: str, name: str) -> None:
    actors = {a.name: a.code for a in analyse_text(text, lang).actors}  # named in the article's language
    assert actors.get(name) == "IGOEUREEC", actors


def test_any_german_portfolio_minister_is_a_national_office() -> None:
    # "Entwicklungsministerin", "Agrarminister": a minister whatever the portfolio, so the one country of the
    # sentence ("in Berlin") is theirs.
    from kiebitz.extract.actor_tables import role_of

    assert "minister" in role_of("Agrarminister", "de").classes and role_of("Agrarministerium", "de") is None
    art = analyse_text("Das kündigte Entwicklungsministerin Petra Lang am Dienstag in Berlin an. Israel müsse "
                       "mehr Grenzübergänge öffnen, forderte sie.", "de")
    assert _actor(art, "Petra Lang").country == "DEU"


def test_a_german_state_name_with_adjectives_in_an_oblique_case() -> None:
    # "bei der Demokratischen Republik Kongo" is the DR Congo (not "Republik Kongo", COG, plus a stray body).
    art = analyse_text("Die belgische Regierung entschuldigte sich bei der Demokratischen Republik Kongo.", "de")
    assert _countries(art) == {"BEL", "COD"}
