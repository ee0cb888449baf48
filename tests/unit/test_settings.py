"""Per-chat settings as data: stored and loaded back, toggled, their scope, and in words.

How a scope shapes each command's answer is tested with the command (tests/unit/answers/);
the /settings buttons end to end in tests/e2e/test_settings.py.
"""

from __future__ import annotations

from bot.answers.scope import Scope
from bot.settings import ChatSettings, describe

SLANTS = {"a": "left", "b": "right", "c": ""}


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


def test_settings_become_the_scope_every_command_takes() -> None:
    assert ChatSettings().scope() == Scope()
    scope = ChatSettings(excluded=["b"], results=3, balance=True).scope()
    assert scope == Scope(frozenset({"b"}), 3, True)


def test_the_settings_in_words() -> None:
    lines = describe(ChatSettings(), ["a", "b", "c"], SLANTS, 5)
    assert lines == ["Outlets: all — a, b, c", "Results per /search and /quote: 5 (the default)",
                     "Balance: off", "Language: the one your Telegram uses"]
    lines = describe(ChatSettings(excluded=["b"], results=3, balance=True), ["a", "b", "c"],
                     SLANTS, 5)
    assert lines == ["Outlets: 2 of 3 — a, c", "Results per /search and /quote: 3",
                     "Balance: on — every answer shows each slant it can: left; "
                     "no slant recorded", "Language: the one your Telegram uses"]


def test_a_chat_language_wins_over_the_readers() -> None:
    assert ChatSettings().scope("es-419").language == "es"
    assert ChatSettings(language="en").scope("es").language == "en"
    assert ChatSettings.from_dict({"language": "es"}).language == "es"
    assert ChatSettings.from_dict({"language": "klingon"}).language is None
