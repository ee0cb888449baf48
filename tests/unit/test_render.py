"""Rendering: Telegram HTML that Telegram accepts, plain text for the console, same content."""

from __future__ import annotations

import html
import re

import pytest

from bot.answers.answerer import Answerer
from bot.answers.types import CorpusOutlet, HelpAnswer, QuoteAnswer, QuoteItem, SearchAnswer
from bot.render import TELEGRAM_LIMIT, layout, to_html_pages, to_text

MESSAGES = ["/search blockade", "/timeline", "/quote", "/sources", "/sources blockade", "/help",
            "/search", "/search zzzyzx"]


def _visible(page: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", page))


@pytest.mark.parametrize("message", MESSAGES)
def test_pages_fit_telegram_and_use_only_its_tags(answerer: Answerer, message: str) -> None:
    for page in to_html_pages(answerer.answer_text(message), items_per_page=5):
        assert 0 < len(page) <= TELEGRAM_LIMIT
        assert set(re.findall(r"</?([a-z]+)", page)) <= {"b", "i", "code", "a"}


@pytest.mark.parametrize("message", MESSAGES)
def test_console_text_has_the_same_words_without_markup(answerer: Answerer, message: str) -> None:
    answer = answerer.answer_text(message)
    text = to_text(answer)
    assert "<b>" not in text and "&amp;" not in text
    for page in to_html_pages(answer, items_per_page=1000):
        for line in _visible(page).splitlines():
            if line.startswith("Page ") or "link" in line:
                continue
            assert line in text


def test_user_text_is_escaped(answerer: Answerer) -> None:
    answer = answerer.answer_text("/search <b>blockade</b> & <script>")
    pages = to_html_pages(answer, items_per_page=5)
    assert "<script>" not in pages[0]
    assert "&lt;b&gt;blockade&lt;/b&gt; &amp; &lt;script&gt;" in pages[0]


def test_every_item_block_names_its_outlet(answerer: Answerer) -> None:
    for message in ("/search blockade", "/timeline", "/quote", "/sources blockade"):
        answer = answerer.answer_text(message)
        data = answer.to_json()
        items = (data.get("results") or data.get("events") or data.get("quotes")
                 or data.get("outlets"))
        shape = layout(answer)
        assert len(shape.blocks) == len(items)
        for block, item in zip(shape.blocks, items, strict=True):
            block_text = "".join(s.text for line in block.lines for s in line)
            sources = item.get("sources") or [item]
            outlets = [s["outlet"] for s in sources]
            for outlet in outlets:
                assert outlet in block_text, (message, block_text)


def test_long_answers_are_paged_between_items(answerer: Answerer) -> None:
    answer = answerer.answer_text("/timeline")
    pages = to_html_pages(answer, items_per_page=3)
    assert len(pages) > 1
    assert all(f"of {len(pages)}" in page for page in pages)
    answer_items = len(layout(answer).blocks)
    assert sum(page.count("\n\n") for page in pages) >= answer_items


def test_search_highlights_the_query_words(answerer: Answerer) -> None:
    answer = answerer.answer_text("/search blockade")
    assert isinstance(answer, SearchAnswer)
    page = to_html_pages(answer, items_per_page=5)[0]
    assert "<b>blockade</b>" in page


def test_a_huge_block_is_split_across_pages_within_the_limit() -> None:
    outlets = [CorpusOutlet(f"Outlet number {n} with a long name", 1, ["2024-01-02"], "slant")
               for n in range(400)]
    answer = HelpAnswer("help", "", corpus=outlets, documents=400, passages=400)
    pages = to_html_pages(answer, items_per_page=5)
    assert len(pages) > 2
    assert all(len(page) <= TELEGRAM_LIMIT for page in pages)
    shown = "".join(pages)
    assert all(f"Outlet number {n} with" in shown for n in range(400))


def test_a_quotation_without_a_stated_speaker_shows_its_sentence_not_a_guess() -> None:
    sentence = "The plan, the memo said, would “cut the queue at the harbour by half” next year."
    item = QuoteItem(text="cut the queue at the harbour by half", speaker="", role="",
                     outlet="The Coast Weekly", doc_id="d1", date="2024-05-02", passage_id="d1#0",
                     sentence=sentence)
    text = to_text(QuoteAnswer("quote", "harbour", quotes=[item]))
    assert "speaker not stated in the article" in text
    assert sentence in text and "The Coast Weekly" in text
    page = to_html_pages(QuoteAnswer("quote", "harbour", quotes=[item]), items_per_page=5)[0]
    assert "<b>cut the queue at the harbour by half</b>" in page
