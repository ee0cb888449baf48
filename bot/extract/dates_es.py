"""Spanish date expressions: the second language table of bot/extract/dates.py.

The forms of Spanish news ("el 28 de septiembre de 1960", "septiembre de 1960", "este
miércoles", "el pasado viernes", "el próximo lunes", "hace dos meses", "el año pasado", "a
finales de los años 80", "en marzo", "el 65 aniversario de ...") proposed as spans and resolved
against the publication date with dates.py's own rules and helpers (`Found`, `_nearest`,
`_moved`, the overlap settling of `find_dates`): only the words are Spanish. Month and weekday
names come from Babel's calendar (`calendar_words`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from dateutil.relativedelta import relativedelta, weekday

from bot.extract import dates as en
from bot.extract.dates import Found
from bot.extract.lexicon import word_set
from bot.models import PartialDate
from bot.text import SPANISH, calendar_words, fold

MONTH_NUMBERS, WEEKDAY_NUMBERS = calendar_words(SPANISH)
_FULL_MONTHS = {name: n for name, n in MONTH_NUMBERS.items() if len(name) > 4 or name == "mayo"}


def _accented(folded: str) -> str:
    """A regex for a folded word that also matches it written with its accents."""
    return "".join(f"[{c}{'áéíóú'['aeiou'.index(c)]}]" if c in "aeiou" else re.escape(c)
                   for c in folded)


def _words(names: object) -> str:
    return "|".join(_accented(n) for n in sorted(names, key=len, reverse=True))  # type: ignore


_MONTH = rf"(?:{_words(_FULL_MONTHS)})\b"
_WEEKDAY = rf"(?:{_words(WEEKDAY_NUMBERS)})\b"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:\.?º)?(?!\d)|1\.?º|primero"
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_OF_YEAR = rf"\s+del?\s+(?:año\s+)?(?P<year>{_YEAR})(?!\d|[.,]\d)"
_NO_YEAR = r"(?!\s+del?\s+(?:año\s+)?\d)(?!\s*[-–/]\s*\d)"
_PART = r"(?:principios|comienzos|inicios|mediados|finales|fines)"
_PARTS = {word: en._DECADE_YEARS[part] for part, words in (
    ("early", "principios comienzos inicios"), ("mid", "mediados"), ("late", "finales fines"))
    for word in words.split()}
_NUMBER_WORDS = {
    "un": 1, "una": 1, "uno": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6,
    "siete": 7, "ocho": 8, "nueve": 9, "diez": 10, "once": 11, "doce": 12, "quince": 15,
    "veinte": 20, "treinta": 30, "cuarenta": 40, "cincuenta": 50, "sesenta": 60,
    "setenta": 70, "ochenta": 80, "noventa": 90, "cien": 100,
}  # fmt: skip
_TENS = ("veinte", "treinta", "cuarenta", "cincuenta", "sesenta", "setenta", "ochenta",
         "noventa")
_NUMBER = (rf"\d{{1,4}}|(?:{'|'.join(_TENS)})\s+y\s+(?:{'|'.join(list(_NUMBER_WORDS)[:9])})|"
           + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)))
_UNITS = {"dia": "day", "dias": "day", "semana": "week", "semanas": "week", "mes": "month",
          "meses": "month", "ano": "year", "anos": "year", "decada": "decade",
          "decadas": "decade"}
_UNIT = r"(?:d[ií]as?|semanas?|mes(?:es)?|años?|d[ée]cadas?)"
_PAST = {"pasado", "pasada", "anterior", "ultimo", "ultima"}
_NEXT = {"proximo", "proxima", "siguiente", "entrante", "que viene"}
# Spanish speaks of the future in its future tense ("llegará", "se reunirán"), or with these.
_FUTURE_CUE = re.compile(
    r"\b(?:\w+(?:rá|rán|remos|réis)|próxim[oa]s?|que\s+viene|prevé|previst[oa]s?|planea\w*"
    r"|va\s+a|van\s+a|tiene\s+previsto|está\s+previsto)\b", re.IGNORECASE)
# After a bare year, the lowercase words that keep it a year ("en 1960 se firmó"); any other
# makes it a quantity ("1960 personas").
_YEAR_FOLLOWERS = word_set("""y e o u a al en el la los las lo de del con por para que se
    cuando como tras durante desde hasta fue fueron era ha había habían sin entre contra según
    mientras donde su sus un una le les cuyo cuya ya, no""")
_YEAR_QUANTITY_LEAD = re.compile(
    r"\b(?:más\s+de|menos\s+de|unos|unas|casi|cerca\s+de|alrededor\s+de|número|n\.º|página"
    r"|artículo|resolución|decreto|ley|vuelo|código|modelo|total\s+de)\s*$", re.IGNORECASE)


def _number(raw: str) -> int:
    raw = fold(raw)
    if raw.isdigit():
        return int(raw)
    parts = raw.split()
    return _NUMBER_WORDS[parts[0]] + (_NUMBER_WORDS[parts[-1]] if len(parts) == 3 else 0)


def _day_number(raw: str) -> int:
    return 1 if fold(raw).startswith(("1", "primero")) and not raw[:2].isdigit() else int(
        re.sub(r"\D", "", raw))


def future_context(text: str, start: int, end: int) -> bool:
    """Whether the sentence around text[start:end] speaks of the future."""
    left = max(text.rfind(mark, 0, start) for mark in ".!?\n")
    rights = [i for i in (text.find(mark, end) for mark in ".!?\n") if i >= 0]
    return bool(_FUTURE_CUE.search(text[left + 1:min(rights, default=len(text))]))


def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


# --- handlers ------------------------------------------------------------------------------


def _explicit_day(match: re.Match[str], text: str, published: PartialDate | None
                  ) -> Iterator[Found]:
    """'28 de septiembre de 1960', 'martes, 9 de septiembre de 2025'."""
    day = _date(int(match["year"]), MONTH_NUMBERS[fold(match["month"])],
                _day_number(match["day"]))
    if day is not None:
        yield Found(match.start(), match.end(), PartialDate.from_date(day), False)


def _explicit_month(match: re.Match[str], text: str, published: PartialDate | None
                    ) -> Iterator[Found]:
    """'septiembre de 1960', 'a finales de marzo de 2020'."""
    yield Found(match.start(), match.end(),
                PartialDate(int(match["year"]), MONTH_NUMBERS[fold(match["month"])]), False)


def _numeric_day(match: re.Match[str], text: str, published: PartialDate | None
                 ) -> Iterator[Found]:
    """'28/09/1960': day first, as Spanish writes it."""
    day = _date(int(match["year"]), int(match["month"]), int(match["day"]))
    if day is not None:
        yield Found(match.start(), match.end(), PartialDate.from_date(day), False)


def _day_no_year(match: re.Match[str], text: str, published: PartialDate | None
                 ) -> Iterator[Found]:
    """'el 28 de septiembre': the nearest such day to publication (the first after it in a
    sentence about the future), as dates.py resolves 'September 28'."""
    if published is None or published.month is None:
        return
    month, number = MONTH_NUMBERS[fold(match["month"])], _day_number(match["day"])
    start, end = match.span("phrase")
    future = future_context(text, start, end)
    if published.day is None:
        year = en._latest_month(month, published, future)
        day = _date(year, month, number)
    else:
        options = [d for y in (published.year - 1, published.year, published.year + 1)
                   if (d := _date(y, month, number)) is not None]
        near = en._nearest([dt.datetime.combine(d, dt.time()) for d in options],
                           published.as_date(), future)
        day = near.date() if near else None
    if day is not None:
        yield Found(start, end, PartialDate.from_date(day), True)


def _month_no_year(match: re.Match[str], text: str, published: PartialDate | None
                   ) -> Iterator[Found]:
    """'en marzo', 'a finales de marzo', 'el pasado marzo', 'marzo pasado', 'el próximo
    marzo': the nearest March (last, next) to publication."""
    if published is None or published.month is None:
        return
    month = MONTH_NUMBERS[fold(match["month"])]
    shift = fold(match["shift"] or match["shift2"] or "")
    if shift:
        year = en._shifted_month(month, -1 if shift in _PAST else 1, published)
    else:
        months = [dt.datetime(y, month, 1) for y in range(published.year - 1, published.year + 2)]
        first = en._nearest(months, published.as_date().replace(day=1),
                            future_context(text, *match.span("phrase")))
        year = first.year if first else published.year
    yield Found(*match.span("phrase"), PartialDate(year, month), True)


