"""What every command answers from: the index, the answers' settings and queries known to work.

The command modules take a `Library` and the chat's `Scope`, so none of them needs the
`Answerer`, and a test can give one command its own settings.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.answers.examples import suggested_queries
from bot.answers.scope import Scope
from bot.config import AnswersConfig
from bot.retrieval.index import NewsIndex


@dataclass(frozen=True)
class Library:
    index: NewsIndex
    config: AnswersConfig
    examples: dict[str, str] = field(default_factory=dict)  # a working query per command

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
