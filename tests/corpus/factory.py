"""Hand-built articles with actors, statements and events for the corpus tests."""

from __future__ import annotations

from pathlib import Path

from kiebitz.model import Actor, Article, Event, Evidence, Outlet, Source, Statement

RJABKOW = Actor("a1", "Sergej Rjabkow", "person", country="RUS", sector="GOV", code="RUSGOV")
RUSSIA = Actor("a2", "Russland", "state", country="RUS", code="RUS")
USA = Actor("a3", "USA", "state", country="USA", code="USA")

BODY = (
    "Der stellvertretende russische Außenminister Sergej Rjabkow hat Verhandlungen mit den USA über "
    "strategische Stabilität ausgeschlossen. Verhandlungen seien unmöglich, solange Washington neue "
    "Sanktionen verhänge, sagte Rjabkow am Montag in Moskau. Die USA hätten den Dialog einseitig "
    "ausgesetzt und liefern weiter Waffen an Kiew. Russland lehne jedes Zugeständnis ab. "
    "Im vergangenen Monat hatte Washington weitere Strafmaßnahmen gegen russische Banken beschlossen."
)
# Another report of the same story (no shared wording beyond the quote and the names).
OTHER_BODY = (
    "Moskau hat Gespräche mit Washington über Rüstungskontrolle erneut abgelehnt. Der Vize-Außenminister "
    "Rjabkow erklärte, Verhandlungen seien unmöglich, solange Washington neue Sanktionen verhänge. Beobachter "
    "in Genf sehen darin eine weitere Verhärtung der Fronten zwischen beiden Atommächten seit Jahresbeginn."
)
THIRD_BODY = (
    "Die russische Regierung weist Forderungen der Vereinigten Staaten zurück. Nach Angaben aus dem "
    "Außenministerium in Moskau gebe es derzeit keine Grundlage für einen Dialog über strategische Fragen. "
    "Analysten erwarten, dass sich die Beziehungen bis zu den Wahlen im Herbst kaum verbessern werden."
)
QUOTE = "Verhandlungen seien unmöglich, solange Washington neue Sanktionen verhänge"


def article(
    aid: str,
    *,
    text: str = BODY,
    title: str = "Rjabkow: Keine Verhandlungen",
    domain: str = "de.rt.com",
    outlet: str = "RT DE",
    published: str = "2023-06-19",
    language: str = "de",
    quote: str | None = QUOTE,
    event_type: str | None = "REJECT",
    event_date: str | None = None,
    actors: tuple[Actor, ...] = (RJABKOW, RUSSIA, USA),
) -> Article:
    """An article whose statement and event point at offsets in its text (when they occur there)."""
    statements: tuple[Statement, ...] = ()
    if quote is not None:
        start = max(text.find(quote), 0)
        statements = (Statement("s1", "indirect", quote, start, start + len(quote), speaker="a1",
                                speaker_text="Rjabkow", cue="sagte"),)
    events: tuple[Event, ...] = ()
    if event_type is not None:
        events = (Event("e1", event_type, None, ("a2",), ("a3",), "asserted", Evidence(0, min(len(text), 50)),
                        date=event_date, trigger="lehne ab"),)
    return Article(
        id=aid, text=text, title=title, language=language, published=published,
        source=Source(url=f"https://{domain}/{aid}"),
        outlet=Outlet(name=outlet, domain=domain, country="RUS" if "rt" in domain else "DEU",
                      state_affiliated="rt" in domain),
        actors=actors, statements=statements, events=events,
    )


def store_two_countries(db: Path, first: Actor, second: Actor) -> None:
    """Store two reports of the story whose actor a1 is `first` in one and `second` in the other
    (the same name in two countries), beside Russia and the USA."""
    from kiebitz.store import Store

    with Store(db) as store:
        store.add(article("a" * 16, actors=(first, RUSSIA, USA), quote=None))
        store.add(article("b" * 16, text=OTHER_BODY, actors=(second, RUSSIA, USA), quote=None))
