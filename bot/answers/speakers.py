"""Who is quoted and who is named, by person: /quote's lookups, made once per index.

A person is one label across spellings (bot.extract.identities); /quote asks which labels a
query names, which quotations each person said, and which sentences name them. Found by
walking every quotation and every mention, those would cost a pass over the corpus per
question; here they are looked up, read from the index's columns once.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import chain

from bot.models import field_values
from bot.retrieval.index import NewsIndex
from bot.text import STOPWORDS, words


@dataclass(frozen=True)
class Speakers:
    labels: dict[str, str]  # spelling -> the person's label (Identities.labels)
    spellings: dict[str, list[str]]  # folded word -> the spellings holding it
    said: dict[str, list[int]]  # a person's label -> their quotations (alone or jointly)
    by_label: dict[str, list[int]]  # a speaker's whole label -> their quotations
    naming: dict[str, list[int]]  # a person's label -> the sentences naming them (index.people)

    @classmethod
    def of(cls, index: NewsIndex) -> Speakers:
        identities = index.identities
        spellings: dict[str, list[str]] = {}
        for spelling in identities.labels:
            for word in dict.fromkeys(words(spelling)):
                spellings.setdefault(word, []).append(spelling)
        said: dict[str, list[int]] = {}
        by_label: dict[str, list[int]] = {}
        for position, speaker in enumerate(field_values(index.quotes, "speaker")):
            label = identities.label(speaker)
            by_label.setdefault(label, []).append(position)
            for person in dict.fromkeys(label.split(" and ")):
                said.setdefault(person, []).append(position)
        naming: dict[str, list[int]] = {}
        for position, person in enumerate(field_values(index.people, "person")):
            naming.setdefault(identities.label(person), []).append(position)
        return cls(identities.labels, spellings, said, by_label, naming)

    def named(self, query: str) -> set[str]:
        """The people (their labels) with a spelling holding every word of the query ("Xi")."""
        wanted = {w for w in words(query) if w not in STOPWORDS}
        if not wanted:
            return set()
        holding = set.intersection(*(set(self.spellings.get(w, ())) for w in wanted))
        return {self.labels[spelling] for spelling in holding}

    def quotations_of(self, persons: set[str]) -> list[int]:
        """The quotations any of the persons said, alone or jointly, in corpus order."""
        return sorted(set(chain.from_iterable(self.said.get(p, ()) for p in persons)))

    def quotations_labelled(self, label: str) -> list[int]:
        """The quotations whose speaker's whole label is this one, in corpus order."""
        return self.by_label.get(label, [])

    def naming_any(self, persons: set[str]) -> list[int]:
        """The sentences naming any of the persons (positions in index.people), in order."""
        return sorted(set(chain.from_iterable(self.naming.get(p, ()) for p in persons)))
