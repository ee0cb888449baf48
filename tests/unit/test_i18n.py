from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from bot.i18n import LOCALE_DIR, display_date, reader_language, speaking, tr, trn
from bot.models import PartialDate

ROOT = Path(__file__).resolve().parents[2]


def test_the_readers_language_from_telegrams_code() -> None:
    assert reader_language("es") == reader_language("es-419") == reader_language("ES_es") == "es"
    assert reader_language("de") == reader_language(None) == reader_language("") == "en"


def test_messages_in_the_language_spoken() -> None:
    assert tr("Commands:") == "Commands:"
    with speaking("es"):
        assert tr("Commands:") == "Comandos:"
        assert tr("No quotations in the corpus for “{query}”.", query="Xi") == (
            "No hay citas en el corpus para «Xi».")
        assert trn("{n} passage", "{n} passages", 1) == "1 pasaje"
        assert trn("{n} passage", "{n} passages", 1200) == "1.200 pasajes"
    assert trn("{n} passage", "{n} passages", 1200) == "1,200 passages"


def test_dates_in_the_readers_language() -> None:
    with speaking("es"):
        assert display_date(PartialDate(1960, 9, 28)).startswith("28 sept")
        assert display_date(PartialDate(1960, 9)) == "septiembre de 1960"
        assert display_date(PartialDate(1960)) == "1960"
    assert display_date(PartialDate(1960, 9, 28)) == "28 Sep 1960"


def test_every_message_the_code_marks_has_a_spanish_translation() -> None:
    keywords = {"tr": None, "trn": (1, 2), "N_": None}
    marked = {m[2] if isinstance(m[2], str) else m[2][0]
              for folder in ("bot", "handlers")
              for m in extract_from_dir(ROOT / folder, keywords=keywords)}
    with (LOCALE_DIR / "es" / "LC_MESSAGES" / "newsbot.po").open("rb") as source:
        catalog = read_po(source)
    translated = {(m.id if isinstance(m.id, str) else m.id[0]) for m in catalog
                  if m.id and m.string and (isinstance(m.string, str) or all(m.string))}
    assert marked and marked <= translated, sorted(marked - translated)
