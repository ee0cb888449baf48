"""Our postings must give exactly rank-bm25's BM25Okapi scores and ranking, only faster."""

import random

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from rank_bm25 import BM25Okapi

from bot.retrieval.bm25 import UNION_SORTED, BM25Postings, _union_places
from bot.retrieval.index import NewsIndex, passage_terms
from bot.text import query_terms


def _random_corpus(seed: int, passages: int = 600) -> tuple[list[list[str]], list[str]]:
    rng = random.Random(seed)
    vocabulary = [f"w{i}" for i in range(400)]
    docs = [
        [rng.choice(vocabulary[: rng.randint(3, 400)]) for _ in range(rng.randint(0, 50))]
        for _ in range(passages)
    ]
    return docs, vocabulary


def _reference_top(
    scores: np.ndarray, k: int, touched: np.ndarray | None = None,
    allowed: np.ndarray | None = None,
) -> list[int]:
    """Rank every passage by get_scores: best first, ties to the lower index.

    Only passages a query term occurs in can be hits (`touched`; by default those scoring
    other than zero) and, with a mask, only allowed ones.
    """
    eligible = scores != 0 if touched is None else touched
    if allowed is not None:
        eligible = eligible & allowed
    return sorted(np.flatnonzero(eligible).tolist(), key=lambda i: (-scores[i], i))[:k]


def _dense(postings: BM25Postings, query: list[str]) -> tuple[np.ndarray, np.ndarray]:
    indices, values = postings.scores(query)
    dense, touched = np.zeros(postings.size), np.zeros(postings.size, bool)
    dense[indices], touched[indices] = values, True
    return dense, touched


def test_scores_equal_get_scores_on_random_queries_with_repeated_and_unknown_terms() -> None:
    docs, vocabulary = _random_corpus(7)
    model = BM25Okapi(docs)
    postings = BM25Postings.build(docs)
    rng = random.Random(8)
    for _ in range(300):
        query = [rng.choice([*vocabulary, "unknown-term"]) for _ in range(rng.randint(1, 6))]
        query += query[: rng.randint(0, 2)]  # repeated terms count again
        expected = model.get_scores(query)
        dense, _ = _dense(postings, query)
        np.testing.assert_array_equal(dense, expected)  # same arithmetic, same order: same bits
        top = postings.top(query, 10)
        assert [t.index for t in top] == _reference_top(expected, 10)
        assert [t.score for t in top] == [expected[i] for i in _reference_top(expected, 10)]


def test_idf_is_bm25okapis_including_the_epsilon_floor_for_common_terms() -> None:
    for seed in range(5):
        docs, _ = _random_corpus(seed, passages=40)
        docs = [[*doc, "everywhere"] if i % 4 else doc for i, doc in enumerate(docs)]
        model = BM25Okapi(docs, epsilon=0.3)
        postings = BM25Postings.build(docs, epsilon=0.3)
        assert dict(zip(postings.vocabulary, postings.idf.tolist(), strict=True)) == model.idf
        assert model.idf["everywhere"] == 0.3 * model.average_idf  # the floor was exercised


def test_top_k_with_and_without_masks_is_the_full_ranking() -> None:
    """Small blocks make the pruning work on a small corpus; it must never change the answer."""
    docs, vocabulary = _random_corpus(11, passages=2000)
    docs = [[*doc, "common"] if i % 3 else doc for i, doc in enumerate(docs)]
    model = BM25Okapi(docs)
    postings = BM25Postings.build(docs, block_size=8)
    rng = random.Random(12)
    pruned = 0
    for _ in range(300):
        query = [rng.choice(vocabulary[:60]) for _ in range(rng.randint(1, 4))]
        query += ["common"] * rng.randint(0, 2)
        k = rng.randint(1, 50)
        allowed = None if rng.random() < 0.5 else np.array(
            [rng.random() < rng.choice([0.1, 0.5, 0.9]) for _ in docs])
        expected = model.get_scores(query)
        _, touched = _dense(postings, query)
        reference = _reference_top(expected, k, touched, allowed)
        top = postings.top(query, k, allowed=allowed)
        assert [t.index for t in top] == reference
        assert [t.score for t in top] == [expected[i] for i in reference]
        candidates = postings._candidates(postings._rows(query), k, allowed)
        pruned += candidates is not None and len(candidates) < touched.sum()
    assert pruned > 100  # many of these rankings skipped passages, yet came out the same


def test_a_union_keeps_where_each_part_went_whether_sorted_or_searched() -> None:
    rng = np.random.default_rng(5)
    for size in (50, UNION_SORTED):  # below the threshold: searched; above: one argsort
        parts = [np.unique(rng.integers(0, 3 * size, size)).astype(np.int32) for _ in range(3)]
        found, places = _union_places(parts[0], parts[1:])
        assert found.tolist() == sorted(set(np.concatenate(parts).tolist()))
        for part, where in zip(parts[1:], places, strict=True):
            assert found[where].tolist() == part.tolist()


