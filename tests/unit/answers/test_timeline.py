"""/timeline: queries, event merging case by case, and the seed corpus's events."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from types import SimpleNamespace

import pytest

from bot.answers.library import Library
from bot.answers.scope import EVERYTHING, Scope
from bot.answers.timeline import Period, build_timeline, parse_timeline_query, timeline_answer
from bot.answers.types import Notice, TimelineAnswer
from bot.corpus.documents import parse_document
from bot.corpus.metadata import SourceMeta
from bot.extract.dates import extract_date_mentions
from bot.extract.events import candidate_events
from bot.models import PartialDate
from tests.unit.answers.conftest import configured


def _timeline(library: Library, query: str = "", scope: Scope = EVERYTHING) -> TimelineAnswer:
    answer = timeline_answer(library, query, scope)
    assert isinstance(answer, TimelineAnswer), answer
    return answer


@pytest.mark.parametrize(
    ("text", "topic", "period", "chart"),
    [
        ("diplomatic relations 1960-1970", "diplomatic relations", "1960–1970", False),
        ("since 2020", "", "since 2020", False),
        ("Tiananmen before 1990", "Tiananmen", "before 1990", False),
        ("blockade in the 1960s chart", "blockade", "1960–1969", True),
        ("between 1960 and 1964", "", "1960–1964", False),
        ("in 1989", "", "1989", False),
        ("chart", "", "", True),
        ("Xi", "Xi", "", False),
        ("G20 summit", "G20 summit", "", False),
        # a bare year or month is a period, "in" or not
        ("2022", "", "2022", False),
        ("in 2022", "", "2022", False),
        ("G20 summit 2022", "G20 summit", "2022", False),
        ("floods in Sept. 2021", "floods", "September 2021", False),
        ("March 2022 chart", "", "March 2022", True),
        # in Spanish
        ("bloqueo de 1960 a 1970", "bloqueo", "1960–1970", False),
        ("entre 1960 y 1964", "", "1960–1964", False),
        ("desde 2020", "", "since 2020", False),
        ("Tiananmen antes de 1990", "Tiananmen", "before 1990", False),
        ("bloqueo en los años 1960", "bloqueo", "1960–1969", False),
        ("en marzo de 2022", "", "March 2022", False),
        ("inundaciones sept. 2021", "inundaciones", "September 2021", False),
        ("en 1989 chart", "", "1989", True),
    ],
)
def test_parse_timeline_query(text: str, topic: str, period: str, chart: bool) -> None:
    asked = parse_timeline_query(text)
    assert (asked.topic, asked.period.describe() if asked.period else "", asked.chart) == (
        topic, period, chart)


def test_before_excludes_the_year_and_since_includes_it() -> None:
    assert parse_timeline_query("before 1990").period == Period(None, (1989, 12, 31))
    assert parse_timeline_query("since 2020").period == Period((2020, 1, 1), None)


def test_timeline_is_in_date_order_and_names_outlets(library: Library) -> None:
    answer = _timeline(library)
    keys = [e.date for e in answer.events]
    assert keys == sorted(keys, key=lambda d: tuple(int(x) for x in d.split("-")))
    assert answer.events[0].date == "1847"  # "175 years ago", from 2022
    official = next(e for e in answer.events if e.date == "1960-09-28")
    # Four outlets report the recognition in their own words and at their own precision.
    assert {s.outlet: s.date_given for s in official.sources} == {
        "Struggle-La-Lucha.org": "28 Sep 1960", "The Left Chapter": "28 Sep 1960",
        "Notes from the Cuban Exile Quarter": "September 1960", "CiberCuba": "1960"}
    assert [e.date for e in answer.events].count("1960-09-28") == 1
    assert answer.events[-1].date_display == "28 Sep 2025"
    anniversary = next(e for e in answer.events if "65th anniversary" in e.text)
    assert anniversary.date == "2025" and [s.outlet for s in anniversary.sources] == [
        "The Left Chapter"]
    collaboration = [e for e in answer.events if e.text.startswith("Between 1960 and 1964")]
    assert [(e.date_display, e.precision, e.end) for e in collaboration] == [
        ("1960–1964", "range", "1964")]
    assert any(e.date_display == "late 1980s" for e in answer.events)
    assert all(not e.text.endswith("?") for e in answer.events)
    meeting = next(e for e in answer.events if e.date == "2022-11-25")
    assert {s.outlet for s in meeting.sources} >= {
        "ExBulletin", "Notes from the Cuban Exile Quarter"}


@pytest.mark.parametrize(
    ("query", "first", "last"),
    [
        ("1960-1970", "1960", "1964"),
        ("since 2020", "2020-04", "2025-09-28"),
        ("before 1990", "1847", "1989"),
        ("diplomatic relations 1960–1964", "1960-09-28", "1964"),
    ],
)
def test_timeline_period_narrows_events(
    library: Library, query: str, first: str, last: str
) -> None:
    answer = _timeline(library, query)
    assert (answer.events[0].date, answer.events[-1].date) == (first, last)
    assert answer.period


def test_timeline_topic_narrows_events(library: Library) -> None:
    answer = _timeline(library, "Tiananmen")
    assert [e.date for e in answer.events] == ["1964", "1989"]


def test_an_unknown_topic_gets_a_topic_that_works(library: Library) -> None:
    answer = timeline_answer(library, "qwertyuiop")
    assert isinstance(answer, Notice) and answer.kind == "not_found"
    assert answer.suggestions == [f"/timeline {library.examples['timeline']}"]


def test_the_most_reported_note_counts_the_chats_events_only(library: Library) -> None:
    """With one outlet left out, "the N most widely reported of M" counts the chat's events,
    and shows N."""
    limited = configured(library, timeline_events=10)
    everything = _timeline(limited)
    assert len(everything.events) == 10
    assert everything.notes == [f"Showing the 10 most widely reported of "
                                f"{everything.total_events} events."]
    scope = Scope(frozenset({"CiberCuba"}))
    answer = _timeline(limited, scope=scope)
    in_scope = _timeline(configured(library, timeline_events=1000), scope=scope)
    assert answer.total_events == len(in_scope.events) < everything.total_events
    assert len(answer.events) == 10
    assert answer.notes == [f"Showing the 10 most widely reported of {len(in_scope.events)} "
                            "events."]
    assert "CiberCuba" not in {s.outlet for e in answer.events for s in e.sources}


def test_an_event_left_by_the_chat_is_led_by_a_sentence_of_its_own_outlets(
    library: Library,
) -> None:
    everywhere = _timeline(library)
    recognition = next(e for e in everywhere.events if e.date == "1960-09-28")
    lead = recognition.sources[0].outlet
    answer = _timeline(library, scope=Scope(frozenset({lead})))
    same = next(e for e in answer.events if e.date == "1960-09-28")
    assert same.sources[0].outlet != lead and same.text == same.sources[0].sentence
    assert lead not in {s.outlet for s in same.sources}


def test_a_topic_only_left_out_outlets_date_points_to_settings(library: Library) -> None:
    exile = "Notes from the Cuban Exile Quarter"
    assert {s.outlet for e in _timeline(library, "Tiananmen").events for s in e.sources} == {
        exile}
    answer = timeline_answer(library, "Tiananmen", Scope(frozenset({exile})))
    assert isinstance(answer, Notice) and answer.kind == "not_found"
    assert "Nothing from the outlets this chat includes" in answer.message
    assert "/settings" in answer.message


def test_balance_names_the_slants_with_no_event(library: Library) -> None:
    answer = _timeline(library, "Tiananmen", Scope(balance=True))
    [note] = answer.notes
    assert "“wire story”" in note and "“socialist solidarity”" in note
    assert "critical of the Cuban government" not in note


def test_today_meaning_nowadays_is_not_an_event(library: Library) -> None:
    answer = _timeline(library)
    assert not any(e.text.startswith("Today, our ties cover") for e in answer.events)


RELATIONS_1960 = ("Cuba was the first country in Latin America to establish diplomatic relations "
                  "with the People's Republic of China on September 28, 1960.")


def _candidate_years(text: str) -> list[str]:
    document = parse_document(Path("a.txt"), f"{RELATIONS_1960}\n\n{text}",
                              SourceMeta(outlet="Test", date=PartialDate(2022, 10, 24)))
    return [c.date.iso() for c in candidate_events(document, extract_date_mentions(document))]


@pytest.mark.parametrize(("text", "years"), [
    ("Leaders met on the 62nd anniversary of diplomatic relations.", ["1960-09-28", "2022"]),
    ("A concert marked the 62nd anniversary of diplomatic relations.", ["1960-09-28", "2022"]),
    # in passing: nothing is said to have happened in 2022
    ("Our relations, as we reach the 62nd anniversary of diplomatic relations, are strong.",
     ["1960-09-28"]),
    ("Timed to coincide with the 62nd anniversary of diplomatic relations, the interview gives "
     "an overview.", ["1960-09-28"]),
])
def test_an_anniversary_is_an_event_only_when_something_happens_then(
    text: str, years: list[str]
) -> None:
    assert _candidate_years(text) == years


def test_seed_anniversaries_add_no_events(library: Library) -> None:
    """The seeds' anniversaries are mentioned in passing, or in a sentence dated already."""
    answer = _timeline(library)
    assert not any("anniversary" in s.date_given for e in answer.events for s in e.sources)


