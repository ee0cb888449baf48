"""Grouping the same quotation: found by the terms the groups hold, the same groups as comparing
each quotation with every earlier group."""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence

import pytest

from bot.extract.quote_groups import (
    KIND_ORDER,
    groups_without_topic,
    said_terms,
    same_quote_groups,
    same_speaker,
    without_topic,
)
from bot.extract.quotes import Quote
from bot.models import Sentence
from bot.retrieval.index import NewsIndex
from bot.text import jaccard


def grouped_pairwise(quotes: Sequence[Quote], label: Callable[[str], str] = str
                     ) -> list[list[int]]:
    """The grouping as it was before groups were looked up by term: each quotation compared
    with every earlier group's first. Kept here only, as the reference."""
    groups: list[tuple[set[str], list[int]]] = []
    for position, quote in enumerate(quotes):
        terms = set(said_terms(quote.text))
        for group_terms, members in groups:
            first = quotes[members[0]]
            a, b = label(first.speaker), label(quote.speaker)
            if first.kind != quote.kind or not same_speaker(a, b):
                continue
            if not terms or not group_terms:
                continue
            contained = min(len(terms), len(group_terms)) >= 3 and (
                terms <= group_terms or group_terms <= terms)
            if contained or jaccard(terms, group_terms) >= 0.6:
                members.append(position)
                break
        else:
            groups.append((terms, [position]))
    return [members for _, members in groups]


WORDS = ("harbour bridge council budget river school garden tunnel museum railway ferry "
         "library market hospital station square tower canal orchard stadium").split()


def generated(seed: int, count: int = 400) -> list[Quote]:
    """Quotations drawn from a few wordings, cut, extended and reworded, by a few speakers
    (some unknown, some spelled two ways), of every kind."""
    rng = random.Random(seed)
    wordings = [rng.sample(WORDS, rng.randint(1, 8)) for _ in range(25)]
    quotes = []
    for number in range(count):
        words = list(rng.choice(wordings))
        if rng.random() < 0.4:
            words = words[:rng.randint(1, len(words))]  # cut short
        if rng.random() < 0.3:
            words += rng.sample(WORDS, rng.randint(1, 3))  # said with more
        if rng.random() < 0.2 and words:
            words[rng.randrange(len(words))] = rng.choice(WORDS)  # worded differently
        text = " ".join(words) if rng.random() > 0.05 else "the and of"  # no terms at all
        sentence = Sentence(f"“{text},” someone said.", 100 * number, 100 * number + 50)
        quotes.append(Quote(
            text, sentence.start + 1, sentence.start + 1 + len(text), sentence,
            rng.choice(["Ana Roe", "A. Roe", "Tom Reyes", "", "Ana Roe and Tom Reyes"]), "",
            f"d{number // 5}#0", rng.choices(list(KIND_ORDER), [6, 2, 1])[0]))
    return quotes


def spelled_as(speaker: str) -> str:
    return speaker.replace("A. Roe", "Ana Roe")


@pytest.mark.parametrize("seed", range(30))
def test_grouping_by_term_gives_the_groups_of_comparing_with_every_group(seed: int) -> None:
    quotes = generated(seed)
    assert same_quote_groups(quotes, spelled_as) == grouped_pairwise(quotes, spelled_as)


def test_generated_quotations_do_group() -> None:
    """The generated data exercises grouping: many groups of several, many alone."""
    sizes = [len(g) for g in same_quote_groups(generated(0), spelled_as)]
    assert sizes.count(1) > 20 and sum(s > 3 for s in sizes) > 10


def test_the_seed_quotations_group_as_before(seed_index: NewsIndex) -> None:
    quotes = list(seed_index.quotes)
    label = seed_index.identities.label
    shown = [quotes[p] for p in without_topic(quotes)]
    assert same_quote_groups(shown, label) == grouped_pairwise(shown, label)
    assert same_quote_groups(quotes, label) == grouped_pairwise(quotes, label)
    reversed_ = quotes[::-1]
    assert same_quote_groups(reversed_, label) == grouped_pairwise(reversed_, label)


def test_without_a_topic_quotations_come_first_and_each_interview_by_two_answers() -> None:
    quotes = generated(3)
    shown = without_topic(quotes)
    kinds = [KIND_ORDER[quotes[p].kind] for p in shown]
    assert kinds == sorted(kinds)
    per_interview: dict[str, int] = {}
    for p in shown:
        if quotes[p].kind == "interview":
            doc = quotes[p].passage_id.split("#")[0]
            per_interview[doc] = per_interview.get(doc, 0) + 1
    assert per_interview and max(per_interview.values()) <= 2


def test_the_index_holds_the_groups_shown_without_a_topic(seed_index: NewsIndex) -> None:
    assert seed_index.quote_groups == groups_without_topic(seed_index.quotes,
                                                           seed_index.identities.label)
