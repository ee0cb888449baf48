"""Date mentions: explicit and relative dates resolved, and look-alikes that must stay undated.

A wrong date is worse than a missing one, so the negative cases carry as much weight as the
positive ones.
"""

from __future__ import annotations

import pickle
import re
from pathlib import Path

import pytest

from bot.config import CorpusConfig, IndexConfig
from bot.corpus.documents import Corpus, load_corpus, parse_document
from bot.corpus.metadata import SourceMeta
from bot.extract.dates import (
    REFERENCE_KINDS,
    DateMention,
    display_period,
    extract_date_mentions,
    find_dates,
)
from bot.models import Document, PartialDate
from bot.retrieval.cache import load_or_build
from tests.conftest import SEEDS


def dated(text: str, published: PartialDate | None) -> list[tuple[str, str, bool]]:
    """(phrase, iso date, relative) for each date found in text."""
    return [(text[f.start:f.end], f.date.iso(), f.relative) for f in find_dates(text, published)]


def isos(text: str, published: PartialDate | None) -> list[str]:
    return [f.date.iso() for f in find_dates(text, published)]


def periods(text: str, published: PartialDate | None) -> list[tuple[str, str]]:
    """(phrase, display) for each date or period found in text."""
    return [(text[f.start:f.end], display_period(f.date, f.until, f.kind, text[f.start:f.end]))
            for f in find_dates(text, published)]


SAT_2022_11_26 = PartialDate(2022, 11, 26)
MON_2022_10_24 = PartialDate(2022, 10, 24)
SUN_2025_09_28 = PartialDate(2025, 9, 28)
SAT_2025_09_20 = PartialDate(2025, 9, 20)
NOV_2022 = PartialDate(2022, 11)


# --- explicit dates -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "phrase", "iso"),
    [
        ("made official on September 28, 1960, a formal step", "September 28, 1960", "1960-09-28"),
        ("signed on 28 September 1960 in Havana", "28 September 1960", "1960-09-28"),
        ("met on Nov. 25, 2022 in Beijing", "Nov. 25, 2022", "2022-11-25"),
        ("met on Nov 25, 2022 in Beijing", "Nov 25, 2022", "2022-11-25"),
        ("met on Sept. 3, 2021.", "Sept. 3, 2021", "2021-09-03"),
        ("on September 28th, 1960 they", "September 28th, 1960", "1960-09-28"),
        ("In September 1960 the Cuban government", "September 1960", "1960-09"),
        ("a video given in April 2020 on this", "April 2020", "2020-04"),
        ("published on Friday, November 25, 2022.", "Friday, November 25, 2022", "2022-11-25"),
        ("the filing dated 2022-11-25 says", "2022-11-25", "2022-11-25"),
    ],
)
def test_explicit_dates(text: str, phrase: str, iso: str) -> None:
    assert dated(text, None) == [(phrase, iso, False)]


def test_impossible_day_is_not_a_date() -> None:
    """dateutil validates the span: February 30 is rejected rather than rolled over."""
    assert isos("It was signed on February 30, 2021.", None) == ["2021"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the relationship has grown closer since 1989.", ["1989"]),
        ("Since 1960, Cuba and China have exemplified cooperation", ["1960"]),
        ("relations cooled in 1964 when the Castro regime", ["1964"]),
        ("warmed again in 1989 following the Tiananmen Massacre", ["1989"]),
        ("antibodies in 2002.", ["2002"]),
        ("the 2022 World Cup", ["2022"]),
    ],
)
def test_bare_years(text: str, expected: list[str]) -> None:
    assert isos(text, None) == expected


