"""Finding the dates a news sentence mentions, resolved to the precision the text gives.

News prose dates events two ways: explicitly ("March 14, 1998", "in 1989") and relative to
when the article was published ("pledged Friday", "in May", "175 years ago"). Both are found
here so that questions like "what happened in 1998?" can be answered with verbatim sentences.

Precision matters more than recall: a wrong date attributed to an outlet is worse than a missing
one. So regexes only propose narrow, well-formed spans; dateutil parses and validates them and
does the calendar arithmetic; relative expressions are resolved only when the publication date
has the needed precision, and anything pointing to the future ("next week", "will meet
Friday") or merely counting ("25 years") is left alone. "The 25th anniversary of the
founding of the museum" is a year only when the same article dates that founding
(1998 + 25 = 2023); see `anniversary_mentions`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import NamedTuple

from dateutil import parser as date_parser
from dateutil.relativedelta import relativedelta, weekday

from bot.extract.lexicon import MONTH_ABBREVIATIONS, MONTHS, WEEKDAYS
from bot.extract.literals import Sieve
from bot.models import Document, PartialDate, Sentence
from bot.text import content_keys, words_around

__all__ = [
    "DateMention",
    "Found",
    "anniversary_mentions",
    "complete_publication_date",
    "extract_date_mentions",
    "find_dates",
    "publication_year",
]


@dataclass(frozen=True, slots=True)
class DateMention:
    """One date expression of one sentence, with where it is and what it resolves to."""

    date: PartialDate  # resolved date at the precision the text gives (a period's first year)
    phrase: str  # the verbatim words that gave it, e.g. "Friday", "175 years ago"
    start: int  # offsets of `phrase` in the document text
    end: int
    sentence: Sentence  # the sentence containing it
    passage_id: str
    relative: bool  # True when resolved against the publication date
    until: PartialDate | None = None  # last date of a period: "between 1998 and 2002", "1980s"
    # "" for a single date, else "range", "decade", "week", "weekend", "quarter", "season", or
    # for "now", "recently", "the future" one of REFERENCE_KINDS (at the publication date)
    kind: str = ""
    since: PartialDate | None = None  # for "the 25th anniversary": the date it counts from

    @property
    def precision(self) -> str:
        return self.kind or self.date.precision

    def display(self) -> str:
        return display_period(self.date, self.until, self.kind, self.phrase)


class Found(NamedTuple):
    """A date expression found in a text: its span, its date, and for periods their end."""

    start: int
    end: int
    date: PartialDate
    relative: bool
    until: PartialDate | None = None
    kind: str = ""


def display_period(
    date: PartialDate, until: PartialDate | None, kind: str, phrase: str = ""
) -> str:
    """'14 Mar 1998', '1998–2002', 'late 1980s', 'week of 9 Mar 2015', 'Q3 2009',
    'summer 1998', 'weekend of 31 Oct 2009'. A decade's part is told by the years it spans,
    whatever language the phrase was in ("a finales de los años 80": 'late 1980s')."""
    if kind == "decade":
        decade = f"{date.year - date.year % 10}s"
        part = DECADE_PARTS.get((date.year % 10, until.year % 10 if until else 9), "")
        return f"{part} {decade}" if part else decade
    if kind in ("week", "weekend"):
        return f"{kind} of {date.display()}"
    if kind == "quarter":
        return f"Q{((date.month or 1) - 1) // 3 + 1} {date.year}"
    if kind == "season":
        name = next(n for n, m in _SEASONS.items() if m == date.month)
        return f"{name} {date.year}"
    if until is not None:
        return f"{date.display()}–{until.display()}"
    return date.display()

# --- vocabulary -----------------------------------------------------------------------------

_FULL_MONTHS = "|".join(MONTHS)
_ABBR_MONTHS = "|".join(sorted(MONTH_ABBREVIATIONS, key=len, reverse=True))
# Followed by a day or a year, an abbreviation is unambiguous with or without its dot.
_MONTH_NUM = rf"(?:{_FULL_MONTHS}|(?:{_ABBR_MONTHS})\.?)(?![A-Za-z])"
# Standing alone ("in Sept."), only full names or dotted abbreviations.
_MONTH_ALONE = rf"(?:{_FULL_MONTHS}|(?:{_ABBR_MONTHS})\.)(?![A-Za-z])"
_WEEKDAYS = "|".join(WEEKDAYS)
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d)"
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
_PRECEDING_NUMBER = re.compile(  # "1,000 years ago", "twenty-five", "a hundred and five"
    r"(?:\d[,.]|[-–]|\b(?:" + "|".join(_NUMBER_WORDS) + r"|and|hundred|thousand)\s+)$",
    re.IGNORECASE,
)
_NUMBER = r"\d{1,4}|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True))

# A trailing year, day or range would make a shorter match the wrong reading.
_NO_MORE_DIGITS = r"(?!\s*,?\s*\d)(?!\s*[-–/]\s*\d)"
_WEEKDAY_PREFIX = rf"(?:(?:{_WEEKDAYS}),?\s+)?"

_PARSER_INFO = date_parser.parserinfo()

# The words of the forms below, by what they mean. A second language adds its words to these
# tables (and its month and weekday names to the lexicon); the patterns are built from them.
_QUARTER_NUMBERS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4,
}  # fmt: skip
_QUARTER_WORD = "quarter"
# The years of a decade its early, middle and late parts span (dates_es.py reads them too).
_DECADE_YEARS = {"early": (0, 3), "mid": (4, 6), "late": (7, 9)}
DECADE_PARTS = {years: part for part, years in _DECADE_YEARS.items()}
_SEASONS = {"spring": 3, "summer": 6, "fall": 9, "autumn": 9, "winter": 12}  # their first month
_SEASON_CODES = {3: "SP", 6: "SU", 9: "FA", 12: "WI"}  # TimeML's names, by first month
# "last May", "this summer", "next weekend": how many of them from the publication date's.
_SHIFTS = {"last": -1, "past": -1, "previous": -1, "this": 0, "next": 1, "coming": 1}
_WEEKEND = "weekend"
# Words that name the present, the past or the future without a date (TimeML's PRESENT_REF,
# PAST_REF, FUTURE_REF): found, so that they are not taken for something else, but no event
# is ever dated by them.
_REFERENCES = {
    "now": "present", "currently": "present", "at present": "present", "nowadays": "present",
    "recently": "past", "lately": "past", "in the past": "past",
    "in recent years": "past", "the future": "future",
}  # fmt: skip
REFERENCE_KINDS = frozenset(_REFERENCES.values())
# "two days later", "a year earlier": counted from the date the text just gave.
_DIRECTIONS = {"earlier": -1, "before": -1, "later": 1, "after": 1}
# "the following day", "the previous year", "that same day": the date just given, moved so.
_NEIGHBOURS = {"following": 1, "next": 1, "previous": -1, "preceding": -1, "same": 0}
_UNITS = {"day": "day", "days": "day", "week": "week", "weeks": "week", "month": "month",
          "months": "month", "year": "year", "years": "year", "morning": "day", "evening": "day",
          "afternoon": "day", "night": "day", "decade": "decade", "decades": "decade"}
# "a year-earlier loss", "the year-ago quarter": a year before the date just given.
_YEAR_BEFORE = ("year-ago", "year-earlier")
# Words before a date that narrow it ("early 2011", "the end of June", "fiscal 1989"): kept
# in the phrase, the date stays the one named.
_NARROWING = re.compile(
    r"(?:\b(?:early|mid|late)[-\s]+|\b(?:the\s+)?(?:end|start|beginning|middle)\s+of\s+"
    r"(?:the\s+)?|\bfiscal\s+(?:year\s+)?)$", re.IGNORECASE)


def _alternatives(words: Iterable[str]) -> str:
    """A regex alternation of the words (a table's keys), longest first, spaces flexible."""
    found = sorted(words, key=len, reverse=True)
    return "|".join(re.escape(w).replace("\\ ", r"\s+").replace("\\-", "[-–]") for w in found)

# Words that put a relative date in the future ("will meet Friday", "due to visit in May"):
# resolving those against the past would invent a date, so such sentences are skipped.
_FUTURE_CUE = re.compile(
    r"\b(?:will|shall|next(?!\s*[,.;])|coming|upcoming|scheduled|set\s+to|expected\s+to"
    r"|plans?\s+to|planning\s+to|planned|going\s+to|(?:is|are)\s+to\s+(?!be\s+\w+ed\b)"
    r"|(?:is|are|was|were)\s+due|would\s+be\s+held)\b|['’]ll\b",
    re.IGNORECASE,
)
# Words before a weekday that make it part of a name ("Good Friday", "Bloody Sunday"); any
# other word may precede the day an event happened ("the court Friday rejected", "Iraq Friday").
_WEEKDAY_NAME_LEADS = {
    "Good", "Black", "Bloody", "Super", "Easter", "Palm", "Holy", "Ash", "Cyber", "Maundy",
    "Shrove", "Giving", "Low", "Trinity", "Whit", "Mad", "Blue", "Bloodless",
}  # fmt: skip
# Words after which a weekday is part of a name ("Sunday Times").
_WEEKDAY_NAME_TAILS = {
    "Times", "Telegraph", "Mail", "Express", "Herald", "Post", "Mirror", "Independent",
    "Observer", "Tribune", "Star", "Review", "School", "Service", "Mass", "Prayers", "Night",
}  # fmt: skip

# After a bare year, only these lowercase words keep it a year; any other lowercase word makes
# it a quantity ("2000 troops").
_YEAR_FOLLOWERS = {
    "and", "or", "to", "till", "until", "when", "as", "the", "a", "an", "but", "after",
    "before", "with", "for", "that", "which", "who", "where", "while", "was", "were", "is",
    "are", "had", "has", "have", "saw", "marked", "in", "on", "at", "by", "from", "through",
    "onwards", "onward", "during", "amid", "under", "against", "between", "because", "he",
    "she", "they", "it", "we", "i", "his", "her", "their", "its", "this", "these", "there",
    "following", "followed", "later", "earlier", "alone", "itself", "election", "elections",
    "census", "edition", "season", "summit",
    "budget", "constitution", "agreement", "revolution", "law", "report", "visit",
}  # fmt: skip
_YEAR_QUANTITY_LEAD = re.compile(
    r"\b(?:than|some|nearly|almost|approximately|roughly|least|total\s+of|additional"
    r"|another|over|under|about|exactly|No\.|number|page|pages|pp?\.|route|flight|article"
    r"|Article|resolution|Resolution|code|Code|room|Room|model|Model|[Pp]hase)\s*$"
)
# "the 1992 protests", "its 1990 invasion": after these, a year names what follows.
_YEAR_AS_ADJECTIVE = re.compile(
    r"(?:\b(?:the|its|his|her|their|our|this|that|fiscal)|['’]s?)\s+$", re.IGNORECASE)
_YEAR_BAD_FOLLOW = re.compile(r"(?:[%$€£]|s\b|'s\b|’s\b|\s*(?:GMT|UTC|hrs|hours)\b)")
# A bare address ("example.com/news") is tried only where a run of name characters starts,
# and its parts taken possessively: a long run of "a.b.c" or "1-1-1" without a "/" is one
# failed try, not one per character (which made the search quadratic).
_URL = re.compile(r"(?:https?://|www\.)\S+|(?<![\w-])(?<![\w-]\.)[\w-]++(?:\.[\w-]++)++/\S*")


# --- resolution helpers ---------------------------------------------------------------------


def _month_number(name: str) -> int | None:
    """Month number of an English month name or abbreviation, via dateutil's vocabulary."""
    number: int | None = _PARSER_INFO.month(name.rstrip("."))
    return number


def _parse_explicit(text: str) -> dt.datetime | None:
    """Parse and validate a matched date span; None for impossible dates (February 30)."""
    try:
        return date_parser.parse(text, default=dt.datetime(2000, 1, 1))
    except (ValueError, OverflowError):
        return None


def _day(published: PartialDate | None) -> dt.date | None:
    if published is None or published.precision != "day":
        return None
    return published.as_date()


def _in_future_context(text: str, start: int, end: int) -> bool:
    """Whether the clause holding text[start:end] speaks of the future: "will meet Friday",
    "on Friday, they will meet" (a date opening its sentence belongs to the clause after it),
    but not "the blasts of Aug. 7 killed 257, she hoped aid would come" nor "issued a statement
    Friday saying the treaty will help" (the cue in another clause)."""
    left = max(text.rfind(mark, 0, start) for mark in ".!?\n") + 1
    rights = [i for i in (text.find(mark, end) for mark in ".!?\n") if i >= 0]
    right = min(rights, default=len(text))
    before = [m.end() for m in _CLAUSE_END.finditer(text, left, start)]
    after = [m.start() for m in _CLAUSE_END.finditer(text, end, right)]
    begin, stop = (before[-1] if before else left), (after[0] if after else right)
    if after and not _CLAUSE_WORD.search(text[begin:start] + " " + text[end:stop]):
        later = [m.start() for m in _CLAUSE_END.finditer(text, stop + 1, right)]
        stop = later[0] if later else right  # "On Friday, ...": the clause it opens
    return bool(_FUTURE_CUE.search(text[begin:stop]))


# Where a clause ends ("..., which will", "saying the treaty will"), and a word that makes a
# clause more than a date with its preposition ("On Friday,").
_CLAUSE_END = re.compile(
    r"[,;:()\"“”«»—]|\s[-–]{1,2}\s|\b(?:saying|which|who|where|because|while|but|although"
    r"|though|and(?=\s+(?:was|were|is|are|has|have|had|then)\b))\b", re.IGNORECASE)
_CLAUSE_WORD = re.compile(r"\b(?!(?:on|in|at|by|of|the|early|late|this|last|mid)\b)[a-z]{3,}",
                          re.IGNORECASE)


def _latest_month(month: int, published: PartialDate, future: bool = False) -> int:
    """Year of the latest given month on or before the publication month; in a sentence about
    the future, of the first on or after it."""
    assert published.month is not None
    if future:
        return published.year if month >= published.month else published.year + 1
    return published.year if month <= published.month else published.year - 1


# How far after publication a date without a year may lie when nothing says it is to come.
_AHEAD_DAYS = 92


def _nearest(options: list[dt.datetime], published: dt.date, future: bool
             ) -> dt.datetime | None:
    """Of the days a date without a year may be (one a year), the nearest to publication: a
    news story naming "December 15" in November means the coming one, but "January" in
    September the past one (at most `_AHEAD_DAYS` ahead). In a sentence about the future, the
    first on or after publication."""
    day = dt.datetime.combine(published, dt.time())
    if future:
        return min((o for o in options if o >= day), default=None)
    near = [o for o in options if o <= day or (o - day).days <= _AHEAD_DAYS]
    return min(near, key=lambda o: (abs((o - day).days), o > day), default=None)


def _shifted_month(month: int, shift: int, published: PartialDate) -> int:
    """Year of 'last May' (the latest before the publication month), 'this May' (the
    publication year's), 'next May' (the first after it)."""
    assert published.month is not None
    if shift < 0:
        return published.year if month < published.month else published.year - 1
    if shift > 0:
        return published.year if month > published.month else published.year + 1
    return published.year


def _quarter_found(start: int, end: int, year: int, quarter: int, relative: bool) -> Found:
    return Found(start, end, PartialDate(year, 3 * quarter - 2), relative,
                 PartialDate(year, 3 * quarter), "quarter")


def _season_found(start: int, end: int, year: int, first: int, relative: bool) -> Found:
    last = first + 2
    until = PartialDate(year + (last > 12), (last - 1) % 12 + 1)
    return Found(start, end, PartialDate(year, first), relative, until, "season")


# --- the patterns ---------------------------------------------------------------------------
#
# Each handler gets the match, the whole text and the publication date, and yields
# (start, end, date, relative) for the phrase it recognized, or nothing.

Handler = Callable[[re.Match[str], str, "PartialDate | None"], Iterator[Found]]


def _explicit_day(
    match: re.Match[str], text: str, published: PartialDate | None
) -> Iterator[Found]:
    month = _month_number(match["month"])
    parsed = _parse_explicit(f"{match['day']} {match['month'].rstrip('.')} {match['year']}")
    if month is None or parsed is None or parsed.month != month:
        return
    yield Found(match.start(), match.end(), PartialDate.from_date(parsed.date()), False)


def _explicit_month(
    match: re.Match[str], text: str, published: PartialDate | None
) -> Iterator[Found]:
    month = _month_number(match["month"])
    if month is not None:
        yield Found(match.start(), match.end(), PartialDate(int(match["year"]), month), False)


def _iso_day(match: re.Match[str], text: str, published: PartialDate | None) -> Iterator[Found]:
    parsed = _parse_explicit(match.group())
    if parsed is not None:
        yield Found(match.start(), match.end(), PartialDate.from_date(parsed.date()), False)


def _day_no_year(match: re.Match[str], text: str, published: PartialDate | None) -> Iterator[Found]:
    """'On September 24' or '13 October': the latest such day on or before publication; in a
    sentence about the future ("will meet on 13 October"), the first on or after it."""
    month = _month_number(match["month"])
    if month is None or published is None or published.month is None:
        return
    future = _in_future_context(text, *match.span("phrase"))
    if published.day is None:  # "November 25" in a November article: that November's
        year = _latest_month(month, published, future)
        parsed = _parse_explicit(f"{match['day']} {match['month'].rstrip('.')} {year}")
    else:
        days = [_parse_explicit(f"{match['day']} {match['month'].rstrip('.')} {y}")
                for y in (published.year - 1, published.year, published.year + 1)]
        parsed = _nearest([d for d in days if d is not None], published.as_date(), future)
    if parsed is None or parsed.month != month:
        return
    start, end = match.span("phrase")
    yield Found(start, end, PartialDate.from_date(parsed.date()), True)


def _month_no_year(
    match: re.Match[str], text: str, published: PartialDate | None
) -> Iterator[Found]:
    """'in May': the latest May on or before the publication month (the first on or after it
    in a sentence about the future); 'last May', 'this May', 'next May'."""
    month = _month_number(match["month"])
    if month is None or published is None or published.month is None:
        return
    start, end = match.span("phrase")
    shift = match.groupdict().get("shift")
    if shift:
        year = _shifted_month(month, _SHIFTS[shift.lower()], published)
        start = match.start("shift")
    else:
        months = [dt.datetime(y, month, 1) for y in range(published.year - 1, published.year + 2)]
        first = _nearest(months, published.as_date().replace(day=1),
                         _in_future_context(text, start, end))
        year = first.year if first else published.year
    yield Found(start, end, PartialDate(year, month), True)


def _year_range(match: re.Match[str], text: str, published: PartialDate | None) -> Iterator[Found]:
    """'1998–2002', 'between 1998 and 2002', 'from 1998 to 2002': one period, not two events."""
    first = int(match["first"] or match["first2"])
    second = int(match["second"] or match["second2"])
    if first < second:
        yield Found(match.start(), match.end(), PartialDate(first), False, PartialDate(second),
                    "range")


def _decade(match: re.Match[str], text: str, published: PartialDate | None) -> Iterator[Found]:
    """'the 1980s', 'the late 1980s', 'mid-1990s': the decade, or the part of it the text names."""
    start = int(match["decade"])
    first, last = _DECADE_YEARS.get((match["part"] or "").lower(), (0, 9))
    yield Found(match.start(), match.end(), PartialDate(start + first),
                False, PartialDate(start + last), "decade")


# A year said in words, as broadcast transcripts write it: "nineteen ninety-six", "nineteen
# oh five", "the year two thousand", "two thousand and one" (with "the year" or a unit only:
# "two thousand people" is a number).
_UNITS_SPOKEN = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_TEENS_SPOKEN = ("ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
                 "seventeen", "eighteen", "nineteen")
_TENS_SPOKEN = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_SPOKEN_YEAR = (
    rf"(?:[Ee]ighteen|[Nn]ineteen)\s+(?:hundred|(?:oh\s+)?(?:{'|'.join(_UNITS_SPOKEN)})|"
    rf"(?:{'|'.join(_TEENS_SPOKEN)})|(?:{'|'.join(_TENS_SPOKEN)})(?:[-\s](?:{'|'.join(_UNITS_SPOKEN)}))?)"
    rf"|(?:[Tt]he\s+year\s+)?[Tt]wo\s+thousand(?:\s+(?:and\s+)?(?:{'|'.join(_TEENS_SPOKEN)}"
    rf"|{'|'.join(_UNITS_SPOKEN)}))(?![-\s]+(?:{'|'.join(_TENS_SPOKEN)}|hundred))"
    r"|[Tt]he\s+year\s+two\s+thousand")


def _spoken_number(words: list[str]) -> int:
    """The value of a year's words after its century: 'ninety six' 96, 'oh five' 5."""
    value = 0
    for word in words:
        if word in _TENS_SPOKEN:
            value += 10 * (_TENS_SPOKEN.index(word) + 2)
        elif word in _TEENS_SPOKEN:
            value += 10 + _TEENS_SPOKEN.index(word)
        elif word in _UNITS_SPOKEN:
            value += _UNITS_SPOKEN.index(word) + 1
    return value


def _spoken_year(match: re.Match[str], text: str, published: PartialDate | None
                 ) -> Iterator[Found]:
    """'nineteen ninety-six', 'January nineteen ninety-seven', 'the year two thousand'."""
    words = re.split(r"[-\s]+", match["spoken"].lower())
    if "thousand" in words:
        year = 2000 + _spoken_number(words[words.index("thousand") + 1:])
    else:
        century = 1800 if words[0] == "eighteen" else 1900
        year = century + (0 if words[1] == "hundred" else _spoken_number(words[1:]))
    named = _MONTH_BEFORE.search(text, max(0, match.start() - 20), match.start())
    month = _month_number(named["month"]) if named else None
    yield Found(named.start() if named else match.start(), match.end(),
                PartialDate(year, month), False)


_MONTH_BEFORE = re.compile(rf"\b(?P<month>{_FULL_MONTHS})\s+$")


def _week(match: re.Match[str], text: str, published: PartialDate | None) -> Iterator[Found]:
    """'last week', 'this week', 'next week': the Monday-to-Sunday week, from a known day."""
    day = _day(published)
    if day is None or re.search(r"\bthe\s+$", text[:match.start()], re.IGNORECASE):
        return
    shift = {"last": -1, "this": 0, "next": 1}[match["which"].lower()]
    monday = day - dt.timedelta(days=day.weekday()) + dt.timedelta(weeks=shift)
    sunday = monday + dt.timedelta(days=6)
    yield Found(match.start(), match.end(), PartialDate.from_date(monday), True,
                PartialDate.from_date(sunday), "week")


def _bare_year(match: re.Match[str], text: str, published: PartialDate | None) -> Iterator[Found]:
    """A four-digit number used as a year, not as a quantity, decade or part of a code."""
    start, end = match.span()
    after = text[end:]
    if _YEAR_BAD_FOLLOW.match(after) or _YEAR_QUANTITY_LEAD.search(text[max(0, start - 20):start]):
        return
    following = re.match(r"\s+([a-z]+)\b", after)
    if following and following.group(1) not in _YEAR_FOLLOWERS and not _YEAR_AS_ADJECTIVE.search(
            text[max(0, start - 12):start]):
        return
    yield Found(start, end, PartialDate(int(match.group())), False)


def _weekday(match: re.Match[str], text: str, published: PartialDate | None) -> Iterator[Found]:
    """'pledged Friday', 'on Friday', 'this Sunday': latest such day on or before publication;
    'last Friday' the latest strictly before it; in a sentence about the future ("will meet
    Friday", "next Friday") the first on or after it ('next': after). Named uses are skipped."""
    day = _day(published)
    if day is None:
        return
    start = match.start()
    before = text[max(0, start - 80):start]
    sentence_before = re.split(r"[!?\n]|\.\s", before)[-1]
    modifier = (match["modifier"] or "").lower()
    future = modifier == "next" or _in_future_context(text, start, match.end())
    previous = re.search(r"(\S+)\s+$", sentence_before)
    previous_word = previous.group(1) if previous else ""
    if previous_word in _WEEKDAY_NAME_LEADS:
        return
    following = re.match(r"\s+([A-Z][a-z]+)", text[match.end():])
    if following and following.group(1) in _WEEKDAY_NAME_TAILS:
        return
    index = _PARSER_INFO.weekday(match["weekday"])
    if index is None:
        return
    if modifier == "last":
        day -= dt.timedelta(days=1)
    elif modifier == "next":
        day += dt.timedelta(days=1)
    resolved = day + relativedelta(weekday=weekday(index)(+1 if future else -1))
    yield Found(match.start(), match.end(), PartialDate.from_date(resolved), True)


def _ago(match: re.Match[str], text: str, published: PartialDate | None) -> Iterator[Found]:
    """'175 years ago', 'three months ago', 'two days ago' at the unit's precision; 'two weeks
    ago' as that week; '7000 years ago' as a year before year 1 (ISO's year -4978)."""
    raw = match["count"].lower()
    count = int(raw) if raw.isdigit() else _NUMBER_WORDS[raw]
    unit = _UNITS[match["unit"].lower()]
    if published is None or count <= 0 or _PRECEDING_NUMBER.search(text[:match.start()]):
        return  # "twenty-five years ago", "1,000 years ago": only part of the number matched
    if unit in ("year", "decade"):
        years = count * (10 if unit == "decade" else 1)
        yield Found(match.start(), match.end(), PartialDate(published.year - years), True)
    elif unit == "week" and (day := _day(published)) is not None:
        monday = day - dt.timedelta(days=day.weekday(), weeks=count)
        yield Found(match.start(), match.end(), PartialDate.from_date(monday), True,
                    PartialDate.from_date(monday + dt.timedelta(days=6)), "week")
    elif unit == "month" and published.month is not None:
        then = published.as_date() - relativedelta(months=count)
        yield Found(match.start(), match.end(), PartialDate(then.year, then.month), True)
    elif unit == "day" and (day := _day(published)) is not None:
        resolved = day - relativedelta(days=count)
        yield Found(match.start(), match.end(), PartialDate.from_date(resolved), True)


def _this_or_last(
    match: re.Match[str], text: str, published: PartialDate | None
) -> Iterator[Found]:
    """'this year', 'last year', 'next year', '(earlier) this month', 'last month', 'today',
    'yesterday', 'tomorrow', 'tonight'."""
    if published is None or re.search(r"\bthe\s+$", text[:match.start()], re.IGNORECASE):
        return  # "in the last year" is a duration, not a date
    words = match.group().lower().split()
    unit = words[-1]
    last = 1 if "last" in words else -1 if "next" in words else 0
    if unit == "year":
        yield Found(match.start(), match.end(), PartialDate(published.year - last), True)
    elif unit == "month" and published.month is not None:
        then = published.as_date() - relativedelta(months=last)
        yield Found(match.start(), match.end(), PartialDate(then.year, then.month), True)
    elif unit in _DAY_WORDS and (day := _day(published)) is not None:
        resolved = day + relativedelta(days=_DAY_WORDS[unit])
        yield Found(match.start(), match.end(), PartialDate.from_date(resolved), True)


_DAY_WORDS = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}


