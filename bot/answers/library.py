"""What every command answers from: the index, the answers' settings and queries known to work.

The command modules take a `Library` and the chat's `Scope`, so none of them needs the
`Answerer`, and a test can give one command its own settings.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, TypeVar

from bot.answers.restrict import (
    EventsOfReports,
    events_reported_in,
    restrict_events,
    restrict_groups,
)
from bot.answers.scope import Scope
from bot.answers.speakers import Speakers
from bot.config import AnswersConfig
from bot.extract.events import Cluster, every_event, key_idf
from bot.extract.quote_groups import groups_without_topic
from bot.retrieval.examples import suggested_queries
from bot.retrieval.index import NewsIndex
from bot.retrieval.query import Aliases, Query, analyse_query

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
        return Query(asked.text, asked.groups, tuple(used), asked.wordings)

    @cached_property
    def speakers(self) -> Speakers:
        """Who is quoted and who is named, by person: made at the first /quote."""
        return Speakers.of(self.index)

    @cached_property
    def all_events(self) -> Sequence[Cluster]:
        """Every dated sentence merged into events, in date order: prepared with the index."""
        events = self.index.events
        return events if events is not None else every_event(list(self.index.candidates))

    @cached_property
    def event_idf(self) -> dict[str, float]:
        """The weights of the candidates' keys, which an event's leading sentence is chosen by."""
        idf = self.index.event_idf
        return idf if idf is not None else key_idf(self.index.candidates)

    def every_event(self, scope: Scope) -> Sequence[Cluster]:
        """The events of `all_events` that the outlets the scope admits report, with their
        reports alone (`bot.answers.restrict`)."""
        return self._for_outlets("events", scope, self.all_events, lambda outlets: restrict_events(
            self.all_events, self.index.candidates, outlets, self.event_idf))

    @cached_property
    def events_of_reports(self) -> EventsOfReports:
        """Which of `all_events` each candidate is in: read once, at the first topic."""
        return EventsOfReports(self.all_events, self.index.candidates)

    def events_reported_in(self, rows: Sequence[int]) -> Sequence[Cluster]:
        """The events of `all_events` that these candidates (rows: a topic's, of the chat's
        outlets) report, with those reports alone (`bot.answers.restrict`)."""
        return events_reported_in(self.all_events, self.index.candidates,
                                  self.events_of_reports, rows, self.event_idf)

    @cached_property
    def all_quote_groups(self) -> list[list[int]]:
        """The quotations shown without a topic, the same words grouped: prepared with the
        index."""
        groups = self.index.quote_groups
        return groups if groups is not None else groups_without_topic(
            self.index.quotes, self.index.identities.label)

    def quote_groups(self, scope: Scope) -> list[list[int]]:
        """The groups of `all_quote_groups` with the quotations of the outlets the scope admits
        alone (positions in the index's quotations)."""
        return self._for_outlets("quotes", scope, self.all_quote_groups, lambda outlets:
                                 restrict_groups(self.all_quote_groups, self.index.quotes,
                                                 self.index.documents, outlets))

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
