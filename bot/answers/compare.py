"""/compare: per outlet its best passage on a topic, the facts two outlets share, and the words
that set each side apart.

The distinguishing words are log-odds ratios with an informative Dirichlet prior (Monroe,
Colaresi & Quinn 2008, "Fightin' Words"): each side's word counts in its passages on the topic
against those of all the other sides, shrunk towards how common the word is in the whole corpus,
so a word said twice by one outlet and never by the others does not win just by being rare.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from bot.answers.balance import balance_notes
from bot.answers.library import Library
from bot.answers.scope import EVERYTHING, Scope
from bot.answers.sources import Sentences, coverage_in_scope
from bot.answers.types import (
    Answer,
    CompareAnswer,
    CompareOutlet,
    FramingSide,
    Notice,
    SharedFact,
    Source,
    Wording,
)
from bot.i18n import tr
from bot.retrieval.coverage import Coverage
from bot.retrieval.index import Hit, NewsIndex, iso_date
from bot.retrieval.query import Query
from bot.text import fold, is_stopword, jaccard, tokenize

# A word sets a side apart when its z-score is at least one standard error. The textbook 1.96
# needs more text than a handful of articles holds: on the seed corpus no word reaches it.
Z_MIN = 1.0
MIN_COUNT = 2  # a side must use the word at least twice
PRIOR_WEIGHT = 0.1  # alpha_0, the prior's weight, as a share of the tokens compared
WORDS_PER_SIDE = 6
SAME_FACT_MIN = 0.3  # Jaccard of two sentences' terms from which they report the same fact
SHARED_FACTS = 3
PASSAGES_PER_OUTLET = 5  # an outlet's best passages searched for shared facts
WORD_PASSAGES = 200  # an outlet's best passages whose words are counted
_SURFACE = re.compile(r"[^\W\d_]{3,}")


@dataclass(frozen=True)
class _Sentence:
    text: str
    terms: frozenset[str]
    hit: Hit


def compare_answer(library: Library, query: str, scope: Scope = EVERYTHING) -> Answer:
    """The comparison of the outlets the scope admits that cover the topic."""
    coverage = coverage_in_scope(library, "compare", query, scope)
    if isinstance(coverage, Notice):
        return coverage
    index = library.index
    grouped = coverage.by_outlet()
    ranked = sorted(grouped.items(), key=lambda kv: -kv[1][0].score)
    outlets = [
        CompareOutlet(
            outlet=outlet,
            slant=library.slant(outlet),
            doc_id=hits[0].document.doc_id,
            date=iso_date(hits[0].document),
            url=hits[0].document.url,
            passage_id=hits[0].passage.passage_id,
            text=hits[0].passage.text,
            score=round(hits[0].score, 4),
            passages=len(hits),
        )
        for outlet, hits in ranked
    ]
    top = {outlet: hits[:PASSAGES_PER_OUTLET] for outlet, hits in grouped.items()}
    wordings = outlet_wordings(library.query(query), ranked)
    notes = []
    if len(grouped) == 1:
        notes.append(tr("Only {outlet} covers this topic: nothing to compare it with.",
                        outlet=outlets[0].outlet))
    notes += balance_notes(library, scope, query, grouped)
    return CompareAnswer(
        "compare", query, notes=notes, outlets=outlets,
        shared=shared_facts(top, coverage, index),
        sides=framing_sides({o: h[:WORD_PASSAGES] for o, h in grouped.items()}, index,
                            set(coverage.weights)),
        not_covered_by=[o for o in coverage.outlets if o not in grouped],
        wordings=wordings,
    )


def outlet_wordings(asked: Query, ranked: list[tuple[str, list[Hit]]]) -> list[Wording]:
    """Per outlet, how many of its passages on the topic use each wording of the alias sets the
    query names ("blockade", "bloqueo", "embargo"); outlets using none are left out."""
    found = []
    for wordings in asked.wordings:
        for outlet, hits in ranked:
            held = [frozenset(tokenize(h.passage.text, h.passage.language)) for h in hits]
            counts = {shown: sum(all(not terms.isdisjoint(word) for word in words)
                                 for terms in held)
                      for shown, words in wordings}
            counts = {shown: n for shown, n in counts.items() if n}
            if counts:
                found.append(Wording(outlet, counts))
    return found


def shared_facts(top: dict[str, list[Hit]], coverage: Coverage, index: NewsIndex
                 ) -> list[SharedFact]:
    """Pairs of sentences from two outlets that say nearly the same thing about the topic.

    Pairs across slants come first: the same fact told by opposite sides is the telling case.
    """
    kept = Sentences(index)
    sentences = {
        outlet: [_Sentence(s.text, terms, hit) for hit in hits
                 for s, terms in zip(hit.passage.sentences, kept.of(hit), strict=True)]
        for outlet, hits in top.items()
    }
    candidates = []
    names = list(sentences)
    for i, first in enumerate(names):
        for second in names[i + 1:]:
            across = index.outlets[first].slant != index.outlets[second].slant
            for a in sentences[first]:
                if not coverage.share(a.terms):
                    continue
                for b in sentences[second]:
                    similarity = jaccard(a.terms, b.terms)
                    if similarity >= SAME_FACT_MIN and coverage.share(b.terms):
                        candidates.append((across, similarity, a, b))
    candidates.sort(key=lambda c: (not c[0], -c[1], c[2].text, c[3].text))
    chosen: list[SharedFact] = []
    used_texts: set[str] = set()
    used_pairs: set[frozenset[str]] = set()
    for _, similarity, a, b in candidates:
        pair = frozenset((a.hit.document.outlet, b.hit.document.outlet))
        if pair in used_pairs or a.text in used_texts or b.text in used_texts:
            continue
        used_pairs.add(pair)
        used_texts |= {a.text, b.text}
        chosen.append(SharedFact([_source(a), _source(b)], round(similarity, 3)))
        if len(chosen) == SHARED_FACTS:
            break
    return chosen


def _source(sentence: _Sentence) -> Source:
    document = sentence.hit.document
    return Source(document.outlet, document.doc_id, sentence.hit.passage.passage_id,
                  iso_date(document), document.url, sentence.text)


def framing_sides(
    top: dict[str, list[Hit]], index: NewsIndex, query_terms: set[str]
) -> list[FramingSide]:
    """The words that set each side apart; sides are slants when two or more slants cover it.

    Needs at least two sides: one side alone has nothing to be set apart from.
    """
    slant = {outlet: index.outlets[outlet].slant for outlet in top}
    by_slant = len(set(slant.values())) >= 2 and "" not in slant.values()
    members: dict[str, list[str]] = defaultdict(list)
    for outlet in top:
        members[slant[outlet] if by_slant else outlet].append(outlet)
    if len(members) < 2:
        return []
    counts: dict[str, Counter[str]] = {}
    surfaces: dict[str, Counter[str]] = defaultdict(Counter)
    for label, outlets in members.items():
        counts[label] = Counter()
        for outlet in outlets:
            for hit in top[outlet]:
                for surface in _SURFACE.findall(hit.passage.text):
                    term = _counted_term(surface, hit.passage.language)
                    if term is not None and term not in query_terms:
                        counts[label][term] += 1
                        surfaces[term][surface if surface.isupper() or
                                       not surface.istitle() else surface.lower()] += 1
    words = log_odds_words(counts, _background(index, counts))
    return [
        FramingSide(label, members[label],
                    [surfaces[t].most_common(1)[0][0] for t in words[label]])
        for label in members
    ]


@lru_cache(maxsize=1 << 16)
def _counted_term(surface: str, language: str = "") -> str | None:
    """The term a word of a passage in `language` counts as on a side; None for a stopword of
    any language, however it is written."""
    if is_stopword(fold(surface)):
        return None
    terms = tokenize(surface, language)
    return terms[0] if terms else None


def _background(index: NewsIndex, counts: dict[str, Counter[str]]) -> dict[str, float]:
    """How common each word is in the whole corpus: the passages holding it (its df)."""
    return {term: index.postings.document_frequency(term) + 1.0
            for term in set().union(*counts.values())}


def log_odds_words(
    counts: dict[str, Counter[str]], background: dict[str, float], limit: int = WORDS_PER_SIDE,
    z_min: float = Z_MIN,
) -> dict[str, list[str]]:
    """Per side, its words whose log-odds ratio against the other sides is significant.

    The prior is the background distribution scaled to as many tokens as the compared texts
    hold (alpha_0 = n), so that it weighs as much as the evidence itself.
    """
    vocabulary = sorted(background)
    if not vocabulary:
        return {label: [] for label in counts}
    y = np.array([[counts[label][t] for t in vocabulary] for label in counts], dtype=float)
    prior = np.array([background[t] for t in vocabulary])
    alpha0 = max(PRIOR_WEIGHT * y.sum(), 1.0)
    alpha = alpha0 * prior / prior.sum()
    result = {}
    for row, label in enumerate(counts):
        yi, yj = y[row], y.sum(axis=0) - y[row]
        ni, nj = yi.sum(), yj.sum()
        delta = (np.log((yi + alpha) / (ni + alpha0 - yi - alpha))
                 - np.log((yj + alpha) / (nj + alpha0 - yj - alpha)))
        z = delta / np.sqrt(1 / (yi + alpha) + 1 / (yj + alpha))
        order = np.lexsort((np.array(vocabulary), -z))
        result[label] = [vocabulary[k] for k in order
                         if z[k] >= z_min and yi[k] >= MIN_COUNT][:limit]
    return result
