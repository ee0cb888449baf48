"""Adding articles from Telegram: a link sent in a private chat, `/add <url>` (in groups too), a
document sent to the bot, and `/feeds` to follow outlets' feeds, polled on the JobQueue.

Who may add is configured (`ingest.admins`, user ids); in a group, its administrators may also
`/add`. Everyone else is told so. The fetching and indexing run in `bot/ingest/` (async, the
extraction in a thread), so answers go on meanwhile.
"""

from __future__ import annotations

import functools
import html
import logging
import re
from collections.abc import Callable, Coroutine
from typing import Any

from telegram import Message, Update
from telegram.constants import ChatMemberStatus, ChatType
from telegram.error import TelegramError
from telegram.ext import Application, CommandHandler, MessageHandler, filters

from bot.commands import N_
from bot.i18n import speaking, tr
from bot.ingest.feeds import follow_feed, poll_feeds
from bot.ingest.ingest import KINDS_ADDED, Report, has_kind
from handlers.context import Context
from handlers.settings import chat_language

log = logging.getLogger(__name__)

NOT_ALLOWED = N_("Only the people this bot's operator named (ingest.admins) can add articles "
                 "and feeds; in a group, its administrators can /add too.")
ADD_USAGE = N_("Send /add followed by the address of an article, e.g. /add "
               "https://example.com/story")
FEEDS_USAGE = N_("/feeds lists the feeds followed; /feeds add <url> follows one; "
                 "/feeds remove <url> stops.")
TELEGRAM_DOWNLOAD_LIMIT = 20 * 1024 * 1024  # bytes: the largest file a bot may download
_URL = re.compile(r"https?://\S+", re.IGNORECASE)
_LINKS_ONLY = re.compile(r"^\s*(?:https?://\S+\s*)+$", re.IGNORECASE)  # words and a link: a search


