"""Each command's answer on the seed corpus, as data."""

from __future__ import annotations

import pytest

from bot.answers.answerer import Answerer
from bot.answers.types import (
    Answer,
    CompareAnswer,
    HelpAnswer,
    Notice,
    QuoteAnswer,
    SearchAnswer,
    SourcesAnswer,
    TimelineAnswer,
)
from bot.retrieval.index import NewsIndex
from tests.conftest import SEED_OUTLETS

ALL_OUTLETS = SEED_OUTLETS

MESSAGES = [
    "/search blockade", "Díaz-Canel visit to Beijing", "/search immigrants", "/timeline",
    "/timeline diplomatic relations", "/timeline blockade", "/quote", "/quote Xi",
    "/quote blockade", "/sources", "/sources blockade", "/sources regime", "/help",
    "/compare Xi Jinping", "/compare blockade", "/compare Cuba China relations",
]


def _shown_corpus_texts(answer: Answer) -> list[tuple[str, str, str]]:
    """(text, outlet, passage_id) for every piece of corpus text the answer shows."""
    shown = []
    if isinstance(answer, SearchAnswer):
        shown += [(r.text, r.outlet, r.passage_id) for r in answer.results]
    if isinstance(answer, TimelineAnswer):
        for event in answer.events:
            assert event.sources, event
            shown.append((event.text, event.sources[0].outlet, event.sources[0].passage_id))
            shown += [(s.sentence, s.outlet, s.passage_id) for s in event.sources]
    if isinstance(answer, QuoteAnswer):
        shown += [(q.text, q.outlet, q.passage_id) for q in answer.quotes]
        shown += [(q.sentence, q.outlet, q.passage_id) for q in answer.quotes]
    if isinstance(answer, SourcesAnswer):
        for outlet in answer.outlets:
            assert len(outlet.summary) == len(outlet.summary_passage_ids)
            shown += [(s, outlet.outlet, p)
                      for s, p in zip(outlet.summary, outlet.summary_passage_ids, strict=True)]
    if isinstance(answer, CompareAnswer):
        shown += [(o.text, o.outlet, o.passage_id) for o in answer.outlets]
        shown += [(s.sentence, s.outlet, s.passage_id) for f in answer.shared for s in f.sources]
    return shown


@pytest.mark.parametrize("message", MESSAGES)
def test_every_shown_sentence_is_verbatim_and_names_its_outlet(
    answerer: Answerer, seed_index: NewsIndex, message: str
) -> None:
    answer = answerer.answer_text(message)
    shown = _shown_corpus_texts(answer)
    if not isinstance(answer, (HelpAnswer, Notice)):
        assert shown, f"{message} showed nothing"
    for text, outlet, passage_id in shown:
        passage = seed_index.passage(passage_id)
        document = seed_index.document(passage.doc_id)
        assert text and text in passage.text, (message, text)
        assert outlet == document.outlet, (message, text, outlet)


def test_search_returns_ranked_passages_with_outlet_date_and_link(answerer: Answerer) -> None:
    answer = answerer.answer_text("/search blockade")
    assert isinstance(answer, SearchAnswer)
    assert [r.rank for r in answer.results] == list(range(1, len(answer.results) + 1))
    scores = [r.score for r in answer.results]
    assert scores == sorted(scores, reverse=True)
    assert all("blockade" in r.text.lower() for r in answer.results)
    cibercuba = next(r for r in answer.results if r.outlet == "CiberCuba")
    assert cibercuba.date == "2025-09-28" and cibercuba.url.startswith("https://en.cibercuba.com")


def test_accents_do_not_matter_in_queries(answerer: Answerer) -> None:
    with_accent = answerer.answer_text("Díaz-Canel")
    without = answerer.answer_text("diaz canel")
    assert isinstance(with_accent, SearchAnswer) and isinstance(without, SearchAnswer)
    assert [r.passage_id for r in with_accent.results] == [r.passage_id for r in without.results]


def test_timeline_is_in_date_order_and_names_outlets(answerer: Answerer) -> None:
    answer = answerer.answer_text("/timeline")
    assert isinstance(answer, TimelineAnswer)
    keys = [e.date for e in answer.events]
    assert keys == sorted(keys, key=lambda d: tuple(int(x) for x in d.split("-")))
    assert answer.events[0].date == "1847"  # "175 years ago", from 2022
    official = next(e for e in answer.events if e.date == "1960-09-28")
    # Four outlets report the recognition in their own words and at their own precision.
    assert {s.outlet: s.date_given for s in official.sources} == {
        "Struggle-La-Lucha.org": "28 Sep 1960", "The Left Chapter": "28 Sep 1960",
        "Notes from the Cuban Exile Quarter": "September 1960", "CiberCuba": "1960"}
    assert [e.date for e in answer.events].count("1960-09-28") == 1
    assert answer.events[-1].date_display == "28 Sep 2025"
    anniversary = next(e for e in answer.events if "65th anniversary" in e.text)
    assert anniversary.date == "2025" and [s.outlet for s in anniversary.sources] == [
        "The Left Chapter"]
    collaboration = [e for e in answer.events if e.text.startswith("Between 1960 and 1964")]
    assert [(e.date_display, e.precision, e.end) for e in collaboration] == [
        ("1960–1964", "range", "1964")]
    assert any(e.date_display == "late 1980s" for e in answer.events)
    assert all(not e.text.endswith("?") for e in answer.events)
    meeting = next(e for e in answer.events if e.date == "2022-11-25")
    assert {s.outlet for s in meeting.sources} >= {
        "ExBulletin", "Notes from the Cuban Exile Quarter"}


