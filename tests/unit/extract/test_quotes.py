"""Quotations and their speakers: the seed articles' real attributions, and the traps in them."""

from __future__ import annotations

import pickle

import pytest

from bot.corpus.documents import load_corpus
from bot.extract.quotes import Quote, extract_quotes
from bot.models import Document
from tests.conftest import SEEDS
from tests.unit.extract.documents import make_document


@pytest.fixture(scope="module")
def seed_quotes() -> dict[str, tuple[Document, list[Quote]]]:
    corpus = load_corpus(SEEDS)
    return {d.doc_id[:3]: (d, extract_quotes(d)) for d in corpus.documents}


def _speaker_of(quotes: list[Quote], opening: str) -> Quote:
    found = [q for q in quotes if q.text.startswith(opening)]
    assert len(found) == 1, f"{opening!r} in {[q.text for q in quotes]}"
    return found[0]


@pytest.mark.parametrize(
    ("doc", "opening", "speaker"),
    [
        ("000", "will go hand in hand on the path", "Xi Jinping"),
        ("000", "strengthen coordination and cooperation", "Xi Jinping"),
        ("000", "shows that we attach great importance", "Miguel Diaz-Canel Bermudez"),
        ("000", "and we believe this is a real encouragement", "Miguel Diaz-Canel Bermudez"),
        ("001", "mutual referents in the construction", "Carlos Miguel Pereira Hernández"),
        ("002", "a model of solidarity and cooperation among", "Xi Jinping"),
        ("002", "deepen high-level mutual political trust", "Xi Jinping"),
        ("002", "foreign interference and the blockade", "Xi Jinping"),
        ("003", "There is a very close relationship", "Qiu Xiaoqi"),
        ("003", "China supports the initiative", "Qiu Xiaoqi"),
        ("003", "We are always ready to adhere", "Qiu Xiaoqi"),
    ],
)
def test_seed_speakers(
    seed_quotes: dict[str, tuple[Document, list[Quote]]], doc: str, opening: str, speaker: str
) -> None:
    _, quotes = seed_quotes[doc]
    assert _speaker_of(quotes, opening).speaker == speaker


def test_seed_roles(seed_quotes: dict[str, tuple[Document, list[Quote]]]) -> None:
    qiu = _speaker_of(seed_quotes["003"][1], "There is a very close relationship")
    assert qiu.role.startswith("special representative of the Chinese government")
    xi = _speaker_of(seed_quotes["000"][1], "will go hand in hand")
    assert xi.role == "Chinese President"
    assert _speaker_of(seed_quotes["002"][1], "deepen high-level").role == "Chinese president"


def test_split_quotation_keeps_its_punctuation_verbatim(
    seed_quotes: dict[str, tuple[Document, list[Quote]]],
) -> None:
    quote = _speaker_of(seed_quotes["000"][1], "will go hand in hand")
    assert quote.text.endswith("their own characteristics,")
    assert quote.sentence.text.startswith("The two “will go hand in hand")


@pytest.mark.parametrize(
    "term",
    [
        "One China", "Belt and Road", "Cuban Excellences", "paradigmatic", "New China", "Che",
        "sovereignty", "sinicization", "traditional friendship", "shared future",
        "highly acknowledges", "fundamental interests",
    ],
)
def test_names_and_scare_quotes_are_not_quotations(
    seed_quotes: dict[str, tuple[Document, list[Quote]]], term: str
) -> None:
    # a few quoted words of a speaker are kept only as a "fragment", shown inside its sentence
    assert all(q.text.strip(",. ") != term or q.kind == "fragment"
               for _, quotes in seed_quotes.values() for q in quotes)


@pytest.mark.parametrize("term", ["One China", "Belt and Road", "Cuban Excellences",
                                  "paradigmatic", "New China", "Che", "sovereignty"])
def test_names_and_single_words_are_not_even_fragments(
    seed_quotes: dict[str, tuple[Document, list[Quote]]], term: str
) -> None:
    assert all(q.text.strip(",. ") != term for _, quotes in seed_quotes.values() for q in quotes
               if q.kind != "interview")


def test_joint_speakers_and_fragments(
    seed_quotes: dict[str, tuple[Document, list[Quote]]],
) -> None:
    hailed = _speaker_of(seed_quotes["000"][1], "traditional friendship")
    assert hailed.kind == "fragment"
    assert hailed.speaker == "Miguel Diaz-Canel Bermudez and Vladimir Putin"
    pledged = _speaker_of(seed_quotes["000"][1], "fundamental interests")
    assert pledged.speaker == "Xi Jinping and his Cuban counterpart"


