"""Corpora at real size for the property tests: Timeline17 news beside the seeds.

The seeds are five outlets on one story; Timeline17 is thousands of real articles from other
outlets, years and topics, so a rule that holds only for the seeds shows up here. The data lives
beside the repository (`../shared/data`, as in CI) and is never copied into it: the articles are
written to a pytest temporary folder, indexed once per session, and the tests that need them are
skipped when the data is absent.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from bot.answers.answerer import Answerer
from bot.config import load_config
from bot.retrieval.cache import load_or_build
from bot.retrieval.index import NewsIndex
from bot.text import STOPWORDS, fold

ROOT = Path(__file__).resolve().parents[2]
DATA = (ROOT / ".." / "shared" / "data").resolve()
# One story told by three outlets (BBC, The Guardian, Reuters) and another story of one of them:
# 547 files, 3.3 MB of text, an index built in about 22 s of CPU. NEWSBOT_T17_TOPICS=all
# (or a comma-separated list of topics) runs on more; all ten take about 75 s to index.
TOPICS = ("H1N1_bbc", "H1N1_guardian", "H1N1_reuters", "MJ_bbc")


def t17_topics() -> tuple[str, ...]:
    chosen = os.environ.get("NEWSBOT_T17_TOPICS", "").strip()
    if chosen == "all":
        return tuple(sorted(p.name for p in (DATA / "t17").iterdir() if p.is_dir()))
    return tuple(t.strip() for t in chosen.split(",") if t.strip()) or TOPICS


@dataclass(frozen=True)
class Vocabulary:
    """Words and names a user of this corpus would type: its own, as its articles spell them."""

    words: tuple[str, ...]
    names: tuple[str, ...]


def vocabulary(index: NewsIndex, passages: int = 4000) -> Vocabulary:
    """The corpus's frequent words (stopwords left out) and a spread of rarer ones; its
    speakers and capitalized pairs (people, places, organisations)."""
    words: Counter[str] = Counter()
    pairs: Counter[str] = Counter()
    for passage in index.passages[:passages]:
        words.update(re.findall(r"[^\W\d_]{3,}", passage.text))
        pairs.update(m.group(0) for m in re.finditer(r"\b[A-Z][a-z]+ [A-Z][a-z]+\b", passage.text))
    ranked = [w for w, _ in words.most_common() if fold(w) not in STOPWORDS]
    speakers = sorted({q.speaker for q in index.quotes if q.speaker})
    return Vocabulary(
        words=tuple(ranked[:200] + ranked[200::max(1, len(ranked) // 200)]),
        names=tuple(speakers[:100] + [p for p, _ in pairs.most_common(100)]),
    )


@dataclass(frozen=True)
class Corpus:
    """One indexed corpus and what to ask it."""

    name: str
    answerer: Answerer
    vocabulary: Vocabulary


def _write_t17(target: Path, topics: tuple[str, ...]) -> int:
    """The topics' articles as a corpus folder a user would make: text files and sources.yaml."""
    from benchmarks.corpus import t17_articles  # the one reader of T17 (PTB tokens undone)

    sources = {}
    for article in t17_articles(DATA):
        if article.extra["topic"] in topics:
            (target / f"{article.doc_id}.txt").write_text(article.text(), encoding="utf-8")
            sources[article.doc_id] = article.meta
    (target / "sources.yaml").write_text(yaml.safe_dump({"documents": sources}), "utf-8")
    return len(sources)


@pytest.fixture(scope="session")
def t17_corpus(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    topics = t17_topics()
    missing = [t for t in topics if not (DATA / "t17" / t / "InputDocs").is_dir()]
    if missing:
        pytest.skip(f"Timeline17 data not found: {', '.join(missing)} under {DATA / 't17'} "
                    "(CI puts ../shared beside the clone; see ../shared/data/README.md)")
    folder = tmp_path_factory.mktemp("t17-corpus")
    if not _write_t17(folder, topics):
        pytest.skip(f"no Timeline17 articles in {', '.join(topics)}")
    config = load_config(ROOT / "config.yaml", folder, environ={})
    config.index = dataclasses.replace(config.index,
                                       cache_dir=tmp_path_factory.mktemp("t17-cache"))
    quiet = logging.getLogger("bot")
    level = quiet.level
    quiet.setLevel(logging.ERROR)  # a few T17 files are empty: one warning each is noise here
    try:
        index, _ = load_or_build(folder, config.corpus, config.index)
    finally:
        quiet.setLevel(level)
    return Corpus("t17", Answerer(index, config), vocabulary(index))


@pytest.fixture(scope="session")
def seeds_corpus(answerer: Answerer) -> Corpus:
    return Corpus("seeds", answerer, vocabulary(answerer.index))


@pytest.fixture(scope="session", params=["seeds", "t17"])
def corpus(request: pytest.FixtureRequest) -> Corpus:
    """Each property runs on both corpora."""
    found: Corpus = request.getfixturevalue(f"{request.param}_corpus")
    return found