@pytest.mark.parametrize(
    ("message", "first", "last"),
    [
        ("/timeline 1960-1970", "1960", "1964"),
        ("/timeline since 2020", "2020-04", "2025-09-28"),
        ("/timeline before 1990", "1847", "1989"),
        ("/timeline diplomatic relations 1960–1964", "1960-09-28", "1964"),
    ],
)
def test_timeline_period_narrows_events(
    answerer: Answerer, message: str, first: str, last: str
) -> None:
    answer = answerer.answer_text(message)
    assert isinstance(answer, TimelineAnswer)
    assert (answer.events[0].date, answer.events[-1].date) == (first, last)
    assert answer.period


def test_timeline_topic_narrows_events(answerer: Answerer) -> None:
    answer = answerer.answer_text("/timeline Tiananmen")
    assert isinstance(answer, TimelineAnswer)
    assert [e.date for e in answer.events] == ["1964", "1989"]


def test_quote_finds_xi_with_speaker_and_outlet(answerer: Answerer) -> None:
    answer = answerer.answer_text("/quote Xi")
    assert isinstance(answer, QuoteAnswer)
    assert answer.quotes
    top = answer.quotes[0]
    assert "Xi" in top.speaker
    assert top.outlet in ALL_OUTLETS and top.date


def test_sources_without_topic_lists_every_outlet(answerer: Answerer) -> None:
    answer = answerer.answer_text("/sources")
    assert isinstance(answer, SourcesAnswer)
    assert {o.outlet for o in answer.outlets} == ALL_OUTLETS
    assert all(1 <= len(o.summary) <= 3 for o in answer.outlets)


def test_sources_on_a_topic_names_the_blind_spots(answerer: Answerer) -> None:
    answer = answerer.answer_text("/sources Tiananmen")
    assert isinstance(answer, SourcesAnswer)
    assert [o.outlet for o in answer.outlets] == ["Notes from the Cuban Exile Quarter"]
    assert set(answer.not_covered_by) == ALL_OUTLETS - {"Notes from the Cuban Exile Quarter"}


@pytest.mark.parametrize("command", ["/search", "/search   "])
def test_command_needing_a_topic_gets_usage_with_an_example(
    answerer: Answerer, command: str
) -> None:
    answer = answerer.answer_text(command)
    assert isinstance(answer, Notice) and answer.kind == "usage"
    assert "/search <words>" in answer.message
    assert answer.suggestions and answer.suggestions[0].startswith("/search ")


@pytest.mark.parametrize("message", ["/search zzzyzx", "🙂🙂", "中国 古巴", "/quote qwertyuiop",
                                     "/timeline qwertyuiop", "/sources qwertyuiop"])
def test_nothing_found_says_so_and_suggests_a_query_that_works(
    answerer: Answerer, message: str
) -> None:
    answer = answerer.answer_text(message)
    assert isinstance(answer, Notice) and answer.kind == "not_found"
    assert answer.suggestions
    for suggestion in answer.suggestions:
        retry = answerer.answer_text(suggestion)
        assert not isinstance(retry, Notice), suggestion


def test_a_4000_character_message_is_answered_and_the_answer_says_it_was_shortened(
    answerer: Answerer,
) -> None:
    answer = answerer.answer_text("/search " + "blockade " * 500)
    assert isinstance(answer, SearchAnswer) and answer.results
    assert "first" in answer.notes[0]


def test_unknown_command_points_to_help(answerer: Answerer) -> None:
    answer = answerer.answer_text("/frobnicate")
    assert isinstance(answer, Notice) and "/help" in answer.message


def test_help_describes_corpus_and_commands_with_working_examples(answerer: Answerer) -> None:
    answer = answerer.answer_text("/help")
    assert isinstance(answer, HelpAnswer)
    assert {o.outlet for o in answer.corpus} == ALL_OUTLETS
    assert answer.documents == 5
    for command in ("search", "timeline", "quote", "sources"):
        example = answer.examples[command]
        assert not isinstance(answerer.answer(command, example), Notice), (command, example)


def test_json_has_the_stable_fields(answerer: Answerer) -> None:
    search = answerer.answer_text("/search blockade").to_json()
    assert set(search["results"][0]) >= {"rank", "score", "outlet", "doc_id", "date", "url",
                                          "passage_id", "text"}
    timeline = answerer.answer_text("/timeline").to_json()
    assert set(timeline["events"][0]) >= {"date", "text", "sources"}
    assert set(timeline["events"][0]) >= {"date", "date_display", "precision", "end"}
    assert set(timeline["events"][0]["sources"][0]) >= {"outlet", "doc_id", "passage_id",
                                                        "sentence", "date_given"}
    quote = answerer.answer_text("/quote").to_json()
    assert set(quote["quotes"][0]) >= {"text", "speaker", "outlet", "doc_id", "date", "passage_id"}
    sources = answerer.answer_text("/sources").to_json()
    assert set(sources["outlets"][0]) >= {"outlet", "doc_ids", "passages", "summary"}
    assert all(a["command"] and "query" in a for a in (search, timeline, quote, sources))
