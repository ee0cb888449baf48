"""Per-chat settings: as data, applied to answers, and end to end through /settings buttons.

The end-to-end tests run the real Application against the fake Bot API, each with its own
persistence file, and restart the application on the same file to check what a group chose is
still there.
"""

from __future__ import annotations

import asyncio
import json
import pickle
import sqlite3
import stat
from contextlib import AbstractAsyncContextManager
from pathlib import Path
from typing import Any

import pytest

from bot.answers.answerer import Answerer
from bot.config import Config
from handlers.application import build_application, run_polling
from tests.conftest import on_telegram
from tests.support.fake_bot_api import Call, FakeBotApi, polling

pytestmark = pytest.mark.timeout(60)

GROUP = -100700
EXILE = "Notes from the Cuban Exile Quarter"


def _running(config: Config, answerer: Answerer) -> AbstractAsyncContextManager[Any]:
    return polling(build_application(config, answerer))


async def _ask(api: FakeBotApi, text: str) -> Call:
    before = len(api.calls_of("sendMessage"))
    api.push_message(text, chat_id=GROUP, chat_type="supergroup")
    return await api.wait_for("sendMessage", lambda c: str(c.params["chat_id"]) == str(GROUP)
                              and api.calls_of("sendMessage").index(c) >= before)


def _find(message: Call, label_start: str) -> dict[str, str]:
    """The button of `message` (as last sent or edited) whose label starts so."""
    return _find_all(message, label_start)[0]


def _find_all(message: Call, label_start: str) -> list[dict[str, str]]:
    """Every button of `message` whose label starts so."""
    rows = message.params["reply_markup"]["inline_keyboard"]
    return [b for row in rows for b in row if b["text"].startswith(label_start)]


async def _press(api: FakeBotApi, message: Call, label_start: str) -> Call:
    button = _find(message, label_start)
    before = len(api.calls_of("editMessageText"))
    api.push_callback_query(message.result["chat"]["id"], message.result["message_id"],
                            button["callback_data"])
    return await api.wait_for("editMessageText",
                              lambda c: api.calls_of("editMessageText").index(c) >= before)


async def test_settings_buttons_change_the_answers_and_survive_a_restart(
    seed_config: Config, answerer: Answerer, tmp_path: Path
) -> None:
    with FakeBotApi() as api:
        config = on_telegram(seed_config, api.token, api.base_url,
                                     persistence_file=tmp_path / "chats.sqlite3")
        api.set_admins(GROUP, [api.default_user_id])
        async with _running(config, answerer):
            shown = await _ask(api, "/settings")
            assert "Settings for this chat" in shown.plain_text
            assert "Outlets: all" in shown.plain_text and "Balance: off" in shown.plain_text
            edited = await _press(api, shown, f"✅ {EXILE}")
            assert "Outlets: 4 of 5" in edited.plain_text and EXILE not in edited.plain_text
            edited = await _press(api, edited, "3 results")  # the buttons as edited
            assert "Results per /search and /quote: 3" in edited.plain_text
            edited = await _press(api, edited, "Balance: off")
            assert "Balance: on" in edited.plain_text
            answer = await _ask(api, "/search regime")
            assert EXILE not in answer.plain_text and "CiberCuba" in answer.plain_text
        assert (tmp_path / "chats.sqlite3").is_file()

        async with _running(config, answerer):  # the same persistence file, a new process
            # The buttons of before the restart are not kept: they say so and change nothing.
            old = _find(edited, "Balance: on")
            query_id = api.push_callback_query(edited.result["chat"]["id"],
                                               edited.result["message_id"], old["callback_data"])
            expired = await api.wait_for("answerCallbackQuery",
                                         lambda c: c.params["callback_query_id"] == query_id)
            assert expired.params["text"] == "This button has expired; please ask again."
            shown = await _ask(api, "/settings")
            assert "Outlets: 4 of 5" in shown.plain_text
            assert "Results per /search and /quote: 3" in shown.plain_text
            assert "Balance: on" in shown.plain_text
            answer = await _ask(api, "/search regime")
            assert EXILE not in answer.plain_text


async def _press_as(api: FakeBotApi, message: Call, label_start: str, user_id: int) -> Call:
    """Press a button as `user_id`; the bot's answer to the press (a toast or an alert)."""
    button = _find(message, label_start)
    query_id = api.push_callback_query(message.result["chat"]["id"],
                                       message.result["message_id"], button["callback_data"],
                                       user_id=user_id)
    return await api.wait_for("answerCallbackQuery",
                              lambda c: c.params["callback_query_id"] == query_id)


async def test_in_groups_only_administrators_change_settings(
    seed_config: Config, answerer: Answerer, tmp_path: Path
) -> None:
    admin, member = 2001, 2002
    with FakeBotApi() as api:
        config = on_telegram(seed_config, api.token, api.base_url,
                                     persistence_file=tmp_path / "chats.sqlite3")
        api.set_admins(GROUP, [admin], owner=2000)
        async with _running(config, answerer):
            shown = await _ask(api, "/settings")
            assert "Only the group's administrators can change them." in shown.plain_text
            refused = await _press_as(api, shown, "Balance: off", member)
            assert refused.params["text"] == "Only this group's administrators can change its " \
                                             "settings."
            assert refused.params["show_alert"] is True
            assert not api.calls_of("editMessageText")
            assert "Balance: off" in (await _ask(api, "/settings")).plain_text

            saved = await _press_as(api, shown, "Balance: off", admin)
            assert saved.params["text"] == "Saved for this chat."
            edited = await api.wait_for("editMessageText")
            assert "Balance: on" in edited.plain_text
            asked = [c.params["user_id"] for c in api.calls_of("getChatMember")]
            assert asked == [member, admin]

            private = api.push_message("/settings", chat_type="private", user_id=member)
            reply = await api.wait_for("sendMessage",
                                       lambda c: c.params["chat_id"] == private["chat"]["id"])
            assert "administrators" not in reply.plain_text
            saved = await _press_as(api, reply, "Balance: off", member)
            assert saved.params["text"] == "Saved for this chat."  # a private chat's own user
            assert len(api.calls_of("getChatMember")) == 2  # no need to ask Telegram


