"""A query as the index reads it: each word's terms in every language, and the aliases it names.

The index holds English and Spanish passages, each tokenized in its own language; a query's
language is not known, so each of its words is looked up in both ("bloqueo": "bloqueo" and
"bloque"). Beyond that, the configured aliases (`answers.aliases` in config.yaml, lines such as
"blockade ~ bloqueo ~ embargo") make a query naming one spelling or wording find the others, and
the answer says which it also matched: how outlets name a thing is what readers compare.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from bot.text import query_word_terms, words


@dataclass(frozen=True)
class Query:
    """What a query asks for: its words' terms in groups (a passage holding any term of a group
    holds that word), and the alias wordings added to it."""

    text: str
    groups: tuple[tuple[str, ...], ...] = ()  # a word said twice is here twice
    also: tuple[str, ...] = ()  # alias wordings the query did not name, as configured
    # Each alias set the query named: its wordings as configured, with their terms per word
    # (what /compare counts in each outlet's passages).
    wordings: tuple[tuple[tuple[str, tuple[tuple[str, ...], ...]], ...], ...] = ()

    @property
    def terms(self) -> list[str]:
        """Every term of every group, in query order (a word said twice counts twice, as in
        rank-bm25's `get_scores`)."""
        return [t for group in self.groups for t in group]


@dataclass(frozen=True)
class Aliases:
    """Sets of wordings that mean one thing ("blockade ~ bloqueo ~ embargo"), each wording as
    its folded words."""

    sets: tuple[tuple[tuple[str, ...], ...], ...] = ()
    shown: tuple[tuple[str, ...], ...] = ()  # each wording as configured, for the answer

    @classmethod
    def parse(cls, lines: Iterable[str]) -> Aliases:
        """From lines of wordings separated by "~"; spellings that fold alike are one wording
        ("Díaz-Canel ~ Diaz Canel"), and a line left with fewer than two is ignored."""
        sets, shown = [], []
        for line in lines:
            wordings: dict[tuple[str, ...], str] = {}
            for part in line.split("~"):
                if folded := tuple(words(part)):
                    wordings.setdefault(folded, " ".join(part.split()))
            if len(wordings) >= 2:
                sets.append(tuple(wordings))
                shown.append(tuple(wordings.values()))
        return cls(tuple(sets), tuple(shown))

    def matches(self, folded: Sequence[str]) -> list[tuple[int, int, int]]:
        """(start, end, set) of each wording found in the query's folded words, longest first
        where two overlap."""
        found: list[tuple[int, int, int]] = []
        for number, wordings in enumerate(self.sets):
            for wording in wordings:
                size = len(wording)
                for start in range(len(folded) - size + 1):
                    if tuple(folded[start:start + size]) == wording:
                        found.append((start, start + size, number))
        found.sort(key=lambda f: (f[0] - f[1], f[0]))
        kept: list[tuple[int, int, int]] = []
        for start, end, number in found:
            if all(end <= s or e <= start for s, e, _ in kept):
                kept.append((start, end, number))
        return sorted(kept)


NO_ALIASES = Aliases()


def analyse_query(text: str, aliases: Aliases = NO_ALIASES) -> Query:
    """The query's groups of terms: one per word, in every language; a configured wording it
    names becomes one group holding the terms of every wording of its set."""
    folded = words(text)
    matched = aliases.matches(folded)
    groups: list[tuple[str, ...]] = []
    also: list[str] = []
    sets: list[tuple[tuple[str, tuple[tuple[str, ...], ...]], ...]] = []
    cursor = 0
    for start, end, number in [*matched, (len(folded), len(folded), -1)]:
        groups += query_word_terms(" ".join(folded[cursor:start]))
        if number >= 0:
            wordings = aliases.sets[number]
            group = tuple(dict.fromkeys(t for wording in wordings for terms in
                                        query_word_terms(" ".join(wording)) for t in terms))
            if group:
                groups.append(group)
            named = tuple(folded[start:end])
            also += [shown for wording, shown in zip(wordings, aliases.shown[number], strict=True)
                     if wording != named]
            sets.append(tuple((shown, tuple(query_word_terms(" ".join(wording))))
                              for wording, shown in zip(wordings, aliases.shown[number],
                                                        strict=True)))
        cursor = end
    return Query(text, tuple(groups), tuple(dict.fromkeys(also)), tuple(dict.fromkeys(sets)))
