"""What a chat that leaves outlets out sees of the answers prepared for every outlet.

Merging every dated sentence into events and grouping every quotation take seconds on a large
corpus: too long to redo at a chat's first question for its own outlets. So the index prepares
them once, for all outlets, and a chat keeps of each event (or group of one quotation) the
reports of its outlets: one none of them carries is left out; its sentences, leading sentence,
outlets, date and the count of events are the chat's own. Which reports are one event, or one
quotation, is decided on the whole corpus.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any, overload

import numpy as np

from bot.extract.events import FINENESS, Candidate, Cluster
from bot.extract.quote_groups import KIND_ORDER
from bot.extract.quotes import Quote
from bot.models import Document, PartialDate, field_values
from bot.retrieval.store import reference_rows, subset

# An event with some of its reports left out: its reports (rows of the candidates), its date,
# end, kind and reach among them.
Changed = tuple[list[int], PartialDate, PartialDate | None, str, tuple[int, int]]


class ChosenEvents(Sequence[Cluster]):
    """Some of the prepared events, in date order; those that lost reports are made when read
    (the others are the prepared ones), and their fields are read without making them."""

    def __init__(self, events: Sequence[Cluster], rows: list[int], changed: dict[int, Changed],
                 candidates: Sequence[Candidate], idf: dict[str, float]) -> None:
        self.events, self.rows, self.changed = events, rows, changed
        self.candidates, self.idf = candidates, idf
        self._made: dict[int, Cluster] = {}

    def __len__(self) -> int:
        return len(self.rows)

    @overload
    def __getitem__(self, index: int) -> Cluster: ...

    @overload
    def __getitem__(self, index: slice) -> list[Cluster]: ...

    def __getitem__(self, index: int | slice) -> Cluster | list[Cluster]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        index = range(len(self))[index]
        if index not in self.changed:
            return self.events[self.rows[index]]
        made = self._made.get(index)
        if made is None:
            members, date, until, kind, reach = self.changed[index]
            made = self._made[index] = Cluster(
                date, until, kind, list(subset(self.candidates, members)), idf=self.idf,
                _reach=reach)
        return made

    def __iter__(self) -> Iterator[Cluster]:
        return (self[i] for i in range(len(self)))

    def column(self, name: str) -> list[Any]:
        values = field_values(subset(self.events, self.rows), name)
        at = {"date": 1, "until": 2, "kind": 3, "_reach": 4}.get(name)
        for index, change in self.changed.items():
            values[index] = change[at] if at is not None else getattr(self[index], name)
        return values


def restrict_events(events: Sequence[Cluster], candidates: Sequence[Candidate],
                    outlets: frozenset[str], idf: dict[str, float]) -> ChosenEvents:
    """The events (in date order) as the chat's outlets report them."""
    outlet_of = field_values(candidates, "outlet")
    kept: list[tuple[int, list[int], bool]] = []
    for event, members in enumerate(reference_rows(events, "members", candidates)):
        mine = [m for m in members if outlet_of[m] in outlets]
        if mine:
            kept.append((event, mine, len(mine) == len(members)))
    return _chosen(events, candidates, kept, idf)


class EventsOfReports:
    """Which prepared event each report (a row of the candidates) is in, and where among its
    members: a topic's events are found from its reports without reading the other events."""

    def __init__(self, events: Sequence[Cluster], candidates: Sequence[Candidate]) -> None:
        members = reference_rows(events, "members", candidates)
        self.sizes = np.fromiter(map(len, members), dtype=np.int64, count=len(members))
        flat = np.fromiter((m for rows in members for m in rows), dtype=np.int64,
                           count=int(self.sizes.sum()))
        self.event = np.full(len(candidates), -1, dtype=np.int64)
        self.event[flat] = np.repeat(np.arange(len(members)), self.sizes)
        self.place = np.full(len(candidates), -1, dtype=np.int64)
        self.place[flat] = np.arange(len(flat))

    def grouped(self, rows: Sequence[int]) -> list[tuple[int, list[int], bool]]:
        """The events some of these reports are in, in date order: (event, its reports among
        them in the event's order, whether they are all of its reports)."""
        chosen = np.asarray(rows, dtype=np.int64)
        chosen = chosen[self.event[chosen] >= 0]
        chosen = chosen[np.argsort(self.place[chosen], kind="stable")]
        events = self.event[chosen]
        if not len(events):
            return []
        starts = np.flatnonzero(np.r_[True, events[1:] != events[:-1]]).tolist()
        ends = [*starts[1:], len(events)]
        return [(int(events[a]), chosen[a:b].tolist(), b - a == int(self.sizes[events[a]]))
                for a, b in zip(starts, ends, strict=True)]


