"""Coverage: which passages are about a query, by the share of its words they hold.

Coverage is defined by the query's words, not by any BM25 score above zero: a passage covers a
topic when the query words it contains carry at least `min_share` of the query's idf weight. So a
passage that says "China" once does not cover "China's nickel exports" (it holds the commonest
word of three), while every passage naming "nickel" does. When no passage reaches the share, the
evidence is weak, and the answers say so instead of summarizing passing mentions.

A query word is a group of terms (its English and Spanish terms, or an alias's wordings: see
query.py); a passage holding any term of a group holds the word, which weighs as its commonest
term in the corpus, so a Spanish passage saying "bloqueo" holds "blockade ~ bloqueo" in full.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass, field

import numpy as np

from bot.retrieval.index import Hit, NewsIndex
from bot.retrieval.query import Query, analyse_query
from bot.retrieval.store import subset


@dataclass
class Coverage:
    """The passages that cover a query, best first, and how the query's words fared."""

    query: str
    weights: dict[str, float]  # idf of each distinct query term
    # The query's words as groups of terms, and what each weighs (see `group_weights`).
    groups: list[tuple[frozenset[str], float]] = field(default_factory=list)
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
        total = sum(w for _, w in self.groups)
        held = sum(w for group, w in self.groups if not group.isdisjoint(terms))
        return held / total if total else 0.0


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


def group_weights(index: NewsIndex, groups: Collection[frozenset[str]],
                  weights: dict[str, float]) -> list[tuple[frozenset[str], float]]:
    """Each group with its weight: that of its commonest term the corpus holds (the wording the
    articles use), else of its terms, none of which any passage holds."""
    weighed = []
    for group in groups:
        held = [weights[t] for t in group if index.postings.document_frequency(t)]
        weighed.append((group, min(held) if held else max(weights[t] for t in group)))
    return weighed


def find_coverage(
    index: NewsIndex, query: str | Query, min_share: float,
    outlets: Collection[str] | None = None,
) -> Coverage:
    """The passages (of `outlets`, default all) holding at least `min_share` of the query.

    The weights are the whole corpus's, so a topic weighs the same whichever outlets a chat reads.
    """
    asked = query if isinstance(query, Query) else analyse_query(query)
    terms = asked.terms
    weights = term_weights(index, terms)
    considered = [o for o in index.outlets if outlets is None or o in outlets]
    groups = list(dict.fromkeys(frozenset(group) for group in asked.groups))
    coverage = Coverage(asked.text, weights, group_weights(index, groups, weights),
                        outlets=considered)
    postings = index.postings
    total = sum(w for _, w in coverage.groups)
    if not total:
        return coverage
    mask = index.mask(considered)
    share = np.zeros(postings.size)
    for group, weight in coverage.groups:
        held = [ids for t in group if len(ids := postings.passages_with(t))]
        if held:
            share[held[0] if len(held) == 1 else np.unique(np.concatenate(held))] += weight / total
    for term in weights:
        ids = postings.passages_with(term)
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

