"""/quote on the seed corpus: a person's own words, each quotation once, and the unquoted;
grouped from the chat's outlets alone."""

from __future__ import annotations

import dataclasses

import pytest

from bot.answers.library import Library
from bot.answers.quote import quote_answer
from bot.answers.scope import EVERYTHING, Scope
from bot.answers.types import Notice, QuoteAnswer
from bot.extract.quote_groups import KIND_ORDER
from bot.render import to_text
from bot.retrieval.index import NewsIndex
from tests.conftest import SEED_OUTLETS

EXILE = "Notes from the Cuban Exile Quarter"


def _quote(library: Library, query: str, scope: Scope = EVERYTHING) -> QuoteAnswer:
    answer = quote_answer(library, query, scope)
    assert isinstance(answer, QuoteAnswer), answer
    return answer


def test_quote_finds_xi_with_speaker_and_outlet(library: Library) -> None:
    answer = _quote(library, "Xi")
    assert answer.quotes
    top = answer.quotes[0]
    assert "Xi" in top.speaker
    assert top.outlet in SEED_OUTLETS and top.date


def test_a_person_gets_only_their_own_words(library: Library) -> None:
    answer = _quote(library, "Xi")
    assert answer.quotes and all("Xi Jinping" in q.speaker for q in answer.quotes)
    # quotations standing alone first, then words quoted inside the writer's sentences
    order = [KIND_ORDER[q.kind] for q in answer.quotes]
    assert order == sorted(order)
    texts = [q.text for q in answer.quotes]
    assert any(t.startswith("will go hand in hand") for t in texts)
    assert not any("encouragement for all progressive forces" in t for t in texts)  # Díaz-Canel's


def test_the_same_quotation_worded_twice_appears_once_with_each_wording(
    library: Library, seed_index: NewsIndex
) -> None:
    answer = _quote(library, "Xi")
    model = [q for q in answer.quotes if "model of solidarity" in q.text]
    assert len(model) == 1
    wordings = {c.text.rstrip(",. ") for c in model[0].carried_by}
    assert wordings == {"a model of solidarity and cooperation among socialist countries",
                        "a model of solidarity and cooperation between socialist countries"}
    for carrier in model[0].carried_by:
        passage = seed_index.passage(carrier.passage_id)
        assert carrier.text in passage.text and carrier.sentence in passage.text
        assert carrier.outlet == seed_index.document(passage.doc_id).outlet == "CiberCuba"
    shown = to_text(answer)
    assert "between socialist countries" in shown and "among socialist countries" in shown


def test_a_person_never_quoted_gets_a_clear_answer_and_where_they_are_named(
    library: Library, seed_index: NewsIndex
) -> None:
    answer = _quote(library, "Fidel Castro")
    assert answer.quotes == [] and answer.unquoted == "Fidel Castro"
    assert answer.mentions
    for mention in answer.mentions:
        passage = seed_index.passage(mention.passage_id)
        assert "Fidel Castro" in mention.sentence and mention.sentence in passage.text
        assert mention.outlet == seed_index.document(passage.doc_id).outlet
    shown = to_text(answer)
    assert "Fidel Castro is not quoted in the corpus" in shown
    assert "Struggle-La-Lucha.org" in shown


def test_interview_answers_are_quotes_of_the_ambassador(library: Library) -> None:
    answer = _quote(library, "Pereira exports")
    assert answer.quotes
    top = answer.quotes[0]
    assert top.speaker == "Carlos Miguel Pereira Hernández" and top.kind == "interview"
    assert "exports" in top.text and top.text == top.sentence
    assert "(interview answer)" in to_text(answer)


def test_a_fragment_is_shown_inside_its_sentence(library: Library) -> None:
    answer = _quote(library, "Putin")
    [hailed] = answer.quotes
    assert hailed.kind == "fragment" and hailed.text == "traditional friendship"
    assert hailed.speaker == "Miguel Díaz-Canel Bermúdez and Vladimir Putin"  # the label
    assert hailed.carried_by[0].speaker == "Miguel Diaz-Canel Bermudez and Vladimir Putin"
    shown = to_text(answer)
    assert "he and Russian President Vladimir Putin hailed the “traditional friendship”" in shown
    assert "“traditional friendship”\n" not in shown
    assert "(the quoted words only)" in shown
    data = answer.to_json()["quotes"][0]  # a reader of --json finds the words in the sentence
    at = data["text_offset"]
    assert data["sentence"][at:at + len(data["text"])] == "traditional friendship"


def test_json_has_role_sentence_kind_and_carriers(library: Library) -> None:
    data = _quote(library, "blockade").to_json()
    first = data["quotes"][0]
    assert {"text", "speaker", "role", "outlet", "doc_id", "date", "passage_id", "sentence",
            "url", "kind", "carried_by"} <= set(first)
    assert first["carried_by"][0]["outlet"] == first["outlet"]


def _said(answer: QuoteAnswer) -> set[tuple[str, str]]:
    return {(q.passage_id, q.text) for q in answer.quotes}


