"""Place names and nationality adjectives, from a gazetteer rather than from any one story.

A capitalised word that names a place or a nationality ("Lisbon", "Danish", "South Korea") is
not part of a person's name; before a name it belongs to the role ("Danish Foreign Minister").
The names come from the data that the countryinfo package ships: every country's name and
capital, the world's regions, and the demonyms (its states and provinces are left out: more of
their names are also people's, and attribution measured worse with them); and Babel's names of
the countries in Spanish ("Estados Unidos").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from babel import Locale
from countryinfo import CountryInfo

from bot.text import fold


@dataclass(frozen=True, slots=True)
class Gazetteer:
    """Place names as words: one-word names, longer names as word tuples, and adjectives."""

    names: frozenset[str]  # "Lisbon", "Denmark": may also be a person's name ("Jordan")
    phrases: frozenset[tuple[str, ...]]  # ("South", "Korea"), ("Hong", "Kong")
    adjectives: frozenset[str]  # "Danish", "Korean": never a person's name
    longest: int  # words in the longest phrase


_CONNECTOR = re.compile(r"\s+(?:and|of|the|de|del|la|du|da|do)\s+|\s*[,/]\s*|\s*\([^)]*\)\s*")


def _parts(name: str) -> list[tuple[str, ...]]:
    """A place name as runs of capitalised words: "Bosnia and Herzegovina" -> two runs."""
    runs = []
    for part in _CONNECTOR.split(name):
        words = tuple(w for w in part.replace(".", " ").split() if w)
        words = words[1:] if words[:1] == ("The",) else words
        if words and all(w[:1].isupper() for w in words):
            runs.append(words)
    return runs


@cache
def gazetteer() -> Gazetteer:
    """The place names of every country in the countryinfo data, read once."""
    names: set[str] = set()
    phrases: set[tuple[str, ...]] = set()
    adjectives: set[str] = set()

    def add(name: str, singles: set[str]) -> None:
        for run in _parts(name):
            if len(run) == 1:
                singles.add(run[0])
            else:
                phrases.add(run)

    for country in CountryInfo.all().values():
        entry: dict[str, Any] = dict(country)
        capital = entry.get("capital") or []
        for name in [entry.get("name") or "", *([capital] if isinstance(capital, str) else capital),
                     *(entry.get(k) or "" for k in ("region", "subregion", "intermediateregion"))]:
            add(name, names)
        for demonym in (entry.get("demonym") or "").split(","):
            add(demonym, adjectives)
    for name in Locale.parse("es").territories.values():  # Spanish: "Estados Unidos"
        add(name, names)
    return Gazetteer(frozenset(names), frozenset(phrases), frozenset(adjectives),
                     max(map(len, phrases), default=1))


# First words of Spanish country names that name no nationality ("Islas Salomón", "Reino Unido").
_GENERIC_ES = frozenset("islas isla republica santa san santo nueva nuevo reino territorio "
                        "territorios ciudad region".split())


@cache
def nationality_stems_es() -> frozenset[str]:
    """The first four letters, folded, of the countries' Spanish names: a Spanish adjective of
    nationality is written in lower case and starts as its country does ("chino" China,
    "cubano" Cuba, "estadounidense" Estados Unidos)."""
    stems = set()
    for name in Locale.parse("es").territories.values():
        first = fold(name.split()[0]) if name.split() else ""
        if len(first) >= 4 and first not in _GENERIC_ES and name[:1].isupper():
            stems.add(first[:4])
    return frozenset(stems)


def is_nationality_es(word: str) -> bool:
    """Whether a lower-case Spanish word is an adjective of nationality ("chino", "cubana")."""
    return word.islower() and len(word) >= 4 and fold(word)[:4] in nationality_stems_es()
