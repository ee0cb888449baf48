"""Telegram handlers: read the update, ask `bot/` for the answer, send it. Nothing more.

python-telegram-bot and the handlers are imported when `register` runs, so that `newsbot ask`,
`chat` and `index`, which never talk to Telegram, start without them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from telegram.ext import Application


def register(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    from telegram.ext import (
        CallbackQueryHandler,
        CommandHandler,
        InlineQueryHandler,
        MessageHandler,
        filters,
    )

    from bot.commands import COMMANDS, STATEFUL
    from handlers.charts import on_chart_button
    from handlers.commands import on_command, on_other_message, on_private_text, on_unknown_command
    from handlers.errors import on_error
    from handlers.expired import on_expired_button
    from handlers.ingest import register_ingest
    from handlers.inline import on_inline_query
    from handlers.paging import DrawChart, TurnPage
    from handlers.replies import on_page_button
    from handlers.settings import SettingsChange, on_settings, on_settings_button

    register_ingest(application)
    application.add_handler(CommandHandler("settings", on_settings))
    application.add_handler(CommandHandler(
        [spec.name for spec in COMMANDS if spec.name not in STATEFUL], on_command))
    application.add_handler(MessageHandler(filters.COMMAND, on_unknown_command))
    application.add_handler(
        MessageHandler(filters.TEXT & ~filters.COMMAND & filters.ChatType.PRIVATE, on_private_text)
    )
    # Anything else a private chat sends (photo, sticker, location, ...): keep this one last.
    application.add_handler(MessageHandler(
        filters.ChatType.PRIVATE & filters.UpdateType.MESSAGE & ~filters.StatusUpdate.ALL,
        on_other_message))
    # Buttons match by the type of their data; anything else (InvalidCallbackData: expired,
    # from before a restart, or never ours) is answered as expired.
    application.add_handler(CallbackQueryHandler(on_page_button, pattern=TurnPage))
    application.add_handler(CallbackQueryHandler(on_chart_button, pattern=DrawChart))
    application.add_handler(CallbackQueryHandler(on_settings_button, pattern=SettingsChange))
    application.add_handler(CallbackQueryHandler(on_expired_button))
    application.add_handler(InlineQueryHandler(on_inline_query))
    application.add_error_handler(on_error)