@pytest.mark.parametrize(
    "text",
    [
        "more than 1,000 people",
        "see https://example.com/2022-11/handpicked.html for more",
        "see cubanexilequarter.blogspot.com/2022/11/handpicked.html",
        "Cuba sent 2000 troops",
        "more than 2000 Cubans attended",
        "a budget of $2000",
        "Resolution 2018 passed",
        "the COVID-19 pandemic",
        "it rose 1999%",
    ],
)
def test_numbers_that_are_not_years(text: str) -> None:
    assert find_dates(text, SAT_2022_11_26) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Between 1960 and 1964 the two regimes", [("Between 1960 and 1964", "1960–1964")]),
        ("during the 1960–1964 period", [("1960–1964", "1960–1964")]),
        ("from 1998 to 2003, trade grew", [("from 1998 to 2003", "1998–2003")]),
        ("beginning in the late 1980s began offering", [("late 1980s", "late 1980s")]),
        ("in the 1960's", [("1960's", "1960s")]),
        ("by the mid-1990s", [("mid-1990s", "mid 1990s")]),
        ("since the early 2000s", [("early 2000s", "early 2000s")]),
    ],
)
def test_ranges_and_decades_are_one_period(text: str, expected: list[tuple[str, str]]) -> None:
    assert periods(text, None) == expected


def test_decade_bounds() -> None:
    (found,) = find_dates("in the late 1980s", None)
    assert (found.date, found.until, found.kind) == (PartialDate(1987), PartialDate(1989), "decade")


# --- relative dates -------------------------------------------------------------------------


def test_pledged_friday_is_the_day_before_a_saturday() -> None:
    text = "his Cuban counterpart pledged Friday to support each other"
    assert dated(text, SAT_2022_11_26) == [("Friday", "2022-11-25", True)]


def test_on_friday_on_a_friday_is_that_day() -> None:
    assert isos("On Friday, Xi met Diaz-Canel.", PartialDate(2022, 11, 25)) == ["2022-11-25"]


def test_this_sunday_on_a_sunday_is_that_day() -> None:
    text = "Xi Jinping assured this Sunday that Beijing is ready"
    assert dated(text, SUN_2025_09_28) == [("this Sunday", "2025-09-28", True)]


def test_last_friday_is_strictly_before() -> None:
    assert isos("They met last Friday.", PartialDate(2022, 11, 25)) == ["2022-11-18"]


def test_weekday_needs_a_day_precise_publication_date() -> None:
    assert find_dates("his counterpart pledged Friday to support", NOV_2022) == []
    assert find_dates("his counterpart pledged Friday to support", None) == []


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("The two leaders will meet Friday in Beijing.", "2022-12-02"),
        ("Michel is due to visit Beijing on Monday.", "2022-11-28"),
        ("Talks are scheduled for Tuesday.", "2022-11-29"),
        ("They meet again next Saturday.", "2022-12-03"),
    ],
)
def test_weekdays_of_the_future_are_the_coming_ones(text: str, iso: str) -> None:
    """Saturday 26 Nov 2022: a story about what will happen dates it forward."""
    assert isos(text, SAT_2022_11_26) == [iso]


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("On Friday, the two leaders will meet in Beijing.", "2022-12-02"),
        ("The envoys issued a statement Friday saying the pact will last.", "2022-11-25"),
        ("Nothing will change, the ministry predicted Friday.", "2022-11-25"),
        ("The port, which will reopen in spring, closed Friday.", "2022-11-25"),
        ("The ship had sailed since Friday and was scheduled to dock soon.", "2022-11-25"),
        ("Where she went next, the floods of Friday had cut the roads.", "2022-11-25"),
    ],
)
def test_a_future_word_of_another_clause_leaves_a_weekday_past(text: str, iso: str) -> None:
    """Only the clause holding the date says whether it is to come: a date opening the
    sentence belongs to the clause after it."""
    assert isos(text, SAT_2022_11_26) == [iso]


