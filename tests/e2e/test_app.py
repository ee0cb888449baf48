"""End to end: the real python-telegram-bot Application, long-polling a Bot API on 127.0.0.1.

The application is the one `newsbot` runs (`bot.app.build_application`), with the seed corpus.
What the fake server records is what a Telegram user would see.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from telegram.ext import Application

from bot.answers.answerer import Answerer
from bot.config import Config
from bot.logs import setup_logging
from handlers.application import build_application, run_polling
from handlers.ingest import NOT_ALLOWED
from tests.conftest import SEED_OUTLETS, on_telegram
from tests.support.fake_bot_api import CONTENT_SAMPLES, Call, FakeBotApi, polling

pytestmark = pytest.mark.timeout(60)

OUTLETS = SEED_OUTLETS
GROUP = -100500


@dataclasses.dataclass
class Running:
    api: FakeBotApi
    application: Application  # type: ignore[type-arg]

    async def ask(self, text: str, **kwargs: object) -> Call:
        return await ask(self.api, text, **kwargs)


async def ask(api: FakeBotApi, text: str, **kwargs: object) -> Call:
    """Send a message as a user and wait for the bot's reply to it."""
    message = api.push_message(text, **kwargs)  # type: ignore[arg-type]
    chat_id = message["chat"]["id"]
    return await api.wait_for(
        "sendMessage",
        lambda call: str(call.params.get("chat_id")) == str(chat_id),
    )


@pytest.fixture
async def telegram(seed_config: Config, answerer: Answerer) -> AsyncIterator[Running]:
    with FakeBotApi() as api:
        config = on_telegram(seed_config, api.token, api.base_url)
        async with polling(build_application(config, answerer)) as application:
            yield Running(api, application)


async def test_command_menu_is_set_at_start_up(telegram: Running) -> None:
    call = await telegram.api.wait_for("setMyCommands")
    names = [c["command"] for c in call.params["commands"]]
    assert names == ["search", "timeline", "quote", "sources", "compare", "settings", "add",
                     "feeds", "help"]


async def test_start_in_private_describes_the_bot_and_corpus(telegram: Running) -> None:
    reply = await telegram.ask("/start")
    assert "verbatim" in reply.plain_text
    for outlet in OUTLETS:
        assert outlet in reply.plain_text
    assert "/timeline" in reply.plain_text


async def test_plain_text_in_private_is_a_search_with_outlets(telegram: Running) -> None:
    reply = await telegram.ask("blockade")
    assert reply.params["parse_mode"] == "HTML"
    assert "passages for “blockade”" in reply.plain_text
    assert any(outlet in reply.plain_text for outlet in OUTLETS)
    assert "<b>blockade</b>" in reply.html


@pytest.mark.parametrize("command", ["/timeline", "/quote Xi", "/sources blockade",
                                     "/search Díaz-Canel"])
async def test_each_command_is_answered_and_accepted_by_telegram(
    telegram: Running, command: str
) -> None:
    reply = await telegram.ask(command)
    assert reply.ok
    assert any(outlet in reply.plain_text for outlet in OUTLETS)


async def test_group_commands_reply_to_the_asker_and_ignore_other_bots(telegram: Running) -> None:
    api = telegram.api
    other = api.push_message("/timeline@someotherbot", chat_id=GROUP, chat_type="supergroup")
    chatter = api.push_message("just talking about the blockade", chat_id=GROUP,
                               chat_type="supergroup")
    ours = api.push_message("/quote@newsbot_test_bot Xi", chat_id=GROUP, chat_type="supergroup")
    reply = await api.wait_for("sendMessage", lambda c: str(c.params["chat_id"]) == str(GROUP))
    assert reply.params["reply_parameters"]["message_id"] == ours["message_id"]
    assert "Xi Jinping" in reply.plain_text
    await asyncio.sleep(0.3)
    replied_to = [c.params["reply_parameters"]["message_id"] for c in api.calls_of("sendMessage")
                  if str(c.params["chat_id"]) == str(GROUP)]
    assert replied_to == [ours["message_id"]]
    assert other["message_id"] not in replied_to and chatter["message_id"] not in replied_to


async def test_unknown_command_answered_in_private_only(telegram: Running) -> None:
    reply = await telegram.ask("/frobnicate")
    assert "/help" in reply.plain_text
    telegram.api.push_message("/frobnicate", chat_id=GROUP, chat_type="group")
    reply = await telegram.ask("/help@newsbot_test_bot", chat_id=GROUP, chat_type="group")
    assert "Commands" in reply.plain_text
    assert len([c for c in telegram.api.calls_of("sendMessage")
                if str(c.params["chat_id"]) == str(GROUP)]) == 1


