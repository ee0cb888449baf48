"""What every command answers from: the index, the answers' settings and queries known to work.

The command modules take a `Library` and the chat's `Scope`, so none of them needs the
`Answerer`, and a test can give one command its own settings.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.answers.examples import suggested_queries
from bot.answers.scope import Scope
from bot.config import AnswersConfig
from bot.extract.events import Cluster, merge_candidates
from bot.retrieval.index import NewsIndex

MERGES_KEPT = 4  # the whole corpus merged for so many sets of outlets (chats' choices) at most


@dataclass(frozen=True)
class Library:
    index: NewsIndex
    config: AnswersConfig
    examples: dict[str, str] = field(default_factory=dict)  # a working query per command
    _merged: dict[frozenset[str], list[Cluster]] = field(
        default_factory=dict, init=False, repr=False, compare=False)

    @classmethod
    def of(cls, index: NewsIndex, config: AnswersConfig) -> Library:
        return cls(index, config, suggested_queries(index))

    def outlets(self, scope: Scope) -> list[str]:
        """The outlets the scope admits, in corpus order."""
        return scope.admitted(self.index.outlets)

    def slant(self, outlet: str) -> str:
        facts = self.index.outlets.get(outlet)
        return facts.slant if facts else ""

    def slants(self, scope: Scope) -> list[str]:
        """The distinct slants of the outlets the scope admits, in corpus order."""
        return list(dict.fromkeys(self.slant(o) for o in self.outlets(scope)))

    def every_event(self, scope: Scope) -> list[Cluster]:
        """Every dated sentence of the outlets the scope admits merged into events, in date
        order: prepared with the index for all the outlets, else merged once per set of
        outlets and kept for the next question."""
        outlets = frozenset(self.outlets(scope))
        if len(outlets) == len(self.index.outlets) and self.index.events is not None:
            return self.index.events
        merged = self._merged.get(outlets)
        if merged is None:
            chosen = [c for c in self.index.candidates if c.outlet in outlets]
            merged = sorted(merge_candidates(chosen), key=Cluster.sort_key)
            if len(self._merged) >= MERGES_KEPT:
                self._merged.clear()
            self._merged[outlets] = merged
        return merged