@pytest.mark.parametrize(
    "text",
    [
        "Christians marked Good Friday in Havana.",
        "The Sunday Times reported the visit.",
        "Markets are closed on Sundays.",
    ],
)
def test_weekdays_that_are_not_days(text: str) -> None:
    assert find_dates(text, SAT_2022_11_26) == []


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("The appeals court Friday rejected the request.", "Friday"),
        ("Floods hit the northern province Friday, officials said.", "Friday"),
        ("The mayor criticised Friday's ruling.", "Friday"),
        ("Rescuers reached the village early Friday.", "early Friday"),
        ("The ferry sank at about 4 a.m. (0200 GMT) Friday near the coast.", "Friday"),
    ],
)
def test_weekdays_after_names_and_abbreviations(text: str, phrase: str) -> None:
    assert dated(text, SAT_2022_11_26) == [(phrase, "2022-11-25", True)]


def test_on_month_day_without_year() -> None:
    text = "On September 24, in the framework of the 77th Session of the General Debate"
    assert dated(text, MON_2022_10_24) == [("September 24", "2022-09-24", True)]


def test_day_month_without_year() -> None:
    assert isos("published in Chinese on 13 October.", MON_2022_10_24) == ["2022-10-13"]


def test_day_without_year_is_the_nearest_such_day() -> None:
    """A story of 24 Oct naming "October 30" or "December 15" means the coming ones; "August 2"
    the past one."""
    assert isos("The vote is on October 30.", MON_2022_10_24) == ["2022-10-30"]
    assert isos("a deadline of December 15 for the talks", MON_2022_10_24) == ["2022-12-15"]
    assert isos("On August 2 the strike began.", MON_2022_10_24) == ["2022-08-02"]
    assert isos("The two met on April 30.", MON_2022_10_24) == ["2022-04-30"]


def test_month_day_with_month_precise_publication() -> None:
    assert isos("They met on November 25 in Beijing.", NOV_2022) == ["2022-11-25"]


@pytest.mark.parametrize(
    ("text", "phrase", "iso"),
    [
        ("During his visit to Beijing in September, Díaz-Canel signed", "September", "2025-09"),
        ("In addition, in August, the Cuban Minister of the Interior", "August", "2025-08"),
        ("In May, Díaz-Canel met with Xi in Russia", "May", "2025-05"),
        ("Prices rose sharply in January.", "January", "2025-01"),
        ("Elections will be held in May.", "May", "2026-05"),
        ("Talks resume in October.", "October", "2025-10"),
        ("Exports fell last November.", "last November", "2024-11"),
        ("Exports fell last September.", "last September", "2024-09"),
        ("The plant opens this December.", "this December", "2025-12"),
        ("The fair closed in mid-June.", "mid-June", "2025-06"),
    ],
)
def test_month_without_year_is_the_nearest_such_month(text: str, phrase: str, iso: str) -> None:
    """The nearest to publication (Sunday 28 Sep 2025), the coming one in a sentence about the
    future; 'last', 'this' as they say."""
    assert dated(text, SUN_2025_09_28) == [(phrase, iso, True)]


@pytest.mark.parametrize(
    ("text", "phrase", "iso"),
    [
        ("The loan must be repaid by February.", "February", "2025-02"),
        ("Police searched for clues to the July shooting.", "July", "2025-07"),
        ("Sales for August rose 3%.", "August", "2025-08"),
        ("Under a June agreement, the firm sold its stake.", "June", "2025-06"),
        ("Prices fell from the middle of August.", "the middle of August", "2025-08"),
    ],
)
def test_a_month_after_by_for_or_the(text: str, phrase: str, iso: str) -> None:
    assert dated(text, SUN_2025_09_28) == [(phrase, iso, True)]


@pytest.mark.parametrize(
    "text",
    [
        "The October Revolution changed Russia.",
        "Theresa May spoke for May and her party.",
        "He joined the 26th of July Movement.",
    ],
)
def test_months_in_names_are_not_dates(text: str) -> None:
    assert find_dates(text, SUN_2025_09_28) == []


@pytest.mark.parametrize(
    "text",
    [
        "China may deepen its ties with Cuba.",
        "May Díaz-Canel and Xi meet again soon.",
        "They march in March of each year",  # lowercase verb, then no preposition+month form
    ],
)
def test_may_the_verb_is_not_a_date(text: str) -> None:
    found = dated(text, SUN_2025_09_28)
    assert all(phrase != "May" for phrase, _, _ in found)


