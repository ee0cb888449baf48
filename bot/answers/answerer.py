"""Turning a message into its answer: the one place where commands are dispatched.

Telegram handlers, the console chat and `newsbot ask` all call `Answerer`, so the three
front ends cannot drift apart. It parses the message, cleans the query and hands it, with the
chat's `Scope`, to the command's module; each command applies the scope before it ranks.
"""

from __future__ import annotations

from collections.abc import Callable

from bot.answers.compare import compare_answer
from bot.answers.help import add_answer, help_answer, settings_answer
from bot.answers.library import Library
from bot.answers.notices import unknown_command, usage
from bot.answers.quote import quote_answer
from bot.answers.republished import note_republished
from bot.answers.scope import EVERYTHING, Scope
from bot.answers.search import search_answer
from bot.answers.sources import sources_answer
from bot.answers.timeline import timeline_answer
from bot.answers.types import Answer, Notice
from bot.commands import BY_NAME, parse_message
from bot.config import Config
from bot.i18n import speaking, tr
from bot.retrieval.index import NewsIndex

Command = Callable[[Library, str, Scope], Answer]

COMMAND_ANSWERS: dict[str, Command] = {
    "start": help_answer,
    "help": help_answer,
    "search": search_answer,
    "timeline": timeline_answer,
    "quote": quote_answer,
    "sources": sources_answer,
    "compare": compare_answer,
    "settings": settings_answer,
    "add": add_answer,
    "feeds": add_answer,
}


class Answerer:
    """Turns a parsed command into its answer, against one index and one configuration."""

    def __init__(self, index: NewsIndex, config: Config) -> None:
        self.index = index
        self.config = config
        self.library = Library.of(index, config.answers)

    def use(self, index: NewsIndex) -> None:
        """Answer from `index` from now on (an article was added). The library is made first,
        so a question asked meanwhile is answered whole from the old index or the new."""
        library = Library.of(index, self.config.answers)
        self.index, self.library = index, library

    def outlets(self) -> list[str]:
        """The corpus's outlets, in corpus order: what a chat's settings choose from."""
        return list(self.index.outlets)

    @property
    def slants(self) -> dict[str, str]:
        """Each outlet's slant ("" when the metadata records none), for /settings."""
        return {name: facts.slant for name, facts in self.index.outlets.items()}

    def answer_text(self, text: str, scope: Scope = EVERYTHING) -> Answer:
        """Answer a message as typed in a chat ("/quote Xi", or plain words meaning a search)."""
        parsed = parse_message(text)
        if not parsed.command:
            with speaking(scope.language):
                unknown = unknown_command(parsed.raw_command)
            unknown.language = scope.language
            return unknown
        return self.answer(parsed.command, parsed.args, scope)

    def answer(self, command: str, args: str, scope: Scope = EVERYTHING) -> Answer:
        """The answer, its own words (notes, notices) in the scope's language."""
        with speaking(scope.language):
            answer = self._answer(command, args, scope)
        answer.language = scope.language
        return answer

    def _answer(self, command: str, args: str, scope: Scope) -> Answer:
        query, notes = clean_query(args, self.config.answers.max_query_chars)
        if BY_NAME[command].needs_topic and not query:
            return usage(self.library, command)
        answer = COMMAND_ANSWERS[command](self.library, query, scope)
        answer.notes[:0] = notes
        note_republished(answer, self.index.carriers)
        topical = query and command in ("search", "timeline", "quote", "sources", "compare")
        also = self.library.query(query).also if topical else ()
        if also and not isinstance(answer, Notice):
            answer.notes.append(tr("Also matched: {words}.", words=", ".join(also)))
        return answer


def clean_query(args: str, limit: int) -> tuple[str, list[str]]:
    """The query on one line and at most `limit` characters, with a note if it was cut."""
    query = " ".join(args.split())
    if len(query) > limit:
        cut = query[:limit].rsplit(" ", 1)[0] or query[:limit]
        note = tr("Your message was long ({length} characters); I used its first {used}.",
                  length=f"{len(query):,}", used=f"{len(cut):,}")
        return cut, [note]
    return query, []
