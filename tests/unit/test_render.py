"""Rendering: Telegram HTML that Telegram accepts, plain text for the console, same content."""

from __future__ import annotations

import html
import re
import unicodedata

import pytest

from bot.answers.answerer import Answerer
from bot.answers.types import (
    CorpusOutlet,
    Event,
    EventSource,
    HelpAnswer,
    QuoteAnswer,
    QuoteItem,
    SearchAnswer,
    SearchResult,
    TimelineAnswer,
)
from bot.render import (
    TELEGRAM_LIMIT,
    item_html,
    items,
    layout,
    to_html_pages,
    to_text,
    visible_units,
)
from tests.support.fake_bot_api import parse_html, utf16_len

MESSAGES = ["/search blockade", "/timeline", "/quote", "/sources", "/sources blockade", "/help",
            "/search", "/search zzzyzx"]


def _visible(page: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", page))


def _telegram_length(page: str) -> int:
    """The page's length as Telegram counts it: UTF-16 units of the text its HTML shows."""
    return utf16_len(parse_html(page)[0])


@pytest.mark.parametrize("message", MESSAGES)
def test_pages_fit_telegram_and_use_only_its_tags(answerer: Answerer, message: str) -> None:
    for page in to_html_pages(answerer.answer_text(message), items_per_page=5):
        assert 0 < _telegram_length(page) <= TELEGRAM_LIMIT
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
    assert all(_telegram_length(page) <= TELEGRAM_LIMIT for page in pages)
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


def _fragment(sentence: str, words: str, offset: int = -1) -> QuoteAnswer:
    item = QuoteItem(text=words, speaker="Ines Okafor", role="harbour master",
                     outlet="The Coast Weekly", doc_id="d1", date="2024-05-02",
                     passage_id="d1#0", sentence=sentence, kind="fragment",
                     text_offset=sentence.find(words) if offset < 0 else offset)
    return QuoteAnswer("quote", "harbour", quotes=[item])


def test_a_fragment_marks_the_speakers_words_in_the_outlets_sentence() -> None:
    sentence = "The new pier, Okafor said, will “halve the wait for ferries” by June."
    answer = _fragment(sentence, "halve the wait for ferries")
    text = to_text(answer)
    assert sentence in text  # the sentence as the outlet wrote it, its own marks showing
    assert "— Ines Okafor, harbour master (the quoted words only) · carried by" in text
    page = to_html_pages(answer, items_per_page=5)[0]
    assert "will “<b>halve the wait for ferries</b>” by June." in page


def test_a_fragments_words_are_marked_where_the_sentence_has_no_marks_around_them() -> None:
    # a quotation run on from another paragraph, or a dialogue dash: no marks in the sentence
    sentence = "Okafor told the council that ferries will run every hour from June."
    text = to_text(_fragment(sentence, "ferries will run every hour"))
    assert "told the council that “ferries will run every hour” from June." in text


def test_a_fragment_marks_the_occurrence_it_is_and_keeps_only_nearby_context() -> None:
    sentence = ("Critics call it a “new port”, but " + "the ferry company, " * 40
                + "Okafor said, it is “new port” only in name.")
    answer = _fragment(sentence, "new port", offset=sentence.rindex("new port"))
    page = to_html_pages(answer, items_per_page=5)[0]
    assert "it is “<b>new port</b>” only in name." in page
    assert "“<b>new port</b>”, but" not in page
    text = to_text(answer)
    shown = text.splitlines()[2]
    assert shown.startswith("… ") and "Critics call it" not in text  # cut far off
    assert len(shown) < 300 + 40


def test_a_page_is_measured_by_what_telegram_shows_not_by_its_html() -> None:
    """Markup does not count, flags count four units and CJK one: a page of them is filled
    close to Telegram's limit, not cut at a length the HTML happens to reach."""
    results = [SearchResult(rank, 1.0, "Outlet", "doc", None, "https://example.org/a", "doc:1",
                            "🇺🇳中 & <b> " * 100, highlights=[(0, 2)]) for rank in range(1, 4)]
    pages = to_html_pages(SearchAnswer("search", "中", results=results), items_per_page=10)
    assert len(pages) == 1
    page = pages[0]
    assert visible_units(page) == _telegram_length(page)
    assert 3500 < _telegram_length(page) <= TELEGRAM_LIMIT < utf16_len(page)


def test_a_long_query_is_shown_back_once_and_shortened() -> None:
    query = "🇺🇳中 " * 400
    answer = SearchAnswer("search", query, results=[
        SearchResult(1, 1.0, "Outlet", "doc", None, "", "doc:1", "a passage about 中")])
    visible = parse_html(to_html_pages(answer, items_per_page=5)[0])[0]
    heading = visible.splitlines()[0]
    assert heading.startswith("🔎 1 passage for “🇺🇳中 🇺🇳中") and heading.endswith(" …”")
    assert utf16_len(heading) < 250
    assert [line for line in visible.splitlines() if "🇺🇳中 🇺🇳中" in line] == [heading]


# -- items: each item of an answer on its own, as inline mode sends it ----------------------------


@pytest.mark.parametrize("message", ["/search blockade", "/timeline", "/quote", "/quote Xi",
                                     "/sources blockade", "/sources"])
def test_each_item_stands_alone_with_its_outlets_date_and_link(answerer: Answerer,
                                                              message: str) -> None:
    answer = answerer.answer_text(message)
    data = answer.to_json()
    listed = data.get("results") or data.get("events") or data.get("quotes") or data["outlets"]
    shown = items(answer)
    assert len(shown) == len(listed)
    for item, record in zip(shown, listed, strict=True):
        message_html = item_html(item)
        text = _visible(message_html)
        assert set(re.findall(r"</?([a-z]+)", message_html)) <= {"b", "i", "a"}
        for source in record.get("sources") or record.get("carried_by") or [record]:
            assert source["outlet"] in text
        lead = (record.get("sources") or [record])[0]  # whose words the item shows
        assert lead["outlet"] in item.title
        if lead.get("url"):
            assert f'href="{html.escape(lead["url"])}"' in message_html
        assert item.description and len(item.title) <= 100 and len(item.description) <= 120


def test_items_are_only_of_answers_that_list_them(answerer: Answerer) -> None:
    for message in ("/help", "/search", "/search zzzyzx", "/compare Xi Jinping"):
        assert items(answerer.answer_text(message)) == []


def test_an_item_too_long_for_a_message_is_shortened_keeping_its_attribution() -> None:
    text = ("🇨🇺 Havana’s harbour 港口 reopened & the queue shrank. " * 400).strip()
    result = SearchResult(rank=1, score=1.0, outlet="The Coast Weekly", doc_id="d1",
                          date="2024-05-02", url="https://example.org/a?b=1&c=2",
                          passage_id="d1#0", text=text)
    (item,) = items(SearchAnswer("search", "harbour", results=[result]))
    plain, _ = parse_html(item_html(item))
    assert utf16_len(plain) <= TELEGRAM_LIMIT
    assert plain.startswith("The Coast Weekly · 2 May 2024 · link\n🇨🇺 Havana’s harbour")
    assert plain.endswith(" …")
    assert item.title == "The Coast Weekly · 2 May 2024"
    assert item.description.startswith("🇨🇺 Havana’s harbour 港口") and utf16_len(
        item.description) <= 120


@pytest.mark.parametrize(("message", "header"), [
    ("/timeline Tiananmen 1989", "Timeline: 1989, on “Tiananmen”"),
    ("/timeline in 1989", "Timeline: 1989 —"),
    ("/timeline Tiananmen", "Timeline: on “Tiananmen”"),
])
def test_the_timeline_header_says_the_period_and_topic_understood(
    answerer: Answerer, message: str, header: str
) -> None:
    assert header in to_text(answerer.answer_text(message))


@pytest.mark.parametrize("text", ["🇨🇺" * 300, "中🇨🇺" * 300, "👍🏽" * 300,
                                  "🧑\u200d🤝\u200d🧑" * 300, "e\u0301" * 900, "⚖️" * 900])
def test_a_shortened_text_never_cuts_a_character_in_half(text: str) -> None:
    """A heading shortened inside a run of flags shows whole flags (not a lone letter box), and
    an emoji keeps its skin tone and joiners, a letter its accent."""
    answer = SearchAnswer("search", text, results=[
        SearchResult(1, 1.0, "Outlet", "doc", None, "", "doc:1", "a passage")])
    heading = parse_html(to_html_pages(answer, items_per_page=5)[0])[0].splitlines()[0]
    shown = heading.split("“", 1)[1].removesuffix(" …”")
    assert text.startswith(shown) and 0 < len(shown) < len(text)
    after = text[len(shown)]
    assert sum(0x1F1E6 <= ord(c) <= 0x1F1FF for c in shown) % 2 == 0
    assert not shown.endswith("\u200d") and after not in "\u200d\ufe0f"
    assert not 0x1F3FB <= ord(after) <= 0x1F3FF and not unicodedata.combining(after)


@pytest.mark.parametrize(("date", "end", "precision", "english", "spanish"), [
    ("1960-09-28", None, "day", "28 Sep 1960", "28 sept 1960"),
    ("1960-09", None, "month", "September 1960", "septiembre de 1960"),
    ("1987", "1989", "decade", "late 1980s", "finales de los años 1980"),
    ("1980", "1989", "decade", "1980s", "años 1980"),
    ("2009-07", None, "quarter", "Q3 2009", "tercer trimestre de 2009"),
    ("1998-06", None, "season", "summer 1998", "verano de 1998"),
    ("2015-03-09", None, "week", "week of 9 Mar 2015", "semana del 9 mar 2015"),
    ("2009-10-31", None, "weekend", "weekend of 31 Oct 2009", "fin de semana del 31 oct 2009"),
    ("1960", "1964", "range", "1960–1964", "1960–1964"),
])
def test_a_spanish_reader_reads_every_kind_of_date_in_spanish(
        date: str, end: str | None, precision: str, english: str, spanish: str) -> None:
    """The event's date and, for an outlet that dates it less precisely, "(as …)" beside it."""
    sources = [EventSource("Diario del Caribe", "a", "a#0", "2025-09-28", sentence="Uno."),
               EventSource("Bay Daily", "b", "b#0", "2025-09-28", sentence="Two.",
                           date_given=english)]
    event = Event(date, "11 Nov 2011", precision, "Uno.", sources, end)
    shown = to_text(TimelineAnswer("timeline", "", events=[event], language="es"))
    assert f"Bay Daily (como {spanish})" in shown
    alone = Event(date, english, precision, "Uno.", sources[:1], end)
    shown = to_text(TimelineAnswer("timeline", "", events=[alone], language="es"))
    assert f"\n{spanish} — Uno." in shown
    english_reader = to_text(TimelineAnswer("timeline", "", events=[alone]))
    assert f"\n{english} — Uno." in english_reader
