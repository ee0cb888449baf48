"""The services the handlers find in `application.bot_data`, named once."""

from __future__ import annotations

from telegram.ext import ContextTypes

from bot.answers.answerer import Answerer
from bot.answers.types import Answer
from bot.config import Config
from handlers.paging import PageStore, RecentStore

ANSWERER = "answerer"
CONFIG = "config"
PAGES = "pages"
CHARTS = "charts"


def answerer(context: ContextTypes.DEFAULT_TYPE) -> Answerer:
    return context.bot_data[ANSWERER]


def config(context: ContextTypes.DEFAULT_TYPE) -> Config:
    return context.bot_data[CONFIG]


def pages(context: ContextTypes.DEFAULT_TYPE) -> PageStore:
    return context.bot_data[PAGES]


def charts(context: ContextTypes.DEFAULT_TYPE) -> RecentStore[Answer]:
    """Recent answers behind a 📈 Chart button, under the key of their pages."""
    return context.bot_data[CHARTS]
