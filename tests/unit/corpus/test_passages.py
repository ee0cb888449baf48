"""Sentences and passages of text that is not prose: a page saved as one line with no end."""

from __future__ import annotations

from bot.corpus.passages import SENTENCE_MAX_CHARS, split_sentences


def test_a_run_of_text_without_sentence_ends_is_cut_at_spaces() -> None:
    text = "Harbour ferry timetable " * 1000 + "and that is all. A real sentence follows."
    sentences = split_sentences(text, offset=10)
    assert all(len(s.text) <= SENTENCE_MAX_CHARS for s in sentences)
    for sentence in sentences:
        assert text[sentence.start - 10:sentence.end - 10] == sentence.text
        assert sentence.text == sentence.text.strip()
        before, after = sentence.start - 11, sentence.end - 10
        assert before < 0 or text[before] == " "  # cut between words, not in one
        assert after == len(text) or text[after] == " "
    assert sentences[-1].text == "A real sentence follows."
    assert " ".join(s.text for s in sentences) == text


def test_a_word_longer_than_a_sentence_is_cut_through() -> None:
    text = "x" * (SENTENCE_MAX_CHARS * 2 + 5)
    assert [len(s.text) for s in split_sentences(text)] == [SENTENCE_MAX_CHARS] * 2 + [5]


def test_ordinary_sentences_are_left_whole() -> None:
    text = "The port reopened on Monday. “We are relieved,” the mayor said. Ferries ran again."
    assert [s.text for s in split_sentences(text)] == [
        "The port reopened on Monday.", "“We are relieved,” the mayor said.", "Ferries ran again."]
