"""BM25 scoring that touches only the passages a query's terms occur in, and ranks lazily.

rank-bm25's `BM25Okapi` defines the scores: its idf with the epsilon floor, its k1, b and average
length. Its `get_scores` walks every passage for every query term. Here each term keeps the
passages it occurs in (ascending) and how often it occurs in each, and each passage keeps its
length norm `k1 * (1 - b + b * dl / avgdl)`. A posting's score contribution is computed when a
query needs it, with the very expression of `BM25Okapi.get_scores`, and a passage's
contributions are added in query order, so the scores are rank-bm25's to the last bit.

`top` is exact, yet seldom scores every passage a common term occurs in (MaxScore with
block-max and per-posting bounds, see `_candidates`): each block of postings keeps its largest
contribution and each posting a one-byte upper bound of its own, so that once a floor under the
k-th best score is known, the passages that cannot reach it are dropped before being scored.
"""

from __future__ import annotations

import math
from array import array
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise

import numpy as np

BLOCK = 128  # postings per block; each block keeps its largest contribution
CHUNK_TOKENS = 1 << 21  # the build counts passages this many tokens at a time
SMALL_BLOCKS = 128  # a query touching fewer blocks' worth of postings is simply scored in full
UNION_SORTED = 8192  # from this many passages, a union keeps each one's place (argsort)
SLACK = 1e-9  # pruning bounds are loosened by this share, far beyond any rounding


@dataclass(frozen=True)
class ScoredPassage:
    index: int
    score: float


