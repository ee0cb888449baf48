"""/settings: the chat's settings as a message with buttons; each press edits that message.

The settings live in `context.chat_data` as a plain dict, which python-telegram-bot's
persistence keeps across restarts (see bot/app.py).
"""

from __future__ import annotations

import html

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ChatType
from telegram.ext import ContextTypes

from bot.settings import RESULT_CHOICES, ChatSettings, describe
from handlers.context import answerer, config

PREFIX = "st"
KEY = "settings"


def chat_settings(context: ContextTypes.DEFAULT_TYPE) -> ChatSettings | None:
    """This chat's settings, or None outside a chat (nothing to look up)."""
    if context.chat_data is None:
        return None
    return ChatSettings.from_dict(context.chat_data.get(KEY))


def _message(context: ContextTypes.DEFAULT_TYPE, settings: ChatSettings) -> str:
    index = answerer(context).index
    lines = describe(settings, index.corpus.outlets(), answerer(context).slants,
                     config(context).search_results)
    return "<b>Settings for this chat</b>\n" + "\n".join(html.escape(line) for line in lines)


def _keyboard(context: ContextTypes.DEFAULT_TYPE, settings: ChatSettings) -> InlineKeyboardMarkup:
    outlets = answerer(context).index.corpus.outlets()
    rows = [[InlineKeyboardButton(f"{'✅' if o not in settings.excluded else '⬜'} {o}",
                                  callback_data=f"{PREFIX}:o:{n}")]
            for n, o in enumerate(outlets)]
    current = settings.results or config(context).search_results
    rows.append([InlineKeyboardButton(f"• {k} •" if k == current else f"{k} results",
                                      callback_data=f"{PREFIX}:n:{k}") for k in RESULT_CHOICES])
    rows.append([InlineKeyboardButton(f"Balance: {'on ✅' if settings.balance else 'off ⬜'}",
                                      callback_data=f"{PREFIX}:b")])
    return InlineKeyboardMarkup(rows)


async def on_settings(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    settings = chat_settings(context)
    if message is None or settings is None:
        return
    await message.reply_html(_message(context, settings),
                             reply_markup=_keyboard(context, settings),
                             do_quote=message.chat.type != ChatType.PRIVATE)


async def on_settings_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.callback_query
    settings = chat_settings(context)
    if query is None or query.data is None or settings is None or context.chat_data is None:
        return
    outlets = answerer(context).index.corpus.outlets()
    before = settings.to_dict()
    parts = query.data.split(":")
    if parts[1:2] == ["o"] and len(parts) == 3 and parts[2].isdigit() \
            and int(parts[2]) < len(outlets):
        settings.toggle_outlet(outlets[int(parts[2])], outlets)
    elif parts[1:2] == ["n"] and len(parts) == 3 and parts[2].isdigit() \
            and int(parts[2]) in RESULT_CHOICES:
        settings.results = int(parts[2])
    elif parts[1:] == ["b"]:
        settings.balance = not settings.balance
    else:
        await query.answer("This button is out of date; send /settings again.")
        return
    if settings.to_dict() == before:
        await query.answer("At least one outlet has to stay in." if parts[1] == "o" else "")
        return
    context.chat_data[KEY] = settings.to_dict()
    await query.answer("Saved for this chat.")
    await query.edit_message_text(_message(context, settings),
                                  reply_markup=_keyboard(context, settings))
