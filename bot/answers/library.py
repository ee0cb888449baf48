"""What every command answers from: the index, the answers' settings and queries known to work.

The command modules take a `Library` and the chat's `Scope`, so none of them needs the
`Answerer`, and a test can give one command its own settings.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, TypeVar

from bot.answers.scope import Scope
from bot.answers.speakers import Speakers
from bot.config import AnswersConfig
from bot.extract.events import Cluster, merge_candidates
from bot.extract.quote_groups import groups_without_topic
from bot.models import field_values
from bot.retrieval.examples import suggested_queries
from bot.retrieval.index import NewsIndex
from bot.retrieval.query import Aliases, Query, analyse_query
from bot.retrieval.store import subset

KEPT = 8  # answers without a topic worked out for so many chats' sets of outlets at most
T = TypeVar("T")


@dataclass(frozen=True)
class Library:
    index: NewsIndex
    config: AnswersConfig
    examples: dict[str, str] = field(default_factory=dict)  # a working query per command
    # What the answers without a topic need, worked out for a chat's own outlets
    _kept: dict[tuple[str, frozenset[str]], Any] = field(
        default_factory=dict, init=False, repr=False, compare=False)

    @classmethod
    def of(cls, index: NewsIndex, config: AnswersConfig) -> Library:
        examples = index.examples if index.examples is not None else suggested_queries(index)
        return cls(index, config, examples)

    def outlets(self, scope: Scope) -> list[str]:
        """The outlets the scope admits, in corpus order."""
        return scope.admitted(self.index.outlets)

    def slant(self, outlet: str) -> str:
        facts = self.index.outlets.get(outlet)
        return facts.slant if facts else ""

    def slants(self, scope: Scope) -> list[str]:
        """The distinct slants of the outlets the scope admits, in corpus order."""
        return list(dict.fromkeys(self.slant(o) for o in self.outlets(scope)))

    @cached_property
    def aliases(self) -> Aliases:
        return Aliases.parse(self.config.aliases)

    def query(self, text: str) -> Query:
        """The query as the index reads it, in every language, with the configured aliases;
        `also` keeps only the wordings some article uses."""
        asked = analyse_query(text, self.aliases)
        vocabulary = self.index.postings.vocabulary
        used = [w for w in asked.also
                if all(any(t in vocabulary for t in group)
                       for group in analyse_query(w).groups)]
        return Query(asked.text, asked.groups, tuple(used))

    @cached_property
    def speakers(self) -> Speakers:
        """Who is quoted and who is named, by person: made at the first /quote."""
        return Speakers.of(self.index)

    def every_event(self, scope: Scope) -> list[Cluster]:
        """Every dated sentence of the outlets the scope admits merged into events, in date
        order."""
        def merged(outlets: frozenset[str]) -> list[Cluster]:
            candidates = self.index.candidates
            chosen = list(subset(candidates, [i for i, outlet in enumerate(
                field_values(candidates, "outlet")) if outlet in outlets]))
            return sorted(merge_candidates(chosen), key=Cluster.sort_key)

        return self._for_outlets("events", scope, self.index.events, merged)

    def quote_groups(self, scope: Scope) -> list[list[int]]:
        """The quotations shown without a topic from the outlets the scope admits, the same
        words grouped (positions in the index's quotations)."""
        quotes = self.index.quotes

        def grouped(outlets: frozenset[str]) -> list[list[int]]:
            documents = self.index.documents
            outlet_of = dict(zip(field_values(documents, "doc_id"),
                                 field_values(documents, "outlet"), strict=True))
            admitted = [p for p, passage in enumerate(field_values(quotes, "passage_id"))
                        if outlet_of[passage.rsplit("#", 1)[0]] in outlets]
            groups = groups_without_topic(list(subset(quotes, admitted)),
                                          self.index.identities.label)
            return [[admitted[i] for i in group] for group in groups]

        return self._for_outlets("quotes", scope, self.index.quote_groups, grouped)

    def _for_outlets(self, what: str, scope: Scope, prepared: T | None,
                     work_out: Callable[[frozenset[str]], T]) -> T:
        """What the index prepared for all the outlets, else worked out once for the chat's
        outlets and kept for its next question."""
        outlets = frozenset(self.outlets(scope))
        if len(outlets) == len(self.index.outlets) and prepared is not None:
            return prepared
        found = self._kept.get((what, outlets))
        if found is None:
            found = work_out(outlets)
            if len(self._kept) >= KEPT:
                self._kept.clear()
            self._kept[(what, outlets)] = found
        return found
