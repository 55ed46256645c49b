"""Phenomena found on unseen news (docs/events.md, "Unseen news"): each test is a small hand-made case.

A affiliation from the mention only, B groups of people as actors, C no self-loops or repeated codes,
D dates belong to their clause, E pronoun subjects of speech acts, F statements need reported content,
G German "vorwerfen", verb brackets and compounds that are no triggers.
"""

from __future__ import annotations

import pytest

from kiebitz.model import Article, Event
from tests.extract.helpers import analyse_text

PUB = "2024-02-14"  # a Wednesday


def _codes(article: Article, ids: tuple[str, ...]) -> list[str]:
    by_id = {a.id: a for a in article.actors}
    return [by_id[i].code or by_id[i].name for i in ids]


def _events(article: Article, type_: str) -> list[Event]:
    found = [e for e in article.events if e.type == type_]
    assert found, [(e.type, e.trigger) for e in article.events]
    return found


def _person(article: Article, name: str):  # noqa: ANN202
    return next(a for a in article.actors if a.kind == "person" and name in a.name)


# A. A person's country comes from what is attached to the mention, never from the verb's arguments.

def test_a_national_title_gives_the_country_not_the_recipient() -> None:
    art = analyse_text("Bundeskanzler Olaf Scholz hat der Ukraine weitere Militärhilfe zugesagt.", "de", PUB)
    assert _person(art, "Scholz").country == "DEU"
    ev = art.events[0]
    assert set(_codes(art, ev.actor)) == {"DEUGOV"} and set(_codes(art, ev.recipient)) == {"UKRGOV"}


def test_a_office_holder_without_attached_country_stays_unknown() -> None:
    # A president no table knows (not in persons.tsv): no country from the verb's recipient (Ukraine, the
    # object acted on); since session 11 the one country named that is not acted on (the claim's subject, the
    # United States) may be hers.
    art = analyse_text("President Maria Ortega promised Ukraine on Tuesday that the United States would keep "
                       "sending weapons.", "en", PUB)
    assert _person(art, "Ortega").country in (None, "USA")
    art = analyse_text("President Maria Ortega promised Ukraine more weapons on Tuesday.", "en", PUB)
    assert _person(art, "Ortega").country is None


def test_a_known_office_holder_takes_the_country_of_the_persons_table() -> None:
    art = analyse_text("President Joe Biden promised Ukraine on Tuesday that the United States would keep "
                       "sending weapons.", "en", PUB)
    assert _person(art, "Biden").country == "USA"


def test_a_spokesperson_speaks_for_the_body_of_the_sentence_before() -> None:
    art = analyse_text("Russia's foreign ministry accused Washington of prolonging the war. Spokeswoman Maria "
                       "Zakharova said any new deliveries would be treated as legitimate targets.", "en", PUB)
    assert _person(art, "Zakharova").country == "RUS"


def test_a_attached_adjective_still_counts() -> None:
    art = analyse_text("Der russische Außenminister Sergej Lawrow kritisierte die Ukraine.", "de", PUB)
    assert _person(art, "Lawrow").country == "RUS"


# B. Groups of people are actors, coded by the place they are in.

def test_b_protesters_protest_against_the_government() -> None:
    art = analyse_text("In Polen demonstrierten am Wochenende tausende Menschen gegen die Regierung in Warschau.",
                       "de", PUB)
    ev = _events(art, "PROTEST")[0]
    assert _codes(art, ev.actor) == ["POLCVL"] and _codes(art, ev.recipient) == ["POLGOV"]


def test_b_police_detain_protesters_who_rallied() -> None:
    art = analyse_text("In Georgia, police detained dozens of protesters who rallied outside parliament in "
                       "Tbilisi against a proposed law.", "en", PUB)
    coerce = _events(art, "COERCE")[0]
    assert _codes(art, coerce.actor) == ["GEOCOP"] and _codes(art, coerce.recipient) == ["GEOCVL"]
    assert _codes(art, _events(art, "PROTEST")[0].actor) == ["GEOCVL"]


