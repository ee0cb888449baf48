"""What one chat lets into its answers: a scope applied before ranking, never a filter after.

A group following a story may want only some outlets, fewer or more results, or a balance mode
that never lets one slant fill an answer. Every command takes the chat's `Scope`: the index ranks
only the outlets it admits, timelines and quotations are grouped from them alone, and the notes
("showing 10 of 26") count what the chat can see.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Scope:
    """Outlets left out, items per list answer, balance; the default scope is everything."""

    excluded: frozenset[str] = frozenset()
    results: int | None = None  # items per /search and /quote; None: the configured number
    balance: bool = False
    language: str = "en"  # the reader's: the bot's own words in it (bot/i18n.py)

    def admits(self, outlet: str) -> bool:
        """The one outlet filter: every command asks it, before ranking or grouping."""
        return outlet not in self.excluded

    def admitted(self, outlets: Iterable[str]) -> list[str]:
        return [o for o in outlets if self.admits(o)]

    def limit(self, configured: int) -> int:
        """Items per list answer: the chat's choice, else the configured number."""
        return self.results or configured


EVERYTHING = Scope()
