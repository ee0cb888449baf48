"""/compare on the seed corpus: best passage per outlet, shared facts, and each side's words;
among the chat's outlets."""

from __future__ import annotations

from collections import Counter

from bot.answers.compare import compare_answer, log_odds_words
from bot.answers.library import Library
from bot.answers.scope import EVERYTHING, Scope
from bot.answers.types import CompareAnswer, Notice
from bot.render import to_text
from bot.retrieval.index import NewsIndex


def _compare(library: Library, query: str, scope: Scope = EVERYTHING) -> CompareAnswer:
    answer = compare_answer(library, query, scope)
    assert isinstance(answer, CompareAnswer), answer
    return answer


def test_each_outlet_shows_its_best_passage_verbatim(
    library: Library, seed_index: NewsIndex
) -> None:
    answer = _compare(library, "Xi Jinping")
    assert len(answer.outlets) == 5
    for outlet in answer.outlets:
        passage = seed_index.passage(outlet.passage_id)
        assert outlet.text == passage.text
        assert seed_index.document(passage.doc_id).outlet == outlet.outlet
        assert "Xi" in outlet.text


def test_framing_words_set_the_slants_apart(library: Library) -> None:
    answer = _compare(library, "Xi Jinping")
    sides = {side.label: side for side in answer.sides}
    assert set(sides) == {"critical of the Cuban government", "socialist solidarity",
                          "wire story"}
    assert "regime" in sides["critical of the Cuban government"].words
    assert set(sides["socialist solidarity"].outlets) == {"Struggle-La-Lucha.org",
                                                          "The Left Chapter"}
    text = to_text(answer)
    assert "Words that set each side apart" in text and "regime" in text


def test_blind_spots_and_shared_facts(library: Library, seed_index: NewsIndex) -> None:
    blockade = _compare(library, "blockade")
    assert set(blockade.not_covered_by) == {"ExBulletin", "Notes from the Cuban Exile Quarter"}
    relations = _compare(library, "Cuba China relations")
    assert relations.shared
    for fact in relations.shared:
        first, second = fact.sources
        assert first.outlet != second.outlet
        for source in fact.sources:
            assert source.sentence in seed_index.passage(source.passage_id).text


def test_weak_evidence_is_said_plainly_instead_of_comparing_noise(library: Library) -> None:
    answer = compare_answer(library, "qwertyuiop Cuba")
    assert isinstance(answer, Notice) and answer.kind == "weak_evidence", answer
    assert "hardly covers" in answer.message and "“qwertyuiop”" in answer.message
    assert answer.suggestions


def test_only_the_chats_outlets_are_compared_or_named_as_blind_spots(library: Library) -> None:
    scope = Scope(frozenset({"CiberCuba", "ExBulletin"}))
    answer = _compare(library, "blockade", scope)
    assert {o.outlet for o in answer.outlets} == {"Struggle-La-Lucha.org", "The Left Chapter"}
    assert answer.not_covered_by == ["Notes from the Cuban Exile Quarter"]
    assert all(s.outlet not in scope.excluded for f in answer.shared for s in f.sources)
    assert all(not set(side.outlets) & scope.excluded for side in answer.sides)


def test_one_outlet_left_says_there_is_nothing_to_compare_it_with(library: Library) -> None:
    answer = _compare(library, "Xi Jinping", Scope(frozenset(
        {"CiberCuba", "ExBulletin", "Struggle-La-Lucha.org", "The Left Chapter"})))
    assert [o.outlet for o in answer.outlets] == ["Notes from the Cuban Exile Quarter"]
    assert answer.notes == ["Only Notes from the Cuban Exile Quarter covers this topic: "
                            "nothing to compare it with."]
    assert not answer.sides


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
