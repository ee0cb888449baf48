from pathlib import Path

from bot.answers.answerer import Answerer
from bot.corpus.documents import parse_document
from bot.corpus.language import detect, normalized
from bot.corpus.metadata import SourceMeta
from bot.render import to_text

SPANISH_TEXT = ("El canciller cubano afirmó este domingo que la cooperación con China seguirá "
                "creciendo en los próximos años, pese a las dificultades económicas de la isla.")
ENGLISH_TEXT = ("The Cuban foreign minister said on Sunday that cooperation with China will keep "
                "growing in the coming years, despite the island's economic hardship.")


def test_detects_spanish_and_english() -> None:
    assert detect(SPANISH_TEXT)[0] == "es"
    assert detect(ENGLISH_TEXT)[0] == "en"
    assert detect("   ") == ("", 0.0)


def test_codes_are_normalized_as_telegram_and_yaml_give_them() -> None:
    assert normalized("es-419") == normalized("ES") == normalized("es_ES") == "es"


def test_an_article_and_its_passages_get_their_language() -> None:
    text = f"{ENGLISH_TEXT}\n\n{ENGLISH_TEXT} It was a long day.\n\n{SPANISH_TEXT}"
    document = parse_document(Path("mixed.txt"), text, SourceMeta(outlet="X"))
    assert document.language == "en"
    assert [p.language for p in document.passages] == ["en", "es"]


def test_sources_yaml_overrides_the_detection() -> None:
    document = parse_document(Path("a.txt"), ENGLISH_TEXT, SourceMeta(outlet="X", language="es"))
    assert document.language == "es"
    assert {p.language for p in document.passages} == {"es"}


def test_sources_and_json_show_each_outlets_language(mixed_answerer: Answerer) -> None:
    overview = mixed_answerer.answer("sources", "")
    languages = {o.outlet: o.languages for o in overview.outlets}  # type: ignore[attr-defined]
    assert languages["Diario del Caribe"] == ["es"]
    assert languages["CiberCuba"] == ["en"]
    # two English paragraphs and a longer Spanish one: English, by how much of it is in each
    assert languages["Havana Weekly Review"] == ["en"]
    text = to_text(overview)
    assert "Diario del Caribe (state media) — 1 article" in text
    assert "· Spanish" in text


def _page(lang: str, text: str) -> str:
    return (f'<html lang="{lang}"><head><title>Noticia</title></head><body><article>'
            f"<p>{text}</p></article></body></html>")


def test_a_web_pages_lang_attribute_decides_when_the_text_says_little() -> None:
    short = "Díaz-Canel recibe a Wang Yi en La Habana."
    assert detect(short)[0] != "es"  # too short for the detector (Extremaduran, 0.28)
    page = parse_document(Path("a.html"), _page("es", short), SourceMeta(outlet="X"))
    assert page.language == "es"
    assert {p.language for p in page.passages} == {"es"}


def test_a_clear_text_overrules_a_templates_lang_attribute() -> None:
    page = parse_document(Path("b.html"), _page("en", SPANISH_TEXT), SourceMeta(outlet="X"))
    assert page.language == "es"
    yaml_says = parse_document(Path("c.html"), _page("es", ENGLISH_TEXT),
                               SourceMeta(outlet="X", language="en"))
    assert yaml_says.language == "en"
