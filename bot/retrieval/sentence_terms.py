"""Each sentence's index terms, tokenized once when the index is built.

/sources picks an outlet's most telling sentences among every sentence of its passages on a
topic: thousands on a common one. Tokenizing them for each question cost most of its time,
so the terms are kept here, as numbers into a vocabulary in flat arrays (a few bytes a term).
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
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
        builder = SentenceTermsBuilder()
        for passage in passages:
            builder.add(passage)
        return builder.build()

    def extended(self, passages: Iterable[Iterable[Iterable[str]]]) -> SentenceTerms:
        """These terms with more passages' after them: what `from_terms` gives for all."""
        numbers = dict(self._numbers)
        terms: list[int] = []
        sentences: list[int] = []
        first: list[int] = []
        count = len(self.sentences) - 1
        for passage in passages:
            for sentence in passage:
                terms += [numbers.setdefault(t, len(numbers)) for t in dict.fromkeys(sentence)]
                sentences.append(len(self.terms) + len(terms))
            first.append(count + len(sentences))
        return SentenceTerms(
            list(numbers), np.concatenate((self.terms, np.array(terms, np.int32))),
            np.concatenate((self.sentences, np.array(sentences, np.int64))),
            np.concatenate((self.passages, np.array(first, np.int64))))

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

    def sentence(self, passage: int, number: int) -> frozenset[str]:
        """The terms of one sentence (its number in the passage)."""
        row = int(self.passages[passage]) + number
        start, end = int(self.sentences[row]), int(self.sentences[row + 1])
        words = self.vocabulary
        return frozenset([words[n] for n in self.terms[start:end].tolist()])

    def holding(self, passages: Sequence[int], terms: Sequence[str]) -> list[int]:
        """Which of `terms` (at most 62) each sentence of the passages holds, one sentence
        after the other: bit i set for terms[i]. Worked out on the arrays, for thousands of
        passages at once."""
        bits = np.zeros(len(self.vocabulary) + 1, np.int64)
        for i, term in enumerate(terms):
            bits[self._numbers.get(term, len(self.vocabulary))] |= 1 << i
        bits[len(self.vocabulary)] = 0  # the terms no sentence holds
        chosen = np.asarray(passages, np.int64)
        rows = _ranges(self.passages[chosen], self.passages[chosen + 1])
        starts, ends = self.sentences[rows], self.sentences[rows + 1]
        held = np.zeros(len(rows), np.int64)
        some = ends > starts
        if some.any():
            flat = bits[self.terms[_ranges(starts[some], ends[some])]]
            bounds = np.concatenate(([0], np.cumsum((ends - starts)[some])[:-1]))
            held[some] = np.bitwise_or.reduceat(flat, bounds)
        return held.tolist()

    @cached_property
    def _numbers(self) -> dict[str, int]:
        return {term: number for number, term in enumerate(self.vocabulary)}


def _ranges(starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """The numbers from each start to its end (excluded), one range after the other."""
    lengths = ends - starts
    if not len(lengths) or not lengths.sum():
        return np.zeros(0, np.int64)
    steps = np.ones(int(lengths.sum()), np.int64)
    heads = np.concatenate(([0], np.cumsum(lengths)[:-1]))[lengths > 0]
    firsts = starts[lengths > 0]
    steps[heads] = firsts - np.concatenate(([0], (firsts + lengths[lengths > 0] - 1)[:-1]))
    return np.cumsum(steps)


class SentenceTermsBuilder:
    """`SentenceTerms` made a passage at a time as articles are read, in compact arrays (four
    bytes a term), so that a large corpus's terms are never all held as lists of strings."""

    def __init__(self) -> None:
        self.numbers: dict[str, int] = {}
        self.terms = array("i")
        self.sentences = array("q", [0])
        self.first = array("q", [0])

    def add(self, passage: Iterable[Iterable[str]]) -> None:
        """The terms of each sentence of the next passage."""
        numbers, terms, sentences = self.numbers, self.terms, self.sentences
        for sentence in passage:
            terms.extend([numbers.setdefault(t, len(numbers)) for t in dict.fromkeys(sentence)])
            sentences.append(len(terms))
        self.first.append(len(sentences) - 1)

    def build(self) -> SentenceTerms:
        return SentenceTerms(list(self.numbers), np.array(self.terms, np.int32),
                             np.array(self.sentences, np.int64), np.array(self.first, np.int64))
