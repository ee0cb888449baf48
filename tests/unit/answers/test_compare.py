"""/compare on the seed corpus: best passage per outlet, shared facts, and each side's words."""

from __future__ import annotations

from collections import Counter

from bot.answers.answerer import Answerer
from bot.answers.compare import log_odds_words
from bot.answers.types import CompareAnswer, Notice
from bot.render import to_text
from bot.retrieval.index import NewsIndex


def _compare(answerer: Answerer, message: str) -> CompareAnswer:
    answer = answerer.answer_text(message)
    assert isinstance(answer, CompareAnswer), answer
    return answer


def test_each_outlet_shows_its_best_passage_verbatim(
    answerer: Answerer, seed_index: NewsIndex
) -> None:
    answer = _compare(answerer, "/compare Xi Jinping")
    assert len(answer.outlets) == 5
    for outlet in answer.outlets:
        passage = seed_index.passage(outlet.passage_id)
        assert outlet.text == passage.text
        assert seed_index.document(passage.doc_id).outlet == outlet.outlet
        assert "Xi" in outlet.text


def test_framing_words_set_the_slants_apart(answerer: Answerer) -> None:
    answer = _compare(answerer, "/compare Xi Jinping")
    sides = {side.label: side for side in answer.sides}
    assert set(sides) == {"critical of the Cuban government", "socialist solidarity",
                          "wire story"}
    assert "regime" in sides["critical of the Cuban government"].words
    assert set(sides["socialist solidarity"].outlets) == {"Struggle-La-Lucha.org",
                                                          "The Left Chapter"}
    text = to_text(answer)
    assert "Words that set each side apart" in text and "regime" in text


def test_blind_spots_and_shared_facts(answerer: Answerer, seed_index: NewsIndex) -> None:
    blockade = _compare(answerer, "/compare blockade")
    assert set(blockade.not_covered_by) == {"ExBulletin", "Notes from the Cuban Exile Quarter"}
    relations = _compare(answerer, "/compare Cuba China relations")
    assert relations.shared
    for fact in relations.shared:
        first, second = fact.sources
        assert first.outlet != second.outlet
        for source in fact.sources:
            assert source.sentence in seed_index.passage(source.passage_id).text


def test_compare_needs_a_topic(answerer: Answerer) -> None:
    answer = answerer.answer_text("/compare")
    assert isinstance(answer, Notice) and answer.kind == "usage"


def test_log_odds_pick_the_words_a_side_says_more_often() -> None:
    counts = {
        "left": Counter({"solidarity": 12, "comrades": 8, "china": 20, "cuba": 20}),
        "right": Counter({"regime": 12, "dictatorship": 8, "china": 20, "cuba": 20}),
    }
    background = {"solidarity": 5.0, "comrades": 3.0, "regime": 5.0, "dictatorship": 3.0,
                  "china": 50.0, "cuba": 50.0}
    words = log_odds_words(counts, background)
    assert words["left"] == ["solidarity", "comrades"]
    assert words["right"] == ["regime", "dictatorship"]
