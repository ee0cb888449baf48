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
    republished_by: list[str] = field(default_factory=list)  # see answers.republished


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
    republished_by: list[str] = field(default_factory=list)  # see answers.republished


@dataclass
class EventSource(Source):
    """One outlet's report of a timeline event, with the date as that outlet's sentence gives it
    ("1960" where another outlet says "28 Sep 1960")."""

    date_given: str = ""


@dataclass
class Event:
    date: str  # YYYY, YYYY-MM or YYYY-MM-DD; a period's first date
    date_display: str  # "28 Sep 1960", "1960–1964", "late 1980s", "week of 21 Nov 2022"
    precision: str  # day | week | month | year | range | decade
    text: str  # a short sentence of the first source, verbatim
    sources: list[EventSource]  # every outlet reporting the event, one sentence each
    end: str | None = None  # a period's last date, e.g. "1964" for "between 1960 and 1964"
    articles: int = 1  # how many articles report it (several of one outlet count once above)
    importance: float = 0.0  # how much its day matters to the topic (`timeline.day_importance`)


@dataclass
class Carrier:
    """One outlet's wording of a quotation that several articles carry."""

    outlet: str
    doc_id: str
    date: str | None
    passage_id: str
    text: str
    sentence: str
    url: str = ""
    speaker: str = ""  # the speaker as this article spells the name (the item's is the label)
    # How this article's speaker was found ("cue+name", "cue+pronoun", "cue+role", "cue+source",
    # "subject", "continuation", "interview", or "none": not stated) and how sure that is (0-1).
    speaker_evidence: str = "none"
    speaker_confidence: float = 0.0
    republished_by: list[str] = field(default_factory=list)  # see answers.republished
    # Where `text` starts in `sentence` (characters); -1 when it runs on past the sentence
    text_offset: int = -1


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
    # "quotation"; "fragment" (a few quoted words: shown inside `sentence`); "interview" (a
    # sentence of an interviewee's answer, `text` == `sentence`)
    kind: str = "quotation"
    carried_by: list[Carrier] = field(default_factory=list)  # every carrier, this one first
    speaker_evidence: str = "none"  # as in Carrier, of the carrier the speaker is taken from
    speaker_confidence: float = 0.0
    republished_by: list[str] = field(default_factory=list)  # see answers.republished
    # Where `text` starts in `sentence` (characters): a fragment's words are the speaker's, the
    # rest of the sentence the outlet's. -1 when the quotation runs on past its first sentence.
    text_offset: int = -1


@dataclass
class OutletSummary:
    outlet: str
    doc_ids: list[str]
    passages: int
    summary: list[str]
    dates: list[str]
    slant: str = ""
    summary_passage_ids: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)  # ISO 639-1 codes, most used first
    republished_by: list[str] = field(default_factory=list)  # see answers.republished


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
    language: str = "en"  # of the bot's own words (the news sentences are verbatim)

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
    topic: str = ""  # the query without its period and "chart"
    period: str = ""  # "1960–1970", "since 2020", "before 1990", or "" for all time
    chart: bool = False  # the user asked for the chart ("/timeline ... chart")
    total_events: int = 0  # events of the chat's outlets, before keeping the most reported


@dataclass
class QuoteAnswer(Answer):
    quotes: list[QuoteItem] = field(default_factory=list)
    unquoted: str = ""  # a person the query names who is never quoted in the corpus
    mentions: list[Source] = field(default_factory=list)  # where that person is named


@dataclass
class SourcesAnswer(Answer):
    outlets: list[OutletSummary] = field(default_factory=list)
    not_covered_by: list[str] = field(default_factory=list)
    chart: bool = False  # the user asked for the coverage chart ("/sources ... chart")


@dataclass
class CompareOutlet:
    """One outlet's best passage on the topic, verbatim."""

    outlet: str
    slant: str
    doc_id: str
    date: str | None
    url: str
    passage_id: str
    text: str
    score: float
    passages: int  # how many of its passages cover the topic
    republished_by: list[str] = field(default_factory=list)  # see answers.republished


@dataclass
class SharedFact:
    """The same fact in the own words of two outlets: one sentence of each."""

    sources: list[Source]
    similarity: float


@dataclass
class FramingSide:
    """A side (a slant, or an outlet) and the words that set it apart on the topic.

    The words are single words counted in the side's passages, not sentences.
    """

    label: str
    outlets: list[str]
    words: list[str]


@dataclass
class CompareAnswer(Answer):
    outlets: list[CompareOutlet] = field(default_factory=list)
    shared: list[SharedFact] = field(default_factory=list)
    sides: list[FramingSide] = field(default_factory=list)
    not_covered_by: list[str] = field(default_factory=list)
    wordings: list[Wording] = field(default_factory=list)


@dataclass
class Wording:
    """Which wording of the query's alias set ("blockade ~ bloqueo ~ embargo") an outlet uses,
    in how many of its passages on the topic: the framing the words themselves carry."""

    outlet: str
    counts: dict[str, int]


@dataclass
class HelpAnswer(Answer):
    corpus: list[CorpusOutlet] = field(default_factory=list)
    documents: int = 0
    passages: int = 0
    examples: dict[str, str] = field(default_factory=dict)


@dataclass
class Notice(Answer):
    """The bot's own words: usage, nothing found, an unknown command."""

    kind: str = "info"  # usage | not_found | weak_evidence | unknown_command | info
    message: str = ""
    suggestions: list[str] = field(default_factory=list)
