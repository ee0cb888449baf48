"""Per-chat settings as plain data, and how they shape an answer.

A group following a story may want only some outlets, fewer or more results, or a balance mode
that never lets one slant fill an answer. The settings are a small dict in the chat's data
(python-telegram-bot persists it), so an old file still loads after this class changes.

Balance means "every slant": the distinct `slant` values of the outlets the chat includes (on the
seed corpus: socialist solidarity, critical of the Cuban government, wire story). An answer of a
list of items (search, quotes) reserves a place for the best item of each slant that has one; any
answer says which slants have nothing on the topic.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from bot.answers.scope import Scope
from bot.answers.types import (
    Answer,
    CompareAnswer,
    QuoteAnswer,
    SearchAnswer,
    SourcesAnswer,
    TimelineAnswer,
)

RESULT_CHOICES = (3, 5, 10)
WIDEN = 10  # how many more candidates to fetch when some will be filtered out
UNLABELLED = "no slant recorded"

T = TypeVar("T")


@dataclass
class ChatSettings:
    """What one chat chose. Outlets are stored as excluded, so new outlets show by default."""

    excluded: list[str] = field(default_factory=list)
    results: int | None = None  # items per /search and /quote; None: the configured number
    balance: bool = False

    def scope(self) -> Scope:
        """What these settings let into an answer."""
        return Scope(frozenset(self.excluded), self.results, self.balance)

    def is_default(self) -> bool:
        return not self.excluded and self.results is None and not self.balance

    def included(self, outlets: Sequence[str]) -> list[str]:
        return [o for o in outlets if o not in self.excluded]

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
        )


def slant_label(slant: str) -> str:
    return slant or UNLABELLED


def describe(settings: ChatSettings, outlets: Sequence[str], slants: dict[str, str],
             default_results: int) -> list[str]:
    """The settings in words, one line each, for the /settings message."""
    included = settings.included(outlets)
    kinds = sorted({slant_label(slants.get(o, "")) for o in included})
    shown = "all" if len(included) == len(outlets) else f"{len(included)} of {len(outlets)}"
    results = settings.results or default_results
    return [
        f"Outlets: {shown} — " + ", ".join(included),
        f"Results per /search and /quote: {results}"
        + ("" if settings.results else " (the default)"),
        "Balance: " + ("on — every answer shows each slant it can: " + "; ".join(kinds)
                       if settings.balance else "off"),
    ]


def widened_limits(settings: ChatSettings, search_results: int, quotes: int) -> tuple[int, int]:
    """(search results, quotes) to compute an answer with, so filtering leaves enough items."""
    widen = WIDEN if settings.excluded or settings.balance else 1
    return (settings.results or search_results) * widen, (settings.results or quotes) * widen


def restrict(answer: Answer, settings: ChatSettings, limit: int,
             slant_of: Callable[[str], str], slants: Sequence[str]) -> Answer:
    """The answer with only the chat's outlets, at most `limit` items, balanced if asked.

    `slant_of` gives an outlet's slant; `slants` are those of the included outlets.
    """
    def allowed(outlet: str) -> bool:
        return outlet not in settings.excluded

    if isinstance(answer, SearchAnswer):
        results = _pick(answer.results, lambda r: r.outlet, allowed, slant_of, settings, limit)
        for rank, result in enumerate(results, start=1):
            result.rank = rank
        answer.results = results
        shown = {slant_of(r.outlet) for r in results}
    elif isinstance(answer, QuoteAnswer):
        answer.quotes = _pick(answer.quotes, lambda q: q.outlet, allowed, slant_of, settings,
                              limit)
        shown = {slant_of(q.outlet) for q in answer.quotes}
    elif isinstance(answer, TimelineAnswer):
        events = []
        for event in answer.events:
            sources = [s for s in event.sources if allowed(s.outlet)]
            if sources:
                if sources[0] is not event.sources[0]:
                    event.text = sources[0].sentence  # the shown sentence must be a kept outlet's
                event.sources = sources
                events.append(event)
        answer.events = events
        shown = {slant_of(s.outlet) for e in events for s in e.sources}
    elif isinstance(answer, (SourcesAnswer, CompareAnswer)):
        shown = {slant_of(o.outlet) for o in answer.outlets}  # filtered when computed
    else:
        return answer
    if settings.balance and answer.query:
        missing = [slant_label(s) for s in slants if s not in shown]
        if missing:
            answer.notes.append("Balance: nothing on this from outlets of slant "
                                + "; ".join(f"“{m}”" for m in missing) + ".")
    return answer


def _pick(items: list[T], outlet_of: Callable[[T], str], allowed: Callable[[str], bool],
          slant_of: Callable[[str], str], settings: ChatSettings, limit: int) -> list[T]:
    """The best `limit` items of allowed outlets; in balance mode the best of each slant first."""
    kept = [item for item in items if allowed(outlet_of(item))]
    if not settings.balance:
        return kept[:limit]
    chosen: list[int] = []
    seen: set[str] = set()
    for position, item in enumerate(kept):
        slant = slant_of(outlet_of(item))
        if slant not in seen and len(chosen) < limit:
            seen.add(slant)
            chosen.append(position)
    for position in range(len(kept)):
        if len(chosen) >= limit:
            break
        if position not in chosen:
            chosen.append(position)
    return [kept[p] for p in sorted(chosen)]
