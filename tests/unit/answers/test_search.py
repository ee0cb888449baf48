"""/search on the seed corpus: ranked passages, and the chat's outlets ranked alone."""

from __future__ import annotations

from bot.answers.library import Library
from bot.answers.scope import EVERYTHING, Scope
from bot.answers.search import search_answer
from bot.answers.types import Notice, SearchAnswer
from bot.render import to_text

EXILE = "Notes from the Cuban Exile Quarter"
EVERY_SLANT = {"wire story", "socialist solidarity", "critical of the Cuban government"}


def _search(library: Library, query: str, scope: Scope = EVERYTHING) -> SearchAnswer:
    answer = search_answer(library, query, scope)
    assert isinstance(answer, SearchAnswer), answer
    return answer


def test_search_returns_ranked_passages_with_outlet_date_and_link(library: Library) -> None:
    answer = _search(library, "blockade")
    assert [r.rank for r in answer.results] == list(range(1, len(answer.results) + 1))
    scores = [r.score for r in answer.results]
    assert scores == sorted(scores, reverse=True)
    assert all("blockade" in r.text.lower() for r in answer.results)
    cibercuba = next(r for r in answer.results if r.outlet == "CiberCuba")
    assert cibercuba.date == "2025-09-28" and cibercuba.url.startswith("https://en.cibercuba.com")


def test_accents_do_not_matter_in_queries(library: Library) -> None:
    with_accent = _search(library, "Díaz-Canel")
    without = _search(library, "diaz canel")
    assert [r.passage_id for r in with_accent.results] == [r.passage_id for r in without.results]


def test_search_says_first_when_the_corpus_hardly_covers_the_query(library: Library) -> None:
    # Every outlet says "Cuba", none "football": the passages shown only mention Cuba.
    weak = _search(library, "Cuba football")
    assert weak.results
    text = to_text(weak)
    note = "The corpus hardly covers “Cuba football”: no article mentions “football”."
    assert note in text and text.index(note) < text.index("1. ")
    # The same words with a topic the corpus has: no such note.
    for query in ("blockade", "China nickel exports"):
        answer = _search(library, query)
        assert answer.results and not answer.notes, query


def test_excluded_outlets_and_result_count_shape_the_answer(library: Library) -> None:
    scope = Scope(frozenset({"CiberCuba", EXILE}), results=3)
    answer = _search(library, "Xi Jinping", scope)
    assert len(answer.results) == 3 and [r.rank for r in answer.results] == [1, 2, 3]
    assert not {r.outlet for r in answer.results} & {"CiberCuba", EXILE}


def test_leaving_out_the_best_outlet_still_fills_the_answer(library: Library) -> None:
    everywhere = _search(library, "China cooperation", Scope(results=10))
    best = everywhere.results[0].outlet
    answer = _search(library, "China cooperation", Scope(frozenset({best}), results=10))
    assert len(answer.results) == 10 and best not in {r.outlet for r in answer.results}
    kept = [r.passage_id for r in everywhere.results if r.outlet != best]
    assert [r.passage_id for r in answer.results][:len(kept)] == kept  # same order, fewer gaps


def test_balance_mode_shows_every_slant(library: Library) -> None:
    plain = _search(library, "Xi Jinping regime", Scope(results=3))
    balanced = _search(library, "Xi Jinping regime", Scope(results=3, balance=True))
    slant = library.slant
    assert len({slant(r.outlet) for r in plain.results}) < 3  # one side fills the answer ...
    assert {slant(r.outlet) for r in balanced.results} == EVERY_SLANT  # ... unless balance is on
    assert [r.rank for r in balanced.results] == [1, 2, 3]
    scores = [r.score for r in balanced.results]
    assert scores == sorted(scores, reverse=True)
    assert balanced.results[0].passage_id == plain.results[0].passage_id  # the best stays first
    assert not balanced.notes


def test_balance_says_which_slant_has_nothing(library: Library) -> None:
    # Only the outlets critical of the government write "regime".
    answer = _search(library, "regime", Scope(balance=True))
    assert {library.slant(r.outlet) for r in answer.results} == {
        "critical of the Cuban government"}
    [note] = answer.notes
    assert note.startswith("Balance: nothing on this from outlets of slant")
    assert "“wire story”" in note and "“socialist solidarity”" in note


def test_nothing_in_the_chats_outlets_says_so_and_points_to_settings(library: Library) -> None:
    assert {r.outlet for r in _search(library, "Tiananmen").results} == {EXILE}
    answer = search_answer(library, "Tiananmen", Scope(frozenset({EXILE})))
    assert isinstance(answer, Notice) and answer.kind == "not_found"
    assert "Nothing from the outlets this chat includes" in answer.message
    assert "/settings" in answer.message
