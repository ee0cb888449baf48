"""The real Application under generated traffic: every update that deserves an answer gets
exactly one, every reply is Telegram HTML within its limits, and nothing lands in the log as an
error or a traceback.

Each example is a burst of updates from many chats at once, against the fake Bot API: texts
(any unicode, HTML, emoji and flags, very long), commands known and not, `/cmd@otherbot`,
photos, stickers and locations, and forged button presses, in private chats and groups.
"""

from __future__ import annotations

import asyncio
import logging
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from bot.answers.answerer import Answerer
from bot.config import Config
from handlers.application import build_application
from tests.conftest import on_telegram
from tests.property.test_every_command import EMOJI, EXAMPLES, HTML_BITS, NAMES, odd_text
from tests.support.fake_bot_api import CONTENT_SAMPLES, FakeBotApi, polling
from tests.support.traffic import Sent, Tally, drive

pytestmark = pytest.mark.timeout(120)

WORDS = ["blockade", "Cuba", "Xi", "China", "embargo", "1962", "Havana", "the", "said"]
FUZZ = settings(
    max_examples=max(2, EXAMPLES // 8), deadline=None, derandomize=True, database=None,
    print_blob=False, phases=(Phase.explicit, Phase.generate),  # shrinking a burst takes minutes
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                           HealthCheck.function_scoped_fixture],
)


def texts() -> st.SearchStrategy[str]:
    words = st.lists(st.sampled_from(WORDS + EMOJI + HTML_BITS + ["🇨🇺", "中文"]), min_size=1,
                     max_size=8).map(" ".join)
    long = st.builds(lambda text, size: ((text + " ") * size)[:size], words,
                     st.integers(1000, 5000))
    return st.one_of(words, odd_text(), long).map(str.strip).filter(bool)


def commands() -> st.SearchStrategy[str]:
    name = st.sampled_from(NAMES) | st.from_regex(r"[A-Za-z0-9_]{1,12}", fullmatch=True)
    addressed = st.sampled_from(["", "", "@newsbot_test_bot", "@NewsBot_Test_Bot", "@otherbot"])
    return st.builds(lambda n, bot, args: f"/{n}{bot} {args}".strip(), name, addressed,
                     st.just("") | texts())


def updates() -> st.SearchStrategy[Sent]:
    private = st.booleans()
    return st.one_of(
        st.builds(lambda p, t: Sent("text", p, t), private, texts() | commands()),
        st.builds(lambda p, k, caption: Sent("content", p, caption, content=k), private,
                  st.sampled_from(sorted(CONTENT_SAMPLES)), st.sampled_from(["", "look"])),
        st.builds(lambda p, data: Sent("press", p, data=data), private,
                  st.none() | st.text(min_size=1, max_size=20).filter(  # Telegram's 1-64 bytes
                      lambda d: len(d.encode()) <= 64)
                  | st.sampled_from(["pg:AAAA:²", "ch:0", "0" * 64])),
    )


class Errors(logging.Handler):
    """Log records at ERROR or with a traceback: none is expected."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno >= logging.ERROR or record.exc_info:
            self.records.append(record)


async def _run(config: Config, answerer: Answerer, burst: list[Sent]) -> Tally:
    with FakeBotApi() as api, tempfile.TemporaryDirectory() as folder:
        config = on_telegram(config, api.token, api.base_url,
                             persistence_file=Path(folder) / "chats.sqlite3")
        async with polling(build_application(config, answerer)):
            await api.wait_for("setMyCommands")
            return await drive(api, burst, timeout=15)


@FUZZ
@given(burst=st.lists(updates(), min_size=10, max_size=30))
def test_every_update_gets_one_valid_answer_or_none_when_due(
    seed_config: Config, answerer: Answerer, burst: list[Sent]
) -> None:
    errors = Errors()
    logging.getLogger().addHandler(errors)
    try:
        tally = asyncio.run(_run(seed_config, answerer, burst))
    finally:
        logging.getLogger().removeHandler(errors)
    assert tally.lost == [] and tally.unanswered == [], "no answer"
    assert tally.doubled == [], "answered twice"
    assert tally.uninvited == [], "answered where it should keep out"
    assert [c.summary() for c in tally.oversized] == [], "refused by Telegram"
    assert tally.sorry == []
    assert [errors.format(r) for r in errors.records] == []