def test_interview_answers_are_the_interviewees_words(
    seed_quotes: dict[str, tuple[Document, list[Quote]]],
) -> None:
    document, quotes = seed_quotes["001"]
    answers = [q for q in quotes if q.kind == "interview"]
    assert len(answers) > 30
    assert {q.speaker for q in answers} == {"Carlos Miguel Pereira Hernández"}
    assert all(q.role == "Cuba's ambassador to China" for q in answers)
    assert all(q.text == q.sentence.text and not q.text.endswith("?") for q in answers)
    texts = " ".join(q.text for q in answers)
    assert "how do you assess" not in texts  # People's Daily's questions are not his words
    assert "China has also consolidated as the main market for our exports of goods." in texts
    intro = document.text.index("We are very pleased")
    assert all(q.start > intro + 500 for q in answers)


def test_every_quote_is_verbatim_inside_its_sentence_and_passage(
    seed_quotes: dict[str, tuple[Document, list[Quote]]],
) -> None:
    total = 0
    for document, quotes in seed_quotes.values():
        passages = {p.passage_id: p for p in document.passages}
        assert [q.start for q in quotes] == sorted(q.start for q in quotes)
        for quote in quotes:
            total += 1
            assert document.text[quote.start:quote.end] == quote.text
            assert quote.sentence.start <= quote.start < quote.end <= quote.sentence.end
            assert quote.sentence in passages[quote.passage_id].sentences
            assert quote.text[0] not in "“”\"" and quote.text[-1] not in "“”\""
    assert total >= 12


def test_quotes_pickle(seed_quotes: dict[str, tuple[Document, list[Quote]]]) -> None:
    quotes = seed_quotes["003"][1]
    assert pickle.loads(pickle.dumps(quotes)) == quotes


def test_according_to_an_outlet_is_not_the_speaker() -> None:
    document = make_document(
        "Chinese President Xi Jinping met the delegation on Monday.",
        'According to Reuters, Xi stated that Beijing is ready to "deepen mutual trust and '
        'advance cooperation."',
    )
    [quote] = extract_quotes(document)
    assert (quote.speaker, quote.role) == ("Xi Jinping", "Chinese President")
    assert quote.passage_id == "t#1"


def test_according_to_a_person() -> None:
    document = make_document(
        'The talks were "the most productive in a decade," according to Ana Pérez, '
        "the foreign minister."
    )
    [quote] = extract_quotes(document)
    assert quote.speaker == "Ana Pérez"
    assert quote.role == "foreign minister"


def test_continuation_without_a_cue_keeps_the_speaker() -> None:
    document = make_document(
        'Qiu Xiaoqi said "relations are a good example for the region."',
        '"China supports making the region a zone of peace."',
    )
    first, second = extract_quotes(document)
    assert first.speaker == second.speaker == "Qiu Xiaoqi"


def test_quoted_term_without_cue_is_dropped() -> None:
    document = make_document(
        'The two countries signed the "Memorandum of Understanding on Trade" in 2018.'
    )
    assert extract_quotes(document) == []


def test_unknown_speaker_is_empty() -> None:
    document = make_document('It was said: "The talks went well for everyone."')
    [quote] = extract_quotes(document)
    assert quote.speaker == "" and quote.role == ""


def test_quotation_over_several_paragraphs() -> None:
    document = make_document(
        "Ana Pérez, the foreign minister, spoke after the vote.",
        "“We have waited for this agreement for ten long years.",
        "“Now it is time to build on it together,” she said.",
    )
    first, second = extract_quotes(document)
    assert first.text == "We have waited for this agreement for ten long years."
    assert first.speaker == second.speaker == "Ana Pérez"


def test_short_quotation_said_aloud_is_kept() -> None:
    document = make_document("Maria Lopez met the crowd. “Never again,” Lopez said.")
    [quote] = extract_quotes(document)
    assert (quote.text, quote.speaker, quote.kind) == ("Never again,", "Maria Lopez", "quotation")


def test_a_cue_alone_in_the_next_sentence() -> None:
    document = make_document("Maria Lopez met the crowd. “We will never give up this fight!” "
                             "Lopez said. The crowd cheered.")
    [quote] = extract_quotes(document)
    assert (quote.text, quote.speaker) == ("We will never give up this fight!", "Maria Lopez")


def test_a_lone_surname_after_said_is_the_speaker() -> None:
    document = make_document("“Schools should teach, not test all year,” said Wilcox, who "
                             "founded a transport company.")
    [quote] = extract_quotes(document)
    assert quote.speaker == "Wilcox"


# The patterns of the "Who said it" issue, each in sentences written for the test.

