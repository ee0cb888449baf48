"""The typed context the handlers get: `context.bot_data.answerer`, not string keys.

python-telegram-bot builds `bot_data` itself, empty (`ContextTypes(bot_data=BotData)`), so the
services are set once by `build_application`. A chat's settings stay a plain dict in
`chat_data`: that is what persistence keeps across restarts.
"""

from __future__ import annotations

from typing import Any

from telegram.ext import CallbackContext, ContextTypes, ExtBot

from bot.answers.answerer import Answerer
from bot.config import Config
from bot.ingest.ingest import Ingestor


class BotData:
    """What every handler needs; never persisted (persistence keeps only chat data)."""

    answerer: Answerer
    config: Config
    ingestor: Ingestor  # adds articles by link, file and feed (handlers/ingest.py)


Context = CallbackContext[ExtBot[Any], dict[Any, Any], dict[Any, Any], BotData]
CONTEXT_TYPES = ContextTypes(bot_data=BotData)
