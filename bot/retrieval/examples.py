"""Queries known to work on the corpus at hand, for /help and for "nothing found" suggestions.

They are found in the corpus itself, never written in, so the bot suggests sensible topics on
any collection of articles; found when the index is built, so that start-up does not read the
dated sentences' terms for them.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import TYPE_CHECKING

from bot.models import field_values
from bot.retrieval.store import subset
from bot.text import STOPWORDS, fold, tokenize

if TYPE_CHECKING:  # the index finds them as it is built
    from bot.retrieval.index import NewsIndex


def suggested_queries(index: NewsIndex) -> dict[str, str]:
    """A working query per command ("" where none was found).

    The most frequent capitalized two-word names make good topics on any corpus.
    """
    counts: dict[str, int] = defaultdict(int)
    # Read as columns: a cached index makes no passage or document for this (start-up time).
    first = list(range(min(5000, len(index.passages))))
    for text in field_values(subset(index.passages, first), "text"):
        for match in re.finditer(r"\b([A-Z][a-z]+) ([A-Z][a-z]+)\b", text):
            if fold(match.group(1)) in STOPWORDS or fold(match.group(2)) in STOPWORDS:
                continue
            counts[match.group(0)] += 1
    names = sorted(counts, key=lambda n: (-counts[n], n))
    speaking = {s.split()[0] for s in field_values(index.quotes, "speaker") if s}
    person = next((n for n in names if n.split()[0] in speaking), "")
    dated = _DatedTerms(index)
    topic = next((n for n in names if dated.hold(set(tokenize(n)))), "")
    common = _common_content_word(index)
    return {
        "search": common or topic,
        "timeline": topic,
        "quote": person or topic,
        "sources": common or topic,
        "compare": common or topic,
    }


class _DatedTerms:
    """The terms of the sentences that give a date: those of the candidate events first
    (tokenized when the index was built), the other dated sentences only if asked for."""

    def __init__(self, index: NewsIndex) -> None:
        self.index = index
        self.terms: set[str] = set().union(*field_values(index.candidates, "terms"))
        self.complete = False

    def hold(self, terms: set[str]) -> bool:
        if terms <= self.terms or self.complete:
            return terms <= self.terms
        known = {(c.passage_id, c.sentence_start) for c in self.index.candidates}
        for mention in self.index.mentions:
            if (mention.passage_id, mention.sentence.start) not in known:
                known.add((mention.passage_id, mention.sentence.start))
                self.terms.update(tokenize(mention.sentence.text))
        self.complete = True
        return terms <= self.terms


def _common_content_word(index: NewsIndex) -> str:
    """A common noun that several outlets use but not all, e.g. "blockade"; "" if none.

    Such a topic shows what the bot is for: who covers it, and who leaves it out.
    """
    outlets_per_word: dict[str, set[str]] = defaultdict(set)
    first = subset(index.documents, list(range(min(500, len(index.documents)))))
    for text, outlet in zip(field_values(first, "text"), field_values(first, "outlet"),
                            strict=True):
        for word in set(re.findall(r"\b[a-z]{7,}\b", text)):
            outlets_per_word[word].add(outlet)
    outlets = len(index.outlets)
    wanted = max(2, outlets // 2)
    candidates = [w for w, o in outlets_per_word.items() if wanted <= len(o) < max(outlets, 3)]
    candidates.sort(key=lambda w: (-len(outlets_per_word[w]), w))
    return candidates[0] if candidates else ""
