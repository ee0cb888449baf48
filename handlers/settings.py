"""/settings: the chat's settings as a message with buttons; each press edits that message.

The settings live in `context.chat_data` as a plain dict, which python-telegram-bot's
persistence keeps across restarts (see handlers/application.py). In a group they are the group's,
so only its administrators may change them (anyone may look); in a private chat the user owns
them. The buttons carry the change they make as a small object (arbitrary callback data).
"""

from __future__ import annotations

import dataclasses
import html
from dataclasses import dataclass

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ChatMemberStatus, ChatType

from bot.answers.scope import EVERYTHING, Scope
from bot.commands import N_
from bot.i18n import reader_language, speaking, tr
from bot.settings import LANGUAGE_NAMES, RESULT_CHOICES, ChatSettings, describe
from handlers.context import Context

KEY = "settings"
ADMINS_ONLY = N_("Only this group's administrators can change its settings.")
SAVED = N_("Saved for this chat.")
LAST_OUTLET = N_("At least one outlet has to stay in.")


class SettingsChange:
    """What a /settings button changes."""


@dataclass(frozen=True)
class ToggleOutlet(SettingsChange):
    outlet: str


@dataclass(frozen=True)
class ChooseResults(SettingsChange):
    results: int


@dataclass(frozen=True)
class ToggleBalance(SettingsChange):
    pass


@dataclass(frozen=True)
class ChooseLanguage(SettingsChange):
    language: str | None  # None: each reader's Telegram language


def chat_settings(context: Context) -> ChatSettings | None:
    """This chat's settings, or None outside a chat (nothing to look up)."""
    if context.chat_data is None:
        return None
    return ChatSettings.from_dict(context.chat_data.get(KEY))


def reader(update: Update | None) -> str | None:
    """The language Telegram says the user of an update uses ("es", "en-GB"), if it says."""
    user = update.effective_user if update is not None else None
    return user.language_code if user is not None else None


def chat_language(update: Update | None, context: Context) -> str:
    """The language the bot speaks in this chat: the chat's choice, else the user's."""
    return chat_scope(context, update).language


def chat_scope(context: Context, update: Update | None = None) -> Scope:
    """What this chat's settings let into an answer (everything outside a chat), in the chat's
    language or else the language of the user who asks."""
    settings = chat_settings(context)
    if settings is None:
        return dataclasses.replace(EVERYTHING, language=reader_language(reader(update)))
    return settings.scope(reader(update))


def user_scope(context: Context, user_id: int, language_code: str | None = None) -> Scope:
    """What a user's own settings let into an answer asked outside any chat (inline mode): those
    of their private chat with the bot, whose id is the user's. Read, never created."""
    data = context.application.chat_data.get(user_id)
    return ChatSettings.from_dict(data.get(KEY) if data else None).scope(language_code)


def _message(context: Context, settings: ChatSettings, group: bool) -> str:
    answerer = context.bot_data.answerer
    lines = describe(settings, answerer.outlets(), answerer.slants,
                     context.bot_data.config.answers.search_results)
    title = tr("Settings for this chat")
    text = f"<b>{title}</b>\n" + "\n".join(html.escape(line) for line in lines)
    admins = tr("Only the group's administrators can change them.")
    return text + (f"\n<i>{admins}</i>" if group else "")


async def may_change(update: Update, context: Context) -> bool:
    """Whether the user may change this chat's settings: a group's administrators, or the user
    of a private chat. Asked of Telegram at each press, so a demoted admin loses it at once."""
    chat, user = update.effective_chat, update.effective_user
    if chat is None or user is None:
        return False
    if chat.type == ChatType.PRIVATE:
        return True
    member = await context.bot.get_chat_member(chat.id, user.id)
    return member.status in (ChatMemberStatus.OWNER, ChatMemberStatus.ADMINISTRATOR)


def _keyboard(context: Context, settings: ChatSettings) -> InlineKeyboardMarkup:
    rows = [[InlineKeyboardButton(f"{'✅' if o not in settings.excluded else '⬜'} {o}",
                                  callback_data=ToggleOutlet(o))]
            for o in context.bot_data.answerer.outlets()]
    current = settings.results or context.bot_data.config.answers.search_results
    rows.append([InlineKeyboardButton(f"• {k} •" if k == current else tr("{k} results", k=k),
                                      callback_data=ChooseResults(k)) for k in RESULT_CHOICES])
    rows.append([InlineKeyboardButton(tr("Balance: on ✅") if settings.balance
                                      else tr("Balance: off ⬜"), callback_data=ToggleBalance())])
    rows.append([InlineKeyboardButton(f"• {name} •" if settings.language == code else name,
                                      callback_data=ChooseLanguage(code))
                 for code, name in [*LANGUAGE_NAMES.items(), (None, tr("Telegram’s"))]])
    return InlineKeyboardMarkup(rows)


async def on_settings(update: Update, context: Context) -> None:
    message = update.effective_message
    settings = chat_settings(context)
    if message is None or settings is None:
        return
    group = message.chat.type != ChatType.PRIVATE
    with speaking(chat_language(update, context)):
        text, markup = _message(context, settings, group), _keyboard(context, settings)
    await message.reply_html(text, reply_markup=markup, do_quote=group)


async def on_settings_button(update: Update, context: Context) -> None:
    query = update.callback_query
    if query is None:
        return
    settings = chat_settings(context)
    change = query.data
    if settings is None or context.chat_data is None or not isinstance(change, SettingsChange):
        from handlers.expired import on_expired_button  # it reads the language here

        await on_expired_button(update, context)  # no chat to change (an inline message)
        return
    language = chat_language(update, context)
    if not await may_change(update, context):
        with speaking(language):
            await query.answer(tr(ADMINS_ONLY), show_alert=True)
        return
    before = settings.to_dict()
    match change:
        case ToggleOutlet(outlet):
            settings.toggle_outlet(outlet, context.bot_data.answerer.outlets())
        case ChooseResults(results):
            settings.results = results
        case ToggleBalance():
            settings.balance = not settings.balance
        case ChooseLanguage(chosen):
            settings.language = chosen
    if settings.to_dict() == before:
        last_one = isinstance(change, ToggleOutlet)
        # None, not "": python-telegram-bot with Defaults would send "" as "[]", shown as a toast
        with speaking(language):
            await query.answer(tr(LAST_OUTLET) if last_one else None)
        return
    context.chat_data[KEY] = settings.to_dict()
    group = update.effective_chat is not None and update.effective_chat.type != ChatType.PRIVATE
    with speaking(chat_language(update, context)):  # the language just chosen, if it changed
        saved, text, markup = (tr(SAVED), _message(context, settings, group),
                               _keyboard(context, settings))
    await query.answer(saved)
    await query.edit_message_text(text, reply_markup=markup)
    context.drop_callback_data(query)  # the message has the new settings' buttons now
