"""Sending an answer: rendered HTML pages, a reply in groups, paging buttons for long answers."""

from __future__ import annotations

import html
import logging
import re

from telegram import Message, Update
from telegram.constants import ChatType
from telegram.error import BadRequest
from telegram.ext import ContextTypes

from bot.answers.types import Answer
from bot.render import to_html_pages
from handlers import context as services
from handlers.charts import offers_chart, send_chart
from handlers.paging import keyboard, parse_callback

log = logging.getLogger(__name__)


def _plain(page: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", page))


async def reply(update: Update, context: ContextTypes.DEFAULT_TYPE, answer: Answer) -> None:
    message = update.effective_message
    if message is None:
        return
    pages = to_html_pages(answer, services.config(context).answers.items_per_page)
    key = services.pages(context).add(pages) if len(pages) > 1 else None
    chart = offers_chart(answer)
    if chart:  # kept under the pages' key, so that ◀ ▶ keep the 📈 Chart button too
        key = services.charts(context).add(answer, key)
    markup = keyboard(key, 0, len(pages), chart) if key else None
    in_group = message.chat.type != ChatType.PRIVATE
    try:
        await message.reply_html(pages[0], reply_markup=markup, do_quote=in_group)
    except BadRequest as error:
        if "parse entities" not in str(error).lower():
            raise
        log.warning("Telegram rejected our HTML (%s); sending plain text", error)
        await message.reply_text(_plain(pages[0]), reply_markup=markup, do_quote=in_group,
                                 parse_mode=None)
    if getattr(answer, "chart", False):  # "/timeline ... chart": the picture follows the text
        await send_chart(message, answer, in_group)


async def on_page_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.callback_query
    if query is None or query.data is None:
        return
    parsed = parse_callback(query.data)
    pages = services.pages(context).get(parsed[0]) if parsed else None
    if parsed is None or pages is None or not 0 <= parsed[1] < len(pages):
        await query.answer("This list has expired; please ask again.", show_alert=False)
        return
    key, number = parsed
    await query.answer()
    if isinstance(query.message, Message) and query.message.text == _plain(pages[number]):
        return  # the page shown already: Telegram would refuse an identical edit
    chart = services.charts(context).get(key) is not None
    await query.edit_message_text(pages[number],
                                  reply_markup=keyboard(key, number, len(pages), chart))