def test_weeks_are_monday_to_sunday_weeks() -> None:
    # Saturday 26 Nov 2022: that week ran from Monday 21 to Sunday 27.
    text = "Michel is due to visit Beijing next week; they met last week."
    found = find_dates(text, SAT_2022_11_26)
    assert [(text[f.start:f.end], f.date.iso(), f.until.iso() if f.until else "", f.kind)
            for f in found] == [
        ("next week", "2022-11-28", "2022-12-04", "week"),
        ("last week", "2022-11-14", "2022-11-20", "week"),
    ]
    assert find_dates("due to visit Beijing next week.", NOV_2022) == []  # no day to count from
    assert find_dates("in the last week of talks", SAT_2022_11_26) == []


def test_this_year_and_last_year() -> None:
    text = "This year marks the 65th anniversary; last year trade fell."
    assert dated(text, SAT_2025_09_20) == [
        ("This year", "2025", True),
        ("last year", "2024", True),
    ]


def test_earlier_this_month() -> None:
    text = "Xi met German Chancellor Olaf Scholz earlier this month in Beijing"
    assert dated(text, SAT_2022_11_26) == [("earlier this month", "2022-11", True)]


def test_this_month_needs_a_month() -> None:
    assert find_dates("Xi met Scholz earlier this month.", PartialDate(2022)) == []


def test_years_ago() -> None:
    text = "the arrival of those first Chinese immigrants 175 years ago, who also"
    assert dated(text, MON_2022_10_24) == [("175 years ago", "1847", True)]


def test_word_numbers_and_smaller_units_ago() -> None:
    assert isos("a year ago", MON_2022_10_24) == ["2021"]
    assert isos("three months ago", MON_2022_10_24) == ["2022-07"]
    assert isos("two days ago", MON_2022_10_24) == ["2022-10-22"]
    assert isos("two days ago", NOV_2022) == []  # no day to count back from


def test_partly_matched_counts_are_not_dates() -> None:
    assert find_dates("twenty-five years ago", MON_2022_10_24) == []
    assert find_dates("some 1,000 years ago", MON_2022_10_24) == []


def test_relative_dates_need_a_publication_date() -> None:
    text = "This year, 175 years ago, in May, on September 24 and pledged Friday."
    assert find_dates(text, None) == []


# --- look-alikes that must stay undated ------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "on the 65th anniversary of diplomatic relations",
        "throughout these 62 years",
        "the relationship stretches back 62 years, and began",
        "in the framework of the 77th Session of the General Debate",
        "Marxism in the twenty-first century",
        "in the last two years, even in the midst of the pandemic",
        "after the 26th of July Movement came to power",
        "In the last year relations grew.",
        "the September 11 attacks",
    ],
)
def test_not_dates(text: str) -> None:
    assert find_dates(text, SAT_2022_11_26) == []


# --- the seed corpus ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def documents() -> dict[str, Document]:
    corpus = load_corpus(SEEDS)
    return {d.doc_id[:3]: d for d in corpus.documents}


def mentions(document: Document) -> list[tuple[str, str]]:
    return [(m.phrase, m.date.iso()) for m in extract_date_mentions(document)]


def test_seed_000(documents: dict[str, Document]) -> None:
    assert ("Friday", "2022-11-25") in mentions(documents["000"])
    assert ("earlier this month", "2022-11") in mentions(documents["000"])
    assert ("next week", "2022-11-28") in mentions(documents["000"])


def test_seed_001(documents: dict[str, Document]) -> None:
    found = mentions(documents["001"])
    for expected in [
        ("September 28, 1960", "1960-09-28"),
        ("175 years ago", "1847"),
        ("September 24", "2022-09-24"),
        ("2018", "2018"),
        ("1960", "1960"),
        ("This year", "2022"),
        ("62nd anniversary", "2022"),  # of diplomatic relations, dated September 28, 1960
    ]:
        assert expected in found
    assert ("13 October", "2022-10-13") in found


