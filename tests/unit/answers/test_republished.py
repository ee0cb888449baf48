"""A story republished by another outlet is kept once, and every answer naming its outlet
names the other one too."""

from __future__ import annotations

import asyncio
import dataclasses

import pytest

from bot.answers.answerer import Answerer
from bot.answers.republished import note_republished
from bot.answers.scope import Scope
from bot.answers.types import SearchAnswer, SearchResult
from bot.config import Config
from bot.corpus.articles import ArticleStore
from bot.ingest.ingest import Ingestor
from bot.render import to_text
from bot.retrieval.index import NewsIndex

STORY = [
    "Glassmakers in the valley town of Wexbridge went on strike on Monday over the closure of "
    "the oldest furnace, which has burned without a break since 1923.",
    "\u201cWe will not let the furnace go cold while we still have a say,\u201d said Ilse "
    "Marren, who leads the glassmakers' union, outside the works on Monday.",
    "The owners said the furnace would close in June 2026 and that its glassmakers would be "
    "offered work at the new plant across the river.",
]


@pytest.fixture(scope="module")
def answerer(seed_config: Config, seed_index: NewsIndex, tmp_path_factory: pytest.TempPathFactory
             ) -> Answerer:
    config = dataclasses.replace(seed_config, ingest=dataclasses.replace(
        seed_config.ingest, allow_private_hosts=True))
    store = ArticleStore(tmp_path_factory.mktemp("store") / "a.sqlite3")
    ingestor = Ingestor(store, config, seed_index)
    text = "Glassmakers strike over furnace\n2025-04-07\n\n" + "\n\n".join(STORY)
    copy = ("Valley glassmakers walk out\n2025-04-08\n\n" + "\n\n".join(STORY)
            + "\n\nThe Valley Courier will follow the strike.")
    assert asyncio.run(ingestor.add_file("strike.txt", text.encode(), outlet="Coast Wire")).added
    carried = asyncio.run(ingestor.add_file("copy.txt", copy.encode(), outlet="Valley Courier"))
    assert carried.status == "carried", carried.text()
    return Answerer(ingestor.index, config)


@pytest.mark.parametrize(("message", "said"), [
    ("/search glassmakers furnace strike", "1. Coast Wire, carried by Valley Courier · 7 Apr 2025"),
    ("/timeline glassmakers furnace", "only in Coast Wire, carried by Valley Courier"),
    ("/quote glassmakers furnace", "— Ilse Marren · carried by Coast Wire, Valley Courier · "
                                   "7 Apr 2025"),
    ("/sources glassmakers furnace", "Coast Wire, carried by Valley Courier — 1 article"),
    ("/compare glassmakers furnace", "Coast Wire, carried by Valley Courier · 7 Apr 2025 — "),
])
def test_every_answer_naming_the_outlet_names_who_carried_it(
    answerer: Answerer, message: str, said: str
) -> None:
    shown = to_text(answerer.answer_text(message))
    assert said in shown, shown


def test_in_spanish_and_in_json(answerer: Answerer) -> None:
    answer = answerer.answer("timeline", "glassmakers furnace", Scope(language="es"))
    assert "solo en Coast Wire, reproducido por Valley Courier" in to_text(answer)
    (result,) = [r for r in answerer.answer_text("/search glassmakers").to_json()["results"]
                 if r["outlet"] == "Coast Wire"][:1]
    assert result["republished_by"] == ["Valley Courier"]


def test_an_outlet_is_never_said_to_have_carried_its_own_story() -> None:
    answer = SearchAnswer("search", "x", results=[
        SearchResult(1, 1.0, "Coast Wire", "a", None, "", "a#1", "text")])
    note_republished(answer, {"a": ["Coast Wire", "Bay Daily", "Bay Daily"]})
    assert answer.results[0].republished_by == ["Bay Daily"]
