"""The person model of a document: names, roles, and what pronouns and role nouns refer to."""

from __future__ import annotations

from bot.extract.people import contains_run, name_key
from bot.extract.quotes import extract_quotes, extract_quotes_and_people
from tests.unit.extract.documents import make_document


def test_appositive_and_title() -> None:
    document = make_document(
        'Maria Lopez, the Cuban ambassador, said "our ties have never been stronger."',
        '"The blockade must end now," said Ambassador Maria Lopez.',
    )
    first, second = extract_quotes(document)
    assert (first.speaker, first.role) == ("Maria Lopez", "Cuban ambassador")
    assert second.speaker == "Maria Lopez"


def test_pronouns_and_role_nouns_resolve_to_the_fitting_person() -> None:
    document = make_document(
        "Cuban President Miguel Diaz-Canel met Chinese President Xi Jinping in Beijing.",
        "Diaz-Canel thanked his host. The Chinese leader said the two nations "
        '"will always stand together in hard times."',
        '"We are grateful for your support in every field," he said.',
    )
    first, second = extract_quotes(document)
    assert first.speaker == "Xi Jinping"
    assert second.speaker == "Xi Jinping"  # the last person referred to, via "the Chinese leader"


def test_possessive_is_not_an_antecedent() -> None:
    document = make_document(
        "Miguel Diaz-Canel said his visit was a success.",
        'He praised Xi’s contributions, "and we believe this encourages all progressive '
        'forces," he said.',
    )
    [quote] = extract_quotes(document)
    assert quote.speaker == "Miguel Diaz-Canel"


def test_a_middle_initial_keeps_the_name_whole() -> None:
    document = make_document('“We need to fix the tax code this year,” said Charles B. Rangel.')
    [quote] = extract_quotes(document)
    assert quote.speaker == "Charles B. Rangel"  # as printed, with its point


def test_a_party_or_rival_before_a_name_is_not_part_of_it() -> None:
    document = make_document(
        "Hillary Clinton spoke in Ohio, and her rival answered in Iowa.",
        "Rival Hillary Clinton said “the plan would cost far too much money.”",
    )
    [quote] = extract_quotes(document)
    assert quote.speaker == "Hillary Clinton"


def _named(*paragraphs: str) -> list[tuple[str, str, str]]:
    """(person, role, sentence) for each sentence naming a person, as /quote lists them."""
    _, named = extract_quotes_and_people(make_document(*paragraphs))
    return [(m.person, m.role, m.sentence.text) for m in named]


def test_a_surname_alone_is_the_full_name_given_before() -> None:
    named = _named("Governor Liesel Vanterpool presented the budget on Tuesday.",
                   "Vanterpool answered questions for an hour.")
    assert named == [
        ("Liesel Vanterpool", "Governor",
         "Governor Liesel Vanterpool presented the budget on Tuesday."),
        ("Liesel Vanterpool", "Governor", "Vanterpool answered questions for an hour."),
    ]


def test_a_shared_surname_is_the_person_mentioned_last() -> None:
    document = make_document(
        "Oskar Brandvold and Petra Brandvold ran the farm together.",
        "Petra Brandvold spoke first. Later Brandvold said “the harvest was the best in years.”",
    )
    [quote] = extract_quotes(document)
    assert quote.speaker == "Petra Brandvold"


def test_places_and_organisations_before_a_cue_are_not_people() -> None:
    named = _named("The Ministry said the talks would resume in London.",
                   "Mayor Tomas Ekwueme said the city was ready.")
    assert [person for person, _, _ in named] == ["Tomas Ekwueme"]


def test_a_role_noun_finds_the_person_with_that_role() -> None:
    document = make_document(
        "Governor Ruth Abernathy met Senator Colm Devlin on Monday.",
        "Devlin left early. The governor said “the bridge will be rebuilt by spring.”",
    )
    [quote] = extract_quotes(document)
    assert quote.speaker == "Ruth Abernathy"


def test_spellings_of_a_name_share_one_key() -> None:
    assert name_key(["Zoë", "Ångström"]) == name_key(["ZOE", "angstrom"])
    assert contains_run(name_key("Ana María Pérez".split()), name_key(["Maria", "Perez"]))
    assert not contains_run(name_key("Ana María Pérez".split()), name_key(["Ana", "Perez"]))


def test_places_and_nationalities_belong_to_the_role_not_the_name() -> None:
    named = _named("Danish Foreign Minister Mette Halvorsen met her counterpart in Lisbon.",
                   "South Korea Ambassador Min-jun Seo arrived later.")
    assert [(person, role) for person, role, _ in named] == [
        ("Mette Halvorsen", "Danish Foreign Minister"),
        ("Min-jun Seo", "South Korea Ambassador"),
    ]


def test_a_place_name_that_is_also_a_given_name_stays_in_a_full_name() -> None:
    document = make_document("Victoria Lund, the mayor, opened the harbour in Victoria.",
                             "“The harbour is open to everyone again,” Lund said.")
    [quote] = extract_quotes(document)
    assert (quote.speaker, quote.role) == ("Victoria Lund", "mayor")


def test_an_abbreviated_title_keeps_its_point_and_its_name() -> None:
    document = make_document("“We will vote for the bill tomorrow,” said Sen. Ann Roe.",
                             "Gov. Tomas Ekwueme said “the state budget is balanced this year.”")
    first, second = extract_quotes(document)
    assert (first.speaker, first.role) == ("Ann Roe", "Sen.")
    assert (second.speaker, second.role) == ("Tomas Ekwueme", "Gov.")
