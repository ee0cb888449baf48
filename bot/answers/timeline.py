"""/timeline: candidate events merged into events, in date order, with every outlet reporting each.

The candidates are prepared when the index is built, and all of them are merged into events
then (`bot.extract.events`); this module reads the query (topic, period, "chart"), chooses the
candidates on the topic and of the chat's outlets, and writes each event they report as an
answer item: one sentence per outlet, the most shared one leading. Which reports are one event
is decided once, on the whole corpus; a topic or a chat keeps of each event its own reports
(`bot.answers.restrict`), so an event's leading sentence, date, outlets and the count of events
are the topic's and the chat's own, and a topic costs what its reports do, not a merge (at 106k
passages, merging a broad topic's 9,000 reports took most of a second). Without a topic, the
events are all of them, and a period chooses among them, so "/timeline 2010" shows the events
of "/timeline" that fall in 2010"""

from __future__ import annotations

import calendar
import heapq
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from dateutil.parser import parserinfo

from bot.answers.balance import balance_notes
from bot.answers.library import Library
from bot.answers.notices import not_found, out_of_scope
from bot.answers.restrict import EventsOfReports, events_reported_in
from bot.answers.scope import EVERYTHING, Scope
from bot.answers.types import Answer, Event, EventSource, TimelineAnswer
from bot.commands import split_chart_word
from bot.extract.events import FINENESS, Candidate, Cluster, every_event, key_idf
from bot.extract.lexicon import MONTH_ABBREVIATIONS, MONTHS
from bot.i18n import display_date, tr
from bot.models import PartialDate, field_values
from bot.retrieval.index import NewsIndex
from bot.retrieval.store import subset
from bot.text import SPANISH, calendar_words, fold

_PARSER_INFO = parserinfo()


def timeline_answer(library: Library, query: str, scope: Scope = EVERYTHING) -> Answer:
    asked = parse_timeline_query(query)
    terms = set(library.query(asked.topic).terms)
    index = library.index
    if terms:  # the events the topic's dated sentences of the chat's outlets report
        on_topic = _on_topic_rows(index, terms, asked.period)
        outlets = field_values(subset(index.candidates, on_topic), "outlet")
        chosen = [row for row, outlet in zip(on_topic, outlets, strict=True)
                  if scope.admits(outlet)]
        dated, admitted = bool(on_topic), bool(chosen)
        grouped: Sequence[Cluster] = library.events_reported_in(chosen)
        kept = list(range(len(grouped)))
    else:  # the chat's whole corpus merged once, the period choosing among its events
        grouped = library.every_event(scope)
        kept = _in_period(grouped, asked.period)
        dated = admitted = bool(kept)
        if not kept:  # is anything dated in the period, and is it the chat's?
            found = _on_topic(index, terms, asked.period)
            dated, admitted = bool(found), any(scope.admits(c.outlet) for c in found)
    if not admitted:
        if dated:
            return out_of_scope("timeline", query)
        return not_found(library, "timeline", query,
                         "dated events" if query else "dated events at all")
    days = day_importance(grouped) if terms else {}
    shown = most_reported(grouped, kept, library.config.timeline_events, days)
    events = _events([grouped[i] for i in shown], lambda doc_ids: _urls(index, doc_ids), days)
    notes = []
    if len(kept) > len(events):
        notes.append(tr("Showing the {shown} most widely reported of {total} events.",
                        shown=len(events), total=len(kept)))
    notes += balance_notes(library, scope, query,
                           (s.outlet for e in events for s in e.sources))
    return TimelineAnswer("timeline", query, notes=notes, events=events, topic=asked.topic,
                          period=asked.period.describe() if asked.period else "",
                          chart=asked.chart, total_events=len(kept))


# --- the query: topic, period, chart ---------------------------------------------------------


