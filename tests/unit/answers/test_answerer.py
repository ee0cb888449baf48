"""The dispatcher: a message parsed into a command, its query cleaned, the command called."""

from __future__ import annotations

import pytest

from bot.answers.answerer import Answerer
from bot.answers.scope import Scope
from bot.answers.types import HelpAnswer, Notice, QuoteAnswer, SearchAnswer, SourcesAnswer


def test_plain_text_is_a_search_and_commands_reach_their_command(answerer: Answerer) -> None:
    assert isinstance(answerer.answer_text("Díaz-Canel visit to Beijing"), SearchAnswer)
    assert isinstance(answerer.answer_text("/quote@newsbot Xi"), QuoteAnswer)
    assert isinstance(answerer.answer_text("/SOURCES blockade"), SourcesAnswer)
    assert isinstance(answerer.answer_text("/start"), HelpAnswer)


@pytest.mark.parametrize("command", ["/search", "/search   ", "/compare"])
def test_command_needing_a_topic_gets_usage_with_an_example(
    answerer: Answerer, command: str
) -> None:
    answer = answerer.answer_text(command)
    assert isinstance(answer, Notice) and answer.kind == "usage"
    name = command.split()[0]
    assert f"{name} <" in answer.message
    assert answer.suggestions and answer.suggestions[0].startswith(f"{name} ")
    assert not isinstance(answerer.answer_text(answer.suggestions[0]), Notice)


def test_a_4000_character_message_is_answered_and_the_answer_says_it_was_shortened(
    answerer: Answerer,
) -> None:
    answer = answerer.answer_text("/search " + "blockade " * 500)
    assert isinstance(answer, SearchAnswer) and answer.results
    assert "first" in answer.notes[0]


def test_the_shortening_note_comes_before_the_commands_own_notes(answerer: Answerer) -> None:
    answer = answerer.answer_text("/quote " + "Xi " * 400, Scope(results=3))
    assert isinstance(answer, QuoteAnswer)
    assert "long" in answer.notes[0] and "Showing the first 3 of" in answer.notes[1]


def test_unknown_command_points_to_help(answerer: Answerer) -> None:
    answer = answerer.answer_text("/frobnicate")
    assert isinstance(answer, Notice) and "/help" in answer.message


def test_the_outlets_and_slants_a_chat_chooses_from(answerer: Answerer) -> None:
    assert answerer.outlets() == answerer.index.corpus.outlets()
    assert answerer.slants["CiberCuba"] == "critical of the Cuban government"
    assert set(answerer.slants) == set(answerer.outlets())


@pytest.mark.parametrize("message", ["/add https://example.com/story", "/feeds"])
def test_adding_outside_telegram_says_where_articles_are_added(
    answerer: Answerer, message: str
) -> None:
    answer = answerer.answer_text(message)
    assert isinstance(answer, Notice) and answer.kind == "info"
    assert "newsbot add URL|FILE" in answer.message and "/add <url>" in answer.message
