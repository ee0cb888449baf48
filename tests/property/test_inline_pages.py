"""Inline mode, any query, on real-sized corpora: results Telegram accepts, each attributed, never
a crash.

Generated inline queries (the corpus's words and names, odd unicode, HTML-like text, nothing at
all, each alone or after "timeline", "quote", "sources" or a slash command, at most Telegram's
256 characters) and offsets (ours, past the end, or garbage) go through `inline_page`, the
function the handler runs, and its page is checked as Telegram checks answerInlineQuery.
"""

from __future__ import annotations

import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st

from bot.answers.answerer import Answerer
from bot.answers.scope import EVERYTHING
from bot.commands import parse_inline_query
from handlers.inline import BUTTON_CHARS, inline_page
from tests.property.conftest import Corpus
from tests.property.test_every_command import (
    BUILDS_T17,
    PROPERTY,
    T17_EXAMPLES,
    chat_scope,
    odd_text,
    own_words,
)
from tests.support.fake_bot_api import (
    MAX_INLINE_QUERY_LENGTH,
    MAX_INLINE_RESULTS,
    MAX_MESSAGE_LENGTH,
    MAX_NEXT_OFFSET_BYTES,
    parse_html,
    utf16_len,
)

PREFIXES = ["", "timeline ", "Quote ", "sources ", "/timeline ", "/quote@newsbot ",
            "/sources ", "/search ", "/compare ", "/help", "/frobnicate "]


def inline_query(corpus: Corpus) -> st.SearchStrategy[str]:
    text = own_words(corpus.vocabulary) | odd_text()
    return st.builds(lambda prefix, words: (prefix + words)[:MAX_INLINE_QUERY_LENGTH],
                     st.sampled_from(PREFIXES), text)


def offsets() -> st.SearchStrategy[str]:
    return st.sampled_from(["", "10", "20", "50", "99999"]) | st.text(max_size=5)


def assert_page_telegram_accepts(answerer: Answerer, query: str, offset: str,
                                 chat: bool) -> None:
    scope = chat_scope(answerer) if chat else EVERYTHING
    page = inline_page(answerer, query, offset, scope)
    event(f"{parse_inline_query(query).command or 'unknown'}: "
          f"{'results' if page.results else 'hint' if page.hint else 'nothing'}")
    assert len(page.results) <= MAX_INLINE_RESULTS
    assert len(page.next_offset.encode()) <= MAX_NEXT_OFFSET_BYTES
    assert page.hint or page.results or offset, "an empty list and no word why"
    assert utf16_len(page.hint) <= BUTTON_CHARS
    ids = [result.id for result in page.results]
    assert len(set(ids)) == len(ids) and all(1 <= len(i.encode()) <= 64 for i in ids)
    admitted = scope.admitted(answerer.outlets())
    for result in page.results:
        assert result.title.strip()
        message = result.input_message_content
        visible, _ = parse_html(message.message_text)  # raises as Telegram would refuse it
        assert 0 < utf16_len(visible) <= MAX_MESSAGE_LENGTH
        assert any(outlet in visible for outlet in admitted), visible


def _not_the_whole_corpus(query: str) -> bool:
    parsed = parse_inline_query(query)
    return parsed.args.strip() != "" or parsed.command not in ("timeline", "quote")


@pytest.mark.parametrize("chat", [False, True], ids=["every-outlet", "own-settings"])
@PROPERTY
@given(data=st.data())
def test_every_inline_query_gets_results_telegram_accepts_on_the_seeds(
    seeds_corpus: Corpus, chat: bool, data: st.DataObject
) -> None:
    query = data.draw(inline_query(seeds_corpus), label="query")
    offset = data.draw(offsets(), label="offset")
    assert_page_telegram_accepts(seeds_corpus.answerer, query, offset, chat)


@BUILDS_T17
@settings(PROPERTY, max_examples=T17_EXAMPLES)
@given(data=st.data())
def test_every_inline_query_gets_results_telegram_accepts_on_timeline17(
    t17_corpus: Corpus, data: st.DataObject
) -> None:
    """Fewer examples, and not "timeline" or "quote" alone: those take seconds at this size
    (test_every_command.py answers them once)."""
    query = data.draw(inline_query(t17_corpus).filter(_not_the_whole_corpus), label="query")
    offset = data.draw(offsets(), label="offset")
    assert_page_telegram_accepts(t17_corpus.answerer, query, offset, chat=False)
