"""Buttons whose data is gone: answered, so the client's spinner stops, and told to ask again.

python-telegram-bot hands over `InvalidCallbackData` when a button's key is not in its cache:
the answer was pushed out by newer ones, the bot restarted (the cache is not persisted), or
the data was never ours.
"""

from __future__ import annotations

from telegram import Update

from handlers.context import Context

EXPIRED = "This button has expired; please ask again."


async def on_expired_button(update: Update, context: Context) -> None:
    if update.callback_query is not None:
        await update.callback_query.answer(EXPIRED)
