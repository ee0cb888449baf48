"""Balance mode: every slant a chat admits gets a place in a list answer, and the answer says
which slants have nothing on the topic.

"Every slant" means the distinct `slant` values of the outlets the chat includes (on the seed
corpus: socialist solidarity, critical of the Cuban government, wire story). Picking happens
before the answer is written, and the note is written from what the answer shows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

from bot.answers.library import Library
from bot.answers.scope import Scope
from bot.commands import N_
from bot.i18n import tr

UNLABELLED = N_("no slant recorded")

T = TypeVar("T")


def slant_label(slant: str) -> str:
    return slant or tr(UNLABELLED)


def each_slant_first(ranked: list[T], slant_of: Callable[[T], str], limit: int) -> list[T]:
    """The best `limit` items, the best of each slant among them; kept in rank order."""
    chosen: list[int] = []
    seen: set[str] = set()
    for position, item in enumerate(ranked):
        slant = slant_of(item)
        if slant not in seen and len(chosen) < limit:
            seen.add(slant)
            chosen.append(position)
    for position in range(len(ranked)):
        if len(chosen) >= limit:
            break
        if position not in chosen:
            chosen.append(position)
    return [ranked[p] for p in sorted(chosen)]


def balance_notes(library: Library, scope: Scope, query: str,
                  shown_outlets: Iterable[str]) -> list[str]:
    """In balance mode, the note naming the admitted slants the answer shows nothing of."""
    if not scope.balance or not query:
        return []
    shown = {library.slant(o) for o in shown_outlets}
    missing = [slant_label(s) for s in library.slants(scope) if s not in shown]
    if not missing:
        return []
    return [tr("Balance: nothing on this from outlets of slant {slants}.",
               slants="; ".join(f"“{m}”" for m in missing))]
