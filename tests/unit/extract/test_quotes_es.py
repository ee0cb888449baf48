"""Spanish quotations, in sentences written for these tests: «…», “…”, "…" and the dash of
Spanish dialogue, with the speaker before or after the verb, and roles resolved as in English."""

from pathlib import Path

import pytest

from bot.answers.answerer import Answerer
from bot.corpus.documents import parse_document
from bot.corpus.metadata import SourceMeta
from bot.extract.quotes import extract_quotes


def quotes(text: str) -> list[tuple[str, str, str]]:
    """(words, speaker, role) of each quotation of a Spanish article, as /quote shows them."""
    document = parse_document(Path("es.txt"), text, SourceMeta(outlet="X", language="es"))
    return [(q.text, q.speaker, q.role) for q in extract_quotes(document)]


@pytest.mark.parametrize(("text", "expected"), [
    ("«La cooperación con nuestros vecinos es una prioridad absoluta», afirmó la ministra de "
     "Comercio, Ana Morales, en la rueda de prensa.",
     [("La cooperación con nuestros vecinos es una prioridad absoluta", "Ana Morales",
       "ministra de Comercio")]),
    ("“Nadie podrá frenar el desarrollo de esta región”, dijo el gobernador Tomás Reyes.",
     [("Nadie podrá frenar el desarrollo de esta región", "Tomás Reyes", "gobernador")]),
    ('"Las cifras del puerto mejoran cada trimestre", señaló el economista Luis Paredes.',
     [("Las cifras del puerto mejoran cada trimestre", "Luis Paredes", "economista")]),
    ("—Vamos a abrir nuevas rutas aéreas antes del verano —declaró el director de la "
     "aerolínea, Jorge Ibarra, al término de la reunión.",
     [("Vamos a abrir nuevas rutas aéreas antes del verano", "Jorge Ibarra",
       "director de la aerolínea")]),
])
def test_quotation_marks_and_dialogue_dashes(text: str, expected: list[tuple[str, str, str]]
                                             ) -> None:
    assert quotes(text) == expected


def test_the_speaker_before_the_verb() -> None:
    text = ("La presidenta del consejo, Marta Gil, aseguró: «Vamos a revisar todos los "
            "contratos firmados este año».")
    assert quotes(text) == [("Vamos a revisar todos los contratos firmados este año",
                             "Marta Gil", "presidenta del consejo")]


@pytest.mark.parametrize("cue", ["Según", "De acuerdo con", "En palabras de"])
def test_according_to_in_spanish(cue: str) -> None:
    text = (f"{cue} el analista Pablo Herrera, \"el mercado interno necesita más divisas "
            "que nunca\".")
    assert quotes(text) == [("el mercado interno necesita más divisas que nunca",
                             "Pablo Herrera", "analista")]


def test_a_role_noun_is_resolved_to_the_person_named_before() -> None:
    text = ("El presidente chino, Wen Li, recibió a la delegación en la capital.\n\n"
            "«Nuestra amistad no depende de las circunstancias», escribió el mandatario en "
            "una carta enviada a los anfitriones.")
    assert quotes(text) == [("Nuestra amistad no depende de las circunstancias", "Wen Li",
                             "presidente chino")]


def test_a_country_is_never_the_speaker() -> None:
    text = ("Estados Unidos mantiene sus sanciones. «Es una política fracasada que daña a "
            "las familias», dijo la diputada Clara Núñez.")
    assert [speaker for _, speaker, _ in quotes(text)] == ["Clara Núñez"]


def test_quote_in_a_mixed_corpus_finds_spanish_speakers(mixed_answerer: Answerer) -> None:
    answer = mixed_answerer.answer_text("/quote Bruno Rodríguez")
    found = answer.quotes  # type: ignore[attr-defined]
    assert found and found[0].speaker == "Bruno Rodríguez"
    assert found[0].outlet == "Diario del Caribe"
    assert found[0].text.startswith("La amistad entre nuestros pueblos")
    omitted = mixed_answerer.answer_text("/quote Laura Vidal").quotes  # type: ignore[attr-defined]
    assert [(q.speaker, q.outlet) for q in omitted] == [("Laura Vidal", "Prensa del Sur")]
    assert omitted[0].text.startswith("El problema no es la falta de ayuda")
    english = mixed_answerer.answer_text("/quote Xi Jinping").quotes  # type: ignore[attr-defined]
    assert {"Diario del Caribe", "CiberCuba"} <= {q.outlet for q in english}


