"""/sources: which outlets cover a topic, how much, and what each says in its own sentences.

Coverage (`bot.retrieval.coverage`) says which passages cover the topic; here each covering
outlet gets its count and its most telling sentences, chosen by maximal marginal relevance so
that they do not repeat each other. Without a topic, each outlet's articles by their leads.
"""

from __future__ import annotations

from collections.abc import Collection

from bot.answers.types import OutletSummary, SourcesAnswer
from bot.retrieval.coverage import Coverage, find_coverage
from bot.retrieval.index import Hit, NewsIndex, iso_date
from bot.text import jaccard, tokenize

MMR_LAMBDA = 0.7  # relevance against novelty when picking an outlet's sentences
MAX_SIMILARITY = 0.6  # a sentence this alike (Jaccard) to one already chosen is a repeat


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

