"""/sources on the seed corpus: who covers a topic, who does not, when the corpus hardly does."""

from __future__ import annotations

from bot.answers.answerer import Answerer
from bot.answers.types import Notice, SearchAnswer, SourcesAnswer
from bot.render import to_text
from bot.retrieval.coverage import find_coverage, term_weights
from bot.retrieval.index import NewsIndex
from bot.text import jaccard, tokenize
from tests.conftest import SEED_OUTLETS

ALL_OUTLETS = SEED_OUTLETS


def _sources(answerer: Answerer, message: str) -> SourcesAnswer:
    answer = answerer.answer_text(message)
    assert isinstance(answer, SourcesAnswer), answer
    return answer


def test_blockade_is_covered_exactly_by_the_outlets_that_mention_it(answerer: Answerer) -> None:
    answer = _sources(answerer, "/sources blockade")
    # grep -il blockade seeds/*.txt: 001 (Struggle-La-Lucha), 002 (CiberCuba), 003 (Left Chapter)
    assert {o.outlet for o in answer.outlets} == {"Struggle-La-Lucha.org", "CiberCuba",
                                                  "The Left Chapter"}
    assert set(answer.not_covered_by) == {"ExBulletin", "Notes from the Cuban Exile Quarter"}
    for outlet in answer.outlets:
        assert outlet.summary and all("blockade" in s.lower() for s in outlet.summary)
        assert outlet.slant


def test_a_passing_mention_of_a_common_word_is_not_coverage(answerer: Answerer) -> None:
    # Every outlet says "China"; only one talks about nickel exports.
    answer = _sources(answerer, "/sources China nickel exports")
    assert [o.outlet for o in answer.outlets] == ["Struggle-La-Lucha.org"]
    assert "nickel" in " ".join(answer.outlets[0].summary)
    assert set(answer.not_covered_by) == ALL_OUTLETS - {"Struggle-La-Lucha.org"}


def test_weak_evidence_is_said_plainly_instead_of_summarizing_noise(answerer: Answerer) -> None:
    for message in ("/sources qwertyuiop Cuba", "/compare qwertyuiop Cuba"):
        answer = answerer.answer_text(message)
        assert isinstance(answer, Notice) and answer.kind == "weak_evidence", answer
        assert "hardly covers" in answer.message and "“qwertyuiop”" in answer.message
        assert answer.suggestions


def test_search_says_first_when_the_corpus_hardly_covers_the_query(answerer: Answerer) -> None:
    # Every outlet says "Cuba", none "football": the passages shown only mention Cuba.
    weak = answerer.answer_text("/search Cuba football")
    assert isinstance(weak, SearchAnswer) and weak.results
    text = to_text(weak)
    note = "The corpus hardly covers “Cuba football”: no article mentions “football”."
    assert note in text and text.index(note) < text.index("1. ")
    # The same words with a topic the corpus has: no such note.
    for message in ("/search blockade", "/search China nickel exports"):
        answer = answerer.answer_text(message)
        assert isinstance(answer, SearchAnswer) and answer.results and not answer.notes, message


def test_summary_sentences_do_not_repeat_each_other(answerer: Answerer) -> None:
    answer = _sources(answerer, "/sources regime")
    for outlet in answer.outlets:
        assert 2 <= len(outlet.summary) <= 3
        terms = [set(tokenize(s)) for s in outlet.summary]
        for i, first in enumerate(terms):
            for second in terms[i + 1:]:
                assert jaccard(first, second) <= 0.6


def test_rare_words_weigh_more_than_common_ones(seed_index: NewsIndex) -> None:
    weights = term_weights(seed_index, tokenize("China nickel qwertyuiop"))
    assert weights["china"] < weights["nickel"] < weights["qwertyuiop"]
    coverage = find_coverage(seed_index, "China nickel", 0.4)
    assert coverage.share({"china"}) < 0.1 < 0.9 < coverage.share({"nickel"})
    assert all("nickel" in h.passage.text for h in coverage.hits)
