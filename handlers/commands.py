"""Commands and private-chat messages: parse the update, ask the `Answerer`, reply."""

from __future__ import annotations

from telegram import Update
from telegram.constants import ChatType

from bot.commands import N_, parse_message
from bot.i18n import speaking, tr
from handlers.context import Context
from handlers.replies import reply
from handlers.settings import chat_language, chat_scope


async def on_command(update: Update, context: Context) -> None:
    message = update.effective_message
    if message is None or not message.text:
        return
    command = parse_message(message.text).command
    args = " ".join(context.args or [])
    answerer, scope = context.bot_data.answerer, chat_scope(context, update)
    await reply(update, context, lambda: answerer.answer(command, args, scope))


async def on_private_text(update: Update, context: Context) -> None:
    message = update.effective_message
    if message is None or not message.text:
        return
    text = message.text
    answerer, scope = context.bot_data.answerer, chat_scope(context, update)
    await reply(update, context, lambda: answerer.answer("search", text, scope))


WORDS_PLEASE = N_("I read words: send me a few to search the news for, or a command (/help).")


async def on_other_message(update: Update, context: Context) -> None:
    """A photo, sticker, location, voice note… in a private chat: say what the bot reads (in a
    group, only what is addressed to it gets an answer, so nothing)."""
    message = update.effective_message
    if message is not None:
        with speaking(chat_language(update, context)):
            words = tr(WORDS_PLEASE)
        await message.reply_text(words, parse_mode=None, do_quote=False)


async def on_unknown_command(update: Update, context: Context) -> None:
    """Say so in a private chat, or in a group when the command names this bot; else stay out."""
    message = update.effective_message
    if message is None or not message.text:
        return
    text = message.text
    private = message.chat.type == ChatType.PRIVATE
    ours = parse_message(text).addressed_to.lower() == (context.bot.username or "").lower()
    if private or ours:
        answerer, scope = context.bot_data.answerer, chat_scope(context, update)
        await reply(update, context, lambda: answerer.answer_text(text, scope))
