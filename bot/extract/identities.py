"""One identity per person across the corpus, however each outlet spells the name.

Outlets spell the same person differently ("Ana María Pérez Soto", "Ana Maria Perez"); without
one identity, /quote splits a person's words, and the same quotation carried by two outlets is
not recognised as one.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from bot.extract.people import name_key


@dataclass(frozen=True, slots=True)
class Identities:
    """Each spelling of a person's name in the corpus mapped to one label for the person.

    The label is the fullest form some article printed, so the bot's attribution never invents
    a name; each quote's text stays verbatim.
    """

    labels: dict[str, str] = field(default_factory=dict)  # spelling -> label

    def label(self, speaker: str) -> str:
        """The label of a speaker; for a joint speaker ("A and B"), of each of its persons."""
        return " and ".join(self.labels.get(part, part) for part in speaker.split(" and "))


def identify(names: Iterable[str]) -> Identities:
    """One identity per person among the names (quote speakers and people named in the corpus).

    Two spellings are one person when they fold to the same words (accents and case), or when
    the shorter one has two words or more, starts with the longer one's first word and has
    its other words in it in order ("Ana Pérez" in "Ana María Pérez Soto"), and stands in no
    other person's fuller name. A bare surname or short name ("Pérez", "Pérez Soto") is
    never joined to a fuller name here: each name comes from one article, which already gave
    its surnames the full name it ties them to (people.People.canonical), so a surname left
    bare had no full name in its article, and the nearest full name of another article may
    be someone else's.
    """
    printed = Counter(part for name in names for part in name.split(" and ") if part[:1].isupper())
    spellings: dict[tuple[str, ...], Counter[str]] = {}
    for part, count in printed.items():
        spellings.setdefault(name_key(part.split()), Counter())[part] = count
    keys = sorted(spellings, key=len, reverse=True)
    # Every word of a shorter spelling of a person stands in the fuller one, so only the fuller
    # names holding the shorter one's rarest word are compared: not every pair of spellings.
    holding: dict[str, list[tuple[str, ...]]] = {}
    for key in keys:
        for word in dict.fromkeys(key):
            holding.setdefault(word, []).append(key)
    owner: dict[tuple[str, ...], tuple[str, ...]] = {}
    for key in keys:
        rarest = min(key, key=lambda word: len(holding[word]))
        fuller = set()
        for other in holding[rarest]:  # fullest first
            if len(other) <= len(key):
                break
            if _same_person(key, other):
                fuller.add(owner[other])
        owner[key] = fuller.pop() if len(fuller) == 1 else key
    labels: dict[str, str] = {}
    chosen: dict[tuple[str, ...], str] = {}
    for key in keys:
        label = chosen.get(owner[key])
        if label is None:
            forms = spellings[owner[key]]
            label = max(sorted(forms), key=lambda s: (_accents(s), forms[s]))
            chosen[owner[key]] = label
        for spelling in spellings[key]:
            labels[spelling] = label
    return Identities(labels)


def _same_person(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    """A fuller spelling of the same full name: the given name first, the rest in order."""
    if len(short) < 2 or short[0] != long[0]:
        return False
    rest = iter(long[1:])  # in order: "Ana Pérez" in "Ana María Pérez"
    return all(word in rest for word in short[1:])


def _accents(name: str) -> int:
    """How many letters carry a diacritic: an outlet that prints them spells the name fully."""
    return sum(unicodedata.normalize("NFKD", c) != c for c in name)


def fullest_role(role: str, roles: Iterable[str]) -> str:
    """The longest of `roles` ending with `role`'s words ("minister" -> "foreign minister")."""
    wanted = name_key(role.split())
    if not wanted:
        return role
    best = role
    for other in roles:
        words = name_key(other.split())
        if len(words) > len(best.split()) and words[-len(wanted):] == wanted:
            best = other
    return best
