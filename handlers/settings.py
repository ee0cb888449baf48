"""/settings: the chat's settings as a message with buttons; each press edits that message.

The settings live in `context.chat_data` as a plain dict, which python-telegram-bot's
persistence keeps across restarts (see bot/app.py). In a group they are the group's, so only its
administrators may change them (anyone may look); in a private chat the user owns them.
"""

from __future__ import annotations

import html

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ChatMemberStatus, ChatType
from telegram.ext import ContextTypes

from bot.answers.scope import EVERYTHING, Scope
from bot.settings import RESULT_CHOICES, ChatSettings, describe
from handlers.context import answerer, config

PREFIX = "st"
KEY = "settings"
ADMINS_ONLY = "Only this group's administrators can change its settings."


def chat_settings(context: ContextTypes.DEFAULT_TYPE) -> ChatSettings | None:
    """This chat's settings, or None outside a chat (nothing to look up)."""
    if context.chat_data is None:
        return None
    return ChatSettings.from_dict(context.chat_data.get(KEY))


def chat_scope(context: ContextTypes.DEFAULT_TYPE) -> Scope:
    """What this chat's settings let into an answer (everything outside a chat)."""
    settings = chat_settings(context)
    return settings.scope() if settings is not None else EVERYTHING


def _message(context: ContextTypes.DEFAULT_TYPE, settings: ChatSettings, group: bool) -> str:
    lines = describe(settings, answerer(context).outlets(), answerer(context).slants,
                     config(context).answers.search_results)
    text = "<b>Settings for this chat</b>\n" + "\n".join(html.escape(line) for line in lines)
    return text + ("\n<i>Only the group's administrators can change them.</i>" if group else "")


async def may_change(update: Update, context: ContextTypes.DEFAULT_TYPE) -> bool:
    """Whether the user may change this chat's settings: a group's administrators, or the user
    of a private chat. Asked of Telegram at each press, so a demoted admin loses it at once."""
    chat, user = update.effective_chat, update.effective_user
    if chat is None or user is None:
        return False
    if chat.type == ChatType.PRIVATE:
        return True
    member = await context.bot.get_chat_member(chat.id, user.id)
    return member.status in (ChatMemberStatus.OWNER, ChatMemberStatus.ADMINISTRATOR)


def _keyboard(context: ContextTypes.DEFAULT_TYPE, settings: ChatSettings) -> InlineKeyboardMarkup:
    outlets = answerer(context).outlets()
    rows = [[InlineKeyboardButton(f"{'✅' if o not in settings.excluded else '⬜'} {o}",
                                  callback_data=f"{PREFIX}:o:{n}")]
            for n, o in enumerate(outlets)]
    current = settings.results or config(context).answers.search_results
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
    group = message.chat.type != ChatType.PRIVATE
    await message.reply_html(_message(context, settings, group),
                             reply_markup=_keyboard(context, settings), do_quote=group)


async def on_settings_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.callback_query
    settings = chat_settings(context)
    if query is None or query.data is None or settings is None or context.chat_data is None:
        return
    if not await may_change(update, context):
        await query.answer(ADMINS_ONLY, show_alert=True)
        return
    outlets = answerer(context).outlets()
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
    group = update.effective_chat is not None and update.effective_chat.type != ChatType.PRIVATE
    await query.edit_message_text(_message(context, settings, group),
                                  reply_markup=_keyboard(context, settings))
