"""Commands and private-chat text: parse the update, get the answer from `bot/`, reply."""

from __future__ import annotations

from telegram import Update
from telegram.constants import ChatType
from telegram.ext import ContextTypes

from bot.commands import parse_message
from handlers.context import answerer
from handlers.replies import reply
from handlers.settings import chat_scope


async def on_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    if message is None or not message.text:
        return
    parsed = parse_message(message.text)
    args = " ".join(context.args or [])
    answer = answerer(context).answer(parsed.command, args, chat_scope(context))
    await reply(update, context, answer)


async def on_private_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    if message is None or not message.text:
        return
    answer = answerer(context).answer("search", message.text, chat_scope(context))
    await reply(update, context, answer)


async def on_unknown_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Say so in a private chat, or in a group when the command names this bot; else stay out."""
    message = update.effective_message
    if message is None or not message.text:
        return
    parsed = parse_message(message.text)
    private = message.chat.type == ChatType.PRIVATE
    ours = parsed.addressed_to.lower() == (context.bot.username or "").lower()
    if private or ours:
        answer = answerer(context).answer_text(message.text, chat_scope(context))
        await reply(update, context, answer)
