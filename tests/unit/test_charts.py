"""Charts: PNG pictures of answers, and the message when matplotlib is missing."""

from __future__ import annotations

import struct
import sys

import pytest

from bot.answers.answerer import Answerer
from bot.answers.types import SearchAnswer, SourcesAnswer, TimelineAnswer
from bot.charts import NOT_INSTALLED, ChartsUnavailable, chart_png, has_chart


def test_timeline_chart_is_a_png(answerer: Answerer) -> None:
    pytest.importorskip("matplotlib")
    answer = answerer.answer_text("/timeline chart")
    assert isinstance(answer, TimelineAnswer) and answer.chart and answer.topic == ""
    png = chart_png(answer)
    assert png.startswith(b"\x89PNG") and len(png) > 10_000


def test_sources_chart_is_a_png_of_every_outlet(answerer: Answerer) -> None:
    pytest.importorskip("matplotlib")
    answer = answerer.answer_text("/sources blockade chart")
    assert isinstance(answer, SourcesAnswer) and answer.chart and answer.query == "blockade"
    assert len(answer.outlets) == 3 and len(answer.not_covered_by) == 2
    png = chart_png(answer)
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 10_000
    width, height = struct.unpack(">II", png[16:24])  # the IHDR chunk
    assert width >= 800 and height >= 400  # a row for each of the five outlets
    overview = answerer.answer_text("/sources chart")  # no topic: the whole corpus
    assert isinstance(overview, SourcesAnswer) and overview.chart and overview.query == ""
    assert chart_png(overview).startswith(b"\x89PNG")


def test_only_answers_with_events_have_charts(answerer: Answerer) -> None:
    assert has_chart(answerer.answer_text("/timeline"))
    assert has_chart(answerer.answer_text("/sources blockade"))
    assert not has_chart(SearchAnswer("search", "x"))


def test_without_matplotlib_the_chart_says_it_is_not_installed(
    answerer: Answerer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # import now fails
    with pytest.raises(ChartsUnavailable, match="not installed"):
        chart_png(answerer.answer_text("/timeline"))
    assert "pip install" in NOT_INSTALLED
