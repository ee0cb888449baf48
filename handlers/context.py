"""The services the handlers find in `application.bot_data`, named once."""

from __future__ import annotations

from telegram.ext import ContextTypes

from bot.answering import Answerer
from bot.config import Config
from handlers.paging import PageStore

ANSWERER = "answerer"
CONFIG = "config"
PAGES = "pages"


def answerer(context: ContextTypes.DEFAULT_TYPE) -> Answerer:
    return context.bot_data[ANSWERER]


def config(context: ContextTypes.DEFAULT_TYPE) -> Config:
    return context.bot_data[CONFIG]


def pages(context: ContextTypes.DEFAULT_TYPE) -> PageStore:
    return context.bot_data[PAGES]
