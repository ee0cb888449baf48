"""A Bot API that fails the way the live one does: no answer lost, none doubled, no false "Sorry".

The real Application runs against the fake Bot API with injected faults: a burst of 5xx answers,
dropped connections, a sustained flood limit (429 with retry_after), answers that come late
(the message sent, the reply slow) and a Bot API that stays down. Each chat asks once; what the
fake recorded is what its users saw.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

import pytest

from bot.answers.answerer import Answerer
from bot.config import Config
from handlers.application import build_application
from handlers.delivery import PatientRateLimiter
from handlers.errors import SORRY
from tests.conftest import on_telegram
from tests.support.fake_bot_api import Call, FakeBotApi, polling

pytestmark = pytest.mark.timeout(60)

CHATS = [3001, 3002, 3003]  # private chats (a private chat's id is its user's)


@asynccontextmanager
async def running(config: Config, answerer: Answerer, api: FakeBotApi,
                  give_up_after: float | None = None, **telegram: float) -> AsyncIterator[None]:
    application = build_application(on_telegram(config, api.token, api.base_url, **telegram),
                                    answerer)
    limiter = application.bot.rate_limiter
    assert isinstance(limiter, PatientRateLimiter)
    if give_up_after is not None:
        limiter.give_up_after = give_up_after
    async with polling(application):
        await api.wait_for("setMyCommands")
        yield


def sends_to(api: FakeBotApi, chat: int, ok: bool = True) -> list[Call]:
    return [c for c in api.calls_of("sendMessage")
            if c.ok == ok and str(c.params.get("chat_id")) == str(chat)]


def update_id_of(api: FakeBotApi, message: dict[str, object]) -> int:
    """The id of the update that delivered `message` to the bot."""
    return next(update["update_id"] for call in api.calls_of("getUpdates") if call.ok
                for update in call.result if update.get("message") == message)


async def until(condition: Callable[[], bool], timeout: float = 20.0) -> None:
    deadline = asyncio.get_running_loop().time() + timeout
    while not condition():
        assert asyncio.get_running_loop().time() < deadline, "timed out"
        await asyncio.sleep(0.05)


async def each_chat_answered_once(api: FakeBotApi, text: str = "/sources") -> None:
    for chat in CHATS:
        api.push_message(text, user_id=chat)
    await until(lambda: all(sends_to(api, chat) for chat in CHATS))
    await asyncio.sleep(0.5)  # anything doubled or apologised for would have come by now
    for chat in CHATS:
        (answer,) = sends_to(api, chat)
        assert "The corpus: 5 outlets" in (answer.plain_text or "")
    assert not [c for c in api.calls_of("sendMessage") if c.params.get("text") == SORRY]


async def test_a_burst_of_5xx_is_retried_and_every_answer_arrives_once(
    seed_config: Config, answerer: Answerer
) -> None:
    with FakeBotApi() as api:
        async with running(seed_config, answerer, api):
            api.fail_next("sendMessage", 502, "Bad Gateway", times=3)
            await each_chat_answered_once(api)
    failed = [c.error_code for c in api.calls_of("sendMessage") if not c.ok]
    assert failed == [502] * 3


async def test_dropped_connections_are_retried_and_every_answer_arrives_once(
    seed_config: Config, answerer: Answerer
) -> None:
    with FakeBotApi() as api:
        async with running(seed_config, answerer, api):
            api.drop_next("sendMessage", times=3)
            await each_chat_answered_once(api)
    dropped = [c for c in api.calls_of("sendMessage") if c.description == "connection dropped"]
    assert len(dropped) == 3


async def test_a_sustained_flood_limit_is_waited_out(
    seed_config: Config, answerer: Answerer
) -> None:
    with FakeBotApi() as api:
        async with running(seed_config, answerer, api):
            api.fail_for("sendMessage", 1.0, 429, retry_after=1)
            await each_chat_answered_once(api)
    assert {c.error_code for c in api.calls_of("sendMessage") if not c.ok} == {429}


async def test_a_slow_bot_api_is_waited_for(seed_config: Config, answerer: Answerer) -> None:
    """The answer is sent but the Bot API replies late: within the timeout, nothing else."""
    with FakeBotApi() as api:
        async with running(seed_config, answerer, api, request_timeout=3.0):
            api.delay_next("sendMessage", 1.5, times=3)
            await each_chat_answered_once(api)


async def test_a_send_that_timed_out_is_neither_repeated_nor_apologised_for(
    seed_config: Config, answerer: Answerer, caplog: pytest.LogCaptureFixture
) -> None:
    """Slower than the timeout: the answer did arrive, so no retry (it would double it) and no
    "Sorry"; the log says which update it was."""
    caplog.set_level(logging.INFO)
    with FakeBotApi() as api:
        async with running(seed_config, answerer, api, request_timeout=0.5):
            api.delay_next("sendMessage", 1.5)
            message = api.push_message("/sources", user_id=CHATS[0])
            await until(lambda: "gave up answering update" in caplog.text)
            await asyncio.sleep(1.0)
    (answer,) = sends_to(api, CHATS[0])
    assert "The corpus: 5 outlets" in (answer.plain_text or "")
    assert not [c for c in api.calls_of("sendMessage") if c.params.get("text") == SORRY]
    assert f"gave up answering update {update_id_of(api, message)} " in caplog.text


async def test_giving_up_is_logged_with_the_update_id_and_not_apologised_for(
    seed_config: Config, answerer: Answerer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    with FakeBotApi() as api:
        async with running(seed_config, answerer, api, give_up_after=1.0):
            api.fail_for("sendMessage", 30, 500, "Internal Server Error")
            message = api.push_message("/sources", user_id=CHATS[0])
            await until(lambda: "gave up answering update" in caplog.text)
    given_up = [r for r in caplog.records if "gave up answering update" in r.getMessage()]
    assert len(given_up) == 1
    assert f"update {update_id_of(api, message)} (chat {CHATS[0]})" in given_up[0].getMessage()
    assert given_up[0].exc_info is None  # a line in the log, not a traceback
    tries = sends_to(api, CHATS[0], ok=False)
    assert len(tries) >= 2 and all(c.params.get("text") != SORRY for c in tries)
