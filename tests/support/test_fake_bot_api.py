"""Tests of the fake Bot API server, driven by the real python-telegram-bot ``Bot``/``Application``.

Why: the end-to-end tests of the bot are only as trustworthy as the fake. These pin down that
PTB 22 can talk to it unchanged (URL building, form/multipart encoding, long polling) and that it
rejects what Telegram rejects.
"""

from __future__ import annotations

import asyncio
import json
import struct
import time
import zlib
from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx
import pytest
from telegram import Bot, BotCommand, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ParseMode
from telegram.error import (
    BadRequest,
    EndPointNotFound,
    InvalidToken,
    NetworkError,
    RetryAfter,
    TimedOut,
)
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
)

from tests.support.fake_bot_api import Call, FakeBotApi, parse_html, polling, utf16_len

pytestmark = pytest.mark.timeout(30)

USER = 1001


def _png(width: int = 2, height: int = 3) -> bytes:
    """A valid tiny PNG, because the fake (like Telegram) rejects non-images for sendPhoto."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    raw = b"".join(b"\x00" + b"\xff\x00\x00" * width for _ in range(height))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


@pytest.fixture
def fake() -> Iterator[FakeBotApi]:
    with FakeBotApi() as server:
        yield server


@pytest.fixture
async def bot(fake: FakeBotApi) -> AsyncIterator[Bot]:
    async with Bot(fake.token, base_url=fake.base_url) as client:
        yield client


async def _hello(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.effective_message is not None
    await update.effective_message.reply_text("hello")


async def _on_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.callback_query
    assert query is not None
    await query.answer(f"got {query.data}")
    await query.edit_message_text(f"<b>chose</b> {query.data}", parse_mode=ParseMode.HTML)


@pytest.fixture
async def app(fake: FakeBotApi) -> AsyncIterator[Application[Any, Any, Any, Any, Any, Any]]:
    application = Application.builder().token(fake.token).base_url(fake.base_url).build()
    application.add_handler(CommandHandler("start", _hello))
    application.add_handler(CallbackQueryHandler(_on_button))
    async with polling(application):
        yield application


# ------------------------------------------------------------------------------ bare Bot


async def test_get_me(fake: FakeBotApi, bot: Bot) -> None:
    me = await bot.get_me()
    assert (me.id, me.is_bot, me.first_name, me.username) == (
        fake.bot_id,
        True,
        fake.bot_first_name,
        fake.bot_username,
    )
    assert bot.username == "newsbot_test_bot"
    assert fake.base_url == f"http://127.0.0.1:{fake.port}/bot"
    assert [call.method for call in fake.calls] == ["getMe", "getMe"]  # initialize + explicit


async def test_send_message_plain(fake: FakeBotApi, bot: Bot) -> None:
    first = await bot.send_message(chat_id=USER, text="hi there")
    second = await bot.send_message(chat_id=USER, text="  again\n")
    assert first.text == "hi there"
    assert first.from_user is not None and first.from_user.id == fake.bot_id
    assert first.chat.id == USER and first.chat.type == "private"
    assert (first.message_id, second.message_id) == (1, 2)
    assert second.text == "again"  # Telegram trims surrounding whitespace
    call = await fake.wait_for("sendMessage")
    assert call.params["chat_id"] == USER  # JSON-decoded int, not "1001"
    assert call.plain_text == call.html == "hi there"
    assert fake.sent_texts(USER) == ["hi there", "again"]


async def test_send_message_html(fake: FakeBotApi, bot: Bot) -> None:
    html = (
        '<b>Reuters</b> &amp; <i>AP</i>: <a href="https://example.org/?a=1&amp;b=2">story</a> '
        "&lt;quote&gt; &#8212; <tg-spoiler>x</tg-spoiler>"
    )
    message = await bot.send_message(USER, html, parse_mode=ParseMode.HTML)
    assert message.text == "Reuters & AP: story <quote> — x"
    kinds = [(e.type, e.offset, e.length) for e in message.entities]
    assert kinds == [
        ("bold", 0, 7),
        ("italic", 10, 2),
        ("text_link", 14, 5),
        ("spoiler", 30, 1),
    ]
    assert message.entities[2].url == "https://example.org/?a=1&b=2"
    call = await fake.wait_for("sendMessage")
    assert call.html == html
    assert call.plain_text == message.text
    assert call.params["parse_mode"] == "HTML"


@pytest.mark.parametrize(
    ("html", "fragment"),
    [
        ("<b>unclosed", 'end tag corresponding to start tag "b"'),
        ("<h1>title</h1>", 'unsupported start tag "h1"'),
        ("3 < 4", 'unsupported start tag ""'),
        ("<b><i>x</b></i>", 'expected "</i>", found "</b>"'),
        ("fish&nbsp;chips", "unsupported html entity"),
        ("AT&T", "unsupported html entity"),
        ("<span>x</span>", 'must have class "tg-spoiler"'),
        ("<br/>", 'unsupported start tag "br/"'),
    ],
)
async def test_malformed_html_is_rejected(
    fake: FakeBotApi, bot: Bot, html: str, fragment: str
) -> None:
    with pytest.raises(BadRequest, match="parse entities") as excinfo:
        await bot.send_message(USER, html, parse_mode=ParseMode.HTML)
    # PTB strips "Bad Request: " and str.capitalize()s the rest, which lowercases it.
    assert fragment.lower() in str(excinfo.value).lower()
    (call,) = fake.calls_of("sendMessage")
    assert not call.ok and call.error_code == 400
    assert call.description is not None
    assert call.description.startswith("Bad Request: can't parse entities: ")
    assert fake.sent_texts(USER) == []


async def test_length_limits_count_utf16_after_parsing(fake: FakeBotApi, bot: Bot) -> None:
    await bot.send_message(USER, "x" * 4096)
    await bot.send_message(USER, "<b>" + "y" * 4096 + "</b>", parse_mode=ParseMode.HTML)
    await bot.send_message(USER, "😀" * 2048)  # 4096 UTF-16 code units
    with pytest.raises(BadRequest, match="too long"):
        await bot.send_message(USER, "x" * 4097)
    with pytest.raises(BadRequest, match="too long"):
        await bot.send_message(USER, "😀" * 2049)  # only 2049 code points, but 4098 units
    with pytest.raises(BadRequest, match="text is empty"):
        await bot.send_message(USER, " \n ")
    with pytest.raises(BadRequest, match="text is empty"):
        await bot.send_message(USER, "<b></b>", parse_mode=ParseMode.HTML)
    assert len(fake.sent_texts(USER)) == 3
    failed = [call.description for call in fake.calls_of("sendMessage") if not call.ok]
    assert failed == [
        "Bad Request: message is too long",
        "Bad Request: message is too long",
        "Bad Request: message text is empty",
        "Bad Request: message text is empty",
    ]


async def test_a_message_of_flags_and_cjk_is_measured_in_utf16_units_of_its_visible_text(
    fake: FakeBotApi, bot: Bot
) -> None:
    """A flag is two astral code points, four UTF-16 units; a CJK character is one. Tags and
    entities do not count, only the text they show."""
    flags_and_cjk = "🇨🇺" * 1023 + "中文字"  # 4,092 + 3 = 4,095 units, 2,049 code points
    assert utf16_len(flags_and_cjk) == 4095
    html = "<b>" + flags_and_cjk[:100] + "</b><i>" + flags_and_cjk[100:] + "</i>&amp;"
    message = await bot.send_message(USER, html, parse_mode=ParseMode.HTML)  # 4,096: the limit
    assert message.text == flags_and_cjk + "&"
    with pytest.raises(BadRequest, match="too long"):
        await bot.send_message(USER, html + "中", parse_mode=ParseMode.HTML)  # 4,097
    with pytest.raises(BadRequest, match="too long"):
        await bot.send_message(USER, flags_and_cjk + "🇨")  # one regional indicator: 2 units
    with pytest.raises(BadRequest, match="parse entities"):
        await bot.send_message(USER, "<b>" + flags_and_cjk, parse_mode=ParseMode.HTML)
    caption = "🇨🇺" * 255 + "中文字"  # 1,023 units
    photo = await bot.send_photo(USER, _png(), caption=f"<b>{caption}</b>中", parse_mode="HTML")
    assert photo.caption == caption + "中"
    with pytest.raises(BadRequest, match="caption is too long"):
        await bot.send_photo(USER, _png(), caption=caption + "🇨🇺")


async def test_callback_data_over_64_bytes_is_rejected(bot: Bot) -> None:
    ok = InlineKeyboardMarkup([[InlineKeyboardButton("ok", callback_data="é" * 32)]])  # 64 bytes
    message = await bot.send_message(USER, "pick", reply_markup=ok)
    assert message.reply_markup == ok  # inline keyboards are echoed back
    too_long = InlineKeyboardMarkup([[InlineKeyboardButton("no", callback_data="x" * 65)]])
    with pytest.raises(BadRequest, match="Button_data_invalid"):
        await bot.send_message(USER, "pick", reply_markup=too_long)


async def test_edit_message_text(fake: FakeBotApi, bot: Bot) -> None:
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("more", callback_data="more")]])
    sent = await bot.send_message(USER, "<b>v1</b>", parse_mode="HTML", reply_markup=keyboard)
    with pytest.raises(BadRequest, match="not modified"):
        await bot.edit_message_text(
            "<b>v1</b>", USER, sent.message_id, parse_mode="HTML", reply_markup=keyboard
        )
    # Same plain text but no markup: Telegram drops the keyboard, so that *is* a modification.
    edited = await bot.edit_message_text("<b>v1</b>", USER, sent.message_id, parse_mode="HTML")
    assert isinstance(edited, type(sent))
    assert edited.text == "v1" and edited.reply_markup is None and edited.edit_date is not None
    with pytest.raises(BadRequest, match=r"(?i)message to edit not found"):
        await bot.edit_message_text("x", USER, 999)
    call = await fake.wait_for("editMessageText")
    assert call.html == "<b>v1</b>" and call.plain_text == "v1"


async def test_reply_parameters_produce_reply_to_message(fake: FakeBotApi, bot: Bot) -> None:
    incoming = fake.push_message("what did AP say?")
    reply = await bot.send_message(USER, "quote", reply_to_message_id=incoming["message_id"])
    assert reply.reply_to_message is not None
    assert reply.reply_to_message.text == "what did AP say?"
    call = await fake.wait_for("sendMessage")
    assert call.params["reply_parameters"] == {"message_id": incoming["message_id"]}
    with pytest.raises(BadRequest, match="replied not found"):
        await bot.send_message(USER, "quote", reply_to_message_id=12345)


# RetryAfter.__init__ itself reads the deprecated int-valued ``retry_after`` (PTB 22.2+).
@pytest.mark.filterwarnings("ignore:.*retry_after.*:telegram.warnings.PTBDeprecationWarning")
async def test_retry_after_from_fail_next(fake: FakeBotApi, bot: Bot) -> None:
    fake.fail_next("sendMessage", 429, "Too Many Requests: retry after 7", retry_after=7)
    with pytest.raises(RetryAfter) as excinfo:
        await bot.send_message(USER, "flood")
    assert excinfo.value._retry_after.total_seconds() == 7
    message = await bot.send_message(USER, "after the flood")  # only the next call fails
    assert message.text == "after the flood"
    fake.fail_next("sendChatAction", 403, times=2)
    for _ in range(2):
        with pytest.raises(Exception, match="blocked"):
            await bot.send_chat_action(USER, "typing")
    assert await bot.send_chat_action(USER, "typing") is True


async def test_injected_faults_fail_as_the_live_server_does(fake: FakeBotApi, bot: Bot) -> None:
    fake.fail_for("sendMessage", 0.3, 429, retry_after=2)
    for _ in range(2):
        with pytest.raises(RetryAfter):
            await bot.send_message(USER, "flood")
    await asyncio.sleep(0.35)
    assert (await bot.send_message(USER, "after")).text == "after"
    fake.drop_next("sendMessage")
    with pytest.raises(NetworkError):
        await bot.send_message(USER, "dropped")
    assert fake.sent_texts(USER) == ["after"]  # a dropped call does nothing
    fake.delay_next("sendMessage", 0.5)
    with pytest.raises(TimedOut):
        await bot.send_message(USER, "slow", read_timeout=0.2)
    assert fake.sent_texts(USER) == ["after", "slow"]  # ... a slow one is done all the same
    failed = [(c.error_code, c.description) for c in fake.calls_of("sendMessage") if not c.ok]
    assert failed == [(429, "Too Many Requests: retry after 2")] * 2 + [
        (None, "connection dropped")]


async def test_garbage_button_presses_are_tracked_until_answered(
    fake: FakeBotApi, bot: Bot
) -> None:
    sent = await bot.send_message(USER, "pick")
    on_message = fake.push_callback_query(USER, sent.message_id, "pg:AAAA:²")
    inline = fake.push_callback_query(USER, None, "x")
    game = fake.push_callback_query(USER, sent.message_id, None)
    updates = await bot.get_updates()
    queries = [u.callback_query for u in updates if u.callback_query]
    assert [q.data for q in queries] == ["pg:AAAA:²", "x", None]
    assert queries[1].message is None and queries[1].inline_message_id
    assert queries[2].game_short_name == "game"
    assert fake.unanswered_callback_queries == [on_message, inline, game]
    await bot.answer_callback_query(inline, "expired")
    assert fake.unanswered_callback_queries == [on_message, game]


async def test_wrong_token_is_invalid_token(fake: FakeBotApi) -> None:
    wrong = Bot("654321:WRONG-token", base_url=fake.base_url)
    with pytest.raises(InvalidToken, match="rejected by the server"):
        await wrong.initialize()
    with pytest.raises(InvalidToken):
        await wrong.get_me()
    await wrong.shutdown()
    assert {(call.method, call.error_code) for call in fake.calls} == {("getMe", 401)}


async def test_unknown_method_is_404(bot: Bot) -> None:
    with pytest.raises(EndPointNotFound):
        await bot.do_api_request("sendTelepathy", api_kwargs={"chat_id": USER})


async def test_send_photo_multipart(fake: FakeBotApi, bot: Bot) -> None:
    data = _png(3, 5)
    message = await bot.send_photo(USER, data, caption="<i>chart</i>", parse_mode="HTML")
    assert message.caption == "chart"
    assert message.photo[-1].width == 3 and message.photo[-1].height == 5
    call = await fake.wait_for("sendPhoto")
    assert call.files["photo"].size == len(data)
    assert call.files["photo"].data == data  # byte-exact multipart decoding
    assert call.params["chat_id"] == USER and call.plain_text == "chart"
    again = await bot.send_photo(USER, message.photo[-1].file_id)  # re-send by file_id
    assert again.photo[-1].file_size == len(data)
    with pytest.raises(BadRequest, match="Image_process_failed"):
        await bot.send_photo(USER, b"definitely not an image")
    with pytest.raises(BadRequest, match="too long"):
        await bot.send_photo(USER, data, caption="c" * 1025)


async def test_commands_roundtrip(fake: FakeBotApi, bot: Bot) -> None:
    commands = [BotCommand("start", "Start"), BotCommand("sources", "List outlets")]
    assert await bot.set_my_commands(commands) is True
    assert tuple(await bot.get_my_commands()) == tuple(commands)
    assert fake.commands() == [c.to_dict() for c in commands]
    with pytest.raises(BadRequest, match="Bot_command_invalid"):
        await bot.set_my_commands([BotCommand("Bad-Name", "nope")])
    assert await bot.delete_my_commands() is True
    assert await bot.get_my_commands() == ()


async def test_long_poll_wakes_on_push_and_honours_offset(fake: FakeBotApi, bot: Bot) -> None:
    loop = asyncio.get_running_loop()
    loop.call_later(0.2, fake.push_message, "ping")
    started = time.monotonic()
    updates = await bot.get_updates(timeout=30)
    assert 0.1 < time.monotonic() - started < 1.5  # woke on push, not at the 2 s cap
    assert [u.message.text for u in updates if u.message] == ["ping"]
    again = await bot.get_updates(timeout=0)  # not confirmed yet: delivered again
    assert [u.update_id for u in again] == [updates[0].update_id]
    assert await bot.get_updates(offset=updates[0].update_id + 1, timeout=0) == ()
    fake.long_poll_cap = 0.3
    started = time.monotonic()
    assert await bot.get_updates(timeout=30) == ()
    assert 0.25 < time.monotonic() - started < 1.5
    call = fake.calls_of("getUpdates")[0]
    assert call.params["timeout"] == 30


async def test_json_and_form_bodies(fake: FakeBotApi) -> None:
    url = f"{fake.base_url}{fake.token}"
    async with httpx.AsyncClient() as client:
        as_json = await client.post(
            f"{url}/sendMessage",
            json={"chat_id": USER, "text": "123", "reply_markup": {"inline_keyboard": []}},
        )
        as_form = await client.post(f"{url}/SENDMESSAGE", data={"chat_id": "7", "text": "true"})
        unknown = await client.post(f"{url}/nope")
    assert as_json.json()["result"]["text"] == "123"
    assert as_form.json()["result"]["chat"]["id"] == 7
    assert unknown.status_code == 404
    assert unknown.json() == {
        "ok": False,
        "error_code": 404,
        "description": "Not Found: method not found",
    }
    texts = [call.params["text"] for call in fake.calls_of("sendMessage")]
    assert texts == ["123", "true"]  # text stays a string even if it looks like JSON


async def test_wait_for_timeout_lists_calls(fake: FakeBotApi, bot: Bot) -> None:
    with pytest.raises(BadRequest):
        await bot.send_message(USER, "<x>", parse_mode="HTML")
    with pytest.raises(AssertionError, match="sendMessage") as excinfo:
        await fake.wait_for("sendMessage", timeout=0.2)
    assert "can't parse entities" in str(excinfo.value)
    rejected = await fake.wait_for("sendMessage", include_failed=True, timeout=0.2)
    assert not rejected.ok


def test_parse_html_matches_telegram_offsets() -> None:
    text, entities = parse_html('<pre><code class="language-py">😀 x</code></pre>')
    assert text == "😀 x" and utf16_len(text) == 4
    assert entities == [{"offset": 0, "length": 4, "type": "pre", "language": "py"}]
    lenient_text, _ = parse_html("fish & chips", strict_entities=False)
    assert lenient_text == "fish & chips"


# ------------------------------------------------------------------------------ Application


async def test_application_answers_start(
    fake: FakeBotApi, app: Application[Any, Any, Any, Any, Any, Any]
) -> None:
    pushed = fake.push_message("/start")
    assert pushed["entities"] == [{"offset": 0, "length": 6, "type": "bot_command"}]
    call = await fake.wait_for("sendMessage")
    assert call.params["chat_id"] == USER
    assert call.plain_text == "hello"
    assert "reply_parameters" not in call.params  # PTB does not quote in private chats
    assert fake.sent_texts(USER) == ["hello"]
    assert fake.calls_of("getMe") and fake.calls_of("deleteWebhook")


async def test_group_command_addressed_to_other_bot_is_ignored(
    fake: FakeBotApi, app: Application[Any, Any, Any, Any, Any, Any]
) -> None:
    group = -100_777
    other = fake.push_message("/start@otherbot", chat_id=group, chat_type="group")
    assert other["entities"][0]["length"] == len("/start@otherbot")
    assert other["chat"]["title"]
    mine = fake.push_message("/start@newsbot_test_bot now", chat_id=group, chat_type="group")
    call = await fake.wait_for("sendMessage")
    # Updates are processed in order, so the first one has been handled (and ignored) by now.
    assert call.params["chat_id"] == group
    assert call.params["reply_parameters"]["message_id"] == mine["message_id"]
    assert call.result["reply_to_message"]["text"] == "/start@newsbot_test_bot now"
    await asyncio.sleep(0.2)
    assert len(fake.calls_of("sendMessage")) == 1


async def test_callback_query_reaches_handler(
    fake: FakeBotApi, app: Application[Any, Any, Any, Any, Any, Any]
) -> None:
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("AP", callback_data="outlet:ap")]])
    sent = await app.bot.send_message(USER, "Choose an outlet", reply_markup=keyboard)
    await fake.wait_for("sendMessage")
    query_id = fake.push_callback_query(USER, sent.message_id, "outlet:ap")
    answer = await fake.wait_for("answerCallbackQuery")
    assert answer.params == {"callback_query_id": query_id, "text": "got outlet:ap"}
    edit = await fake.wait_for("editMessageText")
    assert edit.plain_text == "chose outlet:ap"
    stored = fake.message(USER, sent.message_id)
    assert stored is not None and stored["text"] == "chose outlet:ap"
    assert "reply_markup" not in stored  # edit without reply_markup removed the keyboard


def test_call_summary_is_readable() -> None:
    call = Call("sendMessage", {"chat_id": 1, "text": "x" * 200}, seq=3)
    summary = call.summary()
    assert summary.startswith("#3 sendMessage [ok]") and "..." in summary
    assert json.dumps(call.params)  # params stay JSON-friendly


async def test_files_sent_by_users_are_got_and_downloaded_as_from_telegram(
    fake: FakeBotApi,
) -> None:
    sent = fake.push_document("notes.txt", b"Some notes.", "text/plain")
    huge = fake.push_document("film.txt", 21 * 1024 * 1024, "text/plain")
    assert sent["document"]["file_name"] == "notes.txt" and sent["document"]["file_size"] == 11
    async with Bot(fake.token, base_url=fake.base_url,
                   base_file_url=fake.base_url.replace("/bot", "/file/bot")) as client:
        file = await client.get_file(sent["document"]["file_id"])
        assert file.file_size == 11 and (file.file_path or "").endswith(".txt")
        assert bytes(await file.download_as_bytearray()) == b"Some notes."
        with pytest.raises(BadRequest, match="File is too big"):
            await client.get_file(huge["document"]["file_id"])
        with pytest.raises(BadRequest, match="Invalid file_id"):
            await client.get_file("no-such-file")
    async with httpx.AsyncClient() as http:
        missing = await http.get(f"{fake.base_url.replace('/bot', '/file/bot')}{fake.token}/x")
    assert missing.status_code == 404
