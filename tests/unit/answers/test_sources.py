"""/sources on the seed corpus: who covers a topic, who does not, when the corpus hardly does;
counted over the chat's outlets."""

from __future__ import annotations

import pytest

from bot.answers.library import Library
from bot.answers.scope import EVERYTHING, Scope
from bot.answers.sources import Sentences, best_sentences, sources_answer
from bot.answers.types import Notice, SourcesAnswer
from bot.retrieval.coverage import Coverage, find_coverage
from bot.retrieval.index import Hit, NewsIndex
from bot.text import jaccard, tokenize
from tests.conftest import SEED_OUTLETS

EXILE = "Notes from the Cuban Exile Quarter"


def _sources(library: Library, query: str, scope: Scope = EVERYTHING) -> SourcesAnswer:
    answer = sources_answer(library, query, scope)
    assert isinstance(answer, SourcesAnswer), answer
    return answer


def test_sources_without_topic_lists_every_outlet(library: Library) -> None:
    answer = _sources(library, "")
    assert {o.outlet for o in answer.outlets} == SEED_OUTLETS
    assert all(1 <= len(o.summary) <= 3 for o in answer.outlets)
    left = next(o for o in answer.outlets if o.outlet == "The Left Chapter")
    assert left.slant == "socialist solidarity" and left.dates == ["2025-09-20"]


def test_sources_on_a_topic_names_the_blind_spots(library: Library) -> None:
    answer = _sources(library, "Tiananmen")
    assert [o.outlet for o in answer.outlets] == [EXILE]
    assert set(answer.not_covered_by) == SEED_OUTLETS - {EXILE}


def test_blockade_is_covered_exactly_by_the_outlets_that_mention_it(library: Library) -> None:
    answer = _sources(library, "blockade")
    # grep -il blockade seeds/*.txt: 001 (Struggle-La-Lucha), 002 (CiberCuba), 003 (Left Chapter)
    assert {o.outlet for o in answer.outlets} == {"Struggle-La-Lucha.org", "CiberCuba",
                                                  "The Left Chapter"}
    assert set(answer.not_covered_by) == {"ExBulletin", EXILE}
    for outlet in answer.outlets:
        assert outlet.summary and all("blockade" in s.lower() for s in outlet.summary)
        assert outlet.slant


def test_a_passing_mention_of_a_common_word_is_not_coverage(library: Library) -> None:
    # Every outlet says "China"; only one talks about nickel exports.
    answer = _sources(library, "China nickel exports")
    assert [o.outlet for o in answer.outlets] == ["Struggle-La-Lucha.org"]
    assert "nickel" in " ".join(answer.outlets[0].summary)
    assert set(answer.not_covered_by) == SEED_OUTLETS - {"Struggle-La-Lucha.org"}


def test_weak_evidence_is_said_plainly_instead_of_summarizing_noise(library: Library) -> None:
    answer = sources_answer(library, "qwertyuiop Cuba")
    assert isinstance(answer, Notice) and answer.kind == "weak_evidence", answer
    assert "hardly covers" in answer.message and "“qwertyuiop”" in answer.message
    assert answer.suggestions


def test_summary_sentences_do_not_repeat_each_other(library: Library) -> None:
    answer = _sources(library, "regime")
    for outlet in answer.outlets:
        assert 2 <= len(outlet.summary) <= 3
        terms = [set(tokenize(s)) for s in outlet.summary]
        for i, first in enumerate(terms):
            for second in terms[i + 1:]:
                assert jaccard(first, second) <= 0.6


def test_left_out_outlets_are_neither_summarized_nor_named_as_blind_spots(
    library: Library,
) -> None:
    scope = Scope(frozenset({"CiberCuba", EXILE}), results=3)
    answer = _sources(library, "blockade", scope)
    assert {o.outlet for o in answer.outlets} == {"Struggle-La-Lucha.org", "The Left Chapter"}
    assert answer.not_covered_by == ["ExBulletin"]
    overview = _sources(library, "", scope)
    assert {o.outlet for o in overview.outlets} == SEED_OUTLETS - {"CiberCuba", EXILE}


def test_a_topic_only_left_out_outlets_cover_points_to_settings(library: Library) -> None:
    # Only the two outlets critical of the government speak of the regime.
    answer = sources_answer(library, "regime", Scope(frozenset({"CiberCuba", EXILE})))
    assert isinstance(answer, Notice) and answer.kind == "not_found"
    assert "Nothing from the outlets this chat includes on “regime”" in answer.message
    assert "/settings" in answer.message


def test_balance_names_the_slants_with_nothing_on_the_topic(library: Library) -> None:
    answer = _sources(library, "regime", Scope(balance=True))
    assert any("Balance: nothing on this" in note and "socialist solidarity" in note
               for note in answer.notes)
    assert not _sources(library, "Xi Jinping", Scope(balance=True)).notes


def test_the_index_keeps_each_sentences_terms(seed_index: NewsIndex) -> None:
    kept = seed_index.sentence_terms
    assert kept is not None
    words = sorted({t for p in seed_index.passages for s in p.sentences
                    for t in tokenize(s.text)})[::40] + ["zzzyzx"]
    held = iter(kept.holding(range(len(seed_index.passages)), words))
    for position, passage in enumerate(seed_index.passages):
        terms = [frozenset(tokenize(s.text)) for s in passage.sentences]
        assert kept.of(position) == terms
        assert [kept.sentence(position, n) for n in range(len(terms))] == terms
        for sentence in terms:
            bits = next(held)
            assert {w for i, w in enumerate(words) if bits >> i & 1} == sentence & set(words)


def picked_by_every_sentence(hits: list[Hit], coverage: Coverage, limit: int) -> list[str]:
    """Maximal marginal relevance over every sentence at each pick, the terms tokenized then:
    how the sentences were picked before; kept here only, as the reference."""
    best = hits[0].score if hits and hits[0].score > 0 else 1.0
    candidates = []
    for rank, hit in enumerate(hits):
        for sentence in hit.passage.sentences:
            terms = set(tokenize(sentence.text))
            share = coverage.share(terms)
            if share > 0:
                candidates.append((share + 0.1 * hit.score / best, (rank, sentence.start),
                                   sentence.text, terms))
    chosen: list[tuple[str, set[str]]] = []
    while candidates and len(chosen) < limit:
        def marginal(c: tuple[float, tuple[int, int], str, set[str]]) -> float:
            redundancy = max((jaccard(c[3], seen) for _, seen in chosen), default=0.0)
            return 0.7 * c[0] - 0.3 * redundancy

        pick = max(candidates, key=lambda c: (marginal(c), -c[1][0], -c[1][1]))
        candidates.remove(pick)
        if any(jaccard(pick[3], seen) > 0.6 for _, seen in chosen):
            continue
        chosen.append((pick[2], pick[3]))
    return [text for text, _ in chosen]


@pytest.mark.parametrize("query", ["blockade", "Cuba China", "relations", "socialism",
                                   "cooperation", "Xi Jinping visit", "the revolution"])
@pytest.mark.parametrize("limit", [1, 3, 8])
def test_picking_among_the_most_relevant_picks_as_among_every_sentence(
    library: Library, query: str, limit: int
) -> None:
    coverage = find_coverage(library.index, query, library.config.coverage_min_share)
    for hits in coverage.by_outlet().values():
        picked, _ = best_sentences(hits, coverage, limit, Sentences(library.index))
        assert picked == picked_by_every_sentence(hits, coverage, limit)
