"""Charts as Telegram photos: the PNG comes from `bot.charts`; this only sends it."""

from __future__ import annotations

from telegram import Message, Update
from telegram.constants import ChatType
from telegram.ext import ContextTypes

from bot.answers.types import Answer
from bot.charts import NOT_INSTALLED, ChartsUnavailable, chart_png, charts_available, has_chart
from handlers import context as services
from handlers.paging import parse_chart_callback


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
        png = chart_png(answer)
    except ChartsUnavailable:
        await message.reply_text(NOT_INSTALLED, do_quote=in_group, parse_mode=None)
        return
    await message.reply_photo(png, do_quote=in_group)


async def on_chart_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """📈 Chart pressed: the chart of that answer as a photo replying to it, or say it expired."""
    query = update.callback_query
    if query is None or query.data is None:
        return
    key = parse_chart_callback(query.data)
    answer = services.charts(context).get(key) if key else None
    if answer is None or not isinstance(query.message, Message):
        await query.answer("This chart has expired; please ask again.", show_alert=False)
        return
    await query.answer()
    await send_chart(query.message, answer, query.message.chat.type != ChatType.PRIVATE)
