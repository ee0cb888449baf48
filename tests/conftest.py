"""Shared fixtures: the seed corpus indexed once per test session, in a temporary cache."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.answering import Answerer
from bot.cli import settings_of
from bot.config import Config, load_config
from bot.index import NewsIndex, load_or_build

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
# The five outlets of the seed corpus, as seeds/sources.yaml names them.
SEED_OUTLETS = frozenset({
    "ExBulletin", "Struggle-La-Lucha.org", "CiberCuba", "The Left Chapter",
    "Notes from the Cuban Exile Quarter",
})


@pytest.fixture(scope="session")
def seed_config(tmp_path_factory: pytest.TempPathFactory) -> Config:
    config = load_config(ROOT / "config.yaml", SEEDS, environ={})
    config.cache_dir = tmp_path_factory.mktemp("cache")
    return config


@pytest.fixture(scope="session")
def seed_index(seed_config: Config) -> NewsIndex:
    index, _ = load_or_build(SEEDS, settings_of(seed_config), seed_config.cache_dir)
    return index


@pytest.fixture(scope="session")
def answerer(seed_index: NewsIndex, seed_config: Config) -> Answerer:
    return Answerer(seed_index, seed_config)
