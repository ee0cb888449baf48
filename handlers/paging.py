"""Long answers as pages behind ◀ ▶ buttons, editing one message instead of flooding the chat."""

from __future__ import annotations

import secrets
from collections import OrderedDict

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

PREFIX = "pg"


class PageStore:
    """The pages of recent answers, oldest forgotten first."""

    def __init__(self, capacity: int = 1000) -> None:
        self.capacity = capacity
        self._pages: OrderedDict[str, list[str]] = OrderedDict()

    def add(self, pages: list[str]) -> str:
        key = secrets.token_urlsafe(6)
        self._pages[key] = pages
        while len(self._pages) > self.capacity:
            self._pages.popitem(last=False)
        return key

    def get(self, key: str) -> list[str] | None:
        return self._pages.get(key)


def keyboard(key: str, number: int, total: int) -> InlineKeyboardMarkup | None:
    """◀ and ▶ buttons for page `number` (0-based) of `total`."""
    if total <= 1:
        return None
    def button(label: str, target: int) -> InlineKeyboardButton:
        return InlineKeyboardButton(label, callback_data=f"{PREFIX}:{key}:{target}")

    buttons = [button(f"{number + 1}/{total}", number)]
    if number > 0:
        buttons.insert(0, button(f"◀ {number}", number - 1))
    if number + 1 < total:
        buttons.append(button(f"{number + 2} ▶", number + 1))
    return InlineKeyboardMarkup([buttons])


def parse_callback(data: str) -> tuple[str, int] | None:
    parts = data.split(":")
    if len(parts) != 3 or parts[0] != PREFIX or not parts[2].isdigit():
        return None
    return parts[1], int(parts[2])