def register_ingest(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """The handlers, before the commands' (so /add and /feeds are not unknown commands, and a
    link in a private chat is not a search)."""
    application.add_handler(CommandHandler("add", on_add))
    application.add_handler(CommandHandler("feeds", on_feeds))
    application.add_handler(MessageHandler(
        filters.ChatType.PRIVATE & ~filters.COMMAND & filters.Regex(_LINKS_ONLY), on_link))
    # every file sent in a private chat: those of a kind that cannot be added are told so
    application.add_handler(MessageHandler(filters.ChatType.PRIVATE & filters.Document.ALL,
                                           on_document))


def schedule_feeds(application: Application[Any, Any, Any, Any, Any, Any],
                   interval: float) -> None:
    """Poll the followed feeds every `interval` seconds on python-telegram-bot's JobQueue."""
    if application.job_queue is None:
        log.warning("feeds are not polled: python-telegram-bot's job-queue extra is missing")
        return
    application.job_queue.run_repeating(poll_job, interval=interval, first=interval,
                                        name="feeds")


async def poll_job(context: Context) -> None:
    for report in await poll_feeds(context.bot_data.ingestor):
        log.info("%s", report.text())


async def may_add(update: Update, context: Context, message: Message, group_admins: bool) -> bool:
    """Whether the sender may add articles; if not, they are told so (politely, and why)."""
    if await _is_adder(update, context, group_admins):
        return True
    await _send(message, tr(NOT_ALLOWED))
    return False


async def _is_adder(update: Update, context: Context, group_admins: bool) -> bool:
    """A configured admin, or (for /add in a group) one of the group's administrators."""
    user, chat = update.effective_user, update.effective_chat
    if user is None or chat is None:
        return False
    if user.id in context.bot_data.config.ingest.admins:
        return True
    if not group_admins or chat.type == ChatType.PRIVATE:
        return False
    try:
        member = await context.bot.get_chat_member(chat.id, user.id)
    except TelegramError:
        return False
    return member.status in (ChatMemberStatus.OWNER, ChatMemberStatus.ADMINISTRATOR)


Handler = Callable[[Update, Context], Coroutine[Any, Any, None]]


def _in_chat_language(handler: Handler) -> Handler:
    """Run a handler in the chat's language: its replies, and the reports of what it added."""
    @functools.wraps(handler)
    async def speaking_the_chats(update: Update, context: Context) -> None:
        with speaking(chat_language(update, context)):
            await handler(update, context)
    return speaking_the_chats


async def _send(message: Message, text: str) -> None:
    await message.reply_text(html.escape(text), do_quote=message.chat.type != ChatType.PRIVATE)


async def _add_links(message: Message, context: Context, urls: list[str]) -> None:
    ingestor = context.bot_data.ingestor
    who = str(message.from_user.id) if message.from_user else ""
    for url in urls:
        report = await ingestor.add_url(url, who)
        await _send(message, report.text())


@_in_chat_language
async def on_add(update: Update, context: Context) -> None:
    message = update.effective_message
    if message is None:
        return
    if not await may_add(update, context, message, group_admins=True):
        return
    urls = [a for a in context.args or [] if a.lower().startswith(("http://", "https://"))]
    if not urls:
        await _send(message, tr(ADD_USAGE))
        return
    await _add_links(message, context, urls)


@_in_chat_language
async def on_link(update: Update, context: Context) -> None:
    """A link sent in a private chat: added, if the sender may add; else they are told so."""
    message = update.effective_message
    if message is None:
        return
    urls = _URL.findall(message.text or "")
    if not await may_add(update, context, message, group_admins=False):
        return
    await _add_links(message, context, list(dict.fromkeys(urls)))


@_in_chat_language
async def on_document(update: Update, context: Context) -> None:
    message = update.effective_message
    if message is None or message.document is None:
        return
    if not await may_add(update, context, message, group_admins=False):
        return
    document = message.document
    name = document.file_name or "document"
    limit = context.bot_data.config.ingest.max_bytes
    if not has_kind(name):
        report = Report("refused", name, tr(KINDS_ADDED))
    elif document.file_size and document.file_size > min(limit, TELEGRAM_DOWNLOAD_LIMIT):
        report = Report("refused", name, tr("it is larger than {size} MB", size=f"{limit / 1e6:g}")
                        if limit < TELEGRAM_DOWNLOAD_LIMIT else
                        tr("it is larger than 20 MB, the most Telegram lets a bot download"))
    else:
        try:
            data = bytes(await (await document.get_file()).download_as_bytearray())
        except TelegramError as error:
            report = Report("refused", name, tr("Telegram could not give the file ({error})",
                                                error=error))
        else:
            who = str(message.from_user.id) if message.from_user else ""
            report = await context.bot_data.ingestor.add_file(name, data, who)
    await _send(message, report.text())


@_in_chat_language
async def on_feeds(update: Update, context: Context) -> None:
    message = update.effective_message
    if message is None:
        return
    args = context.args or []
    ingestor = context.bot_data.ingestor
    if not args:
        feeds = ingestor.store.feeds()
        lines = [f"{f.title or f.url}: {f.url}" for f in feeds]
        await _send(message, tr("Feeds followed:") + "\n" + "\n".join(lines) if lines
                    else tr("No feeds are followed.") + " " + tr(FEEDS_USAGE))
        return
    if args[0] not in ("add", "remove") or len(args) != 2:
        await _send(message, tr(FEEDS_USAGE))
        return
    if not await may_add(update, context, message, group_admins=False):
        return
    if args[0] == "remove":
        removed = ingestor.store.remove_feed(args[1])
        await _send(message, tr("No longer following {url}.", url=args[1]) if removed
                    else tr("{url} is not followed.", url=args[1]))
        return
    who = str(message.from_user.id) if message.from_user else ""
    report = await follow_feed(ingestor, args[1], who)
    await _send(message, report.text())