def test_b_detained_people_are_the_target_not_the_source() -> None:
    art = analyse_text("In Polen demonstrierten tausende Menschen gegen die Regierung. Die Polizei nahm nach "
                       "Angaben der Behörden 20 Personen fest.", "de", PUB)
    ev = _events(art, "COERCE")[0]
    assert _codes(art, ev.actor) == ["POLCOP"] and _codes(art, ev.recipient) == ["POLCVL"]


# C. No event with the same code on both sides, no repeated code in one argument.

@pytest.mark.parametrize(("text", "lang"), [
    ("Sollte Deutschland Marschflugkörper vom Typ Taurus liefern, werde Moskau reagieren, drohte der russische "
     "Außenminister Sergej Lawrow.", "de"),
    ("Außenministerin Annalena Baerbock ist am Mittwoch in Peking mit ihrem chinesischen Amtskollegen Wang Yi "
     "zusammengetroffen.", "de"),
    ("Maduro accused the United States of backing a coup attempt.", "en"),
])
def test_c_no_self_loops_or_repeated_codes(text: str, lang: str) -> None:
    art = analyse_text(text, lang, PUB)
    assert art.events
    for ev in art.events:
        actor, recipient = _codes(art, ev.actor), _codes(art, ev.recipient)
        assert not set(actor) & set(recipient), (ev.type, actor, recipient)
        assert len(actor) == len(set(actor)) and len(recipient) == len(set(recipient))


def test_c_threat_after_a_conditional_has_its_addressee_and_no_junk_protest() -> None:
    art = analyse_text("Sollte Deutschland Marschflugkörper vom Typ Taurus liefern, werde Moskau reagieren, drohte "
                       "der russische Außenminister Sergej Lawrow.", "de", PUB)
    ev = _events(art, "THREATEN")[0]
    assert _codes(art, ev.actor) == ["RUSGOV"] and _codes(art, ev.recipient) == ["DEUGOV"]
    assert not [e for e in art.events if e.type == "PROTEST"]  # "Marschflugkörper" is no march


# D. A date phrase belongs to the clause it modifies.

def test_d_future_claim_is_not_dated_by_the_frame() -> None:
    art = analyse_text("President Joe Biden promised Ukraine on Tuesday that the United States would keep "
                       "sending weapons.", "en", PUB)
    aid = _events(art, "AID")[0]
    assert aid.modality == "future" and aid.date is None


def test_d_possessive_weekday_names_another_event() -> None:
    art = analyse_text("Japan will send aid to Turkey after Sunday's earthquake.", "en", PUB)
    assert _events(art, "AID")[0].date is None


def test_d_weekend_is_a_week() -> None:
    art = analyse_text("In Polen demonstrierten am Wochenende tausende Menschen gegen die Regierung.", "de", PUB)
    ev = _events(art, "PROTEST")[0]
    assert (ev.date, ev.date_precision) == ("2024-W06", "week")


# E. A pronoun subject of a speech act is the person it refers to (as in the statements).

def test_e_pronoun_subject_is_the_speaker() -> None:
    art = analyse_text("Selenskyj dankte Berlin für die Hilfe. „Wir brauchen mehr Flugabwehr“, sagte er. "
                       "Zugleich forderte er die EU auf, neue Sanktionen gegen Russland zu verhängen.", "de", PUB)
    ev = next(e for e in art.events if e.type == "REQUEST" and e.trigger and "forderte" in e.trigger)
    # Selenskyj is UKRGOV from the known-persons table (kiebitz/data/actors/persons.tsv)
    assert _codes(art, ev.actor) == ["UKRGOV"] and _codes(art, ev.recipient) == ["IGOEUREEC"]


# F. A statement needs reported content (a quote or a clause), not an object.

def test_f_criticised_object_is_at_most_a_reported_speech_act() -> None:
    # The statements gold (#4) keeps "X kritisierte die Pläne" as kind "reported" (the verb outside, its
    # object as content); it must never pass for indirect speech.
    art = analyse_text("Der Kreml kritisierte den Besuch scharf.", "de", PUB)
    assert [s.kind for s in art.statements] in ([], ["reported"])


@pytest.mark.parametrize(("text", "lang"), [
    ("Russia's foreign ministry accused Washington of prolonging the war.", "en"),
    ("Beijing has refused to condemn the invasion.", "en"),
])
def test_f_no_statement_without_content(text: str, lang: str) -> None:
    assert analyse_text(text, lang, PUB).statements == ()


