"""A chat's scope, applied by every command: an outlet it leaves out appears nowhere."""

from __future__ import annotations

from typing import Any

import pytest

from bot.answers.answerer import Answerer
from bot.answers.scope import Scope
from bot.answers.types import Notice
from bot.render import to_text
from tests.conftest import SEED_OUTLETS

# Every command, with topics that every outlet, some outlets or one outlet covers.
MESSAGES = [
    "/search blockade", "/search Xi Jinping", "/search Tiananmen", "Díaz-Canel visit to Beijing",
    "/timeline", "/timeline diplomatic relations", "/timeline Tiananmen", "/quote", "/quote Xi",
    "/quote Díaz-Canel", "/quote Fidel Castro", "/quote blockade", "/sources",
    "/sources blockade", "/sources regime", "/compare Xi Jinping", "/compare blockade",
    "/compare regime", "/help", "/start", "/settings", "/search", "/search zzzyzx",
]


def _outlets_named(data: Any) -> set[str]:
    """Every outlet named in an answer's JSON: the `outlet`, `outlets` and `not_covered_by`
    fields, however deep."""
    named: set[str] = set()
    if isinstance(data, dict):
        for key, value in data.items():
            if key == "outlet" and isinstance(value, str):
                named.add(value)
            elif key in ("outlets", "not_covered_by") and isinstance(value, list):
                named |= {v for v in value if isinstance(v, str)}
            named |= _outlets_named(value)
    elif isinstance(data, list):
        for item in data:
            named |= _outlets_named(item)
    return named


@pytest.mark.parametrize("balance", [False, True])
@pytest.mark.parametrize("left_out", sorted(SEED_OUTLETS))
def test_an_outlet_left_out_appears_in_no_answer(
    answerer: Answerer, left_out: str, balance: bool
) -> None:
    scope = Scope(frozenset({left_out}), balance=balance)
    answered = 0
    for message in MESSAGES:
        answer = answerer.answer_text(message, scope)
        assert left_out not in to_text(answer), message
        assert left_out not in _outlets_named(answer.to_json()), message
        answered += not isinstance(answer, Notice)
    assert answered >= len(MESSAGES) - 5  # the scope leaves most questions an answer


def test_the_default_scope_admits_everything() -> None:
    assert Scope().admitted(["a", "b"]) == ["a", "b"]
    scope = Scope(frozenset({"b"}), results=3)
    assert scope.admitted(["a", "b", "c"]) == ["a", "c"]
    assert scope.limit(5) == 3 and Scope().limit(5) == 5
