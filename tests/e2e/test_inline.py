"""Inline mode end to end: a user types "@newsbot_test_bot <query>" in some chat; the real
Application answers the inline query through the fake Bot API, which checks the results as
Telegram does. What the fake records (each result's message as it would appear once sent) is
what the user would share."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.answers.answerer import Answerer
from bot.config import Config
from handlers.application import ALLOWED_UPDATES, build_application
from tests.conftest import SEED_OUTLETS, on_telegram
from tests.support.fake_bot_api import Call, FakeBotApi, InlineAnswer, polling

pytestmark = pytest.mark.timeout(60)

CIBERCUBA = "CiberCuba"
DATE = re.compile(r"\b(19|20)\d\d\b")


@pytest.fixture
async def api(seed_config: Config, answerer: Answerer, tmp_path: Path
              ) -> AsyncIterator[FakeBotApi]:
    with FakeBotApi() as fake:
        config = on_telegram(seed_config, fake.token, fake.base_url,
                             persistence_file=tmp_path / "chats.sqlite3")
        # the kinds of update `newsbot` asks Telegram for: inline queries must be among them
        async with polling(build_application(config, answerer), ALLOWED_UPDATES):
            yield fake


async def _inline(api: FakeBotApi, query: str, offset: str = "", user_id: int = 1001
                  ) -> InlineAnswer:
    return await api.wait_for_inline_answer(api.push_inline_query(query, offset, user_id))


async def _every_page(api: FakeBotApi, query: str, user_id: int = 1001) -> list[InlineAnswer]:
    pages = [await _inline(api, query, user_id=user_id)]
    while pages[-1].next_offset:
        assert len(pages) < 20, "next_offset never ends"
        pages.append(await _inline(api, query, pages[-1].next_offset, user_id))
    return pages


async def _chat(api: FakeBotApi, text: str, user_id: int = 1001) -> Call:
    api.push_message(text, user_id=user_id)
    return await api.wait_for("sendMessage", lambda c: str(c.params["chat_id"]) == str(user_id))


def _outlets_in(text: str) -> set[str]:
    return {outlet for outlet in SEED_OUTLETS if outlet in text}


def _assert_attributed(answer: InlineAnswer) -> None:
    """Every result says who and when in its title, and its message names its outlet."""
    assert answer.results
    for result, text in zip(answer.results, answer.texts, strict=True):
        assert result["type"] == "article"
        assert _outlets_in(text), text
        assert DATE.search(result["title"]) or DATE.search(text), result["title"]


async def test_a_topic_is_a_search_whose_results_name_their_outlet(api: FakeBotApi) -> None:
    answer = await _inline(api, "blockade")
    _assert_attributed(answer)
    for result, text, html in zip(answer.results, answer.texts, answer.htmls, strict=True):
        assert _outlets_in(result["title"])  # who ...
        assert DATE.search(result["title"])  # ... and when
        assert "blockade" in result["description"].lower() or "blockade" in text.lower()
        assert "<b>blockade</b>" in html.lower() or "blockade" not in text.lower()
    assert answer.is_personal and answer.cache_time > 0
    assert answer.button is None and answer.next_offset == ""


async def test_the_shared_passage_is_the_one_the_chat_answer_shows(api: FakeBotApi) -> None:
    chat = await _chat(api, "/search blockade")
    answer = await _inline(api, "blockade")
    passages = re.search(r"(\d+) passages", chat.plain_text)
    assert passages is not None and len(answer.results) == int(passages.group(1))
    for text in answer.texts:
        passage = text.split("\n", 1)[1]  # under its outlet, date and link
        assert passage in chat.plain_text


@pytest.mark.parametrize("query", ["timeline diplomatic relations", "quote Xi",
                                   "/quote Xi", "sources blockade", "/sources@newsbot_test_bot"])
async def test_each_inline_command_gives_attributed_items(api: FakeBotApi, query: str) -> None:
    answer = await _inline(api, query)
    _assert_attributed(answer)
    if "quote" in query:
        assert all("Xi Jinping" in r["title"] for r in answer.results)
        assert all("Xi Jinping" in text for text in answer.texts)
    if "timeline" in query:  # an event: its date, its sentence's outlet and every outlet
        for result, text in zip(answer.results, answer.texts, strict=True):
            assert _outlets_in(result["title"]) <= _outlets_in(text)
            assert "reported by" in text or "only in" in text
    if "sources" in query:  # an outlet and what it says
        assert len({next(iter(_outlets_in(r["title"]))) for r in answer.results}) == len(
            answer.results)


async def test_a_long_answer_comes_page_by_page_as_the_chat_answer(api: FakeBotApi) -> None:
    chat = await _chat(api, "/timeline")
    events = re.search(r"— (\d+) events", chat.plain_text)
    assert events is not None
    pages = await _every_page(api, "timeline")
    assert len(pages) > 1 and all(len(p.results) <= 50 for p in pages)
    ids = [r["id"] for page in pages for r in page.results]
    assert len(ids) == len(set(ids)) == int(events.group(1))  # every event once
    for page in pages:
        _assert_attributed(page)


@pytest.mark.parametrize("query", ["", "   ", "/compare blockade", "/help", "/frobnicate now",
                                   "zxqvbnm", "quote zxqvbnm"])
async def test_empty_and_bad_queries_get_a_hint_that_opens_the_bot(api: FakeBotApi,
                                                                   query: str) -> None:
    answer = await _inline(api, query)
    assert answer.results == [] and answer.next_offset == ""
    assert answer.button is not None and answer.button["start_parameter"] == "inline"
    assert 0 < len(answer.button["text"]) <= 64
    if query.strip() == "" or query.startswith("/frobnicate"):
        assert "Type a topic" in answer.button["text"]
    if query.startswith(("/compare", "/help")):
        assert "chat with the bot" in answer.button["text"]


async def test_the_hint_button_opens_a_chat_that_says_what_the_bot_does(api: FakeBotApi) -> None:
    answer = await _inline(api, "")
    assert answer.button is not None
    start = await _chat(api, f"/start {answer.button['start_parameter']}")
    assert "verbatim" in start.plain_text
    assert "type this bot's @username and a topic" in start.plain_text


async def test_an_offset_not_given_by_the_bot_gets_nothing_more(api: FakeBotApi) -> None:
    for offset in ("abc", "²", "-5", "99999"):
        answer = await _inline(api, "timeline", offset)
        assert answer.results == [] and answer.next_offset == ""


async def test_a_users_private_chat_settings_shape_their_inline_answers(api: FakeBotApi) -> None:
    assert CIBERCUBA in "".join((await _inline(api, "blockade", user_id=5)).texts)
    shown = await _chat(api, "/settings", user_id=5)
    rows = shown.params["reply_markup"]["inline_keyboard"]
    button = next(b for row in rows for b in row if b["text"] == f"✅ {CIBERCUBA}")
    api.push_callback_query(5, shown.result["message_id"], button["callback_data"])
    await api.wait_for("editMessageText")
    mine = await _inline(api, "blockade", user_id=5)
    assert mine.is_personal and mine.results
    assert CIBERCUBA not in "".join(mine.texts) + "".join(r["title"] for r in mine.results)
    others = await _inline(api, "blockade", user_id=6)  # another user's settings are their own
    assert CIBERCUBA in "".join(others.texts)


async def test_a_refused_answer_is_followed_by_a_short_apology_not_silence(
    api: FakeBotApi,
) -> None:
    api.fail_next("answerInlineQuery", 400, "Bad Request: injected failure")
    query_id = api.push_inline_query("blockade")
    refused = await api.wait_for("answerInlineQuery", include_failed=True)
    assert not refused.ok
    answer = await api.wait_for_inline_answer(query_id)
    assert answer.results == []
    assert answer.button is not None and "Sorry" in answer.button["text"]
