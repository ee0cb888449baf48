"""Our postings must give exactly rank-bm25's BM25Okapi scores, only faster."""

import random

import numpy as np
from rank_bm25 import BM25Okapi

from bot.retrieval.bm25 import BM25Postings
from bot.retrieval.index import NewsIndex, passage_terms
from bot.text import tokenize


def _random_corpus(seed: int) -> tuple[list[list[str]], list[str]]:
    rng = random.Random(seed)
    vocabulary = [f"w{i}" for i in range(400)]
    docs = [
        [rng.choice(vocabulary[: rng.randint(3, 400)]) for _ in range(rng.randint(0, 50))]
        for _ in range(600)
    ]
    return docs, vocabulary


def _reference_top(scores: np.ndarray, k: int) -> list[int]:
    order = sorted(range(len(scores)), key=lambda i: (-scores[i], i))
    return [i for i in order if scores[i] != 0][:k]


def test_scores_equal_get_scores_on_random_queries_with_repeated_and_unknown_terms() -> None:
    docs, vocabulary = _random_corpus(7)
    model = BM25Okapi(docs)
    postings = BM25Postings.build(docs)
    rng = random.Random(8)
    for _ in range(300):
        query = [rng.choice([*vocabulary, "unknown-term"]) for _ in range(rng.randint(1, 6))]
        query += query[: rng.randint(0, 2)]  # repeated terms count again
        expected = model.get_scores(query)
        indices, values = postings.scores(query)
        dense = np.zeros(len(docs))
        dense[indices] = values
        np.testing.assert_allclose(dense, expected, rtol=1e-12, atol=0)
        top = postings.top(query, 10)
        assert [t.index for t in top] == _reference_top(expected, 10)
        np.testing.assert_allclose([t.score for t in top],
                                   [expected[i] for i in _reference_top(expected, 10)])


def test_seed_index_ranks_like_get_scores(seed_index: NewsIndex) -> None:
    tokenized = [passage_terms(p) for p in seed_index.passages]
    model = BM25Okapi(tokenized)
    for query in ["blockade", "Díaz-Canel Xi Jinping", "immigrant", "1960 relations relations"]:
        expected = model.get_scores(tokenize(query))
        hits = seed_index.search(query, 5)
        assert [seed_index.passages.index(h.passage) for h in hits] == _reference_top(expected, 5)


def test_unknown_only_query_and_empty_corpus_give_nothing() -> None:
    postings = BM25Postings.build([["a", "b"], ["b", "c"]])
    assert postings.top(["zzz"], 5) == []
    assert BM25Postings.build([]).top(["a"], 5) == []


def test_allowed_mask_restricts_results() -> None:
    postings = BM25Postings.build([["a"], ["a", "b"], ["a", "a"]])
    mask = np.array([False, True, False])
    assert [t.index for t in postings.top(["a"], 5, allowed=mask)] == [1]
