"""/sources: which outlets cover a topic, how much, and what each says in its own sentences.

Coverage (`bot.retrieval.coverage`) says which passages cover the topic; here each covering
outlet gets its count and its most telling sentences, chosen by maximal marginal relevance so
that they do not repeat each other. Without a topic, each outlet's articles by their leads.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from bot.answers.balance import balance_notes
from bot.answers.library import Library
from bot.answers.notices import out_of_scope, weak_evidence
from bot.answers.scope import EVERYTHING, Scope
from bot.answers.types import Answer, Notice, OutletSummary, SourcesAnswer
from bot.commands import split_chart_word
from bot.models import field_values
from bot.retrieval.coverage import Coverage, find_coverage
from bot.retrieval.index import Hit, NewsIndex, OutletFacts, iso_date, most_used
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
    sentences = Sentences(library.index)
    summaries = []
    ranked = sorted(grouped.items(), key=lambda kv: (-len(kv[1]), -kv[1][0].score))
    for outlet, outlet_hits in ranked:
        docs = list(dict.fromkeys(h.document.doc_id for h in outlet_hits))
        summary, passage_ids = best_sentences(outlet_hits, coverage, per_outlet, sentences)
        summaries.append(
            OutletSummary(
                outlet=outlet,
                doc_ids=docs,
                passages=len(outlet_hits),
                summary=summary,
                dates=sorted({d for h in outlet_hits if (d := iso_date(h.document))}),
                slant=library.slant(outlet),
                summary_passage_ids=passage_ids,
                languages=most_used(h.document.language for h in outlet_hits),
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
    asked = library.query(query)
    coverage = find_coverage(library.index, asked, min_share, library.outlets(scope))
    if coverage.hits:
        return coverage
    if scope.excluded and find_coverage(library.index, asked, min_share).hits:
        return out_of_scope(command, query)
    return weak_evidence(library, command, query, coverage, scope)


def _outlet_overview(outlet: OutletFacts, per_outlet: int) -> OutletSummary:
    """An outlet's articles in the corpus, summarized by their lead sentences: the first
    sentence of each article in turn, then the second, ...; only as many articles are read as
    give `per_outlet` of them."""
    lead: list[tuple[str, str]] = []
    for position in range(3):  # the lead sentences of each article, in turn
        for document in outlet.documents:
            if len(lead) >= per_outlet:
                break
            opening = [(s.text, p.passage_id) for p in document.passages[:2]
                       for s in p.sentences]
            if position < len(opening):
                lead.append(opening[position])
    return OutletSummary(
        outlet=outlet.name,
        doc_ids=field_values(outlet.documents, "doc_id"),
        passages=outlet.passages,
        summary=[text for text, _ in lead],
        dates=list(outlet.dates),
        slant=outlet.slant,
        summary_passage_ids=[pid for _, pid in lead],
        languages=list(outlet.languages),
    )


def best_sentences(hits: list[Hit], coverage: Coverage, limit: int,
                   sentences: Sentences | None = None) -> tuple[list[str], list[str]]:
    """Up to `limit` sentences of the hits on the topic, not repeating each other (MMR).

    Relevance is the share of the query's weight a sentence holds, with the passage's BM25 score
    (relative to the outlet's best) breaking ties; novelty is Jaccard distance to the sentences
    already chosen (Carbonell & Goldstein's maximal marginal relevance). Which query words each
    sentence holds is read from the index (`Sentences`); a sentence's marginal relevance is at
    most its weighted relevance, so each pick looks only at the most relevant sentences, and
    only their terms are read.
    """
    sentences = sentences or Sentences(None)
    best = hits[0].score if hits and hits[0].score > 0 else 1.0
    candidates: list[_Candidate] = []
    for rank, (hit, shares) in enumerate(zip(hits, sentences.shares(hits, coverage),
                                             strict=True)):
        for number, (sentence, share) in enumerate(zip(hit.passage.sentences, shares,
                                                       strict=True)):
            if share > 0:
                relevance = share + 0.1 * hit.score / best
                candidates.append(_Candidate(relevance, (rank, sentence.start), sentence.text,
                                             hit, number))
    candidates.sort(key=lambda c: -c.relevance)
    terms: dict[int, frozenset[str]] = {}

    def terms_of(candidate: _Candidate) -> frozenset[str]:
        found = terms.get(id(candidate))
        if found is None:
            found = terms[id(candidate)] = sentences.terms(candidate.hit, candidate.number)
        return found

    chosen: list[_Candidate] = []
    while candidates and len(chosen) < limit:
        pick, top = 0, (-math.inf, 0, 0)
        for number, candidate in enumerate(candidates):
            if MMR_LAMBDA * candidate.relevance < top[0]:
                break  # no sentence this relevant or less can do better
            redundancy = max((jaccard(terms_of(candidate), terms_of(seen)) for seen in chosen),
                             default=0.0)
            key = (MMR_LAMBDA * candidate.relevance - (1 - MMR_LAMBDA) * redundancy,
                   -candidate.order[0], -candidate.order[1])
            if key > top:
                pick, top = number, key
        found = candidates.pop(pick)
        if any(jaccard(terms_of(found), terms_of(seen)) > MAX_SIMILARITY for seen in chosen):
            continue
        chosen.append(found)
    return [c.text for c in chosen], [c.hit.passage.passage_id for c in chosen]


@dataclass(frozen=True, eq=False)
class _Candidate:
    relevance: float
    order: tuple[int, int]  # the hit's rank, the sentence's start
    text: str
    hit: Hit
    number: int  # the sentence's in the passage


class Sentences:
    """The terms of each sentence of some passages, as the index keeps them (tokenized when
    it has not kept them), and which of a topic's words each holds."""

    def __init__(self, index: NewsIndex | None) -> None:
        self.index = index
        self.kept = index.sentence_terms if index is not None else None

    def terms(self, hit: Hit, number: int) -> frozenset[str]:
        """The terms of one sentence of the hit's passage."""
        if self.kept is None or self.index is None:
            return frozenset(tokenize(hit.passage.sentences[number].text, hit.passage.language))
        return self.kept.sentence(self.index.position(hit.passage.passage_id), number)

    def of(self, hit: Hit) -> list[frozenset[str]]:
        """The terms of every sentence of the hit's passage."""
        return [self.terms(hit, n) for n in range(len(hit.passage.sentences))]

    def shares(self, hits: list[Hit], coverage: Coverage) -> list[list[float]]:
        """Per hit, per sentence, the share of the topic's weight it holds (`Coverage.share`)."""
        words = list(coverage.weights)
        if self.kept is None or self.index is None or len(words) > 62:
            return [[coverage.share(terms) for terms in self.of(hit)] for hit in hits]
        positions = [self.index.position(h.passage.passage_id) for h in hits]
        held = iter(self.kept.holding(positions, words))
        share: dict[int, float] = {}  # of each set of the topic's words a sentence holds
        found = []
        for hit in hits:
            row = []
            for _ in hit.passage.sentences:
                bits = next(held)
                if bits not in share:
                    share[bits] = coverage.share({w for i, w in enumerate(words) if bits >> i & 1})
                row.append(share[bits])
            found.append(row)
        return found
