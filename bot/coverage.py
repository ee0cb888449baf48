"""/sources: which outlets cover a topic, how much, and what each says in its own sentences."""

from __future__ import annotations

from collections import defaultdict

from bot.answers import OutletSummary, SourcesAnswer
from bot.index import Hit, NewsIndex, iso_date
from bot.text import jaccard, tokenize


def sources_answer(index: NewsIndex, query: str, per_outlet: int) -> SourcesAnswer | None:
    """Per outlet, its coverage of the topic (all outlets without one); None if nobody covers it."""
    all_outlets = index.corpus.outlets()
    if not query:
        outlets = [_outlet_overview(index, o, per_outlet) for o in all_outlets]
        return SourcesAnswer("sources", query, outlets=outlets)
    terms = tokenize(query)
    hits = index.search(query, max(50, 10 * len(all_outlets)))
    if not hits:
        return None
    by_outlet: dict[str, list[Hit]] = defaultdict(list)
    for hit in hits:
        by_outlet[hit.document.outlet].append(hit)
    summaries = []
    for outlet, outlet_hits in sorted(by_outlet.items(), key=lambda kv: -len(kv[1])):
        docs = list(dict.fromkeys(h.document.doc_id for h in outlet_hits))
        sentences, passage_ids = best_sentences(outlet_hits, set(terms), per_outlet)
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
    missing = [o for o in all_outlets if o not in by_outlet]
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


def best_sentences(hits: list[Hit], terms: set[str], limit: int) -> tuple[list[str], list[str]]:
    """The sentences of the hits that share most query terms, without near-repeats."""
    scored = []
    for rank, hit in enumerate(hits):
        for sentence in hit.passage.sentences:
            sentence_terms = set(tokenize(sentence.text))
            overlap = len(sentence_terms & terms)
            if overlap:
                scored.append((-overlap, rank, sentence.start, sentence.text,
                               hit.passage.passage_id, sentence_terms))
    scored.sort()
    chosen: list[tuple[str, str, set[str]]] = []
    for *_, text, passage_id, sentence_terms in scored:
        if any(jaccard(sentence_terms, seen) > 0.5 for _, _, seen in chosen):
            continue
        chosen.append((text, passage_id, sentence_terms))
        if len(chosen) == limit:
            break
    return [c[0] for c in chosen], [c[1] for c in chosen]