def _year_range(match: re.Match[str], text: str, published: PartialDate | None
                ) -> Iterator[Found]:
    """'entre 1998 y 2002', 'de 1998 a 2002', 'desde 1998 hasta 2002', '1998-2002'."""
    first, second = int(match["first"]), int(match["second"])
    if first < second:
        yield Found(match.start(), match.end(), PartialDate(first), False, PartialDate(second),
                    "range")


def _decade(match: re.Match[str], text: str, published: PartialDate | None) -> Iterator[Found]:
    """'los años 80', 'a finales de los años ochenta', 'la década de 1980', 'los 90'."""
    raw = fold(match["decade"])
    number = _NUMBER_WORDS[raw] if raw in _NUMBER_WORDS else int(raw)
    start = number if number >= 1000 else 1900 + number
    if start % 10:
        return
    first, last = _PARTS.get(fold(match["part"] or ""), (0, 9))
    yield Found(match.start(), match.end(), PartialDate(start + first), False,
                PartialDate(start + last), "decade")


def _week(match: re.Match[str], text: str, published: PartialDate | None) -> Iterator[Found]:
    """'la semana pasada', 'esta semana', 'la próxima semana': Monday to Sunday."""
    day = en._day(published)
    if day is None:
        return
    which = fold(match["which"] or match["which2"])
    shift = -1 if which in _PAST else 1 if which in _NEXT else 0
    monday = day - dt.timedelta(days=day.weekday()) + dt.timedelta(weeks=shift)
    yield Found(match.start(), match.end(), PartialDate.from_date(monday), True,
                PartialDate.from_date(monday + dt.timedelta(days=6)), "week")


