"""Shared fixtures: the seed corpus indexed once per test session, in a temporary cache."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest
import yaml

from bot.answers.answerer import Answerer
from bot.config import Config, TelegramConfig, load_config
from bot.retrieval.cache import load_or_build
from bot.retrieval.index import NewsIndex

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
# Spanish articles (and an English one with a Spanish paragraph) written for the tests.
SPANISH = Path(__file__).resolve().parent / "data" / "spanish"
# The five outlets of the seed corpus, as seeds/sources.yaml names them.
SEED_OUTLETS = frozenset({
    "ExBulletin", "Struggle-La-Lucha.org", "CiberCuba", "The Left Chapter",
    "Notes from the Cuban Exile Quarter",
})


@pytest.fixture(autouse=True)
def _no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests talk only to servers they start on 127.0.0.1: never through a proxy set outside."""
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(scope="session")
def seed_config(tmp_path_factory: pytest.TempPathFactory) -> Config:
    config = load_config(ROOT / "config.yaml", SEEDS, environ={})
    config.index = dataclasses.replace(config.index, cache_dir=tmp_path_factory.mktemp("cache"))
    return config


@pytest.fixture(scope="session")
def seed_index(seed_config: Config) -> NewsIndex:
    index, _ = load_or_build(SEEDS, seed_config.corpus, seed_config.index)
    return index


@pytest.fixture(scope="session")
def answerer(seed_index: NewsIndex, seed_config: Config) -> Answerer:
    return Answerer(seed_index, seed_config)


@pytest.fixture(scope="session")
def mixed_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds and the Spanish test articles in one folder, with one sources.yaml."""
    folder = tmp_path_factory.mktemp("mixed")
    documents = {}
    for source in (SEEDS, SPANISH):
        for path in source.glob("*.txt"):
            shutil.copy(path, folder / path.name)
        documents.update(yaml.safe_load((source / "sources.yaml").read_text("utf-8"))["documents"])
    (folder / "sources.yaml").write_text(yaml.safe_dump({"documents": documents}), "utf-8")
    return folder


@pytest.fixture(scope="session")
def mixed_config(seed_config: Config, mixed_corpus: Path,
                 tmp_path_factory: pytest.TempPathFactory) -> Config:
    """A cache folder of its own: building another corpus's index in a folder removes the
    index there, which a loaded index still reads from."""
    return dataclasses.replace(
        seed_config, corpus=dataclasses.replace(seed_config.corpus, dir=mixed_corpus),
        index=dataclasses.replace(seed_config.index,
                                  cache_dir=tmp_path_factory.mktemp("mixed-cache")))


@pytest.fixture(scope="session")
def mixed_answerer(mixed_config: Config) -> Answerer:
    """Answers over the seeds and the Spanish test articles together."""
    index, _ = load_or_build(mixed_config.corpus.dir, mixed_config.corpus, mixed_config.index)
    return Answerer(index, mixed_config)


def on_telegram(config: Config, token: str, base_url: str, **telegram: Path | float) -> Config:
    """The configuration with a Bot API to run against (the fake one, in tests)."""
    section = TelegramConfig(token=token, base_url=base_url, **telegram)  # type: ignore[arg-type]
    return dataclasses.replace(config, telegram=section)
