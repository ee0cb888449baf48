"""Coverage: the passages holding enough of a query's weight, of the outlets asked for."""

from __future__ import annotations

from bot.retrieval.coverage import find_coverage, term_weights
from bot.retrieval.index import NewsIndex
from bot.text import tokenize
from tests.conftest import SEED_OUTLETS


def test_rare_words_weigh_more_than_common_ones(seed_index: NewsIndex) -> None:
    weights = term_weights(seed_index, tokenize("China nickel qwertyuiop"))
    assert weights["china"] < weights["nickel"] < weights["qwertyuiop"]
    coverage = find_coverage(seed_index, "China nickel", 0.4)
    assert coverage.share({"china"}) < 0.1 < 0.9 < coverage.share({"nickel"})
    assert all("nickel" in h.passage.text for h in coverage.hits)


def test_coverage_of_some_outlets_holds_only_their_passages(seed_index: NewsIndex) -> None:
    everywhere = find_coverage(seed_index, "blockade", 0.4)
    chosen = ["CiberCuba", "ExBulletin"]
    coverage = find_coverage(seed_index, "blockade", 0.4, chosen)
    assert coverage.outlets == [o for o in seed_index.corpus.outlets() if o in chosen]
    assert {h.document.outlet for h in coverage.hits} == {"CiberCuba"}
    assert coverage.hits == [h for h in everywhere.hits if h.document.outlet == "CiberCuba"]
    assert coverage.weights == everywhere.weights  # the topic weighs the same for every chat
    assert everywhere.outlets == seed_index.corpus.outlets() and len(everywhere.outlets) == len(
        SEED_OUTLETS)


def test_found_terms_are_those_of_the_outlets_asked_for(seed_index: NewsIndex) -> None:
    [blockade] = tokenize("blockade")
    assert blockade in find_coverage(seed_index, "blockade nickel", 0.4).found_terms
    coverage = find_coverage(seed_index, "blockade nickel", 0.4, ["ExBulletin"])
    assert blockade not in coverage.found_terms and not coverage.touched
