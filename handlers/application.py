"""The one module that knows Telegram: it wires python-telegram-bot's Application.

Builder with the rate limiter and HTML defaults, `post_init` setting the command menu, the
handlers from `handlers/`, and the error handler. Services live in `application.bot_data`.
"""

from __future__ import annotations

import logging
import sys

from telegram import BotCommand, LinkPreviewOptions, Update
from telegram.constants import ParseMode
from telegram.error import InvalidToken, NetworkError
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    Defaults,
    PersistenceInput,
    PicklePersistence,
)

from bot.answers.answerer import Answerer
from bot.answers.types import Answer
from bot.commands import COMMANDS
from bot.config import Config
from handlers import register
from handlers.context import ANSWERER, CHARTS, CONFIG, PAGES
from handlers.paging import PageStore, RecentStore

log = logging.getLogger(__name__)

async def post_init(application: Application) -> None:
    """Set the command menu users see when they type '/'."""
    commands = [BotCommand(spec.name, spec.summary) for spec in COMMANDS if spec.name != "start"]
    await application.bot.set_my_commands(commands)
    me = application.bot
    log.info("running as @%s", me.username)


def chat_persistence(config: Config) -> PicklePersistence:
    """Per-chat settings kept across restarts; the services in bot_data are never pickled."""
    path = config.persistence_path
    path.parent.mkdir(parents=True, exist_ok=True)
    return PicklePersistence(
        filepath=path,
        store_data=PersistenceInput(bot_data=False, user_data=False, callback_data=False),
    )


def build_application(config: Config, answerer: Answerer) -> Application:
    application = (
        ApplicationBuilder()
        .token(config.telegram.token)
        .base_url(config.telegram.base_url)
        .defaults(Defaults(parse_mode=ParseMode.HTML,
                           link_preview_options=LinkPreviewOptions(is_disabled=True)))
        .rate_limiter(AIORateLimiter(max_retries=3))
        .post_init(post_init)
        .persistence(chat_persistence(config))
        .build()
    )
    application.bot_data[ANSWERER] = answerer
    application.bot_data[CONFIG] = config
    application.bot_data[PAGES] = PageStore()
    application.bot_data[CHARTS] = RecentStore[Answer](capacity=300)
    register(application)
    return application


def run_polling(config: Config, answerer: Answerer) -> int:
    """Long-poll Telegram until interrupted; a rejected token or no network is a clear message."""
    application = build_application(config, answerer)
    try:
        application.run_polling(allowed_updates=[Update.MESSAGE, Update.CALLBACK_QUERY])
    except InvalidToken:
        print("newsbot: Telegram rejected the token. Check TELEGRAM_BOT_TOKEN (or telegram.token "
              "in config.yaml) against what @BotFather gave you.", file=sys.stderr)
        return 2
    except NetworkError as error:
        print(f"newsbot: cannot reach the Bot API at {config.telegram.base_url}: {error}",
              file=sys.stderr)
        return 1
    return 0
