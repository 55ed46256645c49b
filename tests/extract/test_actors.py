"""Actors: table look-ups, grouping of mentions, roles, metonymy and span resolution."""

from __future__ import annotations

import re

from kiebitz.extract.actors import actor_for_mention, actors, resolve_span
from kiebitz.model import Article, Entity

DE = (
    "Russland lehnt Zugeständnisse ab, sagte ein hochrangiger Diplomat. Der stellvertretende russische "
    "Außenminister Sergej Rjabkow sagte am Montag, Gespräche seien unmöglich. Kremlsprecher Dmitri Peskow "
    "sagte, Washington solle aufhören. Der Kreml reagierte nicht. Rjabkow fügte hinzu, das Weiße Haus irre sich."
)


def _run(text: str, lang: str = "de", entities: tuple[Entity, ...] = ()) -> Article:
    return actors(Article(id="t", text=text, language=lang, entities=entities))


def _by_name(article: Article, name: str):
    return next(a for a in article.actors if a.name == name)


def test_table_lookups_metonymy_and_roles() -> None:
    assert actor_for_mention("Moskau", "de").code == "RUSGOV"
    assert actor_for_mention("der Kreml", "de").code == "RUSGOV"
    assert actor_for_mention("das Weiße Haus", "de").code == "USAGOV"
    assert actor_for_mention("the White House", "en").code == "USAGOV"
    assert actor_for_mention("Kyiv", "en").country == "UKR"
    assert actor_for_mention("die NATO", "de").kind == "organization"
    assert actor_for_mention("westliche Staaten", "de").kind == "group"
    mil = actor_for_mention("die russische Armee", "de")
    assert (mil.country, mil.sector) == ("RUS", "MIL")
    role = actor_for_mention("ein hochrangiger Diplomat", "de")
    assert role.kind == "person" and role.classes[0] == "diplomat"
    assert actor_for_mention("Kremlsprecher", "de").country == "RUS"
    assert actor_for_mention("Lautsprecher", "de") is None


def test_persons_roles_and_states() -> None:
    art = _run(DE)
    rj = _by_name(art, "Sergej Rjabkow")
    assert rj.roles == ("stellvertretender Außenminister",)
    assert (rj.country, rj.sector, rj.kind) == ("RUS", "GOV", "person")
    assert "Rjabkow" in rj.aliases
    pe = _by_name(art, "Dmitri Peskow")
    assert pe.roles == ("Kremlsprecher",) and pe.country == "RUS"
    ru = _by_name(art, "Russland")
    assert ru.kind == "state" and ru.code == "RUSGOV"
    assert {"Russland", "Kreml"} <= set(ru.aliases)
    us = _by_name(art, "USA")
    assert {"Washington", "Weiße Haus"} <= set(us.aliases)
    assert [a.id for a in art.actors] == [f"A{n}" for n in range(1, len(art.actors) + 1)]


def test_resolve_span_roles_pronouns_and_tables() -> None:
    art = _run(DE)
    rj = _by_name(art, "Sergej Rjabkow").id

    def at(phrase: str) -> str | None:
        i = DE.index(phrase)
        return resolve_span(art, i, i + len(phrase))

    assert at("ein hochrangiger Diplomat") == rj  # named only later
    assert at("Rjabkow fügte")[:1] == "A"
    assert at("Der Kreml") == _by_name(art, "Russland").id
    assert at("Washington") == _by_name(art, "USA").id


def test_entities_are_linked_and_pronoun_resolved() -> None:
    text = "Angela Merkel kam nach Paris. Sie sagte, sie sei zufrieden. Die Bundesregierung schwieg."
    ents = (Entity(id="E1", text="Angela Merkel", label="PER", start=0, end=13),
            Entity(id="E2", text="Paris", label="LOC", start=23, end=28))
    art = _run(text, entities=ents)
    merkel = _by_name(art, "Angela Merkel")
    assert art.entities[0].actor == merkel.id
    assert art.entities[1].actor == _by_name(art, "Frankreich").id
    i = text.index("Sie sagte")
    assert resolve_span(art, i, i + 3) == merkel.id


