"""Answers off the event loop: a slow answer in one chat holds up no other chat, and each chat's
replies still come in the order its messages were sent.

`SlowTimeline` stands for a corpus large enough that /timeline takes long to compute: its
/timeline is the real answer, computed only once the test opens a gate (a `threading.Event`).
Were answers computed on the event loop, the waiting would stall every chat; were updates
handled concurrently without keeping each chat's order, a later message of the same chat would
overtake it.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import AsyncIterator, Callable

import pytest

from bot.answers.answerer import Answerer
from bot.answers.scope import EVERYTHING, Scope
from bot.answers.types import Answer
from bot.config import Config
from bot.retrieval.index import NewsIndex
from handlers.application import build_application
from tests.conftest import on_telegram
from tests.support.fake_bot_api import Call, FakeBotApi, polling

pytestmark = pytest.mark.timeout(60)

ALICE, BOB = 1001, 1002  # two private chats (a private chat's id is its user's)


class SlowTimeline(Answerer):
    """The real Answerer, whose /timeline waits for the test's gate before computing."""

    def __init__(self, index: NewsIndex, config: Config) -> None:
        super().__init__(index, config)
        self.started = threading.Event()
        self.gate = threading.Event()

    def answer(self, command: str, args: str, scope: Scope = EVERYTHING) -> Answer:
        if command == "timeline":
            self.started.set()
            if not self.gate.wait(timeout=30):
                raise TimeoutError("the test never opened the gate")
        return super().answer(command, args, scope)


@pytest.fixture
def slow(seed_index: NewsIndex, seed_config: Config) -> SlowTimeline:
    return SlowTimeline(seed_index, seed_config)


@pytest.fixture
async def api(seed_config: Config, slow: SlowTimeline) -> AsyncIterator[FakeBotApi]:
    with FakeBotApi() as fake:
        config = on_telegram(seed_config, fake.token, fake.base_url)
        async with polling(build_application(config, slow)):
            try:
                yield fake
            finally:  # before stopping, which waits for the answers under way
                slow.gate.set()


def _to(chat_id: int) -> Callable[[Call], bool]:
    return lambda call: call.params.get("chat_id") == chat_id


def _replies(api: FakeBotApi, chat_id: int) -> list[Call]:
    return [c for c in api.calls_of("sendMessage") if c.params.get("chat_id") == chat_id]


async def _until_started(slow: SlowTimeline) -> None:
    assert await asyncio.to_thread(slow.started.wait, 10), "/timeline was never asked"


async def test_a_slow_answer_in_one_chat_does_not_hold_up_another(
    api: FakeBotApi, slow: SlowTimeline
) -> None:
    api.push_message("/timeline", user_id=ALICE)
    await _until_started(slow)
    api.push_message("/sources", user_id=BOB)
    bob = await api.wait_for("sendMessage", _to(BOB))
    assert "The corpus: 5 outlets" in bob.plain_text
    assert _replies(api, ALICE) == []  # still computing
    slow.gate.set()
    alice = await api.wait_for("sendMessage", _to(ALICE))
    assert "Timeline" in alice.plain_text and "Page 1 of" in alice.plain_text


async def test_one_chats_messages_are_answered_in_the_order_sent(
    api: FakeBotApi, slow: SlowTimeline
) -> None:
    api.push_message("/timeline", user_id=ALICE)
    await _until_started(slow)
    api.push_message("/sources", user_id=ALICE)
    api.push_message("/help", user_id=BOB)  # another chat is answered meanwhile ...
    await api.wait_for("sendMessage", _to(BOB))
    await asyncio.sleep(0.3)
    assert _replies(api, ALICE) == []  # ... but Alice's /sources waits for her /timeline
    slow.gate.set()
    await api.wait_for("sendMessage", _to(ALICE))
    await api.wait_for("sendMessage", _to(ALICE))
    first, second = _replies(api, ALICE)
    assert "Timeline" in first.plain_text
    assert "The corpus: 5 outlets" in second.plain_text
    assert first.result["message_id"] < second.result["message_id"]
