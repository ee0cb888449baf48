"""Sentences and passages: the units the bot ranks and quotes.

A passage is a paragraph or a few short ones, between the configured minimum and maximum size,
and never cuts a sentence, so every sentence shown comes whole from one passage.
"""

from __future__ import annotations

from collections.abc import Iterator

from sentencex import segment

from bot.models import Document, Passage, Sentence
from bot.text import analyzer


def split_sentences(text: str, offset: int = 0, language: str = "en") -> list[Sentence]:
    """Sentences of a paragraph with their offsets (paragraph start = `offset`), split by the
    rules of its language (abbreviations differ: "Sr.", "Dr.")."""
    sentences: list[Sentence] = []
    cursor = 0
    for piece in segment(analyzer(language), text):
        piece = piece.strip()
        if not piece:
            continue
        start = text.find(piece, cursor)
        if start < 0:  # the segmenter altered the text: fall back to the whole remainder
            piece, start = text[cursor:].strip(), text.find(text[cursor:].strip(), cursor)
        end = start + len(piece)
        for low, high in _pieces(text, start, end):
            sentences.append(Sentence(text[low:high], offset + low, offset + high))
        cursor = end
    return sentences


# Longer than any sentence written to be read (the longest of thousands of news articles have
# about 1,300 characters): a run of text with no sentence end (a list, a table, a page saved as
# one line) is cut at spaces into "sentences" of at most this, so that no work on a sentence
# grows with the length of the whole text.
SENTENCE_MAX_CHARS = 2000


def _pieces(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """(start, end) of text[start:end] cut at spaces into parts of at most SENTENCE_MAX_CHARS."""
    while end - start > SENTENCE_MAX_CHARS:
        cut = text.rfind(" ", start + SENTENCE_MAX_CHARS // 2, start + SENTENCE_MAX_CHARS)
        if cut < 0:  # no space in the second half: cut through the "word"
            cut = start + SENTENCE_MAX_CHARS
        high = cut
        while text[high - 1].isspace():
            high -= 1
        yield start, high
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if start < end:
        yield start, end


def build_passages(
    document: Document, paragraphs: list[tuple[str, bool]], min_chars: int, max_chars: int
) -> None:
    """Group paragraphs into passages of roughly min..max characters, never cutting a sentence."""
    parts: list[str] = []
    passages: list[Passage] = []
    document.passages = passages
    position = 0
    heading = ""
    group: list[tuple[int, str]] = []  # (start offset, paragraph text)

    def emit(chunk: list[tuple[int, str]]) -> None:
        nonlocal heading
        if not chunk:
            return
        start, end = chunk[0][0], chunk[-1][0] + len(chunk[-1][1])
        sentences = [s for off, para in chunk
                     for s in split_sentences(para, off, document.language)]
        passages.append(
            Passage(
                passage_id=f"{document.doc_id}#{len(passages)}",
                doc_id=document.doc_id,
                position=len(passages),
                text="",  # filled in once the document's text is assembled
                start=start,
                end=end,
                sentences=sentences,
                heading=heading,
            )
        )
        heading = ""

    for text, is_heading in paragraphs:
        start = position
        parts.append(text)
        position += len(text) + 2
        if is_heading:
            emit(group)
            group = []
            heading = text
            continue
        if len(text) > max_chars:
            emit(group)
            group = []
            for chunk in _sentence_chunks(text, start, max_chars, document.language):
                emit([chunk])
            continue
        if group and sum(len(t) for _, t in group) + len(text) > max_chars:
            emit(group)
            group = []
        group.append((start, text))
        if sum(len(t) for _, t in group) >= min_chars:
            emit(group)
            group = []
    emit(group)
    document.text = "\n\n".join(parts)
    for passage in passages:
        passage.text = document.text[passage.start:passage.end]


def _sentence_chunks(
    text: str, offset: int, max_chars: int, language: str = "en"
) -> Iterator[tuple[int, str]]:
    """Consecutive runs of whole sentences of at most max_chars (a longer sentence stands alone)."""
    sentences = split_sentences(text, offset, language)
    run: list[Sentence] = []
    for sentence in sentences:
        if run and sentence.end - run[0].start > max_chars:
            yield run[0].start, text[run[0].start - offset:run[-1].end - offset]
            run = []
        run.append(sentence)
    if run:
        yield run[0].start, text[run[0].start - offset:run[-1].end - offset]
