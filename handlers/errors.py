"""The error handler: log the failure (the token redacted), tell the user briefly."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.error import Forbidden, NetworkError, RetryAfter, TelegramError

from handlers.context import Context

log = logging.getLogger(__name__)

SORRY = "Sorry, something went wrong while answering. Please try again in a moment."


async def on_error(update: object, context: Context) -> None:
    error = context.error
    if isinstance(error, (NetworkError, RetryAfter)) and not isinstance(update, Update):
        log.warning("Bot API trouble while polling: %s", error)
        return
    log.error("error while handling an update: %s", error, exc_info=error)
    if not isinstance(update, Update) or update.effective_chat is None:
        return
    if isinstance(error, Forbidden):
        return  # blocked by the user or removed from the group: nobody to tell
    try:
        await context.bot.send_message(update.effective_chat.id, SORRY, parse_mode=None)
    except TelegramError as second:
        log.warning("could not tell the user about the error: %s", second)