class BM25Postings:
    """Per-term passage ids and term frequencies; per-passage length norms; per-term idf.

    The state is plain numpy arrays plus the vocabulary (`to_arrays` / `from_arrays`), so that
    it can be stored and mapped from disk as it is.
    """

    def __init__(
        self,
        vocabulary: dict[str, int],
        offsets: np.ndarray,
        passage_ids: np.ndarray,
        term_freqs: np.ndarray,
        idf: np.ndarray,
        norms: np.ndarray,
        block_max: np.ndarray,
        impacts: np.ndarray,
        champions: np.ndarray,
        k1: float,
        block_size: int = BLOCK,
    ) -> None:
        self.vocabulary = vocabulary
        self.offsets = offsets  # term row r's postings are [offsets[r], offsets[r + 1])
        self.passage_ids = passage_ids  # int32, ascending within a term
        self.term_freqs = term_freqs  # uint16 (uint32 if some passage repeats a term more)
        self.idf = idf  # float64 per term, BM25Okapi's
        self.norms = norms  # float64 per passage: k1 * (1 - b + b * dl / avgdl)
        self.block_max = block_max  # float64: the largest contribution in each block
        # uint8 per posting: its contribution rounded up, in 255ths of its term's largest
        self.impacts = impacts
        # int32: of each term in more than 2 blocks' worth of passages, the 2 blocks' worth where
        # it contributes most (ascending): where the best passages of a query are likely to be
        self.champions = champions
        self.k1 = float(k1)
        self.block_size = int(block_size)
        self.size = len(norms)
        blocks = -(-np.diff(offsets) // self.block_size)
        self.block_offsets = np.concatenate(([0], np.cumsum(blocks)))  # term row -> its blocks
        self.term_max = (np.maximum.reduceat(block_max, self.block_offsets[:-1])
                         if len(block_max) else np.zeros(0))
        starts = offsets[:-1].repeat(blocks) + self.block_size * (
            np.arange(self.block_offsets[-1]) - self.block_offsets[:-1].repeat(blocks))
        self.block_first = passage_ids[starts]  # each block's first passage
        self.unit = _unit(self.term_max)
        champions_kept = np.where(np.diff(offsets) > 2 * self.block_size, 2 * self.block_size, 0)
        self.champion_offsets = np.concatenate(([0], np.cumsum(champions_kept)))

    # -- building and storing ---------------------------------------------------------------

    @classmethod
    def build(
        cls, tokenized: Iterable[Sequence[str]], k1: float = 1.5, b: float = 0.75,
        epsilon: float = 0.25, block_size: int = BLOCK,
    ) -> BM25Postings:
        """Postings of tokenized passages; BM25Okapi(tokenized, k1, b, epsilon) scores them."""
        numbered = TermNumbers()
        for tokens in tokenized:
            numbered.add(tokens)
        return cls.from_numbers(numbered, k1, b, epsilon, block_size)

    @classmethod
    def from_numbers(
        cls, numbered: TermNumbers, k1: float = 1.5, b: float = 0.75, epsilon: float = 0.25,
        block_size: int = BLOCK,
    ) -> BM25Postings:
        """Postings of passages given as term numbers (`TermNumbers`), as `build` makes them."""
        lengths = np.array(numbered.lengths, np.int64)
        count = len(lengths)
        total = int(lengths.sum())
        if not total:
            return cls({}, np.zeros(1, np.int64), np.zeros(0, np.int32), np.zeros(0, np.uint16),
                       np.zeros(0), np.zeros(count), np.zeros(0), np.zeros(0, np.uint8),
                       np.zeros(0, np.int32), k1, block_size)
        vocabulary = numbered.vocabulary
        flat = np.frombuffer(numbered.numbers, np.intc)
        starts = np.concatenate(([0], np.cumsum(lengths)))
        chunks = [_count_chunk(flat, starts, lengths, start, end, len(vocabulary))
                  for start, end in _chunk_bounds(lengths)]
        offsets, passage_ids, term_freqs = _place(chunks, len(vocabulary))
        idf = okapi_idf(np.diff(offsets), count, epsilon)
        avgdl = total / count
        norms = k1 * (1 - b + b * lengths / avgdl)  # as get_scores computes it
        block_max, impacts = _impacts(offsets, passage_ids, term_freqs, idf, norms, k1,
                                      block_size)
        champions = _champions(offsets, passage_ids, impacts, 2 * block_size)
        return cls(vocabulary, offsets, passage_ids, term_freqs, idf, norms, block_max, impacts,
                   champions, k1, block_size)

    def extended(
        self, tokenized: Sequence[Sequence[str]], b: float, epsilon: float = 0.25
    ) -> BM25Postings:
        """These postings with passages appended: the very arrays `build` gives for all of the
        passages together (BM25Okapi's idf and average length change with every passage), made
        without tokenizing or counting the passages already here again.

        Each passage's length is the sum of its term frequencies; the new passages' postings go
        at the end of their terms' lists (their ids are the largest), new terms at the end of
        the vocabulary (first seen last)."""
        vocabulary = dict(self.vocabulary)
        rows: list[int] = []
        ids: list[int] = []
        freqs: list[int] = []
        for number, terms in enumerate(tokenized, start=self.size):
            for term, count in Counter(terms).items():
                rows.append(vocabulary.setdefault(term, len(vocabulary)))
                ids.append(number)
                freqs.append(count)
        count = self.size + len(tokenized)
        new_rows = np.array(rows, np.int64)
        order = np.argsort(new_rows, kind="stable")  # by term, passages ascending within one
        new_rows = new_rows[order]
        old = np.zeros(len(vocabulary), np.int64)
        old[:len(self.offsets) - 1] = np.diff(self.offsets)
        added = np.bincount(new_rows, minlength=len(vocabulary))
        offsets = np.concatenate(([0], np.cumsum(old + added))).astype(np.int64)
        wide = self.term_freqs.dtype == np.uint32 or (freqs and max(freqs) > 0xFFFF)
        passage_ids = np.empty(offsets[-1], np.int32)
        term_freqs = np.empty(offsets[-1], np.uint32 if wide else np.uint16)
        kept = old[:len(self.offsets) - 1]
        places = np.repeat(offsets[:len(kept)] - self.offsets[:-1], kept) + np.arange(len(
            self.passage_ids))
        passage_ids[places] = self.passage_ids
        term_freqs[places] = self.term_freqs
        firsts = (np.cumsum(added) - added)[new_rows]
        places = offsets[new_rows] + old[new_rows] + np.arange(len(new_rows)) - firsts
        passage_ids[places] = np.array(ids, np.int32)[order]
        term_freqs[places] = np.array(freqs, np.int64)[order]
        if not offsets[-1]:
            return BM25Postings.build([[] for _ in range(count)], self.k1, b, epsilon,
                                      self.block_size)
        lengths = np.bincount(passage_ids, term_freqs, minlength=count).astype(np.int64)
        idf = okapi_idf(np.diff(offsets), count, epsilon)
        norms = self.k1 * (1 - b + b * lengths / (int(lengths.sum()) / count))
        block_max, impacts = _impacts(offsets, passage_ids, term_freqs, idf, norms, self.k1,
                                      self.block_size)
        champions = _champions(offsets, passage_ids, impacts, 2 * self.block_size)
        return BM25Postings(vocabulary, offsets, passage_ids, term_freqs, idf, norms, block_max,
                            impacts, champions, self.k1, self.block_size)

    def to_arrays(self) -> tuple[list[str], dict[str, np.ndarray]]:
        """The terms in row order and every array of the state, for storing."""
        arrays = {name: getattr(self, name) for name in _ARRAYS}
        scalars = {"k1": np.array(self.k1), "block_size": np.array(self.block_size)}
        return list(self.vocabulary), {**arrays, **scalars}

    @classmethod
    def from_arrays(cls, terms: Iterable[str], arrays: Mapping[str, np.ndarray]) -> BM25Postings:
        """The postings `to_arrays` gave (the arrays may be memory-mapped)."""
        vocabulary = {term: row for row, term in enumerate(terms)}
        offsets, passage_ids, term_freqs, idf, norms, block_max, impacts, champions = (
            arrays[name] for name in _ARRAYS)
        return cls(vocabulary, offsets, passage_ids, term_freqs, idf, norms, block_max, impacts,
                   champions, float(arrays["k1"]), int(arrays["block_size"]))

    # -- what a term occurs in --------------------------------------------------------------

    def passages_with(self, term: str) -> np.ndarray:
        """Indices of the passages that hold the term (ascending); empty if none does."""
        row = self.vocabulary.get(term)
        if row is None:
            return self.passage_ids[:0]
        return self.passage_ids[self.offsets[row]:self.offsets[row + 1]]

    def document_frequency(self, term: str) -> int:
        """How many passages hold the term."""
        row = self.vocabulary.get(term)
        return 0 if row is None else int(self.offsets[row + 1] - self.offsets[row])

    # -- scoring ----------------------------------------------------------------------------

    def scores(self, terms: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """Passage indices the terms touch (ascending) and their BM25 scores.

        Repeated query terms count again, and unknown ones add nothing, as in get_scores.
        """
        return self._score_all(self._rows(terms))

    def top(
        self, terms: Sequence[str], k: int, allowed: np.ndarray | None = None
    ) -> list[ScoredPassage]:
        """The k best passages, best first; ties go to the earlier passage.

        `allowed`, a boolean mask over passages, restricts the result (an outlet, a document).
        Exactly what ranking every passage of `scores` would give, usually without doing so.
        """
        rows = self._rows(terms)
        if not rows or k <= 0:
            return []
        candidates = self._candidates(rows, k, allowed)
        if candidates is None:
            indices, values = self._score_all(rows)
            if allowed is not None and len(indices):
                keep = allowed[indices]
                indices, values = indices[keep], values[keep]
        else:
            indices, values = candidates, self._score_some(candidates, rows)
        return _best(indices, values, k)

    # -- internals --------------------------------------------------------------------------

    def _rows(self, terms: Sequence[str]) -> list[int]:
        return [self.vocabulary[t] for t in terms if t in self.vocabulary]

    def _contributions(self, idf: float | np.ndarray, freqs: np.ndarray,
                       passages: np.ndarray) -> np.ndarray:
        return contribution(idf, freqs, self.norms[passages], self.k1)

    def _postings(self, row: int) -> tuple[int, int]:
        return int(self.offsets[row]), int(self.offsets[row + 1])

    def _score_all(self, rows: Sequence[int]) -> tuple[np.ndarray, np.ndarray]:
        """Every passage the rows touch, with its score summed in query order."""
        if not rows:
            return np.zeros(0, np.int32), np.zeros(0)
        parts = []
        for row in rows:
            start, end = self._postings(row)
            ids = self.passage_ids[start:end]
            parts.append((ids, self._contributions(self.idf[row], self.term_freqs[start:end], ids)))
        if len(parts) == 1:
            return parts[0]
        touched = sum(len(ids) for ids, _ in parts)
        if touched * 16 < self.size:  # few postings: sort them; bincount adds in query order
            indices = _union([ids for ids, _ in parts])
            slots = np.searchsorted(indices, np.concatenate([ids for ids, _ in parts]))
            summed = np.bincount(slots, np.concatenate([w for _, w in parts]), len(indices))
            return indices, summed
        accumulator = np.zeros(self.size)  # common terms: one pass over the corpus beats sorting
        mask = np.zeros(self.size, bool)
        for ids, weights in parts:
            accumulator[ids] += weights
            mask[ids] = True
        indices = np.flatnonzero(mask).astype(np.int32)
        return indices, accumulator[indices]

    def _score_some(self, passages: np.ndarray, rows: Sequence[int]) -> np.ndarray:
        """Scores of some passages (ascending), each term looked up, summed in query order."""
        shares = {row: self._looked_up(row, passages) for row in dict.fromkeys(rows)}
        total = np.zeros(len(passages))
        for row in rows:
            total += shares[row]
        return total

    def _looked_up(self, row: int, passages: np.ndarray) -> np.ndarray:
        """The term's contribution to each of some passages (ascending); 0 where absent."""
        start, end = self._postings(row)
        ids = self.passage_ids[start:end]
        at = np.minimum(np.searchsorted(ids, passages), len(ids) - 1)
        hit = ids[at] == passages
        share = np.zeros(len(passages))
        at = at[hit] + start
        share[hit] = self._contributions(self.idf[row], self.term_freqs[at], passages[hit])
        return share

    def _bounds(self, row: int, passages: np.ndarray) -> np.ndarray:
        """Upper bounds of the term's contribution to some passages (ascending): exact for a
        few, else the largest of the block each falls in, and 0 for those not in its list."""
        if 16 * len(passages) < self._length(row):
            return self._looked_up(row, passages)
        bound = self._block_bounds(row, passages)
        bound[~np.isin(passages, self._passages(row), kind="table")] = 0.0
        return bound

    def _block_postings(self, row: int, blocks: np.ndarray) -> np.ndarray:
        """Positions of the postings in some of a term's blocks (numbered from its first)."""
        start, end = self._postings(row)
        firsts = start + self.block_size * blocks
        sizes = np.minimum(firsts + self.block_size, end) - firsts
        return np.repeat(firsts - (np.cumsum(sizes) - sizes), sizes) + np.arange(sizes.sum())

    def _candidates(
        self, rows: Sequence[int], k: int, allowed: np.ndarray | None
    ) -> np.ndarray | None:
        """Passages (ascending, allowed) that hold the top k; None: score everything instead.

        1. A floor θ under the k-th best score: the k-th best exact score among the passages
           where each term contributes most (its champions).
        2. A term adds at most its bound (its largest contribution times its count in the
           query) to a passage. θ is split into a share per term (`_shares`): the longest lists
           whose bounds fit get their bounds, so none of their passages is a candidate for
           their sake; the others are candidates where their impact reaches their share. A
           passage below its share in every term scores below θ.
        3. Each candidate's score is bounded by the impacts known and the others' shares or
           bounds, then, term by term while many remain, tightened by the block its passage
           falls in (0 if not in the list, exact if few remain); the best bounded are scored,
           which may raise θ. Only candidates whose bound reaches θ are returned.

        Bounds are compared with θ lowered by SLACK, so rounding never drops a passage.
        """
        counts = Counter(rows)
        unique = np.fromiter(counts, np.int64, count=len(counts))
        lengths = self.offsets[unique + 1] - self.offsets[unique]
        if lengths.sum() < SMALL_BLOCKS * self.block_size:
            return None
        if self.idf[unique].min() < 0:  # a negative contribution would undo the bounds
            return None
        pool = self._pool(counts, allowed)
        if len(pool) < k:
            return None
        floor = np.partition(self._score_some(pool, rows), len(pool) - k)[len(pool) - k]
        if floor <= 0:
            return None
        target = floor * (1 - SLACK)
        shares = self._shares(counts, target)
        known = {row: self._reaching(row, least) for row, least in shares.items()
                 if least < np.inf}
        found, where_known = _union_places(pool, [ids for ids, _ in known.values()])
        places = dict(zip(known, where_known, strict=True))
        upper = np.zeros(len(found))
        bounds: dict[int, np.ndarray] = {}  # per term, per found passage: at most this
        for row, times in counts.items():
            least = shares[row]
            bound = np.full(len(found), self.term_max[row] if least == np.inf else least)
            if row in known:  # a passage not among the postings reaching `least` is below it
                bound[places[row]] = known[row][1]
            bounds[row] = bound
            upper += times * bound
        alive = upper >= target
        if allowed is not None:
            alive &= allowed[found]
        for row in sorted(counts, key=lambda r: -self.term_max[r] * counts[r]):
            if shares[row] == 0:
                continue  # already exact
            where = np.flatnonzero(alive)
            if len(where) <= 4 * k:
                break
            if row in places:  # those among its postings reaching its share have their impact
                unknown = np.ones(len(found), bool)
                unknown[places[row]] = False
                where = where[unknown[where]]
            tighter = np.minimum(bounds[row][where], self._bounds(row, found[where]))
            upper[where] -= counts[row] * (bounds[row][where] - tighter)
            alive[where] = upper[where] >= target
        where = np.flatnonzero(alive)
        if len(where) > 4 * k:  # the best bounded passages may well raise θ
            likely = np.sort(where[np.argpartition(upper[where], len(where) - 4 * k)[-4 * k:]])
            scored = self._score_some(found[likely], rows)
            floor = max(floor, np.partition(scored, len(scored) - k)[len(scored) - k])
            where = where[upper[where] >= floor * (1 - SLACK)]
        if len(where) * len(counts) * 4 > lengths.sum():  # scoring everything is cheaper
            return None
        return found[where]

    def _shares(self, counts: Mapping[int, int], target: float) -> dict[int, float]:
        """Each term's share of θ, per occurrence in the query: inf (its passages need not be
        looked at), 0 (all are candidates) or the contribution a candidate must reach.

        The longest lists whose bounds fit in θ get them; what is left goes all to the next
        list, or is spread over the rest in proportion to their bounds: whichever makes the
        fewest candidates.
        """
        rows = sorted(counts, key=lambda r: self.offsets[r] - self.offsets[r + 1])
        bounds = [float(self.term_max[r]) * counts[r] for r in rows]
        best: dict[int, float] = {}
        cost = np.inf
        reach: dict[int, np.ndarray] = {}

        def opened(row: int, least: float) -> float:
            """About how many of the term's postings would be candidates."""
            if least == 0:
                return self._length(row)
            lowest = int(least / self.unit[row])
            if lowest > 255:
                return 0.0
            if row not in reach:
                reach[row] = self._reach_counts(row)
            return float(reach[row][lowest])

        left = target
        for skip in range(len(rows)):
            rest, total = rows[skip:], sum(bounds[skip:])
            if total <= 0:
                break
            spread = left / total
            plans = [{r: spread * float(self.term_max[r]) for r in rest}]
            if bounds[skip] >= left:
                plans.append({rest[0]: left / counts[rest[0]], **dict.fromkeys(rest[1:], 0.0)})
            for plan in plans:
                candidates = sum(opened(r, least) for r, least in plan.items())
                if candidates < cost:
                    best, cost = {**dict.fromkeys(rows[:skip], np.inf), **plan}, candidates
            if bounds[skip] >= left:
                break
            left -= bounds[skip]
        return best or dict.fromkeys(rows, np.inf)

    def _reach_counts(self, row: int) -> np.ndarray:
        """About how many of the term's postings have each impact or more (from every 8th)."""
        start, end = self._postings(row)
        sample = np.bincount(self.impacts[start:end:8], minlength=256)
        return np.cumsum(sample[::-1])[::-1] * (end - start) / max(1, sample.sum())

    def _passages(self, row: int) -> np.ndarray:
        return self.passage_ids[self.offsets[row]:self.offsets[row + 1]]

    def _length(self, row: int) -> int:
        return int(self.offsets[row + 1] - self.offsets[row])

    def _reaching(self, row: int, least: float) -> tuple[np.ndarray, np.ndarray]:
        """The term's passages where its contribution may reach `least` (all if 0), with an
        upper bound of that contribution (its impact); every passage left out is below `least`.
        """
        start, end = self._postings(row)
        unit = self.unit[row]
        if least > 0:
            lowest = int(least / unit)  # rounded down: keeps every posting whose impact reaches
            if lowest > 255:
                return self.passage_ids[:0], np.zeros(0)
            first, last = self.block_offsets[row], self.block_offsets[row + 1]
            blocks = np.flatnonzero(self.block_max[first:last] >= least)
            if 4 * len(blocks) < last - first:
                positions = self._block_postings(row, blocks)
                positions = positions[self.impacts[positions] >= lowest]
            else:  # most blocks: a pass over the term's impacts is cheaper
                positions = start + np.flatnonzero(self.impacts[start:end] >= lowest)
            return self.passage_ids[positions], self.impacts[positions] * unit
        return self.passage_ids[start:end], self.impacts[start:end] * unit

    def _block_bounds(self, row: int, passages: np.ndarray) -> np.ndarray:
        """For each passage (ascending), the largest contribution of the term's block whose
        range of passages holds it; 0 outside the term's first and last passage."""
        first, last = self.block_offsets[row], self.block_offsets[row + 1]
        end = self.offsets[row + 1]
        block = np.searchsorted(self.block_first[first:last], passages, "right") - 1
        bound = self.block_max[first + np.maximum(block, 0)]
        bound[(block < 0) | (passages > self.passage_ids[end - 1])] = 0.0
        return bound

    def _pool(self, rows: Iterable[int], allowed: np.ndarray | None) -> np.ndarray:
        """Passages (ascending, allowed) where each term contributes most: its champions."""
        parts = []
        for row in rows:
            first, last = self.champion_offsets[row], self.champion_offsets[row + 1]
            if first == last:  # a short list is its own champion list
                start, end = self._postings(row)
                parts.append(self.passage_ids[start:end])
            else:
                parts.append(self.champions[first:last])
        pool = _union(parts)
        return pool if allowed is None else pool[allowed[pool]]


def contribution(
    idf: float | np.ndarray, freqs: np.ndarray, norms: np.ndarray, k1: float
) -> np.ndarray:
    """A term's share of passages' scores: the expression of BM25Okapi.get_scores, verbatim."""
    return idf * (freqs * (k1 + 1) / (freqs + norms))


_ARRAYS = ("offsets", "passage_ids", "term_freqs", "idf", "norms", "block_max", "impacts",
           "champions")


def _union(parts: Sequence[np.ndarray]) -> np.ndarray:
    """The distinct passages of several ascending arrays, ascending (sorting merges runs)."""
    merged = np.sort(np.concatenate(parts), kind="stable")
    if len(merged) < 2:
        return merged
    return merged[np.concatenate(([True], merged[1:] != merged[:-1]))]


def _union_places(
    first: np.ndarray, parts: Sequence[np.ndarray]
) -> tuple[np.ndarray, list[np.ndarray]]:
    """The distinct passages of ascending arrays (ascending), and where each part's passages
    are in it: one stable argsort for many passages, else a sort and a search per part."""
    merged = np.concatenate([first, *parts])
    if len(merged) < UNION_SORTED:
        found = _union([first, *parts])
        return found, [np.searchsorted(found, part) for part in parts]
    order = np.argsort(merged, kind="stable")
    ordered = merged[order]
    fresh = np.concatenate(([True], ordered[1:] != ordered[:-1]))
    places = np.empty(len(merged), np.intp)
    places[order] = np.cumsum(fresh) - 1
    cuts = np.cumsum([len(first), *(len(part) for part in parts)])
    return ordered[fresh], np.split(places, cuts[:-1])[1:]


def _best(indices: np.ndarray, values: np.ndarray, k: int) -> list[ScoredPassage]:
    """The k highest scores, best first; ties go to the lower index."""
    if len(indices) > k:
        threshold = np.partition(values, len(values) - k)[len(values) - k]
        chosen = np.flatnonzero(values >= threshold)
        indices, values = indices[chosen], values[chosen]
    order = np.lexsort((indices, -values))[:k]
    return [ScoredPassage(int(indices[i]), float(values[i])) for i in order]


def okapi_idf(frequencies: np.ndarray, passages: int, epsilon: float) -> np.ndarray:
    """BM25Okapi's idf of terms with these document frequencies (terms in first-seen order).

    Its very arithmetic: math.log per distinct frequency, the average taken by a running sum
    in first-seen order, and negative values raised to epsilon times that average.
    """
    distinct, slots = np.unique(frequencies, return_inverse=True)
    logs = [math.log(passages - f + 0.5) - math.log(f + 0.5) for f in distinct.tolist()]
    idf = np.array(logs)[slots]
    average = float(np.cumsum(idf)[-1]) / len(idf)  # cumsum adds one by one, like its loop
    return np.where(idf < 0, epsilon * average, idf)


def _chunk_bounds(lengths: np.ndarray) -> list[tuple[int, int]]:
    """Consecutive passage ranges of about CHUNK_TOKENS tokens each."""
    ends = np.cumsum(lengths)
    cuts = np.searchsorted(ends, np.arange(CHUNK_TOKENS, ends[-1], CHUNK_TOKENS), "right")
    bounds = sorted({0, *cuts.tolist(), len(lengths)})
    return list(pairwise(bounds))


def _count_chunk(
    flat: np.ndarray, starts: np.ndarray, lengths: np.ndarray, start: int, end: int, terms: int,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Passages [start, end): postings per term (counts), passage ids, frequencies."""
    width = end - start
    rows = flat[starts[start]:starts[end]].astype(np.int64)
    keys, freqs = np.unique(rows * width + np.repeat(np.arange(width), lengths[start:end]),
                            return_counts=True)
    rows = keys // width
    ids = (keys - rows * width + start).astype(np.int32)
    freqs = freqs.astype(np.uint16 if not len(freqs) or freqs.max() <= 0xFFFF else np.uint32)
    return np.bincount(rows, minlength=terms), ids, freqs


class TermNumbers:
    """Tokenized passages as numbers into a vocabulary, terms numbered in the order they first
    occur (BM25Okapi's idf order): four bytes a token, so that a large corpus's terms are
    never all held as lists of strings while the index is built."""

    def __init__(self) -> None:
        self.vocabulary: dict[str, int] = {}
        self.numbers = array("i")
        self.lengths = array("q")

    def add(self, tokens: Sequence[str]) -> None:
        """The next passage's tokens."""
        vocabulary = self.vocabulary
        self.numbers.extend([vocabulary.setdefault(t, len(vocabulary)) for t in tokens])
        self.lengths.append(len(tokens))


def _place(
    chunks: list[tuple[np.ndarray, np.ndarray, np.ndarray]], terms: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The chunks' postings grouped by term, passages ascending within a term; frees chunks."""
    frequencies = np.zeros(terms, np.int64)
    for counts, _, _ in chunks:
        frequencies[:len(counts)] += counts
    offsets = np.concatenate(([0], np.cumsum(frequencies)))
    wide = any(freqs.dtype == np.uint32 for _, _, freqs in chunks)
    passage_ids = np.empty(offsets[-1], np.int32)
    term_freqs = np.empty(offsets[-1], np.uint32 if wide else np.uint16)
    cursor = offsets[:-1].copy()
    chunks.reverse()
    while chunks:
        counts, ids, freqs = chunks.pop()
        rows = np.repeat(np.arange(len(counts)), counts)
        places = cursor[rows] + np.arange(len(ids)) - (np.cumsum(counts) - counts)[rows]
        passage_ids[places] = ids
        term_freqs[places] = freqs
        cursor[:len(counts)] += counts
    return offsets, passage_ids, term_freqs


def _impacts(
    offsets: np.ndarray, passage_ids: np.ndarray, term_freqs: np.ndarray, idf: np.ndarray,
    norms: np.ndarray, k1: float, size: int,
) -> tuple[np.ndarray, np.ndarray]:
    """The largest contribution of each block of `size` postings (a term's last may hold fewer),
    and each posting's contribution rounded up to a 255th of its term's largest (`_unit`).

    Whole terms at a time, about CHUNK_TOKENS postings, so no array as long as the postings is
    made but the uint8 one kept.
    """
    frequencies = np.diff(offsets)
    blocks = -(-frequencies // size)
    block_offsets = np.concatenate(([0], np.cumsum(blocks)))
    maxima = np.empty(block_offsets[-1])
    impacts = np.empty(offsets[-1], np.uint8)
    cuts = np.searchsorted(offsets, np.arange(CHUNK_TOKENS, offsets[-1], CHUNK_TOKENS))
    bounds = sorted({0, *cuts.tolist(), len(frequencies)})
    for low, high in pairwise(bounds):
        start, end = offsets[low], offsets[high]
        rows = np.repeat(np.arange(low, high), frequencies[low:high])
        weights = contribution(idf[rows], term_freqs[start:end], norms[passage_ids[start:end]], k1)
        owner = np.repeat(np.arange(low, high), blocks[low:high])
        firsts = offsets[owner] + size * (np.arange(len(owner)) - block_offsets[owner] +
                                          block_offsets[low]) - start
        chunk_maxima = np.maximum.reduceat(weights, firsts)
        maxima[block_offsets[low]:block_offsets[high]] = chunk_maxima
        largest = np.maximum.reduceat(chunk_maxima, block_offsets[low:high] - block_offsets[low])
        impacts[start:end] = np.ceil(np.maximum(weights, 0) / _unit(largest)[rows - low])
    return maxima, impacts


def _unit(largest: np.ndarray) -> np.ndarray:
    """A 255th of each term's largest contribution, a hair more so that 255 units cover it.

    (1 for a term that adds nothing; negative contributions are never bounded by impacts.)
    """
    return np.where(largest > 0, largest * (1 + 1e-9) / 255, 1.0)


def _champions(offsets: np.ndarray, passage_ids: np.ndarray, impacts: np.ndarray,
               count: int) -> np.ndarray:
    """Of each term in more than `count` passages, `count` of those it contributes most to."""
    long = np.flatnonzero(np.diff(offsets) > count)
    champions = np.empty(len(long) * count, np.int32)
    for place, row in enumerate(long.tolist()):
        start, end = offsets[row], offsets[row + 1]
        best = np.argpartition(impacts[start:end], end - start - count)[end - start - count:]
        champions[place * count:(place + 1) * count] = np.sort(passage_ids[start + best])
    return champions
