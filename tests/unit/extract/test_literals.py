"""A pattern is skipped only on texts it cannot match: the date patterns, and a few forms."""

import re
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.extract import dates, dates_es
from bot.extract.literals import ASCII_TWINS, Sieve, needed_words

PATTERNS = [p for p, _ in [*dates._PATTERNS, *dates._ANCHORED, *dates_es.PATTERNS,
                           *dates_es.ANCHORED]]
WORDS = ["three", "days", "later", "ago", "Friday", "March", "14,", "1998", "2011-03-14",
         "the", "following", "week", "last", "quarter", "Q3", "summer", "of", "hace", "dos",
         "años", "el", "pasado", "mes", "de", "mayo", "ſpring", "\u212aELVIN", "İn",
         "mid-1990s", "now"]


def test_the_words_a_pattern_needs() -> None:
    # "year" and "ago" are both needed: the longer is the rarer
    assert needed_words(re.compile(r"\b(\d+)\s+years?\s+ago\b", re.I)) == (
        frozenset({"year"}), True)
    assert needed_words(re.compile(r"(?:January|May)\s+\d+")) == (
        frozenset({"January", "May"}), False)
    assert needed_words(re.compile(r"\d{4}")) is None  # digits alone: always run
    assert needed_words(re.compile(r"(?:ago)?\s*\d")) is None  # an optional word is not needed


def test_the_case_twins_of_ascii_letters_are_all_known() -> None:
    others = "".join(chr(c) for c in range(128, sys.maxunicode + 1)
                     if not 0xD800 <= c < 0xE000)
    assert set(re.findall(r"(?i)[a-z]", others)) == ASCII_TWINS


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(WORDS) | st.text(max_size=6), max_size=12))
def test_a_skipped_pattern_would_have_found_nothing(words: list[str]) -> None:
    text = " ".join(words)
    sieve = Sieve(text)
    for pattern in PATTERNS:
        if not sieve.may_match(pattern):
            assert pattern.search(text) is None, (pattern.pattern, text)


def test_dates_found_with_and_without_the_sieve_are_the_same() -> None:
    text = ("Three days later, on Friday, the council met again; ſummer rains had come early "
            "in the mid-1990s, a \u212aELVIN scale record set 25 years ago last March.")
    every = [(m.span(), p.pattern) for p in PATTERNS for m in p.finditer(text)]
    sieve = Sieve(text)
    kept = [(m.span(), p.pattern) for p in PATTERNS if sieve.may_match(p)
            for m in p.finditer(text)]
    assert kept == every and every
