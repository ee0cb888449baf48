"""/timeline: candidate events merged into events, in date order, with every outlet reporting each.

The candidates are prepared when the index is built and merged by `bot.extract.events`; this
module reads the query (topic, period, "chart"), chooses the candidates on the topic and of the
chat's outlets, and writes each merged event as an answer item: one sentence per outlet, the
most shared one leading. The outlets are chosen before merging, so an event's leading sentence,
its outlets and the count of events are all the chat's own. Without a topic, the events are
those of all the chat's dated sentences merged at once (prepared with the index when the chat
reads every outlet), and a period chooses among them, so "/timeline 2010" shows the events of
"/timeline" that fall in 2010."""

from __future__ import annotations

import heapq
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from bot.answers.balance import balance_notes
from bot.answers.library import Library
from bot.answers.notices import not_found, out_of_scope
from bot.answers.scope import EVERYTHING, Scope
from bot.answers.types import Answer, Event, EventSource, TimelineAnswer
from bot.commands import split_chart_word
from bot.extract.events import FINENESS, Candidate, Cluster, merge_candidates
from bot.models import PartialDate
from bot.retrieval.index import NewsIndex
from bot.text import tokenize


def timeline_answer(library: Library, query: str, scope: Scope = EVERYTHING) -> Answer:
    asked = parse_timeline_query(query)
    terms = set(tokenize(asked.topic))
    index = library.index
    if terms:
        on_topic = _on_topic(index.candidates, terms, asked.period)
        chosen = [c for c in on_topic if scope.admits(c.outlet)]
        dated, admitted = bool(on_topic), bool(chosen)
        grouped = sorted(merge_candidates(chosen), key=Cluster.sort_key)
    else:  # the chat's whole corpus merged once, the period choosing among its events
        grouped = [e for e in library.every_event(scope)
                   if asked.period is None or asked.period.admits(e)]
        dated = admitted = bool(grouped)
        if not grouped:  # is anything dated in the period, and is it the chat's?
            on_topic = _on_topic(index.candidates, terms, asked.period)
            dated, admitted = bool(on_topic), any(scope.admits(c.outlet) for c in on_topic)
    if not admitted:
        if dated:
            return out_of_scope("timeline", query)
        return not_found(library, "timeline", query,
                         "dated events" if query else "dated events at all")
    shown = most_reported(grouped, library.config.timeline_events)
    events = _events(index, shown)
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


class Dated(Protocol):
    """A candidate event or a merged one: what a period admits."""

    @property
    def date(self) -> PartialDate: ...

    def last_day(self) -> tuple[int, int, int]: ...


@dataclass(frozen=True)
class Period:
    """Inclusive bounds as (year, month, day); either may be open."""

    start: tuple[int, int, int] | None = None
    end: tuple[int, int, int] | None = None

    def admits(self, dated: Dated) -> bool:
        first = dated.date.sort_key()
        if self.end is not None and first > self.end:
            return False
        return self.start is None or dated.last_day() >= self.start

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


def _event(cluster: Cluster, urls: dict[str, str]) -> Event:
    """An event at the cluster's date: its lead sentence (the one sharing most with all the
    event's reports, `Cluster.lead`), then one sentence per other outlet, each at its own
    finest date. On Timeline17 the most shared sentence gives AR-1 0.069 where the shortest
    gave 0.061 (eval/README.md)."""
    lead = cluster.lead()
    per_outlet: dict[str, Candidate] = {lead.outlet: lead}
    for member in sorted(cluster.members, key=lambda m: (FINENESS[m.precision], len(m.sentence))):
        per_outlet.setdefault(member.outlet, member)
    sources = [
        EventSource(m.outlet, m.doc_id, m.passage_id, m.published, urls.get(m.doc_id, ""),
                    m.sentence, date_given=m.display)
        for m in per_outlet.values()
    ]
    return Event(
        date=cluster.date.iso(), date_display=lead.display, precision=lead.precision,
        text=lead.sentence, sources=sources,
        end=cluster.until.iso() if cluster.until else None,
        articles=cluster.reach()[1],
    )


def build_timeline(
    index: NewsIndex, terms: set[str], period: Period | None = None
) -> list[Event]:
    """Events in date order, each once with every outlet reporting it.

    With topic terms, only sentences using one of them count; with a period, only events that
    overlap it.
    """
    chosen = _on_topic(index.candidates, terms, period)
    return _events(index, sorted(merge_candidates(chosen), key=Cluster.sort_key))


def _on_topic(candidates: Iterable[Candidate], terms: set[str], period: Period | None
              ) -> list[Candidate]:
    return [c for c in candidates
            if (not terms or c.terms & terms) and (period is None or period.admits(c))]


def _events(index: NewsIndex, clusters: list[Cluster]) -> list[Event]:
    """The clusters as events, with their articles' addresses."""
    wanted = {m.doc_id for cluster in clusters for m in cluster.members}
    urls = {d.doc_id: d.url for d in index.documents if d.doc_id in wanted}
    return [_event(cluster, urls) for cluster in clusters]


def most_reported(events: list[Cluster], limit: int) -> list[Cluster]:
    """The `limit` events reported by most outlets (then most articles), kept in date order."""
    if len(events) <= limit:
        return events
    keep = heapq.nsmallest(limit, range(len(events)), key=lambda i: (
        -events[i].reach()[0], -events[i].reach()[1], FINENESS.get(events[i].precision, 9), i))
    return [events[i] for i in sorted(keep)]