def test_one_person_whatever_the_spelling(library: Library, seed_index: NewsIndex) -> None:
    accented = _quote(library, "Díaz-Canel")
    assert _said(accented) == _said(_quote(library, "Diaz-Canel"))
    assert _said(accented) == _said(_quote(library, "Bermudez"))  # only ExBulletin's form
    outlets = {q.outlet for q in accented.quotes}
    assert {"ExBulletin", "CiberCuba"} <= outlets
    corpus_text = " ".join(d.text for d in seed_index.corpus.documents)
    for quote in accented.quotes:
        assert quote.speaker.startswith("Miguel Díaz-Canel Bermúdez")  # the fullest printed form
        assert quote.speaker.split(" and ")[0] in corpus_text  # never invented
        for carrier in quote.carried_by:  # each article's own spelling, verbatim
            document = seed_index.document(carrier.doc_id)
            assert carrier.speaker.split(" and ")[0] in document.text
    spellings = {c.speaker for q in accented.quotes for c in q.carried_by}
    assert {"Miguel Diaz-Canel Bermudez", "Miguel Díaz-Canel"} <= spellings


def test_a_role_is_the_fullest_the_corpus_gives(library: Library) -> None:
    answer = _quote(library, "Xi comrades")
    [brothers] = [q for q in answer.quotes if q.text.startswith("good friends, good comrades")]
    assert brothers.outlet == "Struggle-La-Lucha.org"  # which calls him only "President"
    assert brothers.speaker == "Xi Jinping" and brothers.role == "Chinese President"


def test_a_surname_shared_by_two_people_stays_ambiguous(library: Library) -> None:
    answer = _quote(library, "Castro")
    assert answer.unquoted == "Fidel Castro or Raul Castro Ruz"


def test_first_n_of_m_counts_the_quotations_of_the_chats_outlets(library: Library) -> None:
    everywhere = _quote(library, "", Scope(results=1000))
    scope = Scope(frozenset({"CiberCuba"}), results=3)
    in_scope = _quote(library, "", Scope(frozenset({"CiberCuba"}), results=1000))
    assert not in_scope.notes and len(in_scope.quotes) < len(everywhere.quotes)
    answer = _quote(library, "", scope)
    assert len(answer.quotes) == 3
    assert answer.notes == [f"Showing the first 3 of {len(in_scope.quotes)} quotations."]
    assert [q.text for q in answer.quotes] == [q.text for q in in_scope.quotes[:3]]


def test_a_left_out_outlet_carries_no_quotation(library: Library) -> None:
    answer = _quote(library, "Xi", Scope(frozenset({"CiberCuba"})))
    assert answer.quotes
    assert "CiberCuba" not in {c.outlet for q in answer.quotes for c in q.carried_by}
    assert not any("model of solidarity" in q.text for q in answer.quotes)  # CiberCuba's only


def test_balance_gives_each_slant_its_best_quotation_first(library: Library) -> None:
    plain = _quote(library, "", Scope(results=3))
    balanced = _quote(library, "", Scope(results=3, balance=True))
    assert len({library.slant(q.outlet) for q in plain.quotes}) < 3
    assert {library.slant(q.outlet) for q in balanced.quotes} == {
        "wire story", "socialist solidarity", "critical of the Cuban government"}
    assert balanced.quotes[0].text == plain.quotes[0].text
    assert balanced.notes == plain.notes  # "first 3 of" the same quotations


def test_a_person_named_but_not_quoted_in_the_chats_outlets(library: Library) -> None:
    everywhere = _quote(library, "Fidel Castro")
    named_by = {m.outlet for m in everywhere.mentions}
    kept = sorted(named_by)[0]
    answer = _quote(library, "Fidel Castro", Scope(frozenset(named_by - {kept})))
    assert answer.unquoted == "Fidel Castro" and answer.mentions
    assert {m.outlet for m in answer.mentions} == {kept}


def test_a_person_quoted_only_in_left_out_outlets_is_not_called_unquoted(
    library: Library,
) -> None:
    quoted_by = {q.outlet for q in _quote(library, "Putin").quotes}
    answer = quote_answer(library, "Putin", Scope(frozenset(quoted_by)))
    assert isinstance(answer, Notice) and answer.kind == "not_found"
    assert "Nothing from the outlets this chat includes" in answer.message


@pytest.mark.parametrize("scope", [EVERYTHING, Scope(frozenset({"CiberCuba"})),
                                   Scope(frozenset({EXILE}), balance=True, results=3)])
def test_the_groups_prepared_without_a_topic_answer_as_grouping_when_asked(
    library: Library, scope: Scope
) -> None:
    assert library.index.quote_groups is not None
    unprepared = dataclasses.replace(library, index=dataclasses.replace(library.index,
                                                                        quote_groups=None))
    assert quote_answer(library, "", scope).to_json() == quote_answer(
        unprepared, "", scope).to_json()


def test_every_quotation_says_how_its_speaker_was_found(library: Library) -> None:
    """A named speaker comes with the evidence it was found on; no speaker means none stated."""
    answer = quote_answer(library, "", dataclasses.replace(EVERYTHING, results=50))
    assert isinstance(answer, QuoteAnswer) and answer.quotes
    for item in answer.to_json()["quotes"]:
        if item["speaker"]:
            assert item["speaker_evidence"] != "none" and 0 < item["speaker_confidence"] <= 1
        else:
            assert item["speaker_evidence"] == "none"
        assert all("speaker_evidence" in carrier for carrier in item["carried_by"])
