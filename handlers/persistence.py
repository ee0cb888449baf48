"""Per-chat data kept across restarts in SQLite, as JSON: a file that can hold no code.

python-telegram-bot's `PicklePersistence` runs whatever a planted file tells `pickle` to, and
made its file readable by everyone. This keeps only what the bot stores per chat (its settings,
plain data), one row per chat, in a file only its owner may read or write (0600). A chat that
has not written for `telegram.forget_chats_after_days` is forgotten, on disk and in memory
(`forget_silent_chats`, run by python-telegram-bot's JobQueue), so the data does not grow with
every chat that ever wrote.
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
import time
from pathlib import Path
from typing import Any

from telegram.ext import BasePersistence, CallbackContext, PersistenceInput

log = logging.getLogger(__name__)

ChatData = dict[Any, Any]
DAY = 86_400.0


class NotChatData(ValueError):
    """The persistence file is something else (an old pickle?): the message says what to do."""


class SqlitePersistence(BasePersistence[ChatData, ChatData, Any]):
    """Chat data as JSON in SQLite; no user data, bot data, button data or conversations."""

    def __init__(self, path: Path, forget_after_days: float, update_interval: float = 60) -> None:
        super().__init__(store_data=PersistenceInput(bot_data=False, chat_data=True,
                                                     user_data=False, callback_data=False),
                         update_interval=update_interval)
        self.path = path
        self.forget_after = forget_after_days * DAY
        self.seen: dict[int, float] = {}  # chat -> when it last wrote (what is kept, and more)
        path.parent.mkdir(parents=True, exist_ok=True)
        os.close(os.open(path, os.O_RDWR | os.O_CREAT, 0o600))
        os.chmod(path, 0o600)  # a file made by an older version may be readable by anyone
        self._db = sqlite3.connect(path, isolation_level=None)
        try:
            self._db.execute("CREATE TABLE IF NOT EXISTS chat_data (chat_id INTEGER PRIMARY KEY,"
                             " data TEXT NOT NULL, seen REAL NOT NULL)")
        except sqlite3.DatabaseError as error:
            self._db.close()
            raise NotChatData(f"{path} is not a chat-settings database ({error}); move it away "
                              "or set telegram.persistence_file to another file") from error

    def silent_since(self, cutoff: float) -> list[int]:
        """The chats that have not written since `cutoff` (a time.time())."""
        return [chat for chat, seen in self.seen.items() if seen < cutoff]

    async def get_chat_data(self) -> dict[int, ChatData]:
        cutoff = time.time() - self.forget_after
        forgotten = self._db.execute("DELETE FROM chat_data WHERE seen < ?", (cutoff,)).rowcount
        if forgotten:
            log.info("forgot the settings of %d chats silent for %.0f days", forgotten,
                     self.forget_after / DAY)
        chats: dict[int, ChatData] = {}
        for chat_id, data, seen in self._db.execute("SELECT chat_id, data, seen FROM chat_data"):
            try:
                loaded = json.loads(data)
            except ValueError:
                log.warning("unreadable settings of chat %s in %s dropped", chat_id, self.path)
                continue
            if isinstance(loaded, dict):
                chats[chat_id] = loaded
                self.seen[chat_id] = seen
        return chats

    async def update_chat_data(self, chat_id: int, data: ChatData) -> None:
        """Called for every chat that had an update since the last run (once a minute)."""
        self.seen[chat_id] = now = time.time()
        if not data:
            self._db.execute("DELETE FROM chat_data WHERE chat_id = ?", (chat_id,))
            return
        self._db.execute("INSERT OR REPLACE INTO chat_data VALUES (?, ?, ?)",
                         (chat_id, json.dumps(data, ensure_ascii=False, default=str), now))

    async def drop_chat_data(self, chat_id: int) -> None:
        self.seen.pop(chat_id, None)
        self._db.execute("DELETE FROM chat_data WHERE chat_id = ?", (chat_id,))

    async def refresh_chat_data(self, chat_id: int, chat_data: ChatData) -> None:
        """Nothing to refresh: this process is the file's only writer."""

    async def flush(self) -> None:
        self._db.close()

    # What this persistence does not keep (store_data says so; python-telegram-bot still asks).

    async def get_user_data(self) -> dict[int, ChatData]:
        return {}

    async def get_bot_data(self) -> Any:
        return None

    async def get_callback_data(self) -> Any:
        return None

    async def get_conversations(self, name: str) -> Any:
        return {}

    async def update_user_data(self, user_id: int, data: ChatData) -> None:
        """Not kept."""

    async def update_bot_data(self, data: Any) -> None:
        """Not kept."""

    async def update_callback_data(self, data: Any) -> None:
        """Not kept."""

    async def update_conversation(self, name: str, key: Any, new_state: object | None) -> None:
        """Not kept."""

    async def drop_user_data(self, user_id: int) -> None:
        """Not kept."""

    async def refresh_user_data(self, user_id: int, user_data: ChatData) -> None:
        """Not kept."""

    async def refresh_bot_data(self, bot_data: Any) -> None:
        """Not kept."""


async def forget_silent_chats(context: CallbackContext[Any, Any, Any, Any]) -> None:
    """Drop the data of chats silent for longer than configured, from memory and the file."""
    application = context.application
    persistence = application.persistence
    if not isinstance(persistence, SqlitePersistence):
        return
    silent = persistence.silent_since(time.time() - persistence.forget_after)
    for chat_id in silent:
        application.drop_chat_data(chat_id)
    if silent:
        log.info("forgot the data of %d chats silent for %.0f days", len(silent),
                 persistence.forget_after / DAY)