async def test_photos_stickers_and_places_get_a_hint_in_private_and_silence_in_groups(
    telegram: Running,
) -> None:
    api = telegram.api
    for kind, content in CONTENT_SAMPLES.items():
        api.push_message("", chat_id=GROUP, chat_type="supergroup", content=content)
        reply = await telegram.ask("a caption" if kind == "photo" else "", content=content,
                                   user_id=5001)
        if kind == "document":  # a kind of file the bot adds, from someone who may not add
            assert reply.plain_text == NOT_ALLOWED
            continue
        assert reply.plain_text == ("I read words: send me a few to search the news for, or "
                                    "a command (/help)."), kind
    await asyncio.sleep(0.3)
    assert len(api.calls_of("sendMessage")) == len(CONTENT_SAMPLES)  # none to the group


async def test_missing_topic_gets_usage_with_an_example(telegram: Running) -> None:
    reply = await telegram.ask("/search")
    assert "Usage: /search <words>" in reply.plain_text
    assert "Try: /search " in reply.plain_text


async def test_html_and_markdown_in_messages_are_escaped(telegram: Running) -> None:
    reply = await telegram.ask("/search <b>blockade</b> & *Cuba* _x_ `y` <a href='x'>")
    assert reply.ok
    assert "“<b>blockade</b> & *Cuba* _x_ `y` <a href='x'>”" in reply.plain_text


async def test_huge_emoji_and_non_latin_messages_get_answers(telegram: Running) -> None:
    long = await telegram.ask("Cuba China blockade " * 200)
    assert long.ok and "first" in long.plain_text
    emoji = await telegram.ask("🇨🇺🇨🇳🙂")
    assert "No passages in the corpus" in emoji.plain_text
    chinese = await telegram.ask("/quote 习近平")
    assert "No quotations in the corpus" in chinese.plain_text


async def test_long_answers_page_with_buttons(telegram: Running) -> None:
    first = await telegram.ask("/timeline")
    keyboard = first.params["reply_markup"]["inline_keyboard"][0]
    assert "Page 1 of" in first.plain_text
    total = int(first.plain_text.rsplit("Page 1 of ", 1)[1].split()[0])
    assert total > 1
    next_button = keyboard[-1]
    assert next_button["text"].endswith("▶")
    message_id = first.result["message_id"]
    chat_id = first.result["chat"]["id"]
    telegram.api.push_callback_query(chat_id, message_id, next_button["callback_data"])
    edit = await telegram.api.wait_for("editMessageText")
    assert f"Page 2 of {total}" in edit.plain_text
    assert edit.plain_text != first.plain_text
    await telegram.api.wait_for("answerCallbackQuery")
    buttons = [b["text"] for b in edit.params["reply_markup"]["inline_keyboard"][0]]
    assert buttons[0].startswith("◀") and f"2/{total}" in buttons


async def test_buttons_sent_before_a_restart_say_they_expired(
    seed_config: Config, answerer: Answerer, tmp_path: Path
) -> None:
    """Button data is not persisted: after a restart the old buttons answer, and nothing else."""
    with FakeBotApi() as api:
        config = on_telegram(seed_config, api.token, api.base_url,
                             persistence_file=tmp_path / "chats.sqlite3")
        async with polling(build_application(config, answerer)):
            first = await ask(api, "/timeline")
        async with polling(build_application(config, answerer)):
            query_id = api.push_callback_query(first.result["chat"]["id"],
                                               first.result["message_id"],
                                               _buttons(first)[-1]["callback_data"])
            answer = await api.wait_for("answerCallbackQuery",
                                        lambda c: c.params["callback_query_id"] == query_id)
            assert answer.params["text"] == "This button has expired; please ask again."
            await asyncio.sleep(0.2)
            assert api.calls_of("editMessageText") == api.calls_of("sendPhoto") == []


@pytest.mark.parametrize("data", ["pg:gone:1", "ch:gone", "0" * 64, "é" * 32, "pg:AAAA:²", "²",
                                  None])
async def test_a_button_with_unknown_data_is_answered_as_expired(
    telegram: Running, data: str | None
) -> None:
    first = await telegram.ask("/help")
    query_id = telegram.api.push_callback_query(first.result["chat"]["id"],
                                                first.result["message_id"], data)
    answer = await telegram.api.wait_for("answerCallbackQuery",
                                         lambda c: c.params["callback_query_id"] == query_id)
    assert answer.params["text"] == "This button has expired; please ask again."
    await asyncio.sleep(0.2)
    assert telegram.api.calls_of("sendPhoto") == telegram.api.calls_of("editMessageText") == []


