"""What is known about each article's source: the corpus's metadata file and header dates.

Many scraped articles do not name their outlet or date in the text. The corpus folder's
`sources.yaml` records them per document (keyed by file name without extension) and wins over
anything sniffed from the text.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, fields
from pathlib import Path

import yaml
from dateutil import parser as dateparser

from bot.corpus.files import inside
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


# libyaml's safe loader where PyYAML has it: the same data, ten times sooner on thousands of entries
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_FIELDS = tuple(f.name for f in fields(SourceMeta) if f.name != "month_day")
_NULL = "tag:yaml.org,2002:null"
_DATE_TEXT = re.compile(r"(\d{4}(?:-\d{1,2}(?:-\d{1,2})?)?)(?:[Tt ][\d:.+\-Z ]*)?")
FIRST_YEAR = 1000  # a publication date before this is a typo ("0001-01-01"), not a date


def plausible(date: PartialDate) -> bool:
    """Whether `date` can be an article's publication date: not a placeholder year, not after
    next year (relative dates are resolved against it, and must stay in the calendar)."""
    return FIRST_YEAR <= date.year <= dt.date.today().year + 1


def load_metadata(path: Path) -> dict[str, SourceMeta]:
    """Per-document facts from a sources.yaml.

    Whatever is wrong in the file (bad YAML, an impossible date, a list where a mapping
    belongs, an unknown key) is a warning naming the file, the line and the key, and the rest
    of the file is used: never a crash. It is read as YAML nodes, not built into objects, so
    that each value keeps its line and `date: 2024-13-45` is text to check, not an error.
    """
    if not path.is_file():
        return {}
    if not inside(path.parent, path):
        log.warning("ignoring metadata file %s: a link to a file outside the corpus folder", path)
        return {}
    try:
        top = yaml.compose(path.read_text(encoding="utf-8"), Loader=_SAFE_LOADER)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        log.warning("ignoring metadata file %s: %s", path, error)
        return {}
    if top is None or (top.tag == _NULL):
        return {}

    def warn(node: yaml.Node, key: str, problem: str) -> None:
        log.warning("%s, line %d: %s: %s", path, node.start_mark.line + 1, key, problem)

    if not isinstance(top, yaml.MappingNode):
        warn(top, "(top)", "should be a mapping with `documents:`; the file is ignored")
        return {}
    documents: yaml.Node | None = None
    for key, value in top.value:
        if _text(key) == "documents":
            documents = value
        else:
            warn(key, _text(key), "unknown key (only `documents:` is read); ignored")
    if documents is None or documents.tag == _NULL:
        return {}
    if not isinstance(documents, yaml.MappingNode):
        warn(documents, "documents", "should be a mapping of file name (without extension) to "
             f"its {', '.join(_FIELDS)}; ignored")
        return {}
    result: dict[str, SourceMeta] = {}
    lines: dict[str, int] = {}
    for key, entry in documents.value:
        doc_id = _text(key)
        if not isinstance(key, yaml.ScalarNode) or not doc_id:
            warn(key, "documents", "a file name should be a plain word; entry ignored")
            continue
        if not isinstance(entry, yaml.MappingNode):
            warn(entry, doc_id, f"should be a mapping of {', '.join(_FIELDS)}; entry ignored")
            continue
        if doc_id in lines:
            warn(key, doc_id, f"given twice (first on line {lines[doc_id]}); the later is used")
        lines[doc_id] = key.start_mark.line + 1
        result[doc_id] = _entry(doc_id, entry, warn)
    return result


def _text(node: yaml.Node) -> str:
    """A scalar node's text as written (`yes` stays "yes", `2024` "2024"); "" for null."""
    if not isinstance(node, yaml.ScalarNode) or node.tag == _NULL:
        return ""
    return str(node.value).strip()


def _entry(
    doc_id: str, entry: yaml.MappingNode, warn: Callable[[yaml.Node, str, str], None]
) -> SourceMeta:
    meta = SourceMeta()
    for key, value in entry.value:
        name = _text(key)
        where = f"{doc_id}.{name}"
        if name not in _FIELDS:
            warn(key, where, f"unknown key (known: {', '.join(_FIELDS)}); ignored")
            continue
        if not isinstance(value, yaml.ScalarNode):
            warn(value, where, "should be one value, not a list or mapping; ignored")
            continue
        text = _text(value)
        if name != "date":
            setattr(meta, name, text)
            continue
        if not text:
            continue
        match = _DATE_TEXT.fullmatch(text)
        try:
            if match is None:
                raise ValueError("should be YYYY, YYYY-MM or YYYY-MM-DD")
            date = PartialDate.parse_iso(match.group(1))
        except ValueError as error:
            warn(value, where, f"{text!r} is not a date ({error}); ignored")
            continue
        if not plausible(date):
            warn(value, where, f"{text!r} is not a plausible publication date (years "
                 f"{FIRST_YEAR} to {dt.date.today().year + 1}); ignored")
            continue
        meta.date = date
    return meta


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
        if spanish[0] is None or not plausible(PartialDate(spanish[0])):
            return None
        return PartialDate(spanish[0], spanish[1], spanish[2])
    parsed = _parse_twice(text, dt.datetime(1, 1, 1), dt.datetime(2, 2, 2))
    if parsed is None or parsed[0].year != parsed[1].year:
        return None
    if not plausible(PartialDate(parsed[0].year)):
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