@dataclass(frozen=True)
class Period:
    """Inclusive bounds as (year, month, day); either may be open."""

    start: tuple[int, int, int] | None = None
    end: tuple[int, int, int] | None = None

    def admits(self, date: PartialDate, until: PartialDate | None = None) -> bool:
        """Whether a date (or the period from `date` to `until`) overlaps this period."""
        if self.end is not None and date.sort_key() > self.end:
            return False
        last = until or date
        return self.start is None or (last.year, last.month or 12, last.day or 31) >= self.start

    def describe(self) -> str:
        """'2022', 'March 2022', '1960–1970', 'since 2020', 'before 1990'."""
        if self.start and self.end and self.start[:2] == self.end[:2] and self.start[2] == 1:
            return display_date(PartialDate(*self.start[:2]))  # one month
        if self.start and self.end:
            return f"{self.start[0]}–{self.end[0]}" if self.start[0] != self.end[0] \
                else str(self.start[0])
        if self.start:
            return tr("since {year}", year=self.start[0])
        return tr("before {year}", year=self.end[0] + 1) if self.end else ""


@dataclass(frozen=True)
class TimelineQuery:
    topic: str
    period: Period | None = None
    chart: bool = False


_YEAR = r"(1[5-9]\d\d|20\d\d)"
_SPANISH_MONTHS = calendar_words(SPANISH)[0]  # "marzo", "sept": 3, 9
_MONTH_NAMES = "|".join(sorted((*MONTHS, *MONTH_ABBREVIATIONS, *_SPANISH_MONTHS), key=len,
                               reverse=True))
# In English or Spanish: "1960-1970", "de 1960 a 1970"; "since 2020", "desde 2020"; "before
# 1990", "antes de 1990"; "the 1980s", "los años 1980"; "March 2022", "marzo de 2022"; "2022".
_IN = r"(?:in\s+|during\s+|en\s+|durante\s+)?"
_PERIOD_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(rf"(?:^|\s)(?:from\s+|between\s+|de\s+|desde\s+|entre\s+)?{_YEAR}\s*"
                rf"(?:-|–|to|and|until|a|al|y|hasta)\s*{_YEAR}\s*$", re.IGNORECASE), "range"),
    (re.compile(rf"(?:^|\s)(?:since|after|from|desde|después\s+de|tras)\s+{_YEAR}\s*$",
                re.IGNORECASE), "since"),
    (re.compile(rf"(?:^|\s)(?:before|until|till|antes\s+de|hasta)\s+{_YEAR}\s*$",
                re.IGNORECASE), "before"),
    (re.compile(r"(?:^|\s)(?:in\s+)?(?:the\s+)?(1[5-9]\d0|20\d0)['’]?s\s*$", re.IGNORECASE),
     "decade"),
    (re.compile(r"(?:^|\s)(?:en\s+)?(?:los\s+años|la\s+década\s+de)\s+(1[5-9]\d0|20\d0)\s*$",
                re.IGNORECASE), "decade"),
    (re.compile(rf"(?:^|\s){_IN}({_MONTH_NAMES})\.?\s+(?:de\s+)?{_YEAR}\s*$",
                re.IGNORECASE), "month"),
    (re.compile(rf"(?:^|\s){_IN}{_YEAR}\s*$", re.IGNORECASE), "year"),
]


def parse_timeline_query(text: str) -> TimelineQuery:
    """Split "/timeline" arguments into topic, period and the word "chart".

    "diplomatic relations 1960-1970", "since 2020", "Tiananmen before 1990", "... chart".
    "since" and "after" include the year given, "before" excludes it. A year or a month at the
    end is a period, with "in" or without: "/timeline 2022" is "/timeline in 2022".
    """
    rest = " ".join(text.split())
    rest, chart = split_chart_word(rest)
    period = None
    for pattern, kind in _PERIOD_PATTERNS:
        match = pattern.search(rest)
        if not match:
            continue
        years = [int(g) for g in match.groups() if g and g.isdigit()]
        if kind == "month":
            name = match.group(1).rstrip(".")  # a name matched, English or Spanish
            month = _PARSER_INFO.month(name) or _SPANISH_MONTHS.get(fold(name), 1)
            last = calendar.monthrange(years[0], month)[1]
            period = Period((years[0], month, 1), (years[0], month, last))
        elif kind == "range":
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