def test_the_sentence_most_reports_agree_with_leads_an_event() -> None:
    """Not the shortest: the one sharing most with the event's other reports."""
    texts = {
        "a": "Cuba and China established diplomatic relations on September 28, 1960, in Havana.",
        "b": "Diplomatic relations between Cuba and China were established on September 28, 1960.",
        "c": "Relations began on September 28, 1960.",
    }
    documents = [parse_document(Path(f"{name}.txt"), text,
                                SourceMeta(outlet=f"Outlet {name}", date=PartialDate(2022)))
                 for name, text in texts.items()]
    candidates = [c for d in documents for c in candidate_events(d, extract_date_mentions(d))]
    index = SimpleNamespace(candidates=candidates, documents=documents)
    [event] = build_timeline(index, set())  # type: ignore[arg-type]
    assert {s.outlet for s in event.sources} == {"Outlet a", "Outlet b", "Outlet c"}
    assert event.text != texts["c"]  # the shortest, and the one saying least of the event


def test_since_a_date_is_a_starting_point_not_an_event(library: Library) -> None:
    answer = _timeline(library)
    leads = [e.text for e in answer.events]
    assert not any(t.startswith("Since 1960, Cuba and China") for t in leads)
    assert not any("has grown closer since 1989" in t for t in leads)
    recognition = next(e for e in answer.events if e.date == "1960-09-28")
    assert "The Left Chapter" in {s.outlet for s in recognition.sources}