@pytest.mark.parametrize(("text", "lang"), [
    ("Peskow sagte, Russland werde reagieren.", "de"),
    ("Die Opposition sprach von einem „Skandal“.", "de"),
    ("The ministry said the talks would resume.", "en"),
])
def test_f_statements_with_content_stay(text: str, lang: str) -> None:
    assert len(analyse_text(text, lang, PUB).statements) == 1


# G. German "vorwerfen" and verb brackets.

def test_g_vorwerfen_is_an_accusation() -> None:
    art = analyse_text("Kremlsprecher Dmitri Peskow warf Berlin vor, den Krieg zu verlängern.", "de", PUB)
    ev = _events(art, "ACCUSE")[0]
    assert _codes(art, ev.actor) == ["RUSGOV"] and _codes(art, ev.recipient) == ["DEUGOV"]


def test_g_coordinated_objects_inside_a_verb_bracket() -> None:
    art = analyse_text("Russland hat in der Nacht zum Montag die ukrainische Hauptstadt Kiew mit Drohnen und "
                       "Raketen angegriffen.", "de", PUB)
    ev = _events(art, "ASSAULT")[0]
    assert _codes(art, ev.actor) == ["RUSGOV"] and _codes(art, ev.recipient) == ["UKRGOV"]


def test_reduced_relative_has_no_actor_of_the_main_clause() -> None:
    art = analyse_text("The United States on Wednesday imposed sanctions on more than a dozen Chinese companies "
                       "accused of helping Russia evade export controls.", "en", PUB)
    assert [e.type for e in art.events] == ["SANCTION"]  # no "USA ACCUSE CHN" from "companies accused of"


def test_claimed_aid_goes_to_the_addressee_of_the_promise() -> None:
    art = analyse_text("President Joe Biden promised Ukraine on Tuesday that the United States would keep "
                       "sending weapons.", "en", PUB)
    aid = _events(art, "AID")[0]
    assert _codes(art, aid.actor) == ["USAGOV"] and _codes(art, aid.recipient) == ["UKRGOV"]


def test_a_promise_keeps_its_own_modality_not_its_complements() -> None:
    art = analyse_text("President Joe Biden promised Ukraine on Tuesday that the United States would keep "
                       "sending weapons.", "en", PUB)
    ev = next(e for e in art.events if e.trigger and "promised" in e.trigger)
    assert ev.modality == "asserted"
    art = analyse_text("The minister said that Japan would send aid if the government asked for it.", "en", PUB)
    aid = next(e for e in art.events if e.type == "AID")
    assert aid.modality == "hypothetical"  # the complement's own condition still counts


# H (events9). Support verbs with event nouns, coordinated second verbs, generic titles, future weekdays,
# office nouns. PUB is a Wednesday: the next Saturday is 2024-02-17, the last one 2024-02-10.

def test_h_summoning_the_ambassador_is_an_accusation() -> None:
    art = analyse_text("Das litauische Außenministerium hat am Dienstag den russischen Botschafter einbestellt.",
                       "de", PUB)
    ev = _events(art, "ACCUSE")[0]
    assert _codes(art, ev.actor) == ["LTUGOV"] and _codes(art, ev.recipient) == ["RUSGOV"]
    art = analyse_text("Britain summoned Iran's ambassador on Wednesday.", "en", PUB)
    ev = _events(art, "ACCUSE")[0]
    assert _codes(art, ev.actor) == ["GBRGOV"] and _codes(art, ev.recipient) == ["IRNGOV"]


def test_h_second_coordinated_verb_keeps_the_subject_and_its_event() -> None:
    art = analyse_text("Minsk verurteilte die Strafmaßnahmen und kündigte Gegenmaßnahmen an.", "de", PUB)
    assert _codes(art, _events(art, "THREATEN")[0].actor) == ["BLRGOV"]
    assert _events(art, "THREATEN")[0].claimed_by is None  # the speaker's own act, not a claim
    assert [s.text for s in art.statements] == ["die Strafmaßnahmen"]  # the second verb is no content
    art = analyse_text("Die Regierung in Vilnius verurteilte den Vorfall und forderte Moskau zu einer Erklärung auf.",
                       "de", PUB)
    req = _events(art, "REQUEST")[0]
    assert _codes(art, req.actor) == ["LTUGOV"] and _codes(art, req.recipient) == ["RUSGOV"]


