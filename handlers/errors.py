"""The error handler: log the failure (the token redacted, the update's id named), and tell the
user briefly when telling them can help.

A button press gets its "Sorry" as the press's answer when it was not answered yet. A send
that timed out may well have arrived (a slow Bot API), and a send that kept failing after
`handlers/delivery.py`'s retries means Telegram cannot be reached: neither is followed by
"Sorry", which would either double the answer with an apology or fail the same way.
"""

from __future__ import annotations

import logging

from telegram import InlineQuery, Update
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError

from bot.commands import N_
from bot.i18n import speaking, tr
from handlers.context import Context
from handlers.inline import hint_button
from handlers.settings import chat_language, user_scope

log = logging.getLogger(__name__)

SORRY = N_("Sorry, something went wrong while answering. Please try again in a moment.")
SORRY_INLINE = N_("Sorry, something went wrong. Please try again.")


def _undelivered(error: BaseException | None) -> bool:
    """Telegram unreachable, flooded or slow: retried already, and a "Sorry" would not help."""
    return isinstance(error, RetryAfter) or (
        isinstance(error, NetworkError) and not isinstance(error, BadRequest))


async def on_error(update: object, context: Context) -> None:
    error = context.error
    if not isinstance(update, Update):
        if isinstance(error, (NetworkError, RetryAfter)):
            log.warning("Bot API trouble while polling: %s", error)
        else:
            log.error("error outside an update: %s", error, exc_info=error)
        return
    chat = update.effective_chat
    where = f"update {update.update_id} (chat {chat.id if chat else '-'})"
    if _undelivered(error):
        log.error("gave up answering %s: %s", where, error)
        return
    log.error("error while handling %s: %s", where, error, exc_info=error)
    if update.inline_query is not None:
        await _tell_inline(update.inline_query, context)
        return
    if isinstance(error, Forbidden):
        return  # blocked by the user or removed from the group: nobody to tell
    with speaking(chat_language(update, context)):
        sorry = tr(SORRY)
    if update.callback_query is not None:  # stop the button's spinner, unless already stopped
        try:
            await update.callback_query.answer(sorry)
            return
        except TelegramError:
            pass
    if chat is None:
        return
    try:
        await context.bot.send_message(chat.id, sorry, parse_mode=None)
    except TelegramError as second:
        log.warning("could not tell chat %s about the error: %s", chat.id, second)


async def _tell_inline(query: InlineQuery, context: Context) -> None:
    """An inline query has no chat to write to: its answer says so instead, above no results,
    in the user's language (that of their private chat's settings, else their Telegram's)."""
    user = query.from_user
    with speaking(user_scope(context, user.id, user.language_code).language):
        sorry = tr(SORRY_INLINE)
    try:
        await query.answer([], cache_time=0, is_personal=True, button=hint_button(sorry))
    except TelegramError as second:
        log.warning("could not tell user %s about the error: %s", query.from_user.id, second)
