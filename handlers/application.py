"""The one module that knows Telegram: it wires python-telegram-bot's Application.

Builder with the rate limiter that retries transient failures, timeouts for a slow Bot API
(handlers/delivery.py) and HTML defaults, `post_init` setting the command menu, the
handlers from `handlers/`, and the error handler. Services live in the typed `bot_data`
(handlers/context.py); button data in python-telegram-bot's bounded callback data cache; updates
are handled concurrently, each chat's in order (handlers/ordering.py).
"""

from __future__ import annotations

import logging
import sys
from typing import Any

from telegram import BotCommand, LinkPreviewOptions, Update
from telegram.constants import ParseMode
from telegram.error import InvalidToken, NetworkError
from telegram.ext import Application, ApplicationBuilder, Defaults, ExtBot

from bot.answers.answerer import Answerer
from bot.commands import COMMANDS
from bot.config import Config
from bot.corpus.articles import ArticleStore
from bot.i18n import ENGLISH, LANGUAGES, speaking, tr
from bot.ingest.ingest import Ingestor
from handlers import register
from handlers.context import CONTEXT_TYPES, BotData, Context
from handlers.delivery import CONNECT_TIMEOUT, POOL_TIMEOUT, PatientRateLimiter
from handlers.ingest import schedule_feeds
from handlers.ordering import PerChatUpdateProcessor
from handlers.persistence import NotChatData, SqlitePersistence, forget_silent_chats

log = logging.getLogger(__name__)

# Keyboards whose button data is kept; the least recently used is forgotten first, and its
# buttons then say they expired. Each may hold an answer's pages and the answer (for its chart).
BUTTONS_KEPT = 500
# Updates in flight at once, those waiting for their chat's turn included.
CONCURRENT_UPDATES = 256
# How often chats silent for longer than telegram.forget_chats_after_days are forgotten (s).
FORGET_EVERY = 3600.0
# What Telegram is asked to send: messages, button presses, and inline queries ("@newsbot
# blockade" in any chat; Telegram sends them only once inline mode is on in @BotFather).
ALLOWED_UPDATES = [Update.MESSAGE, Update.CALLBACK_QUERY, Update.INLINE_QUERY]

NewsApplication = Application[ExtBot[Any], Context, dict[Any, Any], dict[Any, Any], BotData,
                              Any]



async def post_init(application: NewsApplication) -> None:
    """Set the command menu users see when they type '/'."""
    for language in LANGUAGES:  # English for everyone, then each language its own menu
        with speaking(language):
            commands = [BotCommand(spec.name, tr(spec.summary)) for spec in COMMANDS
                        if spec.name != "start"]
        await application.bot.set_my_commands(
            commands, language_code=None if language == ENGLISH else language)
    me = application.bot
    log.info("running as @%s", me.username)
    if not me.supports_inline_queries:
        log.info("inline mode is off: send /setinline to @BotFather to let users type "
                 "@%s and a topic in any chat", me.username)


def chat_persistence(config: Config) -> SqlitePersistence:
    """Per-chat settings kept across restarts. Not the services in bot_data, nor the button
    data: answers are big and their classes change between versions, so after a restart the
    old buttons say they expired, and the user asks again."""
    return SqlitePersistence(config.persistence_path, config.telegram.forget_chats_after_days)


def build_application(config: Config, answerer: Answerer) -> NewsApplication:
    application = (
        ApplicationBuilder()
        .token(config.telegram.token)
        .base_url(config.telegram.base_url)
        .base_file_url(config.telegram.file_url)
        .context_types(CONTEXT_TYPES)
        .defaults(Defaults(parse_mode=ParseMode.HTML,
                           link_preview_options=LinkPreviewOptions(is_disabled=True)))
        .arbitrary_callback_data(BUTTONS_KEPT)
        .concurrent_updates(PerChatUpdateProcessor(CONCURRENT_UPDATES))
        .rate_limiter(PatientRateLimiter())
        .connect_timeout(CONNECT_TIMEOUT)
        .read_timeout(config.telegram.request_timeout)
        .write_timeout(config.telegram.request_timeout)
        .media_write_timeout(2 * config.telegram.request_timeout)
        .pool_timeout(POOL_TIMEOUT)
        .post_init(post_init)
        .persistence(chat_persistence(config))
        .build()
    )
    application.bot_data.answerer = answerer
    application.bot_data.config = config
    if application.job_queue is not None:
        application.job_queue.run_repeating(forget_silent_chats, interval=FORGET_EVERY,
                                            first=FORGET_EVERY, name="forget silent chats")
    application.bot_data.ingestor = Ingestor(ArticleStore(config.store_path), config,
                                             answerer.index, answerer.use)
    application.bot_data.ingestor.warm_up()
    register(application)
    schedule_feeds(application, config.ingest.feed_interval)
    return application


def run_polling(config: Config, answerer: Answerer) -> int:
    """Long-poll Telegram until interrupted; a rejected token or no network is a clear message."""
    try:
        application = build_application(config, answerer)
    except NotChatData as error:
        print(f"newsbot: {error}", file=sys.stderr)
        return 2
    try:
        application.run_polling(allowed_updates=ALLOWED_UPDATES)
    except InvalidToken:
        print("newsbot: Telegram rejected the token. Check TELEGRAM_BOT_TOKEN (or telegram.token "
              "in config.yaml) against what @BotFather gave you.", file=sys.stderr)
        return 2
    except NetworkError as error:
        print(f"newsbot: cannot reach the Bot API at {config.telegram.base_url}: {error}",
              file=sys.stderr)
        return 1
    return 0
