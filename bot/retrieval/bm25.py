"""BM25 scoring that touches only the passages a query's terms occur in.

rank-bm25's `BM25Okapi` defines the scores (its idf with the epsilon floor, its k1, b and average
length), but its `get_scores` walks every passage for every query term. Here each term's score
contribution to each passage that contains it is computed once, with the very expression
`BM25Okapi.get_scores` uses, and stored as flat arrays; a query adds up the rows of its terms.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from rank_bm25 import BM25Okapi


@dataclass(frozen=True)
class ScoredPassage:
    index: int
    score: float


class BM25Postings:
    """Per-term arrays of (passage index, BM25Okapi score contribution)."""

    def __init__(
        self,
        vocabulary: dict[str, int],
        offsets: np.ndarray,
        passage_ids: np.ndarray,
        weights: np.ndarray,
        size: int,
    ) -> None:
        self.vocabulary = vocabulary
        self.offsets = offsets
        self.passage_ids = passage_ids
        self.weights = weights
        self.size = size

    @classmethod
    def build(
        cls, tokenized: Sequence[Sequence[str]], k1: float = 1.5, b: float = 0.75,
        epsilon: float = 0.25,
    ) -> BM25Postings:
        if not tokenized or not any(tokenized):
            empty = np.zeros(0, np.int32)
            return cls({}, np.zeros(1, np.int64), empty, np.zeros(0), len(tokenized))
        model = BM25Okapi(list(tokenized), k1=k1, b=b, epsilon=epsilon)
        vocabulary = {term: row for row, term in enumerate(model.idf)}
        sizes = [len(freqs) for freqs in model.doc_freqs]
        total = sum(sizes)
        rows = np.fromiter(
            (vocabulary[t] for freqs in model.doc_freqs for t in freqs), np.int64, count=total
        )
        frequencies = np.fromiter(
            (f for freqs in model.doc_freqs for f in freqs.values()), np.int64, count=total
        )
        # Group postings by term; the stable sort keeps passages in ascending order within a term.
        order = np.argsort(rows, kind="stable")
        passage_ids = np.repeat(np.arange(len(sizes), dtype=np.int32), sizes)[order]
        term_freqs = frequencies[order]
        offsets = np.concatenate(([0], np.cumsum(np.bincount(rows, minlength=len(vocabulary)))))
        doc_len = np.array(model.doc_len)[passage_ids]
        idf = np.repeat(np.array([model.idf[t] for t in vocabulary]), np.diff(offsets))
        # The expression of BM25Okapi.get_scores, term by term, so the sums agree with it.
        weights = idf * (
            term_freqs * (model.k1 + 1)
            / (term_freqs + model.k1 * (1 - model.b + model.b * doc_len / model.avgdl))
        )
        return cls(vocabulary, offsets, passage_ids, weights, len(tokenized))

    def passages_with(self, term: str) -> np.ndarray:
        """Indices of the passages that hold the term (ascending); empty if none does."""
        row = self.vocabulary.get(term)
        if row is None:
            return self.passage_ids[:0]
        return self.passage_ids[self.offsets[row]:self.offsets[row + 1]]

    def document_frequency(self, term: str) -> int:
        """How many passages hold the term."""
        return len(self.passages_with(term))

    def scores(self, terms: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """Passage indices the terms touch (ascending) and their BM25 scores.

        Repeated query terms count again, and unknown ones add nothing, as in get_scores.
        """
        rows = [self.vocabulary[t] for t in terms if t in self.vocabulary]
        if not rows:
            return np.zeros(0, np.int32), np.zeros(0)
        accumulator = np.zeros(self.size)
        touched = []
        for row in rows:
            start, end = self.offsets[row], self.offsets[row + 1]
            ids = self.passage_ids[start:end]
            accumulator[ids] += self.weights[start:end]
            touched.append(ids)
        if len(touched) == 1:
            indices = touched[0]
        elif sum(len(ids) for ids in touched) * 16 < self.size:  # few postings: sort them
            indices = np.unique(np.concatenate(touched))
        else:  # common terms: one pass over a mask beats sorting most of the corpus
            mask = np.zeros(self.size, bool)
            for ids in touched:
                mask[ids] = True
            indices = np.flatnonzero(mask)
        return indices, accumulator[indices]

    def top(
        self, terms: Sequence[str], k: int, allowed: np.ndarray | None = None
    ) -> list[ScoredPassage]:
        """The k best passages, best first; ties go to the earlier passage.

        `allowed`, a boolean mask over passages, restricts the result (an outlet, a document).
        """
        indices, values = self.scores(terms)
        if allowed is not None and len(indices):
            keep = allowed[indices]
            indices, values = indices[keep], values[keep]
        if not len(indices) or k <= 0:
            return []
        if len(indices) > k:
            cut = np.argpartition(-values, k - 1)[:k]
            threshold = values[cut].min()
            chosen = np.flatnonzero(values >= threshold)
            indices, values = indices[chosen], values[chosen]
        order = np.lexsort((indices, -values))[:k]
        return [ScoredPassage(int(indices[i]), float(values[i])) for i in order]
