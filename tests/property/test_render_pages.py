"""Any answer, whatever its text, is written as Telegram pages Telegram accepts and shows whole.

Telegram counts a message's length in UTF-16 units after parsing its HTML: an emoji or a
letter outside the Basic Multilingual Plane counts twice. The answers here are built directly,
with generated passages, names and queries, so lengths and characters no corpus happens to
hold are tried too.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from bot.answers.types import (
    Event,
    EventSource,
    Notice,
    QuoteAnswer,
    QuoteItem,
    SearchAnswer,
    SearchResult,
    TimelineAnswer,
)
from bot.render import to_html_pages
from tests.property.test_every_command import PROPERTY, assert_readable_reply

# Letters, emoji and flags (two astral code points each), markup characters, some spaces.
CHARACTERS = st.sampled_from(["a", "é", "ж", "中", "😀", "🇺🇳", "𝔘", "<", "&", ">", '"', " ",
                              " ", " ", "\n"])


def texts(max_size: int) -> st.SearchStrategy[str]:
    return st.lists(CHARACTERS, min_size=1, max_size=max_size).map("".join)


def search_answers() -> st.SearchStrategy[SearchAnswer]:
    result = st.builds(
        lambda rank, text, outlet: SearchResult(rank, 1.0, outlet, "doc", "2010-05-04",
                                                "https://example.org/a", "doc:1", text),
        st.integers(1, 99), texts(1200), texts(60),
    )
    return st.builds(lambda query, results: SearchAnswer("search", query, results=results),
                     texts(1000), st.lists(result, max_size=8))


def timeline_answers() -> st.SearchStrategy[TimelineAnswer]:
    source = st.builds(lambda outlet, sentence: EventSource(outlet, "doc", "doc:1", "2010",
                                                            sentence=sentence),
                       texts(60), texts(400))
    event = st.builds(lambda text, sources: Event("2010-05-04", "4 May 2010", "day", text,
                                                  sources),
                      texts(1000), st.lists(source, min_size=1, max_size=12))
    return st.builds(lambda topic, events: TimelineAnswer("timeline", topic, events=events,
                                                          topic=topic),
                     texts(1000), st.lists(event, min_size=1, max_size=8))


def quote_answers() -> st.SearchStrategy[QuoteAnswer]:
    quote = st.builds(lambda text, speaker: QuoteItem(text, speaker, "", "Outlet", "doc",
                                                      "2010", "doc:1", text),
                      texts(1500), texts(80))
    return st.builds(lambda query, quotes: QuoteAnswer("quote", query, quotes=quotes),
                     texts(1000), st.lists(quote, max_size=8))


def notices() -> st.SearchStrategy[Notice]:
    return st.builds(lambda query, message, tries: Notice("search", query, kind="not_found",
                                                         message=message, suggestions=tries),
                     texts(1000), texts(1500), st.lists(texts(200), max_size=3))


@PROPERTY
@given(answer=search_answers() | timeline_answers() | quote_answers() | notices(),
       items_per_page=st.integers(1, 20))
def test_any_answer_fits_telegram_pages(answer: SearchAnswer, items_per_page: int) -> None:
    assert_readable_reply(answer, items_per_page)


def test_a_page_of_emoji_counts_them_twice() -> None:
    """A query of 1,000 emoji repeated in the header, and long passages: still one message each."""
    results = [SearchResult(rank, 1.0, "Outlet", "doc", None, "", "doc:1", "word " * 110)
               for rank in range(1, 6)]
    answer = SearchAnswer("search", "😀" * 1000, results=results)
    assert_readable_reply(answer, items_per_page=5)
    for page in to_html_pages(answer, items_per_page=5):
        assert page.startswith("<b>🔎 5 passages for “" + "😀" * 90)  # shortened, not gone


def test_a_passage_of_emoji_is_shortened_to_fit() -> None:
    """One span of 3,000 emoji is 6,000 UTF-16 units: shortened, not sent whole."""
    result = SearchResult(1, 1.0, "Outlet", "doc", None, "", "doc:1", "😀 " * 3000)
    assert_readable_reply(SearchAnswer("search", "smile", results=[result]), items_per_page=5)


def test_a_line_longer_than_a_page_is_shortened_to_fit() -> None:
    """A few quoted words shown inside a very long sentence: one line of three long spans."""
    sentence = "before " * 600 + "the words" + " after" * 600
    quote = QuoteItem("the words", "Someone", "", "Outlet", "doc", None, "doc:1", sentence,
                      kind="fragment")
    assert_readable_reply(QuoteAnswer("quote", "words", quotes=[quote]), items_per_page=5)


def test_a_long_query_leaves_room_for_the_items() -> None:
    """A 1,000-character query in the heading and again in a note: the heading is shortened,
    and each passage stays on the page of its attribution."""
    query = " ".join(f"w{i}" for i in range(225))  # 1,000 characters
    note = "No article mentions " + ", ".join(f"“{w}”" for w in query.split())
    results = [SearchResult(rank, 1.0, "Outlet", "doc", None, "", f"doc:{rank}",
                            f"Passage {rank} begins here. " + "text " * 190)
               for rank in range(1, 6)]
    answer = SearchAnswer("search", query, notes=[note], results=results)
    assert_readable_reply(answer, items_per_page=5)
    pages = to_html_pages(answer, items_per_page=5)
    for rank in range(1, 6):
        assert any(f"{rank}. <b>Outlet</b>" in page and f"Passage {rank} begins" in page
                   for page in pages)
