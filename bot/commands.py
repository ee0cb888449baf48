"""The bot's commands, described once: for /help, Telegram's command menu and the console.

The console and `newsbot ask` read a message exactly as Telegram users type it, so the same
parsing rules ("/search@newsbot words", plain text meaning a search) live here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


def N_(message: str) -> str:
    """Mark a message for the catalogs (bot/locale/), to be translated where it is shown."""
    return message


@dataclass(frozen=True)
class CommandSpec:
    name: str
    summary: str  # one line, for Telegram's command menu
    usage: str
    example: str  # the topic part of an example, "" for commands without one
    needs_topic: bool = False


COMMANDS: tuple[CommandSpec, ...] = (
    CommandSpec("search", N_("Best passages for your words"), N_("/search <words>"), "blockade",
                needs_topic=True),
    CommandSpec("timeline", N_("Dated events in order, with the outlets reporting each"),
                N_("/timeline [topic]"), "diplomatic relations"),
    CommandSpec("quote", N_("Direct quotations: who said what, and who carried it"),
                N_("/quote [topic or person]"), "Xi"),
    CommandSpec("sources", N_("Which outlets cover a topic and what each says"),
                N_("/sources [topic] [chart]"), "blockade"),
    CommandSpec("compare", N_("How each outlet tells it: best passages, shared facts, own words"),
                N_("/compare <topic>"), "Xi Jinping", needs_topic=True),
    CommandSpec("settings", N_("This chat's outlets, number of results, balance mode and language"),
                "/settings", ""),
    CommandSpec("add", N_("Add an article by its link (or send the bot its file); for the people "
                          "allowed to add"), "/add <url>", ""),
    CommandSpec("feeds", N_("The feeds followed; /feeds add or remove <url> to follow one or stop"),
                "/feeds [add|remove <url>]", ""),
    CommandSpec("help", N_("What this bot does and how to ask"), "/help", ""),
    CommandSpec("start", N_("Start here"), "/start", ""),
)
BY_NAME = {spec.name: spec for spec in COMMANDS}
# In Telegram these change the chat's or the corpus's state and have handlers of their own;
# elsewhere (console, `newsbot ask`) they are answered with where to do it.
STATEFUL = ("settings", "add", "feeds")

_COMMAND = re.compile(r"^/(?P<name>[A-Za-z0-9_]{1,32})(?:@(?P<bot>[A-Za-z0-9_]{3,64}))?(?:\s+|$)")


@dataclass(frozen=True)
class ParsedMessage:
    command: str  # "" for an unknown command
    args: str
    raw_command: str = ""
    addressed_to: str = ""  # the @username after the command, if any


def parse_message(text: str) -> ParsedMessage:
    """Split a message into command and arguments; plain text is a search."""
    stripped = text.strip()
    match = _COMMAND.match(stripped)
    if not match:
        return ParsedMessage("search", stripped)
    name = match.group("name").lower()
    args = stripped[match.end():].strip()
    command = name if name in BY_NAME else ""
    return ParsedMessage(command, args, raw_command=name, addressed_to=match.group("bot") or "")


def split_chart_word(args: str) -> tuple[str, bool]:
    """("blockade", True) for "blockade chart": a trailing "chart" asks for the picture too."""
    rest = " ".join(args.split())
    if re.search(r"(?:^|\s)chart$", rest, re.IGNORECASE):
        return rest[:-5].strip(), True
    return rest, False


# The commands inline mode offers: their answers are lists of items that stand on their own.
INLINE_COMMANDS = ("search", "timeline", "quote", "sources")


def parse_inline_query(text: str) -> ParsedMessage:
    """Read what was typed after "@botname" in inline mode: a search by default, a command's
    answer when the first word names one of INLINE_COMMANDS with or without its slash
    ("timeline 1960s", "/quote Xi"). Another command keeps its name, so the caller can say
    it works in a chat only; the words after it are its arguments."""
    stripped = " ".join(text.split())
    if stripped.startswith("/"):
        return parse_message(stripped)
    first, _, rest = stripped.partition(" ")
    if first.lower() in INLINE_COMMANDS:
        return ParsedMessage(first.lower(), rest, raw_command=first.lower())
    return ParsedMessage("search", stripped)