def _weekday(match: re.Match[str], text: str, published: PartialDate | None
             ) -> Iterator[Found]:
    """'este miércoles', 'el viernes': the latest such day on or before publication (the first
    on or after it in a sentence about the future); 'el pasado viernes', 'el viernes pasado'
    strictly before; 'el próximo lunes', 'el lunes próximo' strictly after."""
    day = en._day(published)
    if day is None:
        return
    shift = fold(match["shift"] or match["shift2"] or "")
    index = WEEKDAY_NUMBERS[fold(match["weekday"])]
    if shift in _PAST:
        resolved = day - dt.timedelta(days=1) + relativedelta(weekday=weekday(index)(-1))
    elif shift in _NEXT:
        resolved = day + dt.timedelta(days=1) + relativedelta(weekday=weekday(index)(+1))
    else:
        future = future_context(text, match.start(), match.end())
        resolved = day + relativedelta(weekday=weekday(index)(+1 if future else -1))
    yield Found(match.start(), match.end(), PartialDate.from_date(resolved), True)


def _ago(match: re.Match[str], text: str, published: PartialDate | None) -> Iterator[Found]:
    """'hace dos meses', 'hace 65 años', 'tres días atrás': counted back from publication."""
    if published is None:
        return
    count = _number(match["count"])
    moved = en._moved(Found(0, 0, published, True), _UNITS[fold(match["unit"])], -count,
                      match.start(), match.end())
    if count > 0 and moved is not None:
        yield moved


def _this_or_last(match: re.Match[str], text: str, published: PartialDate | None
                  ) -> Iterator[Found]:
    """'este año', 'el año pasado', 'el próximo año', 'este mes', 'el mes pasado', 'ayer',
    'hoy', 'anteayer', 'esta mañana'."""
    if published is None:
        return
    words = fold(match.group()).split()
    if words[-1] in ("ayer", "anteayer", "hoy", "manana", "tarde", "noche"):
        day = en._day(published)
        if day is not None:
            back = {"ayer": 1, "anteayer": 2}.get(words[-1], 0)
            yield Found(match.start(), match.end(),
                        PartialDate.from_date(day - dt.timedelta(days=back)), True)
        return
    shift = -1 if _PAST & set(words) else 1 if _NEXT & set(words) or "viene" in words else 0
    unit = "year" if "ano" in words else "month"
    if unit == "year":
        yield Found(match.start(), match.end(), PartialDate(published.year + shift), True)
    elif published.month is not None:
        then = published.as_date() + relativedelta(months=shift)
        yield Found(match.start(), match.end(), PartialDate(then.year, then.month), True)


def _bare_year(match: re.Match[str], text: str, published: PartialDate | None
               ) -> Iterator[Found]:
    """A four-digit number used as a year ('en 1960', 'a finales de 2020'), not a quantity."""
    start, end = match.span("year")
    if _YEAR_QUANTITY_LEAD.search(text[max(0, start - 24):start]) or re.match(
            r"\s*(?:%|€|\$|dólares|millones|personas)", text[end:]):
        return
    following = re.match(r"\s+([a-záéíóúñ]+)\b", text[end:])
    if following and fold(following.group(1)) not in _YEAR_FOLLOWERS:
        return
    yield Found(match.start(), end, PartialDate(int(match["year"])), False)


def _only_this_or_last(match: re.Match[str], text: str, published: PartialDate | None
                       ) -> Iterator[Found]:
    """'el año' alone is no date ('el año de la revolución'); with 'este', 'pasado' or
    'próximo' it is."""
    words = fold(match.group()).split()
    if words[0] == "el" and len(words) == 2:
        return iter(())
    return _this_or_last(match, text, published)


