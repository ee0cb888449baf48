"""What is known about each article's source: the corpus's metadata file and header dates.

Many scraped articles do not name their outlet or date in the text. The corpus folder's
`sources.yaml` records them per document (keyed by file name without extension) and wins over
anything sniffed from the text.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

import yaml
from dateutil import parser as dateparser

from bot.models import PartialDate
from bot.text import calendar_words, fold

log = logging.getLogger(__name__)

_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_HEADER_DATE = re.compile(
    rf"""^(?:\d{{4}}-\d{{2}}(?:-\d{{2}})?(?:[T\s][\d:.+\-Z]*)?
        |(?:[a-z]+,?\s+)?{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?(?:\s+\d{{4}})?
        |\d{{1,2}}\s+{_MONTH},?\s+\d{{4}}
        |{_MONTH}\s+\d{{4}})$""",
    re.IGNORECASE | re.VERBOSE,
)


@dataclass
class SourceMeta:
    outlet: str = ""
    url: str = ""
    date: PartialDate | None = None
    author: str = ""
    slant: str = ""
    title: str = ""
    month_day: tuple[int, int] | None = None  # a header date without its year ("Mar 14")
    language: str = ""  # ISO 639-1; "" to detect it from the text

    def overlaid_by(self, other: SourceMeta | None) -> SourceMeta:
        """These facts with every field that `other` knows replaced by its value."""
        if other is None:
            return self
        merged = SourceMeta()
        for f in fields(self):
            theirs = getattr(other, f.name)
            setattr(merged, f.name, theirs if theirs else getattr(self, f.name))
        return merged


def _as_partial_date(value: Any) -> PartialDate | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return PartialDate.from_date(value.date())
    if isinstance(value, dt.date):
        return PartialDate.from_date(value)
    return PartialDate.parse_iso(str(value))


# libyaml's safe loader where PyYAML has it: the same data, ten times sooner on thousands of entries
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_metadata(path: Path) -> dict[str, SourceMeta]:
    """Per-document facts from a sources.yaml; a missing or broken file means none, not a crash."""
    if not path.is_file():
        return {}
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_SAFE_LOADER) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        log.warning("ignoring metadata file %s: %s", path, error)
        return {}
    entries = data.get("documents", {}) if isinstance(data, dict) else {}
    result: dict[str, SourceMeta] = {}
    for doc_id, entry in (entries or {}).items():
        if not isinstance(entry, dict):
            log.warning("metadata for %s in %s is not a mapping; ignored", doc_id, path)
            continue
        try:
            date = _as_partial_date(entry.get("date"))
        except ValueError as error:
            log.warning("bad date for %s in %s: %s", doc_id, path, error)
            date = None
        result[str(doc_id)] = SourceMeta(
            outlet=str(entry.get("outlet") or ""),
            url=str(entry.get("url") or ""),
            date=date,
            author=str(entry.get("author") or ""),
            slant=str(entry.get("slant") or ""),
            title=str(entry.get("title") or ""),
            language=str(entry.get("language") or ""),
        )
    return result


# A Spanish date line: "martes, 9 de septiembre de 2025", "La Habana, 21 de enero de 2026"
# (a dateline: the place first), "9 de septiembre", "septiembre de 2025".
_SPANISH_HEADER_DATE = re.compile(
    r"^(?:[A-ZÁÉÍÓÚÑ][\w.]*(?:\s+[\w.]+){0,3},\s+)?(?:(?P<weekday>[a-záéíóú]+),?\s+)?"
    r"(?:(?P<day>[0-3]?\d)\.?º?\s+de\s+)?(?P<month>[a-z]+)(?:\s+de(?:l)?\s+(?P<year>\d{4}))?$",
    re.IGNORECASE)


def _spanish_header_date(text: str) -> tuple[int | None, int, int | None] | None:
    """(year, month, day) of a Spanish date line, year or day None when it gives none."""
    match = _SPANISH_HEADER_DATE.match(text.strip())
    if not match or not (match["day"] or match["year"]):
        return None
    months, weekdays = calendar_words("es")
    month = months.get(fold(match["month"]))
    if month is None or len(match["month"]) < 4 or (
            match["weekday"] and fold(match["weekday"]) not in weekdays):
        return None
    year, day = (int(match["year"]) if match["year"] else None,
                 int(match["day"]) if match["day"] else None)
    try:
        dt.date(year or 2000, month, day or 1)
    except ValueError:
        return None
    return year, month, day


def parse_header_date(text: str) -> PartialDate | None:
    """A date line of an article header ("March 14, 2019", "2019-03-14", "martes, 9 de
    septiembre de 2025"); None if not one.

    A date with no year ("Mar 14") gives None here; see `parse_header_month_day`.
    """
    spanish = _spanish_header_date(text)
    if spanish is not None:
        return PartialDate(spanish[0], spanish[1], spanish[2]) if spanish[0] is not None else None
    parsed = _parse_twice(text, dt.datetime(1, 1, 1), dt.datetime(2, 2, 2))
    if parsed is None or parsed[0].year != parsed[1].year:
        return None
    first, second = parsed
    month = first.month if first.month == second.month else None
    day = first.day if month is not None and first.day == second.day else None
    return PartialDate(first.year, month, day)


def parse_header_month_day(text: str) -> tuple[int, int] | None:
    """(month, day) of a header date line without a year ("Mar 14", "Monday, March 3"): kept so
    that the metadata file or the article's own text can complete it."""
    if re.search(r"\d{4}", text):
        return None
    spanish = _spanish_header_date(text)
    if spanish is not None:
        return (spanish[1], spanish[2]) if spanish[2] is not None else None
    # 2000 is a leap year: "Feb 29" stays possible
    parsed = _parse_twice(text, dt.datetime(2000, 1, 1), dt.datetime(2000, 2, 2))
    if parsed is None:
        return None
    first, second = parsed
    if (first.month, first.day) != (second.month, second.day):
        return None
    return first.month, first.day


def _parse_twice(
    text: str, default: dt.datetime, other: dt.datetime
) -> tuple[dt.datetime, dt.datetime] | None:
    """A header date line parsed with two different defaults: what the line gives is what both
    readings share (a field taken from a default differs between them)."""
    text = text.strip()
    if len(text) > 40 or not _HEADER_DATE.match(text):
        return None
    try:
        return dateparser.parse(text, default=default), dateparser.parse(text, default=other)
    except (ValueError, OverflowError):
        return None
