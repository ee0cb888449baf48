"""/quote on the seed corpus: a person's own words, each quotation once, and the unquoted."""

from __future__ import annotations

from bot.answers.answerer import Answerer
from bot.answers.types import QuoteAnswer
from bot.render import to_text
from bot.retrieval.index import NewsIndex


def _quote(answerer: Answerer, message: str) -> QuoteAnswer:
    answer = answerer.answer_text(message)
    assert isinstance(answer, QuoteAnswer), answer
    return answer


def test_a_person_gets_only_their_own_words(answerer: Answerer) -> None:
    answer = _quote(answerer, "/quote Xi")
    assert answer.quotes and all("Xi Jinping" in q.speaker for q in answer.quotes)
    assert answer.quotes[0].kind == "quotation"
    texts = [q.text for q in answer.quotes]
    assert any(t.startswith("will go hand in hand") for t in texts)
    assert not any("encouragement for all progressive forces" in t for t in texts)  # Díaz-Canel's


def test_the_same_quotation_worded_twice_appears_once_with_each_wording(
    answerer: Answerer, seed_index: NewsIndex
) -> None:
    answer = _quote(answerer, "/quote Xi")
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
    answerer: Answerer, seed_index: NewsIndex
) -> None:
    answer = _quote(answerer, "/quote Fidel Castro")
    assert answer.quotes == [] and answer.unquoted == "Fidel Castro"
    assert answer.mentions
    for mention in answer.mentions:
        passage = seed_index.passage(mention.passage_id)
        assert "Fidel Castro" in mention.sentence and mention.sentence in passage.text
        assert mention.outlet == seed_index.document(passage.doc_id).outlet
    shown = to_text(answer)
    assert "Fidel Castro is not quoted in the corpus" in shown
    assert "Struggle-La-Lucha.org" in shown


def test_interview_answers_are_quotes_of_the_ambassador(answerer: Answerer) -> None:
    answer = _quote(answerer, "/quote Pereira exports")
    assert answer.quotes
    top = answer.quotes[0]
    assert top.speaker == "Carlos Miguel Pereira Hernández" and top.kind == "interview"
    assert "exports" in top.text and top.text == top.sentence
    assert "(interview answer)" in to_text(answer)


def test_a_fragment_is_shown_inside_its_sentence(answerer: Answerer) -> None:
    answer = _quote(answerer, "/quote Putin")
    [hailed] = answer.quotes
    assert hailed.kind == "fragment" and hailed.text == "traditional friendship"
    assert hailed.speaker == "Miguel Díaz-Canel Bermúdez and Vladimir Putin"  # the label
    assert hailed.carried_by[0].speaker == "Miguel Diaz-Canel Bermudez and Vladimir Putin"
    shown = to_text(answer)
    assert "he and Russian President Vladimir Putin hailed the “traditional friendship”" in shown
    assert "“traditional friendship”\n" not in shown


def test_json_has_role_sentence_kind_and_carriers(answerer: Answerer) -> None:
    data = _quote(answerer, "/quote blockade").to_json()
    first = data["quotes"][0]
    assert {"text", "speaker", "role", "outlet", "doc_id", "date", "passage_id", "sentence",
            "url", "kind", "carried_by"} <= set(first)
    assert first["carried_by"][0]["outlet"] == first["outlet"]


def _said(answer: QuoteAnswer) -> set[tuple[str, str]]:
    return {(q.passage_id, q.text) for q in answer.quotes}


def test_one_person_whatever_the_spelling(answerer: Answerer, seed_index: NewsIndex) -> None:
    accented = _quote(answerer, "/quote Díaz-Canel")
    assert _said(accented) == _said(_quote(answerer, "/quote Diaz-Canel"))
    assert _said(accented) == _said(_quote(answerer, "/quote Bermudez"))  # only ExBulletin's form
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


def test_a_role_is_the_fullest_the_corpus_gives(answerer: Answerer) -> None:
    answer = _quote(answerer, "/quote Xi comrades")
    [brothers] = [q for q in answer.quotes if q.text.startswith("good friends, good comrades")]
    assert brothers.outlet == "Struggle-La-Lucha.org"  # which calls him only "President"
    assert brothers.speaker == "Xi Jinping" and brothers.role == "Chinese President"


def test_a_surname_shared_by_two_people_stays_ambiguous(answerer: Answerer) -> None:
    answer = _quote(answerer, "/quote Castro")
    assert answer.unquoted == "Fidel Castro or Raul Castro Ruz"