def test_english_apposition_and_deputy_role() -> None:
    text = ("Russian Deputy Foreign Minister Sergei Ryabkov said talks were impossible. "
            "Dmitry Peskov, the Kremlin spokesman, said the White House should stop lecturing Moscow.")
    art = _run(text, "en")
    ry = _by_name(art, "Sergei Ryabkov")
    assert ry.roles == ("Deputy Foreign Minister",) and ry.country == "RUS"
    pe = _by_name(art, "Dmitry Peskov")
    assert pe.country == "RUS" and pe.roles
    assert _by_name(art, "Russia").code == "RUSGOV"


def test_an_indefinite_description_with_a_nationality_needs_that_country() -> None:
    text = ("Der Diplomat Paul Nitze traf am Montag die Delegation. Ein russischer Diplomat sagte, die Gespräche "
            "seien gescheitert. Ein Diplomat sagte, weitere Gespräche würden folgen.")
    i = text.index("Paul Nitze")
    art = _run(text, entities=(Entity(id="E1", text="Paul Nitze", label="PER", start=i, end=i + 10),))
    nitze = _by_name(art, "Paul Nitze")
    assert nitze.country is None and nitze.roles == ("Diplomat",)

    def at(phrase: str) -> str | None:
        i = text.index(phrase)
        return resolve_span(art, i, i + len(phrase))

    assert at("Ein russischer Diplomat") is None  # the text never says Nitze is Russian
    assert at("Ein Diplomat") == nitze.id  # a description without a nationality may still be him


def test_a_role_with_its_country_in_the_genitive_or_an_of_phrase() -> None:
    from kiebitz.extract.actors import describe

    assert describe("der Außenminister Frankreichs", "de").country == "FRA"
    assert describe("der Präsident der Ukraine", "de").country == "UKR"
    assert describe("the foreign minister of France", "en").country == "FRA"
    assert describe("the spokesman of the ministry", "en") is None


def test_a_country_genitive_after_a_role_is_no_person_and_a_described_office_keeps_its_country() -> None:
    from tests.extract.helpers import analyse_text

    art = analyse_text("Die Außenminister Armeniens und Aserbaidschans haben in Genf verhandelt. "
                       "Der Außenminister Frankreichs sagte, die Gespräche seien konstruktiv.", "de", "2024-04-18")
    assert not [a for a in art.actors if a.kind == "person" and a.name in ("Armeniens", "Frankreichs")]
    assert {a.code for a in art.actors if a.kind == "state"} >= {"ARMGOV", "AZEGOV"}
    speaker = next(a for a in art.actors if a.id == art.statements[0].speaker)
    assert (speaker.kind, speaker.country) == ("person", "FRA")


def test_armed_groups_and_parties_of_one_country() -> None:
    # Non-state actors CAMEO codes by the country they act in (institutions.tsv).
    assert actor_for_mention("PLO", "en").country == "PSE"
    assert actor_for_mention("African National Congress", "en").code == "ZAFOPP"  # not the US Congress
    assert actor_for_mention("Tamil Tigers", "en").code == "LKAREB"
    assert actor_for_mention("PKK", "de").country == "TUR"


def test_a_titled_name_followed_by_of_and_a_country_is_of_that_country() -> None:
    art = _run("President Marco Valdez of Venezuela criticised Colombia.", "en")
    assert _by_name(art, "Marco Valdez").country == "VEN"
    art = _run("President Marco Valdez of South Korea's rival party spoke.", "en")  # a longer name: no guess
    assert _by_name(art, "Marco Valdez").country is None


def test_soviet_and_two_word_demonym_bodies() -> None:
    assert actor_for_mention("the Soviet Union", "en").country == "RUS"
    assert actor_for_mention("Soviet troops", "en").code == "RUSMIL"
    art = _run("The South African government released the prisoners.", "en")
    assert any(a.code == "ZAFGOV" for a in art.actors)


def test_an_abbreviated_country_before_a_title_codes_the_person() -> None:
    art = _run("U.S. negotiator Paul Nitze rejected the offer.", "en")
    assert _by_name(art, "Paul Nitze").country == "USA"


def test_a_one_word_person_that_is_a_state_name_is_the_state() -> None:
    from tests.extract.helpers import analyse_text, codes

    art = analyse_text("Jordan reopened its border crossings with Syria on Monday.", "en")
    ev = next(e for e in art.events if e.type == "CONCEDE")
    assert codes(art, ev.actor) == {"JOR"} and codes(art, ev.recipient) == {"SYR"}
    assert not any(a.kind == "person" and a.name == "Jordan" for a in art.actors)