def _sources(cluster: Cluster) -> list[Candidate]:
    """The sentences an event shows: its lead sentence (the one sharing most with all the
    event's reports, `Cluster.lead`), then one sentence per other outlet, each at its own
    finest date. On Timeline17 the most shared sentence gives AR-1 0.069 where the shortest
    gave 0.061 (eval/README.md)."""
    lead = cluster.lead()
    per_outlet: dict[str, Candidate] = {lead.outlet: lead}
    for member in sorted(cluster.members, key=lambda m: (FINENESS[m.precision], len(m.sentence))):
        per_outlet.setdefault(member.outlet, member)
    return list(per_outlet.values())


def _event(cluster: Cluster, shown: list[Candidate], urls: dict[str, str],
           days: dict[PartialDate, float]) -> Event:
    """An event at the cluster's date, its lead first (`_sources`)."""
    lead = shown[0]
    sources = [
        EventSource(m.outlet, m.doc_id, m.passage_id, m.published, urls.get(m.doc_id, ""),
                    m.sentence, date_given=m.display)
        for m in shown
    ]
    return Event(
        date=cluster.date.iso(), date_display=lead.display, precision=lead.precision,
        text=lead.sentence, sources=sources,
        end=cluster.until.iso() if cluster.until else None,
        articles=cluster.reach()[1], importance=days.get(cluster.date, 0.0),
    )


def build_timeline(
    index: NewsIndex, terms: set[str], period: Period | None = None
) -> list[Event]:
    """Events in date order, each once with every outlet reporting it.

    With topic terms, only the dated sentences of articles about the topic, or using one of
    its words, count; with a period, only events that overlap it. As /timeline does: the
    events of all the dated sentences merged (the index's when it has them), each kept with
    those of its reports that count.
    """
    candidates = index.candidates
    events = getattr(index, "events", None)
    if events is None:
        events = every_event(list(candidates))
    rows = _on_topic_rows(index, terms, period)
    chosen = events_reported_in(events, candidates, EventsOfReports(events, candidates), rows,
                                key_idf(candidates))
    urls = {d.doc_id: d.url for d in index.documents}
    clusters = list(chosen)
    return _events(clusters, lambda doc_ids: {doc_id: urls.get(doc_id, "") for doc_id in doc_ids},
                   day_importance(clusters))


def _on_topic(index: NewsIndex, terms: set[str], period: Period | None) -> list[Candidate]:
    """The candidates on the topic (all, without one) in the period (`_on_topic_rows`), made
    together (a cached index makes its records when read)."""
    return list(subset(index.candidates, _on_topic_rows(index, terms, period)))


def _on_topic_rows(index: NewsIndex, terms: set[str], period: Period | None) -> list[int]:
    """The rows of the candidates on the topic (all, without one) in the period: those of an article
    holding all the topic's words, and any sentence using one of them. A sentence telling what
    happened seldom repeats the topic's name ("the virus", "the well"): keeping only those that
    do cost a third of the dates on Timeline17 (eval/README.md). Looked up in their columns:
    no candidate is made."""
    candidates = index.candidates
    kept: Iterable[int] = range(len(candidates))
    if terms:
        held = field_values(candidates, "terms")
        about = index.documents_holding(terms)
        doc_ids = field_values(candidates, "doc_id")
        starts = field_values(candidates, "sentence_start")
        pool = list({(doc_ids[i], starts[i]): i for i in kept if doc_ids[i] in about}.values())
        keys = field_values(candidates, "keys")  # of each sentence once (two dates: two rows)
        related = _related_keys([keys[i] for i in pool if not terms.isdisjoint(held[i])],
                                [keys[i] for i in pool])
        kept = [i for i in kept if not terms.isdisjoint(held[i])
                or (doc_ids[i] in about and not related.isdisjoint(keys[i]))]
    if period is not None:
        dates, untils = field_values(candidates, "date"), field_values(candidates, "until")
        kept = [i for i in kept if period.admits(dates[i], untils[i])]
    return list(kept)


# Of the words of the dated sentences naming a topic, how many may say what it is about
# ("H1N1": "swine", "flu"); in how many of those sentences each must be at least, and how much
# more often than in the other dated sentences of the articles naming it.
RELATED_TERMS = 10
RELATED_LEAST = 2
RELATED_LIFT = 1.2


