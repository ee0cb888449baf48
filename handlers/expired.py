"""Buttons whose data is gone: answered, so the client's spinner stops, and told to ask again.

python-telegram-bot hands over `InvalidCallbackData` when a button's key is not in its cache:
the answer was pushed out by newer ones, the bot restarted (the cache is not persisted), or
the data was never ours.
"""

from __future__ import annotations

from telegram import Update

from bot.commands import N_
from bot.i18n import speaking, tr
from handlers.context import Context
from handlers.settings import chat_language

EXPIRED = N_("This button has expired; please ask again.")


async def on_expired_button(update: Update, context: Context) -> None:
    """Say the button expired, in the chat's language (or the presser's)."""
    if update.callback_query is not None:
        with speaking(chat_language(update, context)):
            text = tr(EXPIRED)
        await update.callback_query.answer(text)
