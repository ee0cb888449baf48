"""Queries known to work on the corpus at hand, for /help and for "nothing found" suggestions.

They are found in the corpus itself, never written in, so the bot suggests sensible topics on
any collection of articles.
"""

from __future__ import annotations

import re
from collections import defaultdict

from bot.retrieval.index import NewsIndex
from bot.text import STOPWORDS, fold, tokenize


def suggested_queries(index: NewsIndex) -> dict[str, str]:
    """A working query per command ("" where none was found).

    The most frequent capitalized two-word names make good topics on any corpus.
    """
    counts: dict[str, int] = defaultdict(int)
    for passage in index.passages[:5000]:
        for match in re.finditer(r"\b([A-Z][a-z]+) ([A-Z][a-z]+)\b", passage.text):
            if fold(match.group(1)) in STOPWORDS or fold(match.group(2)) in STOPWORDS:
                continue
            counts[match.group(0)] += 1
    names = sorted(counts, key=lambda n: (-counts[n], n))
    person = next((n for n in names if any(n.split()[0] == q.speaker.split()[0]
                                           for q in index.quotes if q.speaker)), "")
    dated = {t for m in index.mentions for t in tokenize(m.sentence.text)}
    topic = next((n for n in names if set(tokenize(n)) <= dated), "")
    common = _common_content_word(index)
    return {
        "search": common or topic,
        "timeline": topic,
        "quote": person or topic,
        "sources": common or topic,
        "compare": common or topic,
    }


def _common_content_word(index: NewsIndex) -> str:
    """A common noun that several outlets use but not all, e.g. "blockade"; "" if none.

    Such a topic shows what the bot is for: who covers it, and who leaves it out.
    """
    outlets_per_word: dict[str, set[str]] = defaultdict(set)
    for document in index.documents[:500]:
        for word in set(re.findall(r"\b[a-z]{7,}\b", document.text)):
            outlets_per_word[word].add(document.outlet)
    outlets = len(index.outlets)
    wanted = max(2, outlets // 2)
    candidates = [w for w, o in outlets_per_word.items() if wanted <= len(o) < max(outlets, 3)]
    candidates.sort(key=lambda w: (-len(outlets_per_word[w]), w))
    return candidates[0] if candidates else ""
