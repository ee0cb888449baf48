"""Updates of different chats at once, those of one chat one at a time, in the order received.

With python-telegram-bot's concurrent updates a slow answer in one chat no longer holds up the
others; but two messages of one chat must still be answered in the order they were sent, and a
settings button pressed before a question must apply to it. A lock per chat, taken in arrival
order (asyncio's locks queue their waiters first come, first served), gives both.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor


class PerChatUpdateProcessor(BaseUpdateProcessor):
    """Runs each chat's updates in turn and different chats concurrently.

    Updates waiting for their chat's turn count towards `max_concurrent_updates`, so keep it
    generous; the CPU work itself is bounded by the worker threads that compute answers.
    """

    def __init__(self, max_concurrent_updates: int) -> None:
        super().__init__(max_concurrent_updates)
        self._turns: dict[int, asyncio.Lock] = {}
        self._queued: dict[int, int] = {}  # chat -> its updates holding or awaiting the lock

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        chat = update.effective_chat if isinstance(update, Update) else None
        if chat is None:  # nothing to keep in order with
            await coroutine
            return
        turn = self._turns.setdefault(chat.id, asyncio.Lock())
        self._queued[chat.id] = self._queued.get(chat.id, 0) + 1
        try:
            async with turn:
                await coroutine
        finally:
            self._queued[chat.id] -= 1
            if not self._queued[chat.id]:  # forget idle chats, so memory stays flat
                del self._queued[chat.id], self._turns[chat.id]

    async def initialize(self) -> None:
        """Nothing to set up: locks are made as chats show up."""

    async def shutdown(self) -> None:
        """Nothing to free."""
