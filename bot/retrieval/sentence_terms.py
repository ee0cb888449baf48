"""Each sentence's index terms, tokenized once when the index is built.

/sources picks an outlet's most telling sentences among every sentence of its passages on a
topic: thousands on a common one. Tokenizing them for each question cost most of its time,
so the terms are kept here, as numbers into a vocabulary in flat arrays (a few bytes a term).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise

import numpy as np

from bot.models import Passage
from bot.text import tokenize


@dataclass(frozen=True)
class SentenceTerms:
    vocabulary: list[str]  # number -> term
    terms: np.ndarray  # the term numbers of every sentence, one sentence after the other
    sentences: np.ndarray  # sentence i's terms are terms[sentences[i]:sentences[i + 1]]
    passages: np.ndarray  # passage p's sentences are sentences[passages[p]:passages[p + 1]]

    @classmethod
    def build(cls, passages: Sequence[Passage]) -> SentenceTerms:
        return cls.from_terms([[tokenize(s.text) for s in p.sentences] for p in passages])

    @classmethod
    def from_terms(cls, passages: Iterable[Iterable[Iterable[str]]]) -> SentenceTerms:
        """From the terms of each sentence of each passage (tokenized where it was read)."""
        numbers: dict[str, int] = {}
        terms: list[int] = []
        sentences = [0]
        first = [0]
        for passage in passages:
            for sentence in passage:
                terms += [numbers.setdefault(t, len(numbers)) for t in dict.fromkeys(sentence)]
                sentences.append(len(terms))
            first.append(len(sentences) - 1)
        return cls(list(numbers), np.array(terms, np.int32), np.array(sentences, np.int64),
                   np.array(first, np.int64))

    def of(self, passage: int) -> list[frozenset[str]]:
        """The terms of each sentence of the passage (its position in the index), in order:
        the same as `set(tokenize(sentence.text))`."""
        start, end = self.passages[passage], self.passages[passage + 1]
        bounds = self.sentences[start:end + 1].tolist()
        numbers = self.terms[bounds[0]:bounds[-1]].tolist()
        words = self.vocabulary
        base = bounds[0]
        return [frozenset([words[n] for n in numbers[a - base:b - base]])
                for a, b in pairwise(bounds)]
