"""Spanish date expressions, in sentences written for these tests, resolved against a
publication date as the English ones are."""

from pathlib import Path

import pytest

from bot.answers.answerer import Answerer
from bot.corpus.documents import parse_document
from bot.corpus.metadata import SourceMeta, parse_header_date, parse_header_month_day
from bot.extract.dates import display_period, extract_date_mentions, find_dates
from bot.models import PartialDate

SUNDAY = PartialDate(2025, 9, 28)  # a Sunday


def dates(text: str, published: PartialDate | None = SUNDAY) -> list[tuple[str, str, str]]:
    """(phrase, date, end of the period) of each date the Spanish sentence gives."""
    return [(text[f.start:f.end], f.date.iso(), f.until.iso() if f.until else "")
            for f in find_dates(text, published, language="es")]


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Los dos países establecieron relaciones el 28 de septiembre de 1960.",
     [("28 de septiembre de 1960", "1960-09-28", "")]),
    ("El acuerdo se firmó en septiembre de 1960 en Pekín.",
     [("septiembre de 1960", "1960-09", "")]),
    ("El ministro llegó a la capital el 21 de septiembre.",
     [("21 de septiembre", "2025-09-21", "")]),
    ("La delegación visitó la isla este miércoles.", [("este miércoles", "2025-09-24", "")]),
    ("La carta fue enviada el pasado viernes.", [("el pasado viernes", "2025-09-26", "")]),
    ("La carta fue enviada el viernes pasado.", [("el viernes pasado", "2025-09-26", "")]),
    ("El próximo lunes comenzará el programa.", [("El próximo lunes", "2025-09-29", "")]),
    ("Hace dos meses se inauguró el parque solar.", [("Hace dos meses", "2025-07", "")]),
    ("Hace sesenta y cinco años nadie lo imaginaba.", [("Hace sesenta y cinco años", "1960", "")]),
    ("El año pasado el comercio creció un diez por ciento.", [("El año pasado", "2024", "")]),
    ("Este año el comercio cayó.", [("Este año", "2025", "")]),
    ("Todo empezó a finales de los años 80.",
     [("a finales de los años 80", "1987", "1989")]),
    ("En la década de 1990 la isla vivió el Periodo Especial.",
     [("la década de 1990", "1990", "1999")]),
    ("En marzo una delegación empresarial visitó el puerto.", [("marzo", "2025-03", "")]),
    ("A finales de marzo de 2020 cerraron las fronteras.",
     [("A finales de marzo de 2020", "2020-03", "")]),
    ("Entre 1998 y 2002 el intercambio se duplicó.", [("Entre 1998 y 2002", "1998", "2002")]),
    ("La semana pasada hubo apagones.", [("La semana pasada", "2025-09-15", "2025-09-21")]),
    ("Ayer se reunió el consejo.", [("Ayer", "2025-09-27", "")]),
    ("En 1960 se firmó el primer convenio.", [("1960", "1960", "")]),
    ("El 1 de enero de 1959 cambió todo. Al día siguiente hubo celebraciones.",
     [("1 de enero de 1959", "1959-01-01", ""), ("Al día siguiente", "1959-01-02", "")]),
    ("El texto se publicó el 28/09/1960.", [("28/09/1960", "1960-09-28", "")]),
])
def test_spanish_date_forms(sentence: str, expected: list[tuple[str, str, str]]) -> None:
    assert dates(sentence) == expected


def test_a_quantity_or_a_bare_year_word_is_no_date() -> None:
    assert dates("Asistieron 1960 personas al acto.") == []
    assert dates("Los viernes hay mercado en la plaza.") == []
    assert dates("Fue el año de la zafra.") == []


def test_the_future_tense_resolves_forward() -> None:
    assert dates("Los ministros se reunirán el miércoles.") == [
        ("el miércoles", "2025-10-01", "")]
    assert dates("Los ministros se reunieron el miércoles.") == [
        ("el miércoles", "2025-09-24", "")]


def test_relative_dates_need_a_publication_date() -> None:
    assert dates("La carta fue enviada el pasado viernes.", None) == []
    assert dates("El acuerdo se firmó el 28 de septiembre de 1960.", None) == [
        ("28 de septiembre de 1960", "1960-09-28", "")]


@pytest.mark.parametrize(("line", "expected"), [
    ("martes, 9 de septiembre de 2025", PartialDate(2025, 9, 9)),
    ("La Habana, 21 de enero de 2026", PartialDate(2026, 1, 21)),
    ("septiembre de 2025", PartialDate(2025, 9)),
    ("Cuba y China celebran su amistad", None),
])
def test_spanish_header_dates_and_datelines(line: str, expected: PartialDate | None) -> None:
    assert parse_header_date(line) == expected


def test_a_spanish_header_date_without_year_is_kept_for_completion() -> None:
    assert parse_header_date("28 de septiembre") is None
    assert parse_header_month_day("domingo, 28 de septiembre") == (9, 28)


def test_a_spanish_anniversary_counts_from_the_date_the_article_gives() -> None:
    text = ("Las relaciones diplomáticas entre ambos países se establecieron en 1960, tras "
            "largas conversaciones entre los dos gobiernos.\n\n"
            "Este domingo, los dos gobiernos celebraron el 65 aniversario de las relaciones "
            "diplomáticas con un acto en la capital.")
    document = parse_document(Path("a.txt"), text, SourceMeta(outlet="X", language="es"))
    anniversaries = [m for m in extract_date_mentions(document) if m.since is not None]
    assert [(m.phrase, m.date.iso()) for m in anniversaries] == [("65 aniversario", "2025")]


def test_an_undated_spanish_article_is_dated_by_its_header_line() -> None:
    text = "martes, 9 de septiembre de 2025\n\nLa delegación llegó este miércoles a la isla."
    document = parse_document(Path("b.txt"), text, SourceMeta(outlet="X"))
    assert document.date == PartialDate(2025, 9, 9)
    assert [(m.phrase, m.date.iso()) for m in extract_date_mentions(document)] == [
        ("este miércoles", "2025-09-03")]


def test_a_mixed_timeline_merges_an_event_across_languages(mixed_answerer: Answerer) -> None:
    answer = mixed_answerer.answer_text("/timeline 1960")
    first = next(e for e in answer.events if e.date == "1960-09-28")  # type: ignore[attr-defined]
    outlets = {s.outlet for s in first.sources}
    assert {"Diario del Caribe", "The Left Chapter"} <= outlets  # Spanish and English
    spanish = next(s for s in first.sources if s.outlet == "Diario del Caribe")
    assert spanish.date_given == "28 Sep 1960"


@pytest.mark.parametrize(("sentence", "shown"), [
    ("El comercio creció a finales de los años 80.", "late 1980s"),
    ("Las obras empezaron a principios de la década de 1990.", "early 1990s"),
    ("La flota se renovó a mediados de los años setenta.", "mid 1970s"),
    ("La ciudad cambió mucho en los años 60.", "1960s"),
])
def test_a_spanish_decade_keeps_its_part_when_shown(sentence: str, shown: str) -> None:
    """The part of a decade the Spanish text names is the part shown: an English reader reads
    'late 1980s' for "a finales de los años 80", never the whole decade."""
    found = find_dates(sentence, SUNDAY, language="es")
    assert [display_period(f.date, f.until, f.kind) for f in found] == [shown]
