"""Long answers as pages behind ◀ ▶ buttons, editing one message instead of flooding the chat.

The buttons carry small objects, not strings: python-telegram-bot's arbitrary callback data
keeps them in a bounded cache and sends Telegram a key. A button whose object left the cache (an
old answer, or a restart) arrives as `InvalidCallbackData` and is told it expired.

The cache is the bot's, not a chat's: a key sent from another chat would find the object too.
So pages and charts remember the chat they were sent to, and a press anywhere else is told the
button expired.
"""

from __future__ import annotations

from dataclasses import dataclass

from telegram import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

from bot.answers.types import Answer
from bot.i18n import speaking, tr


@dataclass(frozen=True, eq=False)
class Pages:
    """An answer as sent to a chat: its rendered pages, and the answer itself when 📈 Chart can
    draw it."""

    texts: list[str]
    chat_id: int
    chart: Answer | None = None


@dataclass(frozen=True, eq=False)
class TurnPage:
    """◀ or ▶ (or the page number): show page `number` (0-based) of `pages`."""

    pages: Pages
    number: int


@dataclass(frozen=True, eq=False)
class DrawChart:
    """📈 Chart: send the answer's chart as a photo."""

    answer: Answer
    chat_id: int


def pressed_where_sent(query: CallbackQuery, chat_id: int) -> Message | None:
    """The message whose button was pressed, if Telegram still shows it to us and it is in the
    chat the button's data was made for; else None (the button has expired)."""
    message = query.message
    return message if isinstance(message, Message) and message.chat.id == chat_id else None


def keyboard(pages: Pages, number: int = 0) -> InlineKeyboardMarkup | None:
    """◀ and ▶ buttons for page `number` of `pages`, and 📈 Chart when the answer has one."""
    rows: list[list[InlineKeyboardButton]] = []
    total = len(pages.texts)
    if total > 1:
        def button(label: str, target: int) -> InlineKeyboardButton:
            return InlineKeyboardButton(label, callback_data=TurnPage(pages, target))

        buttons = [button(f"{number + 1}/{total}", number)]
        if number > 0:
            buttons.insert(0, button(f"◀ {number}", number - 1))
        if number + 1 < total:
            buttons.append(button(f"{number + 2} ▶", number + 1))
        rows.append(buttons)
    if pages.chart is not None:
        with speaking(pages.chart.language):
            label = tr("📈 Chart")
        rows.append([InlineKeyboardButton(label, callback_data=DrawChart(pages.chart,
                                                                         pages.chat_id))])
    return InlineKeyboardMarkup(rows) if rows else None
