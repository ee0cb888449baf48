"""The fake Bot API's inline mode: inline queries arrive as updates, and answerInlineQuery is
refused where Telegram refuses it (driven by the real python-telegram-bot ``Bot``)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import pytest
from telegram import (
    Bot,
    InlineQueryResultArticle,
    InlineQueryResultsButton,
    InputTextMessageContent,
)
from telegram.constants import ParseMode
from telegram.error import BadRequest

from tests.support.fake_bot_api import FakeBotApi

pytestmark = pytest.mark.timeout(30)


@pytest.fixture
def fake() -> Iterator[FakeBotApi]:
    with FakeBotApi() as server:
        yield server


@pytest.fixture
async def bot(fake: FakeBotApi) -> AsyncIterator[Bot]:
    async with Bot(fake.token, base_url=fake.base_url) as client:
        yield client


def _article(number: int, text: str = "<b>Outlet</b> · said so",
             result_id: str | None = None) -> InlineQueryResultArticle:
    return InlineQueryResultArticle(
        result_id if result_id is not None else str(number), f"Result {number}",
        InputTextMessageContent(text, parse_mode=ParseMode.HTML))


async def test_an_inline_query_arrives_as_an_update(fake: FakeBotApi, bot: Bot) -> None:
    query_id = fake.push_inline_query("blockade", offset="10", user_id=7)
    updates = await bot.get_updates()
    query = updates[-1].inline_query
    assert query is not None
    assert (query.id, query.query, query.offset, query.from_user.id) == (
        query_id, "blockade", "10", 7)
    with pytest.raises(ValueError):
        fake.push_inline_query("x" * 257)  # Telegram never sends longer ones


async def test_an_accepted_answer_is_recorded_as_the_user_would_see_it(
    fake: FakeBotApi, bot: Bot
) -> None:
    query_id = fake.push_inline_query("blockade")
    button = InlineQueryResultsButton("Open the bot", start_parameter="inline")
    await bot.answer_inline_query(query_id, [_article(0, "<b>A &amp; B</b> said")],
                                  next_offset="10", is_personal=True, cache_time=60,
                                  button=button)
    answer = await fake.wait_for_inline_answer(query_id)
    assert answer.texts == ["A & B said"]
    assert answer.htmls == ["<b>A &amp; B</b> said"]
    assert (answer.next_offset, answer.is_personal, answer.cache_time) == ("10", True, 60)
    assert answer.button == {"text": "Open the bot", "start_parameter": "inline"}
    with pytest.raises(BadRequest, match=r"(?i)query is too old"):  # answered once only
        await bot.answer_inline_query(query_id, [])
    with pytest.raises(BadRequest, match=r"(?i)query is too old"):
        await bot.answer_inline_query("12345", [])


@pytest.mark.parametrize(("results", "error"), [
    ([_article(n) for n in range(51)], "RESULTS_TOO_MUCH"),
    ([_article(0, result_id="é" * 33)], "RESULT_ID_INVALID"),  # 66 bytes
    ([_article(0, result_id="same"), _article(1, result_id="same")], "RESULT_ID_DUPLICATE"),
    ([_article(0, "<b>unclosed")], "can't parse entities"),
    ([_article(0, "Tom & Jerry")], "can't parse entities"),
    ([_article(0, "<b>" + "😀" * 2049 + "</b>")], "MESSAGE_TOO_LONG"),  # 4,098 UTF-16 units
    ([_article(0, "<b> </b>")], "MESSAGE_EMPTY"),
])
async def test_answers_telegram_refuses_are_refused(
    fake: FakeBotApi, bot: Bot, results: list[InlineQueryResultArticle], error: str
) -> None:
    query_id = fake.push_inline_query("blockade")
    with pytest.raises(BadRequest, match=r"(?i)" + error):
        await bot.answer_inline_query(query_id, results)
    assert fake.inline_answer(query_id) is None
    # the limits themselves are accepted
    widest = [_article(n, "😀" * 2048, result_id="é" * 31 + f"{n:02d}") for n in range(50)]
    await bot.answer_inline_query(query_id, widest)


async def test_offsets_and_buttons_beyond_the_limits_are_refused(
    fake: FakeBotApi, bot: Bot
) -> None:
    query_id = fake.push_inline_query("blockade")
    with pytest.raises(BadRequest, match=r"(?i)NEXT_OFFSET_INVALID"):
        await bot.answer_inline_query(query_id, [_article(0)], next_offset="9" * 65)
    with pytest.raises(BadRequest, match=r"(?i)START_PARAM_INVALID"):
        await bot.answer_inline_query(query_id, [], button=InlineQueryResultsButton(
            "Open", start_parameter="not allowed!"))
    await bot.answer_inline_query(query_id, [], next_offset="9" * 64)
