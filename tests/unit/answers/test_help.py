"""/help on the seed corpus: the corpus the chat answers from, and examples that work."""

from __future__ import annotations

from bot.answers.answerer import Answerer
from bot.answers.help import help_answer, settings_answer
from bot.answers.library import Library
from bot.answers.scope import Scope
from bot.answers.types import Notice
from bot.retrieval.index import NewsIndex
from bot.text import tokenize
from tests.conftest import SEED_OUTLETS


def test_help_describes_corpus_and_commands_with_working_examples(
    library: Library, answerer: Answerer
) -> None:
    answer = help_answer(library, "")
    assert {o.outlet for o in answer.corpus} == SEED_OUTLETS
    assert answer.documents == 5 and answer.passages == len(library.index.passages)
    for command in ("search", "timeline", "quote", "sources", "compare"):
        example = answer.examples[command]
        assert not isinstance(answerer.answer(command, example), Notice), (command, example)


def test_help_in_a_chat_lists_the_outlets_it_includes(library: Library) -> None:
    answer = help_answer(library, "", Scope(frozenset({"CiberCuba"})))
    assert {o.outlet for o in answer.corpus} == SEED_OUTLETS - {"CiberCuba"}
    assert answer.documents == 4
    assert answer.passages == sum(len(d.passages) for d in library.index.documents
                                  if d.outlet != "CiberCuba")


def test_the_console_says_settings_belong_to_a_telegram_chat(library: Library) -> None:
    answer = settings_answer(library, "")
    assert "Telegram" in answer.to_json()["message"]


def test_the_timeline_example_is_named_in_a_dated_sentence(
    library: Library, seed_index: NewsIndex
) -> None:
    dated = {t for m in seed_index.mentions for t in tokenize(m.sentence.text)}
    topic = library.examples["timeline"]
    assert topic and set(tokenize(topic)) <= dated
