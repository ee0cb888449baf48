"""py3langid's model, scored with numpy instead of a Python loop over every byte.

Why: detecting the language of each article and passage was a third of what building the index
costs. py3langid walks its automaton one byte at a time in Python; the walk is done here over
all bytes at once, with the same model, the same feature counts in the same order and the same
arithmetic, so every text gets exactly the language and probability py3langid gives it (the
unit tests compare the two).

The automaton is langid.py's Aho-Corasick machine over byte n-grams: its state after a byte is
the longest suffix of the text read so far that begins some n-gram, so it depends only on the
last `window` bytes (the depth of its deepest state). The state at every position is therefore
the one reached from the start state by reading the `window` bytes ending there, which numpy
computes for all positions in `window` steps.

Reading the model's rows for a text's features (a few hundred rows scattered over 57 MB) costs
more than the rest. An article's paragraphs and passages share most of their features, so the
rows read are kept in a small block and copied from there for the next texts.
"""

from __future__ import annotations

import threading

import numpy as np
from py3langid.langid import MODEL_FILE, LanguageIdentifier

KEPT_ROWS = 8192  # model rows kept for the next texts (4.6 MB): an article's features fit


class FastIdentifier(LanguageIdentifier):
    """`LanguageIdentifier` whose feature counting is vectorized; all else is py3langid's."""

    __slots__ = ("_kept", "_kept_rows", "_lock", "_moves", "_outputs", "_rows", "_slot_of",
                 "_table", "_window")

    @classmethod
    def load(cls, kept_rows: int = KEPT_ROWS) -> FastIdentifier:
        """The model shipped with py3langid, probabilities normalized (as `classify` gives)."""
        identifier: FastIdentifier = cls.from_model_file(MODEL_FILE, norm_probs=True)
        identifier._prepare(kept_rows)
        return identifier

    def _prepare(self, kept_rows: int) -> None:
        moves = self.tk_nextmove
        self._moves = np.frombuffer(moves, dtype=np.dtype(moves.typecode))
        self._rows = np.asarray(self._rowbase, dtype=np.intp)
        self._outputs = np.asarray(self.tk_output, dtype=np.intp)
        # float16 rows widened once rather than at every text (the widening is exact)
        self._table = np.asarray(self.nb_ptc, dtype=np.float32)
        self._window = self._depth()
        # the rows of the last texts' features, and where each feature's row is kept (or -1)
        self._kept_rows = np.empty((kept_rows, self._table.shape[1]), self._table.dtype)
        self._slot_of = np.full(len(self._table), -1, np.intp)
        self._kept = 0
        self._lock = threading.Lock()

    def _depth(self) -> int:
        """The most bytes any state remembers: its distance from the start state."""
        seen = np.zeros(len(self._rows), bool)
        seen[0] = True
        frontier, depth = np.zeros(1, np.intp), 0
        while True:
            reached = np.unique(self._moves[(self._rows[frontier][:, None]
                                             + np.arange(256)).ravel()])
            frontier = reached[~seen[reached]]
            if not len(frontier):
                return depth
            seen[frontier] = True
            depth += 1

    def _states(self, data: np.ndarray) -> np.ndarray:
        """The automaton's state after each byte of `data`, started at the start state."""
        size, window = len(data), self._window
        states = np.empty(size, np.intp)
        state = 0
        for at in range(min(window - 1, size)):  # fewer bytes than the window: read them all
            state = int(self._moves[self._rows[state] + data[at]])
            states[at] = state
        if size >= window:
            reached = np.zeros(size - window + 1, np.intp)
            for step in range(window):
                reached = self._moves[self._rows[reached] + data[step:size - window + 1 + step]]
            states[window - 1:] = reached
        return states

    def _raw_score(self, text: bytes) -> np.ndarray:
        """py3langid's `_raw_score`: features counted in order of first appearance, as its
        `Counter` holds them, so that the sums are added in the same order."""
        features = self._outputs[self._states(np.frombuffer(text, np.uint8).astype(np.intp))]
        features = features[features >= 0]
        if not len(features):
            return super()._raw_score(b"")  # py3langid's answer for a text without features
        found, first, counts = np.unique(features, return_index=True, return_counts=True)
        order = np.argsort(first)
        weights = np.log1p(counts[order].astype(np.float32))
        scores: np.ndarray = weights @ self._model_rows(found[order]) + self.nb_pc
        return scores

    def _model_rows(self, features: np.ndarray) -> np.ndarray:
        """The model's rows of the features, copied from the rows kept for the last texts
        (read from the model the first time, and kept until the block is full)."""
        if len(features) > len(self._kept_rows):  # a very long text: straight from the model
            found: np.ndarray = self._table[features]
            return found
        with self._lock:
            new = features[self._slot_of[features] < 0]
            if len(new):
                if self._kept + len(new) > len(self._kept_rows):  # full: start again
                    self._slot_of[self._slot_of >= 0] = -1
                    self._kept = 0
                    new = features
                places = np.arange(self._kept, self._kept + len(new))
                self._kept_rows[places] = self._table[new]
                self._slot_of[new] = places
                self._kept += len(new)
            kept: np.ndarray = self._kept_rows[self._slot_of[features]]
            return kept
