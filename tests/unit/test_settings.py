"""Per-chat settings: as data, applied to answers, and end to end through /settings buttons.

The end-to-end tests run the real Application against the fake Bot API, each with its own
persistence file, and restart the application on the same file to check what a group chose is
still there.
"""

from __future__ import annotations

import pytest

from bot.answers.answerer import Answerer
from bot.answers.types import QuoteAnswer, SearchAnswer, SourcesAnswer
from bot.settings import ChatSettings

pytestmark = pytest.mark.timeout(60)

GROUP = -100700
EXILE = "Notes from the Cuban Exile Quarter"


@pytest.fixture(autouse=True)
def _no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy"):
        monkeypatch.delenv(name, raising=False)


def test_stored_settings_load_back_and_junk_falls_back_to_defaults() -> None:
    chosen = ChatSettings(excluded=["CiberCuba"], results=3, balance=True)
    assert ChatSettings.from_dict(chosen.to_dict()) == chosen
    assert ChatSettings.from_dict(None) == ChatSettings()
    assert ChatSettings.from_dict({"excluded": "x", "results": 7}) == ChatSettings()


def test_the_last_outlet_cannot_be_excluded() -> None:
    settings = ChatSettings()
    settings.toggle_outlet("a", ["a", "b"])
    settings.toggle_outlet("b", ["a", "b"])
    assert settings.excluded == ["a"]
    settings.toggle_outlet("a", ["a", "b"])
    assert settings.excluded == []


def test_excluded_outlets_and_result_count_shape_the_answers(answerer: Answerer) -> None:
    settings = ChatSettings(excluded=["CiberCuba", EXILE], results=3)
    search = answerer.answer_text("/search Xi Jinping", settings.scope())
    assert isinstance(search, SearchAnswer)
    assert len(search.results) == 3 and [r.rank for r in search.results] == [1, 2, 3]
    assert not {r.outlet for r in search.results} & {"CiberCuba", EXILE}
    quotes = answerer.answer_text("/quote", settings.scope())
    assert isinstance(quotes, QuoteAnswer) and len(quotes.quotes) <= 3
    sources = answerer.answer_text("/sources regime", settings.scope())
    # Only the two excluded outlets speak of the regime: nothing is left to summarize.
    assert not isinstance(sources, SourcesAnswer)
    sources = answerer.answer_text("/sources blockade", settings.scope())
    assert isinstance(sources, SourcesAnswer)
    assert "CiberCuba" not in {o.outlet for o in sources.outlets} | set(sources.not_covered_by)


def test_balance_mode_shows_every_slant(answerer: Answerer) -> None:
    plain = answerer.answer_text("/search Xi Jinping regime", ChatSettings(results=3).scope())
    balanced = answerer.answer_text("/search Xi Jinping regime",
                                    ChatSettings(results=3, balance=True).scope())
    assert isinstance(plain, SearchAnswer) and isinstance(balanced, SearchAnswer)
    slant = answerer.slants
    assert len({slant[r.outlet] for r in plain.results}) < 3  # one side fills the answer ...
    assert {slant[r.outlet] for r in balanced.results} == {  # ... unless balance is on
        "wire story", "socialist solidarity", "critical of the Cuban government"}
    sources = answerer.answer_text("/sources regime", ChatSettings(balance=True).scope())
    assert any("Balance: nothing on this" in note and "socialist solidarity" in note
               for note in sources.notes)



def test_the_console_says_settings_belong_to_a_telegram_chat(answerer: Answerer) -> None:
    answer = answerer.answer_text("/settings")
    assert "Telegram" in answer.to_json()["message"]