def test_the_subject_speaks_not_the_object() -> None:
    document = make_document(
        "Mayor Tom Reyes received Governor Ana Pérez at the port on Monday.",
        "He later sent “our warmest wishes for a fruitful partnership” to Pérez, and the two "
        "toured the docks.",
    )
    [quote] = extract_quotes(document)
    assert quote.speaker == "Tom Reyes"


def test_a_role_noun_speaks_for_the_person_with_that_role() -> None:
    document = make_document(
        "Danish Prime Minister Mette Holm met Ana Pérez in Lisbon.",
        "The talks ended with a dinner, at which the Danish prime minister declared that her "
        "country “will do everything it can to keep the ports open.”",
    )
    [quote] = extract_quotes(document)
    assert quote.speaker == "Mette Holm"
    assert quote.evidence == "cue+role"


def test_a_pronoun_goes_to_the_nearest_person_of_its_gender() -> None:
    document = make_document(
        "Ana Pérez spoke after Tom Reyes had left the hall.",
        "“The harbour will stay open all winter,” she said.",
    )
    [quote] = extract_quotes(document)
    assert quote.speaker == "Ana Pérez"
    assert quote.evidence == "cue+pronoun"


def test_a_pronoun_goes_to_the_subject_before_it_not_the_last_name() -> None:
    document = make_document(
        "Tomas Okonkwo thanked Viktor Lindqvist for the loan on Tuesday.",
        "“We will repay every cent before the harvest,” he said.",
    )
    [quote] = extract_quotes(document)
    assert quote.speaker == "Tomas Okonkwo"  # the subject, though Lindqvist was named last


def test_a_pronoun_goes_to_who_just_spoke_before_the_sentences_first_name() -> None:
    document = make_document(
        "Tomas Okonkwo spoke after Viktor Lindqvist at the hearing.",
        "Lindqvist had won the vote fairly, Okonkwo said.",
        "“He earned it, and the valley will see the benefit,” he said.",
    )
    [quote] = extract_quotes(document)
    assert quote.speaker == "Tomas Okonkwo"


def test_a_shared_surname_alone_is_the_person_the_article_names_in_full_most() -> None:
    document = make_document(
        "Viktor Lindqvist, the regional governor, opened the new bridge on Friday.",
        "Viktor Lindqvist cut the ribbon while his son, Erik Lindqvist, held it.",
        "“This bridge joins two towns that have waited forty years,” Lindqvist said.",
    )
    [quote] = extract_quotes(document)
    assert quote.speaker == "Viktor Lindqvist"  # not the son, though named last


def test_an_honorific_picks_which_of_two_people_sharing_a_surname_speaks() -> None:
    document = make_document(
        "Ana Lindqvist, the mayor, opened the fair with her husband, Tomas Lindqvist.",
        "Ana Lindqvist cut the ribbon.",
        "“The fair is for every family in the valley,” Mr. Lindqvist said.",
    )
    [quote] = extract_quotes(document)
    assert quote.speaker == "Tomas Lindqvist"


def test_a_role_written_before_a_name_is_the_role_not_the_name() -> None:
    document = make_document(
        "“We are watching the situation very closely,” Harbour Council spokesperson Lena Berg "
        "said on Tuesday."
    )
    [quote] = extract_quotes(document)
    assert quote.speaker == "Lena Berg"
    assert quote.role == "Harbour Council spokesperson"
    assert quote.evidence == "cue+name"


def test_a_name_with_particles_stays_whole() -> None:
    document = make_document(
        "“The vote will take place as planned,” said Foreign Minister Luis Ortega de la Vega."
    )
    [quote] = extract_quotes(document)
    assert quote.speaker == "Luis Ortega de la Vega"
    assert quote.role == "Foreign Minister"


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ("“The port will reopen within a week,” the ministry said in a statement.",
         "the ministry"),
        ("“No decision has been taken on the tariffs,” the White House said.", "the White House"),
        ("NIRA stated that “the findings call for a review of every contract.”", "NIRA"),
        ("“We were not told about the change in advance,” a senior official said.",
         "a senior official"),
        ("“Both governments remain committed to the talks,” the joint statement says.",
         "the joint statement"),
    ],
)
def test_organisations_documents_and_unnamed_sources_speak(sentence: str, speaker: str) -> None:
    [quote] = extract_quotes(make_document(sentence))
    assert quote.speaker == speaker
    assert quote.evidence == "cue+source"


def test_both_parts_of_a_split_quotation_have_the_speaker() -> None:
    document = make_document(
        "Tom Reyes, the harbour master, spoke to reporters.",
        "“Both crews,” he said, “must leave the dock before the storm arrives.”",
    )
    first, second = extract_quotes(document)
    assert first.speaker == second.speaker == "Tom Reyes"


