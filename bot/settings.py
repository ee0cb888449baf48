"""Per-chat settings as plain data, and the words the /settings message shows them in.

The settings are a small dict in the chat's data (python-telegram-bot persists it), so an old
file still loads after this class changes. What they let into an answer is their `Scope`, which
every command applies before it ranks (bot/answers/scope.py).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from bot.answers.balance import slant_label
from bot.answers.scope import Scope
from bot.i18n import LANGUAGES, reader_language, tr

RESULT_CHOICES = (3, 5, 10)


@dataclass
class ChatSettings:
    """What one chat chose. Outlets are stored as excluded, so new outlets show by default."""

    excluded: list[str] = field(default_factory=list)
    results: int | None = None  # items per /search and /quote; None: the configured number
    balance: bool = False
    language: str | None = None  # the bot's own words: None for the reader's Telegram language

    def scope(self, reader: str | None = None) -> Scope:
        """What these settings let into an answer, in the chat's language, else in the reader's
        (Telegram's `language_code`)."""
        return Scope(frozenset(self.excluded), self.results, self.balance,
                     reader_language(self.language or reader))

    def included(self, outlets: Sequence[str]) -> list[str]:
        return self.scope().admitted(outlets)

    def toggle_outlet(self, outlet: str, outlets: Sequence[str]) -> None:
        """Include or exclude an outlet; the last included outlet cannot be excluded."""
        if outlet in self.excluded:
            self.excluded.remove(outlet)
        elif len(self.included(outlets)) > 1:
            self.excluded.append(outlet)

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, data: object) -> ChatSettings:
        """Settings from stored data; anything unreadable falls back to the default."""
        if not isinstance(data, dict):
            return cls()
        excluded = data.get("excluded")
        results = data.get("results")
        return cls(
            excluded=[str(o) for o in excluded] if isinstance(excluded, list) else [],
            results=results if results in RESULT_CHOICES else None,
            balance=bool(data.get("balance", False)),
            language=data.get("language") if data.get("language") in LANGUAGES else None,
        )


def describe(settings: ChatSettings, outlets: Sequence[str], slants: dict[str, str],
             default_results: int) -> list[str]:
    """The settings in words, one line each, for the /settings message."""
    included = settings.included(outlets)
    kinds = sorted({slant_label(slants.get(o, "")) for o in included})
    shown = tr("all") if len(included) == len(outlets) else tr(
        "{included} of {total}", included=len(included), total=len(outlets))
    results = settings.results or default_results
    return [
        tr("Outlets: {shown} — {names}", shown=shown, names=", ".join(included)),
        tr("Results per /search and /quote: {results}", results=results)
        + ("" if settings.results else tr(" (the default)")),
        tr("Balance: on — every answer shows each slant it can: {kinds}", kinds="; ".join(kinds))
        if settings.balance else tr("Balance: off"),
        tr("Language: {language}", language=LANGUAGE_NAMES.get(settings.language or "", tr(
            "the one your Telegram uses"))),
    ]


LANGUAGE_NAMES = {"en": "English", "es": "Español"}  # each in its own language
