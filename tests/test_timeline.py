"""Timeline queries and event merging, case by case."""

from __future__ import annotations

import pytest

from bot.answering import Answerer
from bot.answers import TimelineAnswer
from bot.timeline import Period, parse_timeline_query


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
