"""A chat that leaves outlets out: of every prepared event and group of one quotation, it keeps
its own outlets' reports, dated and led by them."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pytest

from bot.answers.restrict import (
    EventsOfReports,
    events_reported_in,
    restrict_events,
    restrict_groups,
)
from bot.config import CorpusConfig, IndexConfig
from bot.extract.events import FINENESS, Cluster, every_event, key_idf
from bot.extract.quote_groups import KIND_ORDER
from bot.models import field_values
from bot.retrieval.cache import load_or_build
from tests.conftest import SEEDS
from tests.unit.extract.test_events import generated

CHAT = frozenset({"Gazette", "Herald"})


def _precision(date: object, kind: str) -> int:
    return FINENESS[kind or date.precision]  # type: ignore[attr-defined]


@pytest.mark.parametrize("seed", range(12))
def test_each_event_keeps_the_chats_reports_dated_and_led_by_them(seed: int) -> None:
    candidates = generated(seed)
    events = every_event(candidates)
    chosen = restrict_events(events, candidates, CHAT, key_idf(candidates))
    mine = [[m for m in e.members if m.outlet in CHAT] for e in events]
    expected = [m for m in mine if any(not c.since for c in m)]
    made = list(chosen)
    assert sorted(id(c) for e in made for c in e.members) == sorted(
        id(c) for m in expected for c in m)
    for event in made:
        members = event.members
        assert members and {m.outlet for m in members} <= CHAT
        dated = [(m.date, m.until, m.kind) for m in members if not m.since]
        assert (event.date, event.until, event.kind) in dated
        assert _precision(event.date, event.kind) == min(_precision(d, k) for d, _, k in dated)
        assert event.reach() == (len({m.outlet for m in members}), len({m.doc_id for m in members}))
        assert event.lead() in members
    keys = [e.sort_key() for e in made]
    assert keys == sorted(keys)
    for name in ("date", "until", "kind", "_reach"):
        assert field_values(chosen, name) == [getattr(e, name) for e in made]


def _shown(events: Iterable[Cluster]) -> list[tuple[object, ...]]:
    return [(e.date, e.until, e.kind, e.reach(), e.lead().sentence,
             [(m.doc_id, m.sentence_start, m.date) for m in e.members]) for e in events]


@pytest.mark.parametrize("seed", range(6))
def test_the_events_some_reports_tell_are_the_chats_when_those_are_its_outlets(
    seed: int,
) -> None:
    """A topic's events are found from its reports alone: given every report of the chat's
    outlets, the same events, dated, led and counted alike, as leaving the others out."""
    candidates = generated(seed)
    events = every_event(candidates)
    idf = key_idf(candidates)
    found = EventsOfReports(events, candidates)
    mine = [row for row, c in enumerate(candidates) if c.outlet in CHAT]
    assert _shown(events_reported_in(events, candidates, found, mine, idf)) == _shown(
        restrict_events(events, candidates, CHAT, idf))
    every = events_reported_in(events, candidates, found, range(len(candidates)), idf)
    assert _shown(every) == _shown(events)
    assert list(events_reported_in(events, candidates, found, [], idf)) == []


def test_an_event_whose_own_date_only_left_out_outlets_gave_takes_the_chats_date() -> None:
    redated = 0
    for seed in range(12):
        candidates = generated(seed)
        events = every_event(candidates)
        event_of = {id(m): e for e in events for m in e.members}
        for event in restrict_events(events, candidates, CHAT, key_idf(candidates)):
            whole = event_of[id(event.members[0])]
            assert all(event_of[id(m)] is whole for m in event.members)
            redated += (whole.date, whole.kind) != (event.date, event.kind)
    assert redated  # the case happens in these corpora, so the test above covers it


def test_a_stored_index_restricts_as_the_built_one(tmp_path: Path) -> None:
    built, _ = load_or_build(SEEDS, CorpusConfig(), IndexConfig(tmp_path))
    loaded, cached = load_or_build(SEEDS, CorpusConfig(), IndexConfig(tmp_path))
    assert cached and built.events is not None and loaded.events is not None
    chat = frozenset(o for o in built.outlets if o != "CiberCuba")
    one, other = (restrict_events(index.events, index.candidates, chat, key_idf(index.candidates))
                  for index in (built, loaded))
    assert [(e.date, e.lead().sentence, [m.sentence for m in e.members]) for e in one] == [
        (e.date, e.lead().sentence, [m.sentence for m in e.members]) for e in other]
    groups = restrict_groups(built.quote_groups or [], built.quotes, built.documents, chat)
    assert groups == restrict_groups(loaded.quote_groups or [], loaded.quotes, loaded.documents,
                                     chat)
    outlets = {q.passage_id: built.outlet_of(q.passage_id) for q in built.quotes}
    assert groups and all(outlets[built.quotes[p].passage_id] in chat for g in groups for p in g)
    firsts = [(KIND_ORDER[built.quotes[g[0]].kind], g[0]) for g in groups]
    assert firsts == sorted(firsts)


def test_an_outlet_left_out_leaves_only_the_events_others_report(tmp_path: Path) -> None:
    index, _ = load_or_build(SEEDS, CorpusConfig(), IndexConfig(tmp_path))
    assert index.events is not None
    alone = frozenset({"CiberCuba"})
    chosen = restrict_events(index.events, index.candidates, alone, key_idf(index.candidates))
    assert len(chosen) < len(index.events)
    assert all(m.outlet == "CiberCuba" for e in chosen for m in e.members)
    assert all(isinstance(e, Cluster) for e in chosen)
