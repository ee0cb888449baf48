"""Sentence terms of passages appended later are those of all the passages read together."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.retrieval.sentence_terms import SentenceTerms

_PASSAGES = st.lists(st.lists(st.lists(st.sampled_from(list("abcdefg")), max_size=5),
                              max_size=4), max_size=12)


@settings(max_examples=40, deadline=None)
@given(_PASSAGES, st.data())
def test_appended_passages_are_read_as_all_together(passages, data) -> None:  # type: ignore[no-untyped-def]
    cut = data.draw(st.integers(0, len(passages)))
    grown = SentenceTerms.from_terms(passages[:cut]).extended(passages[cut:])
    whole = SentenceTerms.from_terms(passages)
    assert grown.vocabulary == whole.vocabulary
    for name in ("terms", "sentences", "passages"):
        assert np.array_equal(getattr(grown, name), getattr(whole, name)), name
    for number, passage in enumerate(passages):
        assert grown.of(number) == [frozenset(s) for s in passage]
