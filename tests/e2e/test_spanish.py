"""End to end in Spanish: a user whose Telegram is in Spanish gets the bot's own words in
Spanish (the news sentences stay verbatim), a chat can choose its language in /settings, and
the command menu has a Spanish version."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.answers.answerer import Answerer
from bot.config import Config
from handlers.application import build_application
from tests.conftest import on_telegram
from tests.support.fake_bot_api import CONTENT_SAMPLES, Call, FakeBotApi, polling

pytestmark = pytest.mark.timeout(60)


@pytest.fixture
async def api(mixed_config: Config, mixed_answerer: Answerer,
              tmp_path: Path) -> AsyncIterator[FakeBotApi]:
    """The bot on the seeds and the Spanish test articles, running against a fake Bot API."""
    with FakeBotApi() as fake:
        config = on_telegram(mixed_config, fake.token, fake.base_url,
                             persistence_file=tmp_path / "chats.sqlite3")
        async with polling(build_application(config, mixed_answerer)):
            yield fake


async def _ask(api: FakeBotApi, text: str, language_code: str, user_id: int = 1001,
               **message: object) -> Call:
    before = len(api.calls_of("sendMessage"))
    sent = api.push_message(text, user_id=user_id, language_code=language_code,
                            **message)  # type: ignore[arg-type]
    chat = str(sent["chat"]["id"])
    return await api.wait_for("sendMessage", lambda c: str(c.params["chat_id"]) == chat
                              and api.calls_of("sendMessage").index(c) >= before)


async def test_a_spanish_speaking_user_gets_the_bot_in_spanish(api: FakeBotApi) -> None:
    menu = await api.wait_for("setMyCommands", lambda c: c.params.get("language_code") == "es")
    summaries = {c["command"]: c["description"] for c in menu.params["commands"]}
    assert summaries["search"] == "Los mejores pasajes para tus palabras"
    assert summaries["add"].startswith("Añadir un artículo por su enlace")

    shown = await _ask(api, "/help", "es-419")
    assert "Comandos:" in shown.plain_text and "Commands:" not in shown.plain_text
    assert "/timeline [tema]" in shown.plain_text
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


async def test_a_spanish_reader_sees_periods_and_decades_in_spanish(api: FakeBotApi) -> None:
    """A decade the Spanish article gives ("a finales de los años 80") and the English one's
    ("the late 1980s") are both said the reader's way, in Spanish and in English."""
    spanish = (await _ask(api, "/timeline 1980-1989", "es")).plain_text
    assert re.search(r"^finales de los años 1980 — Los vínculos económicos", spanish,
                     re.MULTILINE)
    assert "late 1980s" not in spanish.replace("in the late 1980s", "")
    english = (await _ask(api, "/timeline 1980-1989", "en", user_id=2002)).plain_text
    assert re.search(r"^late 1980s — Los vínculos económicos", english, re.MULTILINE)


async def test_an_expired_button_and_a_photo_are_answered_in_spanish(api: FakeBotApi) -> None:
    photo = await _ask(api, "", "es", user_id=3003, content=CONTENT_SAMPLES["photo"])
    assert photo.plain_text.startswith("Leo palabras")
    query_id = api.push_callback_query(3003, photo.result["message_id"], "never ours")
    pressed = await api.wait_for("answerCallbackQuery",
                                 lambda c: c.params["callback_query_id"] == query_id)
    assert pressed.params["text"] == "Este botón ha caducado; vuelve a preguntar."


async def test_inline_hints_are_in_the_users_language(api: FakeBotApi) -> None:
    empty = await api.wait_for_inline_answer(api.push_inline_query("", language_code="es"))
    assert empty.button is not None
    assert empty.button["text"] == "Escribe un tema, o timeline, quote o sources y un tema"
    chat_only = await api.wait_for_inline_answer(
        api.push_inline_query("/compare bloqueo", user_id=4004, language_code="es"))
    assert chat_only.button is not None
    assert chat_only.button["text"].startswith("/compare funciona en un chat con el bot")
    english = await api.wait_for_inline_answer(api.push_inline_query("", user_id=5005))
    assert english.button is not None and english.button["text"].startswith("Type a topic")


async def test_a_chat_chooses_its_language_in_settings(api: FakeBotApi) -> None:
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