def test_seed_002(documents: dict[str, Document]) -> None:
    found = mentions(documents["002"])
    assert found == [
        ("this Sunday", "2025-09-28"),
        ("1960", "1960"),
        ("September", "2025-09"),
        ("August", "2025-08"),
        ("May", "2025-05"),
    ]


def test_seed_003(documents: dict[str, Document]) -> None:
    assert mentions(documents["003"]) == [
        ("1960", "1960"),
        ("September 28, 1960", "1960-09-28"),
        ("This year", "2025"),
    ]


def test_seed_004(documents: dict[str, Document]) -> None:
    found = mentions(documents["004"])
    for expected in [
        ("November 25, 2022", "2022-11-25"),
        ("September 2020", "2020-09"),
        ("September 1960", "1960-09"),
        ("January 3, 1961", "1961-01-03"),
        ("Between 1960 and 1964", "1960"),
        ("late 1980s", "1987"),
        ("1964", "1964"),
        ("1989", "1989"),
        ("2002", "2002"),
        ("December 2019", "2019-12"),
        ("July 1, 2020", "2020-07-01"),
    ]:
        assert expected in found
    phrases = [phrase for phrase, _ in found]
    assert not any("62" in p or "60th" in p or "anniversary" in p for p in phrases)
    assert all(not m.relative for m in extract_date_mentions(documents["004"]))


def test_no_seed_mention_of_counts_or_ordinals(documents: dict[str, Document]) -> None:
    for document in documents.values():
        for mention in extract_date_mentions(document):
            if mention.since is not None:  # an anniversary of a date the article gives
                assert re.fullmatch(r"\d+(?:st|nd|rd|th) anniversary", mention.phrase)
                continue
            assert "anniversary" not in mention.phrase
            if mention.kind in REFERENCE_KINDS:  # "in recent years": the past, no count
                continue
            assert not re.search(r"\d+(?:st|nd|rd|th)\b|century|\byears$", mention.phrase)


def test_mentions_point_at_their_phrase_in_the_document(documents: dict[str, Document]) -> None:
    for document in documents.values():
        passage_ids = {p.passage_id for p in document.passages}
        found = extract_date_mentions(document)
        assert [m.start for m in found] == sorted(m.start for m in found)
        for mention in found:
            assert document.text[mention.start:mention.end] == mention.phrase
            assert mention.sentence.start <= mention.start < mention.end <= mention.sentence.end
            assert mention.passage_id in passage_ids


def test_mentions_pickle(documents: dict[str, Document]) -> None:
    found = extract_date_mentions(documents["001"])
    restored = pickle.loads(pickle.dumps(found))
    assert restored == found
    assert isinstance(restored[0], DateMention)


def test_today_and_next_year() -> None:
    assert dated("Xi said today that", SAT_2022_11_26) == [("today", "2022-11-26", True)]
    assert dated("elections next year", SAT_2022_11_26) == [("next year", "2023", True)]


# --- anniversaries: a count made a date only by a date of the same article -------------------


def article(text: str, published: PartialDate | None = MON_2022_10_24) -> Document:
    return parse_document(Path("article.txt"), text, SourceMeta(outlet="Test", date=published))


def anniversaries(document: Document) -> list[tuple[str, str, str]]:
    """(phrase, year, the date it counts from) of each anniversary resolved to a year."""
    return [(m.phrase, m.date.iso(), m.since.iso()) for m in extract_date_mentions(document)
            if m.since is not None]


RELATIONS_1960 = ("Cuba was the first country in Latin America to establish diplomatic relations "
                  "with the People's Republic of China on September 28, 1960.")