@pytest.mark.parametrize(("text", "speaker"), [
    # "él" / "ella": the person of that gender the text was about
    ("La ministra de Salud, Ana Morales, visitó el hospital provincial.\n\n«Vamos a duplicar "
     "el número de camas», afirmó ella durante el recorrido.", "Ana Morales"),
    ("El alcalde Tomás Reyes inauguró el puente el lunes.\n\n«Esta obra cambiará la vida del "
     "barrio», dijo él ante los vecinos.", "Tomás Reyes"),
    ("Ana Morales y Tomás Reyes firmaron el convenio en la alcaldía.\n\n«Es un paso necesario "
     "para la ciudad», afirmó ella.", "Ana Morales"),
    # the subject left out, as Spanish does: the person the text was about
    ("El economista Luis Paredes presentó su informe en la universidad.\n\n«Las importaciones "
     "de alimentos seguirán creciendo», afirmó.", "Luis Paredes"),
    ("El economista Luis Paredes presentó su informe en la universidad.\n\n—Las importaciones "
     "de alimentos seguirán creciendo —afirmó.", "Luis Paredes"),
    ("«No habrá cambios en la política exterior», aseguró la portavoz del ministerio, Clara "
     "Núñez.\n\n«Seguimos trabajando con todos los socios», añadió.", "Clara Núñez"),
    # two people with the same role noun: its adjective of nationality says which
    ("El presidente cubano, Mario Soto, recibió al presidente chino, Wen Li.\n\n«Somos amigos "
     "de verdad», dijo el presidente chino.", "Wen Li"),
    ("El presidente cubano, Mario Soto, recibió al presidente chino, Wen Li.\n\n«Somos amigos "
     "de verdad», dijo el presidente cubano.", "Mario Soto"),
    # a role noun for the office the article named in other words
    ("Bruno Ramos, ministro de Relaciones Exteriores, llegó a Pekín el martes.\n\n«La visita "
     "abre una etapa nueva», afirmó el canciller.", "Bruno Ramos"),
])
def test_pronouns_omitted_subjects_and_role_nouns(text: str, speaker: str) -> None:
    assert quotes(text)[-1][1] == speaker


@pytest.mark.parametrize("text", [
    # the subject left out after two people: not guessed
    "El diputado Pedro Lima criticó la propuesta. Su colega Marta Gil la defendió.\n\n«Es una "
    "ley injusta», señaló.",
    # "el presidente chino" when only a Cuban president is named: not him
    "El presidente cubano, Mario Soto, visitó la fábrica.\n\n«Somos amigos de verdad», dijo el "
    "presidente chino.",
])
def test_a_speaker_the_spanish_text_does_not_settle_is_not_guessed(text: str) -> None:
    assert [s for _, s, _ in quotes(text)] == [""]


def test_a_role_given_to_someone_else_is_not_the_persons() -> None:
    text = ("El presidente cubano, Mario Soto, recibió al presidente chino, Wen Li, en el "
            "palacio.\n\n«Somos amigos de verdad», dijo Soto.\n\n«Lo seremos siempre», "
            "respondió Wen Li.")
    assert [(s, r) for _, s, r in quotes(text)] == [("Mario Soto", "presidente cubano"),
                                                    ("Wen Li", "presidente chino")]


@pytest.mark.parametrize("verb", ["dijo", "afirmó", "señaló", "aseguró", "subrayó", "destacó",
                                  "expresó", "manifestó", "indicó", "declaró", "informó",
                                  "precisó", "advirtió"])
def test_every_spanish_verb_of_saying_with_the_speaker_after_or_before_it(verb: str) -> None:
    after = f"«El puerto abrirá una nueva terminal en otoño», {verb} la ministra Ana Gil."
    before = f"La ministra Ana Gil {verb}: «El puerto abrirá una nueva terminal en otoño»."
    for text in (after, before):
        assert quotes(text) == [("El puerto abrirá una nueva terminal en otoño", "Ana Gil",
                                 "ministra")], text
