"""Candidate events: which dated sentences report something, and which reports are one event."""

from __future__ import annotations

from pathlib import Path

from bot.corpus.documents import parse_document
from bot.corpus.metadata import SourceMeta
from bot.extract.dates import extract_date_mentions
from bot.extract.events import Candidate, candidate_events, merge_candidates
from bot.models import Document, PartialDate
from bot.text import content_keys

PUBLISHED = PartialDate(2021, 6, 4)


def article(name: str, text: str) -> Document:
    meta = SourceMeta(outlet=name.title(), date=PUBLISHED)
    return parse_document(Path(f"{name}.txt"), text, meta)


def candidates(document: Document) -> list[Candidate]:
    return candidate_events(document, extract_date_mentions(document))


def test_each_dated_sentence_is_a_candidate_under_each_date() -> None:
    found = candidates(article("a", "The bridge opened on March 14, 1998, and closed in 2019."))
    assert [(c.date.iso(), c.sentence_start) for c in found] == [("1998-03-14", 0), ("2019", 0)]


def test_questions_and_today_report_nothing() -> None:
    found = candidates(article("a", "What did the council decide in 2019? Today, the festival "
                                    "fills the whole town. The council voted in 2018."))
    assert [c.date.iso() for c in found] == ["2018"]


def test_since_marks_a_starting_point() -> None:
    [found] = candidates(article("a", "The ferry has run every day since 1998."))
    assert found.since


def test_the_words_near_a_date_say_what_happened_then() -> None:
    [first, second] = candidates(article(
        "a", "The museum opened in 1998 with twelve rooms of paintings, and long after that, "
             "in a quiet ceremony with the mayor and the whole city council, the garden was "
             "finally finished in 2004."))
    museum, garden = content_keys("museum"), content_keys("garden")
    assert museum <= first.near and not garden & first.near
    assert garden <= second.near and not museum & second.near
    assert museum <= second.keys  # the whole sentence's content words


def test_date_and_speech_words_are_not_what_happened() -> None:
    found = candidates(article("a", "Last year, in March, the mayor said the pool reopened on "
                                    "a Friday."))
    assert len(found) == 3
    assert {c.keys for c in found} == {content_keys("the mayor the pool reopened")}


def test_a_coarser_report_joins_the_finer_one_with_the_same_words() -> None:
    fine = article("gazette", "The old lighthouse reopened to visitors on March 14, 1998.")
    coarse = article("herald", "Visitors returned to the old lighthouse when it reopened in "
                               "1998.")
    other = article("courier", "The city elected a new mayor in 1998.")
    events = merge_candidates([c for d in (fine, coarse, other) for c in candidates(d)])
    grouped = sorted(sorted(m.outlet for m in e.members) for e in events)
    assert grouped == [["Courier"], ["Gazette", "Herald"]]
    lighthouse = next(e for e in events if len(e.members) == 2)
    assert lighthouse.date == PartialDate(1998, 3, 14)
