"""Charts as Telegram photos: the PNG comes from `bot.charts`, drawn off the event loop."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor

from telegram import Message, Update
from telegram.constants import ChatType

from bot.answers.types import Answer
from bot.charts import NOT_INSTALLED, ChartsUnavailable, chart_png, charts_available, has_chart
from bot.i18n import speaking, tr
from handlers.context import Context
from handlers.expired import on_expired_button
from handlers.paging import DrawChart, pressed_where_sent

# One thread draws every chart: pyplot keeps its figures in a global registry that is not
# thread-safe, and charts then never take the worker threads that compute answers.
_DRAWING = ThreadPoolExecutor(max_workers=1, thread_name_prefix="charts")


def offers_chart(answer: Answer) -> bool:
    """Whether the answer gets a 📈 Chart button: it can be drawn, matplotlib is there to draw
    it (a button that can only say "not installed" is no button), and the picture was not
    already asked for ("/timeline ... chart" sends it with the text)."""
    return has_chart(answer) and not getattr(answer, "chart", False) and charts_available()


async def send_chart(message: Message, answer: Answer, in_group: bool) -> None:
    """Reply with the answer's chart, or say why there is none."""
    if not has_chart(answer):
        return
    try:
        png = await asyncio.get_running_loop().run_in_executor(_DRAWING, chart_png, answer)
    except ChartsUnavailable:
        with speaking(answer.language):
            text = tr(NOT_INSTALLED)
        await message.reply_text(text, do_quote=in_group, parse_mode=None)
        return
    await message.reply_photo(png, do_quote=in_group)


async def on_chart_button(update: Update, context: Context) -> None:
    """📈 Chart pressed: the chart of that answer as a photo replying to it."""
    query = update.callback_query
    if query is None or not isinstance(query.data, DrawChart):
        return
    message = pressed_where_sent(query, query.data.chat_id)
    if message is None:
        await on_expired_button(update, context)
        return
    await query.answer()
    await send_chart(message, query.data.answer, message.chat.type != ChatType.PRIVATE)
