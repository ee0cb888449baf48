"""/help and /start: what the bot does, the corpus it answers from, and a working example of
each command; and /settings, /add and /feeds outside Telegram, where they say where to do it."""

from __future__ import annotations

from bot.answers.library import Library
from bot.answers.scope import EVERYTHING, Scope
from bot.answers.types import CorpusOutlet, HelpAnswer, Notice
from bot.commands import COMMANDS
from bot.i18n import tr


def help_answer(library: Library, query: str, scope: Scope = EVERYTHING) -> HelpAnswer:
    """The corpus as this chat sees it: the outlets it includes, their articles and dates."""
    outlets = [library.index.outlets[o] for o in library.outlets(scope)]
    corpus = [CorpusOutlet(o.name, len(o.documents), list(o.dates), o.slant) for o in outlets]
    examples = {spec.name: library.examples.get(spec.name) or spec.example for spec in COMMANDS}
    return HelpAnswer(
        "help", query, corpus=corpus, documents=sum(len(o.documents) for o in outlets),
        passages=sum(o.passages for o in outlets), examples=examples,
    )


def settings_answer(library: Library, query: str, scope: Scope = EVERYTHING) -> Notice:
    return Notice(
        "settings", query, kind="info",
        message=tr("Settings belong to a Telegram chat: send /settings there to choose the "
                   "outlets, how many results, the balance mode and the language. Here every "
                   "outlet counts."),
    )



def add_answer(library: Library, query: str, scope: Scope = EVERYTHING) -> Notice:
    """/add and /feeds outside Telegram: where articles are added."""
    return Notice(
        "add", query, kind="info",
        message=tr("Articles are added in Telegram (send the bot a link or a file, /add <url>, "
                   "/feeds add <url>) or from the shell: newsbot add URL|FILE, newsbot add "
                   "--feed URL."),
    )
