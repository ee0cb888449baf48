"""Sending an answer: rendered HTML pages, a reply in groups, paging buttons for long answers.

Computing and rendering an answer is CPU work, so it runs in a worker thread: a slow answer in
one chat must not hold up the others (the index is read-only, so threads may share it). Each
chat's updates still run one at a time, in order (handlers/ordering.py).
"""

from __future__ import annotations

import asyncio
import html
import logging
import re
from collections.abc import Callable

from telegram import Update
from telegram.constants import ChatType
from telegram.error import BadRequest

from bot.answers.types import Answer
from bot.render import to_html_pages
from handlers.charts import offers_chart, send_chart
from handlers.context import Context
from handlers.expired import on_expired_button
from handlers.paging import Pages, TurnPage, keyboard, pressed_where_sent

log = logging.getLogger(__name__)


def _plain(page: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", page))


def _prepare(ask: Callable[[], Answer], items_per_page: int, chat_id: int
             ) -> tuple[Answer, Pages]:
    """The answer and its pages for the chat; run in a worker thread."""
    answer = ask()
    chart = answer if offers_chart(answer) else None
    return answer, Pages(to_html_pages(answer, items_per_page), chat_id, chart)


async def reply(update: Update, context: Context, ask: Callable[[], Answer]) -> None:
    """Compute the answer with `ask` off the event loop, then send its first page."""
    message = update.effective_message
    if message is None:
        return
    per_page = context.bot_data.config.answers.items_per_page
    answer, pages = await asyncio.to_thread(_prepare, ask, per_page, message.chat.id)
    markup = keyboard(pages)
    in_group = message.chat.type != ChatType.PRIVATE
    try:
        await message.reply_html(pages.texts[0], reply_markup=markup, do_quote=in_group)
    except BadRequest as error:
        if "parse entities" not in str(error).lower():
            raise
        log.warning("Telegram rejected our HTML (%s); sending plain text", error)
        await message.reply_text(_plain(pages.texts[0]), reply_markup=markup,
                                 do_quote=in_group, parse_mode=None)
    if getattr(answer, "chart", False):  # "/timeline ... chart": the picture follows the text
        await send_chart(message, answer, in_group)


async def on_page_button(update: Update, context: Context) -> None:
    query = update.callback_query
    if query is None or not isinstance(query.data, TurnPage):
        return
    pages, number = query.data.pages, query.data.number
    message = pressed_where_sent(query, pages.chat_id)
    if message is None:
        await on_expired_button(update, context)
        return
    await query.answer()
    if message.text == _plain(pages.texts[number]):
        return  # the page shown already: Telegram would refuse an identical edit
    await query.edit_message_text(pages.texts[number], reply_markup=keyboard(pages, number))
    context.drop_callback_data(query)  # the message has the new page's buttons now