def test_anniversary_of_an_event_the_article_dates() -> None:
    document = article(f"{RELATIONS_1960}\n\nLeaders met to celebrate the 62nd anniversary of "
                       "the establishment of diplomatic relations between the two countries.")
    assert anniversaries(document) == [("62nd anniversary", "2022", "1960-09-28")]
    mention = next(m for m in extract_date_mentions(document) if m.since is not None)
    assert mention.precision == "year" and mention.relative
    assert document.text[mention.start:mention.end] == "62nd anniversary"


def test_anniversary_in_words_and_without_a_publication_date() -> None:
    document = article(f"{RELATIONS_1960}\n\nThe sixtieth anniversary of diplomatic relations "
                       "was marked with a concert.", published=None)
    assert anniversaries(document) == [("sixtieth anniversary", "2020", "1960-09-28")]


@pytest.mark.parametrize(
    "text",
    [
        # the event is not dated in the article
        "The 62nd anniversary of diplomatic relations was celebrated with a concert.",
        # a date, but of something else
        "The blockade began in 1962. The 62nd anniversary of diplomatic relations was marked.",
        # the article gives the event two different years: which one is meant is a guess
        "Relations were first agreed in 1959. Relations were made official on September 28, "
        "1960. The 62nd anniversary of relations was marked.",
        # the future, a malformed ordinal, a counted span
        f"{RELATIONS_1960} Next year will mark the 63rd anniversary of diplomatic relations.",
        f"{RELATIONS_1960} They marked the 62th anniversary of diplomatic relations.",
        f"{RELATIONS_1960} Relations have lasted 62 years.",
        # an anniversary long after the article was written is a misreading
        f"{RELATIONS_1960} The 90th anniversary of diplomatic relations was marked.",
    ],
)
def test_anniversaries_that_stay_undated(text: str) -> None:
    assert anniversaries(article(text)) == []


def test_anniversary_adds_nothing_to_a_date_its_sentence_gives() -> None:
    document = article(f"{RELATIONS_1960}\n\nIn September 2020 they celebrated the 60th "
                       "anniversary of diplomatic relations.")
    assert anniversaries(document) == []


# -- a header date without its year, completed from the article's own text -------------------

LEFT = "003_0ea2b578a5a920a5"


def test_a_date_without_year_is_completed_from_an_anniversary_in_the_text(tmp_path: Path) -> None:
    """'Sep 20' in the header, "This year marks the 65th anniversary of bilateral relations"
    and those relations dated September 28, 1960 in the text: 20 Sep 2025."""
    (tmp_path / f"{LEFT}.txt").write_bytes((SEEDS / f"{LEFT}.txt").read_bytes())
    left = _indexed(tmp_path).document(LEFT)
    assert left.date is not None and left.date.iso() == "2025-09-20"


def test_a_date_without_year_and_nothing_to_complete_it_stays_undated(tmp_path: Path) -> None:
    text = (SEEDS / f"{LEFT}.txt").read_text(encoding="utf-8")
    without = text.replace("This year marks the 65th anniversary of bilateral relations between "
                           "Cuba and China. ", "")
    assert without != text
    (tmp_path / f"{LEFT}.txt").write_text(without, encoding="utf-8")
    (tmp_path / "other.txt").write_text(
        "Dec 2\n\nFive years ago the two parties celebrated the 60th anniversary of relations. "
        "Relations were established in September 1960.\n", encoding="utf-8")
    corpus = _indexed(tmp_path)
    assert corpus.document(LEFT).date is None
    assert corpus.document("other").date is None  # "five years ago": not the year it was written


def test_the_metadata_file_wins_over_a_completed_date(tmp_path: Path) -> None:
    (tmp_path / f"{LEFT}.txt").write_bytes((SEEDS / f"{LEFT}.txt").read_bytes())
    (tmp_path / "sources.yaml").write_text(f"documents:\n  {LEFT}:\n    date: 2025-09-19\n",
                                           encoding="utf-8")
    left = _indexed(tmp_path).document(LEFT)
    assert left.date is not None and left.date.iso() == "2025-09-19"


