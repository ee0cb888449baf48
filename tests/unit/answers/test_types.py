"""What every answer promises: corpus text verbatim, each piece naming its own outlet, and the
JSON fields other programs read."""

from __future__ import annotations

import pytest

from bot.answers.answerer import Answerer
from bot.answers.scope import Scope
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

MESSAGES = [
    "/search blockade", "Díaz-Canel visit to Beijing", "/search immigrants", "/timeline",
    "/timeline diplomatic relations", "/timeline blockade", "/quote", "/quote Xi",
    "/quote blockade", "/quote Fidel Castro", "/sources", "/sources blockade", "/sources regime",
    "/help", "/compare Xi Jinping", "/compare blockade", "/compare Cuba China relations",
]
SCOPES = [Scope(), Scope(frozenset({"ExBulletin"}), results=3, balance=True)]


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
        shown += [(c.sentence, c.outlet, c.passage_id) for q in answer.quotes
                  for c in q.carried_by]
        shown += [(m.sentence, m.outlet, m.passage_id) for m in answer.mentions]
    if isinstance(answer, SourcesAnswer):
        for outlet in answer.outlets:
            assert len(outlet.summary) == len(outlet.summary_passage_ids)
            shown += [(s, outlet.outlet, p)
                      for s, p in zip(outlet.summary, outlet.summary_passage_ids, strict=True)]
    if isinstance(answer, CompareAnswer):
        shown += [(o.text, o.outlet, o.passage_id) for o in answer.outlets]
        shown += [(s.sentence, s.outlet, s.passage_id) for f in answer.shared for s in f.sources]
    return shown


@pytest.mark.parametrize("scope", SCOPES)
@pytest.mark.parametrize("message", MESSAGES)
def test_every_shown_sentence_is_verbatim_and_names_its_outlet(
    answerer: Answerer, seed_index: NewsIndex, message: str, scope: Scope
) -> None:
    answer = answerer.answer_text(message, scope)
    shown = _shown_corpus_texts(answer)
    if not isinstance(answer, (HelpAnswer, Notice)):
        assert shown, f"{message} showed nothing"
    for text, outlet, passage_id in shown:
        passage = seed_index.passage(passage_id)
        document = seed_index.document(passage.doc_id)
        assert text and text in passage.text, (message, text)
        assert outlet == document.outlet, (message, text, outlet)


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
