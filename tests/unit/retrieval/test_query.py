from bot.answers.answerer import Answerer
from bot.render import to_text
from bot.retrieval.query import Aliases, analyse_query
from bot.text import tokenize

ALIASES = Aliases.parse(["blockade ~ bloqueo ~ embargo", "United States ~ Estados Unidos",
                         "Díaz-Canel ~ Diaz Canel", "lonely"])


def test_alias_lines_are_read_and_spellings_that_fold_alike_are_one() -> None:
    assert ALIASES.shown == (("blockade", "bloqueo", "embargo"),
                             ("United States", "Estados Unidos"))


def test_a_query_naming_one_wording_looks_up_every_wording() -> None:
    query = analyse_query("the U.S. embargo", ALIASES)
    assert query.also == ("blockade", "bloqueo")
    assert len(query.groups) == 2  # "U.S." and the blockade's wordings
    for word, language in [("blockade", "en"), ("bloqueo", "es"), ("embargo", "en")]:
        assert set(tokenize(word, language)) <= set(query.groups[1])


def test_without_aliases_each_word_is_its_own_group() -> None:
    query = analyse_query("embargo Cuba")
    assert query.also == () and len(query.groups) == 2


def test_a_spanish_query_finds_spanish_passages_and_an_english_one_english(
        mixed_answerer: Answerer) -> None:
    index = mixed_answerer.index
    spanish = index.search("bloqueo", 3)
    assert spanish and all(h.passage.language == "es" for h in spanish)
    english = index.search("blockade", 3)
    assert english and all(h.passage.language == "en" for h in english)


def test_sources_on_an_alias_names_the_outlets_of_every_wording(
        mixed_answerer: Answerer) -> None:
    answer = mixed_answerer.answer_text("/sources blockade")
    outlets = {o.outlet for o in answer.outlets}  # type: ignore[attr-defined]
    assert {"Diario del Caribe", "Prensa del Sur"} <= outlets  # "bloqueo", "embargo"
    assert "Also matched: bloqueo, embargo." in answer.notes


def test_compare_shows_which_wording_each_outlet_uses(mixed_answerer: Answerer) -> None:
    answer = mixed_answerer.answer_text("/compare blockade")
    used = {w.outlet: w.counts for w in answer.wordings}  # type: ignore[attr-defined]
    assert used["Diario del Caribe"] == {"bloqueo": 1}
    assert used["Prensa del Sur"] == {"embargo": 2}
    assert used["CiberCuba"] == {"blockade": 1}
    assert "Prensa del Sur: embargo ×2" in to_text(answer)