def _indexed(folder: Path) -> Corpus:
    """The corpus as the index holds it: header dates completed by extraction."""
    return load_or_build(folder, CorpusConfig(), IndexConfig(None))[0].corpus


# --- quarters, seasons, weekends, the present -------------------------------------------------

WED_2009_11_04 = PartialDate(2009, 11, 4)


def spans(text: str, published: PartialDate | None) -> list[tuple[str, str, str]]:
    """(phrase, first date, last date or '') for each date or period found."""
    return [(text[f.start:f.end], f.date.iso(), f.until.iso() if f.until else "")
            for f in find_dates(text, published)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The brewer's third-quarter profit fell.", ("third-quarter", "2009-07", "2009-09")),
        ("Sales rose in the third quarter.", ("the third quarter", "2009-07", "2009-09")),
        ("It expects a loss in the fourth quarter.", ("the fourth quarter", "2009-10", "2009-12")),
        ("Revenue for the quarter was flat.", ("the quarter", "2009-07", "2009-09")),
        ("in the current quarter", ("the current quarter", "2009-10", "2009-12")),
        ("a charge in the 2007 second quarter", ("the 2007 second quarter", "2007-04", "2007-06")),
        ("orders for next year's first quarter", ("next year's first quarter", "2010-01",
                                                  "2010-03")),
        ("Shipments slowed in Q2 2008.", ("Q2 2008", "2008-04", "2008-06")),
    ],
)
def test_quarters_are_three_months(text: str, expected: tuple[str, str, str]) -> None:
    """Wednesday 4 Nov 2009: 'the quarter' is the last one ended, the one reported on."""
    assert spans(text, WED_2009_11_04) == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The dam was finished in the summer of 1998.", ("the summer of 1998", "1998-06",
                                                         "1998-08")),
        ("Protests grew last fall.", ("last fall", "2008-09", "2008-11")),
        ("Prices rose this summer.", ("this summer", "2009-06", "2009-08")),
        ("The road will reopen in the spring.", ("the spring", "2010-03", "2010-05")),
        ("The strike began in the winter.", ("the winter", "2008-12", "2009-02")),
    ],
)
def test_seasons_are_three_months(text: str, expected: tuple[str, str, str]) -> None:
    assert spans(text, WED_2009_11_04) == [expected]


def test_the_fall_of_something_is_no_season() -> None:
    assert find_dates("after the fall of the old regime", WED_2009_11_04) == []
    assert find_dates("a steep fall in exports", WED_2009_11_04) == []


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("Rioting spread over the weekend.", PartialDate(2009, 11, 2),
         ("the weekend", "2009-10-31", "2009-11-01")),
        ("Rioting spread last weekend.", PartialDate(2009, 11, 7),
         ("last weekend", "2009-10-31", "2009-11-01")),
        ("The festival opens this weekend.", WED_2009_11_04,
         ("this weekend", "2009-11-07", "2009-11-08")),
    ],
)
def test_weekends(text: str, published: PartialDate, expected: tuple[str, str, str]) -> None:
    assert spans(text, published) == [expected]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("The camp now holds 4,000 people.", "present"),
        ("Forty families are currently without water.", "present"),
        ("The bridge was recently repaired.", "past"),
        ("Nobody knows what the future holds.", "future"),
    ],
)
def test_the_present_past_and_future_are_found_at_publication(text: str, kind: str) -> None:
    (found,) = find_dates(text, WED_2009_11_04)
    assert (found.date, found.kind) == (WED_2009_11_04, kind)


