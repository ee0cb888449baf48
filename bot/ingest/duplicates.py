"""The same story from many outlets: the same text twice is one article, and a wire story
republished with small changes (another headline, a credit line, a paragraph cut) is found as a
near-duplicate: MinHash signatures of word shingles in an LSH index (datasketch), confirmed by
their estimated Jaccard similarity.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from datasketch import MinHash, MinHashLSH

from bot.corpus.articles import content_hash

SHINGLE = 5  # words per shingle
PERMUTATIONS = 128


def signature(text: str) -> MinHash:
    words = re.findall(r"\w+", text.casefold())
    shingles = {" ".join(words[i:i + SHINGLE])
                for i in range(max(1, len(words) - SHINGLE + 1))}
    minhash = MinHash(num_perm=PERMUTATIONS)
    minhash.update_batch([s.encode() for s in shingles])
    return minhash


class Duplicates:
    """The articles' texts as exact digests and MinHash signatures."""

    def __init__(self, threshold: float, texts: Iterable[tuple[str, str]] = ()) -> None:
        self.threshold = threshold
        self._lsh = MinHashLSH(threshold=threshold, num_perm=PERMUTATIONS)
        self._signatures: dict[str, MinHash] = {}
        self._exact: dict[str, str] = {}
        for doc_id, text in texts:
            self.insert(doc_id, text)

    def same(self, text: str) -> str | None:
        """The article with this very text (whatever its spacing and case), if any."""
        return self._exact.get(content_hash(text))

    def near(self, text: str) -> tuple[str, float] | None:
        """The most similar article at or above the threshold, and its estimated similarity."""
        probe = signature(text)
        scored = [(self._signatures[d].jaccard(probe), d) for d in self._lsh.query(probe)]
        scored = [(score, d) for score, d in scored if score >= self.threshold]
        if not scored:
            return None
        score, doc_id = max(scored)
        return doc_id, score

    def insert(self, doc_id: str, text: str) -> None:
        if doc_id in self._signatures:
            return
        self._exact.setdefault(content_hash(text), doc_id)
        self._signatures[doc_id] = signature(text)
        self._lsh.insert(doc_id, self._signatures[doc_id])