_words = st.sampled_from(["a", "b", "c", "d", "e", "f", "g", "h"])


@settings(max_examples=150, deadline=None)
@given(
    docs=st.lists(st.lists(_words, max_size=12), min_size=1, max_size=60),
    query=st.lists(st.one_of(_words, st.just("unseen")), min_size=1, max_size=6),
    k=st.integers(1, 50),
    block_size=st.sampled_from([1, 2, 3, 128]),
    mask_seed=st.one_of(st.none(), st.integers(0, 2**32 - 1)),
)
def test_any_corpus_and_query_rank_as_get_scores(
    docs: list[list[str]], query: list[str], k: int, block_size: int, mask_seed: int | None
) -> None:
    postings = BM25Postings.build(docs, block_size=block_size)
    allowed = None if mask_seed is None else np.random.default_rng(mask_seed).random(len(docs)) < .5
    top = postings.top(query, k, allowed=allowed)
    if not any(docs):
        assert top == []
        return
    expected = BM25Okapi(docs).get_scores(query)
    dense, touched = _dense(postings, query)
    np.testing.assert_array_equal(dense, expected)
    reference = _reference_top(expected, k, touched, allowed)
    assert [(t.index, t.score) for t in top] == [(i, expected[i]) for i in reference]


def test_seed_index_ranks_like_get_scores(seed_index: NewsIndex) -> None:
    tokenized = [passage_terms(p) for p in seed_index.passages]
    model = BM25Okapi(tokenized)
    for query in ["blockade", "Díaz-Canel Xi Jinping", "immigrant", "1960 relations relations"]:
        expected = model.get_scores(query_terms(query))  # in English and Spanish
        hits = seed_index.search(query, 5)
        assert [seed_index.passages.index(h.passage) for h in hits] == _reference_top(expected, 5)


def test_arrays_round_trip_to_the_same_postings() -> None:
    docs, _ = _random_corpus(3, passages=200)
    postings = BM25Postings.build(docs, k1=1.2, b=0.6, block_size=8)
    terms, arrays = postings.to_arrays()
    assert all(isinstance(a, np.ndarray) for a in arrays.values())
    again = BM25Postings.from_arrays(terms, arrays)
    model = BM25Okapi(docs, k1=1.2, b=0.6)
    for query in (["w1", "w7"], ["w300", "w2", "w2"], ["w399"]):
        assert again.top(query, 7) == postings.top(query, 7)
        dense, _ = _dense(again, query)
        np.testing.assert_array_equal(dense, model.get_scores(query))


def test_passages_with_a_term_and_its_document_frequency() -> None:
    postings = BM25Postings.build([["a", "b", "a"], ["b"], [], ["a", "c"]])
    assert postings.passages_with("a").tolist() == [0, 3]
    assert postings.document_frequency("a") == 2
    assert postings.document_frequency("b") == 2
    assert postings.passages_with("zzz").tolist() == []
    assert postings.document_frequency("zzz") == 0
    assert postings.size == 4


def test_unknown_only_query_and_empty_corpus_give_nothing() -> None:
    postings = BM25Postings.build([["a", "b"], ["b", "c"]])
    assert postings.top(["zzz"], 5) == []
    assert BM25Postings.build([]).top(["a"], 5) == []
    assert BM25Postings.build([[], []]).top(["a"], 5) == []


def test_allowed_mask_restricts_results() -> None:
    postings = BM25Postings.build([["a"], ["a", "b"], ["a", "a"]])
    mask = np.array([False, True, False])
    assert [t.index for t in postings.top(["a"], 5, allowed=mask)] == [1]


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.lists(st.sampled_from("ab cd ef gh ij kl mn op".split()), max_size=12),
             min_size=1, max_size=30),
    st.data(),
)
def test_passages_appended_score_as_bm25okapi_over_the_whole_corpus(
    passages: list[list[str]], data: st.DataObject
) -> None:
    cut = data.draw(st.integers(0, len(passages)))
    grown = BM25Postings.build(passages[:cut], 1.5, 0.75).extended(passages[cut:], 0.75)
    terms, arrays = grown.to_arrays()
    whole_terms, whole = BM25Postings.build(passages, 1.5, 0.75).to_arrays()
    assert terms == whole_terms
    for name, array in arrays.items():
        assert array.dtype == whole[name].dtype and np.array_equal(array, whole[name]), name
    if any(passages):
        okapi = BM25Okapi(passages, k1=1.5, b=0.75)
        query = data.draw(st.lists(st.sampled_from(sorted({t for p in passages for t in p})),
                                   min_size=1, max_size=3))
        indices, scores = grown.scores(query)
        expected = okapi.get_scores(query)
        assert [expected[i] for i in indices] == scores.tolist()