def test_now_as_part_of_a_word_is_nothing() -> None:
    assert find_dates("the now-closed factory", WED_2009_11_04) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Floods struck on 3 March 2010. Two days later the river fell.",
         [("3 March 2010", "2010-03-03", ""), ("Two days later", "2010-03-05", "")]),
        ("The ship sank on June 2, 2008; the following day divers arrived.",
         [("June 2, 2008", "2008-06-02", ""), ("the following day", "2008-06-03", "")]),
        ("He resigned in 1998 and the following year left the party.",
         [("1998", "1998", ""), ("the following year", "1999", "")]),
        ("The mine closed in May 2003. A year earlier it had 900 workers.",
         [("May 2003", "2003-05", ""), ("A year earlier", "2002", "")]),
        ("Profit rose in the third quarter, from $2 million a year earlier.",
         [("the third quarter", "2009-07", "2009-09"), ("a year earlier", "2008-07", "2008-09")]),
        ("Profit rose in the third quarter from the year-ago quarter.",
         [("the third quarter", "2009-07", "2009-09"), ("the year-ago quarter", "2008-07",
                                                         "2008-09")]),
        ("The talks failed on 4 June 2001. That same day the army moved.",
         [("4 June 2001", "2001-06-04", ""), ("That same day", "2001-06-04", "")]),
    ],
)
def test_dates_counted_from_the_date_just_given(
        text: str, expected: list[tuple[str, str, str]]) -> None:
    assert spans(text, WED_2009_11_04) == expected


def test_counted_dates_need_a_date_to_count_from() -> None:
    assert find_dates("Two days later the river fell.", None) == []
    assert spans("Two days after the vote, the river fell.", WED_2009_11_04) == []


def test_counted_dates_carry_across_sentences_of_an_article() -> None:
    text = "The dam broke on 3 March 2010.\n\nThe following day, rescuers arrived."
    document = parse_document(Path("dam.txt"), text, SourceMeta(outlet="Example News",
                                                                date=WED_2009_11_04))
    assert [(m.phrase, m.date.iso()) for m in extract_date_mentions(document)] == [
        ("3 March 2010", "2010-03-03"), ("The following day", "2010-03-04")]


@pytest.mark.parametrize(
    ("text", "phrase", "iso"),
    [
        ("Growth slowed in early 2011.", "early 2011", "2011"),
        ("The plant closes at the end of 2012.", "the end of 2012", "2012"),
        ("Sales in fiscal 2008 fell.", "fiscal 2008", "2008"),
        ("prices peaked in mid-1996", "mid-1996", "1996"),
        ("The rebels' 1990 invasion failed.", "1990", "1990"),
        ("The strike ends tomorrow.", "tomorrow", "2009-11-05"),
        ("Aid arrived two weeks ago.", "two weeks ago", "2009-10-19"),
        ("The village was founded a decade ago.", "a decade ago", "1999"),
    ],
)
def test_narrowed_and_other_relative_dates(text: str, phrase: str, iso: str) -> None:
    assert dated(text, WED_2009_11_04) == [(phrase, iso, phrase not in ("early 2011",
                                                                       "the end of 2012",
                                                                       "fiscal 2008", "mid-1996",
                                                                       "1990"))]


def test_years_before_year_one_are_years() -> None:
    """Astronomical numbering: 7000 years before 2009 is the year -4991, shown as 4992 BC."""
    (found,) = find_dates("Farmers settled here 7000 years ago.", WED_2009_11_04)
    assert (found.date, found.date.iso(), found.date.display()) == (
        PartialDate(-4991), "-4991", "4992 BC")
    assert PartialDate.parse_iso("-4991") == PartialDate(-4991)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Atlanta, nineteen ninety-six. A bomb shook the games.",
         [("nineteen ninety-six", "1996")]),
        ("In January nineteen ninety-seven the clinic was hit.",
         [("January nineteen ninety-seven", "1997-01")]),
        ("The promise to halve it by the year two thousand was dropped.",
         [("the year two thousand", "2000")]),
        ("The law passed in two thousand and one.", [("two thousand and one", "2001")]),
        ("Two thousand people marched.", []),
        ("Nineteen people were hurt.", []),
    ],
)
def test_years_said_in_words(text: str, expected: list[tuple[str, str]]) -> None:
    """Broadcast transcripts write years as they are said."""
    assert [(p, iso) for p, iso, _ in dated(text, SAT_2022_11_26)] == expected