def _related_keys(naming: Sequence[frozenset[str]], pool: Sequence[frozenset[str]]
                  ) -> set[str]:
    """The words that the dated sentences naming the topic use most, and more than the other
    dated sentences of the articles naming it (pseudo-relevance feedback): a sentence of such
    an article that uses one of them is on the topic too, though it does not name it."""
    if not naming:
        return set()
    counts = Counter(k for keys in naming for k in keys)
    everywhere = Counter(k for keys in pool for k in keys if k in counts)
    lift = {k: (n / len(naming)) / (everywhere[k] / len(pool)) for k, n in counts.items()}
    chosen = [k for k, n in counts.items() if n >= RELATED_LEAST and lift[k] >= RELATED_LIFT]
    return set(sorted(chosen, key=lambda k: (-counts[k], k))[:RELATED_TERMS])


def _in_period(events: Sequence[Cluster], period: Period | None) -> list[int]:
    """The positions of the events that overlap the period (all, without one)."""
    if period is None:
        return list(range(len(events)))
    dates, untils = field_values(events, "date"), field_values(events, "until")
    return [i for i in range(len(events)) if period.admits(dates[i], untils[i])]


def _events(clusters: list[Cluster], urls_of: Callable[[list[str]], dict[str, str]],
            days: dict[PartialDate, float]) -> list[Event]:
    """The clusters as events, with the addresses of the articles shown (a large event has
    thousands of reports, but one sentence per outlet is shown) and their days' importance."""
    shown = [_sources(cluster) for cluster in clusters]
    urls = urls_of(list(dict.fromkeys(m.doc_id for members in shown for m in members)))
    return [_event(cluster, members, urls, days)
            for cluster, members in zip(clusters, shown, strict=True)]


# What an article published on a day adds to the day's importance, where an article giving the
# day in a sentence adds 1 (DATEWISE's date features: references and publications).
PUBLISHED_WEIGHT = 0.5


def day_importance(events: Iterable[Cluster]) -> dict[PartialDate, float]:
    """How much each day matters to a topic: the articles giving it in one of the topic's dated
    sentences, and half the articles on the topic published that day (what is reported as it
    happens and what later articles look back on). Chosen on Timeline17's tune topics over
    the sum of the day's events' articles: date F1 0.838 against 0.815 (eval/README.md)."""
    mentions: dict[PartialDate, set[str]] = {}
    published: dict[str, str] = {}
    for event in events:
        for member in event.members:
            if member.published:
                published[member.doc_id] = member.published
            if member.precision == "day":
                mentions.setdefault(member.date, set()).add(member.doc_id)
    importance = {day: float(len(doc_ids)) for day, doc_ids in mentions.items()}
    for when in published.values():
        day = PartialDate.parse_iso(when[:10])
        if day.day is not None and day in importance:
            importance[day] += PUBLISHED_WEIGHT
    return importance


def _urls(index: NewsIndex, doc_ids: list[str]) -> dict[str, str]:
    """The articles' addresses, read from their column (no article is made for them)."""
    chosen = subset(index.documents, [index.corpus.row(doc_id) for doc_id in doc_ids])
    return dict(zip(doc_ids, field_values(chosen, "url"), strict=True))


def most_reported(events: Sequence[Cluster], kept: list[int], limit: int,
                  days: dict[PartialDate, float] | None = None) -> list[int]:
    """Of the events kept (positions, in date order), the `limit` reported by most outlets
    (then most articles, then on the most important day: `day_importance`), kept in date
    order; read from the events' columns."""
    if len(kept) <= limit:
        return kept
    reaches = field_values(events, "_reach")
    kinds, dates = field_values(events, "kind"), field_values(events, "date")
    days = days or {}

    def rank(i: int) -> tuple[int, int, float, int, int]:
        outlets, articles = reaches[i] or events[i].reach()
        return (-outlets, -articles, -days.get(dates[i], 0.0),
                FINENESS.get(kinds[i] or dates[i].precision, 9), i)

    return sorted(heapq.nsmallest(limit, kept, key=rank))