def _quarter(match: re.Match[str], text: str, published: PartialDate | None) -> Iterator[Found]:
    """'the third quarter', 'third-quarter', 'the 1988 second quarter', 'Q3 2011', 'next
    year's first quarter': the latest such quarter begun by publication (in a sentence about the
    future, the next), unless a year is named."""
    groups = match.groupdict()
    number = _QUARTER_NUMBERS.get((groups.get("number") or "").lower()) or int(groups.get("q") or 0)
    year_named = groups.get("year") or groups["year2"]
    if year_named:
        year, relative = int(year_named), False
    elif published is None or published.month is None:
        return
    elif groups.get("shift"):
        year, relative = published.year + _SHIFTS[groups["shift"].lower()], True
    else:
        year, relative = published.year, True
        if 3 * number - 2 > published.month and not _in_future_context(text, *match.span()):
            year -= 1
    yield _quarter_found(match.start(), match.end(), year, number, relative)


def _last_quarter(match: re.Match[str], text: str, published: PartialDate | None
                  ) -> Iterator[Found]:
    """'the quarter', 'the latest quarter', 'last quarter': the last quarter ended by
    publication, the one results are reported for; 'the current quarter': publication's."""
    if published is None or published.month is None:
        return
    index = published.year * 4 + (published.month - 1) // 3
    if (match["which"] or "").lower() != "current":
        index -= 1
    yield _quarter_found(match.start(), match.end(), index // 4, index % 4 + 1, True)


def _season(match: re.Match[str], text: str, published: PartialDate | None) -> Iterator[Found]:
    """'the summer of 1998', 'summer 2011', 'last fall', 'this summer', 'in the winter': a season
    as three months; without a year, the latest begun by publication ('last': ended; in a
    sentence about the future or 'next', the next). 'The fall' alone is no date."""
    first = _SEASONS[match["season"].lower()]
    start = min(match.start(g) for g in ("shift", "the", "season") if match[g])
    if match["year"]:
        yield _season_found(start, match.end(), int(match["year"]), first, False)
        return
    shift = _SHIFTS.get((match["shift"] or "").lower())
    if published is None or published.month is None or (shift is None and not match["lead"]):
        return
    if re.match(r"\s+of\b", text[match.end():]):
        return  # "in the fall of the wall"
    now = published.year * 12 + published.month - 1
    begins = [y * 12 + first - 1 for y in range(published.year - 2, published.year + 2)]
    if shift == 0:
        begun = published.year * 12 + first - 1
    elif shift is not None and shift < 0:
        begun = max(b for b in begins if b + 3 <= now)
    elif shift or _in_future_context(text, *match.span()):
        begun = min(b for b in begins if b > now)
    else:
        begun = max(b for b in begins if b <= now)
    yield _season_found(start, match.end(), begun // 12, first, True)


def _weekend(match: re.Match[str], text: str, published: PartialDate | None) -> Iterator[Found]:
    """'the weekend', 'last weekend', 'this weekend': Saturday and Sunday, the latest begun by
    publication; 'next weekend', or one in a sentence about the future, the next."""
    day = _day(published)
    if day is None:
        return
    shift = _SHIFTS.get((match["shift"] or "").lower())
    latest = day - dt.timedelta(days=(day.weekday() - 5) % 7)
    if shift is not None and shift < 0 and day.weekday() >= 5:
        saturday = latest - dt.timedelta(days=7)
    elif shift == 1 or (day.weekday() < 5 and (
            shift == 0 or _in_future_context(text, *match.span()))):
        saturday = latest + dt.timedelta(days=7)
    else:
        saturday = latest
    yield Found(match.start(), match.end(), PartialDate.from_date(saturday), True,
                PartialDate.from_date(saturday + dt.timedelta(days=1)), "weekend")


def _reference(match: re.Match[str], text: str, published: PartialDate | None
               ) -> Iterator[Found]:
    """'now', 'currently', 'recently', 'the future': the time of writing, before or after it,
    at the publication date; never an event's date (`REFERENCE_KINDS`)."""
    if published is not None:
        kind = _REFERENCES[" ".join(match.group().lower().split())]
        yield Found(match.start(), match.end(), published, True, None, kind)


_PATTERNS: list[tuple[re.Pattern[str], Handler]] = [
    (
        re.compile(
            rf"\b{_WEEKDAY_PREFIX}(?P<month>{_MONTH_NUM})\s+(?P<day>{_DAY}),?\s+"
            rf"(?P<year>{_YEAR})(?![\d–-])"
        ),
        _explicit_day,
    ),
    (
        re.compile(
            rf"\b{_WEEKDAY_PREFIX}(?P<day>{_DAY})\s+(?:of\s+)?(?P<month>{_MONTH_NUM}),?\s+"
            rf"(?P<year>{_YEAR})(?![\d–-])"
        ),
        _explicit_day,
    ),
    (
        re.compile(rf"\b(?P<month>{_MONTH_NUM})\s+(?P<year>{_YEAR})(?![\d–-])"),
        _explicit_month,
    ),
    (re.compile(r"(?<![\d/-])\d{4}-\d\d-\d\d(?![\d-])"), _iso_day),
    (
        re.compile(
            rf"\b(?P<phrase>{_WEEKDAY_PREFIX}(?P<month>{_MONTH_NUM})\s+(?P<day>{_DAY}))"
            rf"{_NO_MORE_DIGITS}(?!\s*%)(?!\s+attacks?\b)"
        ),
        _day_no_year,
    ),
    (
        re.compile(
            rf"\b(?P<phrase>{_WEEKDAY_PREFIX}(?P<day>{_DAY})\s+(?P<month>{_MONTH_NUM}))"
            rf"{_NO_MORE_DIGITS}"
        ),
        _day_no_year,
    ),
    (
        re.compile(
            rf"\b(?:[Ii]n|[Dd]uring|[Ss]ince|[Ee]arly|[Mm]id-?|[Ll]ate)"
            rf"(?:\s+(?:early|mid-?|late))?\s*(?P<phrase>(?P<month>{_MONTH_ALONE}))"
            rf"{_NO_MORE_DIGITS}"
        ),
        _month_no_year,
    ),
    (  # "by February", "the October slaying", "a June agreement", "the middle of October";
        # not "May", a name and a verb as often as a month, nor a name ("the October Revolution")
        re.compile(
            rf"\b(?:[Bb]y|[Tt]hrough|[Uu]ntil|[Tt]ill|[Bb]efore|[Aa]fter|[Ff]or|[Tt]he|[Aa]|of)"
            rf"\s+(?P<phrase>(?P<month>(?!May\b){_MONTH_ALONE}))(?!\s+(?:\d|[A-Z]))"
            rf"{_NO_MORE_DIGITS}"
        ),
        _month_no_year,
    ),
    (
        re.compile(
            rf"\b(?:(?:[Bb]etween|[Ff]rom)\s+(?P<first>{_YEAR})\s+(?:and|to|until|till)\s+"
            rf"(?P<second>{_YEAR})|(?P<first2>{_YEAR})\s?[–-]\s?(?P<second2>{_YEAR}))\b"
            rf"(?![-–/]\d)"
        ),
        _year_range,
    ),
    (
        re.compile(
            r"\b(?:(?P<part>[Ee]arly|[Mm]id|[Ll]ate)[-\s]+)?(?P<decade>1[89]\d0|20\d0)['’]?s\b"
        ),
        _decade,
    ),
    (re.compile(rf"\b(?=[EeNnTt])(?P<spoken>{_SPOKEN_YEAR})\b"), _spoken_year),
    (re.compile(r"\b(?P<which>[Ll]ast|[Tt]his|[Nn]ext)\s+week\b"), _week),
    (
        re.compile(
            rf"\b(?P<shift>{_alternatives(_SHIFTS)})\s+(?P<phrase>(?P<month>{_MONTH_ALONE}))"
            rf"{_NO_MORE_DIGITS}",
            re.IGNORECASE,
        ),
        _month_no_year,
    ),
    (
        re.compile(
            rf"\b(?:(?:the\s+)?(?P<year>{_YEAR})\s+|(?P<shift>{_alternatives(_SHIFTS)})\s+"
            rf"year['’]s\s+|the\s+)?(?:fiscal\s+)?(?P<number>{_alternatives(_QUARTER_NUMBERS)})"
            rf"[-–\s]+{_QUARTER_WORD}\b(?:\s+of\s+(?P<year2>{_YEAR}))?",
            re.IGNORECASE,
        ),
        _quarter,
    ),
    (re.compile(rf"\bQ(?P<q>[1-4])(?:\s+(?P<year2>{_YEAR}))?\b"), _quarter),
    (
        re.compile(
            rf"\b(?:the|this|last)\s+(?:(?P<which>latest|last|most\s+recent|past|previous"
            rf"|current)\s+)?(?:fiscal\s+)?{_QUARTER_WORD}\b(?![-–])",
            re.IGNORECASE,
        ),
        _last_quarter,
    ),
    (
        re.compile(
            rf"\b(?:(?P<shift>{_alternatives(_SHIFTS)})\s+|(?P<lead>(?:in|during|over|through"
            rf"|by|until|since)\s+)?(?P<the>the\s+))?(?P<season>{_alternatives(_SEASONS)})\b"
            rf"(?:\s+(?:of\s+)?(?P<year>{_YEAR})(?!\d))?",
            re.IGNORECASE,
        ),
        _season,
    ),
    (
        re.compile(rf"\b(?:(?P<shift>{_alternatives(_SHIFTS)})|the)\s+{_WEEKEND}\b(?!s)",
                   re.IGNORECASE),
        _weekend,
    ),
    (
        re.compile(rf"(?<![-–])\b(?:{_alternatives(_REFERENCES)})\b(?![-–])", re.IGNORECASE),
        _reference,
    ),
    (
        re.compile(
            rf"\b(?P<count>{_NUMBER})\s+(?P<unit>years?|months?|weeks?|days?|decades?)\s+ago\b",
            re.IGNORECASE,
        ),
        _ago,
    ),
    (
        re.compile(
            r"\b(?:(?:earlier|later)\s+)?(?:this|last|next)\s+(?:year|month)\b"
            rf"|\b(?:{_alternatives(_DAY_WORDS)})\b",
            re.IGNORECASE,
        ),
        _this_or_last,
    ),
    (
        re.compile(
            rf"\b(?:(?P<modifier>[Tt]his|[Ll]ast|[Nn]ext)\s+)?(?P<weekday>{_WEEKDAYS})\b"
            r"(?!s\b)(?:\s+(?:morning|afternoon|evening|night)\b)?"
        ),
        _weekday,
    ),
    (
        re.compile(rf"(?:(?<![\d/–$£€#-])|(?<=[Mm]id-))(?<!\d[,.]){_YEAR}"
                   r"(?![\d/]|[–-]\d|,\d|\.\d)"),
        _bare_year,
    ),
]


# --- dates counted from the date just given ------------------------------------------------
#
# "Two days later", "the following year", "a year earlier": counted from the last date the text
# gave before them (`anchor`: in an earlier sentence of the article when none is in this one).

AnchoredHandler = Callable[[re.Match[str], str, Found | None, "PartialDate | None"],
                           Iterator[Found]]


def _moved(anchor: Found, unit: str, count: int, start: int, end: int) -> Found | None:
    """The anchor's date moved by `count` units, at the precision both allow: a quarter a year
    on stays a quarter; a day needs a day, a month a month."""
    date, kind = anchor.date, anchor.kind
    if kind == "quarter":
        if unit != "year":
            return None
        return _quarter_found(start, end, date.year + count, ((date.month or 1) - 1) // 3 + 1,
                              True)
    if kind not in ("", "week", "weekend"):
        return None  # ranges, decades, seasons, the present: nothing exact to count from
    if unit in ("day", "week"):
        if date.day is None:
            return None
        then = date.as_date() + dt.timedelta(days=count * (7 if unit == "week" else 1))
        if unit == "day":
            return Found(start, end, PartialDate.from_date(then), True)
        monday = then - dt.timedelta(days=then.weekday())
        return Found(start, end, PartialDate.from_date(monday), True,
                     PartialDate.from_date(monday + dt.timedelta(days=6)), "week")
    if unit == "month":
        if date.month is None:
            return None
        then = date.as_date() + relativedelta(months=count)
        return Found(start, end, PartialDate(then.year, then.month), True)
    return Found(start, end, PartialDate(date.year + count * (10 if unit == "decade" else 1)),
                 True)


def _counted(match: re.Match[str], text: str, anchor: Found | None,
             published: PartialDate | None) -> Iterator[Found]:
    """'two days later', 'a year earlier', 'three weeks after': from the date just given (from
    publication for 'earlier' when none was); 'a year ago' after a quarter is that quarter's
    year-earlier one. 'Two days after the vote' counts from the vote: no date."""
    raw, direction = match["count"].lower(), match["direction"].lower()
    count = int(raw) if raw.isdigit() else _NUMBER_WORDS[raw]
    unit = _UNITS[match["unit"].lower()]
    if count <= 0 or _PRECEDING_NUMBER.search(text[:match.start()]):
        return
    if direction in ("before", "after") and not re.match(
            r"\s*(?:[,.;:!?)\"”’]|$|(?:and|but|when|as|in|on|at|to)\b)", text[match.end():]):
        return
    if direction == "ago":
        if anchor is None or anchor.kind != "quarter" or unit != "year":
            return  # counted from publication: `_ago`
        direction = "earlier"
    if anchor is None and direction in ("earlier", "before") and published is not None:
        anchor = Found(0, 0, published, True)
    if anchor is not None:
        moved = _moved(anchor, unit, count * _DIRECTIONS[direction], *match.span())
        if moved is not None:
            yield moved


def _neighbour(match: re.Match[str], text: str, anchor: Found | None,
                     published: PartialDate | None) -> Iterator[Found]:
    """'the following day', 'the next morning', 'the previous year', 'that same day', 'later
    that year', 'the day before': the date just given, moved by one unit or not at all."""
    if match["unit2"]:
        unit, shift = match["unit2"], _DIRECTIONS[match["direction2"].lower()]
    else:
        unit, shift = match["unit"], _NEIGHBOURS.get((match["rel"] or "").lower(), 0)
    if anchor is None:
        return
    moved = _moved(anchor, _UNITS[unit.lower()], shift, *match.span())
    if moved is not None:
        yield moved


def _year_before(match: re.Match[str], text: str, anchor: Found | None,
                 published: PartialDate | None) -> Iterator[Found]:
    """'year-earlier', 'the year-ago quarter': a year before the date (or quarter) just given,
    or before publication."""
    if anchor is None or anchor.kind not in ("", "quarter"):
        if published is None:
            return
        anchor = Found(0, 0, PartialDate(published.year), True)
    moved = _moved(anchor, "year", -1, *match.span())
    if moved is not None:
        yield moved


_ANCHORED: list[tuple[re.Pattern[str], AnchoredHandler]] = [
    (
        re.compile(
            rf"\b(?P<count>{_NUMBER})\s+(?P<unit>days?|weeks?|months?|years?|decades?)\s+"
            rf"(?P<direction>{_alternatives(_DIRECTIONS)}|ago)\b",
            re.IGNORECASE,
        ),
        _counted,
    ),
    (
        re.compile(
            rf"\b(?:(?:later|earlier)\s+)?(?:the\s+(?P<rel>{_alternatives(_NEIGHBOURS)})|that"
            rf"(?:\s+same)?)\s+(?P<unit>day|week|month|year|morning|afternoon|evening|night)\b"
            rf"|\bthe\s+(?P<unit2>day|week|month|year)\s+(?P<direction2>before|after)"
            rf"(?=\s*[,.;:!?)]|\s*$)",
            re.IGNORECASE,
        ),
        _neighbour,
    ),
    (
        re.compile(
            rf"(?:the\s+(?=(?:{_alternatives(_YEAR_BEFORE)})\s+(?:quarter|period)))?"
            rf"\b(?:{_alternatives(_YEAR_BEFORE)})(?:\s+(?:quarter|period)\b)?",
            re.IGNORECASE,
        ),
        _year_before,
    ),
]


def find_dates(text: str, published: PartialDate | None,
               anchor: Found | None = None, language: str = "en") -> list[Found]:
    return _find(text, published, anchor, language)[0]


def _tables(language: str) -> tuple[list[tuple[re.Pattern[str], Handler]],
                                    list[tuple[re.Pattern[str], AnchoredHandler]]]:
    """The patterns of a language: Spanish's table (dates_es.py, built on this module's
    handlers, hence imported here), else English's."""
    if language == "es":
        from bot.extract import dates_es

        return dates_es.PATTERNS, dates_es.ANCHORED
    return _PATTERNS, _ANCHORED


def _find(text: str, published: PartialDate | None,
          anchor: Found | None, language: str = "en") -> tuple[list[Found], Found | None]:
    """(start, end, date, relative) for every date expression in text, in order; and the
    last date given outright, the anchor of the next text's "two days later".

    Every pattern proposes spans; overlapping proposals are settled longest first, so that
    "March 14, 1998" is one day rather than a day plus the year 1998. Then the dates counted
    from the date just given ("two days later") are resolved, in order, from the last date
    before them (`anchor` when there is none in the text).
    """
    urls = [m.span() for m in _URL.finditer(text)]
    patterns, anchored_patterns = _tables(language)
    sieve = Sieve(text)  # most sentences lack the words most patterns need: those are skipped
    candidates: list[tuple[int, int, Found]] = []
    for rank, (pattern, handler) in enumerate(patterns):
        if not sieve.may_match(pattern):
            continue
        for match in pattern.finditer(text):
            for found in handler(match, text, published):
                start, end = found.start, found.end
                if any(s < end and start < e for s, e in urls):
                    continue
                candidates.append((end - start, rank, found))
    candidates.sort(key=lambda c: (-c[0], c[1], c[2][0]))
    taken: list[Found] = []
    for _, _, found in candidates:
        if all(found[1] <= t[0] or t[1] <= found[0] for t in taken):
            taken.append(found)
    anchors = sorted((t for t in taken if t.kind not in REFERENCE_KINDS), key=lambda t: t.end)
    anchored = sorted(((match, handler) for pattern, handler in anchored_patterns
                       if sieve.may_match(pattern) for match in pattern.finditer(text)),
                      key=lambda p: p[0].start())
    for match, counting in anchored:
        before = [t for t in anchors if t.end <= match.start()]
        last = before[-1] if before else anchor
        for found in counting(match, text, last, published):
            clashing = [t for t in taken if t.start < found.end and found.start < t.end]
            if all((t.start, t.end) == (found.start, found.end) or found.end - found.start >
                   t.end - t.start for t in clashing):  # longer, or a better reading
                taken = [t for t in taken if t not in clashing] + [found]
    taken = [_narrowed(found, text) for found in taken]
    return sorted(taken, key=lambda f: (f[0], f[1])), anchors[-1] if anchors else anchor


def _narrowed(found: Found, text: str) -> Found:
    """The phrase with the words narrowing its date ("early 2011", "the end of June")."""
    if found.kind in REFERENCE_KINDS or found.kind in ("week", "weekend"):
        return found
    narrowing = _NARROWING.search(text, max(0, found.start - 40), found.start)
    return found._replace(start=narrowing.start()) if narrowing else found


def extract_date_mentions(document: Document) -> list[DateMention]:
    """Every date mention of every sentence of the document's passages, in text order.

    Sentences are searched one at a time so that a mention always lies inside the sentence
    shown to the user, and context cues ("will", "next") never leak across sentences.
    Anniversaries come last: they need the dates of the whole document.
    """
    mentions = _sentence_mentions(document)
    mentions.extend(anniversary_mentions(document, mentions))
    mentions.sort(key=lambda m: (m.start, m.end))
    return mentions


def _sentence_mentions(document: Document) -> list[DateMention]:
    mentions: list[DateMention] = []
    anchor: Found | None = None  # the last date of the sentences before: "two days later"
    for passage in document.passages:
        for sentence in passage.sentences:
            found_here, anchor = _find(sentence.text, document.date, anchor, passage.language)
            for found in found_here:
                mentions.append(
                    DateMention(
                        date=found.date,
                        phrase=sentence.text[found.start:found.end],
                        start=sentence.start + found.start,
                        end=sentence.start + found.end,
                        sentence=sentence,
                        passage_id=passage.passage_id,
                        relative=found.relative,
                        until=found.until,
                        kind=found.kind,
                    )
                )
    mentions.sort(key=lambda m: (m.start, m.end))
    return mentions


# --- anniversaries --------------------------------------------------------------------------

_ORDINAL_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "fifteenth": 15, "twentieth": 20, "twenty-fifth": 25,
    "thirtieth": 30, "fortieth": 40, "fiftieth": 50, "sixtieth": 60, "seventieth": 70,
    "seventy-fifth": 75, "eightieth": 80, "ninetieth": 90, "hundredth": 100,
}  # fmt: skip
_ANNIVERSARY = re.compile(
    r"\b(?P<phrase>(?P<count>\d{1,3}(?P<suffix>st|nd|rd|th)|"
    + "|".join(sorted(_ORDINAL_WORDS, key=len, reverse=True))
    + r")\s+anniversary)\s+of\s+(?P<what>[^.;:!?,\"“”()]+)",
    re.IGNORECASE,
)
# How many words either side of a date may name the event an anniversary counts from.
_NEAR_WIDTH = 10
# Where the name of the anniversary's event ends and what it concerns begins.
_WHAT_END = re.compile(
    r"\s(?:between|with|among|in|to|by|that|which|who|and\s+the|as|on|at)\s", re.IGNORECASE)


def _ordinal(match: re.Match[str]) -> int | None:
    """25 for '25th'; None for a malformed ordinal ('25nd') that may not be one."""
    raw = match["count"].lower()
    if not match["suffix"]:
        return _ORDINAL_WORDS[raw]
    number = int(raw[:-2])
    expected = "th" if number % 100 in (11, 12, 13) else {1: "st", 2: "nd", 3: "rd"}.get(
        number % 10, "th")
    return number if number > 0 and match["suffix"].lower() == expected else None


def anniversary_mentions(document: Document, mentions: list[DateMention]) -> list[DateMention]:
    """'the 25th anniversary of the founding of the museum' as the year 2023, when the article
    itself dates that founding (1998).

    The base is a single, explicit date whose nearby words (ten either side) name the
    anniversary's event ("founding"); when the article gives that event two different years,
    or none, the anniversary stays undated: a count is never turned into a date by guessing.
    Future anniversaries ("will mark") and those adding nothing to a date their sentence gives
    already ("in March 2018 to celebrate the 20th anniversary") are left out.
    """
    found: list[DateMention] = []
    published = document.date
    for passage in document.passages:
        language = passage.language
        for sentence in passage.sentences:
            for match, count, what in _anniversaries(sentence.text, language):
                event = content_keys(what, language=language)
                if count is None or not event or _future(
                        sentence.text, *match.span("phrase"), language=language):
                    continue
                bases = {m.date.year: m.date for m in mentions
                         if not m.relative and not m.kind and m.sentence != sentence
                         and event & content_keys(_near(m), language=language)}
                if len(bases) != 1:
                    continue
                since = next(iter(bases.values()))
                year = since.year + count
                if published is not None and year > published.year + 1:
                    continue  # an anniversary years after the article: a misreading
                if any(m.sentence == sentence and m.date.year == year and not m.kind
                       for m in mentions):
                    continue
                start, end = match.span("phrase")
                found.append(DateMention(
                    date=PartialDate(year), phrase=match["phrase"],
                    start=sentence.start + start, end=sentence.start + end, sentence=sentence,
                    passage_id=passage.passage_id, relative=True, since=since))
    return found


def _anniversaries(text: str, language: str
                   ) -> Iterator[tuple[re.Match[str], int | None, str]]:
    """Each anniversary of a sentence: the match, its count (None if malformed) and the words
    naming what it counts from, in the sentence's language."""
    if language == "es":
        from bot.extract import dates_es

        for match in dates_es.ANNIVERSARY.finditer(text):
            what = dates_es.WHAT_END.split(" " + match["what"] + " ", maxsplit=1)[0]
            yield match, dates_es.ordinal(match), what
        return
    for match in _ANNIVERSARY.finditer(text):
        yield match, _ordinal(match), _WHAT_END.split(" " + match["what"] + " ", maxsplit=1)[0]


def _future(text: str, start: int, end: int, language: str = "en") -> bool:
    """Whether the sentence around text[start:end] speaks of the future, in its language."""
    if language == "es":
        from bot.extract import dates_es

        return dates_es.future_context(text, start, end)
    return _in_future_context(text, start, end)


def _near(mention: DateMention) -> str:
    """The words either side of a date in its sentence: what happened then."""
    sentence = mention.sentence
    return words_around(sentence.text, mention.start - sentence.start,
                        mention.end - sentence.start, _NEAR_WIDTH)


def complete_publication_date(document: Document) -> None:
    """Date an article whose header gave only a month and day ("Mar 14") with the year its own
    text gives (see `publication_year`); left undated when the text does not settle it."""
    if document.date is not None or document.month_day is None:
        return
    month, day = document.month_day
    year = publication_year(document, month, day)
    try:
        document.date = PartialDate.from_date(dt.date(year, month, day)) if year else None
    except ValueError:  # 29 February of a common year
        document.date = None


def publication_year(document: Document, month: int, day: int) -> int | None:
    """The year of an article dated only 'Mar 14', from its anniversaries: "This year marks the
    25th anniversary of the museum" with the museum founded in 1998 gives 2023.

    An anniversary counts only when nothing in its sentence puts it in another year once the
    article is dated (month, day) of that year ("five years ago we celebrated the 20th
    anniversary"), and all that count must agree; otherwise None, and the article stays undated.
    """
    years: set[int] = set()
    for mention in anniversary_mentions(document, _sentence_mentions(document)):
        year = mention.date.year
        try:
            published = PartialDate.from_date(dt.date(year, month, day))
        except ValueError:
            continue
        language = next((p.language for p in document.passages
                         if p.passage_id == mention.passage_id), "")
        elsewhere = [f for f in find_dates(mention.sentence.text, published, language=language)
                     if f.relative and f.date.year != year]
        if not elsewhere:
            years.add(year)
    return years.pop() if len(years) == 1 else None