_SHIFT_BEFORE = r"(?:(?P<shift>pasad[oa]|próxim[oa]|proxim[oa])\s+)"
_SHIFT_AFTER = r"(?:\s+(?P<shift2>pasad[oa]|próxim[oa]|proxim[oa]|que\s+viene|anterior))"
_LEAD = rf"(?:(?:a\s+)?{_PART}\s+de(?:l)?\s+(?:mes\s+de\s+)?)"

PATTERNS: list[tuple[re.Pattern[str], en.Handler]] = [
    (re.compile(rf"\b(?:{_WEEKDAY},?\s+)?(?P<day>{_DAY})\s+de\s+(?P<month>{_MONTH}){_OF_YEAR}",
                re.IGNORECASE), _explicit_day),
    (re.compile(rf"\b{_LEAD}?(?P<month>{_MONTH}){_OF_YEAR}", re.IGNORECASE), _explicit_month),
    (re.compile(r"(?<![\d/])(?P<day>[0-3]?\d)/(?P<month>[01]?\d)/(?P<year>1[89]\d\d|20\d\d)"
                r"(?![\d/])"), _numeric_day),
    (re.compile(r"(?<![\d/-])\d{4}-\d\d-\d\d(?![\d-])"), en._iso_day),
    (re.compile(rf"\b(?P<phrase>(?:{_WEEKDAY},?\s+)?(?P<day>{_DAY})\s+de\s+"
                rf"(?P<month>{_MONTH})){_NO_YEAR}", re.IGNORECASE), _day_no_year),
    (re.compile(rf"\b(?:(?:en|durante|desde|hasta|para)\s+(?:el\s+mes\s+de\s+)?|{_LEAD}|el\s+"
                rf"{_SHIFT_BEFORE})(?P<phrase>(?P<month>{_MONTH})){_SHIFT_AFTER}?{_NO_YEAR}",
                re.IGNORECASE), _month_no_year),
    (re.compile(rf"\bentre\s+(?:los\s+años\s+)?(?P<first>{_YEAR})\s+y\s+(?P<second>{_YEAR})\b",
                re.IGNORECASE), _year_range),
    (re.compile(rf"\b(?:de|desde)\s+(?P<first>{_YEAR})\s+(?:a|hasta)\s+(?P<second>{_YEAR})\b",
                re.IGNORECASE), _year_range),
    (re.compile(rf"(?<![\d/.-])(?P<first>{_YEAR})\s?[–-]\s?(?P<second>{_YEAR})(?![-–/\d])"),
     _year_range),
    (re.compile(rf"\b(?:(?:a\s+)?(?P<part>{_PART})\s+de\s+)?(?:(?:los|las)\s+(?:años\s+)?"
                rf"|la\s+década\s+de\s+(?:los\s+)?)(?P<decade>[1-9]0|1[89]\d0|20[0-4]0|"
                rf"{'|'.join(_TENS)})\b(?!\s*(?:%|[a-záéíóúñ]+\s+de\s|personas|muertos))",
                re.IGNORECASE), _decade),
    (re.compile(r"\b(?:(?P<which>esta|la\s+pr[oó]xima|la\s+pasada)\s+semana|la\s+semana\s+"
                r"(?P<which2>pasada|pr[oó]xima|que\s+viene|anterior))\b", re.IGNORECASE), _week),
    (re.compile(rf"\bhace\s+(?P<count>{_NUMBER})\s+(?P<unit>{_UNIT})\b", re.IGNORECASE), _ago),
    (re.compile(rf"\b(?P<count>{_NUMBER})\s+(?P<unit>{_UNIT})\s+atr[aá]s\b", re.IGNORECASE), _ago),
    (re.compile(r"\b(?:este|el\s+(?:pasado|pr[oó]ximo)|el)\s+(?:año|mes)(?:\s+(?:pasado|pr[oó]"
                r"ximo|que\s+viene|anterior))?\b|\b(?:anteayer|ayer|hoy)\b|\besta\s+(?:mañana"
                r"|tarde|noche)\b", re.IGNORECASE), _only_this_or_last),
    (re.compile(rf"\b(?:este\s+|el\s+{_SHIFT_BEFORE}?)(?P<weekday>{_WEEKDAY}){_SHIFT_AFTER}?",
                re.IGNORECASE), _weekday),
    (re.compile(rf"\b(?:{_LEAD})?(?<![\d/–$€#.,-])(?P<year>{_YEAR})(?![\d/]|[–-]\d|[.,]\d)",
                re.IGNORECASE), _bare_year),
]


