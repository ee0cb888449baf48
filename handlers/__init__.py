"""Telegram handlers: read the update, ask `bot/` for the answer, send it. Nothing more."""

from __future__ import annotations

from telegram.ext import Application, CallbackQueryHandler, CommandHandler, MessageHandler, filters

from bot.commands import COMMANDS
from handlers.charts import on_chart_button
from handlers.commands import on_command, on_private_text, on_unknown_command
from handlers.errors import on_error
from handlers.paging import CHART_PREFIX, PREFIX
from handlers.replies import on_page_button
from handlers.settings import PREFIX as SETTINGS_PREFIX
from handlers.settings import on_settings, on_settings_button


def register(application: Application) -> None:
    application.add_handler(CommandHandler("settings", on_settings))
    application.add_handler(CommandHandler(
        [spec.name for spec in COMMANDS if spec.name != "settings"], on_command))
    application.add_handler(MessageHandler(filters.COMMAND, on_unknown_command))
    application.add_handler(
        MessageHandler(filters.TEXT & ~filters.COMMAND & filters.ChatType.PRIVATE, on_private_text)
    )
    application.add_handler(CallbackQueryHandler(on_page_button, pattern=f"^{PREFIX}:"))
    application.add_handler(CallbackQueryHandler(on_chart_button, pattern=f"^{CHART_PREFIX}:"))
    application.add_handler(CallbackQueryHandler(on_settings_button,
                                                 pattern=f"^{SETTINGS_PREFIX}:"))
    application.add_error_handler(on_error)
