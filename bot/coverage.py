"""/sources: which outlets cover a topic, how much, and what each says in its own sentences.

Coverage is defined by the query's words, not by any BM25 score above zero: a passage covers a
topic when the query words it contains carry at least `min_share` of the query's idf weight. So a
passage that says "China" once does not cover "China's nickel exports" (it holds the commonest
word of three), while every passage naming "nickel" does. When no passage reaches the share, the
evidence is weak and the bot says so instead of summarizing passing mentions.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass, field

import numpy as np

from bot.answers import OutletSummary, SourcesAnswer
from bot.index import Hit, NewsIndex, iso_date
from bot.text import jaccard, tokenize

MMR_LAMBDA = 0.7  # relevance against novelty when picking an outlet's sentences
MAX_SIMILARITY = 0.6  # a sentence this alike (Jaccard) to one already chosen is a repeat


@dataclass
class Coverage:
    """The passages that cover a query, best first, and how the query's words fared."""

    query: str
    weights: dict[str, float]  # idf of each distinct query term
    hits: list[Hit] = field(default_factory=list)  # covering passages, best BM25 score first
    best_share: float = 0.0  # the largest share of query weight any passage holds
    found_terms: set[str] = field(default_factory=set)  # query terms some passage holds
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
    """The passages (of `outlets`, default all) holding at least `min_share` of the query."""
    terms = tokenize(query)
    weights = term_weights(index, terms)
    considered = [o for o in index.corpus.outlets() if outlets is None or o in outlets]
    coverage = Coverage(query, weights, outlets=considered)
    postings = index.postings
    total = sum(weights.values())
    if not total:
        return coverage
    share = np.zeros(postings.size)
    for term, weight in weights.items():
        ids = postings.passages_with(term)
        if len(ids):
            share[ids] += weight / total
            coverage.found_terms.add(term)
    indices, scores = postings.scores(terms)
    allowed = set(considered)
    candidates = []
    for position, score in zip(indices.tolist(), scores.tolist(), strict=True):
        passage = index.passages[position]
        document = index.document(passage.doc_id)
        if document.outlet not in allowed:
            continue
        coverage.best_share = max(coverage.best_share, float(share[position]))
        if share[position] >= min_share - 1e-9:
            candidates.append((-score, position, Hit(passage, document, score)))
    candidates.sort(key=lambda c: (c[0], c[1]))
    coverage.hits = [hit for *_, hit in candidates]
    return coverage


def sources_answer(
    index: NewsIndex, query: str, per_outlet: int, min_share: float = 0.4,
    outlets: Collection[str] | None = None,
) -> SourcesAnswer | Coverage:
    """Per outlet, its coverage of the topic; the `Coverage` itself when nobody covers it.

    Without a topic: an overview of every outlet (of `outlets`, default all).
    """
    if not query:
        chosen = [o for o in index.corpus.outlets() if outlets is None or o in outlets]
        return SourcesAnswer("sources", query,
                             outlets=[_outlet_overview(index, o, per_outlet) for o in chosen])
    coverage = find_coverage(index, query, min_share, outlets)
    if not coverage.hits:
        return coverage
    grouped = coverage.by_outlet()
    summaries = []
    ranked = sorted(grouped.items(), key=lambda kv: (-len(kv[1]), -kv[1][0].score))
    for outlet, outlet_hits in ranked:
        docs = list(dict.fromkeys(h.document.doc_id for h in outlet_hits))
        sentences, passage_ids = best_sentences(outlet_hits, coverage, per_outlet)
        summaries.append(
            OutletSummary(
                outlet=outlet,
                doc_ids=docs,
                passages=len(outlet_hits),
                summary=sentences,
                dates=sorted({d for h in outlet_hits if (d := iso_date(h.document))}),
                slant=next((h.document.slant for h in outlet_hits if h.document.slant), ""),
                summary_passage_ids=passage_ids,
            )
        )
    missing = [o for o in coverage.outlets if o not in grouped]
    return SourcesAnswer("sources", query, outlets=summaries, not_covered_by=missing)


def _outlet_overview(index: NewsIndex, outlet: str, per_outlet: int) -> OutletSummary:
    """An outlet's articles in the corpus, summarized by their lead sentences."""
    docs = [d for d in index.documents if d.outlet == outlet]
    lead: list[tuple[str, str]] = []
    for position in range(3):  # the lead sentences of each article, in turn
        for document in docs:
            opening = [(s.text, p.passage_id) for p in document.passages[:2]
                       for s in p.sentences]
            if position < len(opening):
                lead.append(opening[position])
    lead = lead[:per_outlet]
    return OutletSummary(
        outlet=outlet,
        doc_ids=[d.doc_id for d in docs],
        passages=sum(len(d.passages) for d in docs),
        summary=[text for text, _ in lead],
        dates=sorted({d.date.iso() for d in docs if d.date}),
        slant=next((d.slant for d in docs if d.slant), ""),
        summary_passage_ids=[pid for _, pid in lead],
    )


def best_sentences(hits: list[Hit], coverage: Coverage, limit: int) -> tuple[list[str], list[str]]:
    """Up to `limit` sentences of the hits on the topic, not repeating each other (MMR).

    Relevance is the share of the query's weight a sentence holds, with the passage's BM25 score
    (relative to the outlet's best) breaking ties; novelty is Jaccard distance to the sentences
    already chosen (Carbonell & Goldstein's maximal marginal relevance).
    """
    best = hits[0].score if hits and hits[0].score > 0 else 1.0
    candidates = []  # (relevance, order, text, passage_id, terms)
    for rank, hit in enumerate(hits):
        for sentence in hit.passage.sentences:
            terms = set(tokenize(sentence.text))
            share = coverage.share(terms)
            if share > 0:
                relevance = share + 0.1 * hit.score / best
                candidates.append((relevance, (rank, sentence.start), sentence.text,
                                   hit.passage.passage_id, terms))
    chosen: list[tuple[str, str, set[str]]] = []
    while candidates and len(chosen) < limit:
        def marginal(candidate: tuple[float, tuple[int, int], str, str, set[str]]) -> float:
            redundancy = max((jaccard(candidate[4], seen) for *_, seen in chosen), default=0.0)
            return MMR_LAMBDA * candidate[0] - (1 - MMR_LAMBDA) * redundancy

        pick = max(candidates, key=lambda c: (marginal(c), -c[1][0], -c[1][1]))
        candidates.remove(pick)
        if any(jaccard(pick[4], seen) > MAX_SIMILARITY for *_, seen in chosen):
            continue
        chosen.append((pick[2], pick[3], pick[4]))
    return [c[0] for c in chosen], [c[1] for c in chosen]


def outlet_slants(index: NewsIndex) -> dict[str, str]:
    """Each outlet's slant as the metadata records it ("" when none does)."""
    slants: dict[str, str] = {}
    for document in index.documents:
        if not slants.get(document.outlet):
            slants[document.outlet] = document.slant
    return slants
