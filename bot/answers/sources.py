"""/sources: which outlets cover a topic, how much, and what each says in its own sentences.

Coverage (`bot.retrieval.coverage`) says which passages cover the topic; here each covering
outlet gets its count and its most telling sentences, chosen by maximal marginal relevance so
that they do not repeat each other. Without a topic, each outlet's articles by their leads.
"""

from __future__ import annotations

from bot.answers.balance import balance_notes
from bot.answers.library import Library
from bot.answers.notices import out_of_scope, weak_evidence
from bot.answers.scope import EVERYTHING, Scope
from bot.answers.types import Answer, Notice, OutletSummary, SourcesAnswer
from bot.commands import split_chart_word
from bot.retrieval.coverage import Coverage, find_coverage
from bot.retrieval.index import Hit, OutletFacts, iso_date
from bot.text import jaccard, tokenize

MMR_LAMBDA = 0.7  # relevance against novelty when picking an outlet's sentences
MAX_SIMILARITY = 0.6  # a sentence this alike (Jaccard) to one already chosen is a repeat


def sources_answer(library: Library, query: str, scope: Scope = EVERYTHING) -> Answer:
    """Per outlet the scope admits, its coverage of the topic; without a topic, an overview."""
    query, chart = split_chart_word(query)
    per_outlet = library.config.sources_sentences
    if not query:
        overview = [_outlet_overview(library.index.outlets[o], per_outlet)
                    for o in library.outlets(scope)]
        return SourcesAnswer("sources", query, outlets=overview, chart=chart)
    coverage = coverage_in_scope(library, "sources", query, scope)
    if isinstance(coverage, Notice):
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
                slant=library.slant(outlet),
                summary_passage_ids=passage_ids,
            )
        )
    missing = [o for o in coverage.outlets if o not in grouped]
    notes = balance_notes(library, scope, query, grouped)
    return SourcesAnswer("sources", query, notes=notes, outlets=summaries,
                         not_covered_by=missing, chart=chart)


def coverage_in_scope(library: Library, command: str, query: str,
                      scope: Scope) -> Coverage | Notice:
    """The coverage of the topic by the outlets the scope admits, or why there is none to show:
    weak evidence, or coverage only by outlets the chat leaves out."""
    min_share = library.config.coverage_min_share
    coverage = find_coverage(library.index, query, min_share, library.outlets(scope))
    if coverage.hits:
        return coverage
    if scope.excluded and find_coverage(library.index, query, min_share).hits:
        return out_of_scope(command, query)
    return weak_evidence(library, command, query, coverage, scope)


def _outlet_overview(outlet: OutletFacts, per_outlet: int) -> OutletSummary:
    """An outlet's articles in the corpus, summarized by their lead sentences."""
    lead: list[tuple[str, str]] = []
    for position in range(3):  # the lead sentences of each article, in turn
        for document in outlet.documents:
            opening = [(s.text, p.passage_id) for p in document.passages[:2]
                       for s in p.sentences]
            if position < len(opening):
                lead.append(opening[position])
    lead = lead[:per_outlet]
    return OutletSummary(
        outlet=outlet.name,
        doc_ids=[d.doc_id for d in outlet.documents],
        passages=outlet.passages,
        summary=[text for text, _ in lead],
        dates=list(outlet.dates),
        slant=outlet.slant,
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