@pytest.mark.parametrize("query", ["", "since 2000", "1960-1970", "before 1990", "chart"])
@pytest.mark.parametrize("scope", [EVERYTHING, Scope(frozenset({"CiberCuba"}))])
def test_the_prepared_events_answer_as_merging_them_when_asked(
    library: Library, query: str, scope: Scope
) -> None:
    """The index merges every dated sentence once; a library whose index has not merged them
    merges them when asked, and gives the same answer."""
    assert library.index.events is not None
    unprepared = dataclasses.replace(library, index=dataclasses.replace(library.index,
                                                                        events=None))
    assert timeline_answer(library, query, scope).to_json() == timeline_answer(
        unprepared, query, scope).to_json()


def test_a_period_without_a_topic_shows_the_timelines_events_in_it(library: Library) -> None:
    everything = _timeline(configured(library, timeline_events=1000))
    in_period = [e for e in everything.events if 1960 <= int(e.date[:4]) <= 1970]
    assert _timeline(library, "1960-1970").events == in_period


@pytest.mark.parametrize(("text", "years"), [
    ("Farmers settled the valley 7000 years ago.", ["1960-09-28", "-4978"]),
    ("The embassy now has forty staff.", ["1960-09-28"]),
    ("Trade has recently grown.", ["1960-09-28"]),
])
def test_the_present_is_no_event_and_a_year_before_year_one_is_one(
    text: str, years: list[str]
) -> None:
    assert _candidate_years(text) == years


def test_a_day_matters_by_the_articles_giving_it_and_those_published_on_it() -> None:
    """Three reports of different things, each in one article of one outlet: the day two
    articles give, and then the day an article was published, matter most."""
    texts = {
        ("a", "2010-05-06"): "Divers reached the broken pipe on May 1, 2010.",
        ("b", "2010-05-04"): "The divers who reached the pipe on May 1, 2010 were praised.",
        ("c", "2010-05-04"): "A tanker ran aground on May 2, 2010 near the port.",
        ("d", "2010-05-02"): "Fishermen protested at the harbour on May 3, 2010.",
    }
    documents = [parse_document(Path(f"{name}.txt"), text, SourceMeta(
        outlet="Outlet", date=PartialDate.parse_iso(published)))
        for (name, published), text in texts.items()]
    candidates = [c for d in documents for c in candidate_events(d, extract_date_mentions(d))]
    index = SimpleNamespace(candidates=candidates, documents=documents)
    events = build_timeline(index, set())  # type: ignore[arg-type]
    importance = {e.date: e.importance for e in events}
    assert importance == {"2010-05-01": 2.0, "2010-05-02": 1.5, "2010-05-03": 1.0}


@pytest.mark.parametrize("topic", ["Tiananmen", "China", "diplomatic relations"])
def test_a_topics_events_are_the_timelines_told_by_the_topics_reports(
    library: Library, topic: str
) -> None:
    """Which reports are one event is decided once, on the whole corpus: a topic's event is one
    of /timeline's, shown with the topic's own sentences."""
    event_of = {(m.doc_id, m.sentence, m.display): number for number, event in
                enumerate(library.all_events) for m in event.members}
    answer = _timeline(configured(library, timeline_events=1000), topic)
    assert answer.events
    numbers = [{event_of[(s.doc_id, s.sentence, s.date_given)] for s in e.sources}
               for e in answer.events]
    assert all(len(found) == 1 for found in numbers)
    assert len({n for found in numbers for n in found}) == len(answer.events)
