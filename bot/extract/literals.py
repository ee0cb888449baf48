"""The words a regular expression cannot match without: a cheap test that skips a pattern on a
text holding none of them.

Why: date expressions are found by some twenty patterns run over every sentence, most of them
long alternations tried at every word; most sentences hold no date, and `"ago" in sentence`
costs far less than trying the pattern that needs "ago". The words are read from the pattern
itself (Python's own regex parser), so a pattern changed or added is covered without a list to
keep in step; where no such word can be told (a pattern that may match digits alone), the
pattern is always run. Skipping never changes what is found: a pattern is skipped only when
none of the strings one of which every match contains is in the text.
"""

from __future__ import annotations

import importlib
import re
from functools import cache
from typing import Any

try:  # the regex parser of the standard library (private, hence the fallback)
    _codes: Any = importlib.import_module("re._constants")
    _regex_parser: Any = importlib.import_module("re._parser")
except ImportError:  # pragma: no cover - another Python: every pattern is run
    _regex_parser = _codes = None

# Characters other than ASCII that an ASCII letter matches when case is ignored ("ſ" is an "s",
# the kelvin sign a "k"): a text holding one is searched with every pattern.
ASCII_TWINS = frozenset("\u0130\u0131\u017f\u212a")  # İ ı ſ, the kelvin sign
# Conditions with more alternatives than this cost more to test than they save.
MOST_WORDS = 40

Words = frozenset[str]


@cache
def needed_words(pattern: re.Pattern[str]) -> tuple[Words, bool] | None:
    """Strings at least one of which every match of `pattern` contains, and whether they are
    lowercased (the pattern ignores case); None when no such strings are known."""
    if _regex_parser is None or pattern.flags & (re.LOCALE | re.ASCII):
        return None
    try:
        tree = _regex_parser.parse(pattern.pattern, pattern.flags)
        words = _sequence(list(tree))
    except Exception:  # a construct this does not read: run the pattern
        return None
    if not words or "" in words or len(words) > MOST_WORDS:
        return None
    fold = bool(pattern.flags & re.IGNORECASE)
    if fold:
        if not all(w.isascii() for w in words):
            return None  # other letters have case twins this does not track
        words = frozenset(w.lower() for w in words)
    return words, fold


def _sequence(items: list[tuple[Any, Any]]) -> Words | None:
    """The best condition of a sequence: any one item's (or run of literals') is necessary,
    so the one with the fewest, then the longest, words."""
    options: list[Words] = []
    run: list[str] = []
    for op, value in items:
        if op is _codes.LITERAL:
            run.append(chr(value))
            continue
        if run:
            options.append(frozenset(["".join(run)]))
            run = []
        found = _item(op, value)
        if found is not None:
            options.append(found)
    if run:
        options.append(frozenset(["".join(run)]))
    if not options:
        return None
    return min(options, key=lambda o: (len(o), -min(map(len, o))))


def _item(op: Any, value: Any) -> Words | None:
    if op is _codes.SUBPATTERN:
        _, added, removed, inner = value
        return None if added or removed else _sequence(list(inner))
    if op is _codes.ATOMIC_GROUP:
        return _sequence(list(value))
    if op in (_codes.MAX_REPEAT, _codes.MIN_REPEAT, _codes.POSSESSIVE_REPEAT):
        least, _, inner = value
        return _sequence(list(inner)) if least >= 1 else None
    if op is _codes.BRANCH:
        union: set[str] = set()
        for branch in value[1]:
            found = _sequence(list(branch))
            if found is None:
                return None
            union |= found
        return frozenset(union)
    return None  # classes, anchors, look-arounds, references: nothing required


class Sieve:
    """One text, asked which patterns may match it."""

    __slots__ = ("folded", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        twins = not text.isascii() and not ASCII_TWINS.isdisjoint(text)
        self.folded = None if twins else text.lower()  # None: ignoring case, anything may match

    def may_match(self, pattern: re.Pattern[str]) -> bool:
        needed = needed_words(pattern)
        if needed is None:
            return True
        words, fold = needed
        haystack = self.folded if fold else self.text
        return haystack is None or any(word in haystack for word in words)
