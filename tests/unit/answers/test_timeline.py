"""Timeline queries and event merging, case by case."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from bot.answers.answerer import Answerer
from bot.answers.timeline import Period, build_timeline, parse_timeline_query
from bot.answers.types import TimelineAnswer
from bot.corpus.documents import parse_document
from bot.corpus.metadata import SourceMeta
from bot.extract.dates import extract_date_mentions
from bot.extract.events import candidate_events
from bot.models import PartialDate


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
    ],
)
def test_parse_timeline_query(text: str, topic: str, period: str, chart: bool) -> None:
    asked = parse_timeline_query(text)
    assert (asked.topic, asked.period.describe() if asked.period else "", asked.chart) == (
        topic, period, chart)


def test_before_excludes_the_year_and_since_includes_it() -> None:
    assert parse_timeline_query("before 1990").period == Period(None, (1989, 12, 31))
    assert parse_timeline_query("since 2020").period == Period((2020, 1, 1), None)


def test_today_meaning_nowadays_is_not_an_event(answerer: Answerer) -> None:
    answer = answerer.answer_text("/timeline")
    assert isinstance(answer, TimelineAnswer)
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


def test_seed_anniversaries_add_no_events(answerer: Answerer) -> None:
    """The seeds' anniversaries are mentioned in passing, or in a sentence dated already."""
    answer = answerer.answer_text("/timeline")
    assert isinstance(answer, TimelineAnswer)
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


def test_since_a_date_is_a_starting_point_not_an_event(answerer: Answerer) -> None:
    answer = answerer.answer_text("/timeline")
    assert isinstance(answer, TimelineAnswer)
    leads = [e.text for e in answer.events]
    assert not any(t.startswith("Since 1960, Cuba and China") for t in leads)
    assert not any("has grown closer since 1989" in t for t in leads)
    recognition = next(e for e in answer.events if e.date == "1960-09-28")
    assert "The Left Chapter" in {s.outlet for s in recognition.sources}