async def test_page_and_chart_keys_work_only_in_the_chat_they_were_sent_to(
    telegram: Running,
) -> None:
    """The button data cache is the bot's: a key copied into another chat, or pressed on an
    inline message, finds the answer, but it is not that chat's to see."""
    api = telegram.api
    mine = await telegram.ask("/timeline", user_id=4001)
    other = await telegram.ask("/help", user_id=4002)
    keys = [b["callback_data"] for b in _buttons(mine)]
    assert len(keys) >= 2
    pressed = [api.push_callback_query(4002, other.result["message_id"], key) for key in keys]
    pressed += [api.push_callback_query(4001, None, key) for key in keys]  # an inline message
    for query_id in pressed:
        answer = await api.wait_for("answerCallbackQuery",
                                    lambda c, q=query_id: c.params["callback_query_id"] == q)
        assert answer.params["text"] == "This button has expired; please ask again."
    await asyncio.sleep(0.3)
    assert api.calls_of("editMessageText") == api.calls_of("sendPhoto") == []
    assert api.unanswered_callback_queries == []
    turn = next(b["callback_data"] for b in _buttons(mine) if b["text"].endswith("▶"))
    api.push_callback_query(4001, mine.result["message_id"], turn)  # where it was sent: works
    assert "Page 2 of" in (await api.wait_for("editMessageText")).plain_text


async def test_a_settings_button_on_an_inline_message_is_answered(telegram: Running) -> None:
    settings = await telegram.ask("/settings", user_id=4003)
    query_id = telegram.api.push_callback_query(4003, None, _buttons(settings)[0]["callback_data"])
    answer = await telegram.api.wait_for("answerCallbackQuery",
                                         lambda c: c.params["callback_query_id"] == query_id)
    assert answer.params["text"] == "This button has expired; please ask again."
    assert telegram.api.calls_of("editMessageText") == []


async def test_a_reply_rejected_for_its_html_is_resent_as_plain_text(telegram: Running) -> None:
    telegram.api.fail_next("sendMessage", 400, "Bad Request: can't parse entities: oops")
    reply = await telegram.ask("/quote Xi")
    assert reply.params.get("parse_mode") is None
    assert "Xi Jinping" in reply.plain_text


async def test_too_many_requests_is_retried_by_the_rate_limiter(telegram: Running) -> None:
    telegram.api.fail_next("sendMessage", 429, "Too Many Requests: retry after 1", retry_after=1)
    reply = await telegram.ask("/sources")
    assert "The corpus: 5 outlets" in reply.plain_text
    rejected = [c for c in telegram.api.calls_of("sendMessage") if not c.ok]
    assert [c.error_code for c in rejected] == [429]


async def test_one_failing_send_is_retried_not_apologised_for(telegram: Running) -> None:
    telegram.api.fail_next("sendMessage", 500, "Internal Server Error")
    reply = await telegram.ask("/sources")
    assert "The corpus: 5 outlets" in reply.plain_text
    await asyncio.sleep(0.3)
    assert [c.plain_text for c in telegram.api.calls_of("sendMessage") if c.ok] == [
        reply.plain_text]


async def test_a_reply_telegram_refuses_is_reported_briefly_to_the_user(
    telegram: Running,
) -> None:
    """A refusal asking again cannot change (not the HTML: that is resent as plain text)."""
    telegram.api.fail_next("sendMessage", 400, "Bad Request: message thread not found")
    reply = await telegram.ask("/sources")
    assert reply.plain_text.startswith("Sorry, something went wrong")


def test_wrong_token_is_a_clear_message(
    seed_config: Config, answerer: Answerer, capsys: pytest.CaptureFixture[str]
) -> None:
    with FakeBotApi(token="1:right") as api:
        config = on_telegram(seed_config, "1:wrong", api.base_url)
        assert run_polling(config, answerer) == 2
    assert "Telegram rejected the token" in capsys.readouterr().err