def test_the_speaker_in_the_next_sentence_keeps_the_quotation() -> None:
    document = make_document(
        "Ana Pérez visited the flooded farms.",
        "“The water came in a single night and took everything with it!” Pérez said.",
    )
    [quote] = extract_quotes(document)
    assert quote.speaker == "Ana Pérez"


@pytest.mark.parametrize(
    "sentence",
    [
        "Governor Ana Pérez tweeted on Friday that “the bridge will be rebuilt by spring.”",
        "“The plan is a gift to the largest landowners,” criticized Governor Ana Pérez.",
        "“We will not stop until every farm is dry again,” Governor Ana Pérez concluded.",
    ],
)
def test_verbs_of_saying_beyond_said(sentence: str) -> None:
    [quote] = extract_quotes(make_document(sentence))
    assert quote.speaker == "Ana Pérez"


def test_according_to_a_statement() -> None:
    document = make_document(
        "The harbour will close “until the storm has passed and the docks are safe,” according "
        "to a statement from the port authority."
    )
    [quote] = extract_quotes(document)
    assert quote.speaker == "a statement"


def test_no_quotation_is_given_to_a_place_a_photo_credit_or_a_title_word() -> None:
    document = make_document(
        "Flood waters covered the main square of Port Esmer on Sunday. (AP Photo/Jonas Lind)",
        "Residents of Port Esmer gathered at the Harbour Council.",
        "“Nobody warned us that the river would rise this fast,” she said.",
    )
    [quote] = extract_quotes(document)
    assert quote.speaker == ""
    assert quote.evidence == "none"
    assert quote.confidence == 0.0


def test_every_quotation_says_how_its_speaker_was_found(
    seed_quotes: dict[str, tuple[Document, list[Quote]]],
) -> None:
    kinds = {q.evidence for _, quotes in seed_quotes.values() for q in quotes}
    assert kinds <= {"cue+name", "cue+pronoun", "cue+role", "cue+source", "subject",
                     "continuation", "interview", "none"}
    for _, quotes in seed_quotes.values():
        for quote in quotes:
            assert (quote.evidence == "none") == (quote.speaker == "")
            assert 0.0 <= quote.confidence <= 1.0


@pytest.mark.parametrize(
    "paragraph",
    [
        "“The harbour will stay open all winter,” Ana Pérez said.",
        "Ana Pérez said: “The harbour will stay open all winter.”",
        "LISBON (Reuters) - “The harbour will stay open all winter,” said Ana Pérez.",
    ],
)
def test_a_quotation_standing_alone_is_a_quotation(paragraph: str) -> None:
    [quote] = extract_quotes(make_document(paragraph))
    assert (quote.kind, quote.speaker) == ("quotation", "Ana Pérez")


@pytest.mark.parametrize(
    "paragraph",
    [
        "Ana Pérez said the new bridge was “a gift to the largest landowners” of the valley.",
        "Ana Pérez called the plan “a gift to the largest landowners” on Monday.",
    ],
)
def test_quoted_words_inside_the_writers_sentence_are_a_fragment(paragraph: str) -> None:
    # shown only inside their sentence: the sentence is the writer's, the words are hers
    [quote] = extract_quotes(make_document(paragraph))
    assert (quote.kind, quote.speaker) == ("fragment", "Ana Pérez")


@pytest.mark.parametrize(
    "sentence",
    [
        "“The port will not close,” Tom Reyes, a spokesman for Governor Ana Pérez, said on Monday.",
        "“The port will not close,” Senate Majority Leader Tom Reyes, R-Ky., said on the steps.",
        "“The port will not close,” said Radio Nine co-host Tom Reyes on his morning show.",
        "“The port will not close,” said radio host Tom Reyes on his morning show.",
    ],
)
def test_the_subject_before_an_appositive_or_after_a_role_speaks(sentence: str) -> None:
    # not the person named inside the appositive, nor the outlet named before the role
    [quote] = extract_quotes(make_document(sentence))
    assert (quote.speaker, quote.evidence) == ("Tom Reyes", "cue+name")


def test_a_word_that_only_opens_its_sentence_is_not_a_speaker() -> None:
    document = make_document(
        "Demonstrators said they would march again. The mayor, Ana Pérez, watched from the steps.",
        "“We will keep the square open for everyone,” she said.",
    )
    [quote] = extract_quotes(document)
    assert quote.speaker == "Ana Pérez"


def test_he_after_a_quotation_is_the_person_who_just_spoke_not_the_one_spoken_of() -> None:
    document = make_document(
        "Reyes, for his part, said he hoped that Carlos Ruiz would win the seat.",
        "“The first thing is to stop the vote on the harbour,” he said.",
    )
    [quote] = extract_quotes(document)
    assert quote.speaker == "Reyes"
