"""The corpus as plain data: documents, their passages and sentences, and dates of any precision.

Every piece of text the bot ever shows is a `Sentence` (or a span inside one) of a `Passage` of a
`Document`, and the document carries its outlet: attribution is structural, not an afterthought.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, order=True, slots=True)
class PartialDate:
    """A date known to the year, the month or the day, as news text gives it."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def precision(self) -> str:
        if self.day is not None:
            return "day"
        return "month" if self.month is not None else "year"

    def iso(self) -> str:
        """'YYYY', 'YYYY-MM' or 'YYYY-MM-DD'; a year before 1 as '-NNNN' (ISO 8601's astronomical
        numbering: year 0 is 1 BC), only ever alone ("7000 years ago")."""
        if self.month is None:
            return f"{self.year:05d}" if self.year < 0 else f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def display(self) -> str:
        """'14 Mar 1998', 'March 1998', '1998' or '4979 BC'."""
        if self.month is None:
            return str(self.year) if self.year > 0 else f"{1 - self.year} BC"
        if self.day is None:
            return f"{calendar.month_name[self.month]} {self.year}"
        return f"{self.day} {calendar.month_abbr[self.month]} {self.year}"

    def sort_key(self) -> tuple[int, int, int]:
        return (self.year, self.month or 0, self.day or 0)

    def as_date(self) -> dt.date:
        """The first day the partial date could mean, for arithmetic."""
        return dt.date(self.year, self.month or 1, self.day or 1)

    @classmethod
    def from_date(cls, value: dt.date) -> PartialDate:
        return cls(value.year, value.month, value.day)

    @classmethod
    def parse_iso(cls, text: str) -> PartialDate:
        """Parse 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD'; raises ValueError otherwise."""
        text = text.strip()
        if text.startswith("-") and text[1:].isdigit():  # a year before 1, only ever alone
            return cls(-int(text[1:]))
        parts = text.split("-")
        if not 1 <= len(parts) <= 3 or not all(p.isdigit() for p in parts):
            raise ValueError(f"not a YYYY[-MM[-DD]] date: {text!r}")
        numbers = [int(p) for p in parts]
        if len(numbers) == 3:
            dt.date(*numbers)  # validates day and month
        elif len(numbers) == 2 and not 1 <= numbers[1] <= 12:
            raise ValueError(f"bad month in {text!r}")
        return cls(*numbers)


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of a passage; `start`/`end` are offsets into the document's cleaned text."""

    text: str
    start: int
    end: int


@dataclass(slots=True)
class Passage:
    """A paragraph or a few short ones of one document; the unit that BM25 ranks."""

    passage_id: str
    doc_id: str
    position: int
    text: str
    start: int
    end: int
    sentences: list[Sentence]
    heading: str = ""
    language: str = ""  # ISO 639-1, as bot/corpus/language.py found it; "" unknown


@dataclass(slots=True)
class Document:
    """One article, cleaned of site furniture, with what is known about where it comes from."""

    doc_id: str
    path: str
    outlet: str
    text: str
    title: str = ""
    url: str = ""
    date: PartialDate | None = None
    author: str = ""
    slant: str = ""
    # A sequence, not a list: a document loaded from the index cache reads its passages lazily.
    passages: Sequence[Passage] = field(default_factory=list)
    # A header date without its year ("Mar 14"); extraction may complete it from the text.
    month_day: tuple[int, int] | None = None
    language: str = ""  # ISO 639-1 ("en", "es"), detected or from sources.yaml; "" unknown


def field_values(records: Sequence[Any], name: str) -> list[Any]:
    """One field of every record. Records loaded from the index cache give it without being
    made one by one (their `column`), so start-up can read a field of all of them cheaply."""
    read = getattr(records, "column", None)
    return read(name) if read is not None else [getattr(record, name) for record in records]