# --- dates counted from the date just given ("dos días después", "al día siguiente") -------

def _counted(match: re.Match[str], text: str, anchor: Found | None,
             published: PartialDate | None) -> Iterator[Found]:
    """'dos días después', 'un año antes', 'tres semanas más tarde': from the date just given."""
    if anchor is None:
        return
    direction = -1 if fold(match["direction"]).startswith("antes") else 1
    moved = en._moved(anchor, _UNITS[fold(match["unit"])], direction * _number(match["count"]),
                      *match.span())
    if moved is not None:
        yield moved


def _neighbour(match: re.Match[str], text: str, anchor: Found | None,
               published: PartialDate | None) -> Iterator[Found]:
    """'al día siguiente', 'el año anterior', 'ese mismo día': the date just given, moved by
    one unit or not at all."""
    if anchor is None:
        return
    which = fold(match["which"] or "")
    shift = 1 if which == "siguiente" else -1 if which == "anterior" else 0
    moved = en._moved(anchor, _UNITS[fold(match["unit"])], shift, *match.span())
    if moved is not None:
        yield moved


ANCHORED: list[tuple[re.Pattern[str], en.AnchoredHandler]] = [
    (re.compile(rf"\b(?P<count>{_NUMBER})\s+(?P<unit>{_UNIT})\s+(?P<direction>despu[eé]s|más"
                r"\s+tarde|antes)\b(?!\s+de(?:l)?\s)", re.IGNORECASE), _counted),
    (re.compile(r"\b(?:al|el|la)\s+(?P<unit>d[ií]a|semana|mes|año)\s+(?P<which>siguiente|"
                r"anterior)\b", re.IGNORECASE), _neighbour),
    (re.compile(r"\b(?:es[ea]|aquel|aquella)\s+(?:mism[oa]\s+)?(?P<unit>d[ií]a|semana|mes|año)"
                r"(?P<which>)\b", re.IGNORECASE), _neighbour),
]


# --- anniversaries ("el 65 aniversario del establecimiento de relaciones") ----------------

_ORDINAL_WORDS = {
    "primer": 1, "primero": 1, "segundo": 2, "tercer": 3, "tercero": 3, "cuarto": 4,
    "quinto": 5, "sexto": 6, "septimo": 7, "octavo": 8, "noveno": 9, "decimo": 10,
    "vigesimo": 20, "trigesimo": 30, "cuadragesimo": 40, "quincuagesimo": 50,
    "sexagesimo": 60, "septuagesimo": 70, "octogesimo": 80, "nonagesimo": 90,
    "centesimo": 100,
}  # fmt: skip
ANNIVERSARY = re.compile(
    rf"\b(?P<phrase>(?P<count>\d{{1,3}}(?:\.?º|°|\.?er|\.?o)?|(?:{_words(_ORDINAL_WORDS)})"
    rf"(?:\s+(?:{_words(_ORDINAL_WORDS)}))?)\s+aniversario)\s+(?:de(?:l)?|de\s+la|de\s+los"
    r"|de\s+las)\s+(?P<what>[^.;:!?,\"“”«»()]+)", re.IGNORECASE)
WHAT_END = re.compile(r"\s(?:entre|con|en|a|por|que|y\s+(?:el|la|los|las)|como|cuando)\s",
                      re.IGNORECASE)
# Words before "el 65 aniversario" that make it the time of what the sentence reports.
ANNIVERSARY_HAPPENS = re.compile(
    r"\b(?:conmemor\w*|celebr\w*|marc\w*|cumpl\w*|festej\w*|en|con\s+motivo\s+de|durante)"
    r"\s+(?:el|su|del)\s+$", re.IGNORECASE)


def ordinal(match: re.Match[str]) -> int | None:
    """65 for '65', '65º' or 'sexagésimo quinto'."""
    raw = fold(match["count"])
    if raw[:1].isdigit():
        number = int(re.sub(r"\D", "", raw))
        return number or None
    return sum(_ORDINAL_WORDS[w] for w in raw.split())


# Words that date or report an event rather than say what it was (see events.py).
DATE_WORDS = frozenset([*MONTH_NUMBERS, *WEEKDAY_NUMBERS]) | word_set(
    """ano anos mes meses semana semanas dia dias hace ayer hoy anteayer pasado pasada proximo
    proxima este esta siguiente anterior despues antes desde durante finales principios
    mediados dijo afirmo senalo aseguro declaro""")