def test_h_a_role_of_a_city_in_apposition_gives_the_person_its_country() -> None:
    art = analyse_text("Der Bürgermeister von Ankara, Mansur Yavaş, kritisierte das Verbot.", "de", PUB)
    assert _person(art, "Yavaş").country == "TUR" and _person(art, "Yavaş").name == "Mansur Yavaş"
    art = analyse_text("The mayor of Belfast, John Smith, criticised the ban.", "en", PUB)
    assert _person(art, "Smith").country == "GBR"


def test_h_a_generic_title_takes_the_dominant_country_only_when_one_dominates() -> None:
    from kiebitz.extract.dominant import dominant_country
    from kiebitz.extract.frames import build_sentences

    text = ("Sudan's army launched an offensive in Khartoum on Tuesday. Sudanese troops shelled positions in "
            "Omdurman. The prime minister called on the paramilitary group to lay down its weapons.")
    art = analyse_text(text, "en", PUB)
    assert _codes(art, _events(art, "REQUEST")[0].actor) == ["SDNGOV"]
    # Two countries named alike: nobody is guessed.
    text = ("Poland accused Belarus of pushing migrants across the border. Belarus rejected the accusation. "
            "Polish troops and Belarusian guards met at Kuźnica. The prime minister called for calm.")
    art = analyse_text(text, "en", PUB)
    assert dominant_country(art, build_sentences(art, "en"), "en") is None
    assert all(a.country is None for a in art.actors if a.name == "prime minister")


def test_h_a_foreign_minister_takes_no_dominant_country() -> None:
    from kiebitz.extract.dominant import _generic

    art = analyse_text("Russland schickte Drohnen. Moskau drohte. Der Kreml schwieg. Außenminister Kęstutis Budrys "
                       "verurteilte den Vorfall.", "de", PUB)
    assert not _generic(_person(art, "Budrys"), "de")


def test_h_future_weekdays_lie_ahead() -> None:
    art = analyse_text("Die Opposition will am Samstag in Istanbul gegen die Regierung demonstrieren.", "de", PUB)
    assert _events(art, "PROTEST")[0].date == "2024-02-17"
    art = analyse_text("Die Regierung in Ankara soll am Samstag mit der EU verhandeln.", "de", PUB)
    assert _events(art, "CONSULT")[0].date == "2024-02-17"
    art = analyse_text("Bangladesh imposed a curfew until Saturday.", "en", PUB)
    assert _events(art, "COERCE")[0].date == "2024-02-17"
    art = analyse_text("Die Polizei nahm am Samstag in Istanbul 50 Demonstranten fest.", "de", PUB)
    assert _events(art, "COERCE")[0].date == "2024-02-10"  # a past event still looks back


def test_h_office_nouns_are_no_events() -> None:
    art = analyse_text("Der estnische Verteidigungsminister Hanno Pevkur traf in Tallinn ein.", "de", PUB)
    assert not [e for e in art.events if e.type == "SUPPORT"]
    art = analyse_text("Betroffen sind nach Angaben des EU-Sanktionsbeauftragten 25 Personen.", "de", PUB)
    assert not [e for e in art.events if e.type == "SANCTION"]


def test_h_a_planned_march_is_no_future_ban() -> None:
    art = analyse_text("Police in Belfast banned a planned march on Tuesday.", "en", PUB)
    ev = next(e for e in art.events if e.type in ("COERCE", "THREATEN"))
    assert (ev.type, ev.modality) == ("COERCE", "asserted")


def test_h_an_announced_infinitive_is_the_speakers_future_act() -> None:
    art = analyse_text("Russland kündigte an, seine Truppen aus der Region abzuziehen.", "de", PUB)
    ev = _events(art, "RETREAT")[0]
    assert _codes(art, ev.actor) == ["RUSGOV"] and ev.modality == "future"
    # A request's infinitive belongs to the one asked, not to the speaker.
    art = analyse_text("Deutschland forderte Russland auf, seine Truppen abzuziehen.", "de", PUB)
    assert not [e for e in art.events if e.type == "RETREAT" and _codes(art, e.actor) == ["DEUGOV"]]


