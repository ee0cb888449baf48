"""Every command, any message, on real-sized corpora: a reply a user can read, never a crash.

Generated messages (the corpus's own words and names, any unicode, emoji, HTML-like text, very
long text, nothing at all; timeline periods; `/cmd@bot`; unknown commands) go through the real
`Answerer.answer_text`, and what a user would get is checked: no exception, a reply that is not
empty on Telegram or in the console, HTML that Telegram's parser accepts on every page, each page
within Telegram's 4,096 UTF-16 units of visible text, and JSON for `newsbot ask --json`.
"""

from __future__ import annotations

import json
import os

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from bot.answers.answerer import Answerer
from bot.answers.scope import EVERYTHING, Scope
from bot.answers.types import Answer
from bot.charts import chart_png, has_chart
from bot.commands import COMMANDS, parse_message
from bot.render import to_html_pages, to_text
from tests.property.conftest import Corpus, Vocabulary
from tests.support.fake_bot_api import MAX_MESSAGE_LENGTH, parse_html, utf16_len

# Derandomized and without an example database: CI runs the same examples on every machine.
# A thorough local run: NEWSBOT_PROPERTY_EXAMPLES=200 NEWSBOT_T17_TOPICS=all pytest tests/property
EXAMPLES = int(os.environ.get("NEWSBOT_PROPERTY_EXAMPLES", "25"))
PROPERTY = settings(
    max_examples=EXAMPLES, deadline=None, derandomize=True, database=None, print_blob=False,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

T17_EXAMPLES = max(1, EXAMPLES // 5)
NAMES = [spec.name for spec in COMMANDS]
EMOJI = ["😀", "🇺🇳", "👍🏽", "🧑‍🤝‍🧑", "🗓", "⚖️", "📈", "\u200d", "\ufe0f", "𝔘𝔫𝔦"]
HTML_BITS = ["<b>", "</b>", "<i>x</i>", '<a href="javascript:x">', "&amp;", "&", "&lt;", "<",
             ">", "&#0;", "&#x1F600;", "<script>alert(1)</script>", "</code>", '"', "'", "&nbsp;"]


def own_words(vocabulary: Vocabulary) -> st.SearchStrategy[str]:
    """One to four of the corpus's words and names: queries that find something."""
    pool = st.sampled_from(vocabulary.words) | st.sampled_from(vocabulary.names)
    return st.lists(pool, min_size=1, max_size=4).map(" ".join)


def odd_text() -> st.SearchStrategy[str]:
    """What else arrives in a chat: any unicode, emoji, HTML-like text, or nothing at all."""
    words = st.sampled_from(["news", "the", "said", "2009", "oil", "flu"])
    return st.one_of(
        st.text(max_size=60),
        st.lists(st.sampled_from(EMOJI) | words, min_size=1, max_size=6).map(" ".join),
        st.lists(st.sampled_from(HTML_BITS) | words, min_size=1, max_size=6).map("".join),
        st.sampled_from(["", " ", "\n\t "]),
    )


def periods() -> st.SearchStrategy[str]:
    """How people bound a timeline, with years a parser reads and some it must not."""
    years = st.integers(1500, 2099) | st.integers(0, 99999)
    return st.one_of(
        st.builds("{}-{}".format, years, years),
        st.builds("{}–{}".format, years, years),
        st.builds("between {} and {}".format, years, years),
        st.builds("from {} to {}".format, years, years),
        st.builds("{} {}".format, st.sampled_from(["since", "after", "before", "until", "in"]),
                  years),
        st.builds("the {}0s".format, st.integers(150, 209)),
        st.builds("{}0's".format, st.integers(0, 999)),
        st.builds(str, years),
    )


def arguments(vocabulary: Vocabulary) -> st.SearchStrategy[str]:
    """What follows a command: the corpus's words, a timeline's topic, period and "chart", odd
    text, or a message far over the length the bot reads."""
    words = own_words(vocabulary)
    optional = st.just("")
    timeline = st.builds(
        lambda *parts: " ".join(p for p in parts if p),
        optional | words, optional | periods(), st.sampled_from(["", "chart", "Chart"]),
    )
    long = st.one_of(  # repeated (words the corpus has), or numbered (words no article has)
        st.builds(lambda text, size: ((text + " ") * size)[:size], words | odd_text(),
                  st.integers(900, 5000)),
        st.builds(lambda text, count: " ".join(f"{text}{i}" for i in range(count)), words,
                  st.integers(100, 600)),
    )
    return st.one_of(words, timeline, odd_text(), long)


def messages(kind: str, vocabulary: Vocabulary) -> st.SearchStrategy[str]:
    """A message for one command as users type it ("/Quote@newsbot ..."), plain text, or an
    unknown command."""
    args = arguments(vocabulary)
    if kind == "plain":
        return args
    if kind == "unknown":
        name = st.from_regex(r"[A-Za-z0-9_]{1,32}", fullmatch=True).filter(
            lambda n: n.lower() not in NAMES)
    else:
        name = st.sampled_from([kind, kind.upper(), kind.capitalize()])
    addressed = st.sampled_from(["", "@newsbot", "@x"]) | st.from_regex(
        r"@[A-Za-z0-9_]{3,20}", fullmatch=True)
    return st.builds(lambda n, bot, text: f"/{n}{bot} {text}", name, addressed, args)


def chat_scope(answerer: Answerer) -> Scope:
    """A chat that left out its corpus's first outlet, wants 3 results and balance."""
    return Scope(excluded=frozenset(answerer.outlets()[:1]), results=3, balance=True)


def assert_readable_reply(answer: Answer, items_per_page: int) -> None:
    """What a user sees: Telegram pages it accepts, console text, JSON; none of them empty."""
    pages = to_html_pages(answer, items_per_page)
    assert pages, "no Telegram message at all"
    for number, page in enumerate(pages, start=1):
        visible, _ = parse_html(page)  # raises as Telegram refuses: "Can't parse entities"
        assert visible.strip(), f"page {number} of {len(pages)} is empty"
        assert utf16_len(visible) <= MAX_MESSAGE_LENGTH, (
            f"page {number} has {utf16_len(visible)} UTF-16 units, over Telegram's limit")
    assert to_text(answer).strip(), "empty console reply"
    json.dumps(answer.to_json(), ensure_ascii=False)


def answer_a_generated_message(corpus: Corpus, kind: str, chat: bool, data: st.DataObject,
                               whole_corpus: bool = True) -> None:
    generated = messages(kind, corpus.vocabulary)
    if not whole_corpus:
        generated = generated.filter(lambda m: not reads_the_whole_corpus(m))
    message = data.draw(generated, label="message")
    answerer = corpus.answerer
    answer = answerer.answer_text(message, chat_scope(answerer) if chat else EVERYTHING)
    event(f"{answer.command}: {type(answer).__name__} {getattr(answer, 'kind', '')}")
    assert_readable_reply(answer, answerer.config.answers.items_per_page)


WHOLE_CORPUS = ("/quote", "/timeline")  # every quotation, every dated sentence


def reads_the_whole_corpus(message: str) -> bool:
    parsed = parse_message(message)
    return f"/{parsed.command}" in WHOLE_CORPUS and not parsed.args


KINDS = pytest.mark.parametrize("kind", [*NAMES, "plain", "unknown"])
CHATS = pytest.mark.parametrize("chat", [False, True], ids=["every-outlet", "chat-scope"])
# The first test on Timeline17 builds its index: about 20 s alone on 2 cores, more if shared.
BUILDS_T17 = pytest.mark.timeout(600)


@CHATS
@KINDS
@PROPERTY
@given(data=st.data())
def test_every_message_gets_a_readable_reply_on_the_seeds(
    seeds_corpus: Corpus, kind: str, chat: bool, data: st.DataObject,
) -> None:
    answer_a_generated_message(seeds_corpus, kind, chat, data)


@BUILDS_T17
@CHATS
@pytest.mark.parametrize("message", WHOLE_CORPUS)
def test_whole_corpus_answers_on_timeline17(t17_corpus: Corpus, message: str,
                                            chat: bool) -> None:
    """Each once: "/quote" or "/timeline" alone takes seconds at this size, too long to repeat
    among the generated messages below."""
    answerer = t17_corpus.answerer
    answer = answerer.answer_text(message, chat_scope(answerer) if chat else EVERYTHING)
    assert_readable_reply(answer, answerer.config.answers.items_per_page)


@BUILDS_T17
@CHATS
@KINDS
@settings(PROPERTY, max_examples=T17_EXAMPLES)
@given(data=st.data())
def test_every_message_gets_a_readable_reply_on_timeline17(
    t17_corpus: Corpus, kind: str, chat: bool, data: st.DataObject,
) -> None:
    """Fewer examples than on the seeds: some answers take seconds at this size."""
    answer_a_generated_message(t17_corpus, kind, chat, data, whole_corpus=False)


@BUILDS_T17
@settings(PROPERTY, max_examples=6)
@given(data=st.data())
def test_charts_draw_every_answer_that_offers_one(corpus: Corpus, data: st.DataObject) -> None:
    """The 📈 Chart button, or "... chart": a picture whenever the answer has one."""
    pytest.importorskip("matplotlib")
    name = data.draw(st.sampled_from(["timeline", "sources"]), label="command")
    text = data.draw(st.just("") | own_words(corpus.vocabulary) | periods(), label="args")
    answer = corpus.answerer.answer_text(f"/{name} {text} chart")
    if has_chart(answer):
        assert chart_png(answer).startswith(b"\x89PNG\r\n\x1a\n")
