"""Charts as Telegram photos: the PNG comes from `bot.charts`; this only sends it."""

from __future__ import annotations

from telegram import Message

from bot.answers import Answer
from bot.charts import NOT_INSTALLED, ChartsUnavailable, chart_png, has_chart


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
