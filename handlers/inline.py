"""Inline mode: "@newsbot blockade" typed in any chat lists the answer's items, to send one there.

The answer is the chat command's: the same `Answerer`, computed off the event loop like a chat
answer (handlers/replies.py). `bot.render.items` cuts it into items that stand on their own (a
passage, an event with its outlets, a quotation with its speaker and outlets, an outlet's
summary), and each result's message is that item as the chat answer shows it, with outlet, date
and link. As the user scrolls, Telegram asks again with the `next_offset` we gave; the answer is
computed again (it depends only on the query, the settings and the read-only index) and the next
page sent.

Settings: an inline query comes from a user, not from a chat, so the user's own settings apply,
those of their private chat with the bot (handlers/settings.py `user_scope`). Telegram serves an
answer not marked personal to anyone who types the same words, users with other settings
included, so every answer is marked personal, and cached a short while: retyping is served by
Telegram, and a change in /settings shows within a minute.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass

from telegram import (
    InlineQueryResultArticle,
    InlineQueryResultsButton,
    InputTextMessageContent,
    Update,
)
from telegram.constants import ParseMode
from telegram.error import BadRequest

from bot.answers.answerer import Answerer
from bot.answers.scope import Scope
from bot.answers.types import Notice
from bot.commands import INLINE_COMMANDS, N_, parse_inline_query
from bot.i18n import speaking, tr
from bot.render import first_words, item_html, items
from handlers.context import Context
from handlers.settings import user_scope

log = logging.getLogger(__name__)

PER_PAGE = 10  # results per answer (Telegram takes up to 50); more as the user scrolls
CACHE_SECONDS = 60
START_PARAMETER = "inline"  # the button opens the private chat with "/start inline": /help
BUTTON_CHARS = 64
HINT = N_("Type a topic, or timeline, quote or sources and a topic")
CHAT_ONLY = N_("/{command} works in a chat with the bot: open it")


@dataclass(frozen=True)
class InlinePage:
    """One answer to an inline query: a page of results, where the next starts ("" at the end),
    and the text of the button above them ("" for none; at most BUTTON_CHARS)."""

    results: list[InlineQueryResultArticle]
    next_offset: str = ""
    hint: str = ""


def inline_page(answerer: Answerer, text: str, offset: str, scope: Scope) -> InlinePage:
    """The page of results at `offset` for what was typed; run in a worker thread."""
    parsed = parse_inline_query(text)
    with speaking(scope.language):
        hint, chat_only = tr(HINT), tr(CHAT_ONLY, command=parsed.command)
    if not parsed.command or (parsed.command == "search" and not parsed.args):
        return InlinePage([], hint=hint)  # nothing typed yet, or no command of ours
    if parsed.command not in INLINE_COMMANDS:
        return InlinePage([], hint=chat_only)
    if offset and not (offset.isascii() and offset.isdigit()):
        return InlinePage([])  # not an offset we gave: nothing more
    start = int(offset or 0)
    answer = answerer.answer(parsed.command, parsed.args, scope)
    found = items(answer)
    if not found:  # a notice: nothing found, or nothing in the user's outlets
        notice = answer.message if isinstance(answer, Notice) else hint
        return InlinePage([], hint=first_words(notice, BUTTON_CHARS))
    page = found[start:start + PER_PAGE]
    results = [
        InlineQueryResultArticle(
            id=f"{parsed.command}:{start + number}",
            title=item.title,
            description=item.description or None,
            input_message_content=InputTextMessageContent(item_html(item),
                                                          parse_mode=ParseMode.HTML),
        )
        for number, item in enumerate(page)
    ]
    more = start + PER_PAGE < len(found)
    # A note (weak evidence, the most reported of many events) tops the list on the first page.
    note = first_words(answer.notes[0], BUTTON_CHARS) if answer.notes and start == 0 else ""
    return InlinePage(results, str(start + PER_PAGE) if more else "", note)


async def on_inline_query(update: Update, context: Context) -> None:
    query = update.inline_query
    if query is None:
        return
    answerer, scope = context.bot_data.answerer, user_scope(context, query.from_user.id,
                                                      query.from_user.language_code)
    page = await asyncio.to_thread(inline_page, answerer, query.query, query.offset, scope)
    button = hint_button(page.hint) if page.hint else None
    try:
        # No next_offset at the end rather than "": python-telegram-bot 22 with Defaults sends
        # an empty string parameter as "[]" (its InputPollOption check accepts empty sequences).
        await query.answer(page.results, cache_time=CACHE_SECONDS, is_personal=True,
                           next_offset=page.next_offset or None, button=button)
    except BadRequest as error:
        if "query is too old" not in str(error).lower():
            raise
        # the user typed on, or the answer took too long: Telegram no longer shows it
        log.info("inline query %r answered too late", query.query)


def hint_button(text: str) -> InlineQueryResultsButton:
    """A short line above the results that opens the private chat with the bot when pressed."""
    return InlineQueryResultsButton(first_words(text, BUTTON_CHARS),
                                    start_parameter=START_PARAMETER)
