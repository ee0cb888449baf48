"""Each command's answer as plain data: computed once, rendered for Telegram, console or JSON.

The bot never writes about the news itself: every text field here that comes from the corpus is
a verbatim sentence or passage, and every such item names its outlet. The only words of the bot's
own are in `Notice` (usage, nothing found) and in the headings the renderers add.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Source:
    outlet: str
    doc_id: str
    passage_id: str
    date: str | None = None
    url: str = ""
    sentence: str = ""


@dataclass
class SearchResult:
    rank: int
    score: float
    outlet: str
    doc_id: str
    date: str | None
    url: str
    passage_id: str
    text: str
    title: str = ""
    highlights: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class Event:
    date: str  # YYYY, YYYY-MM or YYYY-MM-DD
    date_display: str
    precision: str
    text: str
    sources: list[Source]


@dataclass
class QuoteItem:
    text: str
    speaker: str
    role: str
    outlet: str
    doc_id: str
    date: str | None
    passage_id: str
    sentence: str
    url: str = ""


@dataclass
class OutletSummary:
    outlet: str
    doc_ids: list[str]
    passages: int
    summary: list[str]
    dates: list[str]
    slant: str = ""
    summary_passage_ids: list[str] = field(default_factory=list)


@dataclass
class CorpusOutlet:
    outlet: str
    documents: int
    dates: list[str]
    slant: str


@dataclass
class Answer:
    command: str
    query: str
    notes: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        data = dataclasses.asdict(self)
        for result in data.get("results", []):
            result.pop("highlights", None)
        return data


@dataclass
class SearchAnswer(Answer):
    results: list[SearchResult] = field(default_factory=list)


@dataclass
class TimelineAnswer(Answer):
    events: list[Event] = field(default_factory=list)


@dataclass
class QuoteAnswer(Answer):
    quotes: list[QuoteItem] = field(default_factory=list)


@dataclass
class SourcesAnswer(Answer):
    outlets: list[OutletSummary] = field(default_factory=list)
    not_covered_by: list[str] = field(default_factory=list)


@dataclass
class HelpAnswer(Answer):
    corpus: list[CorpusOutlet] = field(default_factory=list)
    documents: int = 0
    passages: int = 0
    examples: dict[str, str] = field(default_factory=dict)


@dataclass
class Notice(Answer):
    """The bot's own words: usage, nothing found, an unknown command."""

    kind: str = "info"  # usage | not_found | unknown_command
    message: str = ""
    suggestions: list[str] = field(default_factory=list)
