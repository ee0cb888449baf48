"""The seed corpus as the command modules take it: a `Library`."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from bot.answers.answerer import Answerer
from bot.answers.library import Library


@pytest.fixture(scope="session")
def library(answerer: Answerer) -> Library:
    return answerer.library


def configured(library: Library, **answers: Any) -> Library:
    """The same library with other answer settings, e.g. fewer timeline events."""
    return dataclasses.replace(library, config=dataclasses.replace(library.config, **answers))
