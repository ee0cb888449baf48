"""The bot's own words in the reader's language: gettext catalogs read with Babel, and dates.

Only the bot's fixed words are translated (headings, notes, notices, help, buttons); the news
sentences it shows are verbatim and never are. The language of an answer is set for the work
that makes and renders it (`speaking`), the way gettext's callers set a locale per request, so
that notes written deep in a command come out in the reader's language. Catalogs are the `.po`
files under bot/locale/ (edit them, then run `pybabel extract` as README says); English is the
source language and needs none.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from pathlib import Path

from babel.dates import format_date
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

from bot.commands import N_
from bot.models import PartialDate

ENGLISH = "en"
LANGUAGES = ("en", "es")  # the languages the bot speaks; others are answered in English
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "newsbot"

_current: ContextVar[str] = ContextVar("language", default=ENGLISH)


def reader_language(code: str | None) -> str:
    """The language to answer a reader in, from Telegram's `language_code` ("es-419" -> "es");
    English for any language the bot does not speak."""
    language = (code or "").strip().lower().replace("_", "-").split("-")[0]
    return language if language in LANGUAGES else ENGLISH


@lru_cache(maxsize=len(LANGUAGES))
def _translations(language: str) -> NullTranslations:
    """The catalog of a language, read from its .po file (compiled in memory by Babel)."""
    path = LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"
    if language == ENGLISH or not path.is_file():
        return NullTranslations()
    with path.open("rb") as source:
        catalog = read_po(source, locale=language, domain=DOMAIN)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return Translations(compiled, domain=DOMAIN)


@contextmanager
def speaking(language: str) -> Iterator[None]:
    """Make and render an answer in `language`."""
    token = _current.set(reader_language(language))
    try:
        yield
    finally:
        _current.reset(token)


def current_language() -> str:
    return _current.get()


def tr(message: str, /, **values: object) -> str:
    """`message` in the current language, its {fields} filled in."""
    translated = str(_translations(_current.get()).gettext(message))
    return translated.format(**values) if values else translated


def trn(singular: str, plural: str, count: int, /, **values: object) -> str:
    """The singular or plural of a message with a number ({n}), in the current language."""
    translated = str(_translations(_current.get()).ngettext(singular, plural, count))
    return translated.format(n=f"{count:,}" if _current.get() == ENGLISH else
                             f"{count:,}".replace(",", "."), **values)


def display_date(date: PartialDate) -> str:
    """'28 Sep 1960', 'September 1960', '1960'; in Spanish '28 sept 1960', 'septiembre de
    1960' (Babel's calendar)."""
    language = _current.get()
    if language == ENGLISH:
        return date.display()
    if date.month is None:
        return str(date.year)
    day = dt.date(date.year, date.month, date.day or 1)
    return format_date(day, "d MMM y" if date.day else "LLLL 'de' y", locale=language)


_DECADE_PARTS = {"early": "principios de", "mid": "mediados de", "late": "finales de"}
_QUARTERS = (N_("first quarter of {year}"), N_("second quarter of {year}"),
             N_("third quarter of {year}"), N_("fourth quarter of {year}"))
_SEASONS = {"spring": N_("spring {year}"), "summer": N_("summer {year}"),
            "fall": N_("fall {year}"), "autumn": N_("fall {year}"), "winter": N_("winter {year}")}


def display_period(date: PartialDate, until: PartialDate | None, precision: str,
                   english: str) -> str:
    """A period as dates.py writes it in English (`english`: 'late 1980s', 'week of 9 Mar
    2015', 'Q3 2009', 'summer 1998'), in the current language."""
    if _current.get() == ENGLISH:
        return english
    if precision == "decade":
        decade = date.year - date.year % 10
        part = next((p for key, p in _DECADE_PARTS.items() if english.startswith(key)), "")
        return f"{part} los años {decade}".strip() if part else f"años {decade}"
    if precision == "week":
        return tr("week of {date}", date=display_date(date))
    if precision == "weekend":
        return tr("weekend of {date}", date=display_date(date))
    if precision == "quarter":
        return tr(_QUARTERS[((date.month or 1) - 1) // 3], year=date.year)
    if precision == "season":
        season = english.split()[0].lower()
        return tr(_SEASONS[season], year=date.year) if season in _SEASONS else english
    if until is not None:
        return f"{display_date(date)}–{display_date(until)}"
    return display_date(date)
