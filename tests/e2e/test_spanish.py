"""End to end in Spanish: a user whose Telegram is in Spanish gets the bot's own words in
Spanish (the news sentences stay verbatim), a chat can choose its language in /settings, and
the command menu has a Spanish version."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.answers.answerer import Answerer
from bot.config import Config
from handlers.application import build_application
from tests.conftest import on_telegram
from tests.support.fake_bot_api import Call, FakeBotApi, polling

pytestmark = pytest.mark.timeout(60)


async def _ask(api: FakeBotApi, text: str, language_code: str, user_id: int = 1001) -> Call:
    before = len(api.calls_of("sendMessage"))
    message = api.push_message(text, user_id=user_id, language_code=language_code)
    chat = str(message["chat"]["id"])
    return await api.wait_for("sendMessage", lambda c: str(c.params["chat_id"]) == chat
                              and api.calls_of("sendMessage").index(c) >= before)


async def test_a_spanish_speaking_user_gets_the_bot_in_spanish(
        mixed_config: Config, mixed_answerer: Answerer, tmp_path: Path) -> None:
    with FakeBotApi() as api:
        config = on_telegram(mixed_config, api.token, api.base_url,
                             persistence_file=tmp_path / "chats.pickle")
        async with polling(build_application(config, mixed_answerer)):
            menu = await api.wait_for("setMyCommands",
                                      lambda c: c.params.get("language_code") == "es")
            summaries = {c["command"]: c["description"] for c in menu.params["commands"]}
            assert summaries["search"] == "Los mejores pasajes para tus palabras"
            assert summaries["add"].startswith("Añadir un artículo por su enlace")

            shown = await _ask(api, "/help", "es-419")
            assert "Comandos:" in shown.plain_text and "Commands:" not in shown.plain_text
            assert "/feeds [add|remove <url>] — Los canales seguidos" in shown.plain_text
            timeline = await _ask(api, "/timeline 1960", "es")
            assert timeline.plain_text.startswith("🗓 Cronología: 1960")
            assert re.search(r"^28 sept\.? 1960 — ", timeline.plain_text, re.MULTILINE)
            # the English sentence of an English outlet, verbatim, in a Spanish answer
            assert "to establish diplomatic relations with the People's Republic of China" in (
                timeline.plain_text)
            missing = await _ask(api, "/quote qwertyzzz", "es")
            assert missing.plain_text.startswith("No hay citas en el corpus para «qwertyzzz»")

            english = await _ask(api, "/help", "en", user_id=2002)
            assert "Commands:" in english.plain_text


async def test_a_chat_chooses_its_language_in_settings(
        mixed_config: Config, mixed_answerer: Answerer, tmp_path: Path) -> None:
    with FakeBotApi() as api:
        config = on_telegram(mixed_config, api.token, api.base_url,
                             persistence_file=tmp_path / "chats.pickle")
        async with polling(build_application(config, mixed_answerer)):
            shown = await _ask(api, "/settings", "en")
            assert "Language: the one your Telegram uses" in shown.plain_text
            rows = shown.params["reply_markup"]["inline_keyboard"]
            spanish = next(b for row in rows for b in row if b["text"] == "Español")
            before = len(api.calls_of("editMessageText"))
            api.push_callback_query(shown.result["chat"]["id"], shown.result["message_id"],
                                    spanish["callback_data"])
            edited = await api.wait_for(
                "editMessageText", lambda c: api.calls_of("editMessageText").index(c) >= before)
            assert "Ajustes de este chat" in edited.plain_text
            assert "Idioma: Español" in edited.plain_text
            answer = await _ask(api, "/sources bloqueo", "en")
            assert "medios sobre «bloqueo»" in answer.plain_text
            assert "También se buscó: blockade, embargo." in answer.plain_text
