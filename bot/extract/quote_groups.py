"""Which quotations are the same words of the same speaker, found by the terms they share.

Outlets carry one quotation many times, and translate and shorten it ("among" / "between
socialist countries"): a reader wants it once, with every outlet that carried it. So sameness is
a high term overlap, or one quotation's terms inside the other's, by a compatible speaker (the
same person, however each outlet spells the name). Quotations are grouped in the order they
are shown, each joining the first group whose first quotation it matches; the groups are
looked up through the terms they hold, never by comparing a quotation with every group.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from bot.extract.people import name_key
from bot.extract.quotes import Quote
from bot.models import field_values
from bot.text import jaccard, tokenize

SAME_QUOTE = 0.6  # term overlap (Jaccard) from which two quotations are one, worded differently
CONTAINED = 3  # terms a quotation needs for its terms inside another's to make it the same
# Interview answers are many sentences of one person: without a topic, a few stand for them.
INTERVIEW_SENTENCES_WITHOUT_TOPIC = 2
KIND_ORDER = {"quotation": 0, "interview": 1, "fragment": 2}  # the order kinds are shown in


@lru_cache(maxsize=1 << 17)
def said_terms(text: str) -> frozenset[str]:
    """The index terms of a quotation's words: what two wordings of it are compared by."""
    return frozenset(tokenize(text))


def without_topic(quotes: Sequence[Quote]) -> list[int]:
    """The positions of the quotations shown when no topic is asked, in the order shown:
    quotations, then a few answers of each interview, then fragments."""
    per_interview: Counter[str] = Counter()
    kept = []
    kinds = field_values(quotes, "kind")
    for position, (kind, passage) in enumerate(zip(kinds, field_values(quotes, "passage_id"),
                                                   strict=True)):
        if kind == "interview":
            doc_id = passage.rsplit("#", 1)[0]
            per_interview[doc_id] += 1
            if per_interview[doc_id] > INTERVIEW_SENTENCES_WITHOUT_TOPIC:
                continue
        kept.append(position)
    return sorted(kept, key=lambda p: KIND_ORDER[kinds[p]])


def same_words(mine: frozenset[str], theirs: frozenset[str]) -> bool:
    """Whether two quotations' terms say the same: one inside the other, or mostly shared."""
    if not mine or not theirs:
        return False
    contained = min(len(mine), len(theirs)) >= CONTAINED and (mine <= theirs or theirs <= mine)
    return contained or jaccard(mine, theirs) >= SAME_QUOTE


def same_speaker(a: str, b: str) -> bool:
    """Whether two speakers' labels may be one person: the same, one of them unknown, or one
    printed shorter ("Osei", "Lindiwe Osei"). The same words under such names are one
    quotation; the names stay apart as people (bot.extract.identities)."""
    if not a or not b or a == b:
        return True
    shorter, longer = sorted((name_key(a.split()), name_key(b.split())), key=len)
    return set(shorter) <= set(longer)


@dataclass
class _Groups:
    """The groups of one kind of quotation by the terms of their first quotations."""

    rarest: dict[str, list[int]] = field(default_factory=dict)  # among its rarest (Jaccard)
    holding: dict[str, list[int]] = field(default_factory=dict)  # anywhere in it
    first: dict[str, list[int]] = field(default_factory=dict)  # its rarest term, if it has 3+

    def add(self, number: int, ordered: list[str]) -> None:
        for key in ordered[:_prefix(len(ordered))]:
            self.rarest.setdefault(key, []).append(number)
        for key in ordered:
            self.holding.setdefault(key, []).append(number)
        if len(ordered) >= CONTAINED:
            self.first.setdefault(ordered[0], []).append(number)

    def found(self, ordered: list[str]) -> set[int]:
        """The groups that may match terms in this order (a superset of them).

        Terms mostly shared (Jaccard) share one of both sets' rarest (prefix filtering); terms
        inside a group's hold its rarest; a group's terms inside these hold its rarest.
        """
        found: set[int] = set()
        for index, keys in ((self.rarest, ordered[:_prefix(len(ordered))]),
                            (self.holding, ordered[:1] if len(ordered) >= CONTAINED else []),
                            (self.first, ordered if len(ordered) >= CONTAINED else [])):
            for key in keys:
                found.update(index.get(key, ()))
        return found


def _prefix(size: int) -> int:
    """How many of a set's rarest terms another set `SAME_QUOTE` alike shares one of: it shares
    at least ceil(SAME_QUOTE * size) terms (lowered by a hair against rounding)."""
    return size - math.ceil(SAME_QUOTE * size - 1e-9) + 1


def same_quote_groups(quotes: Sequence[Quote], label: Callable[[str], str] = str
                      ) -> list[list[int]]:
    """The quotations' positions grouped, in order: each joins the first group whose first
    quotation is the same kind, by a compatible speaker (`label` gives one person's label for
    each spelling), with the same words (`same_words`); else it starts a group."""
    terms = [said_terms(q.text) for q in quotes]
    frequency = Counter(term for said in terms for term in said)
    rank = {t: n for n, t in enumerate(sorted(frequency, key=lambda t: (frequency[t], t)))}
    groups: list[list[int]] = []
    leaders: list[tuple[str, frozenset[str]]] = []  # each group's first speaker and terms
    by_kind: dict[str, _Groups] = {}
    for position, quote in enumerate(quotes):
        mine = terms[position]
        speaker = label(quote.speaker)
        ordered = sorted(mine, key=rank.__getitem__)
        kind = by_kind.setdefault(quote.kind, _Groups())
        for number in sorted(kind.found(ordered)) if mine else ():
            their_speaker, theirs = leaders[number]
            if same_speaker(their_speaker, speaker) and same_words(mine, theirs):
                groups[number].append(position)
                break
        else:
            if mine:
                kind.add(len(groups), ordered)
            groups.append([position])
            leaders.append((speaker, mine))
    return groups


def groups_without_topic(quotes: Sequence[Quote], label: Callable[[str], str] = str
                         ) -> list[list[int]]:
    """The groups shown when no topic is asked (`without_topic`), as positions in `quotes`."""
    shown = without_topic(quotes)
    return [[shown[i] for i in group]
            for group in same_quote_groups([quotes[p] for p in shown], label)]
