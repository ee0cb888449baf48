"""Any date an article states, however far back, gives a timeline a user can read.

Real news reaches far into the past ("settled 7,000 years ago", "in the 1500s"), and one such
sentence in a large corpus is enough to break /timeline for every topic it touches. Articles
here are made of a few sentences of our own around a generated date phrase.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from hypothesis import example, given
from hypothesis import strategies as st

from bot.answers.answerer import Answerer
from bot.charts import chart_png, has_chart
from bot.config import Config
from bot.retrieval.index import build_index
from tests.property.test_every_command import PROPERTY, assert_readable_reply

PHRASES = ["{n} years ago", "{n} months ago", "{n} days ago", "in {n}", "in the {n}s",
           "since {n}", "between {n} and {m}", "on 3 May {n}", "in March {n}"]


def write_article(folder: Path, published: str, phrase: str) -> None:
    (folder / "report.txt").write_text(
        f"Villagers first farmed the upper valley {phrase}, the museum's new exhibition says.\n\n"
        "The museum reopened its doors after a long renovation, according to its director, who "
        "said the valley's history had never been told in one place before.\n",
        encoding="utf-8")
    (folder / "sources.yaml").write_text(
        f"documents:\n  report:\n    outlet: Valley Courier\n    date: {published}\n",
        encoding="utf-8")


@PROPERTY
@example(phrase="{n} years ago", n=7000, m=1, published="2010-03-04")  # the known one, first
@given(
    phrase=st.sampled_from(PHRASES),
    n=st.integers(1, 9999), m=st.integers(1, 9999),
    published=st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31)).map(dt.date.isoformat),
)
def test_any_stated_date_gives_a_readable_timeline(
    seed_config: Config, phrase: str, n: int, m: int, published: str,
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        write_article(folder, published, phrase.format(n=n, m=m))
        index = build_index(folder, seed_config.corpus, seed_config.index)
    answerer = Answerer(index, seed_config)
    for message in ("/timeline", "/timeline valley", f"/timeline valley {n}-{m}"):
        answer = answerer.answer_text(message)
        assert_readable_reply(answer, seed_config.answers.items_per_page)
        if has_chart(answer):
            assert chart_png(answer).startswith(b"\x89PNG")
