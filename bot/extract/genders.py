"""Which given names are men's and which women's, from the name lists a data package ships.

"He said" refers to the last fitting person, and "fitting" starts with the pronoun's gender:
after "Ana Pérez met Tom Reyes", "she said" is Ana Pérez's. The names come from the Faker
package's person providers (MIT): each of its ~80 locales lists men's and women's given names.
A name listed for one gender in at least twice as many locales as for the other is that
gender's; the rest ("Jamie", "Hillary") and names in no list ("Xi") are unknown, and an
unknown gender fits either pronoun.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections import Counter
from functools import cache

MALE, FEMALE = "m", "f"
_MAJORITY = 2  # how many times more locales one gender needs than the other

# Honorifics say the gender even when the given name is unknown: "Ms. Qiu", "Mr. Hua".
_HONORIFIC_GENDER = {"Mr": MALE, "Mrs": FEMALE, "Ms": FEMALE, "Miss": FEMALE, "Sir": MALE,
                     "Lord": MALE, "Lady": FEMALE, "King": MALE, "Queen": FEMALE,
                     "Prince": MALE, "Princess": FEMALE, "Madam": FEMALE}
PRONOUN_GENDER = {"he": MALE, "him": MALE, "his": MALE, "she": FEMALE, "her": FEMALE,
                  "él": MALE, "ella": FEMALE}  # Spanish


@cache
def _providers() -> list[type]:
    """The person providers of every Faker locale (imported here: only attribution needs them)."""
    from faker.providers import person

    found = []
    for module in pkgutil.iter_modules(person.__path__):
        provider = getattr(importlib.import_module(f"{person.__name__}.{module.name}"),
                           "Provider", None)
        if provider is not None:
            found.append(provider)
    return found


@cache
def _family_names() -> frozenset[str]:
    """Every locale's family names: "Reyes" opening a sentence is a person, "Demonstrators"
    is not."""
    return frozenset(n for provider in _providers()
                     for n in getattr(provider, "last_names", ()) or () if n[:1].isupper())


@cache
def _given_names() -> dict[str, str]:
    """Every given name -> its gender, or "" where the locales do not agree."""
    men: Counter[str] = Counter()
    women: Counter[str] = Counter()
    for provider in _providers():
        male = getattr(provider, "first_names_male", None)
        female = getattr(provider, "first_names_female", None)
        if male and female:
            men.update({n for n in male if n[:1].isupper()})
            women.update({n for n in female if n[:1].isupper()})
    genders = {}
    for name in men.keys() | women.keys():
        if men[name] >= _MAJORITY * women[name]:
            genders[name] = MALE
        elif women[name] >= _MAJORITY * men[name]:
            genders[name] = FEMALE
        else:
            genders[name] = ""
    return genders


def gender_of_name(words: list[str]) -> str:
    """The gender of a person named by `words` (given name first), or "" if not known."""
    if not words:
        return ""
    return _given_names().get(words[0], "")


def gender_of_title(title: str) -> str:
    """The gender an honorific gives ("Mrs." -> female), or ""."""
    return _HONORIFIC_GENDER.get(title.rstrip("."), "")


def is_given_name(word: str) -> bool:
    """Whether the word is someone's given name in some locale (a person, not a place)."""
    return word in _given_names()


def is_family_name(word: str) -> bool:
    """Whether the word is a family name in some locale's list."""
    return word in _family_names()