def events_reported_in(events: Sequence[Cluster], candidates: Sequence[Candidate],
                       found: EventsOfReports, rows: Sequence[int], idf: dict[str, float]
                       ) -> ChosenEvents:
    """The events (in date order) as some of their reports tell them (a topic's, a chat's):
    which reports are one event was decided on the whole corpus; an event none of these reports
    is left out, and the others are dated, led and counted by these alone."""
    return _chosen(events, candidates, found.grouped(rows), idf)


def _chosen(events: Sequence[Cluster], candidates: Sequence[Candidate],
            kept: list[tuple[int, list[int], bool]], idf: dict[str, float]) -> ChosenEvents:
    """The events of `kept` (event, the reports kept, whether that is all of them) in date
    order, those that lost reports redated and recounted by the reports kept."""
    rows = [event for event, _, whole in kept if whole]
    partial = [(event, mine) for event, mine, whole in kept if not whole]
    if not partial:
        return ChosenEvents(events, rows, {}, candidates, idf)
    reports = subset(candidates, [m for _, mine in partial for m in mine])  # made together
    columns = {name: field_values(reports, name)
               for name in ("date", "until", "kind", "since", "doc_id", "outlet")}
    lost = subset(events, [event for event, _ in partial])
    dates, untils, kinds = (field_values(lost, name) for name in ("date", "until", "kind"))
    changes: dict[int, Changed] = {}
    redated = False
    at = 0
    for (event, mine), date, until, kind in zip(partial, dates, untils, kinds, strict=True):
        column = {name: values[at:at + len(mine)] for name, values in columns.items()}
        at += len(mine)
        reporting = [i for i in range(len(mine)) if not column["since"][i]]
        if not reporting:
            continue  # only "since" reports left: a starting point, no event of its own
        dated = [(column["date"][i], column["until"][i], column["kind"][i]) for i in reporting]
        if (date, until, kind) not in dated:  # the reports of the event's own date left out
            date, until, kind = min(dated, key=lambda d: FINENESS[d[2] or d[0].precision])
            redated = True
        reach = (len(set(column["outlet"])), len(set(column["doc_id"])))
        changes[event] = (mine, date, until, kind, reach)
    rows += changes
    if redated:  # a coarser date may come earlier: in date order again (`Cluster.sort_key`)
        chosen = subset(events, rows)
        fields = zip(*(field_values(chosen, name) for name in ("date", "until", "kind")),
                     strict=True)
        keys = {}
        for row, (date, until, kind) in zip(rows, fields, strict=True):
            if row in changes:
                _, date, until, kind, _ = changes[row]
            keys[row] = Cluster(date, until, kind, []).sort_key()
        rows.sort(key=lambda row: (keys[row], row))
    else:
        rows.sort()  # the prepared events' order
    return ChosenEvents(events, rows, {i: changes[r] for i, r in enumerate(rows) if r in changes},
                        candidates, idf)


def restrict_groups(groups: list[list[int]], quotes: Sequence[Quote],
                    documents: Sequence[Document], outlets: frozenset[str]) -> list[list[int]]:
    """The groups of quotations (positions in `quotes`) with the chat's outlets' quotations
    only, in the order shown: by kind, then by where the first of each comes."""
    outlet_of = dict(zip(field_values(documents, "doc_id"), field_values(documents, "outlet"),
                         strict=True))
    admitted = [outlet_of[p.rsplit("#", 1)[0]] in outlets
                for p in field_values(quotes, "passage_id")]
    kinds = field_values(quotes, "kind")
    kept = [mine for group in groups if (mine := [p for p in group if admitted[p]])]
    kept.sort(key=lambda group: (KIND_ORDER[kinds[group[0]]], group[0]))
    return kept