def test_a_body_in_a_foreign_seat_is_its_countrys() -> None:
    assert actor_for_mention("the Cuban embassy in Madrid", "en").country == "CUB"
    assert actor_for_mention("Japan's mission at the United Nations", "en").country == "JPN"
    assert actor_for_mention("the government in Kabul", "en").country == "AFG"  # a body without a country
    assert actor_for_mention("police in Lagos", "en").country is None  # placed by the event context instead


def _ents(text: str, *names: str) -> tuple[Entity, ...]:
    """PER entities at every occurrence of the given names (longest first, no overlaps)."""
    out: list[Entity] = []
    for name in sorted(names, key=len, reverse=True):
        for m in re.finditer(re.escape(name), text):
            if not any(e.start <= m.start() < e.end for e in out):
                out.append(Entity(id=f"E{len(out) + 1}", text=name, label="PER", start=m.start(), end=m.end()))
    return tuple(sorted(out, key=lambda e: e.start))


def test_a_later_first_word_of_one_longer_name_is_that_person() -> None:
    # A family name written first ("Li Qiang" … "Li") is the same person; ambiguous first words are not merged.
    text = "Premier Li Qiang traf Kanzler Max Bauer. Li sagte, die Gespräche seien gut gewesen."
    art = _run(text, entities=_ents(text, "Li Qiang", "Max Bauer", "Li"))
    assert "Li" in _by_name(art, "Li Qiang").aliases and not any(a.name == "Li" for a in art.actors)
    text = "Li Qiang traf Li Ming. Li sagte, die Gespräche seien gut gewesen."
    art = _run(text, entities=_ents(text, "Li Qiang", "Li Ming", "Li"))
    assert "Li" not in _by_name(art, "Li Qiang").aliases and "Li" not in _by_name(art, "Li Ming").aliases


def test_german_acronyms_in_title_case_and_european_courts() -> None:
    # German press writes spoken acronyms as words: "Ecowas", "Unicef"; the EU court is an EU body.
    assert actor_for_mention("die Ecowas", "de").code == "IGOWAFWAS"
    assert actor_for_mention("Unicef", "de").code == "IGOUNOUNI"
    assert actor_for_mention("der Europäische Gerichtshof", "de").code == "IGOEUREEC"
    assert actor_for_mention("des Europäischen Gerichtshofs für Menschenrechte", "de").code == "IGOEURCOE"
    assert actor_for_mention("des Auswärtigen Amts", "de").code == "DEUGOV"
    assert actor_for_mention("Kuna", "de") is None  # a news agency's acronym stays as written


def test_parties_and_the_roles_of_parties_and_alliances() -> None:
    assert actor_for_mention("die AfD", "de").code == "DEUPTY"
    assert actor_for_mention("FPÖ-Chef", "de").sector == "PTY"  # a party's head, not a company's
    assert actor_for_mention("Nato-Generalsekretär", "de").code == "IGOWSTNAT"
    assert actor_for_mention("Kremlsprecher", "de").sector == "GOV"


def test_an_election_challenger_is_opposition() -> None:
    assert actor_for_mention("Herausforderer", "de").sector == "OPP"


def test_a_later_inner_part_of_one_longer_name_is_that_person() -> None:
    # "Luiz Inacio Lula da Silva … Lula told reporters": a name used alone from inside the full name.
    text = "Präsident Luiz Inacio Lula da Silva reiste ab. Lula sagte, er sei zufrieden."
    art = _run(text, entities=_ents(text, "Luiz Inacio Lula da Silva", "Lula"))
    assert "Lula" in _by_name(art, "Luiz Inacio Lula da Silva").aliases and not any(a.name == "Lula" for a in art.actors)


def test_a_name_after_known_as_is_the_same_person() -> None:
    # "X, known as Y, …  Y said": the nickname is the person's, not a second one.
    text = "Der Kommandeur Ahmad Salim Tarek, genannt Abu Tarek, lehnte ab. Abu Tarek sagte, er werde kämpfen."
    art = _run(text, entities=_ents(text, "Ahmad Salim Tarek", "Abu Tarek"))
    assert [a.name for a in art.actors if a.kind == "person"] == ["Ahmad Salim Tarek"]