def test_h_an_announced_infixed_zu_infinitive_tagged_plain_is_still_the_speakers_future_act() -> None:
    # A model may tag "abzuziehen" VVINF: the nlp layer's tag repair (kiebitz_upos) makes it VVIZU again, so the
    # events read the announced act; built here by re-tagging the shipped model's parse.
    from kiebitz.nlp import load
    from kiebitz.pipeline import Pipeline

    text = "Russland kündigte an, seine Truppen aus der Region abzuziehen."
    nlp = load("de")
    doc = nlp(text)
    verb = next(t for t in doc if t.text == "abzuziehen")
    verb.tag_, verb.lemma_ = "VVINF", "abzuziehen"
    doc = nlp.get_pipe("kiebitz_upos")(doc)
    doc.user_data["kiebitz_text"] = text
    art = Pipeline(["entities", "actors", "statements", "events"])(Article(id="t", text=text, language="de",
                                                                        published=PUB, doc=doc))
    ev = _events(art, "RETREAT")[0]
    assert _codes(art, ev.actor) == ["RUSGOV"] and ev.modality == "future"


def test_h_an_unnamed_office_of_a_place_is_that_countrys() -> None:
    art = analyse_text("Der Gouverneur von Istanbul hat ein Versammlungsverbot verhängt.", "de", PUB)
    ev = _events(art, "COERCE")[0]  # the ban is the noun; "verhängen" only carries it
    assert _codes(art, ev.actor) == ["TURGOV"]
    art = analyse_text("The mayor of Belfast banned a planned march on Tuesday. The mayor said the ban would "
                       "stay in place.", "en", PUB)
    assert _codes(art, _events(art, "COERCE")[0].actor) == ["GBRGOV"]


def test_h_a_reported_statement_ends_before_the_verbs_particle() -> None:
    art = analyse_text("Der Kreml wies die Vorwürfe zurück.", "de", PUB)
    assert [s.text for s in art.statements if s.kind == "reported"] in ([], ["die Vorwürfe"])


def test_h_participle_adjuncts_and_coordinated_verbs_share_the_subject() -> None:
    art = analyse_text("China launched military drills around Taiwan on Monday, accusing Taipei of provocations.",
                       "en", PUB)
    assert _codes(art, _events(art, "ACCUSE")[0].actor) == ["CHNGOV"]
    # The first verb codes no event; the coordinated one still has its subject.
    art = analyse_text("Hunderte Menschen versammelten sich vor dem Parlament in Tiflis und forderten den Rücktritt "
                       "der Regierung.", "de", PUB)
    assert _codes(art, _events(art, "REQUEST")[0].actor) == ["GEOCVL"]


def test_h_calling_a_decision_illegal_or_speaking_of_a_coup_is_an_accusation() -> None:
    art = analyse_text("Armenien nannte die Entscheidung völkerrechtswidrig.", "de", PUB)
    assert _codes(art, _events(art, "ACCUSE")[0].actor) == ["ARMGOV"]
    art = analyse_text("Die georgische Regierung sprach von einem Putschversuch.", "de", PUB)
    assert _events(art, "ACCUSE")


def test_h_a_noun_event_after_a_light_verb_is_the_subjects() -> None:
    # "declared" is a speech verb for the statements component; a content without a verb is no claim.
    art = analyse_text("Ecuador declared a state of emergency.", "en", PUB)
    ev = _events(art, "COERCE")[0]
    assert _codes(art, ev.actor) == ["ECUGOV"] and ev.claimed_by is None
    art = analyse_text("Hungary called the decision illegal.", "en", PUB)
    assert _codes(art, _events(art, "ACCUSE")[0].actor) == ["HUNGOV"]
    art = analyse_text("Mexico recalled its ambassador from Ecuador.", "en", PUB)
    assert _codes(art, _events(art, "SANCTION")[0].actor) == ["MEXGOV"]
