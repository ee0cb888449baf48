"""/search: the passages that best match the words, ranked by BM25 over the chat's outlets.

In balance mode each slant the chat admits gets its best passage (a search of that slant's
outlets alone), and the overall best fill the rest, all in score order.
"""

from __future__ import annotations

import re
from functools import lru_cache

from bot.answers.balance import balance_notes
from bot.answers.library import Library
from bot.answers.notices import hardly_covers, not_found, out_of_scope
from bot.answers.scope import EVERYTHING, Scope
from bot.answers.types import Answer, SearchAnswer, SearchResult
from bot.i18n import tr
from bot.retrieval.coverage import find_coverage
from bot.retrieval.index import Hit, iso_date
from bot.retrieval.query import Query
from bot.text import word_terms, words


def search_answer(library: Library, query: str, scope: Scope = EVERYTHING) -> Answer:
    index = library.index
    outlets = library.outlets(scope)
    limit = scope.limit(library.config.search_results)
    asked = library.query(query)
    hits = index.search(asked, limit, outlets)
    if not hits:
        if scope.excluded and index.search(asked, 1):
            return out_of_scope("search", query)
        return not_found(library, "search", query, "passages")
    if scope.balance:
        hits = _each_slant_first(library, asked, hits, outlets, limit)
    terms = set(asked.terms)
    results = [
        SearchResult(
            rank=rank,
            score=round(hit.score, 4),
            outlet=hit.document.outlet,
            doc_id=hit.document.doc_id,
            date=iso_date(hit.document),
            url=hit.document.url,
            passage_id=hit.passage.passage_id,
            text=hit.passage.text,
            title=hit.document.title,
            highlights=highlight_spans(hit.passage.text, terms),
        )
        for rank, hit in enumerate(hits, start=1)
    ]
    notes = []
    coverage = find_coverage(index, asked, library.config.coverage_min_share, outlets)
    if not coverage.hits:  # what /sources would call weak evidence: say so before showing it
        notes.append(tr("{weakness}. These passages come closest.",
                        weakness=hardly_covers(query, coverage, scope)))
    notes += balance_notes(library, scope, query, (r.outlet for r in results))
    return SearchAnswer("search", query, notes=notes, results=results)


def _each_slant_first(library: Library, query: Query, best: list[Hit], outlets: list[str],
                      limit: int) -> list[Hit]:
    """The best passage of each slant (the best of them if there are more slants than places),
    then the overall `best` in turn; in score order."""
    index = library.index
    by_slant: dict[str, list[str]] = {}
    for outlet in outlets:
        by_slant.setdefault(library.slant(outlet), []).append(outlet)

    def order(hit: Hit) -> tuple[float, int]:
        return -hit.score, index.position(hit.passage.passage_id)

    reserved = sorted((hit for members in by_slant.values()
                       for hit in index.search(query, 1, members)), key=order)[:limit]
    chosen = {h.passage.passage_id: h for h in reserved}
    for hit in best:
        if len(chosen) >= limit:
            break
        chosen.setdefault(hit.passage.passage_id, hit)
    return sorted(chosen.values(), key=order)


def highlight_spans(text: str, terms: set[str]) -> list[tuple[int, int]]:
    """Character spans of the words in `text` whose index term is one of `terms`."""
    if not terms:
        return []
    return [(match.start(), match.end()) for match in re.finditer(r"[^\W_]+", text)
            if not terms.isdisjoint(surface_terms(match.group()))]


def first_term(word: str) -> str | None:
    """A word's English index term (the first, as for "U.S."); None for a stopword."""
    terms = surface_terms(word)
    return terms[0] if terms else None


@lru_cache(maxsize=1 << 16)
def surface_terms(word: str) -> tuple[str, ...]:
    """A word as printed, its index terms in every language; none for a stopword. Kept:
    answers look up the same words again and again."""
    folded = words(word)
    return word_terms(folded[0]) if folded else ()
