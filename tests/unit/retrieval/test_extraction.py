"""Tokenizing each sentence once gives the passage's terms and its sentences' terms, the same as
tokenizing the passage and each sentence apart."""

from __future__ import annotations

from itertools import pairwise

from bot.models import Passage, Sentence
from bot.retrieval.extraction import passage_terms, sentence_terms, terms_of
from bot.retrieval.index import NewsIndex


def _passage(text: str, cuts: list[int], heading: str = "") -> Passage:
    """A passage of `text` whose sentences end at `cuts`, as a splitter would give them."""
    sentences = []
    for a, b in pairwise([0, *cuts, len(text)]):
        said = text[a:b].strip()
        start = a + text[a:b].index(said)
        sentences.append(Sentence(said, start, start + len(said)))
    return Passage("d#0", "d", 0, text, 0, len(text), sentences, heading)


def test_the_seed_passages_get_the_same_terms(seed_index: NewsIndex) -> None:
    for passage in seed_index.passages:
        assert terms_of(passage) == (passage_terms(passage), sentence_terms(passage))


def test_a_sentence_cut_inside_an_abbreviation_still_gives_the_passages_terms() -> None:
    text = "The senator, D-N.M., spoke first. Then the committee's chairman U.S. envoy voted."
    cut = text.index("M.,")  # a splitter that ends a sentence at "D-N."
    for passage in (_passage(text, [cut]), _passage(text, [text.index("Then")], "Hearing day")):
        terms = terms_of(passage)
        assert terms == (passage_terms(passage), sentence_terms(passage))
    assert "nm" in terms_of(_passage(text, [cut]))[0]