async def test_the_token_never_appears_in_logs(
    seed_config: Config, answerer: Answerer, capfd: pytest.CaptureFixture[str]
) -> None:
    with FakeBotApi() as api:
        setup_logging("DEBUG", secrets=[api.token])
        logging.getLogger("httpx").setLevel(logging.DEBUG)
        try:
            config = on_telegram(seed_config, api.token, api.base_url)
            application = build_application(config, answerer)
            async with application:
                await application.bot.get_me()
                api.fail_next("sendMessage", 400, "Bad Request: chat not found")
                with pytest.raises(Exception) as error:
                    await application.bot.send_message(1, "hi")
                logging.getLogger("test").error("failed: %s", error.value, exc_info=error.value)
        finally:
            logging.getLogger().handlers.clear()
    logged = capfd.readouterr().err
    assert "getMe" in logged  # the request URLs were logged ...
    assert api.token not in logged and api.token.split(":")[1] not in logged  # ... redacted


async def test_polling_survives_a_failing_bot_api(telegram: Running) -> None:
    telegram.api.fail_next("getUpdates", 502, "Bad Gateway", times=2)
    reply = await telegram.ask("/quote Xi")
    assert "Xi Jinping" in reply.plain_text
    failed = [c for c in telegram.api.calls_of("getUpdates") if not c.ok]
    assert [c.error_code for c in failed] == [502, 502]


async def test_timeline_chart_is_sent_as_a_photo_after_the_text(telegram: Running) -> None:
    pytest.importorskip("matplotlib")
    text = await telegram.ask("/timeline 1960-1970 chart")
    assert "Timeline: 1960–1970" in text.plain_text
    photo = await telegram.api.wait_for("sendPhoto")
    assert photo.ok and photo.files["photo"].data.startswith(b"\x89PNG")
    assert str(photo.params["chat_id"]) == str(text.params["chat_id"])


def _buttons(call: Call) -> list[dict[str, str]]:
    markup = call.params.get("reply_markup") or {"inline_keyboard": []}
    return [button for row in markup["inline_keyboard"] for button in row]


def _chart_button(call: Call) -> dict[str, str]:
    return next(b for b in _buttons(call) if b["text"] == "📈 Chart")


async def test_chart_button_sends_the_timeline_as_a_photo(telegram: Running) -> None:
    pytest.importorskip("matplotlib")
    first = await telegram.ask("/timeline")
    chat_id, message_id = first.result["chat"]["id"], first.result["message_id"]
    assert first.params["reply_markup"]["inline_keyboard"][0][-1]["text"].endswith("▶")
    button = _chart_button(first)
    assert len(button["callback_data"].encode()) <= 64
    telegram.api.push_callback_query(chat_id, message_id, button["callback_data"])
    await telegram.api.wait_for("answerCallbackQuery")
    photo = await telegram.api.wait_for("sendPhoto")
    assert photo.ok and photo.files["photo"].data.startswith(b"\x89PNG")
    assert str(photo.params["chat_id"]) == str(chat_id)
    # Turning the page keeps the button, and it still draws the same answer.
    next_page = first.params["reply_markup"]["inline_keyboard"][0][-1]["callback_data"]
    telegram.api.push_callback_query(chat_id, message_id, next_page)
    edit = await telegram.api.wait_for("editMessageText")
    assert "Page 2 of" in edit.plain_text
    telegram.api.push_callback_query(chat_id, message_id, _chart_button(edit)["callback_data"])
    again = await telegram.api.wait_for("sendPhoto")
    assert again.files["photo"].data == photo.files["photo"].data


async def test_one_page_timeline_has_only_the_chart_button(telegram: Running) -> None:
    pytest.importorskip("matplotlib")
    reply = await telegram.ask("/timeline in 1989")
    assert "Page 1 of" not in reply.plain_text and "Tiananmen" in reply.plain_text
    assert [b["text"] for b in _buttons(reply)] == ["📈 Chart"]
    search = await telegram.ask("/search blockade")
    assert not any(b["text"] == "📈 Chart" for b in _buttons(search))


async def test_no_chart_button_without_matplotlib(
    telegram: Running, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # as if it were not installed
    reply = await telegram.ask("/timeline")
    assert "Page 1 of" in reply.plain_text
    assert not any(b["text"] == "📈 Chart" for b in _buttons(reply))


async def test_sources_chart_is_sent_as_a_photo_after_the_text(telegram: Running) -> None:
    pytest.importorskip("matplotlib")
    text = await telegram.ask("/sources blockade chart")
    assert "3 outlets on “blockade”" in text.plain_text
    assert "Not covered by: ExBulletin, Notes from the Cuban Exile Quarter" in text.plain_text
    photo = await telegram.api.wait_for("sendPhoto")
    assert photo.ok and photo.files["photo"].data.startswith(b"\x89PNG")
    assert photo.result["photo"][0]["width"] >= 800  # the fake decoded a real image
    assert str(photo.params["chat_id"]) == str(text.params["chat_id"])
