"""Long answers as pages behind ◀ ▶ buttons, editing one message instead of flooding the chat."""

from __future__ import annotations

import secrets
from collections import OrderedDict
from typing import Generic, TypeVar

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

PREFIX = "pg"
CHART_PREFIX = "ch"

T = TypeVar("T")


class RecentStore(Generic[T]):
    """What buttons of recent answers need, under short keys that fit in callback data (64
    bytes); bounded, the oldest forgotten first, so a busy bot's memory stays flat."""

    def __init__(self, capacity: int = 1000) -> None:
        self.capacity = capacity
        self._items: OrderedDict[str, T] = OrderedDict()

    def add(self, item: T, key: str | None = None) -> str:
        """Keep `item` under `key` (a new random one by default) and return the key."""
        key = key or secrets.token_urlsafe(6)
        self._items[key] = item
        self._items.move_to_end(key)
        while len(self._items) > self.capacity:
            self._items.popitem(last=False)
        return key

    def get(self, key: str) -> T | None:
        return self._items.get(key)


class PageStore(RecentStore[list[str]]):
    """The rendered pages of recent answers."""


def keyboard(key: str, number: int, total: int, chart: bool = False
             ) -> InlineKeyboardMarkup | None:
    """◀ and ▶ buttons for page `number` (0-based) of `total`, and a 📈 Chart button when the
    answer kept under `key` can be drawn."""
    rows: list[list[InlineKeyboardButton]] = []
    if total > 1:
        def button(label: str, target: int) -> InlineKeyboardButton:
            return InlineKeyboardButton(label, callback_data=f"{PREFIX}:{key}:{target}")

        buttons = [button(f"{number + 1}/{total}", number)]
        if number > 0:
            buttons.insert(0, button(f"◀ {number}", number - 1))
        if number + 1 < total:
            buttons.append(button(f"{number + 2} ▶", number + 1))
        rows.append(buttons)
    if chart:
        rows.append([InlineKeyboardButton("📈 Chart", callback_data=f"{CHART_PREFIX}:{key}")])
    return InlineKeyboardMarkup(rows) if rows else None


def parse_callback(data: str) -> tuple[str, int] | None:
    parts = data.split(":")
    if len(parts) != 3 or parts[0] != PREFIX or not parts[2].isdigit():
        return None
    return parts[1], int(parts[2])


def parse_chart_callback(data: str) -> str | None:
    """The answer's key of a 📈 Chart button's data, None if it is not one."""
    prefix, _, key = data.partition(":")
    return key if prefix == CHART_PREFIX and key and ":" not in key else None
