"""A document made from paragraphs of test text, laid out as the corpus loader lays them out."""

from __future__ import annotations

from bot.corpus.passages import split_sentences
from bot.models import Document, Passage


def make_document(*paragraphs: str) -> Document:
    """A document with one passage per paragraph, as the corpus loader lays them out."""
    passages, offset = [], 0
    for position, paragraph in enumerate(paragraphs):
        passages.append(
            Passage(
                f"t#{position}", "t", position, paragraph, offset, offset + len(paragraph),
                split_sentences(paragraph, offset),
            )
        )
        offset += len(paragraph) + 2
    return Document("t", "t.txt", "Test", "\n\n".join(paragraphs), passages=passages)