async def test_settings_are_kept_as_json_in_a_file_only_the_bot_may_read(
    seed_config: Config, answerer: Answerer, tmp_path: Path
) -> None:
    path = tmp_path / "state" / "chats.sqlite3"
    with FakeBotApi() as api:
        config = on_telegram(seed_config, api.token, api.base_url, persistence_file=path)
        api.set_admins(GROUP, [api.default_user_id])
        async with _running(config, answerer):
            await _press(api, await _ask(api, "/settings"), "Balance: off")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    with sqlite3.connect(path) as db:
        rows = db.execute("SELECT chat_id, data FROM chat_data").fetchall()
    assert [(chat, json.loads(data)["settings"]["balance"]) for chat, data in rows] == [
        (GROUP, True)]


def test_a_planted_pickle_is_refused_not_run(
    seed_config: Config, answerer: Answerer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A settings file from an older version, or planted: never unpickled, a clear message."""
    marker = tmp_path / "ran"
    path = tmp_path / "chats.pickle"
    path.write_bytes(pickle.dumps(_Planted(str(marker))))
    config = on_telegram(seed_config, "1:x", "http://127.0.0.1:9/bot", persistence_file=path)
    assert run_polling(config, answerer) == 2
    assert "is not a chat-settings database" in capsys.readouterr().err
    assert not marker.exists()


class _Planted:
    """What a planted pickle does when loaded: here, only touch a file."""

    def __init__(self, marker: str) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str, str]]:
        return (open, (self.marker, "w"))


async def test_chats_silent_for_the_configured_time_are_forgotten(
    seed_config: Config, answerer: Answerer, tmp_path: Path
) -> None:
    path = tmp_path / "chats.sqlite3"
    with FakeBotApi() as api:
        config = on_telegram(seed_config, api.token, api.base_url, persistence_file=path,
                             forget_chats_after_days=3 / 86_400)  # three seconds
        application = build_application(config, answerer)
        api.set_admins(GROUP, [api.default_user_id])
        async with polling(application):
            await _press(api, await _ask(api, "/settings"), "Balance: off")
            # The handler ends (and marks its chat for saving) after the edit the fake server
            # saw: let it end, or its chat is saved again below, as if it had just written.
            await asyncio.sleep(0.3)
            await application.update_persistence()
            await asyncio.sleep(3.3)
            api.push_message("/settings", user_id=6001)  # another chat, writing now
            await api.wait_for("sendMessage", lambda c: c.params["chat_id"] == 6001)
            await asyncio.sleep(0.3)
            await application.update_persistence()
            assert application.job_queue is not None
            (job,) = application.job_queue.get_jobs_by_name("forget silent chats")
            await job.run(application)
            await application.update_persistence()
            assert GROUP not in application.chat_data and 6001 in application.chat_data
            with sqlite3.connect(path) as db:
                assert db.execute("SELECT chat_id FROM chat_data").fetchall() == []


async def test_chats_silent_for_months_are_forgotten_when_the_bot_starts(
    seed_config: Config, answerer: Answerer, tmp_path: Path
) -> None:
    path = tmp_path / "chats.sqlite3"
    with FakeBotApi() as api:
        config = on_telegram(seed_config, api.token, api.base_url, persistence_file=path,
                             forget_chats_after_days=30)
        api.set_admins(GROUP, [api.default_user_id])
        async with _running(config, answerer):
            await _press(api, await _ask(api, "/settings"), "Balance: off")
        # The file as two months more would leave it: the group silent since, another chat
        # with the same settings having written yesterday
        with sqlite3.connect(path) as db:
            db.execute("UPDATE chat_data SET seen = seen - 61 * 86400 WHERE chat_id = ?",
                       (GROUP,))
            db.execute("INSERT INTO chat_data SELECT 6001, data, seen + 60 * 86400 "
                       "FROM chat_data WHERE chat_id = ?", (GROUP,))
        application = build_application(config, answerer)
        async with polling(application):
            assert GROUP not in application.chat_data and 6001 in application.chat_data
            answer = await _ask(api, "/settings")  # the group's settings are the defaults again
            assert _find(answer, "Balance: off") and not _find_all(answer, "Balance: on")
        with sqlite3.connect(path) as db:
            assert db.execute("SELECT chat_id FROM chat_data").fetchall() == [(6001,)]


async def test_a_press_that_changes_nothing_is_answered_without_stray_text(
    seed_config: Config, answerer: Answerer, tmp_path: Path
) -> None:
    with FakeBotApi() as api:
        config = on_telegram(seed_config, api.token, api.base_url,
                             persistence_file=tmp_path / "chats.sqlite3")
        api.set_admins(GROUP, [api.default_user_id])
        async with _running(config, answerer):
            edited = await _press(api, await _ask(api, "/settings"), "3 results")
            pressed = await _press_as(api, edited, "• 3 •", api.default_user_id)  # again
            # python-telegram-bot with Defaults sends an empty text as "[]": a toast saying "[]"
            assert pressed.params.get("text") is None
            assert len(api.calls_of("editMessageText")) == 1
