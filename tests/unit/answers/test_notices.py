"""The bot's own words when there is nothing to show, and the queries they suggest."""

from __future__ import annotations

import pytest

from bot.answers.answerer import Answerer
from bot.answers.library import Library
from bot.answers.notices import out_of_scope, usage, weak_evidence
from bot.answers.scope import Scope
from bot.answers.types import Notice
from bot.retrieval.coverage import find_coverage


@pytest.mark.parametrize("message", ["/search zzzyzx", "🙂🙂", "中国 古巴", "/quote qwertyuiop",
                                     "/timeline qwertyuiop", "/sources qwertyuiop"])
def test_nothing_found_says_so_and_suggests_a_query_that_works(
    answerer: Answerer, message: str
) -> None:
    answer = answerer.answer_text(message)
    assert isinstance(answer, Notice) and answer.kind == "not_found"
    assert answer.suggestions
    for suggestion in answer.suggestions:
        retry = answerer.answer_text(suggestion)
        assert not isinstance(retry, Notice), suggestion


def test_usage_shows_the_syntax_and_an_example_from_the_corpus(library: Library) -> None:
    notice = usage(library, "compare")
    assert notice.kind == "usage" and "/compare <topic>" in notice.message
    assert notice.suggestions == [f"/compare {library.examples['compare']}"]


def test_weak_evidence_in_a_chat_speaks_of_its_outlets(library: Library) -> None:
    scope = Scope(frozenset({"CiberCuba"}))
    coverage = find_coverage(library.index, "qwertyuiop Cuba", 0.4, library.outlets(scope))
    notice = weak_evidence(library, "sources", "qwertyuiop Cuba", coverage, scope)
    assert notice.kind == "weak_evidence"
    assert notice.message.startswith("The outlets this chat includes hardly cover “qwertyuiop")


def test_nothing_in_the_chats_outlets_points_to_settings() -> None:
    notice = out_of_scope("timeline", "")
    assert notice.message == ("Nothing from the outlets this chat includes. "
                              "/settings changes which outlets.")
    assert "on “blockade”" in out_of_scope("search", "blockade").message
