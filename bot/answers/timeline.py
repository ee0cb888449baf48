"""/timeline: candidate events merged into events, in date order, with every outlet reporting each.

The candidates are prepared when the index is built and merged by `bot.extract.events`; this
module reads the query (topic, period, "chart"), chooses the candidates on the topic and of the
chat's outlets, and writes each merged event as an answer item: one sentence per outlet, the
most shared one leading. The outlets are chosen before merging, so an event's leading sentence,
its outlets and the count of events are all the chat's own.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from bot.answers.balance import balance_notes
from bot.answers.library import Library
from bot.answers.notices import not_found, out_of_scope
from bot.answers.scope import EVERYTHING, Scope
from bot.answers.types import Answer, Event, EventSource, TimelineAnswer
from bot.commands import split_chart_word
from bot.extract.events import FINENESS, Candidate, Cluster, merge_candidates, similarity
from bot.retrieval.index import NewsIndex
from bot.text import tokenize


def timeline_answer(library: Library, query: str, scope: Scope = EVERYTHING) -> Answer:
    asked = parse_timeline_query(query)
    on_topic = _on_topic(library.index.candidates, set(tokenize(asked.topic)), asked.period)
    chosen = [c for c in on_topic if scope.admits(c.outlet)]
    if not chosen:
        if on_topic:
            return out_of_scope("timeline", query)
        return not_found(library, "timeline", query,
                         "dated events" if query else "dated events at all")
    grouped = _events(library.index, chosen)
    events = most_reported(grouped, library.config.timeline_events)
    notes = []
    if len(grouped) > len(events):
        notes.append(f"Showing the {len(events)} most widely reported of {len(grouped)} "
                     "events.")
    notes += balance_notes(library, scope, query,
                           (s.outlet for e in events for s in e.sources))
    return TimelineAnswer("timeline", query, notes=notes, events=events, topic=asked.topic,
                          period=asked.period.describe() if asked.period else "",
                          chart=asked.chart, total_events=len(grouped))


# --- the query: topic, period, chart ---------------------------------------------------------


@dataclass(frozen=True)
class Period:
    """Inclusive bounds as (year, month, day); either may be open."""

    start: tuple[int, int, int] | None = None
    end: tuple[int, int, int] | None = None

    def admits(self, candidate: Candidate) -> bool:
        first = candidate.date.sort_key()
        if self.end is not None and first > self.end:
            return False
        return self.start is None or candidate.last_day() >= self.start

    def describe(self) -> str:
        if self.start and self.end:
            return f"{self.start[0]}–{self.end[0]}" if self.start[0] != self.end[0] \
                else str(self.start[0])
        if self.start:
            return f"since {self.start[0]}"
        return f"before {self.end[0] + 1}" if self.end else ""


@dataclass(frozen=True)
class TimelineQuery:
    topic: str
    period: Period | None = None
    chart: bool = False


_YEAR = r"(1[5-9]\d\d|20\d\d)"
_PERIOD_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(rf"(?:^|\s)(?:from\s+|between\s+)?{_YEAR}\s*(?:-|–|to|and|until)\s*{_YEAR}\s*$",
                re.IGNORECASE), "range"),
    (re.compile(rf"(?:^|\s)(?:since|after|from)\s+{_YEAR}\s*$", re.IGNORECASE), "since"),
    (re.compile(rf"(?:^|\s)(?:before|until|till)\s+{_YEAR}\s*$", re.IGNORECASE), "before"),
    (re.compile(r"(?:^|\s)(?:in\s+)?(?:the\s+)?(1[5-9]\d0|20\d0)['’]?s\s*$", re.IGNORECASE),
     "decade"),
    (re.compile(rf"(?:^|\s)in\s+{_YEAR}\s*$", re.IGNORECASE), "year"),
]


def parse_timeline_query(text: str) -> TimelineQuery:
    """Split "/timeline" arguments into topic, period and the word "chart".

    "diplomatic relations 1960-1970", "since 2020", "Tiananmen before 1990", "... chart".
    "since" and "after" include the year given, "before" excludes it.
    """
    rest = " ".join(text.split())
    rest, chart = split_chart_word(rest)
    period = None
    for pattern, kind in _PERIOD_PATTERNS:
        match = pattern.search(rest)
        if not match:
            continue
        years = [int(g) for g in match.groups() if g]
        if kind == "range":
            first, last = sorted(years)
            period = Period((first, 1, 1), (last, 12, 31))
        elif kind == "since":
            period = Period((years[0], 1, 1), None)
        elif kind == "before":
            period = Period(None, (years[0] - 1, 12, 31))
        elif kind == "decade":
            period = Period((years[0], 1, 1), (years[0] + 9, 12, 31))
        else:
            period = Period((years[0], 1, 1), (years[0], 12, 31))
        rest = rest[:match.start()].strip()
        break
    return TimelineQuery(rest, period, chart)


def _event(cluster: Cluster) -> Event:
    """An event at the cluster's date: of the sentences giving that date, the one sharing most
    with all the event's reports leads (what they agree on; the shortest of equals), then one
    sentence per other outlet, each at its own finest date. On Timeline17 the most shared
    sentence gives AR-1 0.069 where the shortest gave 0.061 (eval/README.md)."""
    exact = [m for m in cluster.members if (m.date, m.until, m.kind) ==
             (cluster.date, cluster.until, cluster.kind)]

    def shared(member: Candidate) -> float:
        return sum(similarity(member.keys, other.keys, cluster.idf)
                   for other in cluster.members if other is not member)

    lead = min(exact, key=lambda m: (-shared(m), len(m.sentence), m.doc_id, m.sentence_start))
    per_outlet: dict[str, Candidate] = {lead.outlet: lead}
    for member in sorted(cluster.members, key=lambda m: (FINENESS[m.precision], len(m.sentence))):
        per_outlet.setdefault(member.outlet, member)
    sources = [
        EventSource(m.outlet, m.doc_id, m.passage_id, m.published, "", m.sentence,
                    date_given=m.display)
        for m in per_outlet.values()
    ]
    return Event(
        date=cluster.date.iso(), date_display=lead.display, precision=lead.precision,
        text=lead.sentence, sources=sources,
        end=cluster.until.iso() if cluster.until else None,
        articles=len({m.doc_id for m in cluster.members}),
    )


def _sort_key(event: Event) -> tuple[tuple[int, ...], int, str]:
    start = tuple(int(x) for x in event.date.split("-"))
    return (start + (0,) * (3 - len(start)), FINENESS.get(event.precision, 9), event.end or "")


def build_timeline(
    index: NewsIndex, terms: set[str], period: Period | None = None
) -> list[Event]:
    """Events in date order, each once with every outlet reporting it.

    With topic terms, only sentences using one of them count; with a period, only events that
    overlap it.
    """
    return _events(index, _on_topic(index.candidates, terms, period))


def _on_topic(candidates: Iterable[Candidate], terms: set[str], period: Period | None
              ) -> list[Candidate]:
    return [c for c in candidates
            if (not terms or c.terms & terms) and (period is None or period.admits(c))]


def _events(index: NewsIndex, chosen: list[Candidate]) -> list[Event]:
    """The chosen candidates merged into events, in date order."""
    events = [_event(cluster) for cluster in merge_candidates(chosen)]
    urls = {d.doc_id: d.url for d in index.documents}
    for event in events:
        for source in event.sources:
            source.url = urls.get(source.doc_id, "")
    return sorted(events, key=_sort_key)


def most_reported(events: list[Event], limit: int) -> list[Event]:
    """The `limit` events reported by most outlets (then most articles), kept in date order."""
    if len(events) <= limit:
        return events
    ranked = sorted(range(len(events)), key=lambda i: (
        -len(events[i].sources), -events[i].articles,
        FINENESS.get(events[i].precision, 9), i))
    keep = set(ranked[:limit])
    return [e for i, e in enumerate(events) if i in keep]

