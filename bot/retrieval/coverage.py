"""Coverage: which passages are about a query, by the share of its words they hold.

Coverage is defined by the query's words, not by any BM25 score above zero: a passage covers a
topic when the query words it contains carry at least `min_share` of the query's idf weight. So a
passage that says "China" once does not cover "China's nickel exports" (it holds the commonest
word of three), while every passage naming "nickel" does. When no passage reaches the share, the
evidence is weak, and the answers say so instead of summarizing passing mentions.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass, field

import numpy as np

from bot.retrieval.index import Hit, NewsIndex
from bot.retrieval.store import subset
from bot.text import tokenize


@dataclass
class Coverage:
    """The passages that cover a query, best first, and how the query's words fared."""

    query: str
    weights: dict[str, float]  # idf of each distinct query term
    hits: list[Hit] = field(default_factory=list)  # covering passages, best BM25 score first
    found_terms: set[str] = field(default_factory=set)  # query terms some passage considered holds
    outlets: list[str] = field(default_factory=list)  # the outlets considered, corpus order

    @property
    def touched(self) -> bool:
        """Some passage holds some query word (else: nothing found at all)."""
        return bool(self.found_terms)

    def by_outlet(self) -> dict[str, list[Hit]]:
        grouped: dict[str, list[Hit]] = defaultdict(list)
        for hit in self.hits:
            grouped[hit.document.outlet].append(hit)
        return dict(grouped)

    def share(self, terms: Collection[str]) -> float:
        """The share of the query's idf weight that a set of terms holds."""
        total = sum(self.weights.values())
        return sum(w for t, w in self.weights.items() if t in terms) / total if total else 0.0


def term_weights(index: NewsIndex, terms: list[str]) -> dict[str, float]:
    """Non-negative idf of each distinct term; a term in no passage weighs most of all.

    rank-bm25's idf floors common words at a small epsilon, which is fine for ranking but makes
    shares jumpy; this is the BM25 idf of Lucene, log(1 + (N - df + 0.5) / (df + 0.5)).
    """
    postings = index.postings
    weights = {}
    for term in dict.fromkeys(terms):
        df = postings.document_frequency(term)
        weights[term] = math.log(1 + (postings.size - df + 0.5) / (df + 0.5))
    return weights


def find_coverage(
    index: NewsIndex, query: str, min_share: float, outlets: Collection[str] | None = None
) -> Coverage:
    """The passages (of `outlets`, default all) holding at least `min_share` of the query.

    The weights are the whole corpus's, so a topic weighs the same whichever outlets a chat reads.
    """
    terms = tokenize(query)
    weights = term_weights(index, terms)
    considered = [o for o in index.outlets if outlets is None or o in outlets]
    coverage = Coverage(query, weights, outlets=considered)
    postings = index.postings
    total = sum(weights.values())
    if not total:
        return coverage
    mask = index.mask(considered)
    share = np.zeros(postings.size)
    for term, weight in weights.items():
        ids = postings.passages_with(term)
        share[ids] += weight / total
        if len(ids) and (mask is None or mask[ids].any()):
            coverage.found_terms.add(term)
    indices, scores = postings.scores(terms)
    if mask is not None:
        keep = mask[indices]
        indices, scores = indices[keep], scores[keep]
    covering = [(-score, position) for position, score in
                zip(indices.tolist(), scores.tolist(), strict=True)
                if share[position] >= min_share - 1e-9]
    covering.sort()
    # made together: an index loaded from the cache makes its records when first read
    passages = list(subset(index.passages, [position for _, position in covering]))
    rows = [index.corpus.row(passage.doc_id) for passage in passages]
    documents = list(subset(index.documents, rows))
    coverage.hits = [Hit(passage, document, -score) for passage, document, (score, _) in
                     zip(passages, documents, covering, strict=True)]
    return coverage

